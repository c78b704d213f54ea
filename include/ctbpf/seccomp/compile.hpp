// ctbpf/seccomp/compile.hpp — ctbpf::compile<policy>(): a seccomp policy to a verified,
// optimized std::array<sock_filter, N> at compile time; with placeholders, a
// seccomp::bindable_image whose bind(...) patches their values in (docs/seccomp.md).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <type_traits>

#include "../detail/config.hpp"
#include "../detail/error_names.hpp"
#include "../detail/report.hpp"
#include "../errors.hpp"
#include "../compiler/pipeline.hpp"
#include "../verify.hpp"
#include "lower.hpp"
#include "policy.hpp"

namespace CTBPF_NAMESPACE::seccomp {

/// Where a placeholder's value goes in an image: instruction `at`'s k is the low (or high)
/// 32 bits of the value, with the sign bit flipped for a signed ordering.
struct slot {
    std::uint16_t at = 0;
    std::uint8_t placeholder = 0;  ///< its number in bindable_image::names
    bool high = false;
    bool flipped = false;
};

/// A value for a placeholder: bound("fd", fd). Signed values are sign-extended.
struct binding {
    std::string_view name;
    std::uint64_t value = 0;
};
template <std::integral T>
constexpr binding bound(std::string_view name, T value) noexcept {
    return {name, detail::widen(value)};
}

/// An image with its placeholders bound, or why not (`name` is the placeholder concerned).
template <std::size_t N>
struct bound_image {
    std::array<sock_filter, N> code{};
    bind_problem problem = bind_problem::none;
    std::string_view name{};
    constexpr explicit operator bool() const noexcept { return problem == bind_problem::none; }
};

/// A compiled policy with placeholders: `code` holds stand-in values at the `slots`; bind
/// replaces them, and nothing else.
template <std::size_t N, std::size_t K, std::size_t C>
struct bindable_image {
    std::array<sock_filter, N> code{};
    std::array<slot, K> slots{};
    std::array<std::array<char, 24>, C> names{};

    static constexpr std::size_t size() noexcept { return N; }

    /// The image with every placeholder bound exactly once to its value.
    constexpr bound_image<N> bind(std::initializer_list<binding> values) const noexcept {
        bound_image<N> out{code, bind_problem::none, {}};
        std::array<std::uint64_t, C> value{};
        std::array<bool, C> seen{};
        for (const binding& b : values) {
            std::size_t p = 0;
            while (p < C && name_of(p) != b.name) ++p;
            if (p == C) return fail(out, bind_problem::unknown_placeholder, b.name);
            if (seen[p]) return fail(out, bind_problem::bound_twice, b.name);
            seen[p] = true;
            value[p] = b.value;
        }
        for (std::size_t p = 0; p < C; ++p)
            if (!seen[p]) return fail(out, bind_problem::not_bound, name_of(p));
        for (const slot& s : slots) {
            const std::uint64_t v = value[s.placeholder];
            out.code[s.at].k = static_cast<std::uint32_t>(s.high ? v >> 32 : v) ^ (s.flipped ? 0x80000000u : 0u);
        }
        return out;
    }

    constexpr std::string_view name_of(std::size_t p) const noexcept {
        std::size_t n = 0;
        while (n < names[p].size() && names[p][n] != 0) ++n;
        return {names[p].data(), n};
    }

private:
    static constexpr bound_image<N> fail(bound_image<N>& out, bind_problem why, std::string_view name) noexcept {
        out.problem = why;
        out.name = name;
        return out;
    }
};

}  // namespace CTBPF_NAMESPACE::seccomp

