// ctbpf/dsl.hpp — the filter language: filters as C++ expressions, compiled at compile time by
// ctbpf::compile<filter>() into a verified std::array<sock_filter, N>. No offsets, counts or
// jumps are written by hand. Usage:
//   using namespace ctbpf::dsl;
//   constexpr auto arp = u16(12) == 0x0806;                      // a predicate
//   constexpr auto image = ctbpf::compile<arp>();                  // std::array<sock_filter, 4>
//
// Grammar (the only place it is written):
//
//   value      := integer                          a 32-bit constant
//               | u8(offset) | u16(offset) | u32(offset)   big-endian packet load; offset is an
//                                                  integer (ld [k]) or a value (ld [x + k])
//               | packet_length                    ld #len
//               | protocol | pkttype | ifindex | mark | queue | hatype | rxhash | cpu
//               | vlan_tci | vlan_present | vlan_tpid | payload_offset | random_u32
//                                                  the Linux ancillary values
//               | netlink_attr(from, type) | netlink_nested_attr(from, type)
//               | ip_hlen(k)                       4*([k]&0xf): the IPv4 header's length
//               | var<"name">                      a value bound by let<"name">
//               | value op value                   op: + - * / % & | ^ << >> (constants fold)
//               | -value
//   predicate  := value cmp value                  cmp: == != < <= > >= (unsigned)
//               | (value & mask) != 0              compiled to jset
//               | predicate && predicate | predicate || predicate | !predicate   (short-circuit)
//               | in(value, {k1, k2, ...})         one of the constants (chain or bisection)
//               | choose(predicate, predicate, predicate)   p ? a : b, p tested once
//               | always | never
//               | any_of<N>(f) | all_of<N>(f)     f(0) || ... || f(N-1), as a balanced tree
//   statement  := accept() | accept(n) | drop() | result(value)
//               | if_(predicate, branch).else_if(predicate, branch)... .else_(branch)
//               | let<"name">(value, branch)
//               | switch_(value).case_(k, branch)... .default_(branch)
//   branch     := statement | predicate            a predicate: accept() if it holds, else drop()
//   filter     := statement | predicate            a predicate accepts the whole packet or drops
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>

#include "detail/config.hpp"
#include "dsl/compile.hpp"
#include "dsl/expr.hpp"
#include "dsl/tcpdump.hpp"

namespace CTBPF_NAMESPACE::dsl {

// ---- values --------------------------------------------------------------------------------
template <operand O>
constexpr auto u8(O offset) {
    return load<1, lifted<O>>{{}, lift(offset)};
}
template <operand O>
constexpr auto u16(O offset) {
    return load<2, lifted<O>>{{}, lift(offset)};
}
template <operand O>
constexpr auto u32(O offset) {
    return load<4, lifted<O>>{{}, lift(offset)};
}

inline constexpr length packet_length{};
inline constexpr ancillary protocol{{}, ext::proto};
inline constexpr ancillary pkttype{{}, ext::type};
inline constexpr ancillary ifindex{{}, ext::ifidx};
inline constexpr ancillary mark{{}, ext::mark};
inline constexpr ancillary queue{{}, ext::queue};
inline constexpr ancillary hatype{{}, ext::hatype};
inline constexpr ancillary rxhash{{}, ext::rxhash};
inline constexpr ancillary cpu{{}, ext::cpu};
inline constexpr ancillary vlan_tci{{}, ext::vlan_tci};
inline constexpr ancillary vlan_present{{}, ext::vlan_avail};
inline constexpr ancillary vlan_tpid{{}, ext::vlan_tpid};
inline constexpr ancillary payload_offset{{}, ext::poff};
inline constexpr ancillary random_u32{{}, ext::rand};  // not `random`: <cstdlib> declares random()

template <operand From, operand Type>
constexpr auto netlink_attr(From from, Type type) {
    return netlink_attribute<lifted<From>, lifted<Type>, false>{{}, lift(from), lift(type)};
}
template <operand From, operand Type>
constexpr auto netlink_nested_attr(From from, Type type) {
    return netlink_attribute<lifted<From>, lifted<Type>, true>{{}, lift(from), lift(type)};
}
/// 4*([k]&0xf): e.g. the IPv4 header length with k the offset of the version/IHL byte.
constexpr ip_header_length ip_hlen(std::uint32_t k) { return ip_header_length{{}, k}; }

template <fixed_string Name>
inline constexpr variable<Name> var{};

// ---- predicates ----------------------------------------------------------------------------
inline constexpr truth always{{}, true};
inline constexpr truth never{{}, false};

template <operand V, std::size_t N>
constexpr auto in(V v, const std::uint32_t (&set)[N]) {
    membership<lifted<V>, N> m{{}, lift(v), {}};
    for (std::size_t i = 0; i < N; ++i) m.set[i] = set[i];
    return m;
}
template <operand V, std::size_t N>
constexpr auto in(V v, const std::array<std::uint32_t, N>& set) {
    return membership<lifted<V>, N>{{}, lift(v), set};
}

/// p ? a : b for predicates: p is tested once, then a or b decides.
template <predicate P, predicate A, predicate B>
constexpr auto choose(P p, A a, B b) {
    return choice<P, A, B>{{}, p, a, b};
}

}  // namespace CTBPF_NAMESPACE::dsl

