// ctbpf/fixed_string.hpp — a string usable as a template argument (names of DSL variables,
// assembler source in later headers).
// Usage: template <ctbpf::fixed_string Name> struct tag {};  tag<"hlen">
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

#include "detail/config.hpp"

namespace CTBPF_NAMESPACE {

template <std::size_t N>
struct fixed_string {
    char chars[N]{};  // with the terminating NUL, as the literal

    constexpr fixed_string(const char (&s)[N]) noexcept {  // NOLINT: implicit from literals
        for (std::size_t i = 0; i < N; ++i) chars[i] = s[i];
    }
    constexpr fixed_string(const std::array<char, N>& s) noexcept {  // NOLINT: from generated text
        for (std::size_t i = 0; i < N; ++i) chars[i] = s[i];
    }
    constexpr std::string_view view() const noexcept { return {chars, N - 1}; }
    constexpr std::size_t size() const noexcept { return N - 1; }
};

/// The fixed_string of a string known at compile time, N its length: a template argument made
/// from computed text. to_fixed_string<name.size()>(name)
template <std::size_t N>
constexpr fixed_string<N + 1> to_fixed_string(std::string_view s) noexcept {
    std::array<char, N + 1> chars{};
    for (std::size_t i = 0; i < N && i < s.size(); ++i) chars[i] = s[i];
    return fixed_string<N + 1>(chars);
}

}  // namespace CTBPF_NAMESPACE
