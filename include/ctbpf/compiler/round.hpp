// ctbpf/compiler/round.hpp (internal) — one round of the one optimizer, for any verified
// classic BPF program (docs/optimizer.md), on the instruction graph (compiler/graph.hpp):
//   1. forward, in index order: value numbering of A, X and M[] with facts from the branches
//      taken (compiler/values.hpp), constant folding, loads and stores of values already in
//      place removed, offsets folded into indexed loads, ALU operations folded into tests, range
//      tests and regrouped chains (compiler/rewrites.hpp), decided branches, and jump threading
//      of every edge;
//   2. backward: liveness; what is dead goes when that cannot change a verdict (a packet load
//      only when a load as far has certainly run); a node from which every run returns one
//      constant becomes that return;
//   3. emission through the shared emitter (compiler/emit.hpp): unreachable code is not emitted,
//      `ja` chains collapse, identical tails and returns merge.
// compiler/optimizer.hpp repeats rounds and keeps the result only when it verifies. No heap.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "../detail/config.hpp"
#include "../encoding.hpp"
#include "../verify.hpp"
#include "emit.hpp"
#include "graph.hpp"
#include "rewrites.hpp"
#include "values.hpp"

namespace CTBPF_NAMESPACE::detail::compiler {

inline constexpr std::size_t max_rounds = 6;

// ---- one round -----------------------------------------------------------------------------
class round : rewrites {
public:
    /// Starts a round on p[0, n): the graph, the input's liveness, the entry state.
    constexpr void reset(const sock_filter* p, std::size_t n, bool seccomp) {
        seccomp_ = seccomp;
        lift(p, n, g_);
        for (std::size_t i = 0; i < n; ++i) states_[i].reached = false;  // merge copies the first arrival
        values_.clear(n);
        facts_.clear(n);
        changed_ = false;
        liveness(g_, live_before_);
        for (std::size_t i = 0; i < n; ++i) preds_[i] = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const node& d = g_.nodes[i];
            if (d.what == kind::ret) continue;
            ++preds_[d.t];
            if (d.what == kind::branch) ++preds_[d.f];
        }
        used_ = bit(reg_a) | bit(reg_x);  // and the scratch cells the program names
        for (std::size_t i = 0; i < n; ++i) {
            const std::uint16_t c = g_.nodes[i].code;
            if (c == bpf::st || c == bpf::stx || c == (bpf::ld | bpf::mem) || c == (bpf::ldx | bpf::mem))
                used_ |= bit(2 + (g_.nodes[i].k & 15));
        }
        states_[0] = state{};
        states_[0].reached = true;
        for (std::size_t r = 0; r < registers; ++r) states_[0].reg[r] = r < 2 ? constant_value(0) : values_.fresh();
    }
    constexpr std::size_t size() const noexcept { return g_.size; }
    /// Whether the passes changed anything (else emitting again would reproduce the input).
    constexpr bool changed() const noexcept { return changed_; }

    /// The forward pass at node i (in increasing order); returns the work done.
    constexpr std::size_t forward(std::size_t i) {
        node& d = g_.nodes[i];
        if (!states_[i].reached) {
            changed_ = true;  // unreachable: not emitted
            return 1;
        }
        work_ = 1;
        d.reached = true;
        d.extent = states_[i].extent;
        visit(static_cast<std::uint32_t>(i), d, states_[i]);  // in place: nothing reads it later
        return work_;
    }

