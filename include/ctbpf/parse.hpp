// ctbpf/parse.hpp — programs from text, constexpr: bpf_asm source (the kernel's tools/bpf
// assembler language, with tcpdump's spellings of the extensions), `tcpdump -dd` and `-ddd`
// images and bpf_asm's bytecode line. Errors carry the line and column. Far conditional jumps
// are relaxed with `ja` trampolines. No heap: fixed buffers of 4096 instructions.
// Usage: constexpr auto arp = ctbpf::assemble<"ldh [12]\njeq #0x806, ok, drop\nok: ret #4096\ndrop: ret #0">();
//        ctbpf::parse_text(source, ctbpf::text_format::tcpdump_dd)   (any time; see parse_vector.hpp)
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>
#include <utility>

#include "detail/report.hpp"
#include "encoding.hpp"
#include "fixed_string.hpp"
#include "text.hpp"
#include "verify.hpp"

namespace ctbpf {

/// What is wrong with a text.
enum class parse_problem : std::uint8_t {
    none,
    unexpected_character,       ///< a character that starts no token
    unterminated_comment,       ///< /* without */
    expected_mnemonic,          ///< a line does not start with an instruction or a label
    unknown_mnemonic,           ///< an identifier that is no instruction
    bad_operand,                ///< the operand does not fit the instruction
    expected_number,            ///< a number was expected here
    number_out_of_range,        ///< more than 32 bits (or 16/8 for code/jt/jf)
    expected_label,             ///< a jump needs a label here
    unknown_label,              ///< a jump names a label that is not defined
    duplicate_label,            ///< a label defined twice
    backward_jump,              ///< a jump to a label at or before the jump
    label_without_instruction,  ///< a label after the last instruction
    too_many_instructions,      ///< more than 4096 (after relaxation)
    empty_program,              ///< no instruction at all
    count_mismatch,             ///< -ddd / bytecode: the count differs from the instructions
    trailing_text,              ///< text after the end of the image
};

constexpr std::string_view describe(parse_problem p) noexcept {
    switch (p) {
        case parse_problem::none: return "parsed";
        case parse_problem::unexpected_character: return "unexpected character";
        case parse_problem::unterminated_comment: return "comment not terminated";
        case parse_problem::expected_mnemonic: return "expected an instruction or a label";
        case parse_problem::unknown_mnemonic: return "unknown instruction";
        case parse_problem::bad_operand: return "operand does not fit the instruction";
        case parse_problem::expected_number: return "expected a number";
        case parse_problem::number_out_of_range: return "number out of range";
        case parse_problem::expected_label: return "expected a label";
        case parse_problem::unknown_label: return "no such label";
        case parse_problem::duplicate_label: return "label defined twice";
        case parse_problem::backward_jump: return "jump to a label that is not ahead of the jump";
        case parse_problem::label_without_instruction: return "label after the last instruction";
        case parse_problem::too_many_instructions: return "more than 4096 instructions";
        case parse_problem::empty_program: return "no instructions";
        case parse_problem::count_mismatch: return "the instruction count does not match";
        case parse_problem::trailing_text: return "text after the end of the program";
    }
    return "unknown problem";
}

/// A position in the text, from 1.
struct text_position {
    std::uint32_t line;
    std::uint32_t column;
};

/// A parsed program (in fixed buffers) or the first problem and where it is. `origin[i]` is
/// where instruction i came from (a trampoline: its jump's position).
struct parsed_text {
    std::array<sock_filter, max_instructions> image{};
    std::array<text_position, max_instructions> origin{};  // NOLINT
    std::size_t size = 0;
    parse_problem problem = parse_problem::none;
    text_position where{};
    constexpr explicit operator bool() const noexcept { return problem == parse_problem::none; }
};

namespace detail {

/// parsed_text without initialisers, for buffers local to one evaluation.
struct parsed_text_buffers {
    sock_filter image[max_instructions];
    text_position origin[max_instructions];
    std::size_t size = 0;
    parse_problem problem = parse_problem::none;
    text_position where{0, 0};
    constexpr explicit operator bool() const noexcept { return problem == parse_problem::none; }
};

constexpr char lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
// (Raw pointers in the hot paths: each std::string_view call is several steps of the
// compilers' constant-evaluation budget.)
constexpr bool same_word(std::string_view a, std::string_view b) noexcept {
    const std::size_t n = a.size();
    if (n != b.size()) return false;
    const char* p = a.data();
    const char* q = b.data();
    for (std::size_t i = 0; i < n; ++i)
        if (lower(p[i]) != lower(q[i])) return false;
    return true;
}
constexpr bool is_alpha(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

enum class token_kind : std::uint8_t { end, identifier, number, punct };

struct token {
    token_kind kind = token_kind::end;
    char punct = 0;  ///< the character, for punct tokens
    std::string_view text{};
    text_position at{};
};

/// Character classes of the lexer (a table: the compile-time step budget counts statements).
enum char_class : std::uint8_t { other = 0, space = 1, newline = 2, word = 4, digit = 8, punct = 16 };
struct char_table {
    std::uint8_t c[256];
};
inline constexpr char_table char_classes = [] {
    char_table t{};
    for (int c = 'a'; c <= 'z'; ++c) t.c[c] = word;
    for (int c = 'A'; c <= 'Z'; ++c) t.c[c] = word;
    t.c['_'] = word;
    for (int c = '0'; c <= '9'; ++c) t.c[c] = word | digit;
    for (char c : {' ', '\t', '\r', '\f', '\v'}) t.c[static_cast<unsigned char>(c)] = space;
    t.c['\n'] = newline;
    for (char c : {':', ',', '#', '%', '[', ']', '(', ')', '+', '-', '*', '&', '{', '}'})
        t.c[static_cast<unsigned char>(c)] = punct;
    return t;
}();
constexpr std::uint8_t class_of(char c) noexcept { return char_classes.c[static_cast<unsigned char>(c)]; }

/// Tokens of bpf_asm source: identifiers, unsigned numbers, single punctuation characters.
/// Comments (`/* */`, `;` to the end of the line, a line starting with `#`) and white space
/// (new lines included: bpf_asm is free-form) are skipped.
/// Where lexing stands: enough to resume in another constant evaluation.
struct lex_state {
    std::size_t pos = 0;
    std::size_t line_start = 0;
    std::uint32_t line = 1;
};

class lexer {
public:
    constexpr explicit lexer(std::string_view s, lex_state from = {})
        : s_(s.data()), n_(s.size()), pos_(from.pos), line_start_(from.line_start), line_(from.line) {}

    /// The state just before the last token returned (to resume with that token).
    constexpr lex_state before_last() const { return last_; }

    parse_problem problem = parse_problem::none;
    text_position problem_at{};

    constexpr token next() {
        if (!skip()) return token{token_kind::end, 0, {}, here()};
        last_ = lex_state{pos_, line_start_, line_};
        const std::size_t start = pos_;
        const std::uint8_t cls = class_of(s_[pos_]);
        if (cls & word) {
            while (++pos_ < n_ && (class_of(s_[pos_]) & word)) {}
            return token{(cls & digit) ? token_kind::number : token_kind::identifier, 0,
                         std::string_view(s_ + start, pos_ - start), position_of(start)};
        }
        if (cls & punct) {
            ++pos_;
            return token{token_kind::punct, s_[start], std::string_view(s_ + start, 1), position_of(start)};
        }
        problem = parse_problem::unexpected_character;
        problem_at = here();
        return token{token_kind::end, 0, {}, problem_at};
    }

private:
    const char* s_;
    std::size_t n_;
    std::size_t pos_ = 0;
    std::size_t line_start_ = 0;
    std::uint32_t line_ = 1;
    lex_state last_{};

    constexpr text_position position_of(std::size_t at) const {
        return {line_, static_cast<std::uint32_t>(at - line_start_ + 1)};
    }
    constexpr text_position here() const { return position_of(pos_); }
    constexpr bool at_line_start() const {
        for (std::size_t i = line_start_; i < pos_; ++i)
            if (class_of(s_[i]) != space) return false;
        return true;
    }
    /// Skips white space and comments; false at the end of the text (or on a problem).
    constexpr bool skip() {
        while (pos_ < n_) {
            const char c = s_[pos_];
            const std::uint8_t cls = class_of(c);
            if (cls == space) {
                ++pos_;
            } else if (cls == newline) {
                ++line_;
                line_start_ = ++pos_;
            } else if (c == ';' || (c == '#' && at_line_start())) {
                while (pos_ < n_ && s_[pos_] != '\n') ++pos_;
            } else if (c == '/' && pos_ + 1 < n_ && s_[pos_ + 1] == '*') {
                const text_position open = here();
                for (pos_ += 2; pos_ + 1 < n_ && !(s_[pos_] == '*' && s_[pos_ + 1] == '/'); ++pos_)
                    if (s_[pos_] == '\n') {
                        ++line_;
                        line_start_ = pos_ + 1;
                    }
                if (pos_ + 1 >= n_) {
                    problem = parse_problem::unterminated_comment;
                    problem_at = open;
                    pos_ = n_;
                    return false;
                }
                pos_ += 2;
            } else {
                return problem == parse_problem::none;
            }
        }
        return false;
    }
};

/// A number token: 0x hex, 0b binary, 0 octal, decimal. Returns false when it is not one.
constexpr bool number_value(std::string_view text, std::uint64_t& out) {
    const char* t = text.data();
    const std::size_t n = text.size();
    std::uint64_t v = 0;
    std::uint64_t base = 10;
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
        if (v <= 0xffffffffffull) v = v * base + d;  // past 40 bits it stays out of range
    }
    out = v;
    return true;
}

/// The extension names of bpf_asm and of tcpdump -d, as offsets from SKF_AD_OFF.
constexpr bool extension_named(std::string_view name, std::uint32_t& offset) {
    struct entry {
        std::string_view name;
        ext e;
    };
    constexpr entry names[] = {
        {"proto", ext::proto},
        {"type", ext::type},
        {"poff", ext::poff},
        {"ifidx", ext::ifidx},
        {"nla", ext::nla},
        {"nlan", ext::nlan},
        {"mark", ext::mark},
        {"queue", ext::queue},
        {"hatype", ext::hatype},
        {"rxhash", ext::rxhash},
        {"cpu", ext::cpu},
        {"vlan_tci", ext::vlan_tci},
        {"vlan_pr", ext::vlan_avail},
        {"vlan_avail", ext::vlan_avail},
        {"vlanp", ext::vlan_avail},
        {"vlan_tpid", ext::vlan_tpid},
        {"rand", ext::rand},
        {"random", ext::rand},
        {"xor_x", ext::xor_x},
    };
    for (const entry& e : names)
        if (same_word(name, e.name)) {
            offset = static_cast<std::uint32_t>(e.e);
            return true;
        }
    return false;
}
constexpr bool is_length_name(std::string_view name) { return same_word(name, "len") || same_word(name, "pktlen"); }

/// A jump target written in the source: a label (empty name: the next instruction).
// The assembler's working storage is left uninitialised (C++20 allows that in constant
// evaluation as long as nothing is read before it is written): clearing 4096-entry tables would
// spend a tenth of Clang's compile-time step budget.
struct label_use {
    std::string_view name;
    text_position at;
};
struct pending_instruction {
    std::uint16_t code;
    std::uint32_t k;
    label_use jt, jf;  ///< conditional targets; JA uses jt; an empty name is the next instruction
    text_position at;
};
struct label_definition {
    std::string_view name;
    std::uint32_t index;  ///< the instruction it names
    text_position at;
};

/// Everything the assembler keeps between parsing and layout.
struct assembly {
    pending_instruction code[max_instructions];
    label_definition labels[max_instructions];
    std::uint32_t target_t[max_instructions], target_f[max_instructions];  ///< resolved indexes
    std::uint32_t position[max_instructions + 1];                          ///< after relaxation
    std::uint8_t extra[max_instructions];                                  ///< trampolines after it
    std::size_t count = 0;
    std::size_t label_count = 0;
};

/// The ALU and conditional-jump mnemonics: one operand (`#k` or `x`), plus labels for jumps.
/// jneq/jne/jlt/jle are JEQ/JGE/JGT with the targets swapped.
struct operation_entry {
    std::string_view name;
    std::uint16_t op;
    bool jump;
    bool swapped;
};
inline constexpr operation_entry operations[] = {
    {"add", bpf::add, false, false}, {"sub", bpf::sub, false, false},  {"mul", bpf::mul, false, false},
    {"div", bpf::div, false, false}, {"mod", bpf::mod, false, false},  {"and", bpf::and_, false, false},
    {"or", bpf::or_, false, false},  {"xor", bpf::xor_, false, false}, {"lsh", bpf::lsh, false, false},
    {"rsh", bpf::rsh, false, false}, {"jeq", bpf::jeq, true, false},   {"jgt", bpf::jgt, true, false},
    {"jge", bpf::jge, true, false},  {"jset", bpf::jset, true, false}, {"jneq", bpf::jeq, true, true},
    {"jne", bpf::jeq, true, true},   {"jlt", bpf::jge, true, true},    {"jle", bpf::jgt, true, true},
};
constexpr const operation_entry* find_operation(std::string_view word) {
    for (const operation_entry& e : operations)
        if (same_word(word, e.name)) return &e;
    return nullptr;
}

/// Where the parser writes: instruction and label tables (a whole assembly, or one chunk of
/// a compile-time parse), their capacities, and the global index of the first instruction.
struct parse_sink {
    pending_instruction* code;
    std::size_t code_capacity;
    label_definition* labels;
    std::size_t label_capacity;
    std::size_t first_index = 0;
    std::size_t count = 0;
    std::size_t label_count = 0;
    std::size_t pending_labels = 0;  ///< labels not yet followed by an instruction
    text_position last_label_at{0, 0};
    bool done = false;   ///< the text ended (rather than the capacity)
    lex_state resume{};  ///< where to go on when not done
    parse_problem problem = parse_problem::none;
    text_position where{0, 0};
};

class asm_parser {
public:
    constexpr asm_parser(std::string_view s, parse_sink& out, lex_state from = {}) : lex_(s, from), a_(out), out_(out) {
        advance();
    }

