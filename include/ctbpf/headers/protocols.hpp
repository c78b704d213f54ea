// ctbpf/headers/protocols.hpp — Ethernet, 802.1Q/802.1ad, ARP, IPv4, IPv6, TCP, UDP, ICMP and
// ICMPv6 layouts, and the usual stacks (transport after IPv4's variable-length header, frames
// with or without an in-frame VLAN tag, the kernel's ancillary VLAN view).
// Usage: constexpr auto ip = at<ipv4_header>(14); constexpr auto f = ip.proto == 6 && after_ipv4<tcp_header>(14).dport == 80;
// The layouts end in _header so that `using namespace ctbpf::headers;` leaves a user's `tcp` or `arp` alone.
#pragma once

#include <cstdint>

#include <boost/hana/define_struct.hpp>

#include "../detail/config.hpp"
#include "../numbers.hpp"
#include "layout.hpp"

namespace CTBPF_NAMESPACE::headers {

template <class Base>
struct ethernet_header {
    BOOST_HANA_DEFINE_STRUCT(ethernet_header, (octets<6, Base>, dst), (octets<6, Base>, src), (field<2, Base>, type));
};

/// The 4 bytes after an 802.1Q/802.1ad TPID: tag control information and the inner EtherType.
template <class Base>
struct vlan_header {
    BOOST_HANA_DEFINE_STRUCT(vlan_header, (field<2, Base>, tci), (field<2, Base>, type));
    constexpr auto id() const { return tci & 0x0fff; }
    constexpr auto priority() const { return tci >> 13; }
};

template <class Base>
struct arp_header {
    BOOST_HANA_DEFINE_STRUCT(arp_header, (field<2, Base>, htype), (field<2, Base>, ptype), (field<1, Base>, hlen),
                             (field<1, Base>, plen), (field<2, Base>, oper), (octets<6, Base>, sha),
                             (field<4, Base>, spa), (octets<6, Base>, tha), (field<4, Base>, tpa));
};

template <class Base>
struct ipv4_header {
    BOOST_HANA_DEFINE_STRUCT(ipv4_header, (field<1, Base>, version_ihl), (field<1, Base>, tos),
                             (field<2, Base>, total_length), (field<2, Base>, id), (field<2, Base>, flags_fragment),
                             (field<1, Base>, ttl), (field<1, Base>, proto), (field<2, Base>, checksum),
                             (field<4, Base>, src), (field<4, Base>, dst));
    constexpr auto version() const { return version_ihl >> 4; }
    /// Fragment offset (in 8-byte units): non-zero for every fragment but the first.
    constexpr auto fragment_offset() const { return flags_fragment & 0x1fff; }
    constexpr auto more_fragments() const { return (flags_fragment & 0x2000) != 0; }
};

template <class Base>
struct ipv6_header {
    BOOST_HANA_DEFINE_STRUCT(ipv6_header, (field<4, Base>, version_class_flow), (field<2, Base>, payload_length),
                             (field<1, Base>, next_header), (field<1, Base>, hop_limit), (octets<16, Base>, src),
                             (octets<16, Base>, dst));
};

template <class Base>
struct tcp_header {
    BOOST_HANA_DEFINE_STRUCT(tcp_header, (field<2, Base>, sport), (field<2, Base>, dport), (field<4, Base>, seq),
                             (field<4, Base>, ack), (field<1, Base>, data_offset), (field<1, Base>, flags),
                             (field<2, Base>, window), (field<2, Base>, checksum), (field<2, Base>, urgent));
};
/// TCP flag bits of tcp_header::flags (ctbpf/numbers.hpp).
namespace tcp_flags = ctbpf::tcp_flags;

template <class Base>
struct udp_header {
    BOOST_HANA_DEFINE_STRUCT(udp_header, (field<2, Base>, sport), (field<2, Base>, dport), (field<2, Base>, length),
                             (field<2, Base>, checksum));
};

template <class Base>
struct icmp_header {
    BOOST_HANA_DEFINE_STRUCT(icmp_header, (field<1, Base>, type), (field<1, Base>, code), (field<2, Base>, checksum),
                             (field<4, Base>, rest));
};

template <class Base>
struct icmpv6_header {
    BOOST_HANA_DEFINE_STRUCT(icmpv6_header, (field<1, Base>, type), (field<1, Base>, code), (field<2, Base>, checksum));
};

// ---- EtherTypes, IP protocol numbers, ICMP types (ctbpf/numbers.hpp) -------------------------
namespace ethertype = ctbpf::ethertype;
namespace ip_proto = ctbpf::ip_proto;
namespace icmp_type = ctbpf::icmp_type;
namespace icmp6_type = ctbpf::icmp6_type;

// ---- stacks ----------------------------------------------------------------------------------
/// The first byte after the IPv4 header at `ip` (its length from the IHL: ldxb 4*([ip]&0xf)).
constexpr auto ipv4_payload(std::uint32_t ip) { return dsl::ip_hlen(ip) + ip; }

/// Transport headers after an IPv4 header at `ip` (variable length) or IPv6 at `ip` (40 bytes).
template <template <class> class Transport>
constexpr auto after_ipv4(std::uint32_t ip) {
    return at<Transport>(ipv4_payload(ip));
}
template <template <class> class Transport>
constexpr auto after_ipv6(std::uint32_t ip) {
    return at<Transport>(ip + 40);
}

/// Is this EtherType value an 802.1Q/802.1ad TPID (libpcap's `vlan` accepts all three)?
template <dsl::value V>
constexpr auto is_vlan_tpid(V type) {
    return dsl::in(type, {ethertype::vlan, ethertype::qinq, ethertype::qinq_old});
}

/// The frame as a capture file keeps it: f(l3, type) for the layer-3 offset and EtherType, once
/// for an untagged frame (14, eth.type) and once behind one in-frame tag (18, vlan.type).
template <class F>
constexpr auto untagged_or_tagged(F f) {
    constexpr auto eth = at<ethernet_header>(0);
    constexpr auto tag = at<vlan_header>(14);
    return dsl::choose(is_vlan_tpid(eth.type), f(18u, tag.type), f(14u, eth.type));
}

/// The frame as a live Linux socket sees it: the tag, if any, is in metadata (vlan_present,
/// vlan_tci) and the frame is untagged: f(14, eth.type).
template <class F>
constexpr auto kernel_untagged(F f) {
    constexpr auto eth = at<ethernet_header>(0);
    return f(14u, eth.type);
}

}  // namespace CTBPF_NAMESPACE::headers