    /// The backward pass at node i (in decreasing order): removes what is dead and removable.
    /// A dead packet load also goes when a load at least as far is certain to run after it on
    /// every way to a return other than `ret #0` (ahead_; a statement that may end the run with A
    /// counts as a return): where it would fail, that load fails too, or the run returns 0 anyway
    /// (`ldb [23]` before `ld [26]`).
    constexpr void backward(std::size_t i) {
        node& d = g_.nodes[i];
        if (!d.reached) return;
        std::uint32_t out = 0;
        if (d.what == kind::branch)
            out = live_in_[d.t] | live_in_[d.f];
        else if (d.what != kind::ret)
            out = live_in_[d.t];
        if (d.what == kind::removed || d.what == kind::jump) {
            live_in_[i] = out;
            ahead_[i] = ahead_[d.t];
            return;
        }
        const effect e = effect_of(d.code, d.k);
        const std::uint32_t end = seccomp_ ? 0 : packet_load_end(d);
        if (d.what == kind::statement && (e.def & out) == 0 &&
            (removable(d, seccomp_) || (end != 0 && end <= ahead_[d.t]))) {
            remove(d);
            live_in_[i] = out;
            ahead_[i] = ahead_[d.t];
            return;
        }
        live_in_[i] = (out & ~e.def) | e.use;
        if (d.what != kind::ret && verdict_[i] != 0) {  // every way on returns one constant
            changed_ = true;
            d = node{bpf::ret | bpf::k, static_cast<std::uint32_t>(verdict_[i]), kind::ret, 0, 0, d.extent, true};
            live_in_[i] = 0;
        }
        switch (d.what) {
            case kind::ret: ahead_[i] = d.code == (bpf::ret | bpf::k) && d.k == 0 ? 0xffffffffu : 0; break;
            case kind::branch: ahead_[i] = ahead_[d.t] < ahead_[d.f] ? ahead_[d.t] : ahead_[d.f]; break;
            default:  // a statement that may end the run with A (an ancillary load without a device) is a return
                ahead_[i] = early_exit(d, seccomp_) == exit_kind::a ? 0 : end > ahead_[d.t] ? end : ahead_[d.t];
                break;
        }
    }
    /// The end of the packet bytes that statement d loads at a constant offset (ld abs, ldx msh),
    /// or 0.
    static constexpr std::uint32_t packet_load_end(const node& d) noexcept {
        if (d.what != kind::statement || !is_packet_offset(d.k)) return 0;
        if (d.code == (bpf::ldx | bpf::b | bpf::msh)) return d.k + 1;
        if (bpf::class_of(d.code) == bpf::ld && bpf::mode_of(d.code) == bpf::abs) return d.k + bpf::bytes_of(d.code);
        return 0;
    }

    /// verdict_[i]: constant_tag | K when every run from node i returns K (ends early included:
    /// a failed load or a division by zero returns 0), else 0. Computed before backward(i).
    constexpr void uniform_verdict(std::size_t i) {
        const node& d = g_.nodes[i];
        value v = 0;
        switch (d.what) {
            case kind::ret: v = d.code == (bpf::ret | bpf::k) ? constant_value(d.k) : 0; break;
            case kind::removed:
            case kind::jump: v = verdict_[d.t]; break;
            case kind::branch: v = verdict_[d.t] == verdict_[d.f] ? verdict_[d.t] : 0; break;
            case kind::statement:
                v = verdict_[d.t];
                switch (early_exit(d, seccomp_)) {
                    case exit_kind::none: break;
                    case exit_kind::zero: v = v == constant_value(0) ? v : 0; break;
                    case exit_kind::a: v = 0; break;
                }
                break;
        }
        verdict_[i] = d.reached ? v : 0;
    }
    /// Emits node i (in decreasing order) through e, after e.reset().
    constexpr void emit(emitter& e, std::size_t i) {
        std::uint32_t(&at)[max_instructions] = live_before_;  // no longer needed
        const node& d = g_.nodes[i];
        if (!d.reached) return;
        switch (d.what) {
            case kind::ret: at[i] = e.ret(d.code, d.k); break;
            case kind::removed:
            case kind::jump: at[i] = at[d.t]; break;
            case kind::branch: at[i] = e.jump(d.code, d.k, at[d.t], at[d.f]); break;
            case kind::statement: at[i] = e.stmt(d.code, d.k, at[d.t]); break;
        }
    }

    /// The emitted program in order; false when it did not fit.
    constexpr bool finish(emitter& e, image_buffer& out) const {
        e.finish(live_before_[0]);
        if (e.stopped) return false;
        out.size = e.size;
        for (std::size_t i = 0; i < e.size; ++i) out.code[i] = e.rev[e.size - 1 - i];
        return true;
    }

private:
    /// The load of value v into register r: removed when r holds it already.
    constexpr void load(node& d, state& s, std::size_t r, value v) noexcept {
        if (s.reg[r] == v) remove(d);
        s.reg[r] = v;
    }

