// Test frames, built at compile time.
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>

namespace cases {

template <class... B>
constexpr std::array<std::uint8_t, sizeof...(B)> bytes(B... b) {
    return {static_cast<std::uint8_t>(b)...};
}

/// An Ethernet frame of `Size` bytes: dst 00:00:00:00:00:00 (lo's own address), src
/// 02:00:00:00:00:01, the ethertype, then payload bytes counting up from `seed`.
template <std::size_t Size>
constexpr std::array<std::uint8_t, Size> ethernet_frame(std::uint16_t ethertype, std::uint8_t seed = 0) {
    std::array<std::uint8_t, Size> f{};
    f[6] = 0x02;
    f[11] = 0x01;
    f[12] = static_cast<std::uint8_t>(ethertype >> 8);
    f[13] = static_cast<std::uint8_t>(ethertype);
    for (std::size_t i = 14; i < Size; ++i) f[i] = static_cast<std::uint8_t>(seed + i);
    return f;
}

/// Ethernet + IPv4 (IHL 5, protocol 6) + TCP from port 1234 to port 80, 64 bytes.
constexpr std::array<std::uint8_t, 64> ipv4_tcp_frame() {
    auto f = ethernet_frame<64>(0x0800);
    const std::array<std::uint8_t, 20> ip{0x45, 0, 0, 50, 0, 0, 0x40, 0, 64, 6, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2};
    for (std::size_t i = 0; i < ip.size(); ++i) f[14 + i] = ip[i];
    f[34] = 0x04;
    f[35] = 0xd2;  // source port 1234
    f[36] = 0x00;
    f[37] = 0x50;  // destination port 80
    f[47] = 0x02;  // flags: SYN
    return f;
}

/// 16-bit value in host byte order at f[at] (netlink attributes are host-endian).
template <std::size_t N>
constexpr void put_host16(std::array<std::uint8_t, N>& f, std::size_t at, std::uint16_t v) {
    const bool little = std::endian::native == std::endian::little;
    f[at] = static_cast<std::uint8_t>(little ? v : v >> 8);
    f[at + 1] = static_cast<std::uint8_t>(little ? v >> 8 : v);
}

/// A netlink message: 16-byte header, then attribute type 1 (len 8) at offset 16, attribute
/// type 2 (len 16, nested: type 5 len 8 at 28) at offset 24, attribute type 3 at offset 40.
constexpr std::array<std::uint8_t, 48> netlink_message() {
    std::array<std::uint8_t, 48> f{};
    put_host16(f, 0, 48);
    put_host16(f, 16, 8);
    put_host16(f, 18, 1);
    put_host16(f, 24, 16);
    put_host16(f, 26, 2 | 0x8000);  // NLA_F_NESTED is masked off by nla_type()
    put_host16(f, 28, 8);
    put_host16(f, 30, 5);
    put_host16(f, 40, 8);
    put_host16(f, 42, 3);
    return f;
}

}  // namespace cases
