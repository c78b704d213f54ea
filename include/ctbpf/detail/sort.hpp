// ctbpf/detail/sort.hpp (internal) — sorting unsigned keys within Clang's constant-evaluation
// budget: a least-significant-digit radix sort (a pass per byte, skipped where every key has the
// same byte), linear in the number of keys. std::sort of 3000 keys takes 200,000 to 400,000 of
// Clang's 1,048,576 steps, this under 100,000; short inputs are sorted by insertion. Used at compile
// time and at run time alike.
// Usage (internal): detail::sort_keys(keys, scratch, n);  // scratch holds n keys
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "config.hpp"

namespace CTBPF_NAMESPACE::detail {

/// Below this many keys, insertion sort takes fewer steps than the radix passes.
inline constexpr std::size_t radix_sort_from = 24;

/// Sorts keys[0..n) ascending; `scratch` holds n keys (its contents are not kept).
template <class T>
constexpr void sort_keys(T* keys, T* scratch, std::size_t n) noexcept {
    static_assert(std::is_unsigned_v<T>, "sort_keys sorts unsigned keys");
    if (n < radix_sort_from) {
        for (std::size_t i = 1; i < n; ++i) {
            const T key = keys[i];
            std::size_t j = i;
            for (; j > 0 && keys[j - 1] > key; --j) keys[j] = keys[j - 1];
            keys[j] = key;
        }
        return;
    }
    for (unsigned shift = 0; shift < 8 * sizeof(T); shift += 8) {
        std::size_t start[257]{};  // start[b + 1]: how many keys have byte b, then where byte b goes
        for (std::size_t i = 0; i < n; ++i) ++start[((keys[i] >> shift) & 0xffu) + 1];
        if (start[((keys[0] >> shift) & 0xffu) + 1] == n) continue;  // one value of this byte: stays
        for (std::size_t b = 0; b < 256; ++b) start[b + 1] += start[b];
        for (std::size_t i = 0; i < n; ++i) scratch[start[(keys[i] >> shift) & 0xffu]++] = keys[i];
        for (std::size_t i = 0; i < n; ++i) keys[i] = scratch[i];
    }
}

}  // namespace CTBPF_NAMESPACE::detail
