// ctbpf/dsl/expr.hpp — the nodes of the filter language and the operators that build them.
// The grammar is written once, in ctbpf/dsl.hpp. Every node is a structural aggregate, so a
// whole filter can be a template argument: ctbpf::compile<filter>().
#pragma once

#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

#include "../detail/config.hpp"
#include "../encoding.hpp"
#include "../fixed_string.hpp"
#include "../net/vocabulary.hpp"

namespace CTBPF_NAMESPACE::dsl {

// ---- node kinds ---------------------------------------------------------------------------
struct value_tag {};
struct predicate_tag {};
struct statement_tag {};

template <class T>
concept value = std::is_base_of_v<value_tag, T>;
template <class T>
concept predicate = std::is_base_of_v<predicate_tag, T>;
template <class T>
concept statement = std::is_base_of_v<statement_tag, T>;

enum class alu : std::uint8_t { add, sub, mul, div, mod, and_, or_, xor_, lsh, rsh };
enum class cmp : std::uint8_t { eq, ne, lt, le, gt, ge };

// ---- values (32-bit, computed into A) -----------------------------------------------------
/// Why a constant expression has no value (compile() reports it). Plain numbers rather than an
/// enumeration: compilers print every constant of a filter in its errors, and `0` is short.
namespace fold_error {
inline constexpr std::uint8_t none = 0, division_by_zero = 1, shift_of_32_or_more = 2;
}  // namespace fold_error

/// A constant, possibly the result of folding constants (then `error` may be set). What was
/// folded into it is counted, so that an error can say which operator, in the order written.
struct constant : value_tag {
    std::uint32_t v = 0;
    std::uint8_t error = fold_error::none;  ///< a fold_error
    std::uint32_t culprit = 0;              ///< the shift count, or the operator ('/' or '%') dividing by 0
    std::uint16_t divisions = 0;            ///< `/` and `%` folded into it
    std::uint16_t shifts = 0;               ///< `<<` and `>>` folded into it
    std::uint16_t error_at = 0;             ///< the error's operator: the n-th division or shift folded, from 1
};
/// A big-endian load of Bytes (1, 2, 4) at `offset`: a constant (LD ABS) or a value (LD IND).
template <std::uint32_t Bytes, class Offset>
struct load : value_tag {
    static constexpr std::uint32_t bytes = Bytes;
    Offset offset;
};
/// The packet length (`ld #len`).
struct length : value_tag {};
/// One of the Linux ancillary values.
struct ancillary : value_tag {
    ext which = ext::proto;
};
/// 4*([k]&0xf): the IPv4 header length at byte k (`ldxb 4*([k]&0xf)`).
struct ip_header_length : value_tag {
    std::uint32_t k = 0;
};
/// A value bound by let<Name>(...).
template <fixed_string Name>
struct variable : value_tag {
    static constexpr std::string_view name() noexcept { return Name.view(); }
};
/// L op R.
template <alu Op, value L, value R>
struct binary : value_tag {
    static constexpr alu op = Op;
    L l;
    R r;
};
/// -V.
template <value V>
struct negation : value_tag {
    V v;
};
/// The netlink attribute of type `type` searched from offset `from` (SKF_AD_NLATTR[_NEST]).
template <value From, value Type, bool Nested>
struct netlink_attribute : value_tag {
    static constexpr bool nested = Nested;
    From from;
    Type type;
};

// ---- predicates (compiled to jumps; never a value in A) ----------------------------------
template <cmp Op, value L, value R>
struct comparison : predicate_tag {
    static constexpr cmp op = Op;
    L l;
    R r;
};
template <predicate P, predicate Q>
struct conjunction : predicate_tag {
    P p;
    Q q;
};
template <predicate P, predicate Q>
struct disjunction : predicate_tag {
    P p;
    Q q;
};
template <predicate P>
struct inversion : predicate_tag {
    P p;
};
/// P ? A : B, for predicates: P is tested once.
template <predicate P, predicate A, predicate B>
struct choice : predicate_tag {
    P p;
    A a;
    B b;
};
struct truth : predicate_tag {
    bool v = true;
};
/// V is one of N constants (a jump chain, or a binary search for many).
template <value V, std::size_t N>
struct membership : predicate_tag {
    static constexpr std::size_t size = N;
    V v;
    std::array<std::uint32_t, N> set;
};

/// A tcpdump primitive (ctbpf/dsl/tcpdump.hpp): libpcap's code for it, on the link layer the
/// primitives written before it leave (vlan(), mpls() and pppoes() move it, as in libpcap).
struct tcpdump_test : predicate_tag {
    ctbpf::net::primitive prim;
};

// ---- statements (end in a return) ---------------------------------------------------------
/// ret #k.
struct return_constant : statement_tag {
    std::uint32_t k = 0;
};
/// ret a: return a computed value.
template <value V>
struct return_value : statement_tag {
    V v;
};
template <predicate P, statement T, statement E>
struct conditional : statement_tag {
    P p;
    T then_;
    E else_;
};
/// let<Name>(v, body): v is stored in a scratch cell that `variable<Name>` reads in body.
template <fixed_string Name, value V, statement S>
struct binding : statement_tag {
    static constexpr std::string_view name() noexcept { return Name.view(); }
    V v;
    S body;
};
/// One case of a switch: the list is nested, Next = void ends it.
template <statement S, class Next>
struct case_list {
    std::uint32_t k = 0;
    S body;
    Next next;
};
struct no_case {};
template <value V, class Cases, statement D>
struct selection : statement_tag {
    V v;
    Cases cases;
    D otherwise;
};

// ---- lifting integers into values ----------------------------------------------------------
template <class T>
concept integer = std::integral<T> && !std::same_as<T, bool>;
template <class T>
concept operand = value<T> || integer<T>;

template <operand T>
constexpr auto lift(T x) noexcept {
    if constexpr (value<T>)
        return x;
    else
        return constant{{}, static_cast<std::uint32_t>(x), fold_error::none, 0, 0, 0, 0};
}
template <class T>
using lifted = decltype(lift(std::declval<T>()));

}  // namespace CTBPF_NAMESPACE::dsl

