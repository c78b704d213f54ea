// ctbpf/pcap_filter/parse.hpp (internal) — the pcap-filter(7) parser: text into the fixed-size
// tree of syntax.hpp (no heap), constexpr, shared by the compile-time and run-time compilers
// (docs/pcap-filter.md). Problems carry the column (from 1) where they were found.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "../detail/config.hpp"
#include "../net/addresses.hpp"
#include "arithmetic.hpp"
#include "ids.hpp"
#include "lexer.hpp"
#include "names.hpp"
#include "syntax.hpp"

namespace CTBPF_NAMESPACE::detail::pcap_filter {

/// The parser: recursive descent over pcap-filter's grammar (and/or of equal precedence, left to
/// right; `not` binds tighter; a bare address or number after and/or takes the qualifiers of the
/// primitive before it, as libpcap's does).
class parser : id_reader {
public:
    constexpr parser(std::string_view text, link_type link, expression& e) noexcept : id_reader(text, link, e) {}

    constexpr void run() {
        if (tok_.k == token_kind::end) {
            e_.root = add_node({node_kind::accept_all});
            return;
        }
        const std::uint16_t root = expr();
        if (ok() && tok_.k != token_kind::end)
            fail(known_punctuation() ? problem::text_after_the_expression : problem::unexpected_character, tok_.column);
        e_.root = root;
    }

private:
    primitive last_{};  // the qualifiers an omitted-qualifier id inherits
    bool has_last_ = false;

    // ---- the boolean expression ------------------------------------------------------------

    constexpr std::uint16_t expr() {
        std::uint16_t left = term(false);
        while (ok()) {
            node_kind k;
            if (is("and") || is("&&"))
                k = node_kind::all;
            else if (is("or") || is("||"))
                k = node_kind::any;
            else
                break;
            advance();
            const std::uint16_t right = term(true);
            left = add_node({k, 0, left, right});
        }
        return left;
    }

    constexpr std::uint16_t term(bool continuation) {
        if (!ok()) return 0;
        if (is("not") || is("!")) {
            advance();
            const std::uint16_t inner = term(continuation);
            return add_node({node_kind::negate, 0, inner});
        }
        if (is("(") && parenthesized_arithmetic()) return relation_term();  // `(ip[0] & 0xf) > 5`
        if (is("(")) {
            const std::uint32_t column = tok_.column;
            advance();
            const std::uint16_t inner = expr();
            if (!accept(")")) fail(problem::expected_close_parenthesis, ok() ? tok_.column : column);
            return inner;
        }
        if (tok_.k == token_kind::end || (tok_.k == token_kind::punct && !is("-"))) {
            fail(known_punctuation() ? problem::expected_expression : problem::unexpected_character, tok_.column);
            return 0;
        }
        // a bare id after and/or: the previous primitive's qualifiers
        if (continuation && has_last_ && starts_id() && !starts_arithmetic_after()) {
            primitive p = last_;
            const std::uint32_t column = tok_.column;
            id(p);
            return add_prim(p, column);
        }
        if (starts_relation()) return relation_term();
        return primitive_term();
    }

    /// A relation (arithmetic.hpp): no id after and/or takes qualifiers from it.
    constexpr std::uint16_t relation_term() {
        has_last_ = false;
        return relation();
    }

    /// At `(`: whether the parenthesis holds arithmetic, that is, an arithmetic or relational
    /// operator follows its `)` (libpcap's grammar has both `( expr )` and `( arth )`).
    constexpr bool parenthesized_arithmetic() const noexcept {
        lexer ahead = lex_;
        token t = has_peeked_ ? peeked_ : ahead.next();
        for (int depth = 1; t.k != token_kind::end; t = ahead.next()) {
            if (t.k == token_kind::punct && t.text == "(") ++depth;
            if (t.k == token_kind::punct && t.text == ")" && --depth == 0) break;
        }
        if (t.k == token_kind::end) return false;
        t = ahead.next();
        constexpr std::string_view operators[] = {"=", "==", "!=", "<", "<=", ">", ">=", "+", "-",
                                                  "*", "/",  "%",  "&", "|",  "^", "<<", ">>"};
        for (std::string_view o : operators)
            if (t.k == token_kind::punct && t.text == o) return true;
        return false;
    }

    /// Whether the token is something pcap-filter writes (the end, a word, a number, an operator).
    constexpr bool known_punctuation() const noexcept {
        if (tok_.k != token_kind::punct) return true;
        return tok_.text.size() == 2 ||
               std::string_view("()[]:!&|^+-*/%<>=").find(tok_.text[0]) != std::string_view::npos;
    }

