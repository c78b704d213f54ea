// ctbpf/net/vocabulary.hpp — the words of the network primitives that tcpdump expressions and
// the filter language's tcpdump primitives share: the link types, protocol, direction and type
// qualifiers, a primitive with its operands, and the link layer it stands on (what `vlan`, `mpls`
// and `pppoes` move), with libpcap's rules of where each primitive means something.
#pragma once

#include <array>
#include <cstdint>

#include "../detail/config.hpp"

namespace CTBPF_NAMESPACE {

/// The link-layer header type of the packets a pcap-filter expression is compiled for (the DLT
/// of pcap_open_dead). (`ctbpf::link` is the builders' linker, hence link_type::.)
enum class link_type : std::uint8_t {
    ethernet,    ///< DLT_EN10MB (1)
    raw_ip,      ///< DLT_RAW (12 on Linux): the packet starts with its IPv4 or IPv6 header
    linux_sll,   ///< DLT_LINUX_SLL (113): Linux cooked capture, 16-byte header
    linux_sll2,  ///< DLT_LINUX_SLL2 (276): Linux cooked capture v2, 20-byte header
};

}  // namespace CTBPF_NAMESPACE

namespace CTBPF_NAMESPACE::net {

/// Protocol qualifiers (and the protocols `proto[...]` loads from).
enum class proto : std::uint8_t {
    none,
    ether,
    ip,
    ip6,
    arp,
    rarp,
    tcp,
    udp,
    sctp,
    icmp,
    icmp6,
    igmp,
    pim,
    vrrp,
    ah,
    esp,
    link,
    decnet  ///< `decnet host A`, `decnet src A`, ...: DECnet Phase IV addresses (`decnet` alone is `ether proto`)
};
/// Direction qualifiers.
enum class dir : std::uint8_t { none, src, dst, src_or_dst, src_and_dst };
/// Type qualifiers and the other primitives.
enum class kind : std::uint8_t {
    proto_only,    ///< `tcp`, `ip6`, `arp`: the protocol alone
    proto_number,  ///< `proto 6`, `ip proto 6`, `ether proto 0x800`
    host,          ///< IPv4 (a, mask ~0) or IPv6 (addr6) or ether (mac)
    net,           ///< IPv4 (a, mask) or IPv6 (addr6, prefix)
    port,          ///< lo
    portrange,     ///< lo-hi
    less,          ///< len <= lo
    greater,       ///< len >= lo
    ether_broadcast,
    ether_multicast,
    ip_multicast,  ///< `ip multicast` (destination 224.0.0.0/4), `ip6 multicast` (ff00::/8)
    vlan,          ///< an 802.1Q/802.1ad/QinQ tag (with its id if has_number); later offsets move by 4
    mpls,          ///< an MPLS label (lo if has_number); later network-layer offsets move by 4
    pppoed,        ///< PPPoE discovery
    pppoes,        ///< PPPoE session (lo if has_number); later primitives look into its PPP packet
    inbound,       ///< the packet type is not PACKET_OUTGOING (Linux cooked captures, or the kernel's)
    outbound,      ///< the packet type is PACKET_OUTGOING
    llc,           ///< an 802.2 LLC frame (not Novell's raw 802.3); with has_number, its control byte & hi == lo
    iso_proto,     ///< an OSI packet (LLC SAP 0xfe) of network-layer protocol lo (`isis`, `iso proto N`)
    isis_proto,    ///< an IS-IS PDU of type lo (`isis proto N`), or of any of the hi types in bytes (`l1`)
    ifindex,       ///< the interface the packet came on is lo (SLL2's field, or the kernel's)
    ip_broadcast,  ///< `ip broadcast`: the IPv4 destination's host part (mask lo) all zeros or all ones
};

/// The link layer as libpcap sees it: where the link header, the type field and the network
/// layer are, and how a network protocol is tested. `vlan`, `mpls` and `pppoes` change it for the
/// primitives written after them (libpcap's offsets are parser state: `vlan 100 or tcp` looks
/// for TCP behind the tag).
enum class link_kind : std::uint8_t {
    ethernet,  ///< DLT_EN10MB: an EtherType at `type`
    sll,       ///< DLT_LINUX_SLL: the protocol at `type` (14), the packet type at 0
    sll2,      ///< DLT_LINUX_SLL2: the protocol at `type` (0), the packet type at 10
    raw,       ///< DLT_RAW: no link header; IPv4 and IPv6 by the version nibble
    ppp,       ///< the PPP packet inside PPPoE: a PPP protocol at `type`
};
struct layout {
    link_kind link = link_kind::ethernet;
    std::uint8_t mpls = 0;       ///< MPLS labels before the network layer
    std::uint16_t header = 0;    ///< the link header (`ether[0]`)
    std::uint16_t type = 12;     ///< the type field
    std::uint16_t network = 14;  ///< the network layer (`ip[0]`)
};
/// The layout a capture of link type l starts with.
constexpr layout layout_of(link_type l) noexcept {
    switch (l) {
        case link_type::raw_ip: return {link_kind::raw, 0, 0, 0, 0};
        case link_type::linux_sll: return {link_kind::sll, 0, 0, 14, 16};
        case link_type::linux_sll2: return {link_kind::sll2, 0, 0, 0, 20};
        default: return {};
    }
}

/// A primitive: qualifiers and what they apply to.
struct primitive {
    proto p = proto::none;
    dir d = dir::none;
    kind k = kind::proto_only;
    bool v6 = false, mac = false, has_number = false;
    layout at{};                           ///< the link layer where the primitive was written
    std::uint32_t lo = 0, hi = 0;          ///< numbers, ports, IPv4 address and mask
    std::array<std::uint8_t, 16> bytes{};  ///< IPv6 address, or MAC in the first 6
    std::uint32_t prefix = 128;            ///< IPv6 prefix length
};

/// Whether p means something on its link layer, as libpcap decides: link-layer addresses only
/// on Ethernet; VLAN tags only on Ethernet and not inside MPLS; MPLS on Ethernet or in PPPoE;
/// over MPLS only IPv4 and IPv6 (gen_linktype's "unsupported protocol over mpls"); the packet
/// direction and the interface not inside PPPoE (where libpcap compiles a load that is neither); `llc`
/// only on Ethernet (where libpcap ignores MPLS labels: it tests the link layer's type field).
constexpr bool fits(const primitive& p) noexcept {
    const bool ethernet = p.at.link == link_kind::ethernet;
    if (p.mac || p.k == kind::ether_broadcast || p.k == kind::ether_multicast || p.k == kind::llc) return ethernet;
    if (p.k == kind::vlan) return ethernet && p.at.mpls == 0;
    if (p.k == kind::mpls) return ethernet || p.at.link == link_kind::ppp;
    // libpcap's program after pppoes loads the packet type from the PPP header's offset past
    // the ancillary base: not the packet type
    if ((p.k == kind::inbound || p.k == kind::outbound || p.k == kind::ifindex) && p.at.link == link_kind::ppp)
        return false;
    if (p.at.mpls == 0) return true;
    switch (p.k) {
        case kind::pppoed:
        case kind::pppoes:
        case kind::iso_proto:
        case kind::isis_proto: return false;
        case kind::proto_only:
        case kind::host:
        case kind::net: return p.p != proto::arp && p.p != proto::rarp && p.p != proto::decnet;
        case kind::proto_number: return p.p != proto::ether || p.lo == 0x0800 || p.lo == 0x86dd;
        default: return true;
    }
}

/// The link layer after primitive p: `vlan` moves the type field and the network layer by 4,
/// `mpls` the network layer by 4, `pppoes` into its PPP packet (gen_vlan, gen_mpls, gen_pppoes).
constexpr void move_past(const primitive& p, layout& at) noexcept {
    switch (p.k) {
        case kind::vlan:
            at.type = static_cast<std::uint16_t>(at.type + 4);
            at.network = static_cast<std::uint16_t>(at.network + 4);
            break;
        case kind::mpls:
            at.network = static_cast<std::uint16_t>(at.network + 4);
            ++at.mpls;
            break;
        case kind::pppoes:  // a PPP packet 6 bytes into the payload: its protocol, then its data
            at.link = link_kind::ppp;
            at.header = static_cast<std::uint16_t>(at.network + 6);
            at.type = at.header;
            at.network = static_cast<std::uint16_t>(at.header + 2);
            break;
        default: break;
    }
}

}  // namespace CTBPF_NAMESPACE::net
