// Internal: what counts as a program (a contiguous range of sock_filter) and as packet bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <ranges>
#include <type_traits>

#include "../encoding.hpp"

namespace ctbpf::detail {

template <class R>
concept program_range = std::ranges::contiguous_range<R> && std::ranges::sized_range<R> &&
    std::is_same_v<std::remove_cv_t<std::ranges::range_value_t<R>>, sock_filter>;

template <class T>
concept byte_like = std::is_same_v<T, std::uint8_t> || std::is_same_v<T, unsigned char> || std::is_same_v<T, char> ||
    std::is_same_v<T, signed char> || std::is_same_v<T, std::byte>;

template <class R>
concept byte_range = std::ranges::contiguous_range<R> && std::ranges::sized_range<R> &&
    byte_like<std::remove_cv_t<std::ranges::range_value_t<R>>>;

template <class T>
constexpr std::uint8_t to_u8(T v) noexcept {
    return static_cast<std::uint8_t>(v);
}

}  // namespace ctbpf::detail
