// ctbpf/dsl/codegen.hpp (internal) — lowers filter-language nodes to classic BPF through the
// shared emitter (compiler/emit.hpp: backward emission, hash-consed tails, trampolines); the
// optimizer (compiler/round.hpp) runs on the result. Every pass is linear; recursion follows
// the expression's nesting, never the program's length.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "../detail/config.hpp"
#include "../detail/sort.hpp"
#include "../encoding.hpp"
#include "../compiler/emit.hpp"
#include "../compiler/lower.hpp"
#include "../net/primitives.hpp"
#include "expr.hpp"
#include "traits.hpp"
#include "written.hpp"

namespace CTBPF_NAMESPACE::detail::dsl {
using namespace ctbpf::dsl;  // NOLINT: the language's node types

using compiler::none_position;

/// The shared emitter (compiler/emit.hpp) with the first problem met and its culprit.
class emitter : public compiler::emitter {
public:
    problem error = problem::none;
    std::uint32_t culprit = 0;
    std::string_view culprit_name{};  ///< the variable's name, for unknown_variable and too_many_lets
    node_ref culprit_node{};          ///< the operation, for too_many_scratch_values

    constexpr void fail(problem p, std::uint32_t value = 0, std::string_view name = {}, node_ref node = {}) {
        if (error == problem::none && !overflow) {
            error = p;
            culprit = value;
            culprit_name = name;
            culprit_node = node;
        }
        stop();
    }
    /// The first problem, counting a program that outgrew 4096 instructions.
    constexpr problem first_problem() const noexcept { return overflow ? problem::too_long : error; }
};

/// The let-bound names in scope and the scratch cells in use.
struct scope {
    std::array<std::string_view, memory_words> names{};
    std::uint32_t lets = 0;  ///< let-bindings occupy M[15], M[14], ...
    constexpr std::uint32_t slot_of(std::string_view name) const {
        for (std::uint32_t i = lets; i-- > 0;)
            if (names[i] == name) return memory_words - 1 - i;
        return none_position;
    }
};

struct context {
    emitter& e;
    scope& s;
};

constexpr std::uint16_t alu_code(alu op) noexcept {
    switch (op) {
        case alu::add: return bpf::add;
        case alu::sub: return bpf::sub;
        case alu::mul: return bpf::mul;
        case alu::div: return bpf::div;
        case alu::mod: return bpf::mod;
        case alu::and_: return bpf::and_;
        case alu::or_: return bpf::or_;
        case alu::xor_: return bpf::xor_;
        case alu::lsh: return bpf::lsh;
        case alu::rsh: return bpf::rsh;
    }
    return 0;
}

constexpr std::uint16_t size_code(std::uint32_t bytes) noexcept {
    return bytes == 1 ? bpf::b : bytes == 2 ? bpf::h : bpf::w;
}

// ---- values: code that leaves the value in A, then continues at `next` --------------------
constexpr std::uint32_t emit_value(context c, const constant& v, std::uint32_t next, std::uint32_t) {
    return c.e.stmt(bpf::ld | bpf::imm, v.v, next);
}
constexpr std::uint32_t emit_value(context c, const length&, std::uint32_t next, std::uint32_t) {
    return c.e.stmt(bpf::ld | bpf::w | bpf::len, 0, next);
}
constexpr std::uint32_t emit_value(context c, const ancillary& v, std::uint32_t next, std::uint32_t) {
    return c.e.stmt(bpf::ld | bpf::w | bpf::abs, ancillary_offset + static_cast<std::uint32_t>(v.which), next);
}
constexpr std::uint32_t emit_value(context c, const ip_header_length& v, std::uint32_t next, std::uint32_t) {
    return c.e.stmt(bpf::ldx | bpf::b | bpf::msh, v.k, c.e.stmt(bpf::misc | bpf::txa, 0, next));
}
constexpr std::uint32_t slot_or_fail(context c, std::string_view name) {
    const std::uint32_t slot = c.s.slot_of(name);
    if (slot == none_position) {
        c.e.fail(problem::unknown_variable, 0, name);
        return 0;
    }
    return slot;
}

template <fixed_string N>
constexpr std::uint32_t emit_value(context c, const variable<N>&, std::uint32_t next, std::uint32_t) {
    return c.e.stmt(bpf::ld | bpf::mem, slot_or_fail(c, N.view()), next);
}

/// Code that leaves an x_loadable value in X, then continues at `next`.
template <class V>
constexpr std::uint32_t emit_x(context c, const V& v, std::uint32_t next) {
    if constexpr (is_constant_v<V>) {
        return c.e.stmt(bpf::ldx | bpf::imm, v.v, next);
    } else if constexpr (std::is_same_v<V, length>) {
        return c.e.stmt(bpf::ldx | bpf::w | bpf::len, 0, next);
    } else if constexpr (std::is_same_v<V, ip_header_length>) {
        return c.e.stmt(bpf::ldx | bpf::b | bpf::msh, v.k, next);
    } else {
        static_assert(is_variable<V>, "emit_x: not an x-loadable value");
        return c.e.stmt(bpf::ldx | bpf::mem, slot_or_fail(c, V::name()), next);
    }
}

template <class V>
constexpr std::uint32_t emit_value(context c, const V& v, std::uint32_t next, std::uint32_t t);

/// Code that leaves L in A and R in X, then continues at `next`; spills R to M[t] when
/// computing L would change X (`node`, the operation, is named when no cell is left).
template <class L, class R>
constexpr std::uint32_t emit_operands(context c, const L& l, const R& r, std::uint32_t next, std::uint32_t t,
                                      node_ref node) {
    if constexpr (x_loadable<R> && !clobbers_x<L>) {
        return emit_value(c, l, emit_x(c, r, next), t);
    } else if constexpr (!clobbers_x<L>) {
        return emit_value(c, r, c.e.stmt(bpf::misc | bpf::tax, 0, emit_value(c, l, next, t)), t);
    } else {
        if (t + c.s.lets >= memory_words) {
            c.e.fail(problem::too_many_scratch_values, 0, {}, node);
            return next;
        }
        const std::uint32_t after = emit_value(c, l, c.e.stmt(bpf::ldx | bpf::mem, t, next), t + 1);
        return emit_value(c, r, c.e.stmt(bpf::st, t, after), t);
    }
}

/// Code that leaves `base` in X (for ld [x + k]).
template <class V>
constexpr std::uint32_t emit_into_x(context c, const V& base, std::uint32_t next, std::uint32_t t) {
    if constexpr (x_loadable<V>)
        return emit_x(c, base, next);
    else
        return emit_value(c, base, c.e.stmt(bpf::misc | bpf::tax, 0, next), t);
}

template <std::uint32_t B, class O>
constexpr std::uint32_t emit_load(context c, const load<B, O>& v, std::uint32_t next, std::uint32_t t) {
    constexpr std::uint16_t size = size_code(B);
    if constexpr (is_constant_v<O>) {
        return c.e.stmt(bpf::ld | size | bpf::abs, v.offset.v, next);
    } else if constexpr (is_add_constant<O>) {
        return emit_into_x(c, v.offset.l, c.e.stmt(bpf::ld | size | bpf::ind, v.offset.r.v, next), t);
    } else {
        return emit_into_x(c, v.offset, c.e.stmt(bpf::ld | size | bpf::ind, 0, next), t);
    }
}

template <class V>
constexpr std::uint32_t emit_value(context c, const V& v, std::uint32_t next, std::uint32_t t) {
    if constexpr (is_load<V>) {
        return emit_load(c, v, next, t);
    } else if constexpr (is_binary<V>) {
        using R = std::remove_cvref_t<decltype(v.r)>;
        constexpr std::uint16_t op = alu_code(V::op);
        if constexpr (is_constant_v<R>) {
            return emit_value(c, v.l, c.e.stmt(bpf::alu | op | bpf::k, v.r.v, next), t);
        } else {
            return emit_operands(c, v.l, v.r, c.e.stmt(bpf::alu | op | bpf::x, 0, next), t, ref_of(v));
        }
    } else if constexpr (is_negation<V>) {
        return emit_value(c, v.v, c.e.stmt(bpf::alu | bpf::neg, 0, next), t);
    } else if constexpr (is_netlink<V>) {
        const std::uint32_t what = ancillary_offset + static_cast<std::uint32_t>(V::nested ? ext::nlan : ext::nla);
        return emit_operands(c, v.from, v.type, c.e.stmt(bpf::ld | bpf::w | bpf::abs, what, next), t, ref_of(v));
    } else {
        static_assert(is_load<V>, "not a value of the filter language");
        return next;
    }
}

// ---- predicates: code that jumps to t when true, to f when false --------------------------
constexpr cmp mirrored(cmp op) noexcept {  // a op b  ==  b mirrored(op) a
    switch (op) {
        case cmp::lt: return cmp::gt;
        case cmp::le: return cmp::ge;
        case cmp::gt: return cmp::lt;
        case cmp::ge: return cmp::le;
        default: return op;
    }
}
/// The toolkit's comparison (compiler/lower.hpp) of the language's: the same six, in order.
constexpr compiler::comparison comparison_of(cmp op) noexcept { return static_cast<compiler::comparison>(op); }
static_assert(comparison_of(cmp::ge) == compiler::comparison::ge && comparison_of(cmp::ne) == compiler::comparison::ne);
constexpr bool holds(cmp op, std::uint32_t a, std::uint32_t b) noexcept {
    return compiler::holds(comparison_of(op), a, b);
}
constexpr compiler::jump_form form_of(cmp op) noexcept { return compiler::form_of(comparison_of(op)); }

/// Runs of sorted, distinct keys: consecutive values with one target, keys[first[r]..last[r]].
template <std::size_t N>
struct key_runs {
    std::array<std::size_t, N> first{}, last{};
    std::size_t count = 0;
};

/// Jumps over the runs [lo, hi) with A unchanged: to a run's target when A is one of its keys,
/// else to `otherwise`. A chain for a few runs (a run of three or more keys is one range test,
/// jge #first and jgt #last), a jge bisection above.
template <std::size_t N>
constexpr std::uint32_t emit_runs(context c, const std::array<std::uint32_t, N>& keys,
                                  const std::array<std::uint32_t, N>& targets, const key_runs<N>& runs, std::size_t lo,
                                  std::size_t hi, std::uint32_t otherwise) {
    if (hi - lo <= 4) {
        std::uint32_t at = otherwise;
        for (std::size_t r = hi; r-- > lo;) {
            const std::size_t first = runs.first[r], last = runs.last[r];
            if (last - first >= 2) {
                const std::uint32_t below_last = c.e.jump(bpf::jmp | bpf::jgt | bpf::k, keys[last], at, targets[first]);
                at = c.e.jump(bpf::jmp | bpf::jge | bpf::k, keys[first], below_last, at);
            } else {
                for (std::size_t i = last + 1; i-- > first;)
                    at = c.e.jump(bpf::jmp | bpf::jeq | bpf::k, keys[i], targets[i], at);
            }
        }
        return at;
    }
    const std::size_t mid = lo + (hi - lo) / 2;
    const std::uint32_t upper = emit_runs(c, keys, targets, runs, mid, hi, otherwise);
    const std::uint32_t lower = emit_runs(c, keys, targets, runs, lo, mid, otherwise);
    return c.e.jump(bpf::jmp | bpf::jge | bpf::k, keys[runs.first[mid]], upper, lower);
}

/// Jumps over the first n of sorted, distinct `keys` with A unchanged: to targets[i] when
/// A == keys[i], else to `otherwise`.
template <std::size_t N>
constexpr std::uint32_t emit_search(context c, const std::array<std::uint32_t, N>& keys,
                                    const std::array<std::uint32_t, N>& targets, std::size_t n,
                                    std::uint32_t otherwise) {
    key_runs<N> runs;
    for (std::size_t i = 0; i < n; ++i) {
        if (i > 0 && keys[i] == keys[i - 1] + 1 && targets[i] == targets[i - 1]) {
            runs.last[runs.count - 1] = i;
        } else {
            runs.first[runs.count] = runs.last[runs.count] = i;
            ++runs.count;
        }
    }
    return emit_runs(c, keys, targets, runs, 0, runs.count, otherwise);
}

template <cmp Op, class L, class R>
constexpr std::uint32_t emit_comparison(context c, const L& l, const R& r, std::uint32_t t, std::uint32_t f,
                                        std::uint32_t temp, node_ref node);
template <cmp Op, class L, class R>
constexpr std::uint32_t emit_plain_comparison(context c, const L& l, const R& r, std::uint32_t t, std::uint32_t f,
                                              std::uint32_t temp, node_ref node);

template <class P>
constexpr std::uint32_t emit_predicate(context c, const P& p, std::uint32_t t, std::uint32_t f, std::uint32_t temp) {
    if constexpr (std::is_same_v<P, truth>) {
        return p.v ? t : f;
    } else if constexpr (is_conjunction<P>) {
        if constexpr (std::is_same_v<std::remove_cvref_t<decltype(p.p)>, truth>) {
            if (!p.p.v) return f;  // never && q: q is dead code
        }
        return emit_predicate(c, p.p, emit_predicate(c, p.q, t, f, temp), f, temp);
    } else if constexpr (is_disjunction<P>) {
        if constexpr (std::is_same_v<std::remove_cvref_t<decltype(p.p)>, truth>) {
            if (p.p.v) return t;  // always || q: q is dead code
        }
        return emit_predicate(c, p.p, t, emit_predicate(c, p.q, t, f, temp), temp);
    } else if constexpr (is_inversion<P>) {
        return emit_predicate(c, p.p, f, t, temp);
    } else if constexpr (is_choice<P>) {
        const std::uint32_t otherwise = emit_predicate(c, p.b, t, f, temp);
        return emit_predicate(c, p.p, emit_predicate(c, p.a, t, f, temp), otherwise, temp);
    } else if constexpr (is_membership<P>) {
        std::array<std::uint32_t, P::size> keys = p.set, targets{};
        sort_keys(keys.data(), targets.data(), P::size);  // targets: the scratch space, then the targets
        const std::size_t n = static_cast<std::size_t>(std::unique(keys.begin(), keys.end()) - keys.begin());
        for (auto& x : targets) x = t;
        const std::uint32_t search = emit_search(c, keys, targets, n, f);
        return search == f ? f : emit_value(c, p.v, search, temp);
    } else if constexpr (std::is_base_of_v<tcpdump_test, P>) {
        return ctbpf::detail::net::primitives(c.e).primitive_code(p.prim, t, f);
    } else if constexpr (is_comparison<P>) {
        return emit_comparison<P::op>(c, p.l, p.r, t, f, temp, ref_of(p));
    } else {
        static_assert(is_comparison<P>, "not a predicate of the filter language");
        return f;
    }
}

/// `l Op r` of the comparison `node` (its operands by reference, mirrored or not, so that an error
/// can name the operation written).
template <cmp Op, class L, class R>
constexpr std::uint32_t emit_comparison(context c, const L& l, const R& r, std::uint32_t t, std::uint32_t f,
                                        std::uint32_t temp, node_ref node) {
    if constexpr (is_constant_v<L> && is_constant_v<R>) {
        return holds(Op, l.v, r.v) ? t : f;
    } else if constexpr (is_constant_v<L>) {  // k op v  ->  v mirrored(op) k
        return emit_comparison<mirrored(Op)>(c, r, l, t, f, temp, node);
    } else if constexpr (is_constant_v<R> && is_masked<L>) {
        if ((Op == cmp::ne || Op == cmp::eq) && r.v == 0) {
            // (v & mask) != 0  ->  jset #mask
            const bool set = Op == cmp::ne;
            const std::uint32_t j = c.e.jump(bpf::jmp | bpf::jset | bpf::k, l.r.v, set ? t : f, set ? f : t);
            return j == t || j == f ? j : emit_value(c, l.l, j, temp);
        }
        return emit_plain_comparison<Op>(c, l, r, t, f, temp, node);
    } else {
        return emit_plain_comparison<Op>(c, l, r, t, f, temp, node);
    }
}

template <cmp Op, class L, class R>
constexpr std::uint32_t emit_plain_comparison(context c, const L& l, const R& r, std::uint32_t t, std::uint32_t f,
                                              std::uint32_t temp, node_ref node) {
    const compiler::jump_form j = form_of(Op);
    const std::uint32_t yes = j.swap ? f : t, no = j.swap ? t : f;
    if constexpr (is_constant_v<R>) {
        const std::uint32_t at = c.e.jump(bpf::jmp | j.op | bpf::k, r.v, yes, no);
        return at == t || at == f ? at : emit_value(c, l, at, temp);
    } else {
        const std::uint32_t at = c.e.jump(bpf::jmp | j.op | bpf::x, 0, yes, no);
        return at == t || at == f ? at : emit_operands(c, l, r, at, temp, node);
    }
}

// ---- statements: code that ends in a return ----------------------------------------------
template <class S>
constexpr std::uint32_t emit_statement(context c, const S& s);

template <class Cases, std::size_t N>
constexpr void emit_cases(context c, const Cases& cases, std::array<std::uint32_t, N>& keys,
                          std::array<std::uint32_t, N>& targets, std::size_t i) {
    if constexpr (!std::is_same_v<Cases, no_case>) {
        keys[i] = cases.k;
        targets[i] = emit_statement(c, cases.body);
        emit_cases(c, cases.next, keys, targets, i + 1);
    }
}

template <class S>
constexpr std::uint32_t emit_statement(context c, const S& s) {
    if constexpr (std::is_same_v<S, return_constant>) {
        return c.e.ret(bpf::ret | bpf::k, s.k);
    } else if constexpr (is_return_value<S>) {
        return emit_value(c, s.v, c.e.ret(bpf::ret | bpf::a, 0), 0);
    } else if constexpr (is_conditional<S>) {
        const std::uint32_t otherwise = emit_statement(c, s.else_);
        const std::uint32_t then = emit_statement(c, s.then_);
        return emit_predicate(c, s.p, then, otherwise, 0);
    } else if constexpr (is_binding<S>) {
        if (c.s.lets >= memory_words) {
            c.e.fail(problem::too_many_lets, memory_words, S::name());
            return 0;
        }
        const std::uint32_t slot = memory_words - 1 - c.s.lets;
        c.s.names[c.s.lets++] = S::name();
        const std::uint32_t body = emit_statement(c, s.body);
        --c.s.lets;
        return emit_value(c, s.v, c.e.stmt(bpf::st, slot, body), 0);
    } else if constexpr (is_selection<S>) {
        constexpr std::size_t n = case_count<decltype(s.cases)>;
        const std::uint32_t otherwise = emit_statement(c, s.otherwise);
        std::array<std::uint32_t, n> keys{}, targets{};
        emit_cases(c, s.cases, keys, targets, 0);
        // sort (key, target) pairs by key (a repeated key never gets here: the written-order walk
        // reports it)
        std::array<std::uint64_t, n> pairs{}, scratch{};
        for (std::size_t i = 0; i < n; ++i) pairs[i] = (std::uint64_t{keys[i]} << 32) | targets[i];
        sort_keys(pairs.data(), scratch.data(), n);
        for (std::size_t i = 0; i < n; ++i) {
            keys[i] = static_cast<std::uint32_t>(pairs[i] >> 32);
            targets[i] = static_cast<std::uint32_t>(pairs[i]);
        }
        const std::uint32_t search = emit_search(c, keys, targets, n, otherwise);
        return emit_value(c, s.v, search, 0);
    } else {
        static_assert(std::is_same_v<S, return_constant>, "not a statement of the filter language");
        return 0;
    }
}

/// The compiled program, last instruction first, or the first problem met.
struct generated {
    std::array<sock_filter, max_instructions> rev{};
    std::size_t size = 0;
    problem error = problem::none;
    std::uint32_t culprit = 0;
    std::uint32_t position = 0;  ///< which one of its kind (dsl/written.hpp), from 1; 0: none
    std::string_view culprit_name{};
};

/// Accept the whole packet (the largest verdict): the result of a bare predicate that holds.
inline constexpr std::uint32_t whole_packet = 0xffffffffu;

template <class F>
constexpr generated generate(const F& written) {
    emitter e;
    scope s;
    context c{e, s};
    std::uint32_t entry = 0;
    F filter = written;
    written_walk w;
    walk(filter, w);
    if (w.error != problem::none) return generated{{}, 0, w.error, w.culprit, w.position, {}};
    if constexpr (predicate<F>) {
        const std::uint32_t drop = e.ret(bpf::ret | bpf::k, 0);
        entry = emit_predicate(c, filter, e.ret(bpf::ret | bpf::k, whole_packet), drop, 0);
    } else {
        entry = emit_statement(c, filter);
    }
    // The program starts with the last instruction emitted; shared code can make the entry an
    // earlier one (e.g. a predicate that is always true), then a jump leads to it.
    e.finish(entry);
    const problem p = e.first_problem();
    if (p == problem::too_many_scratch_values) {  // which operation, as written
        written_walk again;
        again.find = e.culprit_node;
        walk(filter, again);
        return generated{{}, 0, p, again.found, again.found, {}};
    }
    const std::uint32_t culprit = p == problem::too_long ? std::uint32_t{max_instructions} : e.culprit;
    generated out{{}, e.size, p, culprit, 0, e.culprit_name};
    for (std::size_t i = 0; i < e.size; ++i) out.rev[i] = e.rev[i];
    return out;
}

}  // namespace CTBPF_NAMESPACE::detail::dsl