    /// Parses until the text ends, a problem, or the sink is full (then out.resume says where
    /// the next instruction starts).
    constexpr void run() {
        while (ok() && cur_.kind != token_kind::end) {
            if (a_.count == a_.code_capacity) {  // full: the next chunk goes on from this token
                a_.resume = lex_.before_last();
                return;
            }
            if (cur_.kind != token_kind::identifier) return fail(parse_problem::expected_mnemonic, cur_.at);
            const token word = cur_;
            advance();
            if (cur_.kind == token_kind::punct && cur_.punct == ':') {  // a label
                advance();
                if (a_.label_count >= a_.label_capacity) return fail(parse_problem::too_many_instructions, word.at);
                a_.labels[a_.label_count++] = {word.text, static_cast<std::uint32_t>(a_.first_index + a_.count),
                                               word.at};
                ++a_.pending_labels;
                a_.last_label_at = word.at;
                continue;
            }
            if (a_.first_index + a_.count >= max_instructions || a_.count >= a_.code_capacity)
                return fail(parse_problem::too_many_instructions, word.at);
            pending_instruction& p = a_.code[a_.count];
            p = pending_instruction{0, 0, {{}, word.at}, {{}, word.at}, word.at};
            instruction(word, p);
            if (ok()) ++a_.count;
            a_.pending_labels = 0;
        }
        if (!ok()) return;
        a_.done = true;
        if (a_.pending_labels > 0) return fail(parse_problem::label_without_instruction, a_.last_label_at);
        if (a_.first_index + a_.count == 0) return fail(parse_problem::empty_program, cur_.at);
    }

private:
    lexer lex_;
    parse_sink& a_;
    parse_sink& out_;
    token cur_{};

