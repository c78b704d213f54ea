// ctbpf/dsl/compile.hpp — ctbpf::compile<filter>(): a filter-language expression to an
// exact-size, verified std::array<sock_filter, N> at compile time.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "../detail/report.hpp"
#include "../verify.hpp"
#include "codegen.hpp"

namespace ctbpf {

namespace error {
// Compile errors of the filter language: each names the problem; the argument is the culprit.
template <std::uint32_t Count>
struct shift_by_constant_of_32_or_more;
template <std::uint32_t Divisor>
struct division_by_constant_zero;
template <std::uint32_t Offset>
struct load_offset_out_of_range;
template <std::uint32_t Cells>
struct more_than_16_scratch_values_live_at_once;
template <std::uint32_t Limit>
struct program_longer_than_4096_instructions;
template <std::uint32_t Unused>
struct variable_read_outside_its_let;
template <std::uint32_t Value>
struct switch_case_value_given_twice;
}  // namespace error

namespace dsl::detail {
template <const generated& G>
consteval void report_problem() {
    if constexpr (G.error == problem::shift_of_32_or_more)
        (void)sizeof(error::shift_by_constant_of_32_or_more<G.culprit>);
    else if constexpr (G.error == problem::division_by_zero)
        (void)sizeof(error::division_by_constant_zero<G.culprit>);
    else if constexpr (G.error == problem::offset_out_of_range)
        (void)sizeof(error::load_offset_out_of_range<G.culprit>);
    else if constexpr (G.error == problem::too_many_scratch_values)
        (void)sizeof(error::more_than_16_scratch_values_live_at_once<G.culprit>);
    else if constexpr (G.error == problem::too_long)
        (void)sizeof(error::program_longer_than_4096_instructions<G.culprit>);
    else if constexpr (G.error == problem::unknown_variable)
        (void)sizeof(error::variable_read_outside_its_let<G.culprit>);
    else if constexpr (G.error == problem::duplicate_case)
        (void)sizeof(error::switch_case_value_given_twice<G.culprit>);
}
template <auto Filter>
inline constexpr generated generated_v = generate(Filter);
}  // namespace dsl::detail

/// Compiles a filter (a statement, or a predicate: accept the whole packet when it holds, else
/// drop) into a verified std::array<sock_filter, N>, N exact. Problems are compile errors
/// named ctbpf::error::... (docs/diagnostics.md).
template <auto Filter, profile Profile = profile::socket_filter>
requires(dsl::statement<decltype(Filter)> || dsl::predicate<decltype(Filter)>) consteval auto compile() {
    constexpr const dsl::detail::generated& g = dsl::detail::generated_v<Filter>;
    dsl::detail::report_problem<g>();
    std::array<sock_filter, g.size> out{};
    for (std::size_t i = 0; i < g.size; ++i) out[i] = g.rev[g.size - 1 - i];
    if constexpr (g.error == dsl::detail::problem::none) {
        const verify_result v = verify(out, Profile);
        if (!v) detail::report<0, g.size>({link_error::none, v.error}, v.index);
    }
    return out;
}

}  // namespace ctbpf
