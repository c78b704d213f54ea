// ctbpf/seccomp/lower.hpp (internal) — a seccomp policy to classic BPF through the one emitter
// (compiler/emit.hpp): the architecture check, the hot system calls, a balanced search over the
// ranges of system call numbers that share a decision, and each decision's argument tests
// (docs/seccomp.md, "How a policy is compiled"). The optimizer runs after it (compile.hpp).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "../compiler/emit.hpp"
#include "../compiler/lower.hpp"
#include "../detail/config.hpp"
#include "../detail/sort.hpp"
#include "../encoding.hpp"
#include "policy.hpp"

namespace CTBPF_NAMESPACE::detail::seccomp {
static_assert(static_cast<int>(ctbpf::seccomp::cmp::ge) == static_cast<int>(compiler::comparison::ge) &&
                  static_cast<int>(ctbpf::seccomp::cmp::ne) == static_cast<int>(compiler::comparison::ne),
              "seccomp::cmp begins with compiler::comparison's six");
using namespace ctbpf::seccomp;  // NOLINT
using compiler::emitter;

using bpf::opcode::ld_w_abs;
inline constexpr std::uint32_t sign_bit = 0x80000000u;

/// The value a placeholder stands for in a rendering (two renderings tell where each one lands:
/// compile.hpp). Far from ordinary constants in both halves.
constexpr std::uint64_t sentinel(std::size_t placeholder, unsigned rendering) noexcept {
    const std::uint64_t p = placeholder + 1, r = rendering + 1;
    return (0x5eedull << 48 | r << 40 | p << 32) | (0xa11c0000u | static_cast<std::uint32_t>(r << 12 | p));
}

/// The number of the placeholder `name` in p: distinct names counted in order of first
/// appearance (the number of placeholders when `name` is not one).
template <class P>
constexpr std::size_t placeholder_number(const P& p, const std::array<char, 24>& name) noexcept {
    std::size_t number = 0;
    for (std::size_t i = 0; i < p.nodes.size(); ++i) {
        const std::array<char, 24>& here = p.nodes[i].t.placeholder;
        if (p.nodes[i].kind != node_kind::leaf || here[0] == 0) continue;
        bool seen = false;
        for (std::size_t j = 0; j < i && !seen; ++j)
            seen = p.nodes[j].kind == node_kind::leaf && p.nodes[j].t.placeholder == here;
        if (seen) continue;
        if (here == name) return number;
        ++number;
    }
    return number;
}

/// How the calls with one system call number are decided: by the architecture check (foreign),
/// by one action whatever the arguments (constant), or by a chain of rules, the first `length`
/// rules that name `nr`, tried in order before the default.
struct decision {
    enum class kind : std::uint8_t { foreign, constant, chain } how = kind::constant;
    std::uint32_t action = 0;  ///< constant
    std::uint32_t nr = 0;      ///< chain: a system call number it decides
    std::uint32_t length = 0;  ///< chain
};

/// The lowering of one policy: its decisions, the ranges of numbers, and the emitted program.
template <class P>
class lowering {
public:
    constexpr explicit lowering(const P& p, unsigned rendering) : p_(p), rendering_(rendering) {}

    /// Whether rule r names system call nr.
    constexpr bool names(std::size_t r, std::uint32_t nr) const noexcept {
        return ctbpf::seccomp::detail::rule_names(p_, r, nr);
    }
    /// The k-th rule (from 0) naming nr, or R.
    constexpr std::size_t nth_rule(std::uint32_t nr, std::size_t k) const noexcept {
        for (std::size_t r = 0; r < p_.rules.size(); ++r)
            if (names(r, nr) && k-- == 0) return r;
        return p_.rules.size();
    }

    /// Whether nr is a call of another ABI: x32 calls on x86_64 (nr -1, no system call, excepted),
    /// x86_64 calls under an x32 policy.
    constexpr bool foreign(std::uint32_t nr) const noexcept {
        return ctbpf::seccomp::detail::foreign_number<P::target>(nr);
    }

    /// How calls with number nr are decided.
    constexpr decision decide(std::uint32_t nr) const noexcept {
        if (foreign(nr)) return {decision::kind::foreign, p_.foreign_action, 0, 0};
        // the rules naming nr up to the first unconditional one, then without a tail of rules
        // whose action is the default (they decide what the default would)
        std::size_t length = 0, useful = 0;
        for (std::size_t r = 0; r < p_.rules.size(); ++r) {
            if (!names(r, nr)) continue;
            ++length;
            if (p_.rules[r].action != p_.default_action) useful = length;
            if (p_.rules[r].unconditional) break;
        }
        if (useful == 0) return {decision::kind::constant, p_.default_action, 0, 0};
        const rule_ref& first = p_.rules[nth_rule(nr, 0)];
        if (first.unconditional) return {decision::kind::constant, first.action, 0, 0};
        return {decision::kind::chain, 0, nr, static_cast<std::uint32_t>(useful)};
    }