    constexpr void visit(std::uint32_t i, node& d, state& s) {
        switch (d.what) {
            case kind::ret:
                if (d.code == (bpf::ret | bpf::a))
                    if (const known c = constant_of(s, s.reg[reg_a]); c.is) become(d, bpf::ret | bpf::k, c.c);
                return;
            case kind::jump:
            case kind::removed: push(i, d.t, s, d.t); return;
            case kind::branch: branch(i, d, s); return;
            case kind::statement:
                statement(d, s);
                push(i, d.t, s, d.t);
                return;
        }
    }

    constexpr void statement(node& d, state& s) {
        const std::uint16_t c = d.code;
        switch (bpf::class_of(c)) {
            case bpf::ld:
                regroup(d, s);
                load_a(d, s);
                return;
            case bpf::ldx:
                if (bpf::mode_of(c) == bpf::imm) return load(d, s, reg_x, constant_value(d.k));
                if (bpf::mode_of(c) == bpf::len) return load(d, s, reg_x, values_.operation(bpf::ld | bpf::len, 0));
                if (bpf::mode_of(c) == bpf::mem) {
                    const value v = s.reg[2 + (d.k & 15)];
                    if (const known k = constant_of(s, v); k.is) become(d, bpf::ldx | bpf::imm, k.c);
                    return load(d, s, reg_x, v);
                }
                load(d, s, reg_x, values_.operation(c, d.k));  // msh: the byte at k
                if (is_packet_offset(d.k) && d.k + 1 > s.extent) s.extent = d.k + 1;
                return;
            case bpf::st:
            case bpf::stx: {
                const value v = s.reg[bpf::class_of(c) == bpf::st ? reg_a : reg_x];
                return load(d, s, 2 + (d.k & 15), v);
            }
            case bpf::alu: alu(d, s); return;
            default:  // tax, txa
                if (bpf::miscop_of(c) == bpf::txa) return load(d, s, reg_a, s.reg[reg_x]);
                if (fold_offset(d, s)) return;
                return load(d, s, reg_x, s.reg[reg_a]);
        }
    }

    constexpr void load_a(node& d, state& s) {
        const std::uint16_t c = d.code;
        switch (bpf::mode_of(c)) {
            case bpf::imm: return load(d, s, reg_a, constant_value(d.k));
            case bpf::len: return load(d, s, reg_a, values_.operation(bpf::ld | bpf::len, 0));
            case bpf::mem: {
                const value v = s.reg[2 + (d.k & 15)];
                if (const known k = constant_of(s, v); k.is) become(d, bpf::ld | bpf::imm, k.c);
                return load(d, s, reg_a, v);
            }
            case bpf::ind: {
                const known x = constant_of(s, s.reg[reg_x]);
                if (!seccomp_ && x.is && std::uint64_t{x.c} + d.k < 0x80000000u) {
                    // [x + k] with x known: the same bytes as [x + k] absolute, in both dialects
                    become(d, static_cast<std::uint16_t>(bpf::ld | bpf::size_of(c) | bpf::abs), x.c + d.k);
                    return load_a(d, s);
                }
                return load(d, s, reg_a, indexed(s, c, d.k, s.reg[reg_x]));
            }
            default: break;  // abs
        }
        if (!seccomp_ && d.k >= ancillary_offset) {
            const auto which = static_cast<ext>(d.k - ancillary_offset);
            if (which == ext::rand) return load(d, s, reg_a, values_.fresh());
            const bool operands = which == ext::nla || which == ext::nlan || which == ext::xor_x;
            return load(d, s, reg_a,
                        operands ? values_.operation(c, d.k, s.reg[reg_a], s.reg[reg_x]) : values_.operation(c, d.k));
        }
        load(d, s, reg_a, values_.operation(c, d.k));
        if (!seccomp_ && is_packet_offset(d.k)) {
            const std::uint32_t end = d.k + bpf::bytes_of(c);
            if (end > s.extent) s.extent = end;
        }
    }

