// ctbpf/pcap_filter/reader.hpp (internal) — what the pcap-filter parser reads with: the tokens
// (with one of lookahead), the problem and its column, the tree being built and the link layer
// that `vlan`, `mpls` and `pppoes` move. parse.hpp and arithmetic.hpp build on it.
#pragma once

#include <cstdint>
#include <string_view>

#include "../detail/config.hpp"
#include "lexer.hpp"
#include "names.hpp"
#include "syntax.hpp"

namespace CTBPF_NAMESPACE::detail::pcap_filter {

/// Tokens, problems and the tree: the base of the parser.
class reader {
protected:
    constexpr reader(std::string_view text, link_type link, expression& e) noexcept
        : lex_(text), e_(e), at_(layout_of(link)) {
        advance();
    }

    lexer lex_;
    expression& e_;
    token tok_{}, peeked_{};
    bool has_peeked_ = false;
    layout at_;  // the link layer for what follows: vlan, mpls and pppoes change it

    constexpr bool ok() const noexcept { return e_.error == problem::none; }
    constexpr void fail(problem p, std::uint32_t column) noexcept {
        if (!ok() || p == problem::none) return;
        e_.error = p;
        e_.column = column;
    }
    constexpr void advance() noexcept {
        if (has_peeked_) {
            tok_ = peeked_;
            has_peeked_ = false;
        } else {
            tok_ = lex_.next();
        }
    }
    constexpr const token& peek() noexcept {
        if (!has_peeked_) {
            peeked_ = lex_.next();
            has_peeked_ = true;
        }
        return peeked_;
    }
    constexpr bool is(std::string_view t) const noexcept { return tok_.k != token_kind::end && tok_.text == t; }
    constexpr bool accept(std::string_view t) noexcept {
        if (!is(t)) return false;
        advance();
        return true;
    }

    /// Appends v to a table of max_nodes entries filled to `count`: its index, or too_complex.
    template <class T, class Table>
    constexpr std::uint16_t append(Table& table, std::uint16_t& count, const T& v) noexcept {
        if (count == max_nodes) {
            fail(problem::too_complex, tok_.column);
            return 0;
        }
        table[count] = v;
        return count++;
    }
    constexpr std::uint16_t add_node(node n) noexcept { return append(e_.nodes, e_.node_count, n); }
    constexpr std::uint16_t add_arith(arith a) noexcept { return append(e_.ariths, e_.arith_count, a); }
    /// Adds primitive p (written at `column`) on the current link layer.
    constexpr std::uint16_t add_prim(primitive p, std::uint32_t column) noexcept {
        p.at = at_;
        const std::uint16_t before = e_.prim_count;
        const std::uint16_t at = append(e_.prims, e_.prim_count, p);
        if (e_.prim_count == before) return 0;  // full: too_complex
        if (!fits(p)) fail(problem::not_on_this_link, column);
        return add_node({node_kind::prim, 0, 0, 0, at});
    }

    /// The number token here (advanced past), or a problem: expected_number, number_out_of_range.
    constexpr std::uint32_t number_value() {
        std::uint32_t v = 0;
        if (tok_.k != token_kind::number) {
            fail(problem::expected_number, tok_.column);
            return 0;
        }
        if (!parse_number(tok_.text, v)) fail(problem::number_out_of_range, tok_.column);
        advance();
        return v;
    }
};

}  // namespace CTBPF_NAMESPACE::detail::pcap_filter
