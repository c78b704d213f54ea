// ctbpf/verify.hpp — the Linux kernel's classic BPF verifier, rule for rule, as a constexpr
// function: bpf_check_classic + check_load_and_stores (net/core/filter.c), seccomp_check_filter
// (kernel/seccomp.c) and the jump-offset limit of the cBPF-to-eBPF conversion.
// Usage: static_assert(ctbpf::verify(image)); auto r = ctbpf::verify(span, ctbpf::profile::seccomp);
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <ranges>
#include <string_view>

#include "detail/config.hpp"
#include "concepts.hpp"
#include "encoding.hpp"
#include "errors.hpp"

namespace CTBPF_NAMESPACE {

/// Which kernel entry point the program is checked for.
enum class profile : std::uint8_t {
    socket_filter,  ///< SO_ATTACH_FILTER, SO_ATTACH_REUSEPORT_CBPF, PACKET_FANOUT_CBPF
    seccomp,        ///< SECCOMP_SET_MODE_FILTER: the socket rules plus seccomp_check_filter
};

/// One sentence per rule, for messages and documentation.
constexpr std::string_view describe(rule r) noexcept {
    switch (r) {
        case rule::none: return "accepted";
        case rule::program_empty: return "the program has no instructions";
        case rule::program_too_long: return "the program has more than 4096 instructions";
        case rule::opcode_not_allowed: return "the opcode is not one the kernel allows";
        case rule::division_by_zero: return "division or modulo by constant zero";
        case rule::shift_out_of_range: return "shift by a constant of 32 or more";
        case rule::scratch_index_out_of_range: return "scratch memory index M[k] is 16 or more";
        case rule::jump_out_of_range: return "jump target is past the last instruction";
        case rule::unknown_ancillary: return "load at an unknown ancillary offset (SKF_AD_OFF + k)";
        case rule::last_not_return: return "the last instruction is not a return";
        case rule::scratch_read_before_write:
            return "scratch memory is read before the kernel can prove it was written";
        case rule::seccomp_opcode_not_allowed: return "the opcode is not allowed in seccomp filters";
        case rule::seccomp_load_out_of_bounds: return "seccomp load past the 64-byte seccomp_data";
        case rule::seccomp_load_misaligned: return "seccomp load offset is not a multiple of 4";
        case rule::converted_jump_out_of_range:
            return "jump offset does not fit 16 bits after the kernel's conversion to eBPF";
    }
    return "unknown rule";
}

/// The verdict: true when accepted; otherwise the broken rule and the instruction index
/// (for program_empty/program_too_long the index is the program's length).
struct verify_result {
    rule error = rule::none;
    std::size_t index = 0;

