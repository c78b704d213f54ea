// ctbpf/builders.hpp — constexpr instruction builders named after the bpf_asm mnemonics.
// Each returns a ctbpf::instruction whose jumps are relative skips or label names; assemble()
// (assemble.hpp) resolves labels and verifies. Operands mirror the assembler's syntax:
//   ld(12) = ld [12]   ld(x + 2) = ld [x + 2]   ldi(5) = ld #5   ld(M[3]) = ld M[3]
//   ld(len) = ld #len  ld(ext::proto) = ld #proto  ldxb(14) = ldxb 4*([14]&0xf)
//   add(4) = add #4    add(x) = add x           jeq(0x806, "ok", "drop")   ret(a) = ret a
#pragma once

#include <concepts>
#include <cstdint>
#include <string_view>

#include "detail/config.hpp"
#include "encoding.hpp"
#include "instruction.hpp"

namespace CTBPF_NAMESPACE {

/// A label definition: names the instruction that follows it.
struct label {
    std::string_view name;
    constexpr explicit label(std::string_view n) : name(n) {}
};

// Operand spellings of the assembler.
struct x_register {};
struct a_register {};
struct length_operand {};
inline constexpr x_register x{};        ///< the X register: add(x), jeq(x, ...), x + k
inline constexpr a_register a{};        ///< the A register: ret(a)
inline constexpr length_operand len{};  ///< #len, the packet length: ld(len), ldx(len)

struct imm {
    std::uint32_t value;
};  ///< #k
struct ind {
    std::uint32_t offset;
};  ///< [x + k]
struct mem {
    std::uint32_t index;
};  ///< M[k]
struct msh {
    std::uint32_t offset;
};  ///< 4*([k]&0xf)

constexpr ind operator+(x_register, std::uint32_t k) noexcept { return {k}; }
struct memory_cells {
    constexpr mem operator[](std::uint32_t i) const noexcept { return {i}; }
};
inline constexpr memory_cells M{};  ///< scratch memory: ld(M[3]), st(M[3])

namespace detail::build {
constexpr instruction stmt(std::uint16_t code, std::uint32_t k = 0) noexcept {
    return instruction{code, k, {}, {}, false, 0, 0};
}
constexpr std::uint32_t ancillary(ext e) noexcept { return ancillary_offset + static_cast<std::uint32_t>(e); }
}  // namespace detail::build

/// Any instruction, encoded exactly as given (jt/jf are not resolved or checked).
constexpr instruction raw(std::uint16_t code, std::uint8_t jt, std::uint8_t jf, std::uint32_t k) noexcept {
    return instruction{code, k, {}, {}, true, jt, jf};
}
constexpr instruction raw(const sock_filter& f) noexcept { return raw(f.code, f.jt, f.jf, f.k); }

// ---- loads into A ------------------------------------------------------------------------
constexpr instruction ld(std::uint32_t k) noexcept { return detail::build::stmt(bpf::ld | bpf::w | bpf::abs, k); }
constexpr instruction ld(ind i) noexcept { return detail::build::stmt(bpf::ld | bpf::w | bpf::ind, i.offset); }
constexpr instruction ld(imm i) noexcept { return detail::build::stmt(bpf::ld | bpf::imm, i.value); }
constexpr instruction ld(mem m) noexcept { return detail::build::stmt(bpf::ld | bpf::mem, m.index); }
constexpr instruction ld(length_operand) noexcept { return detail::build::stmt(bpf::ld | bpf::w | bpf::len); }
constexpr instruction ld(ext e) noexcept {
    return detail::build::stmt(bpf::ld | bpf::w | bpf::abs, detail::build::ancillary(e));
}
constexpr instruction ldh(std::uint32_t k) noexcept { return detail::build::stmt(bpf::ld | bpf::h | bpf::abs, k); }
constexpr instruction ldh(ind i) noexcept { return detail::build::stmt(bpf::ld | bpf::h | bpf::ind, i.offset); }
constexpr instruction ldh(ext e) noexcept {
    return detail::build::stmt(bpf::ld | bpf::h | bpf::abs, detail::build::ancillary(e));
}
constexpr instruction ldb(std::uint32_t k) noexcept { return detail::build::stmt(bpf::ld | bpf::b | bpf::abs, k); }
constexpr instruction ldb(ind i) noexcept { return detail::build::stmt(bpf::ld | bpf::b | bpf::ind, i.offset); }
constexpr instruction ldb(ext e) noexcept {
    return detail::build::stmt(bpf::ld | bpf::b | bpf::abs, detail::build::ancillary(e));
}
constexpr instruction ldi(std::uint32_t k) noexcept { return ld(imm{k}); }

// ---- loads into X ------------------------------------------------------------------------
constexpr instruction ldx(imm i) noexcept { return detail::build::stmt(bpf::ldx | bpf::imm, i.value); }
constexpr instruction ldx(mem m) noexcept { return detail::build::stmt(bpf::ldx | bpf::mem, m.index); }
constexpr instruction ldx(length_operand) noexcept { return detail::build::stmt(bpf::ldx | bpf::w | bpf::len); }
constexpr instruction ldx(msh m) noexcept { return detail::build::stmt(bpf::ldx | bpf::b | bpf::msh, m.offset); }
constexpr instruction ldxi(std::uint32_t k) noexcept { return ldx(imm{k}); }
constexpr instruction ldxb(std::uint32_t k) noexcept { return ldx(msh{k}); }  ///< 4*([k]&0xf)

// ---- stores ------------------------------------------------------------------------------
constexpr instruction st(mem m) noexcept { return detail::build::stmt(bpf::st, m.index); }
constexpr instruction stx(mem m) noexcept { return detail::build::stmt(bpf::stx, m.index); }

// ---- ALU ---------------------------------------------------------------------------------
// Functions, not objects: beside `using namespace ctbpf;` a user's or the C library's function of
// the same name (div in <cstdlib>) joins the overload set instead of making the name ambiguous.
namespace detail::build {
constexpr instruction alu(std::uint16_t op, std::uint32_t k) noexcept { return stmt(bpf::alu | op | bpf::k, k); }
constexpr instruction alu(std::uint16_t op, x_register) noexcept { return stmt(bpf::alu | op | bpf::x); }
}  // namespace detail::build

/// A op= k with add(k), A op= X with add(x); likewise for the other nine operations.
constexpr instruction add(std::uint32_t k) noexcept { return detail::build::alu(bpf::add, k); }
constexpr instruction add(x_register r) noexcept { return detail::build::alu(bpf::add, r); }
constexpr instruction sub(std::uint32_t k) noexcept { return detail::build::alu(bpf::sub, k); }
constexpr instruction sub(x_register r) noexcept { return detail::build::alu(bpf::sub, r); }
constexpr instruction mul(std::uint32_t k) noexcept { return detail::build::alu(bpf::mul, k); }
constexpr instruction mul(x_register r) noexcept { return detail::build::alu(bpf::mul, r); }
constexpr instruction div(std::uint32_t k) noexcept { return detail::build::alu(bpf::div, k); }
constexpr instruction div(x_register r) noexcept { return detail::build::alu(bpf::div, r); }
constexpr instruction mod(std::uint32_t k) noexcept { return detail::build::alu(bpf::mod, k); }
constexpr instruction mod(x_register r) noexcept { return detail::build::alu(bpf::mod, r); }
constexpr instruction and_(std::uint32_t k) noexcept { return detail::build::alu(bpf::and_, k); }
constexpr instruction and_(x_register r) noexcept { return detail::build::alu(bpf::and_, r); }
constexpr instruction or_(std::uint32_t k) noexcept { return detail::build::alu(bpf::or_, k); }
constexpr instruction or_(x_register r) noexcept { return detail::build::alu(bpf::or_, r); }
constexpr instruction xor_(std::uint32_t k) noexcept { return detail::build::alu(bpf::xor_, k); }
constexpr instruction xor_(x_register r) noexcept { return detail::build::alu(bpf::xor_, r); }
constexpr instruction lsh(std::uint32_t k) noexcept { return detail::build::alu(bpf::lsh, k); }
constexpr instruction lsh(x_register r) noexcept { return detail::build::alu(bpf::lsh, r); }
constexpr instruction rsh(std::uint32_t k) noexcept { return detail::build::alu(bpf::rsh, k); }
constexpr instruction rsh(x_register r) noexcept { return detail::build::alu(bpf::rsh, r); }
constexpr instruction neg() noexcept { return detail::build::stmt(bpf::alu | bpf::neg); }

// ---- jumps -------------------------------------------------------------------------------
/// ja: unconditional forward jump (skip count or label).
constexpr instruction ja(target to) noexcept { return instruction{bpf::jmp | bpf::ja, 0, to, {}, false, 0, 0}; }
constexpr instruction jmp(target to) noexcept { return ja(to); }

namespace detail::build {
constexpr instruction jump(std::uint16_t op, std::uint32_t k, target t, target f) noexcept {
    return instruction{static_cast<std::uint16_t>(bpf::jmp | op | bpf::k), k, t, f, false, 0, 0};
}
constexpr instruction jump(std::uint16_t op, x_register, target t, target f) noexcept {
    return instruction{static_cast<std::uint16_t>(bpf::jmp | op | bpf::x), 0, t, f, false, 0, 0};
}
}  // namespace detail::build

/// jeq(k, t, f): if A == k go to t else f (f defaults to the next instruction);
/// jeq(x, t, f) compares with X. Same for jgt (>), jge (>=), jset (A & k != 0).
constexpr instruction jeq(std::uint32_t k, target t, target f = {}) noexcept {
    return detail::build::jump(bpf::jeq, k, t, f);
}
constexpr instruction jeq(x_register r, target t, target f = {}) noexcept {
    return detail::build::jump(bpf::jeq, r, t, f);
}
constexpr instruction jgt(std::uint32_t k, target t, target f = {}) noexcept {
    return detail::build::jump(bpf::jgt, k, t, f);
}
constexpr instruction jgt(x_register r, target t, target f = {}) noexcept {
    return detail::build::jump(bpf::jgt, r, t, f);
}
constexpr instruction jge(std::uint32_t k, target t, target f = {}) noexcept {
    return detail::build::jump(bpf::jge, k, t, f);
}
constexpr instruction jge(x_register r, target t, target f = {}) noexcept {
    return detail::build::jump(bpf::jge, r, t, f);
}
constexpr instruction jset(std::uint32_t k, target t, target f = {}) noexcept {
    return detail::build::jump(bpf::jset, k, t, f);
}
constexpr instruction jset(x_register r, target t, target f = {}) noexcept {
    return detail::build::jump(bpf::jset, r, t, f);
}
/// No JNE/JLT/JLE opcodes exist: these are JEQ/JGE/JGT with the targets swapped.
constexpr instruction jne(std::uint32_t k, target t, target f = {}) noexcept {
    return detail::build::jump(bpf::jeq, k, f, t);
}
constexpr instruction jne(x_register r, target t, target f = {}) noexcept {
    return detail::build::jump(bpf::jeq, r, f, t);
}
constexpr instruction jneq(std::uint32_t k, target t, target f = {}) noexcept { return jne(k, t, f); }
constexpr instruction jneq(x_register r, target t, target f = {}) noexcept { return jne(r, t, f); }
constexpr instruction jlt(std::uint32_t k, target t, target f = {}) noexcept {
    return detail::build::jump(bpf::jge, k, f, t);
}
constexpr instruction jlt(x_register r, target t, target f = {}) noexcept {
    return detail::build::jump(bpf::jge, r, f, t);
}
constexpr instruction jle(std::uint32_t k, target t, target f = {}) noexcept {
    return detail::build::jump(bpf::jgt, k, f, t);
}
constexpr instruction jle(x_register r, target t, target f = {}) noexcept {
    return detail::build::jump(bpf::jgt, r, f, t);
}

// ---- return and register moves -----------------------------------------------------------
constexpr instruction ret(std::uint32_t k) noexcept { return detail::build::stmt(bpf::ret | bpf::k, k); }
constexpr instruction ret(a_register) noexcept { return detail::build::stmt(bpf::ret | bpf::a); }
constexpr instruction tax() noexcept { return detail::build::stmt(bpf::misc | bpf::tax); }
constexpr instruction txa() noexcept { return detail::build::stmt(bpf::misc | bpf::txa); }

}  // namespace CTBPF_NAMESPACE
