// ctbpf/parse/bpf_asm.hpp — the bpf_asm language (the kernel's tools/bpf assembler, with tcpdump's
// spellings of the extensions) into builder instructions and label definitions, ready for the
// linker. Table-driven: each mnemonic names its operand syntax. Stops where a chunk is full and
// records where to go on (asm_progress), so that compile-time parsing can take several
// constant evaluations. Errors carry the position of the offending token; a token missing at the
// end of a line is reported just after the token before it.
// Usage (internal): detail::asm_parser(text, sink, progress).run();
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "../detail/config.hpp"
#include "../builders.hpp"
#include "../compiler/link.hpp"
#include "../encoding.hpp"
#include "lexer.hpp"
#include "problems.hpp"

namespace CTBPF_NAMESPACE::detail {

/// Where the parts of one instruction were written: the mnemonic and the two jump targets.
struct source_positions {
    text_position at, jt, jf;
};

/// Where the parser writes: instruction and label tables and their capacities (a whole program,
/// or one chunk of a compile-time parse).
struct asm_sink {
    instruction* code;
    source_positions* where;
    std::size_t code_capacity;
    label_definition* labels;
    text_position* label_at;
    std::size_t label_capacity;
    std::size_t count = 0;
    std::size_t label_count = 0;
};

/// How far parsing got: enough to go on in the next chunk.
struct asm_progress : first_problem {
    lex_state lex{};
    std::uint32_t instructions = 0;    ///< in all chunks so far
    std::uint32_t labels = 0;          ///< likewise
    std::uint32_t pending_labels = 0;  ///< labels not yet followed by an instruction
    text_position last_label_at{};
    bool done = false;  ///< the text ended (rather than the chunk)
};

/// The operand syntax of each mnemonic (the grammar, one row per form):
enum class operand_syntax : std::uint8_t {
    load,         ///< ld: #k | #len | #ext | [k] | [x + k] | [ext] | M[k] | len | ext
    load_packet,  ///< ldh ldb: [k] | [x + k] | [ext] | #ext | ext
    immediate,    ///< ldi ldxi: #k | k
    load_index,   ///< ldx: #k | #len | len | M[k] | 4*([k]&0xf)
    load_msh,     ///< ldxb: 4*([k]&0xf)
    store,        ///< st stx: M[k]
    alu,          ///< add sub mul div mod and or xor lsh rsh: #k | x
    none,         ///< neg tax txa
    jump,         ///< ja jmp: label
    conditional,  ///< jeq jgt jge jset jneq jne jlt jle: (#k | x) , label [, label]
    ret,          ///< ret: #k | a | x
};

struct mnemonic_entry {
    std::string_view name;
    operand_syntax syntax;
    std::uint16_t code;    ///< the opcode, or the part the operand does not decide
    bool swapped = false;  ///< jneq/jne/jlt/jle: JEQ/JGE/JGT with the targets swapped
};

inline constexpr mnemonic_entry mnemonics[] = {
    {"ld", operand_syntax::load, bpf::ld | bpf::w},
    {"ldh", operand_syntax::load_packet, bpf::ld | bpf::h},
    {"ldb", operand_syntax::load_packet, bpf::ld | bpf::b},
    {"ldi", operand_syntax::immediate, bpf::ld | bpf::imm},
    {"ldx", operand_syntax::load_index, bpf::ldx},
    {"ldxi", operand_syntax::immediate, bpf::ldx | bpf::imm},
    {"ldxb", operand_syntax::load_msh, bpf::ldx | bpf::b | bpf::msh},
    {"st", operand_syntax::store, bpf::st},
    {"stx", operand_syntax::store, bpf::stx},
    {"add", operand_syntax::alu, bpf::alu | bpf::add},
    {"sub", operand_syntax::alu, bpf::alu | bpf::sub},
    {"mul", operand_syntax::alu, bpf::alu | bpf::mul},
    {"div", operand_syntax::alu, bpf::alu | bpf::div},
    {"mod", operand_syntax::alu, bpf::alu | bpf::mod},
    {"and", operand_syntax::alu, bpf::alu | bpf::and_},
    {"or", operand_syntax::alu, bpf::alu | bpf::or_},
    {"xor", operand_syntax::alu, bpf::alu | bpf::xor_},
    {"lsh", operand_syntax::alu, bpf::alu | bpf::lsh},
    {"rsh", operand_syntax::alu, bpf::alu | bpf::rsh},
    {"neg", operand_syntax::none, bpf::alu | bpf::neg},
    {"tax", operand_syntax::none, bpf::misc | bpf::tax},
    {"txa", operand_syntax::none, bpf::misc | bpf::txa},
    {"ja", operand_syntax::jump, bpf::jmp | bpf::ja},
    {"jmp", operand_syntax::jump, bpf::jmp | bpf::ja},
    {"jeq", operand_syntax::conditional, bpf::jmp | bpf::jeq},
    {"jgt", operand_syntax::conditional, bpf::jmp | bpf::jgt},
    {"jge", operand_syntax::conditional, bpf::jmp | bpf::jge},
    {"jset", operand_syntax::conditional, bpf::jmp | bpf::jset},
    {"jneq", operand_syntax::conditional, bpf::jmp | bpf::jeq, true},
    {"jne", operand_syntax::conditional, bpf::jmp | bpf::jeq, true},
    {"jlt", operand_syntax::conditional, bpf::jmp | bpf::jge, true},
    {"jle", operand_syntax::conditional, bpf::jmp | bpf::jgt, true},
    {"ret", operand_syntax::ret, bpf::ret},
};

/// Mnemonics (at most 4 letters) are found by their letters packed into an integer (`| 0x20`
/// folds the case of the letters of a word token), through a hash table built at compile time:
/// a few steps of a constant evaluation per line.
constexpr std::uint32_t packed_word(const char* p, std::size_t n) noexcept {
    std::uint32_t key = 0;
    for (std::size_t i = 0; i < n; ++i) key = key << 8 | (static_cast<unsigned char>(p[i]) | 0x20u);  // lower case
    return key;
}
constexpr std::uint32_t mnemonic_slot(std::uint32_t key) noexcept { return (key * 2654435761u) >> 25; }  // 0..127
struct mnemonic_slots {
    std::uint32_t key[128];
    std::uint8_t index[128];
};
inline constexpr mnemonic_slots mnemonic_table = [] {
    mnemonic_slots t{};
    for (std::size_t i = 0; i < std::size(mnemonics); ++i) {
        const std::uint32_t key = packed_word(mnemonics[i].name.data(), mnemonics[i].name.size());
        std::uint32_t s = mnemonic_slot(key);
        while (t.key[s] != 0) s = (s + 1) & 127;
        t.key[s] = key;
        t.index[s] = static_cast<std::uint8_t>(i);
    }
    return t;
}();
constexpr const mnemonic_entry* find_mnemonic(const char* p, std::size_t n) noexcept {
    if (n > 4) return nullptr;
    const std::uint32_t key = packed_word(p, n);
    std::uint32_t s = mnemonic_slot(key);
    while (mnemonic_table.key[s] != key && mnemonic_table.key[s] != 0) s = (s + 1) & 127;
    return mnemonic_table.key[s] == key ? &mnemonics[mnemonic_table.index[s]] : nullptr;
}

/// The extension names of bpf_asm and of tcpdump -d, as offsets from SKF_AD_OFF.
struct extension_name {
    std::string_view name;
    ext e;
};
inline constexpr extension_name extension_names[] = {
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
constexpr const extension_name* find_extension(std::string_view word) noexcept {
    for (const extension_name& e : extension_names)
        if (same_word(word, e.name)) return &e;
    return nullptr;
}
constexpr bool is_length_name(std::string_view w) noexcept { return same_word(w, "len") || same_word(w, "pktlen"); }

class asm_parser {
public:
    constexpr asm_parser(std::string_view s, asm_sink& out, asm_progress& progress)
        : lex_(s, progress.lex), out_(out), pr_(progress) {
        advance();
    }

    /// Parses until the text ends, a problem, or the sink is full (then progress.lex says where
    /// the next statement starts).
    constexpr void run() {
        while (ok() && cur_.kind != token_kind::end) {
            if (cur_.kind != token_kind::identifier) return (void)fail(parse_problem::expected_mnemonic, cur_.at);
            const lex_state before_word = lex_.before_last();
            const token word = cur_;
            advance();
            // A full chunk stops before the statement (the next chunk goes on from there); at the
            // program's limits the statement is parsed, to report the limit where it is passed.
            if (is_punct(':')) {
                if (out_.label_count == out_.label_capacity && pr_.labels < max_instructions)
                    return (void)(pr_.lex = before_word);
                define_label(word);
            } else {
                if (out_.count == out_.code_capacity && pr_.instructions < max_instructions)
                    return (void)(pr_.lex = before_word);
                statement(word);
            }
        }
        if (!ok()) return;
        pr_.done = true;
        if (pr_.pending_labels > 0) return (void)fail(parse_problem::label_without_instruction, pr_.last_label_at);
        if (pr_.instructions == 0) fail(parse_problem::empty_program, cur_.at);
    }

private:
    lexer lex_;
    asm_sink& out_;
    asm_progress& pr_;
    token cur_{}, prev_{};

    constexpr bool ok() const { return pr_.ok(); }
    constexpr bool fail(parse_problem p, text_position at) { return pr_.fail(p, at); }
    /// Something else was needed here: at the offending token if it is on the same line,
    /// otherwise (a new line or the end of the text) just after the token before it.
    constexpr bool fail_expected(parse_problem p) {
        const bool same_line = cur_.kind != token_kind::end && cur_.at.line == prev_.at.line;
        return fail(p, same_line ? cur_.at : prev_.after());
    }
    constexpr void advance() {
        prev_ = cur_;
        cur_ = lex_.next();
        if (lex_.problem != parse_problem::none) fail(lex_.problem, lex_.problem_at);
    }
    constexpr bool is_punct(char p) const { return cur_.kind == token_kind::punct && cur_.punct == p; }
    /// The one-letter words: registers `a` and `x`, scratch memory `M`.
    constexpr bool is_letter(char lower_case) const {
        return cur_.kind == token_kind::identifier && cur_.size == 1 && (cur_.text[0] | 0x20) == lower_case;
    }
    constexpr bool accept(char p) {
        if (!is_punct(p)) return false;
        advance();
        return true;
    }
    constexpr bool expect(char p, parse_problem missing) { return accept(p) || fail_expected(missing); }

    constexpr void define_label(const token& name) {
        advance();  // ':'
        if (pr_.labels >= max_instructions) return (void)fail(parse_problem::too_many_labels, name.at);
        out_.labels[out_.label_count] = {name.view(), pr_.instructions};
        out_.label_at[out_.label_count++] = name.at;
        ++pr_.labels;
        ++pr_.pending_labels;
        pr_.last_label_at = name.at;
    }

    constexpr void statement(const token& word) {
        if (pr_.instructions >= max_instructions) return (void)fail(parse_problem::too_many_instructions, word.at);
        const mnemonic_entry* m = find_mnemonic(word.text, word.size);
        if (m == nullptr) return (void)fail(parse_problem::unknown_mnemonic, word.at);
        instruction& p = out_.code[out_.count];
        source_positions& at = out_.where[out_.count];
        p = instruction{m->code, 0, {}, {}, false, 0, 0};
        at = source_positions{word.at, word.at, word.at};
        operands(*m, p, at);
        if (!ok()) return;
        ++out_.count;
        ++pr_.instructions;
        pr_.pending_labels = 0;
    }

    constexpr void operands(const mnemonic_entry& m, instruction& p, source_positions& at) {
        switch (m.syntax) {
            case operand_syntax::load: return load(p);
            case operand_syntax::load_packet: return load_packet(p);
            case operand_syntax::immediate: accept('#'); return (void)number(p.k);
            case operand_syntax::load_index: return load_index(p);
            case operand_syntax::load_msh: return msh(p);
            case operand_syntax::store:
                if (!memory(p.k)) fail_expected(parse_problem::expected_memory_operand);
                return;
            case operand_syntax::alu: return (void)constant_or_x(p);
            case operand_syntax::none: return;
            case operand_syntax::jump: return (void)label(p.jt, at.jt);
            case operand_syntax::conditional: return conditional(m, p, at);
            case operand_syntax::ret: return ret(p);
        }
    }

    /// [+|-] number, as a 32-bit value (negative decimals in two's complement).
    constexpr bool number(std::uint32_t& out) {
        const text_position at = cur_.at;
        const bool negative = is_punct('-');
        if (negative || is_punct('+')) advance();
        std::uint64_t v = 0;
        if (cur_.kind != token_kind::number) return fail_expected(parse_problem::expected_number);
        if (!number_value(cur_.view(), v)) return fail(parse_problem::expected_number, cur_.at);
        if (negative ? v > 0x80000000ull : v > 0xffffffffull) return fail(parse_problem::number_out_of_range, at);
        out = negative ? static_cast<std::uint32_t>(0u - static_cast<std::uint32_t>(v)) : static_cast<std::uint32_t>(v);
        advance();
        return true;
    }
    /// `x` or `%x` (true when there); `%` followed by anything else is an error.
    constexpr bool x_register() {
        if (accept('%') && !is_letter('x')) return fail_expected(parse_problem::expected_register);
        if (!is_letter('x')) return false;
        advance();
        return true;
    }
    /// `#k` or `x`, for the ALU and the conditional jumps: the opcode gets its K or X bit.
    constexpr bool constant_or_x(instruction& p) {
        if (x_register()) {
            p.code = static_cast<std::uint16_t>(p.code | bpf::x);
            return true;
        }
        if (!ok()) return false;
        if (!accept('#')) return fail_expected(parse_problem::expected_constant_or_x);
        return number(p.k);
    }
    constexpr bool label(target& t, text_position& at) {
        if (cur_.kind != token_kind::identifier) return fail_expected(parse_problem::expected_label);
        t = target(cur_.view());
        at = cur_.at;
        advance();
        return true;
    }
    /// An extension (or, for ld, the length) by name: sets code and k; false if not one.
    constexpr bool named(std::uint16_t size, bool length_allowed, instruction& p) {
        if (cur_.kind != token_kind::identifier) return false;
        if (length_allowed && is_length_name(cur_.view())) {
            p.code = bpf::ld | bpf::w | bpf::len;
        } else if (const extension_name* e = find_extension(cur_.view())) {
            p.code = static_cast<std::uint16_t>(bpf::ld | size | bpf::abs);
            p.k = ancillary_offset + static_cast<std::uint32_t>(e->e);
        } else {
            return false;
        }
        advance();
        return true;
    }
    /// `M[k]`: true when the operand starts with M (errors inside are reported).
    constexpr bool memory(std::uint32_t& k) {
        if (!is_letter('m')) return false;
        advance();
        if (expect('[', parse_problem::expected_open_bracket) && number(k))
            expect(']', parse_problem::expected_close_bracket);
        return true;
    }
    /// `[k]`, `[x + k]`, `[%x + k]`, `[name]` (tcpdump's spelling of an extension).
    constexpr void bracket(std::uint16_t size, instruction& p, parse_problem wrong) {
        advance();  // '['
        if (x_register()) {
            p.code = static_cast<std::uint16_t>(bpf::ld | size | bpf::ind);
            if (!expect('+', parse_problem::expected_plus) || !number(p.k)) return;
        } else if (!ok()) {
            return;
        } else if (cur_.kind == token_kind::identifier) {
            if (!named(size, false, p)) return (void)fail(wrong, cur_.at);
        } else {
            p.code = static_cast<std::uint16_t>(bpf::ld | size | bpf::abs);
            if (!number(p.k)) return;
        }
        expect(']', parse_problem::expected_close_bracket);
    }
    constexpr void load(instruction& p) {
        if (accept('#')) {
            if (cur_.kind == token_kind::identifier && cur_.at.line == prev_.at.line) {
                if (!named(bpf::w, true, p)) fail(parse_problem::expected_load_operand, cur_.at);
                return;
            }
            p.code = bpf::ld | bpf::imm;
            return (void)number(p.k);
        }
        if (is_punct('[')) return bracket(bpf::w, p, parse_problem::expected_load_operand);
        if (memory(p.k)) {
            p.code = bpf::ld | bpf::mem;
            return;
        }
        if (!named(bpf::w, true, p)) fail_expected(parse_problem::expected_load_operand);
    }
    constexpr void load_packet(instruction& p) {
        const std::uint16_t size = bpf::size_of(p.code);
        if (is_punct('[')) return bracket(size, p, parse_problem::expected_packet_operand);
        accept('#');
        if (!named(size, false, p)) fail_expected(parse_problem::expected_packet_operand);
    }
    constexpr void load_index(instruction& p) {
        const bool hash = accept('#');
        if (cur_.kind == token_kind::identifier && is_length_name(cur_.view())) {
            p.code = bpf::ldx | bpf::w | bpf::len;
            return advance();
        }
        if (hash) {
            p.code = bpf::ldx | bpf::imm;
            return (void)number(p.k);
        }
        if (memory(p.k)) {
            p.code = bpf::ldx | bpf::mem;
            return;
        }
        if (cur_.kind == token_kind::number) return msh(p);
        fail_expected(parse_problem::expected_index_operand);
    }
    /// `4*([k]&0xf)`, the only form of the MSH load.
    constexpr void msh(instruction& p) {
        std::uint32_t four = 0, mask = 0;
        const text_position at = cur_.at;
        using enum parse_problem;
        if (!number(four) || !expect('*', expected_star) || !expect('(', expected_open_parenthesis) ||
            !expect('[', expected_open_bracket) || !number(p.k) || !expect(']', expected_close_bracket) ||
            !expect('&', expected_ampersand) || !number(mask) || !expect(')', expected_close_parenthesis))
            return;
        if (four != 4 || mask != 0xf) return (void)fail(msh_is_4_times_low_nibble, at);
        p.code = bpf::ldx | bpf::b | bpf::msh;
    }
    /// `jeq #k, t[, f]`; jneq/jne/jlt/jle L go to L when the test fails (a second label, a ctbpf
    /// extension, is where to go when it holds). A missing target is the next instruction.
    constexpr void conditional(const mnemonic_entry& m, instruction& p, source_positions& at) {
        if (!constant_or_x(p) || !expect(',', parse_problem::expected_comma_before_target)) return;
        target first{}, second{};
        text_position first_at = at.at, second_at = at.at;
        if (!label(first, first_at)) return;
        if (accept(',')) {
            if (!label(second, second_at)) return;
        } else if (cur_.kind == token_kind::identifier && cur_.at.line == prev_.at.line &&
                   find_mnemonic(cur_.text, cur_.size) == nullptr) {
            return (void)fail(parse_problem::expected_comma_between_targets, cur_.at);
        }
        p.jt = m.swapped ? second : first;
        p.jf = m.swapped ? first : second;
        at.jt = m.swapped ? second_at : first_at;
        at.jf = m.swapped ? first_at : second_at;
    }
    constexpr void ret(instruction& p) {
        if (accept('%') && !is_letter('a') && !is_letter('x'))
            return (void)fail_expected(parse_problem::expected_register);
        if (is_letter('a') || is_letter('x')) {
            p.code = is_letter('a') ? bpf::ret | bpf::a : bpf::ret | bpf::x;  // ret x: bpf_asm has it, the kernel not
            return advance();
        }
        if (!accept('#')) return (void)fail_expected(parse_problem::expected_return_value);
        p.code = bpf::ret | bpf::k;
        number(p.k);
    }
};

}  // namespace CTBPF_NAMESPACE::detail