namespace CTBPF_NAMESPACE {
namespace detail::seccomp {

template <class P>
constexpr std::size_t placeholder_count(const P& p) noexcept {
    return placeholder_number(p, std::array<char, 24>{});
}

template <auto Policy>
inline constexpr auto policy_v = Policy;
template <auto Policy, unsigned Rendering>
inline constexpr rendered rendered_v = render(Policy, Rendering);
template <const rendered& G>
consteval std::array<sock_filter, G.size> image_of() {
    std::array<sock_filter, G.size> out{};
    for (std::size_t i = 0; i < G.size; ++i) out[i] = G.code[i];
    return out;
}
template <auto Policy, unsigned Rendering>
inline constexpr auto unoptimized_v = image_of<rendered_v<Policy, Rendering>>();

template <auto Policy, unsigned Rendering, optimization O>
inline constexpr auto final_v = finish<unoptimized_v<Policy, Rendering>, profile::seccomp, O>();

/// Where the placeholders landed: the instructions whose k differs between two renderings.
struct slot_table {
    std::array<ctbpf::seccomp::slot, max_instructions> slots{};
    std::size_t count = 0;
    bool consistent = true;  ///< the renderings differ only in k, and only by placeholder values
};
template <class P, std::size_t N>
constexpr slot_table find_slots(const P& p, const std::array<sock_filter, N>& a, const std::array<sock_filter, N>& b) {
    slot_table t{};
    const std::size_t places = placeholder_count(p);
    for (std::size_t i = 0; i < N && t.consistent; ++i) {
        if (a[i].code != b[i].code || a[i].jt != b[i].jt || a[i].jf != b[i].jf) t.consistent = false;
        if (a[i].k == b[i].k) continue;
        bool found = false;
        for (std::size_t ph = 0; ph < places && !found; ++ph)
            for (int form = 0; form < 4 && !found; ++form) {
                const bool high = form & 1, flipped = form & 2;
                const auto k_of = [&](unsigned r) {
                    const std::uint64_t v = sentinel(ph, r);
                    return static_cast<std::uint32_t>(high ? v >> 32 : v) ^ (flipped ? 0x80000000u : 0u);
                };
                if (a[i].k == k_of(0) && b[i].k == k_of(1)) {
                    t.slots[t.count++] = {static_cast<std::uint16_t>(i), static_cast<std::uint8_t>(ph), high, flipped};
                    found = true;
                }
            }
        if (!found) t.consistent = false;
    }
    return t;
}
template <std::size_t C, class P>
constexpr std::array<std::array<char, 24>, C> placeholder_names(const P& p) {
    std::array<std::array<char, 24>, C> names{};
    for (const auto& n : p.nodes)
        if (n.kind == ctbpf::seccomp::node_kind::leaf && n.t.placeholder[0] != 0)
            names[placeholder_number(p, n.t.placeholder)] = n.t.placeholder;
    return names;
}

/// Whether the two renderings of Policy (optimized or not) differ only at placeholders.
template <auto Policy, optimization O>
consteval bool renderings_agree() {
    if constexpr (final_v<Policy, 0, O>.size() != final_v<Policy, 1, O>.size())
        return false;
    else
        return find_slots(Policy, final_v<Policy, 0, O>, final_v<Policy, 1, O>).consistent;
}

template <auto Policy, optimization O>
consteval auto with_placeholders() {
    // the optimized renderings when they agree; else the emitted ones, which agree by construction
    if constexpr (O == optimization::on && !renderings_agree<Policy, O>()) {
        return with_placeholders<Policy, optimization::off>();
    } else {
        constexpr auto& code = final_v<Policy, 0, O>;
        constexpr slot_table t = find_slots(Policy, code, final_v<Policy, 1, O>);
        ctbpf::seccomp::bindable_image<code.size(), t.count, placeholder_count(Policy)> out{};
        out.code = code;
        for (std::size_t i = 0; i < t.count; ++i) out.slots[i] = t.slots[i];
        out.names = placeholder_names<placeholder_count(Policy)>(Policy);
        return out;
    }
}
}  // namespace detail::seccomp

/// Compiles a seccomp policy (ctbpf/seccomp.hpp) into a verified std::array<sock_filter, N> for
/// the seccomp profile, optimized unless Optimization is ctbpf::no_optimize; a policy with
/// placeholders into a seccomp::bindable_image. Problems are compile errors named
/// ctbpf::error::..._in_policy (docs/diagnostics.md).
template <auto Policy, optimization Optimization = optimization::on>
requires seccomp::policy_type<decltype(Policy)>
constexpr auto compile() {
    constexpr const auto& p = detail::seccomp::policy_v<Policy>;
    if constexpr (p.problem != seccomp::policy_problem::none) {
        using error = typename detail::error_names<p.problem>::template in_policy<p.culprit, p.value>;
        CTBPF_RAISE(error);
        return std::array<sock_filter, 1>{};
    } else if constexpr (detail::seccomp::rendered_v<Policy, 0>.overflow) {
        // the emitter stopped at the limit
        (void)detail::raised<error::more_than_4096_instructions_in_policy<detail::seccomp::rendered_v<Policy, 0>.size>>;
        return std::array<sock_filter, 1>{};
    } else if constexpr (detail::seccomp::placeholder_count(Policy) > 0) {
        return detail::seccomp::with_placeholders<Policy, Optimization>();
    } else {
        return detail::finish<detail::seccomp::unoptimized_v<Policy, 0>, profile::seccomp, Optimization>();
    }
}

}  // namespace CTBPF_NAMESPACE
