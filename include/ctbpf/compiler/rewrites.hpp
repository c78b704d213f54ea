// ctbpf/compiler/rewrites.hpp (internal) — the optimizer's rewrites of short shapes in the graph,
// each kept only where no verdict can change (docs/optimizer.md): offsets folded into indexed
// loads, ALU operations folded into the test after them, chains of `jeq` as range tests, and
// chains of tests regrouped by the value they test. Called by the forward pass (round.hpp).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "../detail/config.hpp"
#include "../encoding.hpp"
#include "graph.hpp"
#include "round_state.hpp"
#include "values.hpp"

namespace CTBPF_NAMESPACE::detail::compiler {

/// The rewrites, on the round's data.
class rewrites : protected round_state {
protected:
    /// `tax` of A = X + j (libpcap: `ld #j; add x; tax`; the filter language: `txa; add #j; tax`)
    /// whose X is only used as the index of loads until it is written again or dead, on a
    /// straight run that nothing else enters: the loads take j into their offset and the `tax`
    /// goes (the `add` then dies). X keeps its value, so later loads of it stay redundant.
    constexpr bool fold_offset(node& d, state& s) {
        if (simulating_) return false;  // it rewrites other nodes: only for real
        const auto o = values_.describe(s.reg[reg_a]);
        if (!o.is || o.code != (bpf::alu | bpf::add | bpf::k) || o.a != s.reg[reg_x] || o.k >= 0x10000u) return false;
        std::array<std::uint32_t, max_folded> loads{};
        std::size_t count = 0;
        std::uint32_t at = d.t;
        for (std::size_t steps = 0;; ++steps) {
            if (steps == max_folded || at >= g_.size || preds_[at] != 1) return false;
            const node& n = g_.nodes[at];
            if ((live_before_[at] & bit(reg_x)) == 0) break;  // X dead: nothing more to change
            if (n.what == kind::jump) {
                at = n.t;
                continue;
            }
            if (n.what != kind::statement) return false;  // a branch or return that needs X
            const effect e = effect_of(n.code, n.k);
            const bool index = bpf::class_of(n.code) == bpf::ld && bpf::mode_of(n.code) == bpf::ind;
            if (index) {
                if (std::uint64_t{n.k} + o.k >= 0x10000u ||
                    std::uint64_t{bound(s, o.a)} + o.k + n.k >= 0x80000000u)  // nothing may wrap
                    return false;
                loads[count++] = at;
            } else if ((e.use & bit(reg_x)) != 0) {
                return false;
            }
            if ((e.def & bit(reg_x)) != 0) break;  // X written again
            at = n.t;
        }
        for (std::size_t i = 0; i < count; ++i)
            become(g_.nodes[loads[i]], g_.nodes[loads[i]].code, g_.nodes[loads[i]].k + o.k);
        remove(d);
        return true;
    }
    static constexpr std::size_t max_folded = 16;

    /// An ALU operation with a constant whose result only feeds the next instruction, a
    /// comparison that nothing else enters, goes into the comparison: `and #m` before a test
    /// against zero (`jeq #0`, `jgt #0`, `jset #k`) becomes `jset` of the mask (targets swapped for
    /// `jeq #0`); `add #k`, `sub #k`, `xor #k` before `jeq #c` become `jeq` of c - k, c + k,
    /// c ^ k (bijections: the same outcome for every value).
    constexpr bool fold_into_branch(node& d) {
        node* n = sole_test_after(d);
        if (n == nullptr) return false;
        const std::uint16_t op = bpf::op_of(n->code), alu = bpf::op_of(d.code);
        if (alu != bpf::and_) {
            if (op != bpf::jeq) return false;
            return fold_into(d, *n, n->code, alu == bpf::add ? n->k - d.k : alu == bpf::sub ? n->k + d.k : n->k ^ d.k);
        }
        if (op == bpf::jset) return fold_into(d, *n, bpf::jmp | bpf::jset | bpf::k, d.k & n->k);
        if ((op == bpf::jeq || op == bpf::jgt) && n->k == 0)
            return fold_into(d, *n, bpf::jmp | bpf::jset | bpf::k, d.k, op == bpf::jeq);
        return false;
    }

