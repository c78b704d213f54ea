// detail::sort_keys at compile time: every shape and size class sorted as std::sort sorts it
// (tests/cases/sort_cases.hpp; the run-time twin is tests/unit/sort_test.cpp).
#include "../cases/sort_cases.hpp"

namespace {
using cases::sort_input;
using cases::sorts_like_std;
using ctbpf::detail::radix_sort_from;

static_assert(sorts_like_std(std::array<std::uint32_t, 0>{}));
static_assert(sorts_like_std(std::array<std::uint32_t, 1>{{7}}));
static_assert(sorts_like_std(sort_input<std::uint32_t, radix_sort_from - 1>(1, 0)));  // insertion
static_assert(sorts_like_std(sort_input<std::uint32_t, radix_sort_from>(2, 0)));      // radix
static_assert(sorts_like_std(sort_input<std::uint32_t, 300>(3, 0)));
static_assert(sorts_like_std(sort_input<std::uint32_t, 300>(4, 1)));  // many repeats
static_assert(sorts_like_std(sort_input<std::uint32_t, 300>(5, 2)));  // bytes 0, 2, 3 equal: skipped
static_assert(sorts_like_std(sort_input<std::uint64_t, 200>(6, 0)));
static_assert(sorts_like_std(sort_input<std::uint64_t, 200>(7, 2)));
static_assert(sorts_like_std(sort_input<std::uint16_t, 100>(8, 0)));
}  // namespace