    constexpr bool same(const decision& a, const decision& b) const noexcept {
        if (a.how != b.how) return false;
        if (a.how != decision::kind::chain) return a.action == b.action;
        if (a.length != b.length) return false;
        for (std::size_t k = 0; k < a.length; ++k)
            if (nth_rule(a.nr, k) != nth_rule(b.nr, k)) return false;
        return true;
    }

    // ---- the ranges -----------------------------------------------------------------------------

    /// The maximal ranges [first[i], first[i + 1]) of numbers with one decision, over all 2^32.
    static constexpr std::size_t max_ranges = 2 * std::tuple_size_v<decltype(P{}.nrs)> + 4;
    std::array<std::uint32_t, max_ranges> first{};
    std::array<decision, max_ranges> decided{};
    std::size_t ranges = 0;

    constexpr void find_ranges() {
        // candidate starts: 0, each named number and the one after it, the ABI boundaries
        std::array<std::uint32_t, max_ranges> starts{};
        std::size_t n = 0;
        starts[n++] = 0;
        starts[n++] = x32_syscall_bit;
        starts[n++] = 0xffffffffu;
        for (std::uint32_t nr : p_.nrs) {
            starts[n++] = nr;
            if (nr != 0xffffffffu) starts[n++] = nr + 1;
        }
        std::array<std::uint32_t, max_ranges> scratch{};
        sort_keys(starts.data(), scratch.data(), n);
        ranges = 0;
        for (std::size_t i = 0; i < n; ++i) {
            if (i > 0 && starts[i] == starts[i - 1]) continue;
            const decision d = decide(starts[i]);
            if (ranges > 0 && same(decided[ranges - 1], d)) continue;
            first[ranges] = starts[i];
            decided[ranges++] = d;
        }
    }

    // ---- emission -----------------------------------------------------------------------------

    /// Leaves of the search: ranges [first[leaf_start[i]], first[leaf_start[i + 1]]), each one
    /// decision with at most max_exceptions single numbers decided otherwise, tested with jeq:
    /// one instruction where two jge would bracket each (2: P1 of docs/seccomp.md takes 69
    /// instructions, 10.6 executed on average; 1: 73 and 10.5; 3: 67 and 11.4).
    static constexpr std::size_t max_exceptions = 2;
    std::array<std::uint32_t, max_ranges + 1> leaf_start{};
    std::array<std::uint64_t, max_ranges + 1> leaf_weight{};  ///< prefix sums of 1 + cost
    std::size_t leaves = 0;

    constexpr void find_leaves() {
        leaves = 0;
        leaf_weight[0] = 0;
        for (std::size_t i = 0; i < ranges;) {
            const std::size_t start = i;
            std::size_t exceptions = 0;
            ++i;
            while (exceptions < max_exceptions && i + 1 < ranges && single(i) && same(decided[i + 1], decided[start])) {
                ++exceptions;
                i += 2;
            }
            std::size_t cost = block_cost(decided[start]);
            for (std::size_t j = start + 1; j < i; j += 2)
                cost = cost > block_cost(decided[j]) ? cost : block_cost(decided[j]);
            cost += exceptions;
            leaf_start[leaves] = static_cast<std::uint32_t>(start);
            leaf_weight[leaves + 1] = leaf_weight[leaves] + 1 + cost;
            ++leaves;
        }
        leaf_start[leaves] = static_cast<std::uint32_t>(ranges);
    }

    /// The program: arch check, hot calls, the search. Returns the entry.
    constexpr std::uint32_t emit(emitter& e) {
        find_ranges();
        find_leaves();
        std::uint32_t dispatch = search(e, 0, leaves);
        for (std::size_t i = p_.hot.size(); i-- > 0;)
            dispatch = e.jump(bpf::jmp | bpf::jeq | bpf::k, p_.hot[i], block(e, decide(p_.hot[i])), dispatch);
        const std::uint32_t body = e.stmt(ld_w_abs, nr_offset, dispatch);
        const std::uint32_t wrong_arch = e.ret(bpf::ret | bpf::k, p_.foreign_action);
        return e.stmt(ld_w_abs, arch_offset,
                      e.jump(bpf::jmp | bpf::jeq | bpf::k, info(P::target).audit, body, wrong_arch));
    }

private:
    const P& p_;
    unsigned rendering_;

