// ctbpf/analyze.hpp — what a verified program can do, answered from its instructions alone (no
// packet): the verdicts it can return, the shortest and longest executed path, the instructions
// no path reaches, the packet bytes it can read (the snap length a capture needs), the ancillary
// values and scratch cells it uses, and how it can end early. constexpr, no heap; linear.
// Usage: constexpr ctbpf::analysis a = ctbpf::analyze(image);
//        static_assert(a.returns_only({0, 0xffffffffu}) && a.snap_length == 24);
// docs/analyze.md; `ctbpf analyze FILE` prints it.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <ranges>

#include "concepts.hpp"
#include "detail/config.hpp"
#include "encoding.hpp"
#include "verify.hpp"
#include "analysis/instruction.hpp"

namespace CTBPF_NAMESPACE {

/// The answers of analyze(). Paths count executed instructions, from the first to a return.
struct analysis {
    verify_result verified{};  ///< why the program was not analysed, if it was not

    static constexpr std::size_t max_returns = 16;
    std::array<std::uint32_t, max_returns> returns{};  ///< the `ret #k` values any path reaches, sorted
    std::size_t return_count = 0;
    bool returns_more = false;  ///< more than max_returns distinct constants
    bool returns_a = false;     ///< a reachable `ret a` (or an ancillary exit with A): any value

    std::size_t shortest_path = 0;  ///< fewest instructions executed to a return
    std::size_t longest_path = 0;   ///< most instructions executed to a return

    std::array<std::uint64_t, max_instructions / 64> unreachable{};  ///< bit i: no path reaches i
    std::size_t unreachable_count = 0;

    /// The highest packet offset + 1 any load can read (the snap length a capture needs), when
    /// bounded; indexed loads count with the largest X any path can hold.
    std::uint32_t snap_length = 0;
    bool snap_length_unbounded = false;  ///< an indexed load with an X of unknown bound

    std::uint16_t ancillary_used = 0;  ///< bit e: SKF_AD_OFF + 4e (ctbpf::ext) is loaded
    std::uint16_t scratch_read = 0;    ///< bit i: M[i] is read
    std::uint16_t scratch_written = 0;
    bool reads_length = false;        ///< `ld #len` / `ldx #len`
    bool can_fail_load = false;       ///< a packet load can run past the end (the run returns 0)
    bool can_divide_by_zero = false;  ///< a division or modulo by X that is not a known constant
    bool can_exit_with_a = false;     ///< an ifindex or hatype load (no device: the run returns A)

