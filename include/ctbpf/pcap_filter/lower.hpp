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
#include "../compiler/lower.hpp"
#include "../detail/config.hpp"
#include "../encoding.hpp"
#include "parse.hpp"
#include "../net/primitives.hpp"

namespace CTBPF_NAMESPACE::detail::pcap_filter {
using namespace ctbpf::detail::net;  // NOLINT: the primitives' code
using compiler::emitter;

/// The lowering of one expression: its tree of and/or/not, primitives and relations.
class lowering : public primitives {
public:
    constexpr lowering(const expression& x, emitter& e) noexcept : primitives(e), x_(x) {}

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

    // ---- the tree ---------------------------------------------------------------------------------
    constexpr std::uint32_t cond(std::size_t i, std::uint32_t t, std::uint32_t f) {
        const auto node_of = [this](std::size_t at) -> compiler::condition_node {
            const node& n = x_.nodes[at];
            constexpr compiler::condition_kind kinds[] = {compiler::condition_kind::always,
                                                          compiler::condition_kind::all, compiler::condition_kind::any,
                                                          compiler::condition_kind::negate};
            return {n.k <= node_kind::negate ? kinds[static_cast<int>(n.k)] : compiler::condition_kind::leaf, n.a, n.b};
        };
        const auto leaf = [this](std::size_t at, std::uint32_t yes, std::uint32_t no) {
            const node& n = x_.nodes[at];
            return n.k == node_kind::prim ? primitive_code(x_.prims[n.prim], yes, no) : relation(n, yes, no);
        };
        return compiler::lower_condition(i, t, f, node_of, leaf);
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
        using compiler::comparison;
        const comparison op = n.op == '='   ? comparison::eq
                              : n.op == '!' ? comparison::ne
                              : n.op == '>' ? comparison::gt
                              : n.op == 'g' ? comparison::ge
                              : n.op == '<' ? comparison::lt
                                            : comparison::le;
        const compiler::jump_form j = compiler::form_of(op);
        const std::uint32_t compare =
            e_.jump(static_cast<std::uint16_t>(bpf::jmp | j.op | bpf::x), 0, j.swap ? f : t, j.swap ? t : f);
        const std::uint32_t combine = e_.stmt(bpf::misc | bpf::tax, 0, e_.stmt(bpf::ld | bpf::mem, 0, compare));
        const std::uint32_t compute = value(n.a, 0, e_.stmt(bpf::st, 0, value(n.b, 1, combine)));
        return checks(n.a, checks(n.b, compute, f), f);
    }
};

}  // namespace CTBPF_NAMESPACE::detail::pcap_filter

namespace CTBPF_NAMESPACE::detail::pcap_filter {

/// The emitted program of an expression, or why there is none.
struct generated {
    std::array<sock_filter, max_instructions> code{};
    std::size_t size = 0;
    problem error = problem::none;
    std::uint32_t column = 0;
};

/// Parses and lowers `text` with `e` (a workspace: large, the caller places it).
constexpr void generate(std::string_view text, link_type link, std::uint32_t snaplen, std::uint32_t netmask,
                        expression& x, emitter& e, generated& out) {
    out.size = 0;
    parse(text, link, x, netmask);
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

}  // namespace CTBPF_NAMESPACE::detail::pcap_filter
