// ctbpf/dsl/compile.hpp — ctbpf::compile<filter>(): a filter-language expression to an
// exact-size, verified std::array<sock_filter, N> at compile time.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "../detail/config.hpp"
#include "../detail/error_names.hpp"
#include "../detail/report.hpp"
#include "../errors.hpp"
#include "../fixed_string.hpp"
#include "../compiler/pipeline.hpp"
#include "../verify.hpp"
#include "codegen.hpp"

namespace CTBPF_NAMESPACE {

namespace detail::dsl {
using namespace ctbpf::dsl;  // NOLINT
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
        using error = typename detail::error_names<g.error>::template in_filter<g.culprit, g.position, culprit_name>;
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
