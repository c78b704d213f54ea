// ctbpf/net/addresses.hpp (internal) — the address of a `host` or `net` primitive as
// libpcap reads it: a number in one piece, a MAC address, an IPv6 address, a (partial) IPv4
// address; a net's /len or mask, and the check that no address bit lies outside it.
#pragma once

#include <cstdint>
#include <string_view>

#include "../detail/config.hpp"
#include "../errors.hpp"
#include "spelling.hpp"
#include "vocabulary.hpp"

namespace CTBPF_NAMESPACE::net {
using problem = pcap_filter_problem;

/// The address of a host or net primitive p (its qualifiers set) from its text: a number, a MAC
/// address (`ether host`), an IPv6 address (prefix 128 until with_prefix), or an IPv4 address, a
/// partial one masked by the parts written (`host 10.1`, classful `net 192.168`), as libpcap
/// reads them.
constexpr problem address(std::string_view text, primitive& p) noexcept {
    bool colon = false, number = !text.empty() && detail::net::is_digit(text[0]);
    for (char c : text) {
        colon = colon || c == ':';
        number = number && c != '.' && c != ':' && c != '-';
    }
    // one number is an address in one piece (libpcap's gen_ncode): `host N` is the address N
    // (`host 10` is 0.0.0.10, `host 0x0a000001` 10.0.0.1); `net N` is N moved past its leading
    // zero bytes, each taking 8 bits off the mask (`net 10` is 10.0.0.0/8, `net 256` 1.0.0.0/16,
    // `net 0` the address 0)
    if (number) {
        std::uint32_t v = 0;
        if (!detail::net::parse_number(text, v) || p.p == proto::ether) return problem::bad_address;
        if (p.p == proto::ip6) return problem::qualifier_not_allowed;
        std::uint32_t mask = 0xffffffffu;
        if (p.k == kind::net)
            while (v != 0 && (v & 0xff000000u) == 0) {
                v <<= 8;
                mask <<= 8;
            }
        p.lo = v;
        p.hi = mask;
        return problem::none;
    }
    if (p.p == proto::ether || (p.p == proto::none && detail::net::parse_mac(text, p.bytes))) {
        if (p.k != kind::host) return problem::qualifier_not_allowed;
        if (!detail::net::parse_mac(text, p.bytes)) return problem::bad_address;
        if (p.p == proto::none) return problem::not_supported;  // an ether address needs `ether host`
        p.mac = true;
        return problem::none;
    }
    if (colon) {
        if (!detail::net::parse_ipv6(text, p.bytes)) return problem::bad_address;
        if (p.p != proto::none && p.p != proto::ip6) return problem::qualifier_not_allowed;
        p.v6 = true;
        p.prefix = 128;
        return problem::none;
    }
    if (p.p == proto::ip6) return problem::bad_address;
    int parts = 0;
    std::uint32_t a = 0;
    if (!detail::net::parse_ipv4(text, a, parts)) {
        bool letters = false;  // www.example.com: a host name, which needs the resolver
        for (char c : text) letters = letters || detail::net::is_alpha(c);
        return letters ? problem::needs_the_system : problem::bad_address;
    }
    p.lo = a;
    p.hi = parts == 4 ? 0xffffffffu : ~(0xffffffffu >> (8 * parts));
    return problem::none;
}

/// A net's /bits: its IPv4 mask or IPv6 prefix.
constexpr problem with_prefix(primitive& p, std::uint32_t bits) noexcept {
    if (bits > (p.v6 ? 128u : 32u)) return problem::bad_mask;
    if (p.v6)
        p.prefix = bits;
    else
        p.hi = bits == 0 ? 0 : ~std::uint32_t{0} << (32 - bits);  // (no shift by 32)
    return problem::none;
}

/// Whether a net's address has no bit set outside its mask or prefix (libpcap refuses it).
constexpr bool inside_mask(const primitive& p) noexcept {
    if (!p.v6) return (p.lo & ~p.hi) == 0;
    for (std::uint32_t bit = p.prefix; bit < 128; ++bit)
        if (p.bytes[bit / 8] & (0x80 >> (bit % 8))) return false;
    return true;
}

}  // namespace CTBPF_NAMESPACE::net
