// ctbpf/dsl/written.hpp (internal) — one walk over a filter in the order it is written, before
// the code generator (which emits backwards): every tcpdump primitive gets the link layer the
// primitives written before it leave (libpcap's offsets are parser state: vlan(), mpls() and
// pppoes() move those of every primitive after them), and the mistakes that do not depend on
// code generation are found here, the first one written winning, with where it is: the n-th
// load, the n-th `/` or `%`, the n-th `<<` or `>>`, the n-th switch_ or tcpdump primitive,
// counted from 1 left to right as written (a load before the loads of its offset expression).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "../detail/config.hpp"
#include "../detail/sort.hpp"
#include "../encoding.hpp"
#include "../errors.hpp"
#include "../net/primitives.hpp"
#include "expr.hpp"
#include "traits.hpp"

namespace CTBPF_NAMESPACE::detail::dsl {
using namespace ctbpf::dsl;  // NOLINT: the language's node types

/// Constant load offsets: within 64 KiB of the packet start, or of the SKF_NET_OFF/SKF_LL_OFF
/// bases. Ancillary values have their own nodes.
constexpr bool offset_ok(std::uint32_t k, std::uint32_t bytes) noexcept {
    const auto within = [&](std::uint32_t base) { return k >= base && k - base + bytes <= 0x10000u; };
    return within(0) || within(net_offset) || within(ll_offset);
}

/// A node of a filter, for finding it again in the order written: its address and its type (a
/// node's first operand can share its address).
struct node_ref {
    const void* at = nullptr;
    void (*type)() = nullptr;
    friend constexpr bool operator==(const node_ref&, const node_ref&) = default;
};
template <class T>
constexpr void type_tag() {}
template <class T>
constexpr node_ref ref_of(const T& node) {
    return {&node, &type_tag<T>};
}

/// The walk's state: what has been written so far, and the first mistake.
struct written_walk {
    ctbpf::net::layout at{};  ///< the link layer the next tcpdump primitive stands on
    std::uint32_t primitives = 0, loads = 0, divisions = 0, shifts = 0, switches = 0;
    std::uint32_t operations = 0;  ///< arithmetic operators, comparisons and netlink_attr
    problem error = problem::none;
    std::uint32_t culprit = 0;   ///< the value at fault (errors.hpp: ..._in_filter)
    std::uint32_t position = 0;  ///< which one of its kind, from 1
    node_ref find{};             ///< an operation to find (a second walk, after code generation)
    std::uint32_t found = 0;     ///< its position among the operations, from 1

    /// Counts an operation (after its left operand: where its operator is written).
    template <class N>
    constexpr void operation(const N& n) {
        ++operations;
        if (find.at != nullptr && ref_of(n) == find) found = operations;
    }

