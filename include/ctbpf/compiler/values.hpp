// ctbpf/compiler/values.hpp (internal) — what the optimizer knows about registers: value numbers
// (a constant, an operation interned in a table, or a fresh unknown), facts learned from branches
// (immutable lists in a pool), the state at a point of the program, and how states meet where
// paths join. Used by compiler/round.hpp. No heap.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "../detail/config.hpp"
#include "../encoding.hpp"
#include "graph.hpp"

namespace CTBPF_NAMESPACE::detail::compiler {

// ---- values --------------------------------------------------------------------------------
/// A value number: the tag in the high word, then a constant, an interned operation or a fresh
/// (unknown) value.
using value = std::uint64_t;
inline constexpr value constant_tag = 1ull << 32, operation_tag = 2ull << 32, fresh_tag = 3ull << 32;
constexpr value constant_value(std::uint32_t c) noexcept { return constant_tag | c; }
constexpr bool is_constant(value v) noexcept { return (v >> 32) == 1; }

// The types held in the optimizer's large arrays have no default member initializers: their
// value-initialisation is then zero-initialisation, which constant evaluators represent without
// constructing every element (Clang: an array "filler"), so a short program costs little. The
// arrays the passes index most are built-in arrays: a constant evaluator indexes them directly,
// where std::array's operator[] is a call it evaluates each time (with std::array, that call is a
// third of the optimizer's compile time on g++ 12, a fifth on clang++ 19).

/// What is known about one value on every path to here. Facts live in a pool as immutable lists
/// (each node names the next), so that copying a state copies one index and paths that learned
/// nothing share their list.
struct fact {
    value v;
    std::uint32_t lo, hi;       ///< lo <= v <= hi
    std::uint32_t excluded[4];  ///< v differs from these
    std::uint8_t excluded_count;
    std::uint32_t zeros;  ///< bits of v known to be 0 (from jset taken false)
    std::uint32_t some;   ///< v & some != 0 (from jset taken true), or 0
    std::uint32_t next;   ///< the rest of the list: 1 + its index, 0 for none
};
/// How far a list is read (older facts are forgotten): deep for programs up to
/// `deep_facts_up_to` instructions (an IPv6 address alone is eight facts, and the EtherType
/// tested before it must stay in reach), shallow beyond, where the reading cost would dominate
/// the optimizer's compile time (docs/optimizer.md, "Compile time").
inline constexpr std::size_t max_facts = 24, shallow_facts = 10, deep_facts_up_to = 512;

class fact_pool {
public:
    /// Empties the pool for a program of n instructions.
    constexpr void clear(std::size_t n) noexcept {
        size_ = 0;
        depth_ = n <= deep_facts_up_to ? max_facts : shallow_facts;
    }
    constexpr std::size_t depth() const noexcept { return depth_; }
    /// The newest fact about v in the list `head`, or nullptr.
    constexpr const fact* find(std::uint32_t head, value v) const noexcept {
        for (std::size_t depth = 0; head != 0 && depth < depth_; ++depth) {
            const fact& f = nodes_[head - 1];
            if (f.v == v) return &f;
            head = f.next;
        }
        return nullptr;
    }
    /// The list with f as its newest fact, and no older fact about f.v: the nodes before the old
    /// one are copied (lists are immutable), so that every fact in reach is about another value.
    constexpr std::uint32_t replace(std::uint32_t head, fact f) noexcept {
        std::uint32_t before[max_facts]{};
        std::size_t count = 0;
        std::uint32_t at = head;
        while (at != 0 && count < depth_ && nodes_[at - 1].v != f.v) {
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
    /// The newest fact of a list that is not empty.
    constexpr const fact& newest(std::uint32_t head) const noexcept { return nodes_[head - 1]; }
    /// A list: f, then `head`. Full: no facts at all (always safe).
    constexpr std::uint32_t push(fact f, std::uint32_t head) noexcept {
        if (size_ == capacity) return 0;
        f.next = head;
        nodes_[size_] = f;
        return static_cast<std::uint32_t>(++size_);
    }
    /// The facts that hold on both lists. The facts in reach of a list are about distinct values
    /// (replace keeps them so), so each fact of `a` is looked up in `b` only.
    constexpr std::uint32_t meet(std::uint32_t a, std::uint32_t b) noexcept {
        if (a == b) return a;
        std::uint32_t out = 0;
        std::uint32_t at = a;
        for (std::size_t depth = 0; at != 0 && depth < depth_; ++depth) {
            const fact f = nodes_[at - 1];
            at = f.next;
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
    fact nodes_[capacity]{};
    std::size_t size_ = 0, depth_ = shallow_facts;
};

struct state {
    value reg[registers];
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
    key keys_[size]{};
    std::uint32_t fresh_ = 0;
    std::uint32_t generation_ = 1;
    std::size_t buckets_ = size, entries_ = 0;
};

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
        return analysis::condition_holds(op, c.c, k);
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
        if (f.excluded_count < std::size(f.excluded)) f.excluded[f.excluded_count++] = k;
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
/// `used`: the registers the program touches (bit r), the only ones compared.
constexpr void merge(state& dst, const state& src, value_table& values, fact_pool& facts, std::uint32_t used,
                     std::size_t& work) {
    if (!dst.reached) {
        ++work;
        dst = src;
        return;
    }
    work += 4 + (dst.facts == src.facts ? 0 : facts.depth() * facts.depth() / 4);
    for (std::size_t r = 0; used != 0; ++r, used >>= 1)
        if ((used & 1) != 0 && dst.reg[r] != src.reg[r]) dst.reg[r] = values.fresh();
    if (src.extent < dst.extent) dst.extent = src.extent;
    dst.facts = facts.meet(dst.facts, src.facts);
}

}  // namespace CTBPF_NAMESPACE::detail::compiler