namespace CTBPF_NAMESPACE::detail::dsl {
using namespace ctbpf::dsl;  // NOLINT: the language's node types
template <std::size_t Lo, std::size_t Hi, bool Any, class F>
constexpr auto balanced(const F& f) {
    if constexpr (Hi - Lo == 1) {
        return f(std::integral_constant<std::size_t, Lo>{});
    } else {
        constexpr std::size_t mid = Lo + (Hi - Lo) / 2;
        if constexpr (Any)
            return balanced<Lo, mid, Any>(f) || balanced<mid, Hi, Any>(f);
        else
            return balanced<Lo, mid, Any>(f) && balanced<mid, Hi, Any>(f);
    }
}
}  // namespace CTBPF_NAMESPACE::detail::dsl

namespace CTBPF_NAMESPACE::dsl {

/// f(0) || f(1) || ... || f(N-1), f taking a std::integral_constant index, built as a balanced
/// tree: no fold expression (Clang limits folds to 256 terms) and a nesting depth of log2(N).
template <std::size_t N, class F>
constexpr auto any_of(F f) {
    static_assert(N > 0, "any_of needs at least one term");
    return detail::dsl::balanced<0, N, true>(f);
}
/// f(0) && f(1) && ... && f(N-1), as any_of.
template <std::size_t N, class F>
constexpr auto all_of(F f) {
    static_assert(N > 0, "all_of needs at least one term");
    return detail::dsl::balanced<0, N, false>(f);
}

// ---- statements ----------------------------------------------------------------------------
/// Accept the whole packet (ret #0xffffffff) or its first n bytes.
constexpr return_constant accept(std::uint32_t n = detail::dsl::whole_packet) { return {{}, n}; }
constexpr return_constant drop() { return {{}, 0}; }
/// Return a computed value (ret a): e.g. a header length for header-only capture.
template <operand V>
constexpr auto result(V v) {
    return return_value<lifted<V>>{{}, lift(v)};
}

}  // namespace CTBPF_NAMESPACE::dsl

namespace CTBPF_NAMESPACE::detail::dsl {
using namespace ctbpf::dsl;  // NOLINT: the language's node types
template <class T>
constexpr auto as_statement(T s) {
    if constexpr (predicate<T>)
        return conditional<T, return_constant, return_constant>{{}, s, accept(), drop()};
    else
        return s;
}
}  // namespace CTBPF_NAMESPACE::detail::dsl

namespace CTBPF_NAMESPACE::dsl {

/// Where a statement is expected, a predicate p means: accept the whole packet if p holds, else
/// drop it (`if_(tcp, udp_or_tcp_port)` ...).
template <class T>
concept branch = statement<T> || predicate<T>;
template <branch T>
using statement_of = decltype(detail::dsl::as_statement(std::declval<T>()));

/// if_(p, s).else_if(p2, s2)... .else_(s3). Each branch ends in a return (a predicate accepts
/// the whole packet or drops it). Without .else_ it is no filter: compile() says so.
template <predicate P, statement T, class Outer>
struct if_chain {
    P p;
    T then_;
    Outer outer;  ///< wraps the finished conditional into the enclosing else-if chain

    template <predicate P2, branch T2>
    constexpr auto else_if(P2 p2, T2 t2) const {
        return if_chain<P2, statement_of<T2>, if_chain>{p2, detail::dsl::as_statement(t2), *this};
    }
    template <branch E>
    constexpr auto else_(E e) const {
        const conditional<P, T, statement_of<E>> done{{}, p, then_, detail::dsl::as_statement(e)};
        if constexpr (std::is_same_v<Outer, no_case>)
            return done;
        else
            return outer.else_(done);
    }
    /// The branches written (if_ and each else_if).
    static constexpr std::size_t branches() noexcept {
        if constexpr (std::is_same_v<Outer, no_case>)
            return 1;
        else
            return 1 + Outer::branches();
    }
};
template <predicate P, branch T>
constexpr auto if_(P p, T then_) {
    return if_chain<P, statement_of<T>, no_case>{p, detail::dsl::as_statement(then_), {}};
}

/// let<"name">(v, body): v computed once into a scratch cell; var<"name"> reads it in body.
template <fixed_string Name, operand V, branch S>
constexpr auto let(V v, S body) {
    return binding<Name, lifted<V>, statement_of<S>>{{}, lift(v), detail::dsl::as_statement(body)};
}

/// switch_(v).case_(k, s)... .default_(s): cases in any order; a bisection over the sorted
/// constants when there are more than four.
template <value V, class Cases>
struct switch_builder {
    V v;
    Cases cases;
    template <branch S>
    constexpr auto case_(std::uint32_t k, S body) const {
        using case_t = case_list<statement_of<S>, Cases>;
        return switch_builder<V, case_t>{v, case_t{k, detail::dsl::as_statement(body), cases}};
    }
    template <branch D>
    constexpr auto default_(D d) const {
        return selection<V, Cases, statement_of<D>>{{}, v, cases, detail::dsl::as_statement(d)};
    }
};
template <operand V>
constexpr auto switch_(V v) {
    return switch_builder<lifted<V>, no_case>{lift(v), {}};
}

}  // namespace CTBPF_NAMESPACE::dsl
