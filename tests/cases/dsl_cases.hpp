// Filter-language cases: each filter is compiled at compile time by ctbpf::compile and run on
// frames; every (filter, frame, verdict) row is a static_assert (tests/static/dsl_static.cpp)
// and a GoogleTest case on run-time copies (tests/unit/dsl_test.cpp).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include <ctbpf/ctbpf.hpp>
#include <ctbpf/dsl.hpp>

#include "frames.hpp"

namespace cases {

inline constexpr std::size_t max_dsl_program = 96;

struct dsl_case {
    std::string_view name;
    std::array<ctbpf::sock_filter, max_dsl_program> program{};
    std::size_t program_size = 0;
    std::array<std::uint8_t, 64> packet{};
    std::size_t packet_size = 0;
    std::uint32_t expected = 0;
    ctbpf::packet_context context{};

    constexpr std::span<const ctbpf::sock_filter> prog() const { return {program.data(), program_size}; }
    constexpr std::span<const std::uint8_t> pkt() const { return {packet.data(), packet_size}; }
};

template <std::size_t N, std::size_t P>
constexpr dsl_case dc(std::string_view name, const std::array<ctbpf::sock_filter, N>& program,
                      const std::array<std::uint8_t, P>& packet, std::uint32_t expected,
                      ctbpf::packet_context ctx = {}) {
    static_assert(N <= max_dsl_program && P <= 64);
    dsl_case c{name, {}, N, {}, P, expected, ctx};
    for (std::size_t i = 0; i < N; ++i) c.program[i] = program[i];
    for (std::size_t i = 0; i < P; ++i) c.packet[i] = packet[i];
    return c;
}

namespace filters {
using namespace ctbpf::dsl;  // NOLINT
inline constexpr auto arp = u16(12) == 0x0806;
inline constexpr auto not_arp = !(u16(12) == 0x0806);
inline constexpr auto tcp_dst_80 =
    u16(12) == 0x0800 && u8(23) == 6 && (u16(20) & 0x1fff) == 0 && u16(ip_hlen(14) + 16) == 80;
inline constexpr auto ip_or_arp = u16(12) == 0x0800 || u16(12) == 0x0806;
inline constexpr auto syn_only = u16(12) == 0x0800 && u8(23) == 6 && (u8(ip_hlen(14) + 27) & 0x12) == 0x02;
inline constexpr auto header_length = if_(u16(12) == 0x0800, result(ip_hlen(14) + 14)).else_(accept(14));
inline constexpr auto by_type = switch_(u16(12))
                                    .case_(0x0800, accept(1))
                                    .case_(0x0806, accept(2))
                                    .case_(0x86dd, accept(3))
                                    .case_(0x8100, accept(4))
                                    .case_(0x88a8, accept(5))
                                    .case_(0x9100, accept(6))
                                    .default_(drop());
inline constexpr auto few_types =
    switch_(u16(12)).case_(0x0800, accept(10)).case_(0x0806, accept(20)).default_(accept(30));
inline constexpr auto ports = in(u16(36), {22, 25, 53, 80, 110, 143, 443, 993, 995, 8080});
// consecutive keys with one target: range tests (jge #first, jgt #last) beside single keys
inline constexpr auto port_ranges = in(u16(36), {20, 21, 22, 23, 24, 25, 79, 80, 81, 443});
inline constexpr auto type_ranges = switch_(u8(23))
                                        .case_(1, accept(1))
                                        .case_(2, accept(1))
                                        .case_(3, accept(1))
                                        .case_(4, accept(2))
                                        .case_(6, accept(3))
                                        .case_(7, accept(3))
                                        .case_(8, accept(3))
                                        .default_(drop());
inline constexpr auto arithmetic = result((u8(14) * 3 + u8(15)) / (u8(16) + 1) - u8(ip_hlen(14) + 14));
inline constexpr auto computed_divisor = result(u16(16) % (u8(23) - 5) + (packet_length >> 2));
inline constexpr auto negated = result(-u8(23) & 0xff);
inline constexpr auto bound =
    let<"hlen">(ip_hlen(14), if_(var<"hlen"> > 20, accept(1)).else_(result(var<"hlen"> + u8(23))));
inline constexpr auto nested_lets = let<"a">(u8(23), let<"b">(u8(14), result(var<"a"> * 1000 + var<"b">)));
inline constexpr auto compare_two_values = u8(14) < u8(23) && u16(16) >= u16(18) - 100;
inline constexpr auto ancillary_view = vlan_present == 1 && (vlan_tci & 0xfff) == 5 && protocol == 0x0800;
inline constexpr auto else_if_chain = if_(u16(12) == 0x0806, accept(100))
                                          .else_if(u16(12) == 0x86dd, accept(200))
                                          .else_if(u16(12) == 0x0800 && u8(23) == 17, accept(300))
                                          .else_(drop());
inline constexpr auto folded = result((2 + 3) * 4 - (1 << 3));  // 12
inline constexpr auto length_check = packet_length >= 60 && packet_length < 100;
inline constexpr auto always_accept = always || u8(0) == 1;
}  // namespace filters

inline constexpr auto tcp80 = ipv4_tcp_frame();
inline constexpr auto tcp22 = [] {
    auto f = ipv4_tcp_frame();
    f[37] = 22;
    return f;
}();
inline constexpr auto fragment = [] {
    auto f = ipv4_tcp_frame();
    f[21] = 0x10;  // fragment offset 16
    return f;
}();
inline constexpr auto arp60 = ethernet_frame<60>(0x0806);
inline constexpr auto ipv6_60 = ethernet_frame<60>(0x86dd);
inline constexpr auto udp_frame = [] {
    auto f = ipv4_tcp_frame();
    f[23] = 17;
    return f;
}();
inline constexpr auto short_ip = ethernet_frame<30>(0x0800);

inline constexpr std::array dsl_cases{
    dc("arp accepts arp", ctbpf::compile<filters::arp>(), arp60, 0xffffffffu),
    dc("arp drops ip", ctbpf::compile<filters::arp>(), tcp80, 0),
    dc("not arp", ctbpf::compile<filters::not_arp>(), tcp80, 0xffffffffu),
    dc("tcp dst 80 accepts", ctbpf::compile<filters::tcp_dst_80>(), tcp80, 0xffffffffu),
    dc("tcp dst 80 drops port 22", ctbpf::compile<filters::tcp_dst_80>(), tcp22, 0),
    dc("tcp dst 80 drops fragments", ctbpf::compile<filters::tcp_dst_80>(), fragment, 0),
    dc("tcp dst 80 drops udp", ctbpf::compile<filters::tcp_dst_80>(), udp_frame, 0),
    dc("tcp dst 80 drops a truncated frame", ctbpf::compile<filters::tcp_dst_80>(), short_ip, 0),
    dc("ip or arp: arp", ctbpf::compile<filters::ip_or_arp>(), arp60, 0xffffffffu),
    dc("ip or arp: ipv6", ctbpf::compile<filters::ip_or_arp>(), ipv6_60, 0),
    dc("syn only", ctbpf::compile<filters::syn_only>(), tcp80, 0xffffffffu),
    dc("header length of ipv4", ctbpf::compile<filters::header_length>(), tcp80, 34),
    dc("header length otherwise", ctbpf::compile<filters::header_length>(), arp60, 14),
    dc("switch: ipv6", ctbpf::compile<filters::by_type>(), ipv6_60, 3),
    dc("switch: arp", ctbpf::compile<filters::by_type>(), arp60, 2),
    dc("switch: default", ctbpf::compile<filters::by_type>(), ethernet_frame<60>(0x88b5), 0),
    dc("switch: vlan 0x9100", ctbpf::compile<filters::by_type>(), ethernet_frame<60>(0x9100), 6),
    dc("short switch: ip", ctbpf::compile<filters::few_types>(), tcp80, 10),
    dc("short switch: default", ctbpf::compile<filters::few_types>(), ipv6_60, 30),
    dc("in: port 80", ctbpf::compile<filters::ports>(), tcp80, 0xffffffffu),
    dc(
        "in: port 81", ctbpf::compile<filters::ports>(),
        [] {
            auto f = ipv4_tcp_frame();
            f[37] = 81;
            return f;
        }(),
        0),
    dc(
        "in: port 8080", ctbpf::compile<filters::ports>(),
        [] {
            auto f = ipv4_tcp_frame();
            f[36] = 0x1f;
            f[37] = 0x90;
            return f;
        }(),
        0xffffffffu),
    dc("ranges: port 80", ctbpf::compile<filters::port_ranges>(), tcp80, 0xffffffffu),
    dc("ranges: port 22", ctbpf::compile<filters::port_ranges>(), tcp22, 0xffffffffu),
    dc(
        "ranges: port 26", ctbpf::compile<filters::port_ranges>(),
        [] {
            auto f = ipv4_tcp_frame();
            f[36] = 0;
            f[37] = 26;
            return f;
        }(),
        0),
    dc(
        "ranges: port 19", ctbpf::compile<filters::port_ranges>(),
        [] {
            auto f = ipv4_tcp_frame();
            f[36] = 0;
            f[37] = 19;
            return f;
        }(),
        0),
    dc("switch ranges: tcp", ctbpf::compile<filters::type_ranges>(), tcp80, 3),
    dc("switch ranges: udp", ctbpf::compile<filters::type_ranges>(), udp_frame, 0),
    dc(
        "switch ranges: 3", ctbpf::compile<filters::type_ranges>(),
        [] {
            auto f = ipv4_tcp_frame();
            f[23] = 3;
            return f;
        }(),
        1),
    dc(
        "switch ranges: 4", ctbpf::compile<filters::type_ranges>(),
        [] {
            auto f = ipv4_tcp_frame();
            f[23] = 4;
            return f;
        }(),
        2),
    // (0x45 * 3 + [15] = 0) / ([16] = 0 + 1) - [14 + 20] = 207 / 1 - 4 = 203
    dc("arithmetic with spills", ctbpf::compile<filters::arithmetic>(), tcp80, 203),
    // u16(16) = 50, u8(23) - 5 = 1, 50 % 1 = 0; len 64 >> 2 = 16
    dc("computed divisor", ctbpf::compile<filters::computed_divisor>(), tcp80, 16),
    dc(
        "division by a computed zero gives 0", ctbpf::compile<filters::computed_divisor>(),
        [] {
            auto f = ipv4_tcp_frame();
            f[23] = 5;
            return f;
        }(),
        0),
    dc("negation", ctbpf::compile<filters::negated>(), tcp80, 250),
    dc("let", ctbpf::compile<filters::bound>(), tcp80, 26),
    dc("nested lets", ctbpf::compile<filters::nested_lets>(), tcp80, 6069),
    dc("two values compared", ctbpf::compile<filters::compare_two_values>(), tcp80, 0),
    dc("ancillary vlan view", ctbpf::compile<filters::ancillary_view>(), tcp80, 0xffffffffu,
       ctbpf::packet_context{.protocol = 0x0800, .vlan_tci = 0x2005, .vlan_present = true}),
    dc("ancillary vlan view, other vlan", ctbpf::compile<filters::ancillary_view>(), tcp80, 0,
       ctbpf::packet_context{.protocol = 0x0800, .vlan_tci = 0x2006, .vlan_present = true}),
    dc("else-if: udp", ctbpf::compile<filters::else_if_chain>(), udp_frame, 300),
    dc("else-if: ipv6", ctbpf::compile<filters::else_if_chain>(), ipv6_60, 200),
    dc("else-if: tcp", ctbpf::compile<filters::else_if_chain>(), tcp80, 0),
    dc("constants fold", ctbpf::compile<filters::folded>(), tcp80, 12),
    dc("length range", ctbpf::compile<filters::length_check>(), tcp80, 0xffffffffu),
    dc("length range: short", ctbpf::compile<filters::length_check>(), short_ip, 0),
    dc("always", ctbpf::compile<filters::always_accept>(), short_ip, 0xffffffffu),
};

}  // namespace cases
