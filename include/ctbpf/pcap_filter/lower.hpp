// ctbpf/pcap_filter/lower.hpp (internal) — a parsed pcap-filter expression to classic BPF through
// the one emitter (compiler/emit.hpp). Each primitive tests and loads what libpcap's gencode.c
// tests and loads, in the same order, so that the program means what libpcap's unoptimized program
// means on every packet, truncated ones included (a load past the end rejects the packet there);
// the optimizer then shortens it without changing that (docs/pcap-filter.md).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "../compiler/emit.hpp"
#include "../detail/config.hpp"
#include "../encoding.hpp"
#include "parse.hpp"

namespace CTBPF_NAMESPACE::detail::pcap_expr {
using namespace ctbpf::pcap_expr;  // NOLINT
using compiler::emitter;

inline constexpr std::uint16_t jeq_k = bpf::jmp | bpf::jeq | bpf::k, jgt_k = bpf::jmp | bpf::jgt | bpf::k,
                               jge_k = bpf::jmp | bpf::jge | bpf::k, jset_k = bpf::jmp | bpf::jset | bpf::k;

enum : std::uint32_t {
    ethertype_ip = 0x0800,
    ethertype_ip6 = 0x86dd,
    ethertype_arp = 0x0806,
    ethertype_rarp = 0x8035,
    ethertype_mpls = 0x8847,
    ethertype_pppoed = 0x8863,
    ethertype_pppoes = 0x8864,
    ppp_mpls = 0x0281,
    packet_outgoing = 4,  ///< PACKET_OUTGOING, the packet type of what the host sent
};

/// The PPP protocol libpcap tests for an EtherType inside PPPoE (ethertype_to_ppptype): IPv4,
/// IPv6, DECnet, AppleTalk, XNS; any other number as it is.
constexpr std::uint32_t ppp_protocol(std::uint32_t ethertype) noexcept {
    switch (ethertype) {
        case ethertype_ip: return 0x0021;
        case ethertype_ip6: return 0x0057;
        case 0x6003: return 0x0027;
        case 0x809b: return 0x0029;
        case 0x0600: return 0x0025;
        default: return ethertype;
    }
}

/// The lowering of one expression: every function emits backwards and returns the position of
/// its first instruction; t and f are where it continues when its test holds or not. Offsets
/// come from the layout each primitive and load was written on (syntax.hpp).
class lowering {
public:
    constexpr lowering(const expression& x, emitter& e) noexcept : x_(x), e_(e) {}

