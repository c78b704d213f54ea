// ctbpf/decoded.hpp — run-time convenience beside the core: a socket filter verified once and
// decoded into an owning, pre-decoded form (absolute jump targets, a load and the conditional
// jump after it fused into one step), run by ctbpf::run(program, packet[, wirelen]) with the
// kernel's verdicts. For filters that run on many packets (docs/run.md, docs/benchmarks.md).
// Usage: const ctbpf::decoded_program filter(image);   // copies and verifies; filter.result() if not
//        for (auto& [data, caplen, wirelen] : packets) n += ctbpf::run(filter, std::span(data, caplen), wirelen) != 0;
#pragma once

#include <cstddef>
#include <cstdint>
#include <ranges>
#include <span>
#include <vector>

#include "concepts.hpp"
#include "detail/config.hpp"
#include "encoding.hpp"
#include "verify.hpp"
#include "vm.hpp"

namespace CTBPF_NAMESPACE {

namespace detail::decoding {

/// What a decoded step does. A load followed by a conditional jump on A against a constant is
/// one step (`ld*_j*`); rare cases (shifts by X, whose meaning depends on the dialect) hand the
/// run to the checked interpreter.
enum class op : std::uint8_t {
    // clang-format off
    ldw_jeq, ldh_jeq, ldb_jeq, ldw_jgt, ldh_jgt, ldb_jgt, ldw_jge, ldh_jge, ldb_jge, ldw_jset, ldh_jset, ldb_jset,
    indw_jeq, indh_jeq, indb_jeq, indw_jgt, indh_jgt, indb_jgt, indw_jge, indh_jge, indb_jge, indw_jset, indh_jset,
    indb_jset,
    ldw, ldh, ldb, indw, indh, indb, msh, ld_imm, ldx_imm, ld_len, ldx_len, ld_mem, ldx_mem, st, stx,
    add_k, add_x, sub_k, sub_x, mul_k, mul_x, div_k, div_x, mod_k, mod_x, and_k, and_x, or_k, or_x, xor_k, xor_x,
    lsh_k, rsh_k, neg, tax, txa,
    ja, jeq_k, jeq_x, jgt_k, jgt_x, jge_k, jge_x, jset_k, jset_x, ret_k, ret_a, checked,
    // clang-format on
};

/// One decoded step: step i stands for instruction i (a fused step also for i + 1, which keeps
/// its own step for jumps that land on it); t and f are absolute step indexes.
struct step {
    op code = op::checked;
    std::uint32_t k = 0;   ///< the operand
    std::uint32_t k2 = 0;  ///< a fused step's jump operand
    std::uint32_t t = 0, f = 0;
};

constexpr op plain(std::uint16_t code) noexcept {
    switch (code) {
        // clang-format off
        case 0x20: return op::ldw; case 0x28: return op::ldh; case 0x30: return op::ldb;
        case 0x40: return op::indw; case 0x48: return op::indh; case 0x50: return op::indb; case 0xb1: return op::msh;
        case 0x00: return op::ld_imm; case 0x01: return op::ldx_imm; case 0x80: return op::ld_len; case 0x81: return op::ldx_len;
        case 0x60: return op::ld_mem; case 0x61: return op::ldx_mem; case 0x02: return op::st; case 0x03: return op::stx;
        case 0x04: return op::add_k; case 0x0c: return op::add_x; case 0x14: return op::sub_k; case 0x1c: return op::sub_x;
        case 0x24: return op::mul_k; case 0x2c: return op::mul_x; case 0x34: return op::div_k; case 0x3c: return op::div_x;
        case 0x94: return op::mod_k; case 0x9c: return op::mod_x; case 0x54: return op::and_k; case 0x5c: return op::and_x;
        case 0x44: return op::or_k; case 0x4c: return op::or_x; case 0xa4: return op::xor_k; case 0xac: return op::xor_x;
        case 0x64: return op::lsh_k; case 0x74: return op::rsh_k; case 0x84: return op::neg;
        case 0x07: return op::tax; case 0x87: return op::txa; case 0x05: return op::ja;
        case 0x15: return op::jeq_k; case 0x1d: return op::jeq_x; case 0x25: return op::jgt_k; case 0x2d: return op::jgt_x;
        case 0x35: return op::jge_k; case 0x3d: return op::jge_x; case 0x45: return op::jset_k; case 0x4d: return op::jset_x;
        case 0x06: return op::ret_k; case 0x16: return op::ret_a;
        default: return op::checked;  // shifts by X
            // clang-format on
    }
}

/// The fused step of load `load` followed by conditional jump `jump` (on a constant), if any.
constexpr bool fuse(std::uint16_t load, std::uint16_t jump, op& out) noexcept {
    int size = 0, kind = 0;
    switch (load) {
        // clang-format off
        case 0x20: size = 0; break; case 0x28: size = 1; break; case 0x30: size = 2; break;
        case 0x40: size = 12; break; case 0x48: size = 13; break; case 0x50: size = 14; break;
        default: return false;
            // clang-format on
    }
    switch (jump) {
        // clang-format off
        case 0x15: kind = 0; break; case 0x25: kind = 3; break; case 0x35: kind = 6; break; case 0x45: kind = 9; break;
        default: return false;
            // clang-format on
    }
    // the enumerators run by jump, then by width, absolute loads first
    out = static_cast<op>((size >= 12 ? 12 : 0) + kind + size % 12);
    return true;
}

/// Steps for a verified image.
inline std::vector<step> decode(std::span<const sock_filter> image) {
    std::vector<step> steps(image.size());
    for (std::size_t i = 0; i < image.size(); ++i) {
        const sock_filter& f = image[i];
        step& s = steps[i];
        s.k = f.k;
        const auto at = static_cast<std::uint32_t>(i);
        if (i + 1 < image.size() && fuse(f.code, image[i + 1].code, s.code)) {
            s.k2 = image[i + 1].k;
            s.t = at + 2 + image[i + 1].jt;
            s.f = at + 2 + image[i + 1].jf;
            continue;
        }
        s.code = plain(f.code);
        s.t = at + 1 + (s.code == op::ja ? f.k : f.jt);
        s.f = at + 1 + f.jf;
    }
    return steps;
}

}  // namespace detail::decoding

/// A socket filter verified once (as attaching it or pcap_setfilter would) and decoded for the
/// fastest interpreter: it owns a copy of the image. Runs give the kernel's verdicts (docs/run.md);
/// a rejected program runs as "drop" (0) and result() says why.
class decoded_program {
public:
    decoded_program() = default;
    template <program_range Program>
    explicit decoded_program(const Program& image)
        : image_(std::ranges::begin(image), std::ranges::end(image)), result_(verify(image_)) {
        if (result_) steps_ = detail::decoding::decode(image_);
        uses_memory_ = detail::uses_scratch_memory(image_.data(), image_.size());
    }

