// ctbpf/compiler/optimize.hpp (internal) — the one optimizer, for any verified classic BPF
// program (docs/optimizer.md). A round lifts the image into a graph of instructions with
// absolute successors (cBPF jumps only go forward, so index order is a topological order and
// every data-flow pass is one linear sweep), then:
//   1. forward: value numbering of A, X and M[] (a value is a constant, an operation on values,
//      or unknown), facts about values from the branches taken (an interval and excluded
//      constants), and the packet bytes every path has certainly loaded. It folds constants,
//      removes loads and stores of values already in place, turns decided branches into jumps
//      and threads each edge past the branches its facts decide;
//   2. backward: liveness of A, X and M[]; an instruction whose results are never read is
//      removed when removing it cannot change a verdict (a packet load only when every path has
//      already loaded as far from the same base, so that it cannot fail);
//   3. emission through the shared emitter (compiler/emit.hpp): unreachable code is not
//      emitted, `ja` chains collapse, identical tails and returns merge.
// Rounds repeat until the image stops changing (at most max_rounds). The result is kept only when
// it is no longer than the input and verifies; else the input is returned. No heap.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "../detail/config.hpp"
#include "../encoding.hpp"
#include "../verify.hpp"
#include "emit.hpp"

namespace CTBPF_NAMESPACE::detail::compiler {

inline constexpr std::size_t max_rounds = 6;

/// A program of at most 4096 instructions in a fixed array.
struct image_buffer {
    std::array<sock_filter, max_instructions> code{};
    std::size_t size = 0;
};

// ---- values --------------------------------------------------------------------------------
/// A value number: the tag in the high word, then a constant, an interned operation or a fresh
/// (unknown) value.
using value = std::uint64_t;
inline constexpr value constant_tag = 1ull << 32, operation_tag = 2ull << 32, fresh_tag = 3ull << 32;
constexpr value constant_value(std::uint32_t c) noexcept { return constant_tag | c; }
constexpr bool is_constant(value v) noexcept { return (v >> 32) == 1; }

// The types held in the optimizer's large arrays have no default member initializers: their
// value-initialisation is then zero-initialisation, which constant evaluators represent without
// constructing every element (Clang: an array "filler"), so a short program costs little.

/// What is known about one value on every path to here. Facts live in a pool as immutable lists
/// (each node names the next), so that copying a state copies one index and paths that learned
/// nothing share their list.
struct fact {
    value v;
    std::uint32_t lo, hi;                   ///< lo <= v <= hi
    std::array<std::uint32_t, 4> excluded;  ///< v differs from these
    std::uint8_t excluded_count;
    std::uint32_t zeros;  ///< bits of v known to be 0 (from jset taken false)
    std::uint32_t some;   ///< v & some != 0 (from jset taken true), or 0
    std::uint32_t next;   ///< the rest of the list: 1 + its index, 0 for none
};
/// How far a list is read: older facts are forgotten.
inline constexpr std::size_t max_facts = 10;

class fact_pool {
public:
    constexpr void clear() noexcept { size_ = 0; }
    /// The newest fact about v in the list `head`, or nullptr.
    constexpr const fact* find(std::uint32_t head, value v) const noexcept {
        for (std::size_t depth = 0; head != 0 && depth < max_facts; ++depth) {
            const fact& f = nodes_[head - 1];
            if (f.v == v) return &f;
            head = f.next;
        }
        return nullptr;
    }
    /// The list with f as its newest fact, and no older fact about f.v: the nodes before the old
    /// one are copied (lists are immutable), so that every fact in reach is about another value.
    constexpr std::uint32_t replace(std::uint32_t head, fact f) noexcept {
        std::array<std::uint32_t, max_facts> before{};
        std::size_t count = 0;
        std::uint32_t at = head;
        while (at != 0 && count < max_facts && nodes_[at - 1].v != f.v) {
            before[count++] = at;
            at = nodes_[at - 1].next;
        }
        if (at == 0 || nodes_[at - 1].v != f.v) return push(f, head);  // no older fact in reach
        std::uint32_t out = push(f, nodes_[at - 1].next);
        while (count > 0 && out != 0) out = push(nodes_[before[--count] - 1], out);
        return out;
    }
    /// Whether the list's newest fact is about v.
    constexpr bool head_is(std::uint32_t head, value v) const noexcept { return head != 0 && nodes_[head - 1].v == v; }
    constexpr std::uint32_t next_of(std::uint32_t head) const noexcept { return head != 0 ? nodes_[head - 1].next : 0; }
    /// A list: f, then `head`. Full: no facts at all (always safe).
    constexpr std::uint32_t push(fact f, std::uint32_t head) noexcept {
        if (size_ == capacity) return 0;
        f.next = head;
        nodes_[size_] = f;
        return static_cast<std::uint32_t>(++size_);
    }
    /// The facts that hold on both lists.
    constexpr std::uint32_t meet(std::uint32_t a, std::uint32_t b) noexcept {
        if (a == b) return a;
        std::uint32_t out = 0;
        std::uint32_t at = a;
        for (std::size_t depth = 0; at != 0 && depth < max_facts; ++depth) {
            const fact f = nodes_[at - 1];
            const bool newest = find(a, f.v) == &nodes_[at - 1];  // else an older, shadowed fact
            at = f.next;
            if (!newest) continue;
            const fact* o = find(b, f.v);
            if (!o) continue;
            fact m = f;
            if (o->lo < m.lo) m.lo = o->lo;
            if (o->hi > m.hi) m.hi = o->hi;
            std::uint8_t n = 0;
            for (std::size_t i = 0; i < m.excluded_count; ++i)
                for (std::size_t j = 0; j < o->excluded_count; ++j)
                    if (m.excluded[i] == o->excluded[j]) m.excluded[n++] = m.excluded[i];
            m.excluded_count = n;
            m.zeros &= o->zeros;
            if (m.some != o->some) m.some = 0;
            out = push(m, out);
        }
        return out;
    }

private:
    static constexpr std::size_t capacity = 16 * max_instructions;
    std::array<fact, capacity> nodes_{};
    std::size_t size_ = 0;
};

/// Registers: 0 = A, 1 = X, 2 + i = M[i].
inline constexpr std::size_t reg_a = 0, reg_x = 1, registers = 2 + memory_words;

struct state {
    std::array<value, registers> reg;
    std::uint32_t facts;  ///< the list in the round's fact_pool: 1 + index, 0 for none
    bool reached;
    std::uint32_t extent;  ///< packet bytes [0, extent) certainly loaded on every path
};

/// Operations interned to value numbers (open addressing; one entry per instruction at most).
class value_table {
public:
    constexpr value operation(std::uint32_t code, std::uint32_t k, value a = 0, value b = 0) {
        std::uint64_t h = code;
        h = h * 0x9e3779b97f4a7c15ull + k;
        h = h * 0x9e3779b97f4a7c15ull + a;
        h = h * 0x9e3779b97f4a7c15ull + b;
        for (std::size_t i = static_cast<std::size_t>((h ^ (h >> 29)) % buckets_);; i = (i + 1) % buckets_) {
            key& e = keys_[i];
            if (e.generation != generation_) {
                if (2 * ++entries_ > buckets_) return fresh();  // full: an unknown value is always safe
                e = key{generation_, code, k, a, b};
                return operation_tag | i;
            }
            if (e.code == code && e.k == k && e.a == a && e.b == b) return operation_tag | i;
        }
    }
    constexpr value fresh() noexcept { return fresh_tag | fresh_++; }

