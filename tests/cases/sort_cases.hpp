// Inputs for detail::sort_keys (detail/sort.hpp), sorted at compile time in
// tests/static/sort_static.cpp and at run time, beside random inputs, in tests/unit/sort_test.cpp.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>

#include <ctbpf/detail/sort.hpp>

namespace cases {

/// `n` keys made from `seed`: spread (every byte differs), or with few distinct values, or equal
/// in every byte but one (the radix passes skip the others).
template <class T, std::size_t N>
constexpr std::array<T, N> sort_input(std::uint64_t seed, int shape) {
    std::array<T, N> a{};
    std::uint64_t x = seed;
    for (auto& k : a) {
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        const std::uint64_t r = x >> 11;
        k = static_cast<T>(shape == 0 ? r : shape == 1 ? r % 7 : (r % 251) << 8 | 0x5a);
    }
    return a;
}

/// Whether sort_keys orders `a` as std::sort does.
template <class T, std::size_t N>
constexpr bool sorts_like_std(std::array<T, N> a) {
    std::array<T, N> expected = a, scratch{};
    std::sort(expected.begin(), expected.end());
    ctbpf::detail::sort_keys(a.data(), scratch.data(), N);
    return a == expected;
}

}  // namespace cases