    /// `sub x` or `xor x` whose result only feeds the next instruction, a test against zero
    /// that nothing else enters: A - X = 0 and A ^ X = 0 are A = X, so the test becomes `jeq x`
    /// (`jgt #0`, A differs from X: `jeq x` with the targets swapped).
    constexpr bool fold_x_into_branch(node& d) {
        node* n = sole_test_after(d);
        if (n == nullptr || n->k != 0) return false;
        const std::uint16_t op = bpf::op_of(n->code);
        if (op != bpf::jeq && op != bpf::jgt) return false;
        return fold_into(d, *n, bpf::jmp | bpf::jeq | bpf::x, 0, op == bpf::jgt);
    }

    /// The test against a constant right after d that only d enters and after which A is not
    /// read, or nullptr: where d's result can go into the test.
    constexpr node* sole_test_after(const node& d) {
        if (simulating_ || d.t >= g_.size || preds_[d.t] != 1) return nullptr;
        node& n = g_.nodes[d.t];
        if (n.what != kind::branch || bpf::src_of(n.code) != bpf::k) return nullptr;
        if (((live_before_[n.t] | live_before_[n.f]) & bit(reg_a)) != 0) return nullptr;  // A read later
        return &n;
    }
    /// The test n becomes `code k` (its targets swapped when `swap`) and d goes.
    constexpr bool fold_into(node& d, node& n, std::uint16_t code, std::uint32_t k, bool swap = false) {
        become(n, code, k);
        if (swap) {
            const std::uint32_t t = n.t;
            n.t = n.f;
            n.f = t;
        }
        remove(d);
        return true;
    }

    /// A chain of `jeq` on A into one target, each false edge the next link's only way in, whose
    /// constants are an interval [lo, hi] of three or more: `jge #lo` then `jgt #hi`.
    constexpr void range_test(node& d) {
        using bpf::opcode::jeq_k;
        if (simulating_ || d.code != jeq_k) return;
        std::uint32_t lo = d.k, hi = d.k, count = 1, at = d.f;
        const auto link = [&](std::uint32_t a) -> const node* {  // the chain's next jeq, if any
            if (a >= g_.size || preds_[a] != 1) return nullptr;
            const node& n = g_.nodes[a];
            return n.what == kind::branch && n.code == jeq_k && n.t == d.t ? &n : nullptr;
        };
        for (const node* n = link(at); count < max_range && n != nullptr; n = link(at)) {
            ++count;
            lo = n->k < lo ? n->k : lo;
            hi = n->k > hi ? n->k : hi;
            at = n->f;
        }
        work_ += count;  // (the optimizer's budget: a walk per jeq of a long chain)
        // the longest prefix of the chain whose constants are an interval is not searched for:
        // the whole chain or nothing
        if (count < 3 || hi - lo + 1 != count) return;
        // as many constants as the interval has numbers: an interval unless one repeats
        std::uint64_t bits = std::uint64_t{1} << (d.k - lo);
        for (std::uint32_t a = d.f, left = count - 1; left > 0; a = g_.nodes[a].f, --left) {
            const std::uint64_t bit = std::uint64_t{1} << (g_.nodes[a].k - lo);
            if (bits & bit) return;  // a repeated constant: leave it
            bits |= bit;
        }
        const std::uint32_t second = d.f, target = d.t, otherwise = at;
        become(d, bpf::jmp | bpf::jge | bpf::k, lo);
        d.t = second;
        d.f = otherwise;
        node& n = g_.nodes[second];
        become(n, bpf::jmp | bpf::jgt | bpf::k, hi);
        n.t = otherwise;
        n.f = target;
        preds_[otherwise] += 2;  // counts only ever over-estimate: "one way in" stays exact
    }
    static constexpr std::size_t max_range = 64;

