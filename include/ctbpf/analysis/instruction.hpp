// ctbpf/analysis/instruction.hpp (internal) — what one instruction does, for every analysis of a
// verified program: where control goes after it, and the value an ALU operation or a conditional
// jump computes from known operands, as the kernel (or libpcap's bpf_filter) computes it.
// tests/static/analyze_static.cpp checks the values against the VM for every ALU opcode.
#pragma once

#include <cstddef>
#include <cstdint>

#include "../detail/config.hpp"
#include "../encoding.hpp"

namespace CTBPF_NAMESPACE::detail::analysis {

constexpr bool is_jump(std::uint16_t code) noexcept { return bpf::class_of(code) == bpf::jmp; }
constexpr bool is_return(std::uint16_t code) noexcept { return bpf::class_of(code) == bpf::ret; }
/// A jump or a return: the last instruction of a basic block.
constexpr bool ends_block(std::uint16_t code) noexcept { return is_jump(code) || is_return(code); }

/// Where control goes after instruction i: `count` distinct targets (0 after a return; one for
/// `ja`, a statement, or a conditional whose two targets coincide), true target first.
struct successors {
    std::size_t count;
    std::size_t to[2];
};
constexpr successors successors_of(const sock_filter& f, std::size_t i) noexcept {
    if (is_return(f.code)) return {0, {0, 0}};
    if (f.code == bpf::opcode::ja) return {1, {i + 1 + f.k, 0}};
    if (is_jump(f.code)) {
        if (f.jt == f.jf) return {1, {i + 1 + f.jt, 0}};
        return {2, {i + 1 + f.jt, i + 1 + f.jf}};
    }
    return {1, {i + 1, 0}};
}

/// Whether the conditional jump `code` (jeq, jgt, jge, jset) is taken for A = a and operand b.
constexpr bool condition_holds(std::uint16_t code, std::uint32_t a, std::uint32_t b) noexcept {
    switch (bpf::op_of(code)) {
        case bpf::jeq: return a == b;
        case bpf::jgt: return a > b;
        case bpf::jge: return a >= b;
        default: return (a & b) != 0;  // jset
    }
}

/// What an ALU instruction leaves: A's new value, or that the run ends there returning 0 (a
/// division or modulo by 0; in the kernel's dialect a constant shift of 32 or more, which the
/// verifier refuses anyway).
struct alu_outcome {
    bool ends;
    std::uint32_t a;
};
/// ALU instruction `code` on A = a with operand b (k or X): the kernel's semantics (a shift by X
/// uses X's low 5 bits, as the x86 and arm64 JITs do), or with `libpcap`, bpf_filter's (a shift
/// by 32 or more gives 0).
constexpr alu_outcome alu(std::uint16_t code, std::uint32_t a, std::uint32_t b, bool libpcap = false) noexcept {
    const bool by_x = bpf::src_of(code) == bpf::x;
    switch (bpf::op_of(code)) {
        case bpf::add: return {false, a + b};
        case bpf::sub: return {false, a - b};
        case bpf::mul: return {false, a * b};
        case bpf::div: return b == 0 ? alu_outcome{true, 0} : alu_outcome{false, a / b};
        case bpf::mod: return b == 0 ? alu_outcome{true, 0} : alu_outcome{false, a % b};
        case bpf::or_: return {false, a | b};
        case bpf::and_: return {false, a & b};
        case bpf::xor_: return {false, a ^ b};
        case bpf::lsh:
        case bpf::rsh: {
            const bool left = bpf::op_of(code) == bpf::lsh;
            if (b >= 32 && (libpcap || !by_x)) return {!libpcap, 0};
            const std::uint32_t s = b & 31u;
            return {false, left ? a << s : a >> s};
        }
        default: return {false, 0u - a};  // neg
    }
}

}  // namespace CTBPF_NAMESPACE::detail::analysis
