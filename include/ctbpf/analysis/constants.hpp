// ctbpf/analysis/constants.hpp (internal) — the constant facts of a verified program: one forward
// pass (every jump goes forward, so index order is a topological order) that keeps A and X where
// every path reaching an instruction agrees on them, takes only the branch a conditional jump
// with known operands takes, and reports every return a path can reach, a run that ends early
// (a failed load, a division by X = 0) as a return of 0. seccomp::decision_for asks it what a
// filter decides for one system call whatever the arguments.
// Usage (internal): analysis::constant_flow<Capacity>(p, n, load, on_return);
#pragma once

#include <cstddef>
#include <cstdint>

#include "../detail/config.hpp"
#include "../encoding.hpp"
#include "instruction.hpp"

namespace CTBPF_NAMESPACE::detail::analysis {

/// A register's value where every path agrees on it (known), or not.
struct value {
    bool known;
    std::uint32_t v;
};
/// What a load puts in its register, and whether it can end the run with 0 instead.
struct load_outcome {
    value v;
    bool may_end;
};

/// At one instruction: whether some path reaches it, and A and X. (No default member
/// initializers: a value-initialized array of them is an array filler for Clang.)
struct flow_state {
    bool reached;
    value a, x;
};

constexpr void join(value& into, value v) noexcept {
    if (into.known && (!v.known || v.v != into.v)) into.known = false;
}

/// One instruction that neither jumps nor returns: the state after it, or ends = the run can end
/// there with 0 (ends_always: it always does).
struct step_outcome {
    bool may_end, ends_always;
};
template <class Load>
constexpr step_outcome step(const sock_filter& f, flow_state& s, Load& load, bool libpcap) noexcept {
    const std::uint16_t cls = bpf::class_of(f.code);
    if (cls == bpf::ld || cls == bpf::ldx) {
        value& r = cls == bpf::ld ? s.a : s.x;
        if (bpf::mode_of(f.code) == bpf::imm) {
            r = {true, f.k};
            return {false, false};
        }
        if (bpf::mode_of(f.code) == bpf::mem) {  // scratch cells are not followed
            r = {false, 0};
            return {false, false};
        }
        const load_outcome o = load(f);
        r = o.v;
        return {o.may_end, false};
    }
    if (cls == bpf::alu) {
        const value b = bpf::src_of(f.code) == bpf::x ? s.x : value{true, f.k};
        const std::uint16_t op = bpf::op_of(f.code);
        const bool divides = op == bpf::div || op == bpf::mod;
        if (s.a.known && (b.known || op == bpf::neg)) {
            const alu_outcome r = alu(f.code, s.a.v, b.v, libpcap);
            s.a = {!r.ends, r.a};
            return {r.ends, r.ends};
        }
        s.a = {false, 0};
        if (divides && b.known) return {b.v == 0, b.v == 0};
        return {divides, false};  // a divisor that may be 0
    }
    if (cls == bpf::misc) {
        if (bpf::miscop_of(f.code) == bpf::tax)
            s.x = s.a;
        else
            s.a = s.x;
    }
    return {false, false};  // st, stx: the registers stay
}

/// The forward pass over p[0, n) (n <= Capacity; a longer program reports an unknown return):
/// `load(f)` gives the load_outcome of a packet, seccomp_data, length or ancillary load;
/// `on_return(value)` hears each return some path reaches, a run that ends early as {true, 0}.
template <std::size_t Capacity, class Load, class Return>
constexpr void constant_flow(const sock_filter* p, std::size_t n, Load&& load, Return&& on_return,
                             bool libpcap = false) noexcept {
    if (n == 0 || n > Capacity) {
        on_return(value{false, 0});
        return;
    }
    flow_state at[Capacity]{};
    const auto flow = [&](std::size_t to, const flow_state& s) {
        if (to >= n) {  // past the end: the VM returns 0
            on_return(value{true, 0});
            return;
        }
        if (!at[to].reached) {
            at[to] = s;
            return;
        }
        join(at[to].a, s.a);
        join(at[to].x, s.x);
    };
    at[0].reached = true;
    for (std::size_t pc = 0; pc < n; ++pc) {
        if (!at[pc].reached) continue;
        flow_state s = at[pc];
        const sock_filter& f = p[pc];
        if (is_return(f.code)) {
            on_return(bpf::rval_of(f.code) == bpf::a ? s.a : bpf::rval_of(f.code) == bpf::x ? s.x : value{true, f.k});
        } else if (f.code == bpf::opcode::ja) {
            flow(pc + 1 + f.k, s);
        } else if (is_jump(f.code)) {
            const value b = bpf::src_of(f.code) == bpf::x ? s.x : value{true, f.k};
            if (s.a.known && b.known) {
                flow(pc + 1 + (condition_holds(f.code, s.a.v, b.v) ? f.jt : f.jf), s);
            } else {
                flow(pc + 1 + f.jt, s);
                flow(pc + 1 + f.jf, s);
            }
        } else {
            const step_outcome o = step(f, s, load, libpcap);
            if (o.may_end) on_return(value{true, 0});
            if (!o.ends_always) flow(pc + 1, s);
        }
    }
}

}  // namespace CTBPF_NAMESPACE::detail::analysis