    /// The packet load of node n on state s, as a value: nullopt-like {false} for anything else.
    struct load_value {
        bool is = false;
        value v = 0;
    };
    constexpr load_value packet_load(const node& n, const state& s) {
        if (n.what != kind::statement || bpf::class_of(n.code) != bpf::ld || seccomp_) return {};
        if (bpf::mode_of(n.code) == bpf::abs && is_packet_offset(n.k)) return {true, values_.operation(n.code, n.k)};
        if (bpf::mode_of(n.code) == bpf::ind) return {true, indexed(s, n.code, n.k, s.reg[reg_x])};
        return {};
    }

    /// A chain "load v1; jeq #c1 -> T; load v2; jeq #c2 -> T; ... else F" computes "some
    /// v_i == c_i", which does not depend on the order of the tests, when no load can end the
    /// program differently: either none can fail (the same load ran on every path here, so facts
    /// or registers name its value, or a load as far did: the extent covers it), or T returns 0,
    /// which is what a failed load returns (`not (port 22 or port 443)`: whichever ends the run
    /// first, the verdict is 0). The tests are regrouped by value, A's value first, so that later
    /// rounds drop the reloads and make range tests of the runs.
    /// The links after the first are entered only from the chain; A is not read at T or F.
    constexpr void regroup(node& d, const state& s) {
        if (simulating_) return;
        std::array<chain_test, max_regrouped> tests{};
        std::array<std::uint32_t, max_regrouped> links{};
        std::size_t count = 0;
        std::uint32_t at = static_cast<std::uint32_t>(&d - &g_.nodes[0]), target = 0, groups = 0;
        bool zero = false;  // T returns 0
        while (count < max_regrouped && at < g_.size && (count == 0 || preds_[at] == 1)) {
            const node& load = g_.nodes[at];
            const load_value lv = packet_load(load, s);
            if (!lv.is || load.t >= g_.size) break;
            const node& test = g_.nodes[load.t];
            if (preds_[load.t] != 1 || test.what != kind::branch || test.code != (bpf::jmp | bpf::jeq | bpf::k)) break;
            if (count == 0) {
                target = test.t;
                zero = returns_zero(target);
            }
            if (test.t != target || !(safe_link(load, lv.v, s.extent, s.facts, zero) || holds(s, lv.v))) break;
            bool seen = false;
            for (std::size_t i = 0; i < count; ++i) seen = seen || tests[i].v == lv.v;
            groups += seen ? 0 : 1;
            tests[count] = {load.code, load.k, test.k, lv.v};
            links[count++] = at;
            at = test.f;
        }
        // A's value, if a later test reads it, goes first: its load then goes (`rarp src or dst
        // host X` after a test of the destination: libpcap's order; `host A or host B` once the
        // second address is loaded). Not where the chain goes on from a link it could be regrouped
        // with: that longer chain is regrouped whole once its links are entered only from it, and
        // reordering its tail first would split its groups (`tcp port 1 or ... or tcp port 8`)
        bool a_later = false;  // a test after the first reads A's value, and the first does not
        for (std::size_t i = 1; i < count && tests[0].v != s.reg[reg_a]; ++i)
            a_later = a_later || tests[i].v == s.reg[reg_a];
        a_later =
            a_later && !continues_a_regroupable_chain(static_cast<std::uint32_t>(&d - &g_.nodes[0]), target, zero);
        if ((count < 3 && !a_later) || groups < 2 || ((live_before_[target] | live_before_[at]) & bit(reg_a)) != 0)
            return;
        std::array<chain_test, max_regrouped> sorted{};
        group_by_value(tests, count, a_later, s.reg[reg_a], sorted);
        bool same = true;
        for (std::size_t i = 0; i < count; ++i) same = same && sorted[i].v == tests[i].v && sorted[i].c == tests[i].c;
        if (same) return;
        for (std::size_t i = 0; i < count; ++i) {
            node& load = g_.nodes[links[i]];
            become(load, sorted[i].code, sorted[i].k);
            become(g_.nodes[load.t], g_.nodes[load.t].code, sorted[i].c);
        }
    }
    static constexpr std::size_t max_regrouped = 128;
    /// A link of a regrouped chain: its load (code, k), the constant its jeq tests, the value loaded.
    struct chain_test {
        std::uint16_t code;
        std::uint32_t k, c;
        value v;
    };
    /// The tests grouped by value, stably, in the order values first appear (those of value `a`
    /// first when `a_first`).
    static constexpr void group_by_value(const std::array<chain_test, max_regrouped>& tests, std::size_t count,
                                         bool a_first, value a, std::array<chain_test, max_regrouped>& sorted) {
        std::size_t n = 0;
        for (int pass = 0; pass < 2; ++pass)
            for (std::size_t i = 0; i < count; ++i) {
                bool first = (a_first && tests[i].v == a) == (pass == 0);
                for (std::size_t j = 0; j < i; ++j) first = first && tests[j].v != tests[i].v;
                if (!first) continue;
                for (std::size_t j = i; j < count; ++j)
                    if (tests[j].v == tests[i].v) sorted[n++] = tests[j];
            }
    }