    constexpr bool ok() const { return out_.problem == parse_problem::none; }
    constexpr void fail(parse_problem p, text_position at) {
        if (ok()) {
            out_.problem = p;
            out_.where = at;
        }
    }
    constexpr void advance() {
        cur_ = lex_.next();
        if (lex_.problem != parse_problem::none) fail(lex_.problem, lex_.problem_at);
    }
    constexpr bool is_punct(char p) const { return cur_.kind == token_kind::punct && cur_.punct == p; }
    constexpr bool is_word(std::string_view w) const {
        return cur_.kind == token_kind::identifier && same_word(cur_.text, w);
    }
    constexpr bool expect(char p) {
        if (!is_punct(p)) {
            fail(parse_problem::bad_operand, cur_.at);
            return false;
        }
        advance();
        return true;
    }
    /// [+|-] number, as a 32-bit value (negative decimals in two's complement).
    constexpr bool number(std::uint32_t& out) {
        bool negative = false;
        const text_position at = cur_.at;
        if (is_punct('-') || is_punct('+')) {
            negative = is_punct('-');
            advance();
        }
        std::uint64_t v = 0;
        if (cur_.kind != token_kind::number || !number_value(cur_.text, v)) {
            fail(parse_problem::expected_number, cur_.at);
            return false;
        }
        if (negative ? v > 0x80000000ull : v > 0xffffffffull) {
            fail(parse_problem::number_out_of_range, at);
            return false;
        }
        out = negative ? static_cast<std::uint32_t>(0u - static_cast<std::uint32_t>(v)) : static_cast<std::uint32_t>(v);
        advance();
        return true;
    }
    /// `x` or `%x`.
    constexpr bool x_register() {
        if (is_punct('%')) {
            advance();
            if (!is_word("x")) {
                fail(parse_problem::bad_operand, cur_.at);
                return false;
            }
            advance();
            return true;
        }
        if (is_word("x")) {
            advance();
            return true;
        }
        return false;
    }
    constexpr void label(label_use& use) {
        if (cur_.kind != token_kind::identifier) return fail(parse_problem::expected_label, cur_.at);
        use = {cur_.text, cur_.at};
        advance();
    }
    /// `#name` / `name` for an extension or the length; sets code/k. False if it is not one.
    constexpr bool named_value(std::uint16_t size, bool allow_length, pending_instruction& p) {
        if (cur_.kind != token_kind::identifier) return false;
        std::uint32_t offset = 0;
        if (allow_length && is_length_name(cur_.text)) {
            p.code = bpf::ld | bpf::w | bpf::len;
        } else if (extension_named(cur_.text, offset)) {
            p.code = static_cast<std::uint16_t>(bpf::ld | size | bpf::abs);
            p.k = ancillary_offset + offset;
        } else {
            return false;
        }
        advance();
        return true;
    }
    /// `[k]`, `[x + k]`, `[%x + k]`, `[name]` (tcpdump's spelling of an extension).
    constexpr void bracket_load(std::uint16_t size, pending_instruction& p) {
        advance();  // '['
        if (x_register()) {
            if (!expect('+')) return;
            p.code = static_cast<std::uint16_t>(bpf::ld | size | bpf::ind);
            if (!number(p.k)) return;
        } else if (cur_.kind == token_kind::identifier) {
            if (!named_value(size, false, p)) return fail(parse_problem::bad_operand, cur_.at);
        } else {
            p.code = static_cast<std::uint16_t>(bpf::ld | size | bpf::abs);
            if (!number(p.k)) return;
        }
        expect(']');
    }
    /// `M[k]`.
    constexpr bool memory(std::uint32_t& k) {
        if (!is_word("m")) return false;
        advance();
        if (!expect('[')) return true;
        if (number(k)) expect(']');
        return true;
    }
    /// `4*([k]&0xf)`.
    constexpr void msh(pending_instruction& p) {
        std::uint32_t four = 0, mask = 0;
        const text_position at = cur_.at;
        if (!number(four) || !expect('*') || !expect('(') || !expect('[') || !number(p.k) || !expect(']') ||
            !expect('&') || !number(mask) || !expect(')'))
            return;
        if (four != 4 || mask != 0xf) return fail(parse_problem::bad_operand, at);
        p.code = bpf::ldx | bpf::b | bpf::msh;
    }

