// ctbpf/seccomp/policy.hpp — the seccomp policy language: rules over system call numbers and
// their arguments, as constexpr values (docs/seccomp.md).
//   namespace sc = ctbpf::seccomp;
//   constexpr auto policy = sc::policy<sc::arch::x86_64>(
//       sc::errno_(EPERM),                                           // the default action
//       sc::allow(SYS_read, SYS_write),
//       sc::allow(SYS_socket).when(sc::arg<0> == AF_UNIX || sc::arg<0> == AF_INET),
//       sc::rule(sc::ret_kill_process, SYS_execve));
// A policy is a structural value (a template argument of ctbpf::compile<policy>()); its problems
// (an errno above 4095, a rule that can never decide ...) are recorded in it and reported by
// compile<policy>() as errors named in errors.hpp. No heap, no exceptions.
#pragma once

#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "../detail/config.hpp"
#include "../encoding.hpp"
#include "../errors.hpp"
#include "../fixed_string.hpp"

namespace CTBPF_NAMESPACE::seccomp {

// ---- architectures -----------------------------------------------------------------------------

/// The architecture a policy is for: its AUDIT_ARCH value, argument width and byte order.
/// x86_64 policies close the x32 ABI (system call numbers with __X32_SYSCALL_BIT) by
/// construction; an x32 policy admits only those.
enum class arch : std::uint8_t { x86_64, x32, i386, aarch64, arm, riscv64, s390x };

/// The architecture this translation unit is compiled for, where it is one of the above
/// (has_native_arch says whether it is).
#if defined(__x86_64__) && defined(__ILP32__)
inline constexpr arch native_arch = arch::x32;
#elif defined(__x86_64__)
inline constexpr arch native_arch = arch::x86_64;
#elif defined(__i386__)
inline constexpr arch native_arch = arch::i386;
#elif defined(__aarch64__)
inline constexpr arch native_arch = arch::aarch64;
#elif defined(__arm__)
inline constexpr arch native_arch = arch::arm;
#elif defined(__riscv) && __riscv_xlen == 64
inline constexpr arch native_arch = arch::riscv64;
#elif defined(__s390x__)
inline constexpr arch native_arch = arch::s390x;
#endif
#if defined(__x86_64__) || defined(__i386__) || defined(__aarch64__) || defined(__arm__) || \
    (defined(__riscv) && __riscv_xlen == 64) || defined(__s390x__)
inline constexpr bool has_native_arch = true;
#else
inline constexpr bool has_native_arch = false;
#endif

struct arch_info {
    std::uint32_t audit;  ///< seccomp_data::arch
    bool wide;            ///< 64-bit argument registers (else the upper halves are always 0)
    bool little_endian;   ///< the low word of a 64-bit argument comes first
};
constexpr arch_info info(arch a) noexcept {
    switch (a) {
        case arch::x86_64:
        case arch::x32: return {audit_arch_x86_64, true, true};
        case arch::i386: return {audit_arch_i386, false, true};
        case arch::aarch64: return {audit_arch_aarch64, true, true};
        case arch::arm: return {audit_arch_arm, false, true};
        case arch::riscv64: return {audit_arch_riscv64, true, true};
        case arch::s390x: return {audit_arch_s390x, true, false};
    }
    return {};
}

// ---- actions -----------------------------------------------------------------------------------

/// SECCOMP_RET_LOG and SECCOMP_RET_USER_NOTIF (ret_allow, errno_(e), trap(d), trace(d),
/// ret_kill_process, ret_kill_thread are in encoding.hpp).
inline constexpr std::uint32_t ret_notify = ret_user_notif;
/// The largest errno the kernel returns (MAX_ERRNO): a larger SECCOMP_RET_ERRNO datum is capped.
inline constexpr std::uint32_t max_errno = 4095;

/// Whether `action` is one the kernel knows, with an errno datum of at most 4095.
constexpr bool valid_action(std::uint32_t action) noexcept {
    switch (action & ret_action_full) {
        case ret_errno: return (action & ret_data) <= max_errno;
        case ret_kill_process:
        case ret_kill_thread:
        case ret_trap:
        case ret_user_notif:
        case ret_trace:
        case ret_log:
        case ret_allow: return true;
        default: return false;
    }
}

// ---- conditions on arguments ------------------------------------------------------------------

/// How a test compares the argument (after the mask, for masked_eq and any_bits).
enum class cmp : std::uint8_t {
    eq,
    ne,
    lt,
    le,
    gt,
    ge,
    masked_eq,
    any_bits
};  ///< the first six as compiler::comparison

/// One comparison of an argument with a constant or a placeholder.
struct test {
    std::uint8_t arg = 0;     ///< 0..5
    std::uint8_t width = 64;  ///< 64: the whole register; 32: its low half (arg32)
    bool is_signed = false;
    cmp op = cmp::eq;
    std::uint64_t value = 0;
    std::uint64_t mask = ~std::uint64_t{0};
    /// A placeholder's name ("" for a constant): the value is bound when the image is installed.
    std::array<char, 24> placeholder{};
    bool too_wide = false;  ///< a 32-bit view compared with a value that needs more bits
};

enum class node_kind : std::uint8_t { always, leaf, all, any, negate };
/// A condition's node; a condition<N> keeps its nodes children first, its root last.
struct node {
    node_kind kind = node_kind::always;
    std::uint16_t left = 0, right = 0;  ///< children (all, any: both; negate: left)
    test t{};
};

/// A condition on the arguments: N nodes, the root last.
template <std::size_t N>
struct condition {
    std::array<node, N> nodes{};
};

/// Always true: the condition of a rule without when().
inline constexpr condition<1> always{};

namespace detail {
template <class T>
struct is_condition : std::false_type {};
template <std::size_t N>
struct is_condition<condition<N>> : std::true_type {};

/// A constant as a 64-bit argument value: signed types sign-extended, as the C library passes them.
template <std::integral T>
constexpr std::uint64_t widen(T v) noexcept {
    if constexpr (std::is_signed_v<T>)
        return static_cast<std::uint64_t>(static_cast<std::int64_t>(v));
    else
        return static_cast<std::uint64_t>(v);
}
/// Whether v fits a 32-bit view: its upper half all zeros or the sign extension of the lower.
constexpr bool fits_32(std::uint64_t v) noexcept {
    const std::uint64_t high = v >> 32;
    return high == 0 || (high == 0xffffffffu && (v & 0x80000000u) != 0);
}
template <std::size_t A, std::size_t B>
constexpr condition<A + B + 1> join(node_kind k, const condition<A>& a, const condition<B>& b) noexcept {
    condition<A + B + 1> c{};
    for (std::size_t i = 0; i < A; ++i) c.nodes[i] = a.nodes[i];
    for (std::size_t i = 0; i < B; ++i) {
        node n = b.nodes[i];
        n.left = static_cast<std::uint16_t>(n.left + A);
        n.right = static_cast<std::uint16_t>(n.right + A);
        c.nodes[A + i] = n;
    }
    c.nodes[A + B] = node{k, static_cast<std::uint16_t>(A - 1), static_cast<std::uint16_t>(A + B - 1), {}};
    return c;
}
}  // namespace detail

/// A named value known only when the image is installed: `sc::arg<0> == sc::placeholder<"fd">`.
template <fixed_string Name>
struct placeholder_t {
    static_assert(Name.size() > 0 && Name.size() < 24, "a placeholder's name has 1 to 23 characters");
};
template <fixed_string Name>
inline constexpr placeholder_t<Name> placeholder{};

/// The masked view of an argument: `(sc::arg<2> & PROT_EXEC) == 0`; alone, a bit test (any of
/// the mask's bits set).
struct masked {
    test t;
    template <std::integral T>
    constexpr condition<1> operator==(T v) const noexcept {
        test r = t;
        r.op = cmp::masked_eq;
        r.value = detail::widen(v);
        r.too_wide = t.width == 32 && !detail::fits_32(r.value);
        return {{node{node_kind::leaf, 0, 0, r}}};
    }
    template <std::integral T>
    constexpr condition<2> operator!=(T v) const noexcept {
        condition<2> c{};
        c.nodes[0] = (*this == v).nodes[0];
        c.nodes[1] = node{node_kind::negate, 0, 0, {}};
        return c;
    }
    /// The bit test: true when any bit of the mask is set.
    constexpr operator condition<1>() const noexcept {  // NOLINT: a masked argument reads as a test
        test r = t;
        r.op = cmp::any_bits;
        return {{node{node_kind::leaf, 0, 0, r}}};
    }
};

/// Argument I (0..5) of the system call: the 64-bit register (`Width` 64) or its low half
/// (`Width` 32: arg32, for `int` arguments; the upper half is ignored, as the kernel ignores it
/// when it truncates the register to an int, so AT_FDCWD passed zero- or sign-extended is
/// judged alike). Comparisons are unsigned unless `.as_signed()`.
template <unsigned I, unsigned Width = 64, bool Signed = false>
struct argument {
    static_assert(sizeof(std::conditional_t<(I <= 5), int, error::argument_index_above_5_in_policy<I>>) > 0);