    /// Whether range i holds one number.
    constexpr bool single(std::size_t i) const noexcept { return first[i + 1] - first[i] == 1; }

    /// About the instructions a decision's block executes on its longest path, before its
    /// return: a jump per test, and the loads of an argument's halves where the test before
    /// read another argument (the optimizer removes the reloads).
    constexpr std::size_t block_cost(const decision& d) const noexcept {
        if (d.how != decision::kind::chain) return 0;
        std::size_t cost = 0;
        int last_arg = -1;
        for (std::size_t k = 0; k < d.length; ++k) {
            const rule_ref& r = p_.rules[nth_rule(d.nr, k)];
            for (std::size_t i = r.node_first; i <= r.root; ++i) {
                const test& t = p_.nodes[i].t;
                if (p_.nodes[i].kind != node_kind::leaf) continue;
                const bool narrow = t.width == 32 || !info(P::target).wide || (t.mask >> 32) == 0;
                cost += (narrow ? 1 : 2) + (t.arg != last_arg ? (narrow ? 1 : 2) : 0);
                last_arg = t.arg;
            }
        }
        return cost;
    }

    /// Leaves [lo, hi) as a search: jge on the first number of the upper part, the parts split
    /// where their weights are closest to equal (a leaf weighs 1 plus the instructions its
    /// argument tests execute: leaves with argument rules sit nearer the root; measured on the
    /// policies of docs/seccomp.md against a split by count and by 2^cost).
    constexpr std::uint32_t search(emitter& e, std::size_t lo, std::size_t hi) {
        if (hi - lo == 1) return leaf(e, lo);
        const std::uint64_t half = (leaf_weight[lo] + leaf_weight[hi]) / 2;
        std::size_t mid = lo + 1;
        while (mid + 1 < hi && leaf_weight[mid + 1] <= half) ++mid;
        if (mid + 1 < hi && half - leaf_weight[mid] > leaf_weight[mid + 1] - half) ++mid;
        const std::uint32_t upper = search(e, mid, hi);
        const std::uint32_t lower = search(e, lo, mid);
        return e.jump(bpf::jmp | bpf::jge | bpf::k, first[leaf_start[mid]], upper, lower);
    }

    /// A leaf: its exceptions tested with jeq, in order, then its decision.
    constexpr std::uint32_t leaf(emitter& e, std::size_t i) {
        const std::size_t start = leaf_start[i], end = leaf_start[i + 1];
        std::uint32_t next = block(e, decided[start]);
        for (std::size_t j = end - 1; j > start + 1; j -= 2)  // exceptions at start + 1, start + 3, ...
            next = e.jump(bpf::jmp | bpf::jeq | bpf::k, first[j - 1], block(e, decided[j - 1]), next);
        return next;
    }

    /// The code of one decision.
    constexpr std::uint32_t block(emitter& e, const decision& d) {
        if (d.how != decision::kind::chain) return e.ret(bpf::ret | bpf::k, d.action);
        std::uint32_t next = e.ret(bpf::ret | bpf::k, p_.default_action);
        for (std::size_t k = d.length; k-- > 0;) {
            const rule_ref& r = p_.rules[nth_rule(d.nr, k)];
            next = holds(e, r.root, e.ret(bpf::ret | bpf::k, r.action), next);
        }
        return next;
    }

    /// Condition node i: continue at t when it holds, else at f (compiler/lower.hpp's walk).
    constexpr std::uint32_t holds(emitter& e, std::size_t i, std::uint32_t t, std::uint32_t f) {
        using compiler::condition_kind;
        const auto node_of = [this](std::size_t at) -> compiler::condition_node {
            const node& n = p_.nodes[at];
            const condition_kind k = n.kind == node_kind::always   ? condition_kind::always
                                     : n.kind == node_kind::all    ? condition_kind::all
                                     : n.kind == node_kind::any    ? condition_kind::any
                                     : n.kind == node_kind::negate ? condition_kind::negate
                                                                   : condition_kind::leaf;
            return {k, n.left, n.right};
        };
        const auto leaf = [this, &e](std::size_t at, std::uint32_t yes, std::uint32_t no) {
            return compare(e, p_.nodes[at].t, yes, no);
        };
        return compiler::lower_condition(i, t, f, node_of, leaf);
    }

    /// The placeholder's number: names in order of first appearance.
    constexpr std::size_t placeholder_index(const test& t) const noexcept {
        return placeholder_number(p_, t.placeholder);
    }