    /// Whether the token can be an id: a number, or a word that is an address or a name that is
    /// no keyword.
    constexpr bool starts_id() const noexcept {
        if (tok_.k == token_kind::number) return true;
        if (tok_.k != token_kind::word) return false;
        for (char c : tok_.text)
            if (c == '.' || c == ':') return true;
        return !keyword(tok_.text);
    }
    constexpr bool starts_arithmetic_after() noexcept {
        if (tok_.k == token_kind::word && has_address_characters(tok_.text)) return false;  // 10.0.1.0/24
        const token& n = peek();
        if (n.k != token_kind::punct) return false;
        constexpr std::string_view ops[] = {"=", "==", "!=", "<", "<=", ">", ">=", "+",  "-",
                                            "*", "/",  "%",  "&", "|",  "^", "<<", ">>", "["};
        for (std::string_view o : ops)
            if (n.text == o) return true;
        return false;
    }
    constexpr bool starts_relation() noexcept {
        if (tok_.k == token_kind::number || is("len") || is("-")) return true;
        if (tok_.k == token_kind::word && proto_of(tok_.text) != proto::none && peek().text == "[") return true;
        if (tok_.k == token_kind::word) {
            std::uint32_t v = 0;
            if (lookup_constant(tok_.text, v)) return true;
        }
        return false;
    }

    // ---- primitives ---------------------------------------------------------------------------

    constexpr std::uint16_t primitive_term() {
        primitive p{};
        const std::uint32_t start = tok_.column;
        if (ether_type_abbreviation()) {  // `decnet`, `stp`, `ipx`, ...: `ether proto \\name`
            p.k = kind::proto_number;
            p.p = proto::ether;
            lookup_ether_type_name(tok_.text, p.lo);
            advance();
            return single(p, start);
        }
        if (!ok()) return 0;
        if (is("llc") || is("iso") || is("isis") || is("esis") || is("clnp") || isis_pdu_set(p)) return osi(p, start);
        if (refused_word()) return 0;
        if (is("less") || is("greater") || is("ifindex")) {
            p.k = is("less") ? kind::less : is("greater") ? kind::greater : kind::ifindex;
            advance();
            p.lo = number_value();
            return single(p, start);
        }
        if (is("vlan") || is("mpls") || is("pppoed") || is("pppoes") || is("inbound") || is("outbound"))
            return encapsulation();
        if (tok_.k == token_kind::word) p.p = proto_of(tok_.text);
        if (p.p != proto::none) advance();
        if (p.p == proto::link) p.p = proto::ether;
        if (is("broadcast") || is("multicast")) return broadcast_or_multicast(p, start);
        direction(p);
        const qualifier q = type_qualifier(p);
        if (q == qualifier::refused) return 0;
        if (q == qualifier::none) {
            if (p.d == dir::none && p.p != proto::none) {  // `tcp`, `ip6` (`ip 10.0.0.1` is no primitive)
                p.k = kind::proto_only;
                if (p.p == proto::ether || p.p == proto::decnet) fail(problem::expected_expression, start);
                return single(p, start);
            }
            if (p.p == proto::none && p.d == dir::none) {
                fail(tok_.k == token_kind::word && !keyword(tok_.text) ? problem::unknown_name
                                                                       : problem::expected_expression,
                     tok_.column);
                return 0;
            }
            p.k = kind::host;  // `src 10.0.0.1`: host by default
        }
        last_ = p;  // the qualifiers as written: an id after and/or takes these
        has_last_ = true;
        id(p);
        return add_prim(p, start);
    }

    /// A primitive that takes no id after `and`/`or` (`tcp or udp` is two primitives).
    constexpr std::uint16_t single(const primitive& p, std::uint32_t start) {
        has_last_ = false;
        return add_prim(p, start);
    }

    /// A word libpcap takes that ctbpf refuses here: the problem is reported.
    constexpr bool refused_word() {
        if (tok_.k == token_kind::word && unsupported(tok_.text)) {
            fail(problem::not_supported, tok_.column);
            return true;
        }
        if (is("gateway")) {
            fail(problem::needs_the_system, tok_.column);
            return true;
        }
        return false;
    }

