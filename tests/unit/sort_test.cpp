// detail::sort_keys at run time (so the sanitizers see it): random inputs of every size up to a few
// hundred and one of 5000, and the shapes of tests/cases/sort_cases.hpp, against std::sort.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

#include "../cases/sort_cases.hpp"

namespace {

template <class T>
void expect_sorted_like_std(std::vector<T> keys) {
    std::vector<T> expected = keys, scratch(keys.size());
    std::sort(expected.begin(), expected.end());
    ctbpf::detail::sort_keys(keys.data(), scratch.data(), keys.size());
    EXPECT_EQ(keys, expected) << keys.size() << " keys";
}

TEST(SortKeys, RandomInputsOfEverySize) {
    std::mt19937_64 random(20261201);
    for (std::size_t n = 0; n <= 300; ++n) {
        std::vector<std::uint32_t> wide(n), narrow(n);
        std::vector<std::uint64_t> pairs(n);
        for (std::size_t i = 0; i < n; ++i) {
            wide[i] = static_cast<std::uint32_t>(random());
            narrow[i] = static_cast<std::uint32_t>(random() % 5);
            pairs[i] = random();
        }
        expect_sorted_like_std(wide);
        expect_sorted_like_std(narrow);
        expect_sorted_like_std(pairs);
    }
    std::vector<std::uint32_t> big(5000);
    for (auto& k : big) k = static_cast<std::uint32_t>(random());
    expect_sorted_like_std(big);
}

TEST(SortKeys, TheStaticShapes) {
    for (int shape = 0; shape < 3; ++shape) {
        const auto a = cases::sort_input<std::uint32_t, 300>(10 + shape, shape);
        expect_sorted_like_std(std::vector<std::uint32_t>(a.begin(), a.end()));
        const auto b = cases::sort_input<std::uint64_t, 200>(20 + shape, shape);
        expect_sorted_like_std(std::vector<std::uint64_t>(b.begin(), b.end()));
    }
}

}  // namespace