    constexpr argument<I, Width, true> as_signed() const noexcept { return {}; }

    static constexpr test base(cmp op, std::uint64_t v) noexcept {
        test t{};
        t.arg = I;
        t.width = Width;
        t.is_signed = Signed;
        t.op = op;
        t.value = v;
        t.too_wide = Width == 32 && !detail::fits_32(v);
        return t;
    }
    template <fixed_string Name>
    static constexpr test base(cmp op, placeholder_t<Name>) noexcept {
        test t = base(op, 0);
        for (std::size_t i = 0; i < Name.size(); ++i) t.placeholder[i] = Name.chars[i];
        return t;
    }
    template <class V>
    static constexpr condition<1> leaf(cmp op, V v) noexcept {
        if constexpr (std::integral<V>)
            return {{node{node_kind::leaf, 0, 0, base(op, detail::widen(v))}}};
        else
            return {{node{node_kind::leaf, 0, 0, base(op, v)}}};
    }
    // clang-format off
    template <class V> constexpr condition<1> operator==(V v) const noexcept { return leaf(cmp::eq, v); }
    template <class V> constexpr condition<1> operator!=(V v) const noexcept { return leaf(cmp::ne, v); }
    template <class V> constexpr condition<1> operator<(V v) const noexcept { return leaf(cmp::lt, v); }
    template <class V> constexpr condition<1> operator<=(V v) const noexcept { return leaf(cmp::le, v); }
    template <class V> constexpr condition<1> operator>(V v) const noexcept { return leaf(cmp::gt, v); }
    template <class V> constexpr condition<1> operator>=(V v) const noexcept { return leaf(cmp::ge, v); }
    // clang-format on
    template <std::integral T>
    constexpr masked operator&(T mask) const noexcept {
        test t = base(cmp::masked_eq, 0);
        t.mask = detail::widen(mask);
        return {t};
    }
};

/// The 64-bit argument I; arg32<I> its low half (for int arguments).
template <unsigned I>
inline constexpr argument<I> arg{};
template <unsigned I>
inline constexpr argument<I, 32> arg32{};

template <class T>
concept condition_like = detail::is_condition<T>::value || std::same_as<T, masked>;

template <std::size_t N>
constexpr const condition<N>& as_condition(const condition<N>& c) noexcept {
    return c;
}
constexpr condition<1> as_condition(const masked& m) noexcept { return m; }

template <condition_like L, condition_like R>
constexpr auto operator&&(const L& l, const R& r) noexcept {
    return detail::join(node_kind::all, as_condition(l), as_condition(r));
}
template <condition_like L, condition_like R>
constexpr auto operator||(const L& l, const R& r) noexcept {
    return detail::join(node_kind::any, as_condition(l), as_condition(r));
}
template <condition_like C>
constexpr auto operator!(const C& c) noexcept {
    const auto& a = as_condition(c);
    constexpr std::size_t n = std::tuple_size_v<decltype(a.nodes)>;
    condition<n + 1> out{};
    for (std::size_t i = 0; i < n; ++i) out.nodes[i] = a.nodes[i];
    out.nodes[n] = node{node_kind::negate, static_cast<std::uint16_t>(n - 1), 0, {}};
    return out;
}

// ---- rules -------------------------------------------------------------------------------------

/// `action` for the system calls `nrs` when `cond` holds (rules are tried in the order written;
/// the first that holds decides).
template <std::size_t N, std::size_t C = 1>
struct rule_t {
    std::uint32_t action = 0;
    std::array<std::uint32_t, N> nrs{};
    condition<C> cond = {};