    constexpr void instruction(const token& word, pending_instruction& p) {
        const std::string_view w = word.text;
        const auto alu_op = [&](std::uint16_t op) {
            if (x_register()) {
                p.code = static_cast<std::uint16_t>(bpf::alu | op | bpf::x);
            } else if (is_punct('#')) {
                advance();
                p.code = static_cast<std::uint16_t>(bpf::alu | op | bpf::k);
                number(p.k);
            } else {
                fail(parse_problem::bad_operand, cur_.at);
            }
        };
        const auto jump_op = [&](std::uint16_t op, bool swapped) {
            if (x_register()) {
                p.code = static_cast<std::uint16_t>(bpf::jmp | op | bpf::x);
            } else if (is_punct('#')) {
                advance();
                p.code = static_cast<std::uint16_t>(bpf::jmp | op | bpf::k);
                if (!number(p.k)) return;
            } else {
                return fail(parse_problem::bad_operand, cur_.at);
            }
            if (!expect(',')) return;
            label_use first{}, second{};
            label(first);
            if (ok() && is_punct(',')) {
                advance();
                label(second);
            }
            if (swapped) {  // jneq/jlt/jle L: jump to L when the test fails; a second label is for "true"
                p.jf = first;
                p.jt = second;
            } else {
                p.jt = first;
                p.jf = second;
            }
        };
        if (same_word(w, "ld")) {
            if (is_punct('#')) {
                advance();
                if (named_value(bpf::w, true, p)) return;
                p.code = bpf::ld | bpf::imm;
                number(p.k);
            } else if (is_punct('[')) {
                bracket_load(bpf::w, p);
            } else if (memory(p.k)) {
                p.code = bpf::ld | bpf::mem;
            } else if (!named_value(bpf::w, true, p)) {
                fail(parse_problem::bad_operand, cur_.at);
            }
        } else if (same_word(w, "ldh") || same_word(w, "ldb")) {
            const std::uint16_t size = same_word(w, "ldh") ? bpf::h : bpf::b;
            if (is_punct('[')) {
                bracket_load(size, p);
            } else {
                if (is_punct('#')) advance();
                if (!named_value(size, false, p)) fail(parse_problem::bad_operand, cur_.at);
            }
        } else if (same_word(w, "ldi") || same_word(w, "ldxi")) {
            if (is_punct('#')) advance();
            p.code = same_word(w, "ldi") ? bpf::ld | bpf::imm : bpf::ldx | bpf::imm;
            number(p.k);
        } else if (same_word(w, "ldx")) {
            if (is_punct('#')) {
                advance();
                if (cur_.kind == token_kind::identifier && is_length_name(cur_.text)) {
                    p.code = bpf::ldx | bpf::w | bpf::len;
                    advance();
                } else {
                    p.code = bpf::ldx | bpf::imm;
                    number(p.k);
                }
            } else if (cur_.kind == token_kind::identifier && is_length_name(cur_.text)) {
                p.code = bpf::ldx | bpf::w | bpf::len;
                advance();
            } else if (memory(p.k)) {
                p.code = bpf::ldx | bpf::mem;
            } else {
                msh(p);
            }
        } else if (same_word(w, "ldxb")) {
            msh(p);
        } else if (same_word(w, "st") || same_word(w, "stx")) {
            p.code = same_word(w, "st") ? bpf::st : bpf::stx;
            if (!memory(p.k)) fail(parse_problem::bad_operand, cur_.at);
        } else if (same_word(w, "ja") || same_word(w, "jmp")) {
            p.code = bpf::jmp | bpf::ja;
            label(p.jt);
        } else if (const operation_entry* e = find_operation(w)) {
            if (e->jump)
                jump_op(e->op, e->swapped);
            else
                alu_op(e->op);
        } else if (same_word(w, "neg")) {
            p.code = bpf::alu | bpf::neg;
        } else if (same_word(w, "tax")) {
            p.code = bpf::misc | bpf::tax;
        } else if (same_word(w, "txa")) {
            p.code = bpf::misc | bpf::txa;
        } else if (same_word(w, "ret")) {
            if (is_punct('%')) {
                advance();
                if (!is_word("a") && !is_word("x")) return fail(parse_problem::bad_operand, cur_.at);
            }
            if (is_word("a")) {
                p.code = bpf::ret | bpf::a;
                advance();
            } else if (is_word("x")) {
                p.code = bpf::ret | bpf::x;  // bpf_asm accepts it; the kernel does not
                advance();
            } else if (is_punct('#')) {
                advance();
                p.code = bpf::ret | bpf::k;
                number(p.k);
            } else {
                fail(parse_problem::bad_operand, cur_.at);
            }
        } else {
            fail(parse_problem::unknown_mnemonic, word.at);
        }
    }
};

constexpr bool same_name(std::string_view a, std::string_view b) noexcept {
    const std::size_t n = a.size();
    if (n != b.size()) return false;
    const char* p = a.data();
    const char* q = b.data();
    for (std::size_t i = 0; i < n; ++i)
        if (p[i] != q[i]) return false;
    return true;
}
constexpr std::uint32_t name_hash(std::string_view name) noexcept {
    const char* p = name.data();
    std::uint32_t h = 2166136261u;
    for (std::size_t i = 0, n = name.size(); i < n; ++i) h = (h ^ static_cast<unsigned char>(p[i])) * 16777619u;
    return h;
}

/// Resolves labels, relaxes far conditional jumps with `ja` trampolines, encodes the image.
/// Labels go into an open-addressing table (sorting strings costs too much in constant
/// evaluation): linear in the number of labels and jumps.
constexpr void lay_out(assembly& a, parsed_text_buffers& out) {
    const std::size_t n = a.count;
    std::size_t capacity = 16;
    while (capacity < 2 * a.label_count + 1) capacity *= 2;
    std::uint32_t slots[2 * max_instructions * 2];  // label index + 1; 0 is empty
    for (std::size_t i = 0; i < capacity; ++i) slots[i] = 0;
    for (std::size_t l = 0; l < a.label_count; ++l) {
        std::size_t i = name_hash(a.labels[l].name) & (capacity - 1);
        for (; slots[i] != 0; i = (i + 1) & (capacity - 1)) {
            if (same_name(a.labels[slots[i] - 1].name, a.labels[l].name)) {
                out.problem = parse_problem::duplicate_label;
                out.where = a.labels[l].at;  // the later definition
                return;
            }
        }
        slots[i] = static_cast<std::uint32_t>(l + 1);
    }
    const auto find = [&](const label_use& use, std::size_t i, std::uint32_t& target) {
        if (use.name.empty()) {
            target = static_cast<std::uint32_t>(i + 1);
            return true;
        }
        std::size_t s = name_hash(use.name) & (capacity - 1);
        while (slots[s] != 0 && !same_name(a.labels[slots[s] - 1].name, use.name)) s = (s + 1) & (capacity - 1);
        if (slots[s] == 0) {
            out.problem = parse_problem::unknown_label;
            out.where = use.at;
            return false;
        }
        const label_definition& def = a.labels[slots[s] - 1];
        if (def.index <= i) {
            out.problem = parse_problem::backward_jump;
            out.where = use.at;
            return false;
        }
        target = def.index;
        return true;
    };
    for (std::size_t i = 0; i < n; ++i) {
        const pending_instruction& p = a.code[i];
        a.extra[i] = 0;
        if (bpf::class_of(p.code) != bpf::jmp) continue;
        if (!find(p.jt, i, a.target_t[i])) return;
        if (bpf::op_of(p.code) != bpf::ja && !find(p.jf, i, a.target_f[i])) return;
    }
    // Relaxation: sizes only grow (a trampoline after a conditional jump per far target), so
    // this reaches a fixed point; each round is linear.
    for (bool changed = true; changed;) {
        changed = false;
        std::uint32_t at = 0;
        for (std::size_t i = 0; i < n; ++i) {
            a.position[i] = at;
            at += 1u + a.extra[i];
        }
        a.position[n] = at;
        if (at > max_instructions) {
            out.problem = parse_problem::too_many_instructions;
            out.where = a.code[n - 1].at;
            return;
        }
        for (std::size_t i = 0; i < n; ++i) {
            const pending_instruction& p = a.code[i];
            if (bpf::class_of(p.code) != bpf::jmp || bpf::op_of(p.code) == bpf::ja) continue;
            const std::uint32_t from = a.position[i] + 1;
            const std::uint8_t far = static_cast<std::uint8_t>((a.position[a.target_t[i]] - from > 255 ? 1 : 0) +
                                                               (a.position[a.target_f[i]] - from > 255 ? 1 : 0));
            if (far > a.extra[i]) {
                a.extra[i] = far;
                changed = true;
            }
        }
    }
    // Encode: a far target is reached through a trampoline right after the jump (true first).
    std::size_t o = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const pending_instruction& p = a.code[i];
        const std::uint32_t from = a.position[i] + 1;
        sock_filter f{p.code, 0, 0, p.k};
        out.origin[o] = p.at;
        if (p.code == (bpf::jmp | bpf::ja)) {
            f.k = a.position[a.target_t[i]] - from;
            out.image[o++] = f;
        } else if (bpf::class_of(p.code) == bpf::jmp) {
            const std::uint32_t t = a.position[a.target_t[i]] - from, fl = a.position[a.target_f[i]] - from;
            std::uint8_t slot = 0;
            f.jt = static_cast<std::uint8_t>(t > 255 ? slot++ : t);
            f.jf = static_cast<std::uint8_t>(fl > 255 ? slot++ : fl);
            out.image[o++] = f;
            const auto trampoline = [&](std::uint32_t target, text_position at) {
                out.image[o] =
                    sock_filter{bpf::jmp | bpf::ja, 0, 0, a.position[target] - static_cast<std::uint32_t>(o + 1)};
                out.origin[o++] = at;
            };
            if (t > 255) trampoline(a.target_t[i], p.jt.at);
            if (fl > 255) trampoline(a.target_f[i], p.jf.at);
        } else {
            out.image[o++] = f;
        }
    }
    out.size = o;
}

/// -dd, -ddd and bytecode images: numbers and separators, with positions.
/// Where an image reader writes, and how far it got (resumable like parse_sink).
struct image_sink {
    sock_filter* image;
    text_position* origin;
    std::size_t capacity;
    std::size_t first_index = 0;
    std::size_t count = 0;
    bool counted = false;        ///< -ddd/bytecode: the count has been read
    std::uint32_t expected = 0;  ///< that count
    text_position count_at{0, 0};
    bool done = false;
    lex_state resume{};
    parse_problem problem = parse_problem::none;
    text_position where{0, 0};
};

class image_reader {
public:
    constexpr image_reader(std::string_view s, image_sink& out, lex_state from = {})
        : s_(s.data()), n_(s.size()), out_(out), pos_(from.pos), line_start_(from.line_start), line_(from.line) {}