    /// [ether] broadcast, [ether] multicast, ip multicast, ip6 multicast (gen_broadcast,
    /// gen_multicast); ip broadcast needs the netmask (the host part of the destination).
    constexpr std::uint16_t broadcast_or_multicast(primitive& p, std::uint32_t start) {
        const bool broadcast = is("broadcast");
        if (p.p == proto::none) p.p = proto::ether;
        if (p.p == proto::ip && broadcast) {
            if (e_.netmask == netmask_unknown) {
                fail(problem::needs_the_system, tok_.column);
                return 0;
            }
            advance();
            p.k = kind::ip_broadcast;
            p.lo = ~e_.netmask;
            return single(p, start);
        }
        if (p.p != proto::ether && (broadcast || (p.p != proto::ip && p.p != proto::ip6))) {
            fail(problem::qualifier_not_allowed, tok_.column);
            return 0;
        }
        advance();
        p.k = broadcast             ? kind::ether_broadcast
              : p.p == proto::ether ? kind::ether_multicast
                                    : kind::ip_multicast;  // ip or ip6
        return single(p, start);
    }

    /// The direction qualifier: src, dst, src or dst, src and dst.
    constexpr void direction(primitive& p) {
        if (!is("src") && !is("dst")) return;
        const bool src = is("src");
        advance();
        p.d = src ? dir::src : dir::dst;
        if ((is("or") || is("and")) && (peek().text == (src ? "dst" : "src"))) {
            p.d = is("or") ? dir::src_or_dst : dir::src_and_dst;
            advance();
            advance();
        }
    }

    /// The type qualifier: host, net, port, portrange, proto (the problem reported if refused).
    enum class qualifier : std::uint8_t { none, given, refused };
    constexpr qualifier type_qualifier(primitive& p) {
        constexpr struct {
            std::string_view word;
            kind k;
        } types[] = {{"host", kind::host},
                     {"net", kind::net},
                     {"port", kind::port},
                     {"portrange", kind::portrange},
                     {"proto", kind::proto_number}};
        for (const auto& t : types)
            if (accept(t.word)) {
                p.k = t.k;
                return qualifier::given;
            }
        if (is("gateway")) {
            fail(problem::needs_the_system, tok_.column);
            return qualifier::refused;
        }
        if (is("protochain")) {  // `ip protochain 6`: docs/pcap-filter.md says why not
            fail(problem::not_supported, tok_.column);
            return qualifier::refused;
        }
        return qualifier::none;
    }

    /// A protocol of pcap-filter that is only an Ethernet type or LLC SAP (gen_proto_abbrev:
    /// gen_linktype), written alone. With qualifiers or an id after it: `decnet` names DECnet
    /// addresses (a protocol of its own), the LLC ones are refused here as libpcap refuses them,
    /// `lat`, `sca`, `moprc`, `mopdl` are left to the unsupported words.
    constexpr bool ether_type_abbreviation() noexcept {
        if (tok_.k != token_kind::word || tok_.escaped) return false;
        constexpr std::string_view names[] = {"decnet", "lat", "sca",     "moprc", "mopdl", "iso",
                                              "stp",    "ipx", "netbeui", "atalk", "aarp"};
        bool named = false;
        for (std::string_view n : names) named = named || tok_.text == n;
        if (!named) return false;
        if (alone()) return true;
        constexpr std::string_view llc[] = {"stp", "ipx", "netbeui", "atalk", "aarp"};
        for (std::string_view n : llc)  // `stp host A`: libpcap refuses (the others: unsupported words)
            if (tok_.text == n) fail(problem::qualifier_not_allowed, peek().column);
        return false;
    }
    /// The word at hand stands alone: nothing qualifies it.
    constexpr bool alone() noexcept {
        const token& n = peek();
        return n.k == token_kind::end || n.k == token_kind::punct ||
               (n.k == token_kind::word && (n.text == "and" || n.text == "or"));
    }

