// ctbpf/dsl/compile.hpp — ctbpf::compile<filter>(): a filter-language expression to an
// exact-size, verified std::array<sock_filter, N> at compile time.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "../detail/config.hpp"
#include "../detail/report.hpp"
#include "../errors.hpp"
#include "../fixed_string.hpp"
#include "../compiler/pipeline.hpp"
#include "../verify.hpp"
#include "codegen.hpp"

namespace CTBPF_NAMESPACE {

namespace detail::dsl {
using namespace ctbpf::dsl;  // NOLINT
/// The error for problem P, naming its culprit and, where the kind has one, its position (which
/// load, division, shift or switch_, from 1 as written: dsl/written.hpp) (errors.hpp:
/// ..._in_filter). Its arguments are small values, never the filter, which compilers print at
/// every instantiation.
template <problem P, std::uint32_t Culprit, std::uint32_t Position, fixed_string Name>
consteval auto error_of() {
    // clang-format off
    if constexpr (P == problem::shift_of_32_or_more) return std::type_identity<error::shift_by_32_or_more_in_filter<Culprit, Position>>{};
    else if constexpr (P == problem::division_by_zero) return std::type_identity<error::division_by_constant_zero_in_filter<static_cast<char>(Culprit), Position>>{};
    else if constexpr (P == problem::offset_out_of_range) return std::type_identity<error::load_offset_out_of_range_in_filter<Culprit, Position>>{};
    else if constexpr (P == problem::too_many_scratch_values) return std::type_identity<error::more_than_16_scratch_values_live_at_once_in_filter<Position>>{};
    else if constexpr (P == problem::too_many_lets) return std::type_identity<error::more_than_16_lets_nested_in_filter<Name>>{};
    else if constexpr (P == problem::too_long) return std::type_identity<error::more_than_4096_instructions_in_filter<Culprit>>{};
    else if constexpr (P == problem::duplicate_case) return std::type_identity<error::switch_case_value_given_twice_in_filter<Culprit, Position>>{};
    else if constexpr (P == problem::unknown_variable) return std::type_identity<error::variable_read_outside_its_let_in_filter<Name>>{};
    else if constexpr (P == problem::tcpdump_refused) return std::type_identity<error::tcpdump_primitive_not_valid_here_in_filter<Culprit>>{};
    else return std::type_identity<void>{};
    // clang-format on
}

template <auto Filter>
inline constexpr generated generated_v = generate(Filter);
/// G's program in order, exactly G.size instructions.
template <const generated& G>
consteval std::array<sock_filter, G.size> image_of() {
    std::array<sock_filter, G.size> out{};
    for (std::size_t i = 0; i < G.size; ++i) out[i] = G.rev[G.size - 1 - i];
    return out;
}
/// The code generator's program for Filter, before the optimizer.
template <auto Filter>
inline constexpr auto unoptimized_v = image_of<generated_v<Filter>>();
}  // namespace detail::dsl

/// Compiles a filter (a statement, or a predicate: accept the whole packet when it holds, else
/// drop) into a verified std::array<sock_filter, N>, N exact, optimized (ctbpf/optimize.hpp)
/// unless Optimization is ctbpf::no_optimize. Problems are compile errors named
/// ctbpf::error::... (docs/diagnostics.md).
template <auto Filter, profile Profile = profile::socket_filter, optimization Optimization = optimization::on>
requires(dsl::statement<decltype(Filter)> || dsl::predicate<decltype(Filter)>) constexpr auto compile() {
    constexpr const detail::dsl::generated& g = detail::dsl::generated_v<Filter>;
    constexpr const std::array<sock_filter, g.size>& out = detail::dsl::unoptimized_v<Filter>;
    if constexpr (g.error != detail::dsl::problem::none) {
        constexpr std::string_view name = g.culprit_name;
        constexpr auto culprit_name = to_fixed_string<name.size()>(name);
        using error = typename decltype(detail::dsl::error_of<g.error, g.culprit, g.position, culprit_name>())::type;
        CTBPF_RAISE(error);
        return out;
    } else {
        return detail::finish<detail::dsl::unoptimized_v<Filter>, Profile, Optimization>();
    }
}

/// An if_ without .else_ is no filter (a filter returns on every path): the error says so.
template <auto Filter, profile Profile = profile::socket_filter, optimization Optimization = optimization::on>
requires(!dsl::statement<decltype(Filter)> && !dsl::predicate<decltype(Filter)> &&
         requires { decltype(Filter)::branches(); }) constexpr auto compile() {
    CTBPF_RAISE(error::if_without_else_in_filter<decltype(Filter)::branches()>);
    return std::array<sock_filter, 1>{};
}

}  // namespace CTBPF_NAMESPACE