    /// The operation behind an interned value: its code, k and first operand.
    struct operation_of {
        bool is = false;
        std::uint32_t code = 0, k = 0;
        value a = 0;
    };
    constexpr operation_of describe(value v) const noexcept {
        if ((v >> 32) != (operation_tag >> 32)) return {};
        const key& e = keys_[static_cast<std::size_t>(v & 0xffffffffu)];
        return {true, e.code, e.k, e.a};
    }
    /// Forgets every value (a new round) without clearing the table, and hashes into as much of
    /// it as a program of n instructions needs.
    constexpr void clear(std::size_t n) noexcept {
        ++generation_;
        fresh_ = 0;
        entries_ = 0;
        buckets_ = 4 * n + 17 < size ? 4 * n + 17 : size;
    }

private:
    struct key {
        std::uint32_t generation;
        std::uint32_t code, k;
        value a, b;
    };
    static constexpr std::size_t size = 4 * max_instructions + 17;
    std::array<key, size> keys_{};
    std::uint32_t fresh_ = 0;
    std::uint32_t generation_ = 1;
    std::size_t buckets_ = size, entries_ = 0;
};

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
    std::array<node, max_instructions> nodes{};
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

// ---- facts ---------------------------------------------------------------------------------
/// The value's constant, if it is one or the facts pin it down.
struct known {
    bool is = false;
    std::uint32_t c = 0;
};
constexpr known constant_of(const fact_pool& facts, const state& s, value v) noexcept {
    if (is_constant(v)) return {true, static_cast<std::uint32_t>(v)};
    if (const fact* f = facts.find(s.facts, v); f && f->lo == f->hi) return {true, f->lo};
    return {};
}

/// The outcome of `v op k` from what is known: 1 true, 0 false, -1 unknown.
constexpr int decide(const fact_pool& facts, const state& s, value v, std::uint16_t op, std::uint32_t k) noexcept {
    if (const known c = constant_of(facts, s, v); c.is) {
        switch (op) {
            case bpf::jeq: return c.c == k;
            case bpf::jgt: return c.c > k;
            case bpf::jge: return c.c >= k;
            default: return (c.c & k) != 0;
        }
    }
    const fact* f = facts.find(s.facts, v);
    const std::uint32_t lo = f ? f->lo : 0, hi = f ? f->hi : 0xffffffffu, zeros = f ? f->zeros : 0;
    switch (op) {
        case bpf::jeq:
            if (k < lo || k > hi || (k & zeros) != 0) return 0;
            if (f)
                for (std::size_t i = 0; i < f->excluded_count; ++i)
                    if (f->excluded[i] == k) return 0;
            return -1;
        case bpf::jgt: return lo > k ? 1 : hi <= k ? 0 : -1;
        case bpf::jge: return lo >= k ? 1 : hi < k ? 0 : -1;
        default:  // jset: no bit of k can be set, or a set bit is within k
            if (k == 0 || hi < (k & (~k + 1)) || (k & ~zeros) == 0) return 0;
            if (f && f->some != 0 && (f->some & ~k) == 0) return 1;
            return -1;
    }
}

/// Records in s that `v op k` was `outcome` on this edge.
constexpr void learn(fact_pool& facts, state& s, value v, std::uint16_t op, std::uint32_t k, bool outcome) noexcept {
    if (is_constant(v)) return;
    const fact* old = facts.find(s.facts, v);
    fact f = old ? *old : fact{v, 0, 0xffffffffu, {}, 0, 0, 0, 0};
    if (op == bpf::jset) {
        if (outcome)
            f.some = k;
        else
            f.zeros |= k;
    } else if (op == bpf::jeq && outcome) {
        f.lo = f.hi = k;
    } else if (op == bpf::jeq) {
        if (f.excluded_count < f.excluded.size()) f.excluded[f.excluded_count++] = k;
    } else if (op == bpf::jgt) {
        if (outcome && k + 1 > f.lo) f.lo = k + 1;
        if (!outcome && k < f.hi) f.hi = k;
    } else {  // jge
        if (outcome && k > f.lo) f.lo = k;
        if (!outcome && k - 1 < f.hi) f.hi = k - 1;
    }
    s.facts = facts.replace(s.facts, f);
}

/// dst := what holds on both dst's paths and src's.
constexpr void merge(state& dst, const state& src, value_table& values, fact_pool& facts, std::size_t& work) {
    if (!dst.reached) {
        ++work;
        dst = src;
        return;
    }
    work += registers + (dst.facts == src.facts ? 0 : max_facts * max_facts / 4);
    for (std::size_t r = 0; r < registers; ++r)
        if (dst.reg[r] != src.reg[r]) dst.reg[r] = values.fresh();
    if (src.extent < dst.extent) dst.extent = src.extent;
    dst.facts = facts.meet(dst.facts, src.facts);
}

// ---- instruction semantics -----------------------------------------------------------------
constexpr bool is_packet_offset(std::uint32_t k) noexcept { return k < 0x80000000u; }

/// A constant ALU result (K operand, verified: no division by zero, shifts below 32).
constexpr std::uint32_t fold(std::uint16_t op, std::uint32_t a, std::uint32_t k) noexcept {
    switch (op) {
        case bpf::add: return a + k;
        case bpf::sub: return a - k;
        case bpf::mul: return a * k;
        case bpf::div: return k ? a / k : 0;
        case bpf::mod: return k ? a % k : 0;
        case bpf::or_: return a | k;
        case bpf::and_: return a & k;
        case bpf::lsh: return k < 32 ? a << k : 0;
        case bpf::rsh: return k < 32 ? a >> k : 0;
        case bpf::xor_: return a ^ k;
        default: return ~a + 1;  // neg
    }
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

/// Whether removing the instruction (its results unused) keeps every verdict: it cannot fail,
/// or a load at least as far from the same base has certainly run before.
constexpr bool removable(const node& d, bool seccomp) noexcept {
    const std::uint16_t c = d.code;
    switch (bpf::class_of(c)) {
        case bpf::ld:
            if (bpf::mode_of(c) == bpf::ind) return false;
            if (bpf::mode_of(c) != bpf::abs) return true;
            if (seccomp) return true;
            return is_packet_offset(d.k) && std::uint64_t{d.k} + (bpf::size_of(c) == bpf::w   ? 4
                                                                  : bpf::size_of(c) == bpf::h ? 2
                                                                                              : 1) <=
                                                d.extent;
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

// ---- one round -----------------------------------------------------------------------------
class round {
public:
    /// Starts a round on p[0, n): the graph, the input's liveness, the entry state.
    constexpr void reset(const sock_filter* p, std::size_t n, bool seccomp) {
        seccomp_ = seccomp;
        lift(p, n, g_);
        for (std::size_t i = 0; i < n; ++i) states_[i].reached = false;  // merge copies the first arrival
        values_.clear(n);
        facts_.clear();
        changed_ = false;
        liveness();
        for (std::size_t i = 0; i < n; ++i) preds_[i] = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const node& d = g_.nodes[i];
            if (d.what == kind::ret) continue;
            ++preds_[d.t];
            if (d.what == kind::branch) ++preds_[d.f];
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
            return;
        }
        const effect e = effect_of(d.code, d.k);
        if (d.what == kind::statement && (e.def & out) == 0 && removable(d, seccomp_)) {
            remove(d);
            live_in_[i] = out;
            return;
        }
        live_in_[i] = (out & ~e.def) | e.use;
        if (d.what != kind::ret && verdict_[i] != 0) {  // every way on returns one constant
            changed_ = true;
            d = node{bpf::ret | bpf::k, static_cast<std::uint32_t>(verdict_[i]), kind::ret, 0, 0, d.extent, true};
            live_in_[i] = 0;
        }
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
                switch (early_exit(d)) {
                    case exit_kind::none: break;
                    case exit_kind::zero: v = v == constant_value(0) ? v : 0; break;
                    case exit_kind::a: v = 0; break;
                }
                break;
        }
        verdict_[i] = d.reached ? v : 0;
    }
    enum class exit_kind : std::uint8_t { none, zero, a };
    /// How the statement can end a run: never, with 0 (a failed load, a division by X = 0, an
    /// ancillary load in the libpcap dialect) or with A (ifindex/hatype without a device).
    constexpr exit_kind early_exit(const node& d) const noexcept {
        const std::uint16_t c = d.code;
        if (bpf::class_of(c) == bpf::alu)
            return bpf::src_of(c) == bpf::x && (bpf::op_of(c) == bpf::div || bpf::op_of(c) == bpf::mod)
                       ? exit_kind::zero
                       : exit_kind::none;
        if (seccomp_ || (bpf::class_of(c) != bpf::ld && bpf::class_of(c) != bpf::ldx)) return exit_kind::none;
        const std::uint16_t mode = bpf::mode_of(c);
        if (mode == bpf::ind || mode == bpf::msh) return exit_kind::zero;
        if (mode != bpf::abs) return exit_kind::none;
        if (d.k >= ancillary_offset && (d.k - ancillary_offset == static_cast<std::uint32_t>(ext::ifidx) ||
                                        d.k - ancillary_offset == static_cast<std::uint32_t>(ext::hatype)))
            return exit_kind::a;
        return exit_kind::zero;
    }

    /// Emits node i (in decreasing order) through e, after e.reset().
    constexpr void emit(emitter& e, std::size_t i) {
        std::array<std::uint32_t, max_instructions>& at = live_before_;  // no longer needed
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
            case bpf::ld: load_a(d, s); return;
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
            const std::uint32_t end = d.k + (bpf::size_of(c) == bpf::w ? 4 : bpf::size_of(c) == bpf::h ? 2 : 1);
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
        if (const auto o = values_.describe(a); o.is && o.code == (bpf::alu | bpf::add | bpf::k))
            return values_.operation(bpf::alu | bpf::add | bpf::k, o.k + k, o.a);
        return values_.operation(bpf::alu | bpf::add | bpf::k, k, a);
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
        if (simulating_ || d.t >= g_.size || preds_[d.t] != 1) return false;
        node& n = g_.nodes[d.t];
        if (n.what != kind::branch || bpf::src_of(n.code) != bpf::k) return false;
        if (((live_before_[n.t] | live_before_[n.f]) & bit(reg_a)) != 0) return false;  // A read later
        const std::uint16_t op = bpf::op_of(n.code), alu = bpf::op_of(d.code);
        if (alu != bpf::and_) {
            if (op != bpf::jeq) return false;
            become(n, n.code, alu == bpf::add ? n.k - d.k : alu == bpf::sub ? n.k + d.k : n.k ^ d.k);
            remove(d);
            return true;
        }
        std::uint32_t mask = d.k;
        bool swap = false;
        if (op == bpf::jset)
            mask &= n.k;
        else if ((op == bpf::jeq || op == bpf::jgt) && n.k == 0)
            swap = op == bpf::jeq;
        else
            return false;
        become(n, bpf::jmp | bpf::jset | bpf::k, mask);
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
        constexpr std::uint16_t jeq_k = bpf::jmp | bpf::jeq | bpf::k;
        if (simulating_ || d.code != jeq_k) return;
        std::uint32_t lo = d.k, hi = d.k, count = 1, at = d.f;
        std::array<std::uint32_t, max_range> seen{};
        seen[0] = d.k;
        while (count < max_range && at < g_.size && preds_[at] == 1) {
            const node& n = g_.nodes[at];
            if (n.what != kind::branch || n.code != jeq_k || n.t != d.t) break;
            for (std::uint32_t i = 0; i < count; ++i)
                if (seen[i] == n.k) return;  // a repeated constant: leave it
            seen[count++] = n.k;
            lo = n.k < lo ? n.k : lo;
            hi = n.k > hi ? n.k : hi;
            at = n.f;
        }
        // the longest prefix of the chain whose constants are an interval is not searched for:
        // the whole chain or nothing
        if (count < 3 || hi - lo + 1 != count) return;
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
        merge(states_[landed], s, values_, facts_, work_);
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

    /// Liveness of the round's input (bit r: register r is read before it is written).
    constexpr void liveness() {
        for (std::size_t i = g_.size; i-- > 0;) {
            const node& d = g_.nodes[i];
            std::uint32_t out = 0;
            if (d.what == kind::branch)
                out = live_before_[d.t] | live_before_[d.f];
            else if (d.what != kind::ret)
                out = live_before_[d.t];
            const effect e = d.what == kind::jump ? effect{} : effect_of(d.code, d.k);
            live_before_[i] = (out & ~e.def) | e.use;
        }
    }

    static constexpr std::size_t max_skipped = 8;
    graph g_{};
    std::array<state, max_instructions> states_{};
    std::array<std::uint32_t, max_instructions> live_before_{}, live_in_{}, preds_{};
    std::array<value, max_instructions> verdict_{};
    state sim_{};
    std::size_t work_ = 0;
    bool changed_ = false;
    bool simulating_ = false;  ///< push() is simulating statements it may skip
    value_table values_{};
    fact_pool facts_{};
    bool seccomp_ = false;
};

/// The optimizer as a resumable computation: advance(budget) does about `budget` units of work
/// (one unit is roughly one instruction visited by one pass) and stops, so that a compile-time
/// caller can spread a long program over several constant evaluations, each within the
/// compilers' default limits. About 2 MB: the run-time API puts it on the heap.
class optimizer {
public:
    /// Starts on p[0, n). A program that does not verify for `prof` is the result as it is
    /// (`verified`: the caller has checked that it does).
    constexpr void start(const sock_filter* p, std::size_t n, profile prof, bool verified = false) {
        prof_ = prof;
        out_.size = n;
        for (std::size_t i = 0; i < n && i < max_instructions; ++i) out_.code[i] = p[i];
        input_ = out_;
        phase_ = (n == 0 || n > max_instructions) ? phase::done : verified ? phase::lift : phase::verify;
        rounds_ = 0;
    }

    /// Works until about `budget` units are done or the optimizer is finished; true when finished.
    constexpr bool advance(std::size_t budget) {
        std::size_t work = 0;
        while (phase_ != phase::done && work < budget) {
            switch (phase_) {
                case phase::verify:
                    work += 6 * out_.size;
                    phase_ = verify(out_.code.data(), out_.size, prof_) ? phase::lift : phase::done;
                    break;
                case phase::lift:
                    step_.reset(out_.code.data(), out_.size, prof_ == profile::seccomp);
                    work += 2 * out_.size;
                    cursor_ = 0;
                    phase_ = phase::forward;
                    break;
                case phase::forward:
                    while (cursor_ < step_.size() && work < budget) work += step_.forward(cursor_++);
                    if (cursor_ == step_.size()) phase_ = phase::backward;
                    break;
                case phase::backward:
                    for (; cursor_ > 0 && work < budget; ++work) {
                        step_.uniform_verdict(--cursor_);
                        step_.backward(cursor_);
                    }
                    if (cursor_ == 0) {
                        code_.reset(out_.size);
                        cursor_ = step_.size();
                        // a round of the emitter's own output that changes nothing reproduces it
                        phase_ = step_.changed() || rounds_ == 0 ? phase::emit : phase::check;
                    }
                    break;
                case phase::emit:
                    for (; cursor_ > 0 && work < budget; work += 4) step_.emit(code_, --cursor_);
                    if (cursor_ == 0) phase_ = phase::check;
                    break;
                case phase::check:  // keep the round when it fits and is no longer; another?
                    work += out_.size;
                    phase_ = conclude() ? phase::lift : phase::final_check;
                    break;
                default:  // final_check: a result that does not verify is replaced by the input
                    work += 6 * out_.size;
                    if (!verify(out_.code.data(), out_.size, prof_)) out_ = input_;
                    phase_ = phase::done;
                    break;
            }
        }
        return phase_ == phase::done;
    }

    constexpr bool done() const noexcept { return phase_ == phase::done; }
    constexpr const image_buffer& result() const noexcept { return out_; }

private:
    enum class phase : std::uint8_t { verify, lift, forward, backward, emit, check, final_check, done };

    /// Ends a round: true when another one may improve the result.
    constexpr bool conclude() {
        if (rounds_ > 0 && !step_.changed()) return false;
        if (!step_.finish(code_, next_) || next_.size > out_.size) return false;
        bool same = next_.size == out_.size;
        for (std::size_t i = 0; same && i < out_.size; ++i) same = same_instruction(next_.code[i], out_.code[i]);
        out_ = next_;
        return !same && ++rounds_ < max_rounds;
    }

    round step_{};
    emitter code_{};
    image_buffer input_{}, out_{}, next_{};
    profile prof_ = profile::socket_filter;
    phase phase_ = phase::done;
    std::size_t cursor_ = 0, rounds_ = 0;
};

/// Optimizes p[0, n) with `o` in one go: o.result() is the program.
constexpr void optimize_all(optimizer& o, const sock_filter* p, std::size_t n, profile prof) {
    o.start(p, n, prof);
    while (!o.advance(~std::size_t{0})) {}
}

}  // namespace CTBPF_NAMESPACE::detail::compiler
