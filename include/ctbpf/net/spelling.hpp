// ctbpf/net/spelling.hpp (internal) — numbers and addresses as libpcap reads them, constexpr:
// decimal, 0x hexadecimal and 0 octal numbers; IPv4 addresses of 1 to 4 parts; MAC addresses
// (colons, dashes, dots); IPv6 addresses.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "../detail/config.hpp"

namespace CTBPF_NAMESPACE::detail::net {

constexpr bool is_alpha(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
constexpr int hex_digit(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

constexpr bool parse_mac(std::string_view s, std::array<std::uint8_t, 16>& out) noexcept;
constexpr bool parse_ipv6(std::string_view s, std::array<std::uint8_t, 16>& out) noexcept;
constexpr std::size_t dashed_mac_length(std::string_view s, std::size_t start) noexcept;

/// A number as pcap-filter writes it: decimal, 0x hexadecimal, 0 octal; false if malformed or
/// above 2^32 - 1.
constexpr bool parse_number(std::string_view s, std::uint32_t& out) noexcept {
    if (s.empty()) return false;
    std::uint64_t v = 0;
    unsigned base = 10;
    std::size_t i = 0;
    if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        i = 2;
    } else if (s.size() > 1 && s[0] == '0') {
        base = 8;
        i = 1;
    }
    for (; i < s.size(); ++i) {
        const int d = hex_digit(s[i]);
        if (d < 0 || static_cast<unsigned>(d) >= base) return false;
        v = v * base + static_cast<unsigned>(d);
        if (v > 0xffffffffu) return false;
    }
    out = static_cast<std::uint32_t>(v);
    return true;
}

/// An IPv4 address of 1 to 4 decimal parts (`10`, `10.1`, `10.1.2.3`): the value left-aligned
/// (10.1 is 10.1.0.0) and how many parts were written.
constexpr bool parse_ipv4(std::string_view s, std::uint32_t& out, int& parts) noexcept {
    std::uint32_t v = 0;
    parts = 0;
    std::size_t i = 0;
    while (true) {
        std::uint32_t part = 0;
        std::size_t digits = 0;
        while (i < s.size() && is_digit(s[i])) {
            part = part * 10 + static_cast<std::uint32_t>(s[i] - '0');
            if (part > 255) return false;
            ++i;
            ++digits;
        }
        if (digits == 0 || parts == 4) return false;
        v = v << 8 | part;
        ++parts;
        if (i == s.size()) break;
        if (s[i] != '.') return false;
        ++i;
    }
    out = v << (8 * (4 - parts));
    return true;
}

/// A MAC address as libpcap's scanner takes one: six groups of one or two hex digits, all
/// separated by `:`, all by `-` or all by `.` (`0:1a:2b:3c:4d:5e`, `00-1a-...`), or three groups
/// of four hex digits separated by `.` (`001a.2b3c.4d5e`).
constexpr bool parse_mac(std::string_view s, std::array<std::uint8_t, 16>& out) noexcept {
    const auto group = [&](std::size_t& i, int most) {  // hex digits at i: their value, or -1
        int v = 0, digits = 0;
        while (i < s.size() && hex_digit(s[i]) >= 0 && digits < most) {
            v = v * 16 + hex_digit(s[i]);
            ++i;
            ++digits;
        }
        return digits == 0 || (most == 4 && digits != 4) ? -1 : v;
    };
    std::size_t i = 0;
    if (s.size() == 14 && s[4] == '.' && s[9] == '.') {  // 001a.2b3c.4d5e (else six groups, below)
        bool words = true;
        for (int g = 0; g < 3 && words; ++g) {
            const int v = group(i, 4);
            words = v >= 0 && (g == 2 || s[i++] == '.');
            out[static_cast<std::size_t>(2 * g)] = static_cast<std::uint8_t>(v >> 8);
            out[static_cast<std::size_t>(2 * g + 1)] = static_cast<std::uint8_t>(v);
        }
        if (words && i == s.size()) return true;
        i = 0;
    }
    char separator = 0;
    for (int g = 0; g < 6; ++g) {
        const int v = group(i, 2);
        if (v < 0) return false;
        out[static_cast<std::size_t>(g)] = static_cast<std::uint8_t>(v);
        if (g == 5) break;
        if (i >= s.size() || (s[i] != ':' && s[i] != '-' && s[i] != '.')) return false;
        if (separator == 0) separator = s[i];
        if (s[i++] != separator) return false;
    }
    return i == s.size();
}

/// The length of a MAC address written with `-` at `start` (`00-1a-2b-3c-4d-5e`), 0 if none: a
/// digit-led word stops at `-` otherwise (`portrange 1-1023`).
constexpr std::size_t dashed_mac_length(std::string_view s, std::size_t start) noexcept {
    std::size_t i = start;
    for (int g = 0; g < 6; ++g) {
        int digits = 0;
        while (i < s.size() && hex_digit(s[i]) >= 0 && digits < 3) ++i, ++digits;
        if (digits == 0 || digits > 2) return 0;
        if (g < 5 && (i >= s.size() || s[i++] != '-')) return 0;
    }
    if (i < s.size() && (is_alpha(s[i]) || is_digit(s[i]) || s[i] == '-' || s[i] == '.' || s[i] == ':')) return 0;
    return i - start;
}

/// An IPv6 address: groups of hex digits, `::` once, and an IPv4 address as the last 32 bits
/// (`::ffff:10.0.0.1`), as inet_pton reads it.
constexpr bool parse_ipv6(std::string_view s, std::array<std::uint8_t, 16>& out) noexcept {
    std::array<std::uint16_t, 8> head{}, tail{};
    std::size_t heads = 0, tails = 0, i = 0;
    bool gap = false;
    if (s.size() >= 2 && s[0] == ':' && s[1] == ':') {
        gap = true;
        i = 2;
    }
    while (i < s.size()) {
        unsigned v = 0;
        int digits = 0;
        if (s.find('.', i) != std::string_view::npos && s.find(':', i) == std::string_view::npos) {  // IPv4 tail
            std::uint32_t a = 0;
            int parts = 0;
            if (!parse_ipv4(s.substr(i), a, parts) || parts != 4) return false;
            std::uint16_t* groups = gap ? tail.data() : head.data();
            std::size_t& n = gap ? tails : heads;
            if (n > 6) return false;
            groups[n++] = static_cast<std::uint16_t>(a >> 16);
            groups[n++] = static_cast<std::uint16_t>(a);
            i = s.size();
            break;
        }
        while (i < s.size() && hex_digit(s[i]) >= 0) {
            v = v * 16 + static_cast<unsigned>(hex_digit(s[i]));
            ++i;
            if (++digits > 4) return false;
        }
        if (digits == 0) return false;
        if (gap) {
            if (tails == 8) return false;
            tail[tails++] = static_cast<std::uint16_t>(v);
        } else {
            if (heads == 8) return false;
            head[heads++] = static_cast<std::uint16_t>(v);
        }
        if (i == s.size()) break;
        if (s[i] != ':') return false;
        ++i;
        if (i < s.size() && s[i] == ':') {
            if (gap) return false;
            gap = true;
            ++i;
        } else if (i == s.size()) {
            return false;
        }
    }
    if (heads + tails > (gap ? 7u : 8u) || (!gap && heads != 8)) return false;
    std::array<std::uint16_t, 8> g{};
    for (std::size_t k = 0; k < heads; ++k) g[k] = head[k];
    for (std::size_t k = 0; k < tails; ++k) g[8 - tails + k] = tail[k];
    for (std::size_t k = 0; k < 8; ++k) {
        out[2 * k] = static_cast<std::uint8_t>(g[k] >> 8);
        out[2 * k + 1] = static_cast<std::uint8_t>(g[k]);
    }
    return true;
}

}  // namespace CTBPF_NAMESPACE::detail::net
