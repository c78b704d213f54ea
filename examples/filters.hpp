// The filters of the language examples, with representative frames and their verdicts. The
// example programs static_assert these; tests/unit/examples_test.cpp runs them on run-time data.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include <ctbpf/ctbpf.hpp>
#include <ctbpf/headers.hpp>

namespace examples {

using namespace ctbpf::dsl;      // NOLINT
using namespace ctbpf::headers;  // NOLINT

inline constexpr auto eth = at<ethernet_header>(0);

// ---- HTTP and HTTPS over IPv4 and IPv6 --------------------------------------------------
inline constexpr auto web_port = [](auto t) { return in(t.dport, {80, 443}) || in(t.sport, {80, 443}); };
inline constexpr auto web = (eth.type == ethertype::ipv4 && at<ipv4_header>(14).proto == ip_proto::tcp &&
                             at<ipv4_header>(14).fragment_offset() == 0 && web_port(after_ipv4<tcp_header>(14))) ||
                            (eth.type == ethertype::ipv6 && at<ipv6_header>(14).next_header == ip_proto::tcp &&
                             web_port(after_ipv6<tcp_header>(14)));

// ---- the same, whether or not the frame carries an 802.1Q/802.1ad tag (capture files) -------
inline constexpr auto web_any_vlan = untagged_or_tagged([](auto l3, auto type) {
    return type == ethertype::ipv4 && at<ipv4_header>(l3).proto == ip_proto::tcp &&
           at<ipv4_header>(l3).fragment_offset() == 0 && web_port(after_ipv4<tcp_header>(l3));
});
// ... and on a live socket, where the kernel moved the tag into metadata: VLAN 100 only.
inline constexpr auto web_on_vlan_100 =
    vlan_present == 1 && (vlan_tci & 0x0fff) == 100 && kernel_untagged([](auto l3, auto type) {
        return type == ethertype::ipv4 && at<ipv4_header>(l3).proto == ip_proto::tcp &&
               web_port(after_ipv4<tcp_header>(l3));
    });

// ---- DNS over UDP ---------------------------------------------------------------------------
inline constexpr auto dns = (eth.type == ethertype::ipv4 && at<ipv4_header>(14).proto == ip_proto::udp &&
                             at<ipv4_header>(14).fragment_offset() == 0 &&
                             (after_ipv4<udp_header>(14).dport == 53 || after_ipv4<udp_header>(14).sport == 53)) ||
                            (eth.type == ethertype::ipv6 && at<ipv6_header>(14).next_header == ip_proto::udp &&
                             (after_ipv6<udp_header>(14).dport == 53 || after_ipv6<udp_header>(14).sport == 53));

// ---- a user-defined header: a telemetry protocol on its own EtherType -----------------------
template <class Base>
struct telemetry {
    BOOST_HANA_DEFINE_STRUCT(telemetry, (field<1, Base>, version), (field<1, Base>, kind), (field<2, Base>, length),
                             (field<4, Base>, sequence), (octets<8, Base>, device));
};
inline constexpr std::uint32_t telemetry_ethertype = 0x88b5;
inline constexpr auto tm = at<telemetry>(14);
/// Alarms (kind 7) of protocol version 1: keep the header and 16 bytes of payload.
inline constexpr auto alarms =
    if_(eth.type == telemetry_ethertype && tm.version == 1 && tm.kind == 7, accept(14 + 16 + 16)).else_(drop());

// ---- header-only capture: keep Ethernet + IPv4 + TCP headers, options included ---------------
inline constexpr auto tcp_headers =
    if_(eth.type == ethertype::ipv4 && at<ipv4_header>(14).proto == ip_proto::tcp,
        result(ipv4_payload(14) + ((after_ipv4<tcp_header>(14).data_offset & 0xf0) >> 2)))
        .else_(accept(14));

// ---- frames ------------------------------------------------------------------------------
template <std::size_t N>
constexpr std::array<std::uint8_t, N> frame(std::uint16_t type) {
    std::array<std::uint8_t, N> f{};
    f[12] = static_cast<std::uint8_t>(type >> 8);
    f[13] = static_cast<std::uint8_t>(type);
    return f;
}
/// IPv4 (IHL words of header) carrying `proto`, source port 40000, destination `dport`.
constexpr std::array<std::uint8_t, 80> ipv4_frame(std::uint8_t proto, std::uint16_t dport, std::uint8_t ihl = 5) {
    auto f = frame<80>(ethertype::ipv4);
    f[14] = static_cast<std::uint8_t>(0x40 | ihl);
    f[23] = proto;
    const std::size_t l4 = 14 + 4u * ihl;
    f[l4] = 0x9c;
    f[l4 + 1] = 0x40;  // 40000
    f[l4 + 2] = static_cast<std::uint8_t>(dport >> 8);
    f[l4 + 3] = static_cast<std::uint8_t>(dport);
    f[l4 + 12] = 0x80;  // TCP data offset: 8 words (32 bytes)
    return f;
}
constexpr std::array<std::uint8_t, 80> ipv6_frame(std::uint8_t next, std::uint16_t dport) {
    auto f = frame<80>(ethertype::ipv6);
    f[14] = 0x60;
    f[20] = next;
    f[56] = static_cast<std::uint8_t>(dport >> 8);
    f[57] = static_cast<std::uint8_t>(dport);
    return f;
}
constexpr std::array<std::uint8_t, 84> tagged(const std::array<std::uint8_t, 80>& inner, std::uint16_t vid) {
    std::array<std::uint8_t, 84> f{};
    for (std::size_t i = 0; i < 12; ++i) f[i] = inner[i];
    f[12] = 0x81;
    f[13] = 0x00;
    f[14] = static_cast<std::uint8_t>(vid >> 8);
    f[15] = static_cast<std::uint8_t>(vid);
    for (std::size_t i = 12; i < 80; ++i) f[i + 4] = inner[i];
    return f;
}
constexpr std::array<std::uint8_t, 60> telemetry_frame(std::uint8_t version, std::uint8_t kind) {
    auto f = frame<60>(telemetry_ethertype);
    f[14] = version;
    f[15] = kind;
    return f;
}

inline constexpr std::uint32_t whole = 0xffffffffu;

}  // namespace examples