    /// 802.2 LLC and OSI (gen_llc*, gen_proto with Q_ISO and Q_ISIS): `llc` [`i`, `s`, `u` or a
    /// command name], `isis`, `esis`, `clnp`, `iso proto N`, `isis proto N`, the IS-IS PDU sets.
    constexpr std::uint16_t osi(primitive& p, std::uint32_t start) {
        has_last_ = false;
        if (is("llc")) {
            p.k = kind::llc;
            advance();
            if (tok_.k != token_kind::word || tok_.escaped || alone_word()) return add_prim(p, start);
            // the frame formats, then the S and U commands (llc.h): value, mask of the control byte
            struct command {
                std::string_view name;
                std::uint8_t value, mask;
            };
            constexpr command commands[] = {{"i", 0x00, 0x01},   {"s", 0x01, 0x03},     {"u", 0x03, 0x03},
                                            {"rr", 0x01, 0x0f},  {"rnr", 0x05, 0x0f},   {"rej", 0x09, 0x0f},
                                            {"ui", 0x03, 0xef},  {"ua", 0x63, 0xef},    {"disc", 0x43, 0xef},
                                            {"dm", 0x0f, 0xef},  {"sabme", 0x6f, 0xef}, {"test", 0xe3, 0xef},
                                            {"xid", 0xaf, 0xef}, {"frmr", 0x87, 0xef}};
            for (const command& c : commands)
                if (tok_.text == c.name) {
                    p.has_number = true;
                    p.lo = c.value;
                    p.hi = c.mask;
                    advance();
                    return add_prim(p, start);
                }
            fail(problem::unknown_name, tok_.column);
            return 0;
        }
        if (p.k == kind::isis_proto) {  // l1, l2, ...: alone
            if (!alone()) return fail(problem::qualifier_not_allowed, peek().column), 0;
            advance();
            return add_prim(p, start);
        }
        const bool proto_follows = peek().k == token_kind::word && peek().text == "proto";
        if (is("isis") && proto_follows) {
            p.k = kind::isis_proto;
        } else if (!is("iso")) {  // isis, esis, clnp alone
            p.k = kind::iso_proto;
            lookup_iso_protocol_name(tok_.text, p.lo);
            if (!alone()) return fail(problem::qualifier_not_allowed, peek().column), 0;
            advance();
            return add_prim(p, start);
        } else if (!proto_follows) {
            return fail(problem::qualifier_not_allowed, peek().column), 0;
        } else {
            p.k = kind::iso_proto;
        }
        advance();  // iso or isis, then proto
        advance();
        last_ = p;  // `iso proto 0x83 or 0x81`
        has_last_ = true;
        id(p);
        return add_prim(p, start);
    }
    /// `l1`, `l2`, `iih`, `lsp`, `snp`, `csnp`, `psnp`: the IS-IS PDU types each stands for, in p
    /// (gen_proto_abbrev: IS-IS with any of them, tested one after another).
    constexpr bool isis_pdu_set(primitive& p) const noexcept {
        struct pdu_set {
            std::string_view name;
            std::uint8_t count;
            std::array<std::uint8_t, 5> types;
        };
        constexpr pdu_set sets[] = {{"l1", 5, {0x1a, 0x18, 0x12, 0x0f, 0x11}},
                                    {"l2", 5, {0x1b, 0x19, 0x14, 0x10, 0x11}},
                                    {"iih", 3, {0x11, 0x0f, 0x10}},
                                    {"lsp", 2, {0x12, 0x14}},
                                    {"snp", 4, {0x1b, 0x1a, 0x18, 0x19}},
                                    {"csnp", 2, {0x18, 0x19}},
                                    {"psnp", 2, {0x1a, 0x1b}}};
        if (tok_.k != token_kind::word || tok_.escaped) return false;
        for (const pdu_set& set : sets)
            if (tok_.text == set.name) {
                p.k = kind::isis_proto;
                p.hi = set.count;
                for (std::size_t i = 0; i < set.count; ++i) p.bytes[i] = set.types[i];
                return true;
            }
        return false;
    }
    /// An `and`/`or` (not a command name after `llc`).
    constexpr bool alone_word() const noexcept { return tok_.text == "and" || tok_.text == "or"; }

    /// `vlan [id]`, `mpls [label]`, `pppoes [session]`, `pppoed`, `inbound`, `outbound`; the first
    /// three move what follows them (gen_vlan, gen_mpls, gen_pppoes).
    constexpr std::uint16_t encapsulation() {
        primitive p{};
        const std::uint32_t start = tok_.column;
        p.k = is("vlan")      ? kind::vlan
              : is("mpls")    ? kind::mpls
              : is("pppoed")  ? kind::pppoed
              : is("pppoes")  ? kind::pppoes
              : is("inbound") ? kind::inbound
                              : kind::outbound;
        advance();
        if ((p.k == kind::vlan || p.k == kind::mpls || p.k == kind::pppoes) && tok_.k == token_kind::number) {
            const std::uint32_t column = tok_.column;
            p.lo = number_value();
            p.has_number = true;
            const std::uint32_t most = p.k == kind::vlan ? 0xfff : p.k == kind::mpls ? 0xfffff : 0xffff;
            if (p.lo > most) fail(problem::number_out_of_range, column);
        }
        has_last_ = false;
        const std::uint16_t n = add_prim(p, start);
        move_past(p, at_);
        return n;
    }
};

/// Parses pcap-filter text for captures of link type `link` on a network with mask `netmask` (what
/// `ip broadcast` needs, as pcap_compile's argument); e.error says what is wrong and e.column where.
constexpr void parse(std::string_view text, link_type link, expression& e, std::uint32_t netmask = netmask_unknown) {
    e = expression{};
    e.netmask = netmask;
    parser p(text, link, e);
    p.run();
}

}  // namespace CTBPF_NAMESPACE::detail::pcap_filter