    constexpr explicit operator bool() const noexcept { return error == rule::none; }
    constexpr std::string_view message() const noexcept { return describe(error); }
    friend constexpr bool operator==(const verify_result&, const verify_result&) = default;
};

namespace detail {

/// chk_code_allowed: the 49 opcodes classic BPF programs may use.
constexpr bool kernel_allows(std::uint16_t code) noexcept {
    // clang-format off
    switch (code) {
        case bpf::opcode::add_k: case bpf::opcode::add_x: case bpf::opcode::sub_k: case bpf::opcode::sub_x:
        case bpf::opcode::mul_k: case bpf::opcode::mul_x: case bpf::opcode::div_k:
        case bpf::opcode::div_x: case bpf::opcode::or_k: case bpf::opcode::or_x: case bpf::opcode::and_k:
        case bpf::opcode::and_x: case bpf::opcode::lsh_k: case bpf::opcode::lsh_x:
        case bpf::opcode::rsh_k: case bpf::opcode::rsh_x: case bpf::opcode::neg: case bpf::opcode::mod_k:
        case bpf::opcode::mod_x: case bpf::opcode::xor_k: case bpf::opcode::xor_x: // ALU
        case bpf::opcode::ld_w_abs: case bpf::opcode::ld_h_abs: case bpf::opcode::ld_b_abs: case bpf::opcode::ld_len:
        case bpf::opcode::ld_w_ind: case bpf::opcode::ld_h_ind: case bpf::opcode::ld_b_ind:
        case bpf::opcode::ld_imm: case bpf::opcode::ld_mem: // LD
        case bpf::opcode::ldx_len: case bpf::opcode::ldx_msh: case bpf::opcode::ldx_imm: case bpf::opcode::ldx_mem:
            // LDX
        case bpf::opcode::st: case bpf::opcode::stx: // ST, STX
        case bpf::opcode::tax: case bpf::opcode::txa:                                                          // MISC
        case bpf::opcode::ret_k: case bpf::opcode::ret_a: // RET
        case bpf::opcode::ja: case bpf::opcode::jeq_k: case bpf::opcode::jeq_x: case bpf::opcode::jge_k:
        case bpf::opcode::jge_x: case bpf::opcode::jgt_k: case bpf::opcode::jgt_x:
        case bpf::opcode::jset_k: case bpf::opcode::jset_x: // JMP
            return true;
        default: return false;
    }
    // clang-format on
}

/// seccomp_check_filter's allowlist (LD W ABS checked separately).
constexpr bool seccomp_allows(std::uint16_t code) noexcept {
    // clang-format off
    switch (code) {
        case bpf::opcode::ld_w_abs: case bpf::opcode::ld_len: case bpf::opcode::ldx_len: // ld [k], ld len, ldx len
        case bpf::opcode::ret_k: case bpf::opcode::ret_a:                                   // ret
        case bpf::opcode::add_k: case bpf::opcode::add_x: case bpf::opcode::sub_k: case bpf::opcode::sub_x:
        case bpf::opcode::mul_k: case bpf::opcode::mul_x: case bpf::opcode::div_k:
        case bpf::opcode::div_x: case bpf::opcode::and_k: case bpf::opcode::and_x: case bpf::opcode::or_k:
        case bpf::opcode::or_x: case bpf::opcode::xor_k: case bpf::opcode::xor_x:
        case bpf::opcode::lsh_k: case bpf::opcode::lsh_x: case bpf::opcode::rsh_k: case bpf::opcode::rsh_x:
        case bpf::opcode::neg: // ALU without MOD
        case bpf::opcode::ld_imm: case bpf::opcode::ldx_imm: case bpf::opcode::tax: case bpf::opcode::txa:
            // ld #k, ldx #k, tax, txa
        case bpf::opcode::ld_mem: case bpf::opcode::ldx_mem: case bpf::opcode::st: case bpf::opcode::stx:
            // M[] access
        case bpf::opcode::ja: case bpf::opcode::jeq_k: case bpf::opcode::jeq_x: case bpf::opcode::jge_k:
        case bpf::opcode::jge_x: case bpf::opcode::jgt_k: case bpf::opcode::jgt_x:
        case bpf::opcode::jset_k: case bpf::opcode::jset_x:                                   // JMP
            return true;
        default: return false;
    }
    // clang-format on
}

constexpr bool is_conditional_jump(std::uint16_t code) noexcept {
    return bpf::class_of(code) == bpf::jmp && bpf::op_of(code) != bpf::ja;
}

/// Number of eBPF instructions bpf_convert_filter emits for one classic instruction
/// (x86-64 and every arch with efficient unaligned access; little-endian bitfields).
/// Seccomp programs are converted after seccomp_check_filter's rewrite, so LD W ABS and
/// LEN become one instruction each.
constexpr std::uint32_t converted_size(const sock_filter& f, profile p) noexcept {
    const std::uint16_t c = f.code;
    if (p == profile::seccomp && (c == bpf::opcode::ld_w_abs || c == bpf::opcode::ld_len || c == bpf::opcode::ldx_len))
        return 1;
    // clang-format off
    switch (c) {
        case bpf::opcode::div_x: case bpf::opcode::mod_x: return 5;  // DIV/MOD X: X == 0 guard + op
        case bpf::opcode::ld_w_abs: case bpf::opcode::ld_h_abs: case bpf::opcode::ld_b_abs: {
            if (f.k >= ancillary_offset) {  // verified: a known ancillary value
                switch (static_cast<ext>(f.k - ancillary_offset)) {
                    case ext::proto: case ext::type: case ext::vlan_tpid: return 2;
                    case ext::ifidx: case ext::hatype: return 4;
                    case ext::vlan_avail: return 3;
                    case ext::poff: case ext::nla: case ext::nlan: case ext::cpu: case ext::rand:
                        return 4;
                    default: return 1;  // mark, queue, rxhash, vlan_tci, xor_x
                }
            }
            const auto off = static_cast<std::int32_t>(f.k);
            if (off < 0) return 8;  // helper call only
            const std::uint32_t fast = 1 + (off != 0 ? 1 : 0) + 1 + (off <= 32767 ? 1 : 3) +
                                       (c != bpf::opcode::ld_b_abs ? 1 : 0) + 1;
            return fast + 8;
        }
        case bpf::opcode::ld_w_ind: case bpf::opcode::ld_h_ind: case bpf::opcode::ld_b_ind: return f.k != 0 ? 9 : 8;
        case bpf::opcode::ldx_msh: {  // ldxb 4*([k]&0xf): mov, byte load, and, lsh, 3 movs
            const auto off = static_cast<std::int32_t>(f.k);
            const std::uint32_t load =
                off < 0 ? 8 : 1 + (off != 0 ? 1 : 0) + 1 + (off <= 32767 ? 1 : 3) + 1 + 8;
            return 1 + load + 5;
        }
        case bpf::opcode::ret_k: return 2;
        default: break;
    }
    // clang-format on
    if (is_conditional_jump(c)) {
        const std::uint32_t prefix = (bpf::src_of(c) == bpf::k && static_cast<std::int32_t>(f.k) < 0) ? 1 : 0;
        if (f.jf == 0) return prefix + 1;
        if (f.jt == 0 && bpf::op_of(c) != bpf::jset) return prefix + 1;
        return prefix + 2;
    }
    return 1;
}

/// Does the loader seen by the conversion need the 4-instruction packet-access prologue?
constexpr bool converted_sees_ld_abs(const sock_filter& f, profile p) noexcept {
    if (p == profile::seccomp) return false;
    // clang-format off
    switch (f.code) {
        case bpf::opcode::ld_w_abs: case bpf::opcode::ld_h_abs: case bpf::opcode::ld_b_abs:
            return f.k < ancillary_offset;
        case bpf::opcode::ld_w_ind: case bpf::opcode::ld_h_ind: case bpf::opcode::ld_b_ind:
        case bpf::opcode::ldx_msh: return true;
        default: return false;
    }
    // clang-format on
}

/// Offsets within the converted block at which a classic jump's eBPF jumps sit, and their
/// targets: up to two (Jxx, then JA for the false branch).
struct converted_jumps {
    std::uint32_t count = 0;
    std::uint32_t position[2]{};
    std::size_t target[2]{};
};

constexpr converted_jumps jumps_of(const sock_filter& f, std::size_t i) noexcept {
    converted_jumps j;
    if (f.code == (bpf::jmp | bpf::ja)) {
        j.count = 1;
        j.target[0] = i + 1 + f.k;
        return j;
    }
    const std::uint32_t prefix = (bpf::src_of(f.code) == bpf::k && static_cast<std::int32_t>(f.k) < 0) ? 1 : 0;
    if (f.jf == 0) {
        j.count = 1;
        j.position[0] = prefix;
        j.target[0] = i + 1 + f.jt;
    } else if (f.jt == 0 && bpf::op_of(f.code) != bpf::jset) {
        j.count = 1;
        j.position[0] = prefix;
        j.target[0] = i + 1 + f.jf;
    } else {
        j.count = 2;
        j.position[0] = prefix;
        j.target[0] = i + 1 + f.jt;
        j.position[1] = prefix + 1;
        j.target[1] = i + 1 + f.jf;
    }
    return j;
}

/// bpf_convert_filter's two passes: in the first, targets' addresses are still 0, so a jump
/// at eBPF address a fails when -(a + 1 + pos) < -32768; in the second the real forward
/// offset must be <= 32767. Both only matter once the program converts to > 32767 insns.
constexpr verify_result check_conversion(const sock_filter* p, std::size_t n, profile prof) {
    std::uint32_t total = 0;
    bool seen_ld_abs = false;
    for (std::size_t i = 0; i < n; ++i) {
        total += converted_size(p[i], prof);
        seen_ld_abs = seen_ld_abs || converted_sees_ld_abs(p[i], prof);
    }
    const std::uint32_t prologue = 3 + (seen_ld_abs ? 4 : 0);
    if (prologue + total <= 32767) return {};
    std::array<std::uint32_t, max_instructions> addrs{};
    std::uint32_t at = prologue;
    for (std::size_t i = 0; i < n; ++i) {
        addrs[i] = at;
        at += converted_size(p[i], prof);
    }
    for (std::size_t i = 0; i < n; ++i) {
        if (bpf::class_of(p[i].code) != bpf::jmp) continue;
        const converted_jumps j = jumps_of(p[i], i);
        for (std::uint32_t t = 0; t < j.count; ++t) {
            const std::int64_t first_pass = -static_cast<std::int64_t>(addrs[i]) - 1 - j.position[t];
            const std::int64_t second_pass =
                static_cast<std::int64_t>(addrs[j.target[t]]) - addrs[i] - 1 - j.position[t];
            if (first_pass < -32768 || second_pass > 32767) return {rule::converted_jump_out_of_range, i};
        }
    }
    return {};
}

/// check_load_and_stores, verbatim semantics (including: RET does not reset the state), over
/// at(pc) for pc < n: calls unproven(pc, cell) for each read of M[cell] the pass cannot prove
/// written, and stops at the first call that returns false. verify and the shared emitter
/// (compiler/emit.hpp, which stores such cells at the entry) both run it.
template <class At, class Unproven>
constexpr void scratch_pass(const At& at, std::size_t n, const Unproven& unproven) {
    bool reads = false;
    for (std::size_t i = 0; i < n && !reads; ++i)
        reads = at(i).code == bpf::opcode::ld_mem || at(i).code == bpf::opcode::ldx_mem;
    if (!reads) return;
    std::array<std::uint16_t, max_instructions> masks{};
    for (std::size_t i = 0; i < n; ++i) masks[i] = 0xffff;
    std::uint16_t valid = 0;
    const auto flow = [&](std::size_t target) {
        if (target < n) masks[target] &= valid;
    };
    for (std::size_t pc = 0; pc < n; ++pc) {
        valid &= masks[pc];
        const sock_filter f = at(pc);
        const std::uint32_t cell = f.k & 15;  // verified programs: k < 16
        // clang-format off
        switch (f.code) {
            case bpf::opcode::st: case bpf::opcode::stx: valid |= static_cast<std::uint16_t>(1u << cell); break;
            case bpf::opcode::ld_mem: case bpf::opcode::ldx_mem:
                if (!(valid & (1u << cell)) && !unproven(pc, cell)) return;
                break;
            case bpf::opcode::ja:
                flow(pc + 1 + f.k);
                valid = 0xffff;
                break;
            case bpf::opcode::jeq_k: case bpf::opcode::jeq_x: case bpf::opcode::jgt_k: case bpf::opcode::jgt_x:
            case bpf::opcode::jge_k: case bpf::opcode::jge_x: case bpf::opcode::jset_k: case bpf::opcode::jset_x:
                flow(pc + 1 + f.jt);
                flow(pc + 1 + f.jf);
                valid = 0xffff;
                break;
            default: break;
        }
        // clang-format on
    }
}

constexpr verify_result check_scratch(const sock_filter* p, std::size_t n) {
    verify_result r{};
    scratch_pass([p](std::size_t i) { return p[i]; }, n,
                 [&r](std::size_t pc, std::uint32_t) {
                     r = {rule::scratch_read_before_write, pc};
                     return false;
                 });
    return r;
}

/// One instruction against bpf_check_classic's per-instruction rules.
constexpr rule check_instruction(const sock_filter& f, std::size_t pc, std::size_t n) noexcept {
    if (!kernel_allows(f.code)) return rule::opcode_not_allowed;
    // clang-format off
    switch (f.code) {
        case bpf::opcode::div_k: case bpf::opcode::mod_k: return f.k == 0 ? rule::division_by_zero : rule::none;
        case bpf::opcode::lsh_k: case bpf::opcode::rsh_k: return f.k >= 32 ? rule::shift_out_of_range : rule::none;
        case bpf::opcode::ld_mem: case bpf::opcode::ldx_mem: case bpf::opcode::st: case bpf::opcode::stx:
            return f.k >= memory_words ? rule::scratch_index_out_of_range : rule::none;
        case bpf::opcode::ja:
            return f.k >= static_cast<std::uint32_t>(n - pc - 1) ? rule::jump_out_of_range
                                                                  : rule::none;
        case bpf::opcode::jeq_k: case bpf::opcode::jeq_x: case bpf::opcode::jgt_k: case bpf::opcode::jgt_x:
        case bpf::opcode::jge_k: case bpf::opcode::jge_x: case bpf::opcode::jset_k: case bpf::opcode::jset_x:
            return (pc + f.jt + 1 >= n || pc + f.jf + 1 >= n) ? rule::jump_out_of_range
                                                              : rule::none;
        case bpf::opcode::ld_w_abs: case bpf::opcode::ld_h_abs: case bpf::opcode::ld_b_abs:
            return (f.k >= ancillary_offset && !is_ancillary(f.k)) ? rule::unknown_ancillary
                                                                     : rule::none;
        default: return rule::none;
    }
    // clang-format on
}

/// seccomp_check_filter for one instruction.
constexpr rule check_seccomp_instruction(const sock_filter& f) noexcept {
    if (f.code == bpf::opcode::ld_w_abs) {
        if (f.k >= sizeof(seccomp_data)) return rule::seccomp_load_out_of_bounds;
        if (f.k & 3) return rule::seccomp_load_misaligned;
        return rule::none;
    }
    return seccomp_allows(f.code) ? rule::none : rule::seccomp_opcode_not_allowed;
}

constexpr verify_result verify(const sock_filter* p, std::size_t n, profile prof) {
    if (n == 0) return {rule::program_empty, 0};
    if (n > max_instructions) return {rule::program_too_long, n};
    for (std::size_t pc = 0; pc < n; ++pc)
        if (const rule r = check_instruction(p[pc], pc, n); r != rule::none) return {r, pc};
    if (p[n - 1].code != bpf::opcode::ret_k && p[n - 1].code != bpf::opcode::ret_a)
        return {rule::last_not_return, n - 1};
    if (const verify_result r = check_scratch(p, n); !r) return r;
    if (prof == profile::seccomp)
        for (std::size_t pc = 0; pc < n; ++pc)
            if (const rule r = check_seccomp_instruction(p[pc]); r != rule::none) return {r, pc};
    return check_conversion(p, n, prof);
}

}  // namespace detail

/// Verifies `program` (std::array, span, vector... of sock_filter) exactly as the kernel does
/// for `prof`; the first broken rule is reported in the kernel's own checking order.
template <program_range Program>
constexpr verify_result verify(const Program& program, profile prof = profile::socket_filter) {
    return detail::verify(std::ranges::data(program), std::ranges::size(program), prof);
}

}  // namespace CTBPF_NAMESPACE