namespace CTBPF_NAMESPACE::detail::dsl {
using namespace ctbpf::dsl;  // NOLINT: the language's node types
constexpr std::uint32_t fold(alu op, std::uint32_t a, std::uint32_t b) noexcept {
    switch (op) {
        case alu::add: return a + b;
        case alu::sub: return a - b;
        case alu::mul: return a * b;
        case alu::div: return a / b;
        case alu::mod: return a % b;
        case alu::and_: return a & b;
        case alu::or_: return a | b;
        case alu::xor_: return a ^ b;
        case alu::lsh: return a << b;
        case alu::rsh: return a >> b;
    }
    return 0;
}
/// The fold error of `a op b`, none when it is a valid operation.
constexpr std::uint8_t check(alu op, std::uint32_t b) noexcept {
    if ((op == alu::div || op == alu::mod) && b == 0) return fold_error::division_by_zero;
    if ((op == alu::lsh || op == alu::rsh) && b >= 32) return fold_error::shift_of_32_or_more;
    return fold_error::none;
}
/// Constant operands fold into one constant (keeping the first error written, if any, and
/// which of the operators folded it is).
template <alu Op, value L, value R>
constexpr auto make_binary(L l, R r) {
    if constexpr (std::same_as<L, constant> && std::same_as<R, constant>) {
        constexpr std::uint16_t division = Op == alu::div || Op == alu::mod ? 1 : 0;
        constexpr std::uint16_t shift = Op == alu::lsh || Op == alu::rsh ? 1 : 0;
        constant k{};
        if (l.error != fold_error::none) {
            k = l;
        } else if (r.error != fold_error::none) {  // r is written after l and this operator
            k = r;
            k.error_at = static_cast<std::uint16_t>(
                k.error_at + (r.error == fold_error::division_by_zero ? l.divisions + division : l.shifts + shift));
        } else if (const std::uint8_t e = check(Op, r.v); e != fold_error::none) {
            k.error = e;
            k.culprit = e == fold_error::division_by_zero ? std::uint32_t{Op == alu::div ? '/' : '%'} : r.v;
            k.error_at = static_cast<std::uint16_t>(e == fold_error::division_by_zero ? l.divisions + 1 : l.shifts + 1);
        } else {
            k.v = fold(Op, l.v, r.v);
        }
        k.divisions = static_cast<std::uint16_t>(l.divisions + division + r.divisions);
        k.shifts = static_cast<std::uint16_t>(l.shifts + shift + r.shifts);
        return k;
    } else {
        return binary<Op, L, R>{{}, l, r};
    }
}
}  // namespace CTBPF_NAMESPACE::detail::dsl

