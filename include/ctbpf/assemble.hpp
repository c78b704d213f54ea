// ctbpf/assemble.hpp — builders and labels to an exact-size, verified image, at compile time.
// assemble() resolves labels and skips, then verifies with the kernel's rules; a program the
// kernel would reject does not compile, and the error names the rule and the instruction.
// Usage: constexpr auto arp = ctbpf::assemble(ctbpf::ldh(12), ctbpf::jeq(0x806, 0, 1),
//                                              ctbpf::ret(4096), ctbpf::ret(0));
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "builders.hpp"
#include "detail/report.hpp"
#include "encoding.hpp"
#include "verify.hpp"

namespace ctbpf {

/// The outcome of resolving labels: the image, or the first problem and its instruction.
template <std::size_t N>
struct link_result {
    std::array<sock_filter, N> image{};
    link_error error = link_error::none;
    std::size_t index = 0;
    constexpr explicit operator bool() const noexcept { return error == link_error::none; }
};

namespace detail {

template <class T>
inline constexpr bool is_instruction_v = std::is_same_v<std::remove_cvref_t<T>, instruction>;
template <class T>
inline constexpr bool is_label_v = std::is_same_v<std::remove_cvref_t<T>, label>;

// Pack queries written as array initialisers, not fold expressions: Clang refuses folds of
// more than 256 terms, and programs have up to 4096 instructions.
template <class... Args>
constexpr std::size_t count_instructions() {
    constexpr bool is[] = {false, is_instruction_v<Args>...};
    std::size_t n = 0;
    for (bool b : is) n += b ? 1 : 0;
    return n;
}
template <class... Args>
constexpr bool all_items() {
    constexpr bool ok[] = {true, (is_instruction_v<Args> || is_label_v<Args>)...};
    for (bool b : ok)
        if (!b) return false;
    return true;
}

struct label_position {
    std::string_view name;
    std::size_t at = 0;
};

template <std::size_t L>
constexpr std::size_t find_label(const std::array<label_position, L>& labels, std::string_view name) {
    for (const label_position& l : labels)
        if (l.name == name) return l.at;
    return static_cast<std::size_t>(-1);
}

/// Resolves one target of instruction i to a skip; `limit` is 255 for jt/jf.
template <std::size_t L>
constexpr link_error resolve(const target& t, std::size_t i, const std::array<label_position, L>& labels,
                             std::uint64_t limit, std::uint32_t& out) {
    std::int64_t skip = t.skip;
    if (t.is_label()) {
        const std::size_t at = find_label(labels, t.label);
        if (at == static_cast<std::size_t>(-1)) return link_error::unknown_label;
        if (at <= i) return link_error::backward_jump;
        skip = static_cast<std::int64_t>(at - i - 1);
        if (static_cast<std::uint64_t>(skip) > limit) return link_error::conditional_too_far;
    } else {
        if (skip < 0) return link_error::negative_skip;
        if (static_cast<std::uint64_t>(skip) > limit) return link_error::skip_too_large;
    }
    out = static_cast<std::uint32_t>(skip);
    return link_error::none;
}

}  // namespace detail

/// Resolves labels and skips of builder results (no verification); usable at run time too.
template <class... Args>
requires(detail::all_items<Args...>()) constexpr auto link(const Args&... args) {
    constexpr std::size_t n = detail::count_instructions<Args...>();
    constexpr std::size_t l = sizeof...(Args) - n;
    link_result<n> result{};
    std::array<detail::label_position, l> labels{};
    std::array<const instruction*, n> code{};
    {
        std::size_t i = 0, j = 0;
        const auto collect = [&](const auto& arg) {
            if constexpr (detail::is_label_v<decltype(arg)>) {
                if (result && detail::find_label(labels, arg.name) != static_cast<std::size_t>(-1)) {
                    result.error = link_error::duplicate_label;
                    result.index = i;
                }
                labels[j++] = {arg.name, i};
            } else {
                code[i++] = &arg;
            }
        };
        [[maybe_unused]] const int in_order[] = {0, (collect(args), 0)...};
    }
    if (!result) return result;
    for (std::size_t i = 0; i < n; ++i) {
        const instruction& in = *code[i];
        sock_filter& out = result.image[i];
        out.code = in.code;
        out.k = in.k;
        out.jt = 0;
        out.jf = 0;
        if (in.raw) {
            out.jt = in.raw_jt;
            out.jf = in.raw_jf;
            continue;
        }
        if (bpf::class_of(in.code) != bpf::jmp) continue;
        link_error e = link_error::none;
        if (bpf::op_of(in.code) == bpf::ja) {
            e = detail::resolve(in.jt, i, labels, 0xffffffffu, out.k);
        } else {
            std::uint32_t t = 0, f = 0;
            e = detail::resolve(in.jt, i, labels, 255, t);
            if (e == link_error::none) e = detail::resolve(in.jf, i, labels, 255, f);
            out.jt = static_cast<std::uint8_t>(t);
            out.jf = static_cast<std::uint8_t>(f);
        }
        if (e != link_error::none) {
            result.error = e;
            result.index = i;
            return result;
        }
    }
    return result;
}

/// Assembles builder results and labels into a verified std::array<sock_filter, N>, N being
/// the number of instructions. Any link error or kernel rejection is a compile error naming
/// the problem and the instruction index (ctbpf::error::..._at_instruction<I>).
template <profile Profile = profile::socket_filter, class... Args>
requires(detail::all_items<Args...>()) consteval auto assemble(const Args&... args) {
    constexpr std::size_t n = detail::count_instructions<Args...>();
    static_assert(n > 0, "ctbpf::assemble: a program needs at least one instruction");
    static_assert(n <= max_instructions, "ctbpf::assemble: the kernel accepts at most 4096 instructions");
    const link_result<n> linked = link(args...);
    if (!linked) detail::report<0, n>(linked.error, linked.index);
    const verify_result verdict = verify(linked.image, Profile);
    if (!verdict) detail::report<0, n>(verdict.error, verdict.index);
    return linked.image;
}

}  // namespace ctbpf
