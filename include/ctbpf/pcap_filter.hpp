// ctbpf/pcap_filter.hpp — tcpdump expressions (the pcap-filter(7) language) compiled at compile
// time into a verified, optimized std::array<sock_filter, N> that gives libpcap's verdict on every
// packet, truncated ones included (docs/pcap-filter.md). At run time: ctbpf/pcap_filter_vector.hpp.
// Usage: constexpr auto web = ctbpf::pcap_filter<"tcp dst port 80 and not src net 10.0.0.0/8">();
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "compiler/emit.hpp"
#include "compiler/pipeline.hpp"
#include "detail/config.hpp"
#include "detail/report.hpp"
#include "errors.hpp"
#include "fixed_string.hpp"
#include "pcap_filter/lower.hpp"
#include "pcap_filter/parse.hpp"
#include "verify.hpp"

namespace CTBPF_NAMESPACE {

namespace detail::pcap_expr {
/// The error for problem P at column C (errors.hpp: ..._at_column).
template <problem P, std::uint32_t C>
consteval auto error_of() {
    using std::type_identity;
    // clang-format off
    if constexpr (P == problem::unexpected_character) return type_identity<error::unexpected_character_at_column<C>>{};
    else if constexpr (P == problem::expected_expression) return type_identity<error::expected_primitive_at_column<C>>{};
    else if constexpr (P == problem::expected_close_parenthesis) return type_identity<error::expected_close_parenthesis_at_column<C>>{};
    else if constexpr (P == problem::expected_close_bracket) return type_identity<error::expected_close_bracket_at_column<C>>{};
    else if constexpr (P == problem::expected_number) return type_identity<error::expected_number_at_column<C>>{};
    else if constexpr (P == problem::expected_address) return type_identity<error::expected_address_at_column<C>>{};
    else if constexpr (P == problem::expected_port_number) return type_identity<error::expected_port_number_at_column<C>>{};
    else if constexpr (P == problem::expected_relation) return type_identity<error::expected_relation_at_column<C>>{};
    else if constexpr (P == problem::number_out_of_range) return type_identity<error::number_out_of_range_at_column<C>>{};
    else if constexpr (P == problem::bad_address) return type_identity<error::malformed_address_at_column<C>>{};
    else if constexpr (P == problem::bad_mask) return type_identity<error::malformed_network_mask_at_column<C>>{};
    else if constexpr (P == problem::unknown_name) return type_identity<error::unknown_name_at_column<C>>{};
    else if constexpr (P == problem::needs_the_system) return type_identity<error::needs_the_system_databases_at_column<C>>{};
    else if constexpr (P == problem::not_supported) return type_identity<error::primitive_not_supported_at_column<C>>{};
    else if constexpr (P == problem::qualifier_not_allowed) return type_identity<error::qualifier_not_allowed_at_column<C>>{};
    else if constexpr (P == problem::text_after_the_expression) return type_identity<error::text_after_the_expression_at_column<C>>{};
    else if constexpr (P == problem::too_complex) return type_identity<error::expression_too_complex_at_column<C>>{};
    else if constexpr (P == problem::division_by_zero) return type_identity<error::division_by_constant_zero_at_column<C>>{};
    else if constexpr (P == problem::not_on_this_link) return type_identity<error::not_on_this_link_type_at_column<C>>{};
    else return type_identity<void>{};
    // clang-format on
}

/// The expression and the emitter live in one object, built in one constant evaluation.
struct workspace {
    expression x;
    compiler::emitter e;
    generated g;
};
template <fixed_string Text, link_type Link, std::uint32_t Snaplen, std::uint32_t Netmask>
consteval generated generate_v_impl() {
    workspace* w = new workspace{};
    generate(Text.view(), Link, Snaplen, Netmask, w->x, w->e, w->g);
    generated out = w->g;
    delete w;
    return out;
}
template <fixed_string Text, link_type Link, std::uint32_t Snaplen, std::uint32_t Netmask>
inline constexpr generated generated_v = generate_v_impl<Text, Link, Snaplen, Netmask>();
template <const generated& G>
consteval std::array<sock_filter, G.size> image_of() {
    std::array<sock_filter, G.size> out{};
    for (std::size_t i = 0; i < G.size; ++i) out[i] = G.code[i];
    return out;
}
template <fixed_string Text, link_type Link, std::uint32_t Snaplen, std::uint32_t Netmask>
inline constexpr auto unoptimized_v = image_of<generated_v<Text, Link, Snaplen, Netmask>>();
}  // namespace detail::pcap_expr

/// Compiles a tcpdump expression for link type Link into a verified std::array<sock_filter, N>
/// that accepts with Snaplen (tcpdump's default 262144) what libpcap accepts; optimized unless
/// Optimization is ctbpf::no_optimize, for a network with mask Netmask (only `ip broadcast` needs
/// it, as pcap_compile's argument). A problem is a compile error naming it and its column, e.g.
/// ctbpf::error::expected_port_number_at_column<17> (docs/pcap-filter.md).
template <fixed_string Expression, link_type Link = link_type::ethernet, optimization Optimization = optimization::on,
          std::uint32_t Snaplen = 262144, std::uint32_t Netmask = pcap_expr::netmask_unknown>
constexpr auto pcap_filter() {
    constexpr const detail::pcap_expr::generated& g =
        detail::pcap_expr::generated_v<Expression, Link, Snaplen, Netmask>;
    if constexpr (g.error != pcap_expr::problem::none) {
        using error = typename decltype(detail::pcap_expr::error_of<g.error, g.column>())::type;
        CTBPF_RAISE(error);
        return std::array<sock_filter, 1>{};
    } else {
        return detail::finish<detail::pcap_expr::unoptimized_v<Expression, Link, Snaplen, Netmask>,
                              profile::socket_filter, Optimization>();
    }
}

}  // namespace CTBPF_NAMESPACE