    constexpr void alu(node& d, state& s) {
        std::uint16_t op = bpf::op_of(d.code);
        const value a = s.reg[reg_a];
        if (op == bpf::neg) {
            if (const known c = constant_of(s, a); c.is) {
                become(d, bpf::ld | bpf::imm, fold(op, c.c, 0));
                return load(d, s, reg_a, constant_value(d.k));
            }
            return set(s, reg_a, values_.operation(d.code, 0, a));
        }
        if (bpf::src_of(d.code) == bpf::x) {
            const known x = constant_of(s, s.reg[reg_x]);
            if (const known ka = constant_of(s, a); !x.is && ka.is && op == bpf::add)  // k + X: as X + k
                return set(s, reg_a, sum(s.reg[reg_x], ka.c));
            if (const known ka = constant_of(s, a); !x.is && ka.is && ka.c == 0) {
                if (op == bpf::or_ || op == bpf::xor_) return set(s, reg_a, s.reg[reg_x]);    // 0 | X, 0 ^ X: X
                if (op == bpf::mul || op == bpf::and_ || op == bpf::lsh || op == bpf::rsh) {  // 0 whatever X is
                    become(d, bpf::ld | bpf::imm, 0);
                    return load(d, s, reg_a, constant_value(0));
                }
            }
            if (!x.is && (op == bpf::sub || op == bpf::xor_) && fold_x_into_branch(d)) return;
            if (!x.is || ((op == bpf::div || op == bpf::mod) && x.c == 0) ||
                ((op == bpf::lsh || op == bpf::rsh) && x.c >= 32))
                return set(s, reg_a, values_.operation(d.code, 0, a, s.reg[reg_x]));
            become(d, static_cast<std::uint16_t>(bpf::alu | op | bpf::k), x.c);
        }
        if (is_identity(op, d.k)) {
            remove(d);
            return;
        }
        if ((op == bpf::mul || op == bpf::and_) && d.k == 0) {
            become(d, bpf::ld | bpf::imm, 0);
            return load(d, s, reg_a, constant_value(0));
        }
        if (const known c = constant_of(s, a); c.is) {
            become(d, bpf::ld | bpf::imm, fold(op, c.c, d.k));
            return load(d, s, reg_a, constant_value(d.k));
        }
        if ((op == bpf::and_ || op == bpf::add || op == bpf::sub || op == bpf::xor_) && fold_into_branch(d)) return;
        set(s, reg_a, op == bpf::add ? sum(a, d.k) : values_.operation(d.code, d.k, a));
    }

    /// The value a + k (an `add #k`), as one operation on a's base: (b + j) + k is b + (j + k).
    constexpr value sum(value a, std::uint32_t k) {
        if (k == 0) return a;
        if (const auto o = values_.describe(a); o.is && o.code == (bpf::alu | bpf::add | bpf::k))
            return values_.operation(bpf::alu | bpf::add | bpf::k, o.k + k, o.a);
        return values_.operation(bpf::alu | bpf::add | bpf::k, k, a);
    }

    /// The branch's comparison as (value, op, k), or op = 0xffff when X's value is unknown.
    struct comparison {
        value v;
        std::uint16_t op;
        std::uint32_t k;
    };
    constexpr comparison compared(const node& d, const state& s) const noexcept {
        const std::uint16_t op = bpf::op_of(d.code);
        if (bpf::src_of(d.code) == bpf::k) return {s.reg[reg_a], op, d.k};
        const known x = constant_of(s, s.reg[reg_x]);
        if (x.is) return {s.reg[reg_a], op, x.c};
        return {s.reg[reg_a], 0xffff, 0};
    }
    /// The branch's outcome on state s: 1, 0 or -1 (unknown).
    constexpr int outcome(const node& d, const state& s) const noexcept {
        const comparison c = compared(d, s);
        if (c.op != 0xffff) return decide(s, c.v, c.op, c.k);
        if (s.reg[reg_a] != s.reg[reg_x]) return -1;
        switch (bpf::op_of(d.code)) {  // A op A
            case bpf::jeq:
            case bpf::jge: return 1;
            case bpf::jgt: return 0;
            default: return -1;
        }
    }