    /// Whether a chain's link loading v cannot end the run otherwise than the chain's rule allows:
    /// its target T returns 0 (`zero`, what a failed load returns), or the load cannot fail (the
    /// extent covers it, or facts name v, so the same load ran on every path).
    constexpr bool safe_link(const node& load, value v, std::uint32_t extent, std::uint32_t facts, bool zero) const {
        return zero || within_extent(load, extent) || facts_.find(facts, v) != nullptr;
    }

    /// Whether a link "load; jeq #k -> target" falls through to node d and its load cannot end
    /// the run differently (as the chain's rule asks), so that the chain through it and d is
    /// regrouped whole. Reads the nodes' in-state extent and the facts after the load (a load
    /// learns none).
    /// (Looks back `link_window` nodes, for the link and its load: emission lays chains out
    /// contiguously, and a link farther away only costs the reordering, never a verdict.)
    constexpr bool continues_a_regroupable_chain(std::uint32_t d, std::uint32_t target, bool zero) {
        const std::uint32_t from = d > link_window ? d - link_window : 1;
        work_ += d - from;
        for (std::uint32_t p = from; p < d; ++p) {
            const node& n = g_.nodes[p];
            if (n.what != kind::branch || n.code != (bpf::jmp | bpf::jeq | bpf::k) || n.t != target || n.f != d)
                continue;
            for (std::uint32_t l = p > link_window ? p - link_window : 0; l < p; ++l) {
                const node& load = g_.nodes[l];
                if (load.t != p || load.what != kind::statement || bpf::class_of(load.code) != bpf::ld) continue;
                const load_value lv = packet_load(load, states_[l]);
                if (lv.is && safe_link(load, lv.v, load.extent, states_[l].facts, zero)) return true;
            }
            work_ += link_window;
        }
        return false;
    }
    static constexpr std::uint32_t link_window = 64;

    /// Whether node i returns 0 (through jumps and removed nodes).
    constexpr bool returns_zero(std::uint32_t i) const noexcept {
        for (std::size_t steps = 0; steps < 64 && i < g_.size; ++steps) {
            const node& n = g_.nodes[i];
            if (n.what == kind::ret) return n.code == (bpf::ret | bpf::k) && n.k == 0;
            if (n.what != kind::jump && n.what != kind::removed) return false;
            i = n.t;
        }
        return false;
    }
};

}  // namespace CTBPF_NAMESPACE::detail::compiler