    constexpr explicit operator bool() const noexcept { return static_cast<bool>(verified); }
    constexpr bool never_executes(std::size_t i) const noexcept {
        return i < max_instructions && ((unreachable[i / 64] >> (i % 64)) & 1) != 0;
    }
    /// Whether every verdict is one of `values` (a failed load's 0 counts when it can happen).
    constexpr bool returns_only(std::initializer_list<std::uint32_t> values) const noexcept {
        const auto allowed = [&](std::uint32_t v) {
            for (const std::uint32_t w : values)
                if (w == v) return true;
            return false;
        };
        if (returns_a || returns_more || ((can_fail_load || can_divide_by_zero) && !allowed(0))) return false;
        for (std::size_t i = 0; i < return_count; ++i)
            if (!allowed(returns[i])) return false;
        return true;
    }
};

namespace detail {

constexpr std::uint32_t saturating_end(std::uint64_t end) noexcept {
    return end > 0xffffffffu ? 0xffffffffu : static_cast<std::uint32_t>(end);
}

using analysis::successors;
using analysis::successors_of;

constexpr void add_return(ctbpf::analysis& a, std::uint32_t k) noexcept {
    std::size_t at = 0;
    while (at < a.return_count && a.returns[at] < k) ++at;
    if (at < a.return_count && a.returns[at] == k) return;
    if (a.return_count == ctbpf::analysis::max_returns) {
        a.returns_more = true;
        return;
    }
    for (std::size_t j = a.return_count; j > at; --j) a.returns[j] = a.returns[j - 1];
    a.returns[at] = k;
    ++a.return_count;
}

/// One reachable instruction's contribution; x_max: the largest X any path brings to it.
constexpr void account(ctbpf::analysis& a, const sock_filter& f, std::uint32_t x_max, bool seccomp) noexcept {
    const std::uint16_t c = f.code;
    switch (bpf::class_of(c)) {
        case bpf::ret:
            if (bpf::rval_of(c) == bpf::a)
                a.returns_a = true;
            else
                add_return(a, f.k);
            return;
        case bpf::ld:
        case bpf::ldx:
            if (bpf::mode_of(c) == bpf::len) a.reads_length = true;
            if (bpf::mode_of(c) == bpf::mem) a.scratch_read |= static_cast<std::uint16_t>(1u << (f.k & 15));
            if (seccomp) return;
            if (bpf::mode_of(c) == bpf::abs && f.k >= ancillary_offset) {
                const std::uint32_t e = (f.k - ancillary_offset) / 4;
                a.ancillary_used |= static_cast<std::uint16_t>(1u << (e & 15));
                if (e == static_cast<std::uint32_t>(ext::ifidx) / 4 || e == static_cast<std::uint32_t>(ext::hatype) / 4)
                    a.can_exit_with_a = true;
                return;
            }
            if (bpf::mode_of(c) == bpf::abs || bpf::mode_of(c) == bpf::msh) {
                a.can_fail_load = true;
                if (f.k < 0x80000000u) {
                    const std::uint32_t end =
                        saturating_end(std::uint64_t{f.k} + (bpf::mode_of(c) == bpf::msh ? 1 : bpf::bytes_of(c)));
                    if (end > a.snap_length) a.snap_length = end;
                }
            } else if (bpf::mode_of(c) == bpf::ind) {
                a.can_fail_load = true;
                if (x_max == 0xffffffffu) {
                    a.snap_length_unbounded = true;
                } else {
                    const std::uint32_t end = saturating_end(std::uint64_t{x_max} + f.k + bpf::bytes_of(c));
                    if (end > a.snap_length) a.snap_length = end;
                }
            }
            return;
        case bpf::st:
        case bpf::stx: a.scratch_written |= static_cast<std::uint16_t>(1u << (f.k & 15)); return;
        case bpf::alu:
            if (bpf::src_of(c) == bpf::x && (bpf::op_of(c) == bpf::div || bpf::op_of(c) == bpf::mod))
                a.can_divide_by_zero = true;
            return;
        default: return;
    }
}

/// The largest X after f, given the largest before it.
constexpr std::uint32_t x_max_after(const sock_filter& f, std::uint32_t before) noexcept {
    if (bpf::class_of(f.code) == bpf::ldx) {
        if (bpf::mode_of(f.code) == bpf::imm) return f.k;
        if (bpf::mode_of(f.code) == bpf::msh) return 60;  // 4 * (byte & 0xf)
        return 0xffffffffu;
    }
    if (f.code == (bpf::misc | bpf::tax)) return 0xffffffffu;
    return before;
}

template <class Program>
constexpr ctbpf::analysis analyze_program(const Program& program, profile prof) {
    ctbpf::analysis a;
    const sock_filter* p = std::ranges::data(program);
    const std::size_t n = std::ranges::size(program);
    a.verified = verify(program, prof);
    if (!a.verified) return a;
    // forward, in index order (every jump goes forward): reachability and the largest X
    std::array<std::uint32_t, max_instructions> x_max{};
    std::array<bool, max_instructions> reached{};
    reached[0] = true;
    for (std::size_t i = 0; i < n; ++i) {
        if (!reached[i]) {
            a.unreachable[i / 64] |= std::uint64_t{1} << (i % 64);
            ++a.unreachable_count;
            continue;
        }
        account(a, p[i], x_max[i], prof == profile::seccomp);
        const std::uint32_t after = x_max_after(p[i], x_max[i]);
        const successors s = successors_of(p[i], i);
        for (std::size_t j = 0; j < s.count; ++j) {
            const std::size_t t = s.to[j];
            x_max[t] = reached[t] && x_max[t] > after ? x_max[t] : after;
            reached[t] = true;
        }
    }
    // backward: the shortest and longest path from each instruction to a return
    std::array<std::uint32_t, max_instructions> shortest{}, longest{};
    for (std::size_t i = n; i-- > 0;) {
        const successors s = successors_of(p[i], i);
        std::uint32_t lo = 0, hi = 0;
        for (std::size_t j = 0; j < s.count; ++j) {
            const std::size_t t = s.to[j];
            if (j == 0 || shortest[t] < lo) lo = shortest[t];
            if (j == 0 || longest[t] > hi) hi = longest[t];
        }
        shortest[i] = lo + 1;
        longest[i] = hi + 1;
    }
    a.shortest_path = shortest[0];
    a.longest_path = longest[0];
    return a;
}

}  // namespace detail

/// Analyses `program` (std::array, span, vector... of sock_filter) verified for `prof`; a
/// program that does not verify gives an analysis that converts to false, with the reason.
template <program_range Program>
constexpr analysis analyze(const Program& program, profile prof = profile::socket_filter) {
    return detail::analyze_program(program, prof);
}

}  // namespace CTBPF_NAMESPACE
