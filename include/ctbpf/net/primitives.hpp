// ctbpf/net/primitives.hpp (internal) — the code of each tcpdump primitive (host, port,
// vlan, ...) through the one emitter (compiler/emit.hpp), testing and loading what libpcap's
// gencode.c tests and loads, in the same order, on the link layer each was written on. Used by the
// tcpdump expressions (lower.hpp) and the filter language's tcpdump primitives (dsl/tcpdump.hpp).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "../compiler/emit.hpp"
#include "../detail/config.hpp"
#include "../encoding.hpp"
#include "../numbers.hpp"
#include "vocabulary.hpp"

namespace CTBPF_NAMESPACE::detail::net {
using namespace ctbpf::net;  // NOLINT
using compiler::emitter;

using bpf::opcode::jeq_k;
using bpf::opcode::jge_k;
using bpf::opcode::jgt_k;
using bpf::opcode::jset_k;

namespace protocol_number = ctbpf::ip_proto;
enum : std::uint32_t {
    ethertype_ip = ethertype::ipv4,
    ethertype_ip6 = ethertype::ipv6,
    ethertype_arp = ethertype::arp,
    ethertype_rarp = ethertype::rarp,
    ethertype_mpls = ethertype::mpls,
    ethertype_pppoed = ethertype::pppoe_discovery,
    ethertype_pppoes = ethertype::pppoe_session,
    ppp_mpls = 0x0281,
    packet_outgoing = 4,  ///< PACKET_OUTGOING, the packet type of what the host sent
};

/// The PPP protocol libpcap tests for an EtherType inside PPPoE (ethertype_to_ppptype): IPv4,
/// IPv6, DECnet, AppleTalk, XNS, and the LLC SAPs of OSI, spanning tree and IPX; any other number
/// as it is.
constexpr std::uint32_t ppp_protocol(std::uint32_t ethertype) noexcept {
    switch (ethertype) {
        case ethertype_ip: return 0x0021;
        case ethertype_ip6: return 0x0057;
        case 0x6003: return 0x0027;
        case 0x809b: return 0x0029;
        case 0x0600: return 0x0025;
        case llc_sap::iso: return 0x0023;
        case llc_sap::stp: return 0x0031;
        case llc_sap::ipx: return 0x002b;
        default: return ethertype;
    }
}

/// The code of each primitive (host, port, vlan, ...), shared by the tcpdump expressions below and
/// the filter language's tcpdump primitives (ctbpf/dsl/tcpdump.hpp): every function emits
/// backwards and returns the position of its first instruction; t and f are where it continues
/// when its test holds or not. Offsets come from the layout each primitive was written on
/// (syntax.hpp).
class primitives {
public:
    constexpr explicit primitives(emitter& e) noexcept : e_(e) {}

    /// Primitive p: to t when it holds, else to f.

