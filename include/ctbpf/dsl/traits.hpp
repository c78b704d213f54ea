// ctbpf/dsl/traits.hpp (internal) — what the code generator (dsl/codegen.hpp) asks of a
// filter-language node's type: which kind of node it is, whether it goes straight into X, and
// whether computing it into A changes X.
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "../detail/config.hpp"
#include "../fixed_string.hpp"
#include "expr.hpp"

namespace CTBPF_NAMESPACE::detail::dsl {
using namespace ctbpf::dsl;  // NOLINT: the language's node types

template <class T>
inline constexpr bool is_constant_v = std::is_same_v<T, constant>;
template <class T>
inline constexpr bool is_variable = false;
template <fixed_string N>
inline constexpr bool is_variable<variable<N>> = true;
template <class T>
inline constexpr bool is_load = false;
template <std::uint32_t B, class O>
inline constexpr bool is_load<load<B, O>> = true;
template <class T>
inline constexpr bool is_binary = false;
template <alu Op, class L, class R>
inline constexpr bool is_binary<binary<Op, L, R>> = true;
template <class T>
inline constexpr bool is_negation = false;
template <class V>
inline constexpr bool is_negation<negation<V>> = true;
template <class T>
inline constexpr bool is_netlink = false;
template <class F, class T, bool N>
inline constexpr bool is_netlink<netlink_attribute<F, T, N>> = true;
/// E + k with a constant k: the operand of ld [x + k].
template <class T>
inline constexpr bool is_add_constant = false;
template <class L>
inline constexpr bool is_add_constant<binary<alu::add, L, constant>> = true;

/// Values that go straight into X (ldx #k, ldx #len, ldxb, ldx M[]).
template <class T>
inline constexpr bool x_loadable =
    is_constant_v<T> || std::is_same_v<T, length> || std::is_same_v<T, ip_header_length> || is_variable<T>;

/// Does computing T into A change X?
template <class T>
inline constexpr bool clobbers_x = false;
template <std::uint32_t B, class O>
inline constexpr bool clobbers_x<load<B, O>> = !is_constant_v<O>;
template <>
inline constexpr bool clobbers_x<ip_header_length> = true;
template <alu Op, class L, class R>
inline constexpr bool clobbers_x<binary<Op, L, R>> = clobbers_x<L> || clobbers_x<R> || !is_constant_v<R>;
template <class V>
inline constexpr bool clobbers_x<negation<V>> = clobbers_x<V>;
template <class F, class T, bool N>
inline constexpr bool clobbers_x<netlink_attribute<F, T, N>> = true;

// predicates
template <class T>
inline constexpr bool is_comparison = false;
template <cmp Op, class L, class R>
inline constexpr bool is_comparison<comparison<Op, L, R>> = true;
template <class T>
inline constexpr bool is_conjunction = false;
template <class P, class Q>
inline constexpr bool is_conjunction<conjunction<P, Q>> = true;
template <class T>
inline constexpr bool is_disjunction = false;
template <class P, class Q>
inline constexpr bool is_disjunction<disjunction<P, Q>> = true;
template <class T>
inline constexpr bool is_inversion = false;
template <class P>
inline constexpr bool is_inversion<inversion<P>> = true;
template <class T>
inline constexpr bool is_choice = false;
template <class P, class A, class B>
inline constexpr bool is_choice<choice<P, A, B>> = true;
template <class T>
inline constexpr bool is_membership = false;
template <class V, std::size_t N>
inline constexpr bool is_membership<membership<V, N>> = true;
/// (v & mask) with a constant mask: the operand of jset.
template <class T>
inline constexpr bool is_masked = false;
template <class L>
inline constexpr bool is_masked<binary<alu::and_, L, constant>> = true;

// statements
template <class T>
inline constexpr bool is_return_value = false;
template <class V>
inline constexpr bool is_return_value<return_value<V>> = true;
template <class T>
inline constexpr bool is_conditional = false;
template <class P, class T, class E>
inline constexpr bool is_conditional<conditional<P, T, E>> = true;
template <class T>
inline constexpr bool is_binding = false;
template <fixed_string N, class V, class S>
inline constexpr bool is_binding<binding<N, V, S>> = true;
template <class T>
inline constexpr bool is_selection = false;
template <class V, class C, class D>
inline constexpr bool is_selection<selection<V, C, D>> = true;

template <class C>
inline constexpr std::size_t case_count = 0;
template <class S, class Next>
inline constexpr std::size_t case_count<case_list<S, Next>> = 1 + case_count<Next>;

}  // namespace CTBPF_NAMESPACE::detail::dsl