    constexpr void fail(problem p, std::uint32_t value, std::uint32_t where) {
        if (error != problem::none) return;
        error = p;
        culprit = value;
        position = where;
    }
};

/// A constant's folding error (at the operator folded into it), and what it counts.
constexpr void walk_constant(const constant& k, written_walk& w) {
    if (k.error == fold_error::division_by_zero) w.fail(problem::division_by_zero, k.culprit, w.divisions + k.error_at);
    if (k.error == fold_error::shift_of_32_or_more)
        w.fail(problem::shift_of_32_or_more, k.culprit, w.shifts + k.error_at);
    w.divisions += k.divisions;
    w.shifts += k.shifts;
}

template <class N>
constexpr void walk(N& n, written_walk& w);

template <alu Op, class L, class R>
constexpr void walk_binary(binary<Op, L, R>& n, written_walk& w) {
    walk(n.l, w);
    w.operation(n);
    if constexpr (Op == alu::div || Op == alu::mod) {
        const std::uint32_t at = ++w.divisions;
        if constexpr (is_constant_v<R>)
            if (n.r.error == fold_error::none && n.r.v == 0)
                w.fail(problem::division_by_zero, Op == alu::div ? '/' : '%', at);
    } else if constexpr (Op == alu::lsh || Op == alu::rsh) {
        const std::uint32_t at = ++w.shifts;
        if constexpr (is_constant_v<R>)
            if (n.r.error == fold_error::none && n.r.v >= 32) w.fail(problem::shift_of_32_or_more, n.r.v, at);
    }
    walk(n.r, w);
}

template <std::uint32_t B, class O>
constexpr void walk_load(load<B, O>& n, written_walk& w) {
    const std::uint32_t at = ++w.loads;
    if constexpr (is_constant_v<O>) {
        if (n.offset.error == fold_error::none && !offset_ok(n.offset.v, B))
            w.fail(problem::offset_out_of_range, n.offset.v, at);
    } else if constexpr (is_add_constant<O>) {  // ld [x + k]
        if (n.offset.r.error == fold_error::none && !offset_ok(n.offset.r.v, B))
            w.fail(problem::offset_out_of_range, n.offset.r.v, at);
    }
    walk(n.offset, w);
}

/// The case values of a switch_, each with its place in the order written (the last case
/// written is outermost).
template <class Cases, std::size_t N>
constexpr void case_values(const Cases& cases, std::array<std::uint64_t, N>& keys, std::size_t& i) {
    if constexpr (!std::is_same_v<Cases, no_case>) {
        case_values(cases.next, keys, i);
        keys[i] = std::uint64_t{cases.k} << 32 | i;
        ++i;
    }
}
/// The cases' bodies, walked in the order written.
template <class Cases>
constexpr void walk_cases(Cases& cases, written_walk& w) {
    if constexpr (!std::is_same_v<Cases, no_case>) {
        walk_cases(cases.next, w);
        walk(cases.body, w);
    }
}
/// A value given twice to the switch_'s cases: the one whose second case is written first.
template <class Cases>
constexpr bool duplicate_case(const Cases& cases, std::uint32_t& value) {
    constexpr std::size_t n = case_count<Cases>;
    if constexpr (n < 2) {
        return false;
    } else {
        std::array<std::uint64_t, n> keys{}, scratch{};  // value << 32 | the case's place as written
        std::size_t i = 0;
        case_values(cases, keys, i);
        sort_keys(keys.data(), scratch.data(), n);
        std::uint64_t first = ~std::uint64_t{0};
        for (std::size_t j = 1; j < n; ++j)
            if (keys[j] >> 32 == keys[j - 1] >> 32 && (keys[j] & 0xffffffffu) < (first & 0xffffffffu)) first = keys[j];
        value = static_cast<std::uint32_t>(first >> 32);
        return first != ~std::uint64_t{0};
    }
}

/// Walks node n (and what it contains) in the order written.
template <class N>
constexpr void walk(N& n, written_walk& w) {
    if constexpr (std::is_base_of_v<tcpdump_test, N>) {
        ++w.primitives;
        n.prim.at = w.at;
        if (!ctbpf::net::fits(n.prim)) w.fail(problem::tcpdump_refused, w.primitives, w.primitives);
        ctbpf::net::move_past(n.prim, w.at);
    } else if constexpr (is_constant_v<N>) {
        walk_constant(n, w);
    } else if constexpr (is_load<N>) {
        walk_load(n, w);
    } else if constexpr (is_binary<N>) {
        walk_binary(n, w);
    } else if constexpr (is_negation<N>) {
        walk(n.v, w);
    } else if constexpr (is_netlink<N>) {  // netlink_attr(from, type): written before both
        w.operation(n);
        walk(n.from, w);
        walk(n.type, w);
    } else if constexpr (is_comparison<N> || is_conjunction<N> || is_disjunction<N>) {
        if constexpr (is_comparison<N>) {
            walk(n.l, w);
            w.operation(n);
            walk(n.r, w);
        } else {
            walk(n.p, w);
            walk(n.q, w);
        }
    } else if constexpr (is_inversion<N>) {
        walk(n.p, w);
    } else if constexpr (is_choice<N>) {
        walk(n.p, w);
        walk(n.a, w);
        walk(n.b, w);
    } else if constexpr (is_membership<N> || is_return_value<N>) {
        walk(n.v, w);
    } else if constexpr (is_conditional<N>) {
        walk(n.p, w);
        walk(n.then_, w);
        walk(n.else_, w);
    } else if constexpr (is_binding<N>) {
        walk(n.v, w);
        walk(n.body, w);
    } else if constexpr (is_selection<N>) {
        const std::uint32_t at = ++w.switches;
        walk(n.v, w);
        if (std::uint32_t value = 0; duplicate_case(n.cases, value)) w.fail(problem::duplicate_case, value, at);
        walk_cases(n.cases, w);
        walk(n.otherwise, w);
    } else {
        static_assert(std::is_same_v<N, length> || std::is_same_v<N, ancillary> ||
                          std::is_same_v<N, ip_header_length> || is_variable<N> || std::is_same_v<N, truth> ||
                          std::is_same_v<N, return_constant>,
                      "ctbpf: a filter-language node the written-order walk does not know");
    }
}

}  // namespace CTBPF_NAMESPACE::detail::dsl
