// ctbpf/compiler/graph.hpp (internal) — the optimizer's IR: a classic BPF program as a graph of
// instructions with absolute successors (every jump goes forward, so index order is a
// topological order), and what each instruction reads, writes and may do to a run. No heap.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "../detail/config.hpp"
#include "../encoding.hpp"
#include "../analysis/instruction.hpp"

namespace CTBPF_NAMESPACE::detail::compiler {

/// A program of at most 4096 instructions in a fixed array.
struct image_buffer {
    std::array<sock_filter, max_instructions> code{};
    std::size_t size = 0;
};

/// Registers: 0 = A, 1 = X, 2 + i = M[i].
inline constexpr std::size_t reg_a = 0, reg_x = 1, registers = 2 + memory_words;

// ---- the graph -----------------------------------------------------------------------------
enum class kind : std::uint8_t { statement, branch, jump, ret, removed };

struct node {
    std::uint16_t code;
    std::uint32_t k;
    kind what;
    std::uint32_t t, f;    ///< successors (statement, jump, removed: t)
    std::uint32_t extent;  ///< the in-state's extent, for the backward pass
    bool reached;
};

struct graph {
    node nodes[max_instructions]{};
    std::size_t size = 0;
};

constexpr void lift(const sock_filter* p, std::size_t n, graph& g) {
    g.size = n;
    for (std::size_t i = 0; i < n; ++i) {
        node& d = g.nodes[i];
        d = node{p[i].code, p[i].k, kind::statement, static_cast<std::uint32_t>(i + 1), 0, 0, false};
        if (bpf::class_of(d.code) == bpf::ret) {
            d.what = kind::ret;
        } else if (d.code == (bpf::jmp | bpf::ja)) {
            d.what = kind::jump;
            d.t = static_cast<std::uint32_t>(i + 1 + p[i].k);
        } else if (bpf::class_of(d.code) == bpf::jmp) {
            d.what = kind::branch;
            d.t = static_cast<std::uint32_t>(i + 1 + p[i].jt);
            d.f = static_cast<std::uint32_t>(i + 1 + p[i].jf);
        }
    }
}

// ---- instruction semantics -----------------------------------------------------------------
constexpr bool is_packet_offset(std::uint32_t k) noexcept { return k < 0x80000000u; }

/// A constant ALU result (K operand, verified: no division by zero, shifts below 32), as the
/// analysis layer computes it.
constexpr std::uint32_t fold(std::uint16_t op, std::uint32_t a, std::uint32_t k) noexcept {
    return analysis::alu(static_cast<std::uint16_t>(bpf::alu | op | bpf::k), a, k).a;
}

/// The ALU operation with constant k that leaves A as it is.
constexpr bool is_identity(std::uint16_t op, std::uint32_t k) noexcept {
    switch (op) {
        case bpf::add:
        case bpf::sub:
        case bpf::or_:
        case bpf::xor_:
        case bpf::lsh:
        case bpf::rsh: return k == 0;
        case bpf::mul:
        case bpf::div: return k == 1;
        case bpf::and_: return k == 0xffffffffu;
        default: return false;
    }
}

/// Which registers an instruction reads and writes (bit r = register r).
struct effect {
    std::uint32_t use = 0, def = 0;
};
constexpr std::uint32_t bit(std::size_t r) noexcept { return 1u << r; }
constexpr effect effect_of(std::uint16_t code, std::uint32_t k) noexcept {
    const std::uint32_t a = bit(reg_a), x = bit(reg_x), m = bit(2 + (k & 15));
    switch (bpf::class_of(code)) {
        case bpf::ld:
            if (bpf::mode_of(code) == bpf::mem) return {m, a};
            if (bpf::mode_of(code) == bpf::ind) return {x, a};
            if (bpf::mode_of(code) == bpf::abs && k >= ancillary_offset) return {a | x, a};  // nla, xor_x
            return {0, a};
        case bpf::ldx: return {bpf::mode_of(code) == bpf::mem ? m : 0, x};
        case bpf::st: return {a, m};
        case bpf::stx: return {x, m};
        case bpf::alu: return {bpf::op_of(code) != bpf::neg && bpf::src_of(code) == bpf::x ? a | x : a, a};
        case bpf::jmp: return {bpf::op_of(code) == bpf::ja ? 0 : bpf::src_of(code) == bpf::x ? a | x : a, 0};
        case bpf::ret: return {bpf::rval_of(code) == bpf::a ? a : 0, 0};
        default: return {bpf::miscop_of(code) == bpf::txa ? x : a, bpf::miscop_of(code) == bpf::txa ? a : x};
    }
}

/// Whether the absolute packet load `d` reads only bytes [0, extent), which loads on every path
/// to it have read: it cannot fail.
constexpr bool within_extent(const node& d, std::uint32_t extent) noexcept {
    return bpf::mode_of(d.code) == bpf::abs && is_packet_offset(d.k) &&
           std::uint64_t{d.k} + bpf::bytes_of(d.code) <= extent;
}

/// Whether removing the instruction (its results unused) keeps every verdict: it cannot fail,
/// or a load at least as far from the same base has certainly run before.
constexpr bool removable(const node& d, bool seccomp) noexcept {
    const std::uint16_t c = d.code;
    switch (bpf::class_of(c)) {
        case bpf::ld:
            if (bpf::mode_of(c) == bpf::ind) return false;
            if (bpf::mode_of(c) != bpf::abs) return true;
            return seccomp || within_extent(d, d.extent);
        case bpf::ldx:
            if (bpf::mode_of(c) != bpf::msh) return true;
            return seccomp || (is_packet_offset(d.k) && std::uint64_t{d.k} + 1 <= d.extent);
        case bpf::alu: return !(bpf::src_of(c) == bpf::x && (bpf::op_of(c) == bpf::div || bpf::op_of(c) == bpf::mod));
        case bpf::st:
        case bpf::stx:
        case bpf::misc: return true;
        default: return false;
    }
}

/// How a statement can end a run: never, with 0 (a failed load, a division by X = 0, an ancillary
/// load in the libpcap dialect) or with A (ifindex/hatype without a device).
enum class exit_kind : std::uint8_t { none, zero, a };
constexpr exit_kind early_exit(const node& d, bool seccomp) noexcept {
    const std::uint16_t c = d.code;
    if (bpf::class_of(c) == bpf::alu)
        return bpf::src_of(c) == bpf::x && (bpf::op_of(c) == bpf::div || bpf::op_of(c) == bpf::mod) ? exit_kind::zero
                                                                                                    : exit_kind::none;
    if (seccomp || (bpf::class_of(c) != bpf::ld && bpf::class_of(c) != bpf::ldx)) return exit_kind::none;
    const std::uint16_t mode = bpf::mode_of(c);
    if (mode == bpf::ind || mode == bpf::msh) return exit_kind::zero;
    if (mode != bpf::abs) return exit_kind::none;
    if (d.k >= ancillary_offset && (d.k - ancillary_offset == static_cast<std::uint32_t>(ext::ifidx) ||
                                    d.k - ancillary_offset == static_cast<std::uint32_t>(ext::hatype)))
        return exit_kind::a;
    return exit_kind::zero;
}

/// Liveness of g (bit r of live[i]: register r is read at or after node i before it is written).
constexpr void liveness(const graph& g, std::uint32_t (&live)[max_instructions]) {
    for (std::size_t i = g.size; i-- > 0;) {
        const node& d = g.nodes[i];
        std::uint32_t out = 0;
        if (d.what == kind::branch)
            out = live[d.t] | live[d.f];
        else if (d.what != kind::ret)
            out = live[d.t];
        const effect e = d.what == kind::jump ? effect{} : effect_of(d.code, d.k);
        live[i] = (out & ~e.def) | e.use;
    }
}

}  // namespace CTBPF_NAMESPACE::detail::compiler
