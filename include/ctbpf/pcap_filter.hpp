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
#include "detail/error_names.hpp"
#include "detail/report.hpp"
#include "errors.hpp"
#include "fixed_string.hpp"
#include "pcap_filter/lower.hpp"
#include "pcap_filter/parse.hpp"
#include "verify.hpp"

namespace CTBPF_NAMESPACE {

namespace detail::pcap_filter {
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
}  // namespace detail::pcap_filter

/// Compiles a tcpdump expression for link type Link into a verified std::array<sock_filter, N>
/// that accepts with Snaplen (tcpdump's default 262144) what libpcap accepts; optimized unless
/// Optimization is ctbpf::no_optimize, for a network with mask Netmask (only `ip broadcast` needs
/// it, as pcap_compile's argument). A problem is a compile error naming it and its column, e.g.
/// ctbpf::error::expected_port_number_at_column<17> (docs/pcap-filter.md).
template <fixed_string Expression, link_type Link = link_type::ethernet, optimization Optimization = optimization::on,
          std::uint32_t Snaplen = 262144, std::uint32_t Netmask = netmask_unknown>
constexpr auto pcap_filter() {
    constexpr const detail::pcap_filter::generated& g =
        detail::pcap_filter::generated_v<Expression, Link, Snaplen, Netmask>;
    if constexpr (g.error != pcap_filter_problem::none) {
        using error = typename detail::error_names<g.error>::template at_column<g.column>;
        CTBPF_RAISE(error);
        return std::array<sock_filter, 1>{};
    } else {
        return detail::finish<detail::pcap_filter::unoptimized_v<Expression, Link, Snaplen, Netmask>,
                              profile::socket_filter, Optimization>();
    }
}

}  // namespace CTBPF_NAMESPACE
