// ctbpf/concepts.hpp — what the library takes as a program and as packet bytes: the concepts in
// the signatures of verify, run, to_string, native, attach and the libpcap helpers.
// Usage: template <ctbpf::program_range P> void load(const P& program);
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <ranges>
#include <type_traits>

#include "detail/config.hpp"
#include "encoding.hpp"

namespace CTBPF_NAMESPACE {

/// A program: a contiguous, sized range of sock_filter (std::array, std::vector, std::span, ...).
template <class R>
concept program_range = std::ranges::contiguous_range<R> && std::ranges::sized_range<R> &&
    std::is_same_v<std::remove_cv_t<std::ranges::range_value_t<R>>, sock_filter>;

/// One byte of a packet: std::uint8_t, unsigned char, char, signed char or std::byte.
template <class T>
concept byte_like = std::is_same_v<T, std::uint8_t> || std::is_same_v<T, unsigned char> || std::is_same_v<T, char> ||
    std::is_same_v<T, signed char> || std::is_same_v<T, std::byte>;

/// Packet bytes: a contiguous, sized range of byte_like values.
template <class R>
concept byte_range = std::ranges::contiguous_range<R> && std::ranges::sized_range<R> &&
    byte_like<std::remove_cv_t<std::ranges::range_value_t<R>>>;

namespace detail {
template <class T>
constexpr std::uint8_t to_u8(T v) noexcept {
    return static_cast<std::uint8_t>(v);
}
}  // namespace detail

}  // namespace CTBPF_NAMESPACE
