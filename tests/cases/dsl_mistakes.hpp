// Filter-language mistakes and where the compiler says they are: the problem, its culprit value
// and its position (the n-th load, `/` or `%`, shift or switch_, from 1 in the order written;
// dsl/written.hpp). Each row is a static_assert (tests/static/dsl_static.cpp) and a GoogleTest
// case that runs the code generator at run time (tests/unit/dsl_test.cpp); compile_fail/ checks
// the error names the compilers print.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include <ctbpf/dsl.hpp>

namespace cases {

struct dsl_mistake {
    std::string_view name;
    ctbpf::detail::dsl::generated (*generate)();  ///< the code generator on the filter
    ctbpf::detail::dsl::problem problem;
    std::uint32_t culprit;
    std::uint32_t position;
    std::string_view culprit_name = {};  ///< the variable, for the errors that name one
};

/// The filters, each with one mistake (two for first_written_wins).
namespace mistake_filters {
using namespace ctbpf::dsl;  // NOLINT
/// A constant the language folds (what the protocol-header layer builds offsets from).
constexpr constant k(std::uint32_t v) { return constant{{}, v, fold_error::none, 0, 0, 0, 0}; }

// the divisor folds to 0 (C++'s own arithmetic: no operator of the language): the first division
constexpr auto divide_by_folded_zero = result(u16(12) / (4 - 4));
// `/` 1st, `%` 2nd (the culprit), `/ 1` 3rd
constexpr auto modulo_second_of_three = result(u8(1) / 2 + u16(12) % (8 / 2 - 4) + u8(2) / 1);
// an operator folded into a constant counts where it is written: `k(8) / k(0)` is the 2nd
constexpr auto division_folded_into_a_constant = result(u8(1) / 3 + (k(8) / k(0) + u8(2)));
// constants folded before the bad one count too: k(9) / k(3) is the 2nd, k(1) % k(0) the 3rd
constexpr auto division_after_folded_ones = result(u8(1) / 3 + (k(9) / k(3) + k(1) % k(0)));
// `<<` 1st, `>>` 2nd (by 32; `1 << 5` is C++'s arithmetic, not counted)
constexpr auto shift_second = result((u8(1) << 3) + (u8(2) >> (1 << 5)));
constexpr auto shift_folded = result(u8(1) << (k(1) << k(40)));
// the second load (the u8 of the second comparison)
constexpr auto load_second = u16(12) == 1 && u8(70000) == 3;
// ld [x + k]: the outer load, written first, before the loads of its offset
constexpr auto load_indexed_outer_first = u8(u8(70001) + 70000) == 3;
constexpr auto load_in_the_offset = u8(u8(70001) + 1) == 3;
// after a let's value and a condition, in the else branch: loads counted as written
constexpr auto load_in_else = let<"v">(u8(0), if_(u8(1) == 2, accept(1)).else_(result(u32(65533))));
// the first of two mistakes written wins, not the first the code generator meets (it emits backwards)
constexpr auto first_written_wins = if_(u8(1) / 0 == 2, accept(1)).else_(result(u8(70000)));
// the second switch_ (in the first one's case) repeats 7
constexpr auto case_twice_in_second_switch =
    switch_(u8(0))
        .case_(1, switch_(u8(1)).case_(7, accept(1)).case_(8, accept(2)).case_(7, accept(3)).default_(drop()))
        .case_(2, accept(4))
        .default_(drop());
// two values repeated: the one repeated first in the order written (5 before 3)
constexpr auto case_repeated_first =
    switch_(u8(0)).case_(3, accept(1)).case_(5, accept(2)).case_(5, accept(3)).case_(3, accept(4)).default_(drop());
// ((v0 + v1) + v2) + ... + vN, every operand an indirect load: each level keeps its right operand
// in a scratch cell while the left side is computed, so the innermost `+` needs cell N: the 2nd
// operation written (after v0's `ip_hlen(14) + 14`)
template <int N>
constexpr auto deep() {
    if constexpr (N == 0)
        return u8(ip_hlen(14) + 14);
    else
        return deep<N - 1>() + u8(ip_hlen(14) + 14 + N);
}
constexpr auto scratch_deep = result(deep<17>());
// mirrored (5 < x is compiled as x > 5): the comparison is the 1st operation, the innermost `+` the 3rd
constexpr auto scratch_deep_mirrored = 5 < deep<17>();
// a let in scope holds a cell: 16 levels are one too many
constexpr auto scratch_with_a_let = let<"v">(u8(0), result(deep<16>()));
template <int N>
constexpr auto nested_lets() {
    if constexpr (N == 0)
        return result(u8(0));
    else
        return let<"v">(u8(N), nested_lets<N - 1>());
}
constexpr auto seventeen_lets = let<"outer">(u8(1), let<"w">(u8(2), nested_lets<15>()));
}  // namespace mistake_filters

/// A row: the filter's name, the code generator run on it, and what it must report.
// clang-format off
#define CTBPF_MISTAKE(filter, kind, culprit, position) \
    dsl_mistake{#filter, [] { return ctbpf::detail::dsl::generate(mistake_filters::filter); }, \
                ctbpf::detail::dsl::problem::kind, culprit, position}
// clang-format on
inline constexpr std::array dsl_mistakes{
    CTBPF_MISTAKE(divide_by_folded_zero, division_by_zero, '/', 1),
    CTBPF_MISTAKE(modulo_second_of_three, division_by_zero, '%', 2),
    CTBPF_MISTAKE(division_folded_into_a_constant, division_by_zero, '/', 2),
    CTBPF_MISTAKE(division_after_folded_ones, division_by_zero, '%', 3),
    CTBPF_MISTAKE(shift_second, shift_of_32_or_more, 32, 2),
    CTBPF_MISTAKE(shift_folded, shift_of_32_or_more, 40, 2),
    CTBPF_MISTAKE(load_second, offset_out_of_range, 70000, 2),
    CTBPF_MISTAKE(load_indexed_outer_first, offset_out_of_range, 70000, 1),
    CTBPF_MISTAKE(load_in_the_offset, offset_out_of_range, 70001, 2),
    CTBPF_MISTAKE(load_in_else, offset_out_of_range, 65533, 3),
    CTBPF_MISTAKE(first_written_wins, division_by_zero, '/', 1),
    CTBPF_MISTAKE(case_twice_in_second_switch, duplicate_case, 7, 2),
    CTBPF_MISTAKE(case_repeated_first, duplicate_case, 5, 1),
    CTBPF_MISTAKE(scratch_deep, too_many_scratch_values, 2, 2),
    CTBPF_MISTAKE(scratch_deep_mirrored, too_many_scratch_values, 3, 3),
    CTBPF_MISTAKE(scratch_with_a_let, too_many_scratch_values, 2, 2),
    dsl_mistake{"seventeen_lets", [] { return ctbpf::detail::dsl::generate(mistake_filters::seventeen_lets); },
                ctbpf::detail::dsl::problem::too_many_lets, 16, 0, "v"},
};
#undef CTBPF_MISTAKE

}  // namespace cases