    /// The program: the expression, accepting with `snaplen` (libpcap returns the handle's
    /// snapshot length) or rejecting with 0.
    constexpr std::uint32_t program(std::uint32_t snaplen) {
        // emitted backwards: `ret #0` last, `ret #snaplen` before it, as libpcap places them
        const std::uint32_t no = e_.ret(bpf::ret | bpf::k, 0), yes = e_.ret(bpf::ret | bpf::k, snaplen);
        return cond(x_.root, yes, no);
    }
    bool too_many_cells = false;

private:
    const expression& x_;
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
            default: return cmp(bpf::h, at.type, type, t, f);
        }
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
            case proto::tcp: return 6;
            case proto::udp: return 17;
            case proto::sctp: return 132;
            case proto::icmp: return 1;
            case proto::icmp6: return 58;
            case proto::igmp: return 2;
            case proto::pim: return 103;
            case proto::vrrp: return 112;
            case proto::ah: return 51;
            case proto::esp: return 50;
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
            case proto::icmp:
            case proto::igmp:
            case proto::vrrp: return ip_proto(at, ip_number(p), t, f);
            case proto::icmp6: return ip6_proto(at, 58, t, f);
            default:  // tcp, udp, sctp, pim, ah, esp: IPv4 first, then IPv6
                return ip_proto(at, ip_number(p), t, ip6_proto(at, ip_number(p), t, f));
        }
    }

    // ---- the tree ---------------------------------------------------------------------------------
    constexpr std::uint32_t cond(std::size_t i, std::uint32_t t, std::uint32_t f) {
        for (;;) {  // a left-deep chain of and/or is walked in a loop, its right operands first
            const node& n = x_.nodes[i];
            switch (n.k) {
                case node_kind::accept_all: return t;
                case node_kind::all: t = cond(n.b, t, f); break;
                case node_kind::any: f = cond(n.b, t, f); break;
                case node_kind::negate: {
                    const std::uint32_t swap = t;
                    t = f;
                    f = swap;
                    break;
                }
                case node_kind::prim: return primitive_code(x_.prims[n.prim], t, f);
                default: return relation(n, t, f);
            }
            i = n.a;
        }
    }

    // ---- primitives ---------------------------------------------------------------------------------
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
            case kind::ether_broadcast: {
                constexpr std::array<std::uint8_t, 16> ff{0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
                return bytes6(at.header, ff, t, f);
            }
            case kind::ether_multicast: return load(bpf::b, at.header, e_.jump(jset_k, 1, t, f));
            default: return encapsulation(p, t, f);
        }
    }

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

    // ---- relations ----------------------------------------------------------------------------------

    static constexpr bool transport(proto p) noexcept {
        return p == proto::tcp || p == proto::udp || p == proto::sctp || p == proto::icmp || p == proto::igmp ||
               p == proto::pim || p == proto::vrrp;
    }

    /// The protocol tests of the loads in arithmetic i, in libpcap's order: a load's index's tests
    /// (for transport loads after the IPv4 test), then its protocol; an operator has its left
    /// operand's tests only (gen_arth keeps no others).
    constexpr std::uint32_t checks(std::size_t i, std::uint32_t t, std::uint32_t f) {
        const arith& a = x_.ariths[i];
        switch (a.k) {
            case arith_kind::negate:
            case arith_kind::binary: return checks(a.l, t, f);
            case arith_kind::load: {
                const layout& at = a.at;
                if (a.p == proto::ether) return checks(a.l, t, f);
                if (transport(a.p))
                    return linktype(at, ethertype_ip, checks(a.l, protocol(at, a.p, ip_first_fragment(at, t, f), f), f),
                                    f);
                if (a.p == proto::icmp6)
                    return checks(a.l, linktype(at, ethertype_ip6, cmp(bpf::b, at.network + 6u, 58, t, f), f), f);
                return checks(a.l, protocol(at, a.p, t, f), f);
            }
            default: return t;
        }
    }

    /// Code that computes arithmetic i into A, then continues at next; scratch cells from `cell`.
    constexpr std::uint32_t value(std::size_t i, std::uint32_t cell, std::uint32_t next) {
        const arith& a = x_.ariths[i];
        if (cell >= memory_words) {
            too_many_cells = true;
            return next;
        }
        switch (a.k) {
            case arith_kind::number: return e_.stmt(bpf::ld | bpf::imm, a.value, next);
            case arith_kind::length: return e_.stmt(bpf::ld | bpf::w | bpf::len, 0, next);
            case arith_kind::negate: return value(a.l, cell, e_.stmt(bpf::alu | bpf::neg, 0, next));
            case arith_kind::binary: {
                const std::uint16_t op = alu_of(a.op);
                const std::uint32_t combine =
                    e_.stmt(bpf::misc | bpf::tax, 0,
                            e_.stmt(bpf::ld | bpf::mem, cell, e_.stmt(bpf::alu | op | bpf::x, 0, next)));
                return value(a.l, cell, e_.stmt(bpf::st, cell, value(a.r, cell + 1, combine)));
            }
            default: {  // a load: the index, then the header's offset, then the load
                const std::uint16_t size = a.size == 4 ? bpf::w : a.size == 2 ? bpf::h : bpf::b;
                const std::uint32_t read = e_.stmt(bpf::ld | size | bpf::ind, base(a), next);
                if (transport(a.p)) {
                    const std::uint32_t add = e_.stmt(
                        bpf::ldx | bpf::b | bpf::msh, a.at.network,
                        e_.stmt(bpf::ld | bpf::mem, cell,
                                e_.stmt(bpf::alu | bpf::add | bpf::x, 0, e_.stmt(bpf::misc | bpf::tax, 0, read))));
                    return value(a.l, cell, e_.stmt(bpf::st, cell, add));
                }
                return value(a.l, cell, e_.stmt(bpf::misc | bpf::tax, 0, read));
            }
        }
    }
    static constexpr std::uint32_t base(const arith& a) noexcept {
        if (a.p == proto::ether) return a.at.header;
        if (a.p == proto::icmp6) return a.at.network + 40u;
        return a.at.network;
    }
    static constexpr std::uint16_t alu_of(char op) noexcept {
        switch (op) {
            case '+': return bpf::add;
            case '-': return bpf::sub;
            case '*': return bpf::mul;
            case '/': return bpf::div;
            case '%': return bpf::mod;
            case '&': return bpf::and_;
            case '|': return bpf::or_;
            case '^': return bpf::xor_;
            case '<': return bpf::lsh;
            default: return bpf::rsh;
        }
    }

    /// lhs op rhs: both sides' protocol tests, then lhs into M[0], rhs into A, X = rhs, A = lhs,
    /// the jump (gen_relation).
    constexpr std::uint32_t relation(const node& n, std::uint32_t t, std::uint32_t f) {
        std::uint16_t code = jeq_k;
        bool negated = false;
        switch (n.op) {
            case '=': break;
            case '!': negated = true; break;
            case '>': code = jgt_k; break;
            case 'g': code = jge_k; break;
            case '<': code = jge_k, negated = true; break;
            default: code = jgt_k, negated = true; break;  // <=
        }
        const std::uint16_t jump_x = static_cast<std::uint16_t>((code & ~bpf::x) | bpf::x);
        const std::uint32_t compare = e_.jump(jump_x, 0, negated ? f : t, negated ? t : f);
        const std::uint32_t combine = e_.stmt(bpf::misc | bpf::tax, 0, e_.stmt(bpf::ld | bpf::mem, 0, compare));
        const std::uint32_t compute = value(n.a, 0, e_.stmt(bpf::st, 0, value(n.b, 1, combine)));
        return checks(n.a, checks(n.b, compute, f), f);
    }
};

}  // namespace CTBPF_NAMESPACE::detail::pcap_expr

namespace CTBPF_NAMESPACE::detail::pcap_expr {

/// The emitted program of an expression, or why there is none.
struct generated {
    std::array<sock_filter, max_instructions> code{};
    std::size_t size = 0;
    problem error = problem::none;
    std::uint32_t column = 0;
};

/// Parses and lowers `text` with `e` (a workspace: large, the caller places it).
constexpr void generate(std::string_view text, link_type link, std::uint32_t snaplen, expression& x, emitter& e,
                        generated& out) {
    out.size = 0;
    parse(text, link, x);
    out.error = x.error;
    out.column = x.column;
    if (x.error != problem::none) return;
    e.reset();
    lowering l(x, e);
    const std::uint32_t entry = l.program(snaplen);
    e.finish(entry);
    if (l.too_many_cells || e.overflow) {
        out.error = problem::too_complex;
        out.column = 1;
        return;
    }
    out.size = e.size;
    for (std::size_t i = 0; i < e.size; ++i) out.code[i] = e.rev[e.size - 1 - i];
}

}  // namespace CTBPF_NAMESPACE::detail::pcap_expr