    /// One argument test: loads of the halves it needs, then jumps.
    constexpr std::uint32_t compare(emitter& e, const test& t, std::uint32_t yes, std::uint32_t no) {
        const bool little = info(P::target).little_endian;
        const std::uint32_t low_at = arg_offset(t.arg) + (little ? 0 : 4),
                            high_at = arg_offset(t.arg) + (little ? 4 : 0);
        const std::uint64_t value = t.placeholder[0] != 0 ? sentinel(placeholder_index(t), rendering_) : t.value;
        const bool narrow = t.width == 32 || !info(P::target).wide;
        const auto low = static_cast<std::uint32_t>(value), high = static_cast<std::uint32_t>(value >> 32);
        const auto low_mask = static_cast<std::uint32_t>(t.mask), high_mask = static_cast<std::uint32_t>(t.mask >> 32);
        using bpf::opcode::jeq_k, bpf::opcode::jgt_k, bpf::opcode::jset_k;
        const auto load = [&](std::uint32_t at, std::uint32_t next) { return e.stmt(ld_w_abs, at, next); };
        const auto masked = [&](std::uint32_t m, std::uint32_t next) {
            return m == 0xffffffffu ? next : e.stmt(bpf::alu | bpf::and_ | bpf::k, m, next);
        };
        switch (t.op) {
            // equalities test the low half first: it tells more calls apart, so most calls are
            // decided without loading the high half (P2 of docs/seccomp.md: 109 instructions and
            // 11.0 executed on average, against 115 and 12.8 high half first)
            case cmp::masked_eq: {
                if ((low & ~low_mask) != 0 || (!narrow && (high & ~high_mask) != 0)) return no;  // never equal
                const std::uint32_t hi_part = narrow || (high_mask == 0 && high == 0)
                                                  ? yes
                                                  : load(high_at, masked(high_mask, e.jump(jeq_k, high, yes, no)));
                return load(low_at, masked(low_mask, e.jump(jeq_k, low, hi_part, no)));
            }
            case cmp::any_bits: {
                const std::uint32_t hi_part =
                    narrow || high_mask == 0 ? no : load(high_at, e.jump(jset_k, high_mask, yes, no));
                return low_mask == 0 ? hi_part : load(low_at, e.jump(jset_k, low_mask, yes, hi_part));
            }
            case cmp::eq:
            case cmp::ne: {
                const bool swap = compiler::form_of(static_cast<compiler::comparison>(t.op)).swap;
                const std::uint32_t t2 = swap ? no : yes, f2 = swap ? yes : no;
                const std::uint32_t hi_part = narrow ? t2 : load(high_at, e.jump(jeq_k, high, t2, f2));
                return load(low_at, e.jump(jeq_k, low, hi_part, f2));
            }
            default: {  // orderings: gt and ge directly, lt and le as their negations
                const compiler::jump_form j = compiler::form_of(static_cast<compiler::comparison>(t.op));
                const std::uint32_t t2 = j.swap ? no : yes, f2 = j.swap ? yes : no;
                const auto op = static_cast<std::uint16_t>(bpf::jmp | j.op | bpf::k);
                // signed: the sign bit flipped on both sides makes the unsigned order the signed one
                const std::uint32_t flip = t.is_signed ? sign_bit : 0;
                const auto flipped = [&](std::uint32_t next) {
                    return flip == 0 ? next : e.stmt(bpf::alu | bpf::xor_ | bpf::k, flip, next);
                };
                if (narrow) return load(low_at, flipped(e.jump(op, low ^ flip, t2, f2)));
                const std::uint32_t lo_part = load(low_at, e.jump(op, low, t2, f2));
                const std::uint32_t on_equal = e.jump(jeq_k, high ^ flip, lo_part, f2);
                return load(high_at, flipped(e.jump(jgt_k, high ^ flip, t2, on_equal)));
            }
        }
    }
};

/// The emitted program of policy P in one rendering (placeholders as that rendering's values).
struct rendered {
    std::array<sock_filter, max_instructions> code{};
    std::size_t size = 0;
    bool overflow = false;
};
template <class P>
constexpr rendered render(const P& p, unsigned rendering) {
    emitter e{};
    e.reset();
    lowering<P> l(p, rendering);
    e.finish(l.emit(e));
    rendered out{};
    out.overflow = e.overflow;
    out.size = e.size;
    for (std::size_t i = 0; i < e.size; ++i) out.code[i] = e.rev[e.size - 1 - i];
    return out;
}

}  // namespace CTBPF_NAMESPACE::detail::seccomp