    template <condition_like Cond>
    constexpr auto when(const Cond& c) const noexcept {
        const auto& k = as_condition(c);
        rule_t<N, std::tuple_size_v<decltype(k.nodes)>> r{action, nrs, k};
        return r;
    }
};

/// A rule: `action` for these system calls (numbers: the target's SYS_* / __NR_*).
template <std::integral... Nr>
constexpr rule_t<sizeof...(Nr)> rule(std::uint32_t action, Nr... nrs) noexcept {
    static_assert(sizeof...(Nr) > 0, "a rule names at least one system call");
    return {action, {static_cast<std::uint32_t>(nrs)...}, always};
}
/// rule(ret_allow, nrs...).
template <std::integral... Nr>
constexpr rule_t<sizeof...(Nr)> allow(Nr... nrs) noexcept {
    return rule(ret_allow, nrs...);
}

/// System calls checked first, in this order, before the search over the rest (the hot path).
template <std::size_t N>
struct hot_t {
    std::array<std::uint32_t, N> nrs{};
};
template <std::integral... Nr>
constexpr hot_t<sizeof...(Nr)> hot(Nr... nrs) noexcept {
    return {{static_cast<std::uint32_t>(nrs)...}};
}

/// The action for a call from another architecture (default ret_kill_process) — and, on
/// x86_64, for an x32 call.
struct on_foreign_arch_t {
    std::uint32_t action = ret_kill_process;
};
constexpr on_foreign_arch_t on_foreign_arch(std::uint32_t action) noexcept { return {action}; }

// ---- the policy ----------------------------------------------------------------------------------

/// A rule of a policy: its action, its system calls nrs[first, first + count), its condition's
/// root in the policy's nodes.
struct rule_ref {
    std::uint32_t action = 0;
    std::uint16_t first = 0, count = 0;
    std::uint16_t node_first = 0, root = 0;  ///< its condition: nodes[node_first, root]
    bool unconditional = true;
};

/// A compiled-ready policy: R rules over S system call numbers, C condition nodes, H hot calls.
template <arch A, std::size_t R, std::size_t S, std::size_t C, std::size_t H>
struct policy_t {
    static constexpr seccomp::arch target = A;
    std::uint32_t default_action = 0;
    std::uint32_t foreign_action = ret_kill_process;
    std::array<rule_ref, R> rules{};
    std::array<std::uint32_t, S> nrs{};
    std::array<node, C> nodes{};
    std::array<std::uint32_t, H> hot{};
    policy_problem problem = policy_problem::none;
    std::uint32_t culprit = 0;  ///< the rule, counted from 1 in the order written
    std::uint32_t value = 0;
};

namespace detail {
template <class T>
struct item_size {  // the default: no rule, no numbers
    static constexpr std::size_t rules = 0, nrs = 0, nodes = 0, hot = 0;
};
template <std::size_t N, std::size_t C>
struct item_size<rule_t<N, C>> {
    static constexpr std::size_t rules = 1, nrs = N, nodes = C, hot = 0;
};
template <std::size_t N>
struct item_size<hot_t<N>> {
    static constexpr std::size_t rules = 0, nrs = 0, nodes = 0, hot = N;
};
template <class T>
concept policy_item = std::same_as<T, on_foreign_arch_t> || item_size<T>::rules == 1 || item_size<T>::hot > 0;

template <class P>
struct filler {
    P& p;
    std::size_t rule = 0, nr = 0, node = 0, hot = 0;

