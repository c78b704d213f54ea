// ctbpf/seccomp/query.hpp — questions about seccomp policies and images, constexpr and at run time:
//   action_of(policy, data [, bindings])  what the policy decides for one call (its meaning)
//   decision_for(image, arch, nr)         the action whatever the arguments, or that it depends
//   cached_allow(image, arch, nr)         whether the kernel's action cache (v5.11+) allows nr
//                                         without running the filter (its emulation, exactly)
//   action_table<N>(image, arch)          decision_for every nr in [0, N)
//   executed(image, data)                 the instructions a run for one call executes
//   stacked({newest, ..., oldest})        the action of several filters on one call
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <ranges>
#include <type_traits>

#include "../concepts.hpp"
#include "../detail/config.hpp"
#include "../encoding.hpp"
#include "../vm.hpp"
#include "../analysis/constants.hpp"
#include "compile.hpp"
#include "policy.hpp"

namespace CTBPF_NAMESPACE::seccomp {

namespace detail {
/// Test t on a call's arguments, a placeholder's value given.
constexpr bool holds(const test& t, const seccomp_data& d, bool wide_arch, std::uint64_t value) noexcept {
    const bool narrow = t.width == 32 || !wide_arch;
    std::uint64_t a = d.args[t.arg], v = value, m = t.mask;
    if (narrow) {
        a &= 0xffffffffu;
        v &= 0xffffffffu;
        m &= 0xffffffffu;
    }
    const std::uint64_t sign = narrow ? 0x80000000u : 0x8000000000000000u;
    const std::uint64_t sa = t.is_signed ? a ^ sign : a, sv = t.is_signed ? v ^ sign : v;
    switch (t.op) {
        case cmp::eq: return a == v;
        case cmp::ne: return a != v;
        case cmp::lt: return sa < sv;
        case cmp::le: return sa <= sv;
        case cmp::gt: return sa > sv;
        case cmp::ge: return sa >= sv;
        case cmp::masked_eq: return (a & m) == v;
        case cmp::any_bits: return (a & m) != 0;
    }
    return false;
}

template <class P>
constexpr bool holds(const P& p, std::size_t i, const seccomp_data& d, std::initializer_list<binding> values) noexcept {
    bool negated = false;  // a left-deep chain (a || b || c) is walked in a loop, not nested calls
    for (;;) {
        const node& n = p.nodes[i];
        if (n.kind == node_kind::always) return !negated;
        if (n.kind == node_kind::leaf) break;
        if (n.kind == node_kind::negate) {
            negated = !negated;
        } else {
            const bool right = holds(p, n.right, d, values);
            if (n.kind == node_kind::all && !right) return negated;
            if (n.kind == node_kind::any && right) return !negated;
        }
        i = n.left;
    }
    const node& n = p.nodes[i];
    std::uint64_t value = n.t.value;
    if (n.t.placeholder[0] != 0) {
        bool found = false;
        for (const binding& b : values) {
            std::size_t len = 0;
            while (len < n.t.placeholder.size() && n.t.placeholder[len] != 0) ++len;
            if (b.name == std::string_view(n.t.placeholder.data(), len)) {
                value = b.value;
                found = true;
            }
        }
        if (!found) return negated;  // an unbound placeholder's test holds for no value
    }
    return holds(n.t, d, info(P::target).wide, value) != negated;
}
}  // namespace detail

/// The action policy p takes for call d (its meaning, independent of any image); placeholders
/// take their values from `values` (an unbound one matches nothing).
template <policy_type P>
constexpr std::uint32_t action_of(const P& p, const seccomp_data& d,
                                  std::initializer_list<binding> values = {}) noexcept {
    if (d.arch != info(P::target).audit) return p.foreign_action;
    const auto nr = static_cast<std::uint32_t>(d.nr);
    if (detail::foreign_number<P::target>(nr)) return p.foreign_action;
    for (std::size_t r = 0; r < p.rules.size(); ++r)
        if (detail::rule_names(p, r, nr) && detail::holds(p, p.rules[r].root, d, values)) return p.rules[r].action;
    return p.default_action;
}

/// How many instructions a run of `image` for call `d` executes, the return included (the
/// cost the kernel pays per system call when the action cache does not decide it).
template <program_range Program>
constexpr std::size_t executed(const Program& image, const seccomp_data& d) noexcept {
    struct counting : ctbpf::detail::seccomp_env {
        std::size_t count = 0;
        constexpr void executes(std::size_t) noexcept { ++count; }
    } env{ctbpf::detail::seccomp_env(d)};
    ctbpf::detail::execute(std::ranges::data(image), std::ranges::size(image), env);
    return env.count;
}

/// The action the kernel takes when several filters are installed: each filter's action, the
/// newest first; the most restrictive wins (the lowest action as a signed number, SECCOMP_RET_DATA
/// aside), and among equal actions the newest filter's (seccomp_run_filters).
constexpr std::uint32_t stacked(std::initializer_list<std::uint32_t> newest_first) noexcept {
    std::uint32_t chosen = ret_allow;
    bool any = false;
    for (std::uint32_t a : newest_first) {
        const auto rank = [](std::uint32_t v) { return static_cast<std::int32_t>(v & ret_action_full); };
        if (!any || rank(a) < rank(chosen)) chosen = a;
        any = true;
    }
    return chosen;
}

/// The kernel's action-cache emulation (seccomp_is_const_allow, kernel/seccomp.c): true when the
/// kernel would allow nr on arch without running the filter. It follows only ld [nr], ld [arch],
/// ja, jeq/jge/jgt/jset #k, and #k and ret #k.
template <program_range Program>
constexpr bool cached_allow(const Program& image, std::uint32_t arch, std::uint32_t nr) noexcept {
    const sock_filter* p = std::ranges::data(image);
    const std::size_t n = std::ranges::size(image);
    std::uint32_t a = 0;
    for (std::size_t pc = 0; pc < n; ++pc) {
        const sock_filter& f = p[pc];
        switch (f.code) {
            case bpf::ld | bpf::w | bpf::abs:
                if (f.k == nr_offset)
                    a = nr;
                else if (f.k == arch_offset)
                    a = arch;
                else
                    return false;
                break;
            case bpf::ret | bpf::k: return f.k == ret_allow;
            case bpf::jmp | bpf::ja: pc += f.k; break;
            case bpf::jmp | bpf::jeq | bpf::k: pc += a == f.k ? f.jt : f.jf; break;
            case bpf::jmp | bpf::jge | bpf::k: pc += a >= f.k ? f.jt : f.jf; break;
            case bpf::jmp | bpf::jgt | bpf::k: pc += a > f.k ? f.jt : f.jf; break;
            case bpf::jmp | bpf::jset | bpf::k: pc += (a & f.k) ? f.jt : f.jf; break;
            case bpf::alu | bpf::and_ | bpf::k: a &= f.k; break;
            default: return false;
        }
    }
    return false;
}

/// What an image decides for system call nr on arch whatever the arguments: the action, or
/// that it depends on them (or on the instruction pointer).
struct decision {
    bool depends = false;      ///< true: different arguments can get different actions
    std::uint32_t action = 0;  ///< the action when !depends
    friend constexpr bool operator==(const decision&, const decision&) = default;
};

/// decision_for: every path the image can take for (arch, nr) with the other words unknown;
/// one action on all of them is the decision. Exact for ctbpf's policies (which test the
/// arguments only in argument rules); for any image, "depends" may mean "could not tell".
namespace detail {
template <class T>
inline constexpr std::size_t capacity = max_instructions;
template <std::size_t N>
inline constexpr std::size_t capacity<std::array<sock_filter, N>> = N;

/// decision_for: the constant facts of the image (analysis/constants.hpp) with nr and arch known,
/// the length 64 and every other word unknown; one action on every path is the decision.
template <std::size_t Capacity>
constexpr decision decide(const sock_filter* p, std::size_t n, std::uint32_t arch, std::uint32_t nr) noexcept {
    using ctbpf::detail::analysis::value;
    const auto load = [arch, nr](const sock_filter& f) -> ctbpf::detail::analysis::load_outcome {
        if (bpf::mode_of(f.code) == bpf::len) return {{true, sizeof(seccomp_data)}, false};
        if (bpf::mode_of(f.code) == bpf::abs && f.k == nr_offset) return {{true, nr}, false};
        if (bpf::mode_of(f.code) == bpf::abs && f.k == arch_offset) return {{true, arch}, false};
        return {{false, 0}, false};  // the arguments and the instruction pointer
    };
    decision out{};
    bool any = false;
    const auto returns = [&](value v) {
        out.depends = out.depends || !v.known || (any && out.action != v.v);
        if (!any && v.known) out.action = v.v;
        any = true;
    };
    ctbpf::detail::analysis::constant_flow<Capacity>(p, n, load, returns);
    if (!any) out.depends = true;
    return out;
}
}  // namespace detail

template <program_range Program>
constexpr decision decision_for(const Program& image, std::uint32_t arch, std::uint32_t nr) noexcept {
    return detail::decide<detail::capacity<std::remove_cvref_t<Program>>>(std::ranges::data(image),
                                                                          std::ranges::size(image), arch, nr);
}

/// decision_for each system call number in [0, N).
template <std::size_t N, program_range Program>
constexpr std::array<decision, N> action_table(const Program& image, std::uint32_t arch) noexcept {
    std::array<decision, N> t{};
    for (std::size_t nr = 0; nr < N; ++nr) t[nr] = decision_for(image, arch, static_cast<std::uint32_t>(nr));
    return t;
}

}  // namespace CTBPF_NAMESPACE::seccomp
