// Text input cases: sources with the image they must give, and wrong sources with the problem
// and position they must report. Each is a static_assert (tests/static/parse_static.cpp) and a
// run-time test through parse_program (tests/unit/parse_test.cpp).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <ctbpf/parse.hpp>

namespace cases {

inline constexpr std::string_view arp_source = R"(
; ARP only (the kernel's Documentation/networking/filter.rst example)
  ldh [12]
  jeq #0x806, ok, drop
ok:   ret #4096
drop: ret #0
)";

/// Every mnemonic and operand form of bpf_asm, with tcpdump's extension spellings mixed in.
inline constexpr std::string_view every_form = R"(/* every form
   of the language */
# a comment line
start:
  ldb #type
  ldh vlan_pr
  ldh [vlanp]
  ld [xor_x]
  ld random
  ld #rand
  ld [4293918720]
  ld #pktlen
  ld len
  ldx len
  ldx #len
  LD [%x + -1]
  ldb [x+2]
  ldi 0xdeadbeef
  ldxi #07
  ldxb 4*([14]&0xf)
  ldx 4*([0x0e]&0xf)
  st M[5]
  stx m[6]
  ld M[5]
  ldx M[6]
  ldx #0b101
  add #-5
  sub %x
  mul #0B11
  div x
  mod #7
  and #0xf
  or x
  xor #0xff
  lsh #3
  rsh x
  neg
  tax
  txa
  jmp over
over: ja end
  jgt #0xffffffff, next, end
next: jset x, end
  jneq #3, end
  jne x, end, end
  jlt #3, end
  jle x, end
end: ret a
)";

/// The image every_form must give (encoded by hand from the bpf_asm grammar).
inline constexpr std::array<ctbpf::sock_filter, 44> every_form_image{{
    {0x30, 0, 0, 0xfffff004}, {0x28, 0, 0, 0xfffff030}, {0x28, 0, 0, 0xfffff030}, {0x20, 0, 0, 0xfffff028},
    {0x20, 0, 0, 0xfffff038}, {0x20, 0, 0, 0xfffff038}, {0x20, 0, 0, 0xfff00000}, {0x80, 0, 0, 0},
    {0x80, 0, 0, 0},          {0x81, 0, 0, 0},          {0x81, 0, 0, 0},          {0x40, 0, 0, 0xffffffff},
    {0x50, 0, 0, 2},          {0x00, 0, 0, 0xdeadbeef}, {0x01, 0, 0, 7},          {0xb1, 0, 0, 14},
    {0xb1, 0, 0, 14},         {0x02, 0, 0, 5},          {0x03, 0, 0, 6},          {0x60, 0, 0, 5},
    {0x61, 0, 0, 6},          {0x01, 0, 0, 5},          {0x04, 0, 0, 0xfffffffb}, {0x1c, 0, 0, 0},
    {0x24, 0, 0, 3},          {0x3c, 0, 0, 0},          {0x94, 0, 0, 7},          {0x54, 0, 0, 0xf},
    {0x4c, 0, 0, 0},          {0xa4, 0, 0, 0xff},       {0x64, 0, 0, 3},          {0x7c, 0, 0, 0},
    {0x84, 0, 0, 0},          {0x07, 0, 0, 0},          {0x87, 0, 0, 0},          {0x05, 0, 0, 0},
    {0x05, 0, 0, 6},          {0x25, 0, 5, 0xffffffff}, {0x4d, 4, 0, 0},          {0x15, 0, 3, 3},
    {0x1d, 2, 2, 0},          {0x35, 0, 1, 3},          {0x2d, 0, 0, 0},          {0x16, 0, 0, 0},
}};

/// A wrong text, the problem and position it must report, and the text corrected (which must
/// parse and verify: the compiling twin of the compile-fail test of the same name).
struct parse_error_case {
    std::string_view name;
    std::string_view source;
    ctbpf::text_format format;
    ctbpf::parse_problem problem;
    std::uint32_t line, column;
    std::string_view fixed;
};