    constexpr void dd() {
        skip();
        while (ok() && pos_ < n_) {
            if (full()) return;
            const text_position at = here();
            if (!punct('{')) return;
            std::uint32_t v[4]{};
            for (int i = 0; i < 4 && ok(); ++i) {
                if (i > 0 && !punct(',')) return;
                if (!value(v[i], i == 0 ? 0xffffu : i < 3 ? 0xffu : 0xffffffffu)) return;
            }
            if (!punct('}')) return;
            skip();
            if (pos_ < n_ && s_[pos_] == ',') ++pos_;
            if (!add(v, at)) return;
            skip();
        }
        finish();
    }
    constexpr void ddd() { counted_list(false); }
    constexpr void bytecode() { counted_list(true); }
    /// The image format's reader: -dd, -ddd or bytecode.
    constexpr void read(text_format format) {
        if (format == text_format::tcpdump_dd)
            dd();
        else if (format == text_format::tcpdump_ddd)
            ddd();
        else
            bytecode();
    }

private:
    const char* s_;
    std::size_t n_;
    image_sink& out_;
    std::size_t pos_, line_start_;
    std::uint32_t line_;

    constexpr bool ok() const { return out_.problem == parse_problem::none; }
    constexpr text_position here() const { return {line_, static_cast<std::uint32_t>(pos_ - line_start_ + 1)}; }
    constexpr void fail(parse_problem p, text_position at) {
        if (ok()) {
            out_.problem = p;
            out_.where = at;
        }
    }
    /// The sink is full: remember where the next instruction starts.
    constexpr bool full() {
        if (out_.count < out_.capacity) return false;
        out_.resume = lex_state{pos_, line_start_, line_};
        return true;
    }
    /// -ddd ("N" then "code jt jf k" lines) or bytecode ("N,code jt jf k,...").
    constexpr void counted_list(bool commas) {
        if (!out_.counted) {
            skip();
            out_.count_at = here();
            std::uint32_t count = 0;
            if (!value(count, 0xffffffffu)) return;
            if (count > max_instructions) return fail(parse_problem::too_many_instructions, out_.count_at);
            out_.counted = true;
            out_.expected = count;
        }
        while (ok() && out_.first_index + out_.count < out_.expected) {
            if (full()) return;
            skip();
            if (pos_ >= n_) return fail(parse_problem::count_mismatch, out_.count_at);  // fewer than announced
            if (commas && !punct(',')) return;
            skip();
            const text_position at = here();
            std::uint32_t v[4]{};
            for (int j = 0; j < 4 && ok(); ++j)
                if (!value(v[j], j == 0 ? 0xffffu : j < 3 ? 0xffu : 0xffffffffu)) return;
            if (!add(v, at)) return;
        }
        if (!ok()) return;
        skip();
        if (commas && pos_ < n_ && s_[pos_] == ',') {  // bpf_asm ends the line with a comma
            ++pos_;
            skip();
        }
        if (pos_ < n_) return fail(parse_problem::trailing_text, here());
        finish();
    }
    constexpr void skip() {
        while (pos_ < n_) {
            const char c = s_[pos_];
            if (c == '\n') {
                ++line_;
                line_start_ = pos_ + 1;
            } else if (c != ' ' && c != '\t' && c != '\r') {
                return;
            }
            ++pos_;
        }
    }
    constexpr bool punct(char c) {
        skip();
        if (pos_ >= n_ || s_[pos_] != c) {
            fail(pos_ >= n_ ? parse_problem::expected_number : parse_problem::unexpected_character, here());
            return false;
        }
        ++pos_;
        return true;
    }
    constexpr bool value(std::uint32_t& out, std::uint64_t limit) {
        skip();
        const text_position at = here();
        const std::size_t start = pos_;
        while (pos_ < n_ && (class_of(s_[pos_]) & word)) ++pos_;
        std::uint64_t v = 0;
        if (pos_ == start || !number_value(std::string_view(s_ + start, pos_ - start), v)) {
            fail(parse_problem::expected_number, at);
            return false;
        }
        if (v > limit) {
            fail(parse_problem::number_out_of_range, at);
            return false;
        }
        out = static_cast<std::uint32_t>(v);
        return true;
    }
    constexpr bool add(const std::uint32_t (&v)[4], text_position at) {
        if (out_.first_index + out_.count >= max_instructions) {
            fail(parse_problem::too_many_instructions, at);
            return false;
        }
        out_.origin[out_.count] = at;
        out_.image[out_.count++] = sock_filter{static_cast<std::uint16_t>(v[0]), static_cast<std::uint8_t>(v[1]),
                                               static_cast<std::uint8_t>(v[2]), v[3]};
        return true;
    }
    constexpr void finish() {
        out_.done = true;
        if (ok() && out_.first_index + out_.count == 0) fail(parse_problem::empty_program, here());
    }
};

}  // namespace detail

