// Text input cases: sources with the image they must give, and wrong sources with the problem
// and position they must report. Each is a static_assert (tests/static/parse_static.cpp) and a
// run-time test through parse_program (tests/unit/parse_test.cpp).
#pragma once

#include <array>
#include <string_view>

#include <ctbpf/ctbpf.hpp>
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

struct parse_error_case {
    std::string_view name;
    std::string_view source;
    ctbpf::text_format format;
    ctbpf::parse_problem problem;
    std::uint32_t line, column;
};

using ctbpf::parse_problem;
inline constexpr auto asm_fmt = ctbpf::text_format::bpf_asm;
inline constexpr std::array parse_errors{
    parse_error_case{"unexpected character", "ldh [12]\n  ret @0", asm_fmt, parse_problem::unexpected_character, 2, 7},
    parse_error_case{"unterminated comment", "ret #0\n /* oops", asm_fmt, parse_problem::unterminated_comment, 2, 2},
    parse_error_case{"number where a mnemonic goes", "ret #0\n12", asm_fmt, parse_problem::expected_mnemonic, 2, 1},
    parse_error_case{"unknown mnemonic", "ldh [12]\n  jump ok\nok: ret #0", asm_fmt, parse_problem::unknown_mnemonic, 2,
                     3},
    parse_error_case{"bad operand", "st #5\nret #0", asm_fmt, parse_problem::bad_operand, 1, 4},
    parse_error_case{"ldxb needs 4 and 0xf", "ldxb 4*([14]&0x7)\nret #0", asm_fmt, parse_problem::bad_operand, 1, 6},
    parse_error_case{"expected number", "ld #\nret #0", asm_fmt, parse_problem::expected_number, 2, 1},
    parse_error_case{"number too large", "ld #0x100000000\nret #0", asm_fmt, parse_problem::number_out_of_range, 1, 5},
    parse_error_case{"bad digit", "ld #09\nret #0", asm_fmt, parse_problem::expected_number, 1, 5},
    parse_error_case{"expected label", "jeq #1, 5\nret #0", asm_fmt, parse_problem::expected_label, 1, 9},
    parse_error_case{"unknown label", "jeq #1, yes, no\nyes: ret #1\nret #0", asm_fmt, parse_problem::unknown_label, 1,
                     14},
    parse_error_case{"duplicate label", "a1: ld #1\na1: ret a", asm_fmt, parse_problem::duplicate_label, 2, 1},
    parse_error_case{"backward jump", "top: ld #1\n ja top\n ret a", asm_fmt, parse_problem::backward_jump, 2, 5},
    parse_error_case{"jump to itself", "ld #1\nself: ja self\nret a", asm_fmt, parse_problem::backward_jump, 2, 10},
    parse_error_case{"label at the end", "ret #0\nend:", asm_fmt, parse_problem::label_without_instruction, 2, 1},
    parse_error_case{"empty source", "  ; nothing\n", asm_fmt, parse_problem::empty_program, 2, 1},
    parse_error_case{"-dd: missing brace", "{ 0x6, 0, 0, 0 },\n 0x6, 0, 0, 0 },", ctbpf::text_format::tcpdump_dd,
                     parse_problem::unexpected_character, 2, 2},
    parse_error_case{"-dd: jt over 255", "{ 0x15, 256, 0, 0 },", ctbpf::text_format::tcpdump_dd,
                     parse_problem::number_out_of_range, 1, 9},
    parse_error_case{"-ddd: count too small", "1\n6 0 0 0\n6 0 0 1\n", ctbpf::text_format::tcpdump_ddd,
                     parse_problem::trailing_text, 3, 1},
    parse_error_case{"-ddd: count too large", "3\n6 0 0 0\n6 0 0 1\n", ctbpf::text_format::tcpdump_ddd,
                     parse_problem::count_mismatch, 1, 1},
    parse_error_case{"bytecode: count mismatch", "2,6 0 0 0\n", ctbpf::text_format::bpf_bytecode,
                     parse_problem::count_mismatch, 1, 1},
    parse_error_case{"bytecode: trailing text", "1,6 0 0 0,6 0 0 1\n", ctbpf::text_format::bpf_bytecode,
                     parse_problem::trailing_text, 1, 11},
};

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