    template <std::size_t N, std::size_t C>
    constexpr void add(const rule_t<N, C>& r) {
        rule_ref& ref = p.rules[rule++];
        ref.action = r.action;
        ref.first = static_cast<std::uint16_t>(nr);
        ref.count = static_cast<std::uint16_t>(N);
        ref.unconditional = C == 1 && r.cond.nodes[0].kind == node_kind::always;
        ref.node_first = static_cast<std::uint16_t>(node);
        for (std::uint32_t n : r.nrs) p.nrs[nr++] = n;
        for (std::size_t i = 0; i < C; ++i) {
            seccomp::node n = r.cond.nodes[i];
            n.left = static_cast<std::uint16_t>(n.left + node);
            n.right = static_cast<std::uint16_t>(n.right + node);
            if (n.kind == node_kind::leaf && n.t.too_wide) flag(policy_problem::value_wider_than_32_bits, 0);
            p.nodes[node + i] = n;
        }
        node += C;
        ref.root = static_cast<std::uint16_t>(node - 1);
        check_action(r.action);
    }
    template <std::size_t N>
    constexpr void add(const hot_t<N>& h) {
        for (std::uint32_t n : h.nrs) p.hot[hot++] = n;
    }
    constexpr void add(const on_foreign_arch_t& f) {
        p.foreign_action = f.action;
        const std::size_t saved = rule;
        rule = 0;
        check_action(f.action);
        rule = saved;
    }
    constexpr void check_action(std::uint32_t action) {
        if ((action & ret_action_full) == ret_errno && (action & ret_data) > max_errno)
            flag(policy_problem::errno_above_4095, action & ret_data);
        else if (!valid_action(action))
            flag(policy_problem::invalid_action, action);
    }
    constexpr void flag(policy_problem what, std::uint32_t value) {
        if (p.problem != policy_problem::none) return;
        p.problem = what;
        p.culprit = static_cast<std::uint32_t>(rule);
        p.value = value;
    }
};

/// Whether the architecture check decides number nr before any rule: x32 numbers under an
/// x86_64 policy (but -1, no system call), x86_64 numbers under an x32 policy.
template <arch A>
constexpr bool foreign_number(std::uint32_t nr) noexcept {
    if constexpr (A == arch::x86_64) return nr >= x32_syscall_bit && nr != 0xffffffffu;
    if constexpr (A == arch::x32) return nr < x32_syscall_bit;
    return false;
}

/// Whether rule r of policy p names system call nr.
template <class P>
constexpr bool rule_names(const P& p, std::size_t r, std::uint32_t nr) noexcept {
    const rule_ref& ref = p.rules[r];
    for (std::size_t i = ref.first; i < ref.first + ref.count; ++i)
        if (p.nrs[i] == nr) return true;
    return false;
}

/// A rule after an unconditional one for the same system call can never decide it; nor can a
/// rule for a number of another ABI.
template <class P>
constexpr void check_reachable(P& p) {
    for (std::size_t r = 0; r < p.rules.size() && p.problem == policy_problem::none; ++r)
        for (std::size_t i = p.rules[r].first; i < p.rules[r].first + p.rules[r].count; ++i) {
            if (foreign_number<P::target>(p.nrs[i]) && p.problem == policy_problem::none) {
                p.problem = policy_problem::rule_never_decides;
                p.culprit = static_cast<std::uint32_t>(r + 1);
                p.value = p.nrs[i];
            }
            for (std::size_t e = 0; e < r; ++e) {
                const rule_ref& earlier = p.rules[e];
                if (!earlier.unconditional) continue;
                for (std::size_t j = earlier.first; j < earlier.first + earlier.count; ++j)
                    if (p.nrs[j] == p.nrs[i] && p.problem == policy_problem::none) {
                        p.problem = policy_problem::rule_never_decides;
                        p.culprit = static_cast<std::uint32_t>(r + 1);
                        p.value = p.nrs[i];
                    }
            }
        }
}
}  // namespace detail

/// A policy for architecture A: `default_action` for every system call no rule decides, then
/// rules (rule, allow ... .when(...)), hot(...) and on_foreign_arch(action) in any order.
template <arch A, detail::policy_item... Items>
constexpr auto policy(std::uint32_t default_action, const Items&... items) noexcept {
    using P = policy_t<A, (detail::item_size<Items>::rules + ... + 0), (detail::item_size<Items>::nrs + ... + 0),
                       (detail::item_size<Items>::nodes + ... + 0), (detail::item_size<Items>::hot + ... + 0)>;
    P p{};
    p.default_action = default_action;
    detail::filler<P> f{p};
    f.check_action(default_action);
    (f.add(items), ...);
    detail::check_reachable(p);
    return p;
}

template <class T>
struct is_policy : std::false_type {};
template <arch A, std::size_t R, std::size_t S, std::size_t C, std::size_t H>
struct is_policy<policy_t<A, R, S, C, H>> : std::true_type {};
template <class T>
concept policy_type = is_policy<std::remove_cvref_t<T>>::value;

}  // namespace CTBPF_NAMESPACE::seccomp