namespace detail {
/// bpf_asm source into an assembly, then laid out (one evaluation, up to 4096 instructions).
constexpr void assemble_into(std::string_view text, assembly& a, parsed_text_buffers& out) {
    parse_sink sink{a.code, max_instructions, a.labels, max_instructions};
    asm_parser(text, sink).run();
    a.count = sink.count;
    a.label_count = sink.label_count;
    out.problem = sink.problem;
    out.where = sink.where;
    if (out) lay_out(a, out);
}

/// Parses into caller-provided buffers (the run-time wrapper puts them on the heap).
constexpr void parse_buffers_into(std::string_view text, text_format format, assembly& a, parsed_text_buffers& out) {
    out.size = 0;
    out.problem = parse_problem::none;
    out.where = {0, 0};
    switch (format) {
        case text_format::bpf_asm: assemble_into(text, a, out); break;
        case text_format::tcpdump_dd:
        case text_format::tcpdump_ddd:
        case text_format::bpf_bytecode: {
            image_sink sink{out.image, out.origin, max_instructions};
            image_reader reader(text, sink);
            reader.read(format);
            out.size = sink.count;
            out.problem = sink.problem;
            out.where = sink.where;
            break;
        }
        case text_format::tcpdump_d:
            out.problem = parse_problem::unexpected_character;
            out.where = {1, 1};
            break;
    }
    if (!out) out.size = 0;
}
}  // namespace detail

