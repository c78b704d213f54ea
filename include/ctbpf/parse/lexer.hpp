// ctbpf/parse/lexer.hpp — the tokens of bpf_asm source: identifiers, numbers (0x hex, 0b binary,
// 0 octal, decimal), single punctuation characters, each with its line and column. Comments
// (`/* */`, `;` to the end of the line, a line starting with `#`) and white space (new lines
// included: bpf_asm is free-form) are skipped. Resumable: lex_state says where to go on.
// Usage (internal): detail::lexer lex(text); for (auto t = lex.next(); t.kind != token_kind::end; t = lex.next())
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "../detail/config.hpp"
#include "problems.hpp"

namespace CTBPF_NAMESPACE::detail {

constexpr char lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
/// Case-insensitive equality (mnemonics, registers, extension names).
// (Raw pointers: each std::string_view call costs steps of the constant-evaluation budget.)
constexpr bool same_word(std::string_view a, std::string_view b) noexcept {
    const std::size_t n = a.size();
    if (n != b.size()) return false;
    const char* p = a.data();
    const char* q = b.data();
    for (std::size_t i = 0; i < n; ++i)
        if (lower(p[i]) != lower(q[i])) return false;
    return true;
}

/// Character classes (a table: the compile-time step budget counts statements).
enum char_class : std::uint8_t { other = 0, space = 1, newline = 2, word = 4, digit = 8, punct = 16 };
struct char_table {
    std::uint8_t c[256];
};
inline constexpr char_table char_classes = [] {
    char_table t{};
    for (int c = 'a'; c <= 'z'; ++c) t.c[c] = word;
    for (int c = 'A'; c <= 'Z'; ++c) t.c[c] = word;
    t.c[static_cast<unsigned char>('_')] = word;
    for (int c = '0'; c <= '9'; ++c) t.c[c] = word | digit;
    for (char c : {' ', '\t', '\r', '\f', '\v'}) t.c[static_cast<unsigned char>(c)] = space;
    t.c[static_cast<unsigned char>('\n')] = newline;
    for (char c : {':', ',', '#', '%', '[', ']', '(', ')', '+', '-', '*', '&', '{', '}'})
        t.c[static_cast<unsigned char>(c)] = punct;
    return t;
}();
constexpr std::uint8_t class_of(char c) noexcept { return char_classes.c[static_cast<unsigned char>(c)]; }

/// A number token's value: 0x hex, 0b binary, 0 octal, decimal. False when it is not a number;
/// values past 40 bits stay past 32 (out of range for every field).
constexpr bool number_value(std::string_view text, std::uint64_t& out) noexcept {
    const char* t = text.data();
    const std::size_t n = text.size();
    std::uint64_t v = 0, base = 10;
    std::size_t i = 0;
    if (n > 2 && t[0] == '0' && (t[1] == 'x' || t[1] == 'X')) {
        base = 16;
        i = 2;
    } else if (n > 2 && t[0] == '0' && (t[1] == 'b' || t[1] == 'B')) {
        base = 2;
        i = 2;
    } else if (n > 1 && t[0] == '0') {
        base = 8;
        i = 1;
    }
    if (i >= n) return false;
    for (; i < n; ++i) {
        const char c = lower(t[i]);
        const std::uint64_t d = (c >= '0' && c <= '9')   ? static_cast<std::uint64_t>(c - '0')
                                : (c >= 'a' && c <= 'f') ? static_cast<std::uint64_t>(c - 'a' + 10)
                                                         : 99;
        if (d >= base) return false;
        if (v <= 0xffffffffffull) v = v * base + d;
    }
    out = v;
    return true;
}

enum class token_kind : std::uint8_t { end, identifier, number, punct };

// The lexer and the parser are written for Clang's constant-evaluation budget, which counts
// statements and calls: plain table lookups, few function calls, tokens without string_view.
struct token {
    token_kind kind = token_kind::end;
    char punct = 0;  ///< the character, for punct tokens
    const char* text = nullptr;
    std::uint32_t size = 0;
    text_position at{};
    constexpr std::string_view view() const noexcept { return {text, size}; }
    /// The position just past the token (where something missing after it belongs).
    constexpr text_position after() const noexcept { return {at.line, at.column + size}; }
};

/// Where lexing stands: enough to resume in another constant evaluation.
struct lex_state {
    std::size_t pos = 0;
    std::size_t line_start = 0;
    std::uint32_t line = 1;
    bool line_has_token = false;  ///< a `#` after a token is an immediate, not a comment
};

class lexer {
public:
    constexpr explicit lexer(std::string_view s, lex_state from = {}) : s_(s.data()), n_(s.size()), st_(from) {}

    /// The state just before the last token returned (to resume with that token).
    constexpr lex_state before_last() const { return last_; }

    parse_problem problem = parse_problem::none;
    text_position problem_at{};

    /// The next token; at the end of the text (or on a problem) an `end` token placed there.
    constexpr token next() {
        if (!skip()) return token{token_kind::end, 0, s_ + st_.pos, 0, here()};
        last_ = st_;
        const std::size_t start = st_.pos;
        const std::uint8_t cls = char_classes.c[static_cast<unsigned char>(s_[start])];
        const text_position at = here();
        st_.line_has_token = true;
        if (cls & word) {
            std::size_t p = start + 1;
            while (p < n_ && (char_classes.c[static_cast<unsigned char>(s_[p])] & word)) ++p;
            st_.pos = p;
            return token{(cls & digit) ? token_kind::number : token_kind::identifier, 0, s_ + start,
                         static_cast<std::uint32_t>(p - start), at};
        }
        if (cls & punct) return ++st_.pos, token{token_kind::punct, s_[start], s_ + start, 1, at};
        problem = parse_problem::unexpected_character;
        problem_at = at;
        return token{token_kind::end, 0, s_ + start, 0, at};
    }

private:
    const char* s_;
    std::size_t n_;
    lex_state st_;
    lex_state last_{};

    constexpr text_position here() const {
        return {st_.line, static_cast<std::uint32_t>(st_.pos - st_.line_start + 1)};
    }
    /// Skips white space and comments; false at the end of the text (or on a problem).
    constexpr bool skip() {
        while (st_.pos < n_) {
            const char c = s_[st_.pos];
            const std::uint8_t cls = char_classes.c[static_cast<unsigned char>(c)];
            if (cls == space) {
                ++st_.pos;
            } else if (cls == newline) {
                st_ = lex_state{st_.pos + 1, st_.pos + 1, st_.line + 1, false};
            } else if (c == ';' || (c == '#' && !st_.line_has_token)) {
                while (st_.pos < n_ && s_[st_.pos] != '\n') ++st_.pos;
            } else if (c == '/' && st_.pos + 1 < n_ && s_[st_.pos + 1] == '*') {
                if (!skip_block_comment()) return false;
            } else {
                return problem == parse_problem::none;
            }
        }
        return false;
    }
    constexpr bool skip_block_comment() {
        const text_position open = here();
        for (st_.pos += 2; st_.pos + 1 < n_ && !(s_[st_.pos] == '*' && s_[st_.pos + 1] == '/'); ++st_.pos)
            if (s_[st_.pos] == '\n') st_ = lex_state{st_.pos, st_.pos + 1, st_.line + 1, false};
        if (st_.pos + 1 >= n_) {
            problem = parse_problem::unterminated_comment;
            problem_at = open;
            st_.pos = n_;
            return false;
        }
        st_.pos += 2;
        return true;
    }
};

}  // namespace CTBPF_NAMESPACE::detail