    explicit operator bool() const noexcept { return static_cast<bool>(result_); }
    /// Why the program was rejected (rule and instruction index), or rule::none.
    const verify_result& result() const noexcept { return result_; }
    /// The image, as given.
    std::span<const sock_filter> image() const noexcept { return image_; }
    const detail::decoding::step* steps() const noexcept { return steps_.data(); }
    /// Whether the program reads or writes scratch memory (the loop keeps M[] only then).
    bool uses_memory() const noexcept { return uses_memory_; }

private:
    std::vector<sock_filter> image_;
    std::vector<detail::decoding::step> steps_;
    verify_result result_{rule::program_empty, 0};
    bool uses_memory_ = false;
};

namespace detail::decoding {

/// The rest of a run, from step `s`, by the checked interpreter (loads outside the packet, at
/// the kernel's special offsets, shifts by X); A and X in one argument, so that with the context
/// (or the wire length) the call takes six and the loop needs no stack frame without M[].
[[gnu::noinline, gnu::cold]] inline std::uint32_t finish(const decoded_program& program, const std::uint8_t* data,
                                                         std::size_t bytes, const packet_context& ctx, const step* s,
                                                         std::uint64_t ax, std::uint32_t* memory) {
    packet_env<std::uint8_t> env(data, bytes, ctx);
    return execute(program.image().data(), program.image().size(), env, static_cast<std::size_t>(s - program.steps()),
                   static_cast<std::uint32_t>(ax >> 32), static_cast<std::uint32_t>(ax), memory);
}
[[gnu::noinline, gnu::cold]] inline std::uint32_t finish(const decoded_program& program, const std::uint8_t* data,
                                                         std::size_t bytes, const packet_context& ctx, const step* s,
                                                         std::uint64_t ax) {
    std::uint32_t unused[memory_words] = {};  // a program without scratch memory
    return finish(program, data, bytes, ctx, s, ax, unused);
}
[[gnu::noinline, gnu::cold]] inline std::uint32_t finish(const decoded_program& program, const std::uint8_t* data,
                                                         std::size_t bytes, wire_length w, const step* s,
                                                         std::uint64_t ax, std::uint32_t* memory) {
    packet_context ctx;
    ctx.len = w.len;
    return finish(program, data, bytes, ctx, s, ax, memory);
}
[[gnu::noinline, gnu::cold]] inline std::uint32_t finish(const decoded_program& program, const std::uint8_t* data,
                                                         std::size_t bytes, wire_length w, const step* s,
                                                         std::uint64_t ax) {
    packet_context ctx;
    ctx.len = w.len;
    return finish(program, data, bytes, ctx, s, ax);
}

/// Keeps a conditional jump a branch: an empty volatile asm on one side cannot be executed on
/// both, so the compiler cannot turn the jump into a select of the next step (which would make
/// every dispatch wait for the packet load the comparison reads; issue 17).
#define CTBPF_TAKEN(condition) \
    if (condition) {           \
        __asm__ volatile("");  \
        s = base + s->t;       \
    } else {                   \
        s = base + s->f;       \
    }                          \
    continue;

/// The loop: no bounds check on the step (the verifier proved every jump lands inside), scratch
/// memory only for programs that use it, left unwritten until the program writes it (the
/// verifier proved every read follows a write). `ld #len` loads the context's length (or the
/// wire length given), read where it is used.
template <bool Memory, class Context>
std::uint32_t run_steps(const decoded_program& program, const std::uint8_t* const data, const std::size_t bytes,
                        const Context& ctx) {
    const step* const base = program.steps();
    const step* s = base;
    std::uint32_t a = 0, x = 0;
    std::uint32_t memory[Memory ? memory_words : 1];  // NOLINT: written before read, by the verifier's proof
    // (a macro, not a lambda: a lambda taking A and X by reference would keep them in memory)
#define CTBPF_SLOW                                                                             \
    {                                                                                          \
        if constexpr (Memory)                                                                  \
            return finish(program, data, bytes, ctx, s, (std::uint64_t{a} << 32) | x, memory); \
        else                                                                                   \
            return finish(program, data, bytes, ctx, s, (std::uint64_t{a} << 32) | x);         \
    }
    if (bytes >= 0x80000000u) [[unlikely]]  // offsets from 2^31 are the kernel's negative ones
        CTBPF_SLOW;
        // clang-format off
#define CTBPF_ABS(width) if (std::uint64_t{s->k} + width > bytes) [[unlikely]] CTBPF_SLOW; a = read_big_endian<width>(data + s->k);
#define CTBPF_IND(width) if (x + s->k < s->k || std::uint64_t{x + s->k} + width > bytes) [[unlikely]] CTBPF_SLOW; \
                         a = read_big_endian<width>(data + (x + s->k));
#define CTBPF_NEXT(statement) statement; ++s; continue;
    for (;;) {
        switch (s->code) {
            case op::ldw_jeq: { CTBPF_ABS(4) CTBPF_TAKEN(a == s->k2) }
            case op::ldh_jeq: { CTBPF_ABS(2) CTBPF_TAKEN(a == s->k2) }
            case op::ldb_jeq: { CTBPF_ABS(1) CTBPF_TAKEN(a == s->k2) }
            case op::ldw_jgt: { CTBPF_ABS(4) CTBPF_TAKEN(a > s->k2) }
            case op::ldh_jgt: { CTBPF_ABS(2) CTBPF_TAKEN(a > s->k2) }
            case op::ldb_jgt: { CTBPF_ABS(1) CTBPF_TAKEN(a > s->k2) }
            case op::ldw_jge: { CTBPF_ABS(4) CTBPF_TAKEN(a >= s->k2) }
            case op::ldh_jge: { CTBPF_ABS(2) CTBPF_TAKEN(a >= s->k2) }
            case op::ldb_jge: { CTBPF_ABS(1) CTBPF_TAKEN(a >= s->k2) }
            case op::ldw_jset: { CTBPF_ABS(4) CTBPF_TAKEN((a & s->k2) != 0) }
            case op::ldh_jset: { CTBPF_ABS(2) CTBPF_TAKEN((a & s->k2) != 0) }
            case op::ldb_jset: { CTBPF_ABS(1) CTBPF_TAKEN((a & s->k2) != 0) }
            case op::indw_jeq: { CTBPF_IND(4) CTBPF_TAKEN(a == s->k2) }
            case op::indh_jeq: { CTBPF_IND(2) CTBPF_TAKEN(a == s->k2) }
            case op::indb_jeq: { CTBPF_IND(1) CTBPF_TAKEN(a == s->k2) }
            case op::indw_jgt: { CTBPF_IND(4) CTBPF_TAKEN(a > s->k2) }
            case op::indh_jgt: { CTBPF_IND(2) CTBPF_TAKEN(a > s->k2) }
            case op::indb_jgt: { CTBPF_IND(1) CTBPF_TAKEN(a > s->k2) }
            case op::indw_jge: { CTBPF_IND(4) CTBPF_TAKEN(a >= s->k2) }
            case op::indh_jge: { CTBPF_IND(2) CTBPF_TAKEN(a >= s->k2) }
            case op::indb_jge: { CTBPF_IND(1) CTBPF_TAKEN(a >= s->k2) }
            case op::indw_jset: { CTBPF_IND(4) CTBPF_TAKEN((a & s->k2) != 0) }
            case op::indh_jset: { CTBPF_IND(2) CTBPF_TAKEN((a & s->k2) != 0) }
            case op::indb_jset: { CTBPF_IND(1) CTBPF_TAKEN((a & s->k2) != 0) }
            case op::ldw: { CTBPF_ABS(4) ++s; continue; }
            case op::ldh: { CTBPF_ABS(2) ++s; continue; }
            case op::ldb: { CTBPF_ABS(1) ++s; continue; }
            case op::indw: { CTBPF_IND(4) ++s; continue; }
            case op::indh: { CTBPF_IND(2) ++s; continue; }
            case op::indb: { CTBPF_IND(1) ++s; continue; }
            case op::msh:
                if (std::uint64_t{s->k} + 1 > bytes) [[unlikely]] CTBPF_SLOW;
                CTBPF_NEXT(x = (std::uint32_t{data[s->k]} & 0xfu) << 2)
            case op::ld_imm: CTBPF_NEXT(a = s->k)
            case op::ldx_imm: CTBPF_NEXT(x = s->k)
            case op::ld_len: CTBPF_NEXT(a = length_of(ctx, bytes))
            case op::ldx_len: CTBPF_NEXT(x = length_of(ctx, bytes))
            case op::ld_mem: if constexpr (Memory) { CTBPF_NEXT(a = memory[s->k]) } else { CTBPF_SLOW; }
            case op::ldx_mem: if constexpr (Memory) { CTBPF_NEXT(x = memory[s->k]) } else { CTBPF_SLOW; }
            case op::st: if constexpr (Memory) { CTBPF_NEXT(memory[s->k] = a) } else { CTBPF_SLOW; }
            case op::stx: if constexpr (Memory) { CTBPF_NEXT(memory[s->k] = x) } else { CTBPF_SLOW; }
            case op::add_k: CTBPF_NEXT(a += s->k)
            case op::add_x: CTBPF_NEXT(a += x)
            case op::sub_k: CTBPF_NEXT(a -= s->k)
            case op::sub_x: CTBPF_NEXT(a -= x)
            case op::mul_k: CTBPF_NEXT(a *= s->k)
            case op::mul_x: CTBPF_NEXT(a *= x)
            case op::div_k: CTBPF_NEXT(a /= s->k)  // k != 0: verified
            case op::div_x: if (x == 0) return 0; CTBPF_NEXT(a /= x)
            case op::mod_k: CTBPF_NEXT(a %= s->k)
            case op::mod_x: if (x == 0) return 0; CTBPF_NEXT(a %= x)
            case op::and_k: CTBPF_NEXT(a &= s->k)
            case op::and_x: CTBPF_NEXT(a &= x)
            case op::or_k: CTBPF_NEXT(a |= s->k)
            case op::or_x: CTBPF_NEXT(a |= x)
            case op::xor_k: CTBPF_NEXT(a ^= s->k)
            case op::xor_x: CTBPF_NEXT(a ^= x)
            case op::lsh_k: CTBPF_NEXT(a <<= s->k)  // k < 32: verified
            case op::rsh_k: CTBPF_NEXT(a >>= s->k)
            case op::neg: CTBPF_NEXT(a = 0u - a)
            case op::tax: CTBPF_NEXT(x = a)
            case op::txa: CTBPF_NEXT(a = x)
            case op::ja: s = base + s->t; continue;
            case op::jeq_k: CTBPF_TAKEN(a == s->k)
            case op::jeq_x: CTBPF_TAKEN(a == x)
            case op::jgt_k: CTBPF_TAKEN(a > s->k)
            case op::jgt_x: CTBPF_TAKEN(a > x)
            case op::jge_k: CTBPF_TAKEN(a >= s->k)
            case op::jge_x: CTBPF_TAKEN(a >= x)
            case op::jset_k: CTBPF_TAKEN((a & s->k) != 0)
            case op::jset_x: CTBPF_TAKEN((a & x) != 0)
            case op::ret_k: return s->k;
            case op::ret_a: return a;
            case op::checked: CTBPF_SLOW;
        }
        CTBPF_SLOW;  // not reached: every step is one of the above
    }
#undef CTBPF_ABS
#undef CTBPF_IND
#undef CTBPF_NEXT
#undef CTBPF_SLOW
    // clang-format on
}
#undef CTBPF_TAKEN

template <class Packet>
const std::uint8_t* bytes_of(const Packet& packet) noexcept {
    return reinterpret_cast<const std::uint8_t*>(std::ranges::data(packet));
}

}  // namespace detail::decoding

/// Runs a decoded program over `packet` with everything the kernel knows about it (ancillary
/// data, the length): the kernel's verdict (0 for a rejected program).
template <byte_range Packet>
std::uint32_t run(const decoded_program& program, const Packet& packet, const packet_context& ctx) {
    if (!program) return 0;
    const auto data = detail::decoding::bytes_of(packet);
    const std::size_t bytes = std::ranges::size(packet);
    return program.uses_memory() ? detail::decoding::run_steps<true>(program, data, bytes, ctx)
                                 : detail::decoding::run_steps<false>(program, data, bytes, ctx);
}
/// The same for a packet received whole: `ld #len` loads its size.
template <byte_range Packet>
std::uint32_t run(const decoded_program& program, const Packet& packet) {
    return run(program, packet, default_context);
}
/// The same with the packet's wire length (libpcap's pkthdr.len; what `ld #len` loads), while
/// `packet` holds the captured bytes (pkthdr.caplen of them).
template <byte_range Packet>
std::uint32_t run(const decoded_program& program, const Packet& packet, std::uint32_t wirelen) {
    if (!program) return 0;
    const detail::wire_length w{wirelen};
    const auto data = detail::decoding::bytes_of(packet);
    const std::size_t bytes = std::ranges::size(packet);
    return program.uses_memory() ? detail::decoding::run_steps<true>(program, data, bytes, w)
                                 : detail::decoding::run_steps<false>(program, data, bytes, w);
}

}  // namespace CTBPF_NAMESPACE