using ctbpf::parse_problem;
inline constexpr auto asm_fmt = ctbpf::text_format::bpf_asm;
inline constexpr auto dd_fmt = ctbpf::text_format::tcpdump_dd;
inline constexpr auto ddd_fmt = ctbpf::text_format::tcpdump_ddd;
inline constexpr auto bytecode_fmt = ctbpf::text_format::bpf_bytecode;
// clang-format off
inline constexpr std::array parse_errors{
    // bpf_asm: the lexer
    parse_error_case{"unexpected character", "ldh [12]\n  ret @0", asm_fmt, parse_problem::unexpected_character, 2, 7, "ldh [12]\n  ret #0"},
    parse_error_case{"unterminated comment", "ret #0\n /* oops", asm_fmt, parse_problem::unterminated_comment, 2, 2, "ret #0\n /* oops */"},
    // statements
    parse_error_case{"number where a mnemonic goes", "ret #0\n12", asm_fmt, parse_problem::expected_mnemonic, 2, 1, "ret #0\n"},
    parse_error_case{"unknown mnemonic", "ldh [12]\n  jump ok\nok: ret #0", asm_fmt, parse_problem::unknown_mnemonic, 2, 3, "ldh [12]\n  jmp ok\nok: ret #0"},
    parse_error_case{"empty source", "  ; nothing\n", asm_fmt, parse_problem::empty_program, 2, 1, "  ; nothing\nret #0"},
    // operands, one row per operand syntax
    parse_error_case{"ld with x", "ld x\nret a", asm_fmt, parse_problem::expected_load_operand, 1, 4, "ld #1\nret a"},
    parse_error_case{"ld with an unknown name", "ld #foo\nret a", asm_fmt, parse_problem::expected_load_operand, 1, 5, "ld #proto\nret a"},
    parse_error_case{"ld at the end of the text", "ret a\nld", asm_fmt, parse_problem::expected_load_operand, 2, 3, "ret a\nld len\nret a"},
    parse_error_case{"ld at the end of a line", "ld\nret a", asm_fmt, parse_problem::expected_load_operand, 1, 3, "ld len\nret a"},
    parse_error_case{"ldh with a constant", "ldh #5\nret a", asm_fmt, parse_problem::expected_packet_operand, 1, 6, "ldh [5]\nret a"},
    parse_error_case{"ldb with an unknown name", "ldb [foo]\nret a", asm_fmt, parse_problem::expected_packet_operand, 1, 6, "ldb [type]\nret a"},
    parse_error_case{"ldx with a packet offset", "ldx [1]\nret a", asm_fmt, parse_problem::expected_index_operand, 1, 5, "ldx #1\nret a"},
    parse_error_case{"st with a constant", "st #5\nret #0", asm_fmt, parse_problem::expected_memory_operand, 1, 4, "st M[5]\nret #0"},
    parse_error_case{"add without hash", "add 5\nret a", asm_fmt, parse_problem::expected_constant_or_x, 1, 5, "add #5\nret a"},
    parse_error_case{"add at the end of the text", "ld #1\nadd", asm_fmt, parse_problem::expected_constant_or_x, 2, 4, "ld #1\nadd x\nret a"},
    parse_error_case{"ret without hash", "ret 5", asm_fmt, parse_problem::expected_return_value, 1, 5, "ret #5"},
    parse_error_case{"percent before no register", "add %y\nret a", asm_fmt, parse_problem::expected_register, 1, 6, "add %x\nret a"},
    // numbers
    parse_error_case{"expected number at the end of a line", "ld #\nret #0", asm_fmt, parse_problem::expected_number, 1, 5, "ld #0\nret #0"},
    parse_error_case{"bad digit", "ld #09\nret #0", asm_fmt, parse_problem::expected_number, 1, 5, "ld #07\nret #0"},
    parse_error_case{"number too large", "ld #0x100000000\nret #0", asm_fmt, parse_problem::number_out_of_range, 1, 5, "ld #0xffffffff\nret #0"},
    // punctuation
    parse_error_case{"M without open bracket", "st M[5]\nld M 5]\nret a", asm_fmt, parse_problem::expected_open_bracket, 2, 6, "st M[5]\nld M[5]\nret a"},
    parse_error_case{"close bracket missing at the end of the text", "ldh [12", asm_fmt, parse_problem::expected_close_bracket, 1, 8, "ldh [12]\nret a"},
    parse_error_case{"close bracket missing at the end of line 3", "ld #1\nld #2\nldb [23\nret a", asm_fmt, parse_problem::expected_close_bracket, 3, 8, "ld #1\nld #2\nldb [23]\nret a"},
    parse_error_case{"plus missing", "ld [x 4]\nret a", asm_fmt, parse_problem::expected_plus, 1, 7, "ld [x + 4]\nret a"},
    parse_error_case{"open parenthesis missing", "ldxb 4*[14]&0xf)\nret a", asm_fmt, parse_problem::expected_open_parenthesis, 1, 8, "ldxb 4*([14]&0xf)\nret a"},
    parse_error_case{"close parenthesis missing at the end of a line", "ldxb 4*([14]&0xf\nret a", asm_fmt, parse_problem::expected_close_parenthesis, 1, 17, "ldxb 4*([14]&0xf)\nret a"},
    parse_error_case{"star missing", "ldxb 4([14]&0xf)\nret a", asm_fmt, parse_problem::expected_star, 1, 7, "ldxb 4*([14]&0xf)\nret a"},
    parse_error_case{"ampersand missing", "ldxb 4*([14]0xf)\nret a", asm_fmt, parse_problem::expected_ampersand, 1, 13, "ldxb 4*([14]&0xf)\nret a"},
    parse_error_case{"ldxb needs 4 and 0xf", "ldxb 4*([14]&0x7)\nret #0", asm_fmt, parse_problem::msh_is_4_times_low_nibble, 1, 6, "ldxb 4*([14]&0xf)\nret #0"},
    // jumps and labels
    parse_error_case{"comma missing before the targets", "ldh [12]\njeq #6 ok, drop\nok: ret #1\ndrop: ret #0", asm_fmt, parse_problem::expected_comma_before_target, 2, 8, "ldh [12]\njeq #6, ok, drop\nok: ret #1\ndrop: ret #0"},
    parse_error_case{"comma missing between the targets", "ldh [12]\njeq #6, ok drop\nok: ret #1\ndrop: ret #0", asm_fmt, parse_problem::expected_comma_between_targets, 2, 12, "ldh [12]\njeq #6, ok, drop\nok: ret #1\ndrop: ret #0"},
    parse_error_case{"expected label", "jeq #1, 5\nret #0", asm_fmt, parse_problem::expected_label, 1, 9, "jeq #1, five\nfive: ret #0"},
    parse_error_case{"ja at the end of the text", "ld #1\nja", asm_fmt, parse_problem::expected_label, 2, 3, "ld #1\nja end\nend: ret a"},
    parse_error_case{"unknown label", "jeq #1, yes, no\nyes: ret #1\nret #0", asm_fmt, parse_problem::unknown_label, 1, 14, "jeq #1, yes, no\nyes: ret #1\nno: ret #0"},
    parse_error_case{"duplicate label", "a1: ld #1\na1: ret a", asm_fmt, parse_problem::duplicate_label, 2, 1, "a1: ld #1\na2: ret a"},
    parse_error_case{"backward jump", "top: ld #1\n ja top\n ret a", asm_fmt, parse_problem::backward_jump, 2, 5, "top: ld #1\n ja next\nnext: ret a"},
    parse_error_case{"jump to itself", "ld #1\nself: ja self\nret a", asm_fmt, parse_problem::backward_jump, 2, 10, "ld #1\nself: ja next\nnext: ret a"},
    parse_error_case{"label at the end", "ret #0\nend:", asm_fmt, parse_problem::label_without_instruction, 2, 1, "ret #0\nend: ret #1"},
    // -dd
    parse_error_case{"-dd: open brace missing", "{ 0x6, 0, 0, 0 },\n 0x6, 0, 0, 0 },", dd_fmt, parse_problem::expected_open_brace, 2, 2, "{ 0x6, 0, 0, 0 },\n{ 0x6, 0, 0, 0 },"},
    parse_error_case{"-dd: close brace missing at the end", "{ 0x6, 0, 0, 0", dd_fmt, parse_problem::expected_close_brace, 1, 15, "{ 0x6, 0, 0, 0 }"},
    parse_error_case{"-dd: comma missing", "{ 0x6 0, 0, 0 },", dd_fmt, parse_problem::expected_comma, 1, 7, "{ 0x6, 0, 0, 0 },"},
    parse_error_case{"-dd: number missing at the end", "{ 0x6, 0, 0,", dd_fmt, parse_problem::expected_number, 1, 13, "{ 0x6, 0, 0, 0 },"},
    parse_error_case{"-dd: jt over 255", "{ 0x15, 256, 0, 0 },", dd_fmt, parse_problem::number_out_of_range, 1, 9, "{ 0x6, 255, 0, 0 },"},
    parse_error_case{"-dd: empty", "\n", dd_fmt, parse_problem::empty_program, 2, 1, "{ 0x6, 0, 0, 0 },\n"},
    // -ddd and bytecode
    parse_error_case{"-ddd: count too small", "1\n6 0 0 0\n6 0 0 1\n", ddd_fmt, parse_problem::trailing_text, 3, 1, "2\n6 0 0 0\n6 0 0 1\n"},
    parse_error_case{"-ddd: not a number where an instruction starts", "2\n6 0 0 0\n@ 0 0 0\n", ddd_fmt, parse_problem::expected_number, 3, 1, "2\n6 0 0 0\n6 0 0 0\n"},
    parse_error_case{"-ddd: count too large", "3\n6 0 0 0\n6 0 0 1\n", ddd_fmt, parse_problem::count_mismatch, 1, 1, "2\n6 0 0 0\n6 0 0 1\n"},
    parse_error_case{"bytecode: count mismatch", "2,6 0 0 0\n", bytecode_fmt, parse_problem::count_mismatch, 1, 1, "1,6 0 0 0\n"},
    parse_error_case{"bytecode: trailing text", "1,6 0 0 0,6 0 0 1\n", bytecode_fmt, parse_problem::trailing_text, 1, 11, "2,6 0 0 0,6 0 0 1\n"},
    parse_error_case{"bytecode: comma missing", "2,6 0 0 0 6 0 0 1", bytecode_fmt, parse_problem::expected_comma, 1, 11, "2,6 0 0 0,6 0 0 1"},
};
// clang-format on