/// Parses `text` in `format` (tcpdump_d is not an input format). Constexpr, in one evaluation;
/// the result holds up to 4096 instructions and is not verified.
constexpr parsed_text parse_text(std::string_view text, text_format format) {
    detail::assembly a;
    detail::parsed_text_buffers b;
    detail::parse_buffers_into(text, format, a, b);
    parsed_text out;
    for (std::size_t i = 0; i < b.size; ++i) {
        out.image[i] = b.image[i];
        out.origin[i] = b.origin[i];
    }
    out.size = b.size;
    out.problem = b.problem;
    out.where = b.where;
    return out;
}

namespace error {
/// Compile errors of text parsed at compile time: the problem, then line and column.
template <std::uint32_t Line, std::uint32_t Column>
struct unexpected_character_at;
template <std::uint32_t Line, std::uint32_t Column>
struct comment_not_terminated_at;
template <std::uint32_t Line, std::uint32_t Column>
struct expected_instruction_or_label_at;
template <std::uint32_t Line, std::uint32_t Column>
struct unknown_mnemonic_at;
template <std::uint32_t Line, std::uint32_t Column>
struct operand_does_not_fit_the_instruction_at;
template <std::uint32_t Line, std::uint32_t Column>
struct expected_number_at;
template <std::uint32_t Line, std::uint32_t Column>
struct number_out_of_range_at;
template <std::uint32_t Line, std::uint32_t Column>
struct expected_label_at;
template <std::uint32_t Line, std::uint32_t Column>
struct unknown_label_at;
template <std::uint32_t Line, std::uint32_t Column>
struct label_defined_twice_at;
template <std::uint32_t Line, std::uint32_t Column>
struct jump_to_label_not_ahead_at;
template <std::uint32_t Line, std::uint32_t Column>
struct label_after_the_last_instruction_at;
template <std::uint32_t Line, std::uint32_t Column>
struct more_than_4096_instructions_at;
template <std::uint32_t Line, std::uint32_t Column>
struct no_instructions_at;
template <std::uint32_t Line, std::uint32_t Column>
struct instruction_count_does_not_match_at;
template <std::uint32_t Line, std::uint32_t Column>
struct text_after_the_program_at;
/// The kernel's verifier rejects the program: the rule, then where the instruction was written.
template <rule Rule, std::uint32_t Line, std::uint32_t Column>
struct program_rejected_at;
}  // namespace error