    constexpr std::uint32_t primitive_code(const primitive& p, std::uint32_t t, std::uint32_t f) {
        const layout& at = p.at;
        switch (p.k) {
            case kind::proto_only: return protocol(at, p.p, t, f);
            case kind::proto_number:
                if (p.p == proto::ether) return linktype(at, p.lo, t, f);
                if (p.p == proto::ip) return ip_proto(at, p.lo, t, f);
                if (p.p == proto::ip6) return ip6_proto(at, p.lo, t, f);
                return ip_proto(at, p.lo, t, ip6_proto(at, p.lo, t, f));
            case kind::host:
            case kind::net:
                if (p.p == proto::decnet) return decnet_host(p, t, f);
                if (p.mac) return ether_host(p, p.d, t, f);
                if (p.v6) return host6(p, p.d, t, f);
                return host4(p, t, f);
            case kind::port:
            case kind::portrange: {  // IPv6 first, then IPv4 (gen_port6 or gen_port)
                const std::uint32_t v4 = ports(p, false, t, f);
                return ports(p, true, t, v4);
            }
            case kind::less:  // len <= n: not (len > n)
                return e_.stmt(bpf::ld | bpf::w | bpf::len, 0, e_.jump(jgt_k, p.lo, f, t));
            case kind::greater: return e_.stmt(bpf::ld | bpf::w | bpf::len, 0, e_.jump(jge_k, p.lo, t, f));
            case kind::ip_broadcast: {  // the destination & hostmask: 0, or all of the mask
                const std::uint32_t dst = at.network + 16u;
                return linktype(at, ethertype_ip, cmp(bpf::w, dst, 0, t, cmp(bpf::w, dst, p.lo, t, f, p.lo), p.lo), f);
            }
            case kind::ifindex:  // SLL2's interface index, or the kernel's (SKF_AD_IFINDEX)
                return load(bpf::w,
                            at.link == link_kind::sll2 ? at.header + 4u
                                                       : ancillary_offset + static_cast<std::uint32_t>(ext::ifidx),
                            e_.jump(jeq_k, p.lo, t, f));
            case kind::ether_broadcast: {
                constexpr std::array<std::uint8_t, 16> ff{0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
                return bytes6(at.header, ff, t, f);
            }
            case kind::ether_multicast: return load(bpf::b, at.header, e_.jump(jset_k, 1, t, f));
            case kind::llc: return llc_frame(p, t, f);
            case kind::iso_proto: return linktype(at, llc_sap::iso, cmp(bpf::b, osi_header(at), p.lo, t, f), f);
            case kind::isis_proto: {  // each PDU type a whole test of its own, as libpcap's gen_or
                std::uint32_t next = f;
                for (std::uint32_t i = p.hi; i-- > 0;) next = isis_pdu(at, p.bytes[i], t, next);
                return p.hi == 0 ? isis_pdu(at, p.lo, t, f) : next;
            }
            case kind::ip_multicast:  // the destination's first byte: >= 224, or 0xff
                if (p.p == proto::ip6) return linktype(at, ethertype_ip6, cmp(bpf::b, at.network + 24u, 0xff, t, f), f);
                return linktype(at, ethertype_ip, load(bpf::b, at.network + 16u, e_.jump(jge_k, 224, t, f)), f);
            default: return encapsulation(p, t, f);
        }
    }

protected:
    emitter& e_;

    // ---- building blocks ----------------------------------------------------------------------
    /// A test in a direction: src, dst, src or dst (the default), src and dst.
    template <class One>
    constexpr std::uint32_t direction(dir d, std::uint32_t src, std::uint32_t dst, std::uint32_t t, std::uint32_t f,
                                      One one) {
        switch (d) {
            case dir::src: return one(src, t, f);
            case dir::dst: return one(dst, t, f);
            case dir::src_and_dst: return one(src, one(dst, t, f), f);
            default: return one(src, t, one(dst, t, f));
        }
    }

    constexpr std::uint32_t load(std::uint16_t size, std::uint32_t offset, std::uint32_t next) {
        return e_.stmt(bpf::ld | size | bpf::abs, offset, next);
    }
    /// ld size [offset]; (and mask;) jeq value
    constexpr std::uint32_t cmp(std::uint16_t size, std::uint32_t offset, std::uint32_t value, std::uint32_t t,
                                std::uint32_t f, std::uint32_t mask = 0xffffffffu) {
        std::uint32_t test = e_.jump(jeq_k, value, t, f);
        if (mask != 0xffffffffu) test = e_.stmt(bpf::alu | bpf::and_ | bpf::k, mask, test);
        return load(size, offset, test);
    }
    /// The packet carries network protocol `type` (an EtherType), on layout `at` (gen_linktype):
    /// the type field; inside PPPoE its PPP protocol; on raw IP the version nibble (IPv4 and IPv6
    /// only, anything else is false); inside MPLS the bottom of the label stack, then the version
    /// (the parser refuses other protocols there, as libpcap does).
    constexpr std::uint32_t linktype(const layout& at, std::uint32_t type, std::uint32_t t, std::uint32_t f) {
        const bool ip = type == ethertype_ip, ip6 = type == ethertype_ip6;
        if (at.mpls > 0) {
            const std::uint32_t version = cmp(bpf::b, at.network, ip6 ? 0x60 : 0x40, t, f, 0xf0);
            return cmp(bpf::b, at.network - 2u, 1, version, f, 1);
        }
        switch (at.link) {
            case link_kind::raw: return ip || ip6 ? cmp(bpf::b, at.header, ip6 ? 0x60 : 0x40, t, f, 0xf0) : f;
            case link_kind::ppp: return cmp(bpf::h, at.type, ppp_protocol(type), t, f);
            case link_kind::ethernet: return ether_linktype(at, type, t, f);
            case link_kind::sll: return sll_linktype(at, type, t, f);
            default: return cmp(bpf::h, at.type, type, t, f);  // SLL2: the protocol field, whatever it holds
        }
    }
    /// Where an 802.3 frame's LLC header is (OR_LLC: the link payload; MPLS labels do not move it).
    static constexpr std::uint32_t llc_header(const layout& at) noexcept {
        return at.link == link_kind::ethernet ? at.type + 2u : at.network;
    }
    /// Where an OSI packet starts (OR_LINKPL_NOSNAP): after the 3-byte LLC header on Ethernet; on
    /// the other links libpcap takes the payload itself.
    static constexpr std::uint32_t osi_header(const layout& at) noexcept {
        return at.link == link_kind::ethernet ? at.type + 5u : at.network;
    }
    /// An 802.2 SNAP header at `at`: AA AA 03, the organization code, the type (gen_snap: the
    /// second word first).
    constexpr std::uint32_t snap(std::uint32_t at, std::uint32_t org, std::uint32_t type, std::uint32_t t,
                                 std::uint32_t f) {
        const std::uint32_t first = 0xaaaa0300u | (org >> 16), second = (org & 0xffffu) << 16 | type;
        return cmp(bpf::w, at + 4, second, cmp(bpf::w, at, first, t, f), f);
    }
    /// gen_ether_linktype: an EtherType in the type field; a value up to 1500 (an 802.3 length
    /// there) is an LLC SAP: the frame is 802.3 and its DSAP (and SSAP, for OSI, IP and NetBEUI) is
    /// the value; IPX and AppleTalk may also come in 802.2 (SNAP, Novell's raw 802.3).
    constexpr std::uint32_t ether_linktype(const layout& at, std::uint32_t type, std::uint32_t t, std::uint32_t f) {
        const std::uint32_t llc = llc_header(at);
        const auto ieee802_3 = [&](std::uint32_t next) {  // not (type > 1500)
            return load(bpf::h, at.type, e_.jump(jgt_k, 1500, f, next));
        };
        switch (type) {
            case llc_sap::iso:
            case llc_sap::ip:
            case llc_sap::netbeui: return ieee802_3(cmp(bpf::h, llc, type << 8 | type, t, f));
            case llc_sap::ipx: {  // Ethernet II, or 802.3 with SNAP, the IPX SAP or Novell's 0xffff
                const std::uint32_t novell = cmp(bpf::h, llc, 0xffff, t, f);
                const std::uint32_t sap = cmp(bpf::b, llc, llc_sap::ipx, t, novell);
                return cmp(bpf::h, at.type, ethertype::ipx, t, ieee802_3(snap(llc, 0, ethertype::ipx, t, sap)));
            }
            case ethertype::appletalk:
            case ethertype::appletalk_arp: {
                const std::uint32_t org = type == ethertype::appletalk ? 0x080007u : 0u;
                return cmp(bpf::h, at.type, type, t, ieee802_3(snap(llc, org, type, t, f)));
            }
            default: return type <= 1500 ? ieee802_3(cmp(bpf::b, llc, type, t, f)) : cmp(bpf::h, at.type, type, t, f);
        }
    }
    /// gen_linux_sll_linktype: as on Ethernet, with the cooked header's protocols for 802.2 (4)
    /// and Novell's raw 802.3 (1) in place of the length test.
    constexpr std::uint32_t sll_linktype(const layout& at, std::uint32_t type, std::uint32_t t, std::uint32_t f) {
        constexpr std::uint32_t ieee802_2 = 4, novell = 1;
        const std::uint32_t llc = llc_header(at);
        switch (type) {
            case llc_sap::iso:
            case llc_sap::ip:
            case llc_sap::netbeui: return cmp(bpf::h, at.type, ieee802_2, cmp(bpf::h, llc, type << 8 | type, t, f), f);
            case llc_sap::ipx: {
                const std::uint32_t sap = cmp(bpf::b, llc, llc_sap::ipx, t, snap(llc, 0, ethertype::ipx, t, f));
                return cmp(bpf::h, at.type, ethertype::ipx, t,
                           cmp(bpf::h, at.type, novell, t, cmp(bpf::h, at.type, ieee802_2, sap, f)));
            }
            case ethertype::appletalk:
            case ethertype::appletalk_arp: {
                const std::uint32_t org = type == ethertype::appletalk ? 0x080007u : 0u;
                return cmp(bpf::h, at.type, type, t, cmp(bpf::h, at.type, ieee802_2, snap(llc, org, type, t, f), f));
            }
            default:
                return type <= 1500 ? cmp(bpf::h, at.type, ieee802_2, cmp(bpf::b, llc, type, t, f), f)
                                    : cmp(bpf::h, at.type, type, t, f);
        }
    }
    /// An IS-IS PDU of type `type`: OSI, IS-IS (0x83), the PDU type byte 4 bytes later.
    constexpr std::uint32_t isis_pdu(const layout& at, std::uint32_t type, std::uint32_t t, std::uint32_t f) {
        const std::uint32_t osi = osi_header(at);
        return linktype(at, llc_sap::iso, cmp(bpf::b, osi, 0x83, cmp(bpf::b, osi + 4, type, t, f), f), f);
    }
    /// An 802.2 LLC frame (gen_llc): 802.3, and not Novell's raw 802.3 (0xffff where the LLC
    /// header would be); with a frame format or command, the control byte under its mask.
    constexpr std::uint32_t llc_frame(const primitive& p, std::uint32_t t, std::uint32_t f) {
        const std::uint32_t llc = llc_header(p.at);
        const std::uint32_t control = p.has_number ? cmp(bpf::b, llc + 2, p.lo, t, f, p.hi) : t;
        return load(bpf::h, p.at.type, e_.jump(jgt_k, 1500, f, cmp(bpf::h, llc, 0xffff, f, control)));
    }
    /// An IPv4 packet's transport protocol: ip and ip[9] == p.
    constexpr std::uint32_t ip_proto(const layout& at, std::uint32_t p, std::uint32_t t, std::uint32_t f) {
        return linktype(at, ethertype_ip, cmp(bpf::b, at.network + 9u, p, t, f), f);
    }
    /// An IPv6 packet's next header, or the one after a fragment header: ip6 and (ip6[6] == p or
    /// (ip6[6] == 44 and ip6[40] == p)).
    constexpr std::uint32_t ip6_proto(const layout& at, std::uint32_t p, std::uint32_t t, std::uint32_t f) {
        const std::uint32_t nl = at.network;
        const std::uint32_t fragment = cmp(bpf::b, nl + 6, 44, cmp(bpf::b, nl + 40, p, t, f), f);
        return linktype(at, ethertype_ip6, cmp(bpf::b, nl + 6, p, t, fragment), f);
    }
    /// Not a fragment after the first: ldh [20]; jset #0x1fff.
    constexpr std::uint32_t ip_first_fragment(const layout& at, std::uint32_t t, std::uint32_t f) {
        return load(bpf::h, at.network + 6u, e_.jump(jset_k, 0x1fff, f, t));
    }

    static constexpr std::uint32_t ip_number(proto p) noexcept {
        switch (p) {
            case proto::tcp: return protocol_number::tcp;
            case proto::udp: return protocol_number::udp;
            case proto::sctp: return protocol_number::sctp;
            case proto::icmp: return protocol_number::icmp;
            case proto::icmp6: return protocol_number::icmpv6;
            case proto::igmp: return protocol_number::igmp;
            case proto::pim: return protocol_number::pim;
            case proto::vrrp: return protocol_number::vrrp;
            case proto::ah: return protocol_number::ah;
            case proto::esp: return protocol_number::esp;
            default: return 0;
        }
    }

    /// The protocol alone (gen_proto_abbrev): `ip`, `tcp`, ...
    constexpr std::uint32_t protocol(const layout& at, proto p, std::uint32_t t, std::uint32_t f) {
        switch (p) {
            case proto::ip: return linktype(at, ethertype_ip, t, f);
            case proto::ip6: return linktype(at, ethertype_ip6, t, f);
            case proto::arp: return linktype(at, ethertype_arp, t, f);
            case proto::rarp: return linktype(at, ethertype_rarp, t, f);
            case proto::decnet: return linktype(at, ethertype::decnet, t, f);  // `decnet[i]`
            case proto::icmp:
            case proto::igmp:
            case proto::vrrp: return ip_proto(at, ip_number(p), t, f);
            case proto::icmp6: return ip6_proto(at, 58, t, f);
            default:  // tcp, udp, sctp, pim, ah, esp: IPv4 first, then IPv6
                return ip_proto(at, ip_number(p), t, ip6_proto(at, ip_number(p), t, f));
        }
    }

    // ---- primitives ---------------------------------------------------------------------------------

    /// vlan, mpls, pppoed, pppoes, inbound, outbound (the parser moves what follows them).
    constexpr std::uint32_t encapsulation(const primitive& p, std::uint32_t t, std::uint32_t f) {
        const layout& at = p.at;
        switch (p.k) {
            case kind::vlan: {  // a tag of any of the three TPIDs, then the 12-bit id
                const std::uint32_t tagged = p.has_number ? cmp(bpf::h, at.network, p.lo, t, f, 0x0fff) : t;
                return cmp(bpf::h, at.type, 0x8100, tagged,
                           cmp(bpf::h, at.type, 0x88a8, tagged, cmp(bpf::h, at.type, 0x9100, tagged, f)));
            }
            case kind::mpls: {  // the first label by its type, an inner one by the bottom bit before it
                const std::uint32_t labelled =
                    p.has_number ? cmp(bpf::w, at.network, p.lo << 12, t, f, 0xfffff000u) : t;
                if (at.mpls > 0) return cmp(bpf::b, at.network - 2u, 0, labelled, f, 1);
                if (at.link == link_kind::ppp) return cmp(bpf::h, at.type, ppp_mpls, labelled, f);
                return linktype(at, ethertype_mpls, labelled, f);
            }
            case kind::pppoed: return linktype(at, ethertype_pppoed, t, f);
            case kind::pppoes: {  // the session id: the low half of the PPPoE header's first word
                const std::uint32_t session = p.has_number ? cmp(bpf::w, at.network, p.lo, t, f, 0xffff) : t;
                return linktype(at, ethertype_pppoes, session, f);
            }
            default: {  // inbound, outbound: the cooked header's packet type, or the kernel's
                const std::uint32_t yes = p.k == kind::outbound ? t : f, no = p.k == kind::outbound ? f : t;
                const std::uint32_t test = e_.jump(jeq_k, packet_outgoing, yes, no);
                if (at.link == link_kind::sll) return load(bpf::h, at.header, test);
                if (at.link == link_kind::sll2) return load(bpf::b, at.header + 10u, test);
                return load(bpf::h, ancillary_offset + static_cast<std::uint32_t>(ext::type), test);
            }
        }
    }

    /// A DECnet host (gen_dnhostop): the routing header after the 2-byte length, short (flags,
    /// destination, source) or long (flags, areas, destination, ..., source), with or without a
    /// pad byte before it; the address little-endian, as it is on the wire. Four tests per
    /// direction, in libpcap's order: short without pad, short with, long without, long with.
    constexpr std::uint32_t decnet_host(const primitive& p, std::uint32_t t, std::uint32_t f) {
        const std::uint32_t payload = p.at.network, address = (p.lo & 0xffu) << 8 | p.lo >> 8;
        const auto one = [&](std::uint32_t source, std::uint32_t yes, std::uint32_t no) {
            const std::uint32_t in_short = source ? 3 : 1, in_long = source ? 15 : 7;
            std::uint32_t next = no;
            next =
                cmp(bpf::h, payload + 2, 0x8106, cmp(bpf::h, payload + 3 + in_long, address, yes, next), next, 0xff07);
            next = cmp(bpf::b, payload + 2, 0x06, cmp(bpf::h, payload + 2 + in_long, address, yes, next), next, 0x07);
            next =
                cmp(bpf::h, payload + 2, 0x8102, cmp(bpf::h, payload + 3 + in_short, address, yes, next), next, 0xff07);
            next = cmp(bpf::b, payload + 2, 0x02, cmp(bpf::h, payload + 2 + in_short, address, yes, next), next, 0x07);
            return linktype(p.at, ethertype::decnet, next, no);
        };
        return direction(p.d, 1, 0, t, f, one);
    }

    /// IPv4 host or net: ip, then arp, then rarp (without a protocol), each direction with its own
    /// link-type test (gen_host, gen_hostop).
    constexpr std::uint32_t host4(const primitive& p, std::uint32_t t, std::uint32_t f) {
        struct family {
            proto p;
            std::uint32_t type, src, dst;
        };
        const std::uint32_t nl = p.at.network;
        const family families[] = {{proto::ip, ethertype_ip, nl + 12, nl + 16},
                                   {proto::arp, ethertype_arp, nl + 14, nl + 24},
                                   {proto::rarp, ethertype_rarp, nl + 14, nl + 24}};
        std::uint32_t next = f;
        // over MPLS an unqualified host is IPv4 only (gen_host)
        for (std::size_t i = p.p == proto::none && p.at.mpls > 0 ? 1 : 3; i-- > 0;) {
            const family& fam = families[i];
            if (p.p != proto::none && p.p != fam.p) continue;
            const auto one = [&](std::uint32_t offset, std::uint32_t yes, std::uint32_t no) {
                return linktype(p.at, fam.type, cmp(bpf::w, offset, p.lo, yes, no, p.hi), no);
            };
            next = direction(p.d, fam.src, fam.dst, t, next, one);
        }
        return next;
    }

    /// IPv6 host or net: ip6 (src at 8, dst at 24), the four words in order, each masked.
    constexpr std::uint32_t host6(const primitive& p, dir d, std::uint32_t t, std::uint32_t f) {
        const auto one = [&](std::uint32_t offset, std::uint32_t yes, std::uint32_t no) {
            std::uint32_t next = yes;
            for (std::size_t w = 4; w-- > 0;) {
                std::uint32_t value = 0, mask = 0;
                for (std::size_t b = 0; b < 4; ++b) {
                    const std::size_t bit = 8 * (4 * w + b);
                    const std::uint32_t byte_mask = bit + 8 <= p.prefix ? 0xffu
                                                    : bit >= p.prefix   ? 0u
                                                                        : (0xffu << (8 - (p.prefix - bit))) & 0xffu;
                    value = value << 8 | p.bytes[4 * w + b];
                    mask = mask << 8 | byte_mask;
                }
                next = cmp(bpf::w, offset + 4 * static_cast<std::uint32_t>(w), value, next, no, mask);
            }
            return linktype(p.at, ethertype_ip6, next, no);
        };
        return direction(d, p.at.network + 8u, p.at.network + 24u, t, f, one);
    }

    /// Six bytes at offset: the last four as a word, then the first two (gen_bcmp).
    constexpr std::uint32_t bytes6(std::uint32_t offset, const std::array<std::uint8_t, 16>& m, std::uint32_t t,
                                   std::uint32_t f) {
        const std::uint32_t word =
            std::uint32_t{m[2]} << 24 | std::uint32_t{m[3]} << 16 | std::uint32_t{m[4]} << 8 | m[5];
        const std::uint32_t half = std::uint32_t{m[0]} << 8 | m[1];
        return cmp(bpf::w, offset + 2, word, cmp(bpf::h, offset, half, t, f), f);
    }
    constexpr std::uint32_t ether_host(const primitive& p, dir d, std::uint32_t t, std::uint32_t f) {
        return direction(d, p.at.header + 6u, p.at.header, t, f,
                         [&](std::uint32_t offset, std::uint32_t yes, std::uint32_t no) {
                             return bytes6(offset, p.bytes, yes, no);
                         });
    }

    /// Ports of one IP version: sctp, tcp, udp (or the one named), each: the protocol, (IPv4: not
    /// a later fragment,) then the port in the direction asked (gen_portop, gen_portop6).
    constexpr std::uint32_t ports(const primitive& p, bool v6, std::uint32_t t, std::uint32_t f) {
        constexpr proto order[] = {proto::sctp, proto::tcp, proto::udp};
        const std::uint32_t nl = p.at.network;
        std::uint32_t next = f;
        for (std::size_t i = 3; i-- > 0;) {
            if (p.p != proto::none && p.p != order[i]) continue;
            const std::uint32_t number = ip_number(order[i]);
            const auto one = [&](std::uint32_t offset, std::uint32_t yes, std::uint32_t no) {
                const auto field = [&](std::uint32_t then) {  // the port field, loaded
                    return v6 ? load(bpf::h, nl + 40 + offset, then)
                              : e_.stmt(bpf::ldx | bpf::b | bpf::msh, nl,
                                        e_.stmt(bpf::ld | bpf::h | bpf::ind, nl + offset, then));
                };
                if (p.k == kind::port) return field(e_.jump(jeq_k, p.lo, yes, no));
                // portrange: port >= lo, then (loaded again) not port > hi
                return field(e_.jump(jge_k, p.lo, field(e_.jump(jgt_k, p.hi, no, yes)), no));
            };
            const std::uint32_t test = direction(p.d, 0, 2, t, next, one);
            next = v6 ? cmp(bpf::b, nl + 6, number, test, next)
                      : cmp(bpf::b, nl + 9, number, ip_first_fragment(p.at, test, next), next);
        }
        return linktype(p.at, v6 ? ethertype_ip6 : ethertype_ip, next, f);
    }
};

}  // namespace CTBPF_NAMESPACE::detail::net