/// The index of the case called `name` (for the compile-fail tests, which name their case).
consteval std::size_t parse_error_index(std::string_view name) {
    for (std::size_t i = 0; i < parse_errors.size(); ++i)
        if (parse_errors[i].name == name) return i;
    return parse_errors.size();
}

/// A case's source (or its fixed twin) as a ctbpf::fixed_string.
template <std::size_t I, bool Fixed>
constexpr auto parse_error_text() {
    constexpr std::string_view s = Fixed ? parse_errors[I].fixed : parse_errors[I].source;
    return ctbpf::to_fixed_string<s.size()>(s);
}

inline constexpr std::string_view arp_dd =
    "{ 0x28, 0, 0, 0x0000000c },\n{ 0x15, 0, 1, 0x00000806 },\n"
    "{ 0x6, 0, 0, 0x00040000 },\n{ 0x6, 0, 0, 0x00000000 },\n";
inline constexpr std::string_view arp_ddd = "4\n40 0 0 12\n21 0 1 2054\n6 0 0 262144\n6 0 0 0\n";
inline constexpr std::string_view arp_bytecode = "4,40 0 0 12,21 0 1 2054,6 0 0 262144,6 0 0 0,\n";

/// A conditional jump 300 instructions ahead: relaxed through a trampoline.
template <std::size_t Fill>
constexpr auto far_jump_source() {
    constexpr std::string_view head = "ldh [12]\njeq #0x806, far, near\nnear: ret #1\n";
    constexpr std::string_view body = "ld #1\n";
    constexpr std::string_view tail = "far: ret #2\n";
    std::array<char, head.size() + Fill * body.size() + tail.size() + 1> s{};
    std::size_t at = 0;
    for (char c : head) s[at++] = c;
    for (std::size_t i = 0; i < Fill; ++i)
        for (char c : body) s[at++] = c;
    for (char c : tail) s[at++] = c;
    return s;
}

}  // namespace cases
