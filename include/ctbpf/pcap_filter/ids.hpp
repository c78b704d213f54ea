// ctbpf/pcap_filter/ids.hpp (internal) — what follows a primitive's qualifiers in pcap-filter: an
// address (IPv4, IPv6, MAC, DECnet) and a net's /len or mask, a port or port range (numbers or
// service names), a protocol number or name, as libpcap reads them. parse.hpp's parser builds on it.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "../detail/config.hpp"
#include "../net/addresses.hpp"
#include "arithmetic.hpp"
#include "lexer.hpp"
#include "names.hpp"
#include "syntax.hpp"

namespace CTBPF_NAMESPACE::detail::pcap_filter {

/// Reads the id of a primitive whose qualifiers are set.
class id_reader : protected arithmetic_parser {
protected:
    using arithmetic_parser::arithmetic_parser;

    /// The id of primitive p (its qualifiers set): an address, a network, a port or range, a
    /// protocol number.
    constexpr void id(primitive& p) {
        if (!ok()) return;
        const token t = tok_;
        switch (p.k) {
            case kind::port:
            case kind::portrange: {
                if (p.p != proto::none && p.p != proto::tcp && p.p != proto::udp && p.p != proto::sctp) {
                    fail(problem::qualifier_not_allowed, t.column);
                    return;
                }
                if (p.k == kind::portrange) return port_range(t, p);
                p.lo = port(t, p);
                p.hi = p.lo;
                return;
            }
            case kind::proto_number: return protocol_number(t, p);
            case kind::isis_proto:  // a number (libpcap has no names for PDU types)
                if (t.k == token_kind::word && t.escaped) return fail(problem::unknown_name, t.column);
                p.lo = number_value();
                return;
            case kind::iso_proto:  // a number, or an OSI protocol's name escaped (`\\isis`)
                if (t.k == token_kind::word && t.escaped) {
                    if (!lookup_iso_protocol_name(t.text, p.lo)) return fail(problem::unknown_name, t.column);
                    advance();
                } else {
                    p.lo = number_value();
                }
                return;
            default: break;
        }
        address_id(t, p);
    }

    static constexpr bool has_address_characters(std::string_view w) noexcept {
        for (char c : w)
            if (c == '.' || c == ':') return true;
        return false;
    }

    /// A port: a number, or a service name, which also says which protocols it is for (a name
    /// of TCP only under `udp` is refused, as libpcap refuses it).
    constexpr std::uint32_t port(const token& t, primitive& p) {
        if (t.k != token_kind::word && t.k != token_kind::number) {
            fail(problem::expected_port_number, t.column);
            return 0;
        }
        const std::uint32_t v = port_of(t.text, t.column, p);
        if (ok()) advance();
        return v;
    }
    /// The port that `text` (at `column`) names, as port() reads it.
    constexpr std::uint32_t port_of(std::string_view text, std::uint32_t column, primitive& p) {
        std::uint32_t v = 0;
        if (!text.empty() && !is_digit(text[0])) {
            const service* s = find_service(text);
            if (s == nullptr) {
                fail(problem::unknown_name, column);
                return 0;
            }
            const bool both = s->tcp && s->udp;
            if ((p.p == proto::tcp && !s->tcp) || (p.p == proto::udp && !s->udp) || (p.p == proto::sctp && !both)) {
                fail(problem::qualifier_not_allowed, column);
                return 0;
            }
            if (p.p == proto::none && !both) p.p = s->tcp ? proto::tcp : proto::udp;
            return s->port;
        }
        if (!parse_number(text, v) || v > 65535) fail(problem::number_out_of_range, column);
        return v;
    }
    /// A port range: `lo-hi` of numbers or service names (`1000-2000`, `http-https`: libpcap
    /// splits a word at its first `-`), or one number (`portrange 10` is 10-10; one name is
    /// refused, as libpcap refuses it). The range's protocol is the one both sides' names agree
    /// on (else none), and only it is checked against a `tcp`/`udp`/`sctp` qualifier
    /// (pcap_nametoportrange: `udp portrange http-https` is accepted, http being TCP only).
    constexpr void port_range(const token& t, primitive& p) {
        const std::size_t dash = t.k == token_kind::word ? t.text.find('-') : std::string_view::npos;
        primitive a = p, b = p;
        a.p = b.p = proto::none;
        if (dash != std::string_view::npos) {
            p.lo = port_of(t.text.substr(0, dash), t.column, a);
            p.hi = port_of(t.text.substr(dash + 1), t.column + static_cast<std::uint32_t>(dash) + 1, b);
            if (ok()) advance();
        } else {
            p.lo = port(t, a);
            if (!accept("-")) {
                if (t.k != token_kind::number) fail(problem::expected_port_number, tok_.column);
                b = a;
                p.hi = p.lo;
            } else {
                p.hi = port(tok_, b);
            }
        }
        const proto both = a.p == b.p ? a.p : proto::none;
        if (both != proto::none && p.p != proto::none && both != p.p) fail(problem::qualifier_not_allowed, t.column);
        if (p.p == proto::none) p.p = both;
        if (p.hi < p.lo) {
            const std::uint32_t swap = p.lo;
            p.lo = p.hi;
            p.hi = swap;
        }
    }

