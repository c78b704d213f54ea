// Verifier cases: for every rule at least one accepted and one rejected program. Each is a
// static_assert (tests/static/verify_static.cpp), a GoogleTest case on run-time copies
// (tests/unit/verify_test.cpp), and is given to the running kernel (tests/oracle/).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include <ctbpf/ctbpf.hpp>

namespace cases {

inline constexpr std::size_t max_verify_program = 64;

struct verify_case {
    std::string_view name;
    std::array<ctbpf::sock_filter, max_verify_program> program{};
    std::size_t program_size = 0;
    ctbpf::profile profile = ctbpf::profile::socket_filter;
    ctbpf::verify_result expected{};

    constexpr std::span<const ctbpf::sock_filter> prog() const { return {program.data(), program_size}; }
};

constexpr ctbpf::sock_filter op(std::uint16_t code, std::uint8_t jt, std::uint8_t jf, std::uint32_t k) {
    return ctbpf::sock_filter{code, jt, jf, k};
}

/// A case from raw instructions: {code, jt, jf, k}...
template <class... F>
constexpr verify_case vc(std::string_view name, ctbpf::profile p, ctbpf::rule r, std::size_t index, F... f) {
    verify_case c{name, {f...}, sizeof...(F), p, {r, index}};
    return c;
}

inline constexpr auto sock = ctbpf::profile::socket_filter;
inline constexpr auto secc = ctbpf::profile::seccomp;
inline constexpr auto ok = ctbpf::rule::none;
inline constexpr std::uint32_t ad = ctbpf::ancillary_offset;

/// Every one of the 49 allowed opcodes in one valid program (jumps skip 0, M[] written first).
constexpr verify_case all_allowed_opcodes() {
    return vc("all 49 allowed opcodes", sock, ok, 0, op(0x00, 0, 0, 1), op(0x01, 0, 0, 2), op(0x02, 0, 0, 0),
              op(0x03, 0, 0, 1), op(0x60, 0, 0, 0), op(0x61, 0, 0, 1), op(0x20, 0, 0, 0), op(0x28, 0, 0, 0),
              op(0x30, 0, 0, 0), op(0x40, 0, 0, 0), op(0x48, 0, 0, 0), op(0x50, 0, 0, 0), op(0x80, 0, 0, 0),
              op(0x81, 0, 0, 0), op(0xb1, 0, 0, 14), op(0x04, 0, 0, 1), op(0x0c, 0, 0, 0), op(0x14, 0, 0, 1),
              op(0x1c, 0, 0, 0), op(0x24, 0, 0, 3), op(0x2c, 0, 0, 0), op(0x34, 0, 0, 2), op(0x3c, 0, 0, 0),
              op(0x94, 0, 0, 5), op(0x9c, 0, 0, 0), op(0x54, 0, 0, 0xff), op(0x5c, 0, 0, 0), op(0x44, 0, 0, 1),
              op(0x4c, 0, 0, 0), op(0xa4, 0, 0, 3), op(0xac, 0, 0, 0), op(0x64, 0, 0, 31), op(0x6c, 0, 0, 0),
              op(0x74, 0, 0, 31), op(0x7c, 0, 0, 0), op(0x84, 0, 0, 0), op(0x07, 0, 0, 0), op(0x87, 0, 0, 0),
              op(0x05, 0, 0, 0), op(0x15, 0, 0, 1), op(0x1d, 0, 0, 0), op(0x25, 0, 0, 1), op(0x2d, 0, 0, 0),
              op(0x35, 0, 0, 1), op(0x3d, 0, 0, 0), op(0x45, 0, 0, 1), op(0x4d, 0, 0, 0), op(0x16, 0, 0, 0),
              op(0x06, 0, 0, 0));
}

/// The seccomp subset (41 codes, MOD and packet loads excluded) in one valid program.
constexpr verify_case all_seccomp_opcodes() {
    return vc("all 41 seccomp opcodes", secc, ok, 0, op(0x00, 0, 0, 1), op(0x01, 0, 0, 2), op(0x02, 0, 0, 0),
              op(0x03, 0, 0, 1), op(0x60, 0, 0, 0), op(0x61, 0, 0, 1), op(0x20, 0, 0, 0), op(0x80, 0, 0, 0),
              op(0x81, 0, 0, 0), op(0x04, 0, 0, 1), op(0x0c, 0, 0, 0), op(0x14, 0, 0, 1), op(0x1c, 0, 0, 0),
              op(0x24, 0, 0, 3), op(0x2c, 0, 0, 0), op(0x34, 0, 0, 2), op(0x3c, 0, 0, 0), op(0x54, 0, 0, 0xff),
              op(0x5c, 0, 0, 0), op(0x44, 0, 0, 1), op(0x4c, 0, 0, 0), op(0xa4, 0, 0, 3), op(0xac, 0, 0, 0),
              op(0x64, 0, 0, 31), op(0x6c, 0, 0, 0), op(0x74, 0, 0, 31), op(0x7c, 0, 0, 0), op(0x84, 0, 0, 0),
              op(0x07, 0, 0, 0), op(0x87, 0, 0, 0), op(0x05, 0, 0, 0), op(0x15, 0, 0, 1), op(0x1d, 0, 0, 0),
              op(0x25, 0, 0, 1), op(0x2d, 0, 0, 0), op(0x35, 0, 0, 1), op(0x3d, 0, 0, 0), op(0x45, 0, 0, 1),
              op(0x4d, 0, 0, 0), op(0x16, 0, 0, 0), op(0x06, 0, 0, 0x7fff0000));
}

using ctbpf::rule;

inline constexpr std::array verify_cases{
    all_allowed_opcodes(),
    all_seccomp_opcodes(),
    // program length (rule 1)
    vc("one instruction", sock, ok, 0, op(0x06, 0, 0, 0)),
    vc("empty program", sock, rule::program_empty, 0),
    // opcode allowlist (rule 3)
    vc("ret x (0x0e)", sock, rule::opcode_not_allowed, 0, op(0x0e, 0, 0, 0)),
    vc("neg|x (0x8c)", sock, rule::opcode_not_allowed, 1, op(0x00, 0, 0, 1), op(0x8c, 0, 0, 0), op(0x06, 0, 0, 0)),
    vc("ja|x (0x0d)", sock, rule::opcode_not_allowed, 0, op(0x0d, 0, 0, 0), op(0x06, 0, 0, 0)),
    vc("ldx w abs (0x21)", sock, rule::opcode_not_allowed, 0, op(0x21, 0, 0, 0), op(0x06, 0, 0, 0)),
    vc("ld h imm (0x08)", sock, rule::opcode_not_allowed, 0, op(0x08, 0, 0, 0), op(0x06, 0, 0, 0)),
    vc("ldh len (0x88)", sock, rule::opcode_not_allowed, 0, op(0x88, 0, 0, 0), op(0x06, 0, 0, 0)),
    vc("ld msh (0xa0)", sock, rule::opcode_not_allowed, 0, op(0xa0, 0, 0, 0), op(0x06, 0, 0, 0)),
    vc("ldx w msh (0xa1)", sock, rule::opcode_not_allowed, 0, op(0xa1, 0, 0, 14), op(0x06, 0, 0, 0)),
    vc("misc with other bits (0x0f)", sock, rule::opcode_not_allowed, 0, op(0x0f, 0, 0, 0), op(0x06, 0, 0, 0)),
    vc("code above 0xff (0x106)", sock, rule::opcode_not_allowed, 0, op(0x106, 0, 0, 0)),
    vc("ld size bits 0x18 (0x38)", sock, rule::opcode_not_allowed, 0, op(0x38, 0, 0, 0), op(0x06, 0, 0, 0)),
    // division by constant zero (rule 4)
    vc("div #1", sock, ok, 0, op(0x34, 0, 0, 1), op(0x06, 0, 0, 0)),
    vc("div #0", sock, rule::division_by_zero, 0, op(0x34, 0, 0, 0), op(0x06, 0, 0, 0)),
    vc("mod #0", sock, rule::division_by_zero, 1, op(0x00, 0, 0, 1), op(0x94, 0, 0, 0), op(0x06, 0, 0, 0)),
    vc("div x (X may be 0)", sock, ok, 0, op(0x3c, 0, 0, 0), op(0x06, 0, 0, 0)),
    // constant shifts (rule 5)
    vc("lsh #31", sock, ok, 0, op(0x64, 0, 0, 31), op(0x06, 0, 0, 0)),
    vc("lsh #32", sock, rule::shift_out_of_range, 0, op(0x64, 0, 0, 32), op(0x06, 0, 0, 0)),
    vc("rsh #0xffffffff", sock, rule::shift_out_of_range, 0, op(0x74, 0, 0, 0xffffffff), op(0x06, 0, 0, 0)),
    // scratch index (rule 6)
    vc("st M[15]", sock, ok, 0, op(0x02, 0, 0, 15), op(0x06, 0, 0, 0)),
    vc("st M[16]", sock, rule::scratch_index_out_of_range, 0, op(0x02, 0, 0, 16), op(0x06, 0, 0, 0)),
    vc("stx M[16]", sock, rule::scratch_index_out_of_range, 0, op(0x03, 0, 0, 16), op(0x06, 0, 0, 0)),
    vc("ld M[16]", sock, rule::scratch_index_out_of_range, 0, op(0x60, 0, 0, 16), op(0x06, 0, 0, 0)),
    vc("ldx M[16]", sock, rule::scratch_index_out_of_range, 0, op(0x61, 0, 0, 16), op(0x06, 0, 0, 0)),
    // jumps (rules 7 and 8)
    vc("ja to the last instruction", sock, ok, 0, op(0x05, 0, 0, 1), op(0x06, 0, 0, 0), op(0x06, 0, 0, 1)),
    vc("ja past the end", sock, rule::jump_out_of_range, 0, op(0x05, 0, 0, 2), op(0x06, 0, 0, 0), op(0x06, 0, 0, 1)),
    vc("ja with a huge k (no wrap-around)", sock, rule::jump_out_of_range, 0, op(0x05, 0, 0, 0xffffffff),
       op(0x06, 0, 0, 0)),
    vc("jeq to the last instruction", sock, ok, 0, op(0x15, 1, 0, 0), op(0x06, 0, 0, 0), op(0x06, 0, 0, 1)),
    vc("jeq jt past the end", sock, rule::jump_out_of_range, 0, op(0x15, 2, 0, 0), op(0x06, 0, 0, 0),
       op(0x06, 0, 0, 1)),
    vc("jset jf past the end", sock, rule::jump_out_of_range, 1, op(0x00, 0, 0, 0), op(0x45, 0, 2, 0),
       op(0x06, 0, 0, 0), op(0x06, 0, 0, 1)),
    vc("jgt x jt 255 past the end", sock, rule::jump_out_of_range, 0, op(0x2d, 255, 0, 0), op(0x06, 0, 0, 0)),
    vc("the acceptance block's bad program (jeq jt past the end)", sock, rule::jump_out_of_range, 0, op(0x15, 5, 0, 0),
       op(0x06, 0, 0, 0)),
    // ancillary offsets (rule 9)
    vc("ld proto", sock, ok, 0, op(0x20, 0, 0, ad + 0), op(0x16, 0, 0, 0)),
    vc("ldh vlan_tpid", sock, ok, 0, op(0x28, 0, 0, ad + 60), op(0x16, 0, 0, 0)),
    vc("ldb rand", sock, ok, 0, op(0x30, 0, 0, ad + 56), op(0x16, 0, 0, 0)),
    vc("ld SKF_AD_OFF + 64", sock, rule::unknown_ancillary, 0, op(0x20, 0, 0, ad + 64), op(0x16, 0, 0, 0)),
    vc("ldh SKF_AD_OFF + 2", sock, rule::unknown_ancillary, 0, op(0x28, 0, 0, ad + 2), op(0x16, 0, 0, 0)),
    vc("ldb 0xffffffff", sock, rule::unknown_ancillary, 0, op(0x30, 0, 0, 0xffffffff), op(0x16, 0, 0, 0)),
    vc("ld [x + SKF_AD_OFF + 64] is not checked", sock, ok, 0, op(0x40, 0, 0, ad + 64), op(0x16, 0, 0, 0)),
    vc("ld SKF_NET_OFF", sock, ok, 0, op(0x30, 0, 0, ctbpf::net_offset), op(0x16, 0, 0, 0)),
    // last instruction (rule 10)
    vc("last is ld", sock, rule::last_not_return, 1, op(0x06, 0, 0, 0), op(0x00, 0, 0, 1)),
    vc("last is ja", sock, rule::jump_out_of_range, 0, op(0x05, 0, 0, 0)),
    vc("ret a last", sock, ok, 0, op(0x00, 0, 0, 1), op(0x16, 0, 0, 0)),
    // scratch read before write (rule 11)
    vc("read of an unwritten cell", sock, rule::scratch_read_before_write, 0, op(0x60, 0, 0, 0), op(0x16, 0, 0, 0)),
    vc("write then read", sock, ok, 0, op(0x02, 0, 0, 3), op(0x61, 0, 0, 3), op(0x16, 0, 0, 0)),
    vc("read of another cell", sock, rule::scratch_read_before_write, 1, op(0x02, 0, 0, 3), op(0x60, 0, 0, 4),
       op(0x16, 0, 0, 0)),
    vc("a branch that skips the store", sock, rule::scratch_read_before_write, 2, op(0x15, 0, 1, 0), op(0x02, 0, 0, 0),
       op(0x60, 0, 0, 0), op(0x16, 0, 0, 0)),
    vc("stores on both branches", sock, ok, 0, op(0x15, 0, 2, 0), op(0x02, 0, 0, 0), op(0x05, 0, 0, 1),
       op(0x02, 0, 0, 0), op(0x60, 0, 0, 0), op(0x16, 0, 0, 0)),
    vc("RET quirk: valid program rejected", sock, rule::scratch_read_before_write, 4, op(0x15, 0, 2, 0),
       op(0x02, 0, 0, 0), op(0x05, 0, 0, 1), op(0x06, 0, 0, 0), op(0x60, 0, 0, 0), op(0x16, 0, 0, 0)),
    vc("RET quirk: same logic, return moved last", sock, ok, 0, op(0x15, 0, 3, 0), op(0x02, 0, 0, 0), op(0x60, 0, 0, 0),
       op(0x16, 0, 0, 0), op(0x06, 0, 0, 0)),
    vc("unreachable read after ja passes", sock, ok, 0, op(0x05, 0, 0, 1), op(0x60, 0, 0, 7), op(0x06, 0, 0, 0)),
    // rule order: the per-instruction loop runs first, in instruction order
    vc("first failing instruction wins", sock, rule::division_by_zero, 0, op(0x34, 0, 0, 0), op(0x0e, 0, 0, 0)),
    vc("opcode checked before last-is-return", sock, rule::opcode_not_allowed, 0, op(0xff, 0, 0, 0), op(0x00, 0, 0, 0)),
    // seccomp
    vc("seccomp: allow all", secc, ok, 0, op(0x06, 0, 0, 0x7fff0000)),
    vc("seccomp: empty", secc, rule::program_empty, 0),
    vc("seccomp: ld [60] (last word of args[5])", secc, ok, 0, op(0x20, 0, 0, 60), op(0x16, 0, 0, 0)),
    vc("seccomp: ld [64]", secc, rule::seccomp_load_out_of_bounds, 0, op(0x20, 0, 0, 64), op(0x16, 0, 0, 0)),
    vc("seccomp: ld [2]", secc, rule::seccomp_load_misaligned, 1, op(0x20, 0, 0, 0), op(0x20, 0, 0, 2),
       op(0x16, 0, 0, 0)),
    vc("seccomp: ld [66] is out of bounds first", secc, rule::seccomp_load_out_of_bounds, 0, op(0x20, 0, 0, 66),
       op(0x16, 0, 0, 0)),
    vc("seccomp: mod #3", secc, rule::seccomp_opcode_not_allowed, 1, op(0x00, 0, 0, 7), op(0x94, 0, 0, 3),
       op(0x16, 0, 0, 0)),
    vc("seccomp: mod x", secc, rule::seccomp_opcode_not_allowed, 0, op(0x9c, 0, 0, 0), op(0x16, 0, 0, 0)),
    vc("seccomp: ldh [0]", secc, rule::seccomp_opcode_not_allowed, 0, op(0x28, 0, 0, 0), op(0x16, 0, 0, 0)),
    vc("seccomp: ldb [0]", secc, rule::seccomp_opcode_not_allowed, 0, op(0x30, 0, 0, 0), op(0x16, 0, 0, 0)),
    vc("seccomp: ld [x + 0]", secc, rule::seccomp_opcode_not_allowed, 0, op(0x40, 0, 0, 0), op(0x16, 0, 0, 0)),
    vc("seccomp: ldxb", secc, rule::seccomp_opcode_not_allowed, 0, op(0xb1, 0, 0, 0), op(0x16, 0, 0, 0)),
    vc("seccomp: ancillary load", secc, rule::seccomp_load_out_of_bounds, 0, op(0x20, 0, 0, ad), op(0x16, 0, 0, 0)),
    vc("seccomp: classic rules first", secc, rule::division_by_zero, 1, op(0x94, 0, 0, 3), op(0x34, 0, 0, 0),
       op(0x16, 0, 0, 0)),
    vc("seccomp: scratch rule before seccomp's", secc, rule::scratch_read_before_write, 1, op(0x94, 0, 0, 3),
       op(0x60, 0, 0, 0), op(0x16, 0, 0, 0)),
    vc("seccomp: xor #3 and ld len", secc, ok, 0, op(0x80, 0, 0, 0), op(0xa4, 0, 0, 3), op(0x16, 0, 0, 0)),
};

// ---- programs too long for the table (generated): length and eBPF conversion limits
template <std::size_t N>
constexpr std::array<ctbpf::sock_filter, N> filled(ctbpf::sock_filter f) {
    std::array<ctbpf::sock_filter, N> p{};
    for (auto& i : p) i = f;
    p[N - 1] = op(0x06, 0, 0, 1);
    return p;
}
/// `ja` over `Count` copies of `body`, then `ret #1`.
template <std::size_t Count>
constexpr std::array<ctbpf::sock_filter, Count + 2> ja_over(ctbpf::sock_filter body) {
    auto p = filled<Count + 2>(body);
    p[0] = op(0x05, 0, 0, Count);
    return p;
}
/// `Count` copies of `body`, then `jeq #0, 0, 0` and `ret #1`.
template <std::size_t Count>
constexpr std::array<ctbpf::sock_filter, Count + 2> jump_after(ctbpf::sock_filter body) {
    auto p = filled<Count + 2>(body);
    p[Count] = op(0x15, 0, 0, 0);
    return p;
}

}  // namespace cases