namespace detail {

/// What a parse found, without the image: the first of the compile-time evaluations.
struct parse_summary {
    std::size_t size = 0;
    parse_problem problem = parse_problem::none;
    text_position where{0, 0};
};

// ---- compile-time parsing in chunks ------------------------------------------------------
// Compilers bound the work of one constant evaluation (Clang: about a million steps), and a
// 4096-line source needs more than that. So the text is parsed in chunks of 1024 instructions,
// each chunk its own constant evaluation starting where the previous one stopped; the layout
// (labels, trampolines) is one more evaluation over the chunks.

inline constexpr std::size_t chunk_size = 1024;
inline constexpr std::size_t max_chunks = max_instructions / chunk_size + 1;

struct asm_chunk {
    pending_instruction code[chunk_size]{};
    label_definition labels[max_instructions]{};
    std::size_t count = 0, label_count = 0, pending_labels = 0;
    text_position last_label_at{0, 0};
    bool done = false;
    lex_state resume{};
    parse_problem problem = parse_problem::none;
    text_position where{0, 0};
};

struct image_chunk {
    sock_filter image[chunk_size]{};
    text_position origin[chunk_size]{};
    std::size_t count = 0;
    bool counted = false;
    std::uint32_t expected = 0;
    text_position count_at{0, 0};
    bool done = false;
    lex_state resume{};
    parse_problem problem = parse_problem::none;
    text_position where{0, 0};
};

/// Chunk k of a text; `previous` is chunk k-1 (nullptr for the first).
template <class Chunk>
constexpr Chunk parse_chunk(std::string_view text, text_format format, const Chunk* previous, std::size_t first_index) {
    Chunk c{};
    const lex_state from = previous ? previous->resume : lex_state{};
    if constexpr (std::is_same_v<Chunk, asm_chunk>) {
        parse_sink sink{c.code, chunk_size, c.labels, max_instructions};
        sink.first_index = first_index;
        if (previous) {
            sink.pending_labels = previous->pending_labels;
            sink.last_label_at = previous->last_label_at;
        }
        asm_parser(text, sink, from).run();
        c.count = sink.count;
        c.label_count = sink.label_count;
        c.pending_labels = sink.pending_labels;
        c.last_label_at = sink.last_label_at;
        c.done = sink.done;
        c.resume = sink.resume;
        c.problem = sink.problem;
        c.where = sink.where;
    } else {
        image_sink sink{c.image, c.origin, chunk_size};
        sink.first_index = first_index;
        if (previous) {
            sink.counted = previous->counted;
            sink.expected = previous->expected;
            sink.count_at = previous->count_at;
        }
        image_reader reader(text, sink, from);
        reader.read(format);
        c.count = sink.count;
        c.counted = sink.counted;
        c.expected = sink.expected;
        c.count_at = sink.count_at;
        c.done = sink.done;
        c.resume = sink.resume;
        c.problem = sink.problem;
        c.where = sink.where;
    }
    return c;
}

template <text_format Format>
using chunk_t = std::conditional_t<Format == text_format::bpf_asm, asm_chunk, image_chunk>;

template <fixed_string Source, text_format Format, std::size_t K>
inline constexpr chunk_t<Format> chunk_v = [] {
    if constexpr (K == 0)
        return parse_chunk<chunk_t<Format>>(Source.view(), Format, nullptr, 0);
    else
        return parse_chunk<chunk_t<Format>>(Source.view(), Format, &chunk_v<Source, Format, K - 1>, K * chunk_size);
}();

/// How many chunks the text takes (each stops at its capacity, the end of the text or a problem).
template <fixed_string Source, text_format Format, std::size_t K = 0>
consteval std::size_t chunk_count() {
    constexpr const auto& c = chunk_v<Source, Format, K>;
    if constexpr (c.done || c.problem != parse_problem::none || K + 1 >= max_chunks)
        return K + 1;
    else
        return chunk_count<Source, Format, K + 1>();
}

/// Gathers the chunks into one program (laid out, for bpf_asm) and hands it to `use`.
template <fixed_string Source, text_format Format, class Use>
constexpr auto finish_chunks(Use use) {
    constexpr std::size_t n = chunk_count<Source, Format>();
    parsed_text_buffers out;
    out.size = 0;
    out.problem = parse_problem::none;
    out.where = {0, 0};
    const auto take_problem = [&](const auto& c) {
        if (out && c.problem != parse_problem::none) {
            out.problem = c.problem;
            out.where = c.where;
        }
    };
    if constexpr (Format == text_format::bpf_asm) {
        assembly a;
        a.count = 0;
        a.label_count = 0;
        const auto gather = [&](const asm_chunk& c) {
            take_problem(c);
            for (std::size_t i = 0; i < c.count; ++i) a.code[a.count++] = c.code[i];
            for (std::size_t i = 0; i < c.label_count; ++i) a.labels[a.label_count++] = c.labels[i];
        };
        [&]<std::size_t... K>(std::index_sequence<K...>) { (gather(chunk_v<Source, Format, K>), ...); }
        (std::make_index_sequence<n>{});
        if (out && !chunk_v<Source, Format, n - 1>.done) {  // more than the chunks can hold
            out.problem = parse_problem::too_many_instructions;
            out.where = chunk_v<Source, Format, n - 1>.code[chunk_size - 1].at;
        }
        if (out) lay_out(a, out);
    } else {
        const auto gather = [&](const image_chunk& c) {
            take_problem(c);
            for (std::size_t i = 0; i < c.count; ++i) {
                out.image[out.size] = c.image[i];
                out.origin[out.size++] = c.origin[i];
            }
        };
        [&]<std::size_t... K>(std::index_sequence<K...>) { (gather(chunk_v<Source, Format, K>), ...); }
        (std::make_index_sequence<n>{});
    }
    if (!out) out.size = 0;
    return use(out);
}

template <fixed_string Source, text_format Format>
inline constexpr parse_summary summary_v = finish_chunks<Source, Format>([](const parsed_text_buffers& b) {
    return parse_summary{b.size, b.problem, b.where};
});
template <fixed_string Source, text_format Format, std::size_t N>
inline constexpr std::array<sock_filter, N> image_v = finish_chunks<Source, Format>([](const parsed_text_buffers& b) {
    std::array<sock_filter, N> out{};
    for (std::size_t i = 0; i < N; ++i) out[i] = b.image[i];
    return out;
});
template <fixed_string Source, text_format Format, std::size_t Index>
inline constexpr text_position origin_v = finish_chunks<Source, Format>([](const parsed_text_buffers& b) {
    return b.origin[Index];
});

template <parse_problem P, std::uint32_t l, std::uint32_t c>
consteval void report_parse_problem() {
    if constexpr (P == parse_problem::unexpected_character)
        (void)sizeof(error::unexpected_character_at<l, c>);
    else if constexpr (P == parse_problem::unterminated_comment)
        (void)sizeof(error::comment_not_terminated_at<l, c>);
    else if constexpr (P == parse_problem::expected_mnemonic)
        (void)sizeof(error::expected_instruction_or_label_at<l, c>);
    else if constexpr (P == parse_problem::unknown_mnemonic)
        (void)sizeof(error::unknown_mnemonic_at<l, c>);
    else if constexpr (P == parse_problem::bad_operand)
        (void)sizeof(error::operand_does_not_fit_the_instruction_at<l, c>);
    else if constexpr (P == parse_problem::expected_number)
        (void)sizeof(error::expected_number_at<l, c>);
    else if constexpr (P == parse_problem::number_out_of_range)
        (void)sizeof(error::number_out_of_range_at<l, c>);
    else if constexpr (P == parse_problem::expected_label)
        (void)sizeof(error::expected_label_at<l, c>);
    else if constexpr (P == parse_problem::unknown_label)
        (void)sizeof(error::unknown_label_at<l, c>);
    else if constexpr (P == parse_problem::duplicate_label)
        (void)sizeof(error::label_defined_twice_at<l, c>);
    else if constexpr (P == parse_problem::backward_jump)
        (void)sizeof(error::jump_to_label_not_ahead_at<l, c>);
    else if constexpr (P == parse_problem::label_without_instruction)
        (void)sizeof(error::label_after_the_last_instruction_at<l, c>);
    else if constexpr (P == parse_problem::too_many_instructions)
        (void)sizeof(error::more_than_4096_instructions_at<l, c>);
    else if constexpr (P == parse_problem::empty_program)
        (void)sizeof(error::no_instructions_at<l, c>);
    else if constexpr (P == parse_problem::count_mismatch)
        (void)sizeof(error::instruction_count_does_not_match_at<l, c>);
    else if constexpr (P == parse_problem::trailing_text)
        (void)sizeof(error::text_after_the_program_at<l, c>);
}
}  // namespace detail

/// Text parsed at compile time into a verified std::array<sock_filter, N>, N exact: `Format` is
/// bpf_asm source (the default), tcpdump_dd, tcpdump_ddd or bpf_bytecode. Problems are compile
/// errors naming the problem, line and column. (Each step is its own constant evaluation, so a
/// 4096-line source stays within the compilers' default budgets.)
template <fixed_string Source, text_format Format = text_format::bpf_asm, profile Profile = profile::socket_filter>
consteval auto parse() {
    constexpr detail::parse_summary s = detail::summary_v<Source, Format>;
    if constexpr (s.problem != parse_problem::none) {
        detail::report_parse_problem<s.problem, s.where.line, s.where.column>();
        return std::array<sock_filter, 0>{};
    } else {
        constexpr const std::array<sock_filter, s.size>& image = detail::image_v<Source, Format, s.size>;
        constexpr verify_result v = verify(image, Profile);
        if constexpr (!v) {
            constexpr text_position at = detail::origin_v<Source, Format, (v.index < s.size ? v.index : s.size - 1)>;
            (void)sizeof(error::program_rejected_at<v.error, at.line, at.column>);
        }
        return image;
    }
}

/// bpf_asm source assembled at compile time: ctbpf::assemble<"ldh [12]\n...">().
template <fixed_string Source, profile Profile = profile::socket_filter>
consteval auto assemble() {
    return parse<Source, text_format::bpf_asm, Profile>();
}

}  // namespace ctbpf