    /// `proto N`, `ip proto N`, `ether proto N`: a number or a protocol's name.
    constexpr void protocol_number(const token& t, primitive& p) {
        std::uint32_t v = 0;
        if (t.k == token_kind::word && !t.escaped && keyword(t.text)) {
            fail(problem::expected_number, t.column);  // a keyword is no name: `proto \\tcp`
            return;
        }
        if (t.k == token_kind::word && p.p == proto::ether) {
            if (!lookup_ether_type_name(t.text, v)) return fail(problem::unknown_name, t.column);
            advance();
        } else if (t.k == token_kind::word && lookup_protocol_name(t.text, v)) {
            advance();
        } else {
            v = number_value();
        }
        // no range check: libpcap compares the field with any 32-bit number (`ip proto 300`
        // matches nothing)
        if (p.p != proto::none && p.p != proto::ip && p.p != proto::ip6 && p.p != proto::ether)
            fail(problem::qualifier_not_allowed, t.column);
        p.lo = v;
    }

    /// The address of a host or net primitive, and a net's /len or mask.
    constexpr void address_id(const token& t, primitive& p) {
        if (p.p == proto::decnet) return decnet_address(t, p);
        std::array<std::uint8_t, 16> mac{};
        if (t.k == token_kind::word && !has_address_characters(t.text) && !parse_mac(t.text, mac)) {
            fail(keyword(t.text) ? problem::expected_address : problem::needs_the_system, t.column);
            return;
        }
        if (t.k == token_kind::end || t.k == token_kind::punct) {
            fail(problem::expected_address, t.column);
            return;
        }
        advance();
        if (const problem wrong = address(t.text, p); wrong != problem::none) {
            fail(wrong, t.column);
            return;
        }
        if (p.mac || p.k != kind::net) return;
        // net: /len, or `mask M` (IPv4), or classful by the parts written (IPv4); IPv6 needs /len
        // a number is no address with /len or a mask (libpcap's grammar: `net 10/8` is a syntax
        // error, `net 10.0/8` and `net 10` are networks)
        if (t.k != token_kind::number && accept("/")) {
            const std::uint32_t column = tok_.column;
            const std::uint32_t bits = number_value();
            if (ok()) fail(with_prefix(p, bits), column);
        } else if (!p.v6 && t.k != token_kind::number && accept("mask")) {
            std::uint32_t m = 0;
            int mparts = 0;
            if (!parse_ipv4(tok_.text, m, mparts) || mparts != 4) {
                fail(problem::bad_mask, tok_.column);
                return;
            }
            advance();
            p.hi = m;
        } else if (p.v6) {
            fail(problem::bad_mask, tok_.column);  // an IPv6 net needs its /len
        }
        if (ok() && !inside_mask(p)) fail(problem::bad_mask, t.column);
    }

    /// A DECnet Phase IV address (libpcap's __pcap_atodn: `AREA.NODE`, read as sscanf's "%d.%d"
    /// reads it, anything after ignored; area in the top 6 bits, node in the low 10, what does not
    /// fit dropped), or a number taken as the address in one piece (truncated to 16 bits).
    constexpr void decnet_address(const token& t, primitive& p) {
        if (t.k == token_kind::number) {
            p.lo = number_value() & 0xffffu;
            return;
        }
        std::uint32_t parts[2] = {0, 0};  // area, node
        std::size_t i = 0;
        for (std::size_t n = 0; n < 2; ++n) {
            const std::size_t first = i;
            while (i < t.text.size() && t.text[i] >= '0' && t.text[i] <= '9')
                parts[n] = parts[n] * 10 + static_cast<std::uint32_t>(t.text[i++] - '0');
            const bool dot_missing = n == 0 && (i == t.text.size() || t.text[i++] != '.');
            if (i == first || dot_missing) return fail(problem::bad_address, t.column);
        }
        p.lo = ((parts[0] << 10) & 0xfc00u) | (parts[1] & 0x3ffu);
        advance();
    }
};

}  // namespace CTBPF_NAMESPACE::detail::pcap_filter
