// ctbpf/compiler/round_state.hpp (internal) — what one round of the optimizer (round.hpp)
// works on: the instruction graph, the state reaching each node (value numbers of A, X and M[],
// facts from the branches taken), liveness and predecessor counts, and the small operations on
// them that the passes and the rewrites (rewrites.hpp) share. No heap.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "../detail/config.hpp"
#include "../encoding.hpp"
#include "graph.hpp"
#include "values.hpp"

namespace CTBPF_NAMESPACE::detail::compiler {

/// The data of one round and the operations on it that every pass uses.
class round_state {
protected:
    constexpr void set(state& s, std::size_t r, value v) noexcept { s.reg[r] = v; }
    constexpr known constant_of(const state& s, value v) const noexcept { return compiler::constant_of(facts_, s, v); }
    constexpr int decide(const state& s, value v, std::uint16_t op, std::uint32_t k) const noexcept {
        return compiler::decide(facts_, s, v, op, k);
    }
    constexpr void learn(state& s, value v, std::uint16_t op, std::uint32_t k, bool outcome) noexcept {
        compiler::learn(facts_, s, v, op, k, outcome);
    }

    /// Rewrites node d as `code k` (same successor).
    constexpr void become(node& d, std::uint16_t code, std::uint32_t k) noexcept {
        changed_ = changed_ || d.code != code || d.k != k;
        d.code = code;
        d.k = k;
    }
    constexpr void remove(node& d) noexcept {
        changed_ = true;
        d.what = kind::removed;
    }

    /// An upper bound of v on every path (0xffffffff when unknown): constants, facts, and
    /// 4*([k]&0xf) (at most 60).
    constexpr std::uint32_t bound(const state& s, value v) const noexcept {
        if (const known c = constant_of(s, v); c.is) return c.c;
        if (const auto o = values_.describe(v); o.is && o.code == (bpf::ldx | bpf::b | bpf::msh)) return 60;
        if (const fact* f = facts_.find(s.facts, v)) return f->hi;
        return 0xffffffffu;
    }

    /// [x + k] with X = b + j, b bounded so that nothing wraps: the value of [b + (j + k)] in both
    /// dialects, so that both spellings of one load get one value number.
    constexpr value indexed(const state& s, std::uint16_t code, std::uint32_t k, value x) {
        if (const auto o = values_.describe(x); o.is && o.code == (bpf::alu | bpf::add | bpf::k))
            if (std::uint64_t{o.k} + k < 0x10000u && std::uint64_t{bound(s, o.a)} + o.k + k < 0x80000000u)
                return values_.operation(code, o.k + k, o.a);
        return values_.operation(code, k, x);
    }

    /// Whether some register of s holds v (not a fresh value: those are never produced by a load).
    static constexpr bool holds(const state& s, value v) noexcept {
        if ((v >> 32) != (operation_tag >> 32)) return false;
        for (std::size_t r = 0; r < registers; ++r)
            if (s.reg[r] == v) return true;
        return false;
    }
    /// Whether s and t hold the same values in the registers of `mask`.
    static constexpr bool agree(const state& s, const state& t, std::uint32_t mask) noexcept {
        for (std::size_t r = 0; r < registers && mask != 0; ++r, mask >>= 1)
            if ((mask & 1) != 0 && s.reg[r] != t.reg[r]) return false;
        return true;
    }

    graph g_{};
    state states_[max_instructions]{};
    std::uint32_t live_before_[max_instructions]{}, live_in_[max_instructions]{}, preds_[max_instructions]{};
    value verdict_[max_instructions]{};
    /// ahead_[i]: an absolute packet load reaching at least this far runs on every way from node
    /// i to a return other than `ret #0` (0xffffffff: every way returns 0). Computed backward.
    std::uint32_t ahead_[max_instructions]{};
    state sim_{};
    std::size_t work_ = 0;
    std::uint32_t used_ = 0;  ///< registers the program touches: the only ones merged
    bool changed_ = false;
    bool simulating_ = false;  ///< push() is simulating statements it may skip
    value_table values_{};
    fact_pool facts_{};
    bool seccomp_ = false;
};

}  // namespace CTBPF_NAMESPACE::detail::compiler
