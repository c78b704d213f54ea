// ctbpf/pcap_filter/arithmetic.hpp (internal) — the relations of pcap-filter: `expr relop expr`
// over numbers, `len`, named constants and `proto[index:size]` loads, with libpcap's operator
// precedence and its checks of divisors and shift counts. The parser (parse.hpp) builds on it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "../detail/config.hpp"
#include "names.hpp"
#include "reader.hpp"
#include "syntax.hpp"

namespace CTBPF_NAMESPACE::detail::pcap_filter {

/// Relations and their arithmetic, on the reader's tokens.
class arithmetic_parser : protected reader {
protected:
    using reader::reader;

    // ---- relations ------------------------------------------------------------------------------

    constexpr std::uint16_t relation() {
        const std::uint16_t l = arithmetic(0);
        char op = 0;
        if (is("=") || is("=="))
            op = '=';
        else if (is("!="))
            op = '!';
        else if (is("<"))
            op = '<';
        else if (is("<="))
            op = 'l';
        else if (is(">"))
            op = '>';
        else if (is(">="))
            op = 'g';
        if (op == 0) {
            fail(problem::expected_relation, tok_.column);
            return 0;
        }
        advance();
        const std::uint16_t r = arithmetic(0);
        return add_node({node_kind::relation, op, l, r});
    }

    /// Binary operators by precedence (libpcap's grammar.y): | < & < << >> < + - < * /. `%` and
    /// `^` have no precedence there, so bison shifts: each takes the operand just before it and
    /// everything after it (`a * b % c + d` is `a * (b % (c + d))`), as libpcap compiles it.
    static constexpr int precedence(std::string_view t) noexcept {
        if (t == "|") return 1;
        if (t == "&") return 2;
        if (t == "<<" || t == ">>") return 3;
        if (t == "+" || t == "-") return 4;
        if (t == "*" || t == "/") return 5;
        if (t == "%" || t == "^") return 6;
        return 0;
    }

    /// The constant the code of arithmetic node a starts with, if it starts with one: its
    /// leftmost number, through left operands, load indices and negations (`len` is no constant).
    struct first_constant {
        bool is = false;
        std::uint32_t value = 0;
    };
    constexpr first_constant first_constant_of(std::uint16_t a) const noexcept {
        for (std::size_t steps = 0; steps < max_nodes; ++steps) {
            const arith& n = e_.ariths[a];
            if (n.k == arith_kind::number) return {true, n.value};
            if (n.k == arith_kind::length) return {};
            a = n.l;  // binary: the left operand; negate: its operand; load: its index
        }
        return {};
    }

    constexpr std::uint16_t arithmetic(int min) {
        std::uint16_t left = unary();
        while (ok() && tok_.k == token_kind::punct) {
            const int prec = precedence(tok_.text);
            if (prec == 0 || (prec <= min && prec != 6)) break;
            const char op = tok_.text == "<<" ? '<' : tok_.text == ">>" ? '>' : tok_.text[0];
            const std::uint32_t column = tok_.column;
            advance();
            const std::uint16_t right = arithmetic(prec == 6 ? 0 : prec);
            // libpcap's gen_arth looks at the first instruction of the right operand's code: a
            // constant 0 there is "division by zero", above 31 "shift by more than 31 bits" (so
            // `x / (0 + 4)` and `x << ip[40]` are refused too, as libpcap refuses them)
            const first_constant c = first_constant_of(right);
            if ((op == '/' || op == '%') && c.is && c.value == 0) fail(problem::division_by_zero, column);
            if ((op == '<' || op == '>') && c.is && c.value > 31) fail(problem::number_out_of_range, column);
            left = add_arith({arith_kind::binary, op, proto::none, 1, left, right, 0});
        }
        return left;
    }

    constexpr std::uint16_t unary() {
        if (!ok()) return 0;
        if (accept("-")) {
            const std::uint16_t inner = unary();
            return add_arith({arith_kind::negate, 0, proto::none, 1, inner, 0, 0});
        }
        if (accept("(")) {
            const std::uint16_t inner = arithmetic(0);
            if (!accept(")")) fail(problem::expected_close_parenthesis, tok_.column);
            return inner;
        }
        if (accept("len")) return add_arith({arith_kind::length});
        std::uint32_t v = 0;
        if (tok_.k == token_kind::word && lookup_constant(tok_.text, v)) {
            advance();
            return add_arith({arith_kind::number, 0, proto::none, 1, 0, 0, v});
        }
        if (tok_.k == token_kind::number)
            return add_arith({arith_kind::number, 0, proto::none, 1, 0, 0, number_value()});
        if (tok_.k == token_kind::word && proto_of(tok_.text) != proto::none) {
            proto p = proto_of(tok_.text);
            if (p == proto::link) p = proto::ether;
            const std::uint32_t column = tok_.column;
            advance();
            if (!accept("[")) {
                fail(problem::expected_relation, tok_.column);
                return 0;
            }
            const std::uint16_t index = arithmetic(0);
            std::uint8_t size = 1;
            if (accept(":")) {
                const std::uint32_t column = tok_.column;
                const std::uint32_t n = number_value();
                if (ok() && n != 1 && n != 2 && n != 4) fail(problem::number_out_of_range, column);
                size = static_cast<std::uint8_t>(n);
            }
            if (!accept("]")) fail(problem::expected_close_bracket, tok_.column);
            if (p == proto::esp || p == proto::ah) fail(problem::not_supported, tok_.column);
            if (at_.mpls > 0 && (p == proto::arp || p == proto::rarp || p == proto::decnet))
                fail(problem::not_on_this_link, column);
            return add_arith({arith_kind::load, 0, p, size, index, 0, 0, at_});
        }
        fail(tok_.k == token_kind::word ? problem::unknown_name : problem::expected_number, tok_.column);
        return 0;
    }
};

}  // namespace CTBPF_NAMESPACE::detail::pcap_filter