    constexpr void branch(std::uint32_t i, node& d, state& s) {
        if (bpf::src_of(d.code) == bpf::x)
            if (const known x = constant_of(s, s.reg[reg_x]); x.is)
                become(d, static_cast<std::uint16_t>(bpf::jmp | bpf::op_of(d.code) | bpf::k), x.c);
        range_test(d);
        if (const int o = outcome(d, s); o >= 0) {
            changed_ = true;
            --preds_[o ? d.f : d.t];  // the edge not taken is gone
            d.what = kind::jump;
            d.t = o ? d.t : d.f;
            push(i, d.t, s, d.t);
            return;
        }
        const comparison c = compared(d, s);
        state yes = s;
        if (c.op != 0xffff) {
            learn(yes, c.v, c.op, c.k, true);
            learn(s, c.v, c.op, c.k, false);
        }
        push(i, d.t, yes, d.t);
        push(i, d.f, s, d.f);
    }

    /// Sends state s along the edge from i to `to` (the edge's field `field`), first threading the
    /// edge past every branch that s decides. A run of statements before such a branch is skipped
    /// too when skipping it cannot change a verdict: each could be removed (it cannot fail on this
    /// edge) and what they write is dead where the edge lands (liveness of the round's input;
    /// the optimizer never adds a use of an original definition). The state sent is s itself: the
    /// skipped statements do not run.
    constexpr void push(std::uint32_t, std::uint32_t to, const state& s, std::uint32_t& field) {
        std::uint32_t landed = to, at = to, pending = 0;
        state& sim = sim_;  // s after the skipped statements, copied at the first one
        std::size_t skipped = 0;
        for (std::size_t steps = 0; steps < 64 && at < g_.size; ++steps) {
            ++work_;
            const node& n = g_.nodes[at];
            if (n.what == kind::jump || n.what == kind::removed) {
                at = n.t;
            } else if (n.what == kind::statement) {
                if (++skipped > max_skipped) break;
                if (skipped == 1) sim = s;
                node copy = n;
                copy.extent = s.extent;  // skipped loads add nothing: only what ran before counts
                const std::uint32_t defs = effect_of(n.code, n.k).def;
                work_ += 4;
                const bool changed = changed_;
                simulating_ = true;
                statement(copy, sim);
                simulating_ = false;
                changed_ = changed;
                // skippable: it cannot fail, or it is a load of a value the edge already holds
                // (the same load ran on every path here)
                if (!removable(copy, seccomp_) && !(defs == bit(reg_a) && holds(s, sim.reg[reg_a])) &&
                    !(defs == bit(reg_x) && holds(s, sim.reg[reg_x])))
                    break;
                pending |= defs;
                at = n.t;
            } else if (n.what == kind::branch) {
                const int o = outcome(n, skipped ? sim : s);
                if (o < 0) break;
                at = o ? n.t : n.f;
            } else {
                break;
            }
            if (agree(s, sim, pending & live_before_[at])) {
                landed = at;
                pending = 0;
            }
        }
        changed_ = changed_ || landed != to;
        --preds_[to];
        ++preds_[landed];
        field = landed;
        if (const node& n = g_.nodes[landed]; n.what == kind::ret && n.code == (bpf::ret | bpf::k))
            return reach_return(states_[landed], s);
        merge(states_[landed], s, values_, facts_, used_, work_);
    }

    /// A `ret #k` reads nothing of the state but its packet extent: only that is merged (most
    /// edges end at a few shared returns, and meeting their facts would cost the most).
    static constexpr void reach_return(state& dst, const state& src) noexcept {
        if (!dst.reached || src.extent < dst.extent) dst.extent = src.extent;
        dst.reached = true;
    }

    static constexpr std::size_t max_skipped = 8;
};

}  // namespace CTBPF_NAMESPACE::detail::compiler