namespace CTBPF_NAMESPACE::dsl {

// ---- operators -----------------------------------------------------------------------------
template <class A, class B>
concept operand_pair = operand<A> && operand<B> &&(value<A> || value<B>);

/// Arithmetic: a value with a value or an integer; constants fold at compile time.
template <class A, class B>
requires operand_pair<A, B>
constexpr auto operator+(A a, B b) { return detail::dsl::make_binary<alu::add>(lift(a), lift(b)); }
template <class A, class B>
requires operand_pair<A, B>
constexpr auto operator-(A a, B b) { return detail::dsl::make_binary<alu::sub>(lift(a), lift(b)); }
template <class A, class B>
requires operand_pair<A, B>
constexpr auto operator*(A a, B b) { return detail::dsl::make_binary<alu::mul>(lift(a), lift(b)); }
template <class A, class B>
requires operand_pair<A, B>
constexpr auto operator/(A a, B b) { return detail::dsl::make_binary<alu::div>(lift(a), lift(b)); }
template <class A, class B>
requires operand_pair<A, B>
constexpr auto operator%(A a, B b) { return detail::dsl::make_binary<alu::mod>(lift(a), lift(b)); }
template <class A, class B>
requires operand_pair<A, B>
constexpr auto operator&(A a, B b) { return detail::dsl::make_binary<alu::and_>(lift(a), lift(b)); }
template <class A, class B>
requires operand_pair<A, B>
constexpr auto operator|(A a, B b) { return detail::dsl::make_binary<alu::or_>(lift(a), lift(b)); }
template <class A, class B>
requires operand_pair<A, B>
constexpr auto operator^(A a, B b) { return detail::dsl::make_binary<alu::xor_>(lift(a), lift(b)); }
template <class A, class B>
requires operand_pair<A, B>
constexpr auto operator<<(A a, B b) { return detail::dsl::make_binary<alu::lsh>(lift(a), lift(b)); }
template <class A, class B>
requires operand_pair<A, B>
constexpr auto operator>>(A a, B b) { return detail::dsl::make_binary<alu::rsh>(lift(a), lift(b)); }

template <value V>
constexpr auto operator-(V v) {
    return negation<V>{{}, v};
}

/// Comparisons (unsigned, 32-bit): predicates.
template <class A, class B>
requires operand_pair<A, B>
constexpr auto operator==(A a, B b) { return comparison<cmp::eq, lifted<A>, lifted<B>>{{}, lift(a), lift(b)}; }
template <class A, class B>
requires operand_pair<A, B>
constexpr auto operator!=(A a, B b) { return comparison<cmp::ne, lifted<A>, lifted<B>>{{}, lift(a), lift(b)}; }
template <class A, class B>
requires operand_pair<A, B>
constexpr auto operator<(A a, B b) { return comparison<cmp::lt, lifted<A>, lifted<B>>{{}, lift(a), lift(b)}; }
template <class A, class B>
requires operand_pair<A, B>
constexpr auto operator<=(A a, B b) { return comparison<cmp::le, lifted<A>, lifted<B>>{{}, lift(a), lift(b)}; }
template <class A, class B>
requires operand_pair<A, B>
constexpr auto operator>(A a, B b) { return comparison<cmp::gt, lifted<A>, lifted<B>>{{}, lift(a), lift(b)}; }
template <class A, class B>
requires operand_pair<A, B>
constexpr auto operator>=(A a, B b) { return comparison<cmp::ge, lifted<A>, lifted<B>>{{}, lift(a), lift(b)}; }

template <predicate P, predicate Q>
constexpr auto operator&&(P p, Q q) {
    return conjunction<P, Q>{{}, p, q};
}
template <predicate P, predicate Q>
constexpr auto operator||(P p, Q q) {
    return disjunction<P, Q>{{}, p, q};
}
template <predicate P>
constexpr auto operator!(P p) {
    return inversion<P>{{}, p};
}

}  // namespace CTBPF_NAMESPACE::dsl
