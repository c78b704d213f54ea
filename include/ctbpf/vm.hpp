// ctbpf/vm.hpp — a constexpr classic BPF virtual machine with the Linux kernel's semantics
// (the cBPF-to-eBPF conversion in net/core/filter.c), usable in static_assert and at run time.
// A libpcap dialect reproduces bpf_filter()'s documented differences.
// Usage: static_assert(ctbpf::run(image, frame) == 4096);
//        ctbpf::run(image, frame, ctbpf::packet_context{.ifindex = 1, .hatype = 772});
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <ranges>
#include <type_traits>

#include "detail/config.hpp"
#include "concepts.hpp"
#include "encoding.hpp"
#include "verify.hpp"
#include "vm/context.hpp"

namespace CTBPF_NAMESPACE {

namespace detail {

// The eight conditional jumps, opcode and condition on A, X and K, for both loops' switches
// (each defines JUMP to make a case of them). Undefined at the end of the header.
// clang-format off
#define CTBPF_FOR_EACH_CONDITIONAL_JUMP(JUMP)                                         \
    JUMP(bpf::opcode::jeq_k, a == k) JUMP(bpf::opcode::jeq_x, a == x)                  \
    JUMP(bpf::opcode::jgt_k, a > k) JUMP(bpf::opcode::jgt_x, a > x)                    \
    JUMP(bpf::opcode::jge_k, a >= k) JUMP(bpf::opcode::jge_x, a >= x)                  \
    JUMP(bpf::opcode::jset_k, (a & k) != 0) JUMP(bpf::opcode::jset_x, (a & x) != 0)
// clang-format on

/// The interpreter. Anything the kernel would reject at load time makes the run return 0.
///
/// One case per opcode, so that the switch is a single dense jump table with no second dispatch
/// on the size or the comparison. A conditional jump needs no bounds check of its own: a taken
/// branch that lands past the end leaves `pc >= n`, the loop ends and the run returns 0 (the
/// untaken target is not examined; docs/run.md).
///
/// This form resumes a run at instruction `pc` with registers A and X and scratch memory `m`
/// (memory_words cells): ctbpf::native hands its rare cases to it. A measured hot loop (the
/// interpreter's switch, docs/benchmarks.md): one function on purpose.
template <class Env>
constexpr std::uint32_t execute(const sock_filter* prog, std::size_t n, Env& env, std::size_t pc, std::uint32_t a,
                                std::uint32_t x, std::uint32_t* m) {
    const bool pcap = env.semantics() == dialect::libpcap;
    // an absolute load: the value, or the end of the run (with 0 or with A)
#define CTBPF_LOAD_ABS(bytes)                                     \
    {                                                             \
        const load_result r = env.load_abs(bytes, f.k, a, x);     \
        if (r.status != load_status::value) [[unlikely]]          \
            return r.status == load_status::exit_with_a ? a : 0u; \
        a = r.value;                                              \
        break;                                                    \
    }
#define CTBPF_LOAD_IND(bytes)                              \
    {                                                      \
        const load_result r = env.load_ind(bytes, f.k, x); \
        if (r.status != load_status::value) [[unlikely]]   \
            return 0;                                      \
        a = r.value;                                       \
        break;                                             \
    }
#define CTBPF_JUMP_IF(code, condition) \
    case code: pc += (condition) ? f.jt : f.jf; break;
    for (; pc < n; ++pc) {
        const sock_filter& f = prog[pc];
        const std::uint32_t k = f.k;
        if constexpr (requires { env.executes(pc); }) env.executes(pc);  // an observer (seccomp::executed)
        if constexpr (Env::seccomp) {
            if (!seccomp_allows(f.code)) return 0;  // rejected by seccomp_check_filter
        }
        // clang-format off
        switch (f.code) {
            // ---- loads
            case bpf::opcode::ld_w_abs: CTBPF_LOAD_ABS(4)
            case bpf::opcode::ld_h_abs: CTBPF_LOAD_ABS(2)
            case bpf::opcode::ld_b_abs: CTBPF_LOAD_ABS(1)
            case bpf::opcode::ld_w_ind: CTBPF_LOAD_IND(4)
            case bpf::opcode::ld_h_ind: CTBPF_LOAD_IND(2)
            case bpf::opcode::ld_b_ind: CTBPF_LOAD_IND(1)
            case bpf::opcode::ldx_msh: {
                const load_result r = env.load_msh(k);
                if (r.status != load_status::value) [[unlikely]] return 0;
                x = (r.value & 0xfu) << 2;
                break;
            }
            case bpf::opcode::ld_imm: a = k; break;
            case bpf::opcode::ldx_imm: x = k; break;
            case bpf::opcode::ld_len: a = env.length(); break;
            case bpf::opcode::ldx_len: x = env.length(); break;
            case bpf::opcode::ld_mem: if (k >= memory_words) return 0; a = m[k]; break;
            case bpf::opcode::ldx_mem: if (k >= memory_words) return 0; x = m[k]; break;
            case bpf::opcode::st: if (k >= memory_words) return 0; m[k] = a; break;
            case bpf::opcode::stx: if (k >= memory_words) return 0; m[k] = x; break;
            // ---- ALU
            case bpf::opcode::add_k: a += k; break;
            case bpf::opcode::add_x: a += x; break;
            case bpf::opcode::sub_k: a -= k; break;
            case bpf::opcode::sub_x: a -= x; break;
            case bpf::opcode::mul_k: a *= k; break;
            case bpf::opcode::mul_x: a *= x; break;
            case bpf::opcode::div_k: if (k == 0) return 0; a /= k; break;
            case bpf::opcode::div_x: if (x == 0) return 0; a /= x; break;
            case bpf::opcode::mod_k: if (k == 0) return 0; a %= k; break;
            case bpf::opcode::mod_x: if (x == 0) return 0; a %= x; break;
            case bpf::opcode::and_k: a &= k; break;
            case bpf::opcode::and_x: a &= x; break;
            case bpf::opcode::or_k: a |= k; break;
            case bpf::opcode::or_x: a |= x; break;
            case bpf::opcode::xor_k: a ^= k; break;
            case bpf::opcode::xor_x: a ^= x; break;
            case bpf::opcode::lsh_k:
                if (k >= 32) { if (!pcap) return 0; a = 0; } else { a <<= k; }
                break;
            case bpf::opcode::rsh_k:
                if (k >= 32) { if (!pcap) return 0; a = 0; } else { a >>= k; }
                break;
            case bpf::opcode::lsh_x:
                if (pcap) a = x < 32 ? a << x : 0; else a <<= (x & 31u);
                break;
            case bpf::opcode::rsh_x:
                if (pcap) a = x < 32 ? a >> x : 0; else a >>= (x & 31u);
                break;
            case bpf::opcode::neg: a = 0u - a; break;
            // ---- jumps (forward only)
            case bpf::opcode::ja:  // checked: with a 32-bit size_t, pc + k could wrap around
                if (k >= n - pc - 1) return 0;
                pc += k;
                break;
            CTBPF_FOR_EACH_CONDITIONAL_JUMP(CTBPF_JUMP_IF)
            // ---- return, register moves
            case bpf::opcode::ret_k: return k;
            case bpf::opcode::ret_a: return a;
            case bpf::opcode::tax: x = a; break;
            case bpf::opcode::txa: a = x; break;
            default: return 0;  // not an allowed opcode
        }
        // clang-format on
    }
#undef CTBPF_LOAD_ABS
#undef CTBPF_LOAD_IND
#undef CTBPF_JUMP_IF
    return 0;  // fell off the end, or jumped past it: the kernel rejects such programs
}

/// A run from the first instruction, A = X = 0 and zeroed scratch memory.
template <class Env>
constexpr std::uint32_t execute(const sock_filter* prog, std::size_t n, Env& env) {
    std::array<std::uint32_t, memory_words> m{};
    return execute(prog, n, env, 0, 0, 0, m.data());
}

}  // namespace detail

/// A program checked once against the kernel's rules (as attaching a filter or pcap_setfilter
/// does), so that each run() skips the checks: the fast way to filter many packets at run time.
/// It refers to the image, which must outlive it. A rejected program runs as "drop" (0).
class verified_program {
public:
    constexpr verified_program() noexcept = default;
    /// A view of a temporary would dangle: keep the program in a variable.
    template <program_range Program>
    requires(!std::ranges::borrowed_range<Program>) verified_program(const Program&&, profile = profile::socket_filter)
    = delete;
    template <program_range Program>
    constexpr explicit verified_program(const Program& image, profile p = profile::socket_filter)
        : data_(std::ranges::data(image)),
          size_(std::ranges::size(image)),
          uses_memory_(detail::uses_scratch_memory(data_, size_)),
          result_(verify(image, p)) {}

    constexpr explicit operator bool() const noexcept { return static_cast<bool>(result_); }
    /// Why the program was rejected (rule and instruction index), or rule::none.
    constexpr const verify_result& result() const noexcept { return result_; }
    constexpr const sock_filter* data() const noexcept { return data_; }
    constexpr std::size_t size() const noexcept { return size_; }
    /// Whether the program reads or writes scratch memory (the verified loop keeps M[] only then).
    constexpr bool uses_memory() const noexcept { return uses_memory_; }

private:
    const sock_filter* data_ = nullptr;
    std::size_t size_ = 0;
    bool uses_memory_ = false;  // computed from data_ and size_, declared before it
    verify_result result_{rule::program_empty, 0};
};

namespace detail {

/// The verified loop's rare cases (loads outside the packet or at special offsets, shifts and
/// division by X) hand the rest of the run, from instruction f, to the checked loop. Six
/// arguments (A and X in one), so that the call is a jump and the loop keeps no registers.
template <class Byte>
[[gnu::noinline, gnu::cold]] std::uint32_t finish_checked(const verified_program& program, const Byte* data,
                                                          std::size_t bytes, const packet_context& ctx,
                                                          const sock_filter* f, std::uint64_t ax) {
    std::uint32_t unused[memory_words] = {};  // a program with scratch memory calls the overload below
    packet_env<Byte> env(data, bytes, ctx);
    return execute(program.data(), program.size(), env, static_cast<std::size_t>(f - program.data()),
                   static_cast<std::uint32_t>(ax >> 32), static_cast<std::uint32_t>(ax), unused);
}
template <class Byte>
[[gnu::noinline, gnu::cold]] std::uint32_t finish_checked(const verified_program& program, const Byte* data,
                                                          std::size_t bytes, const packet_context& ctx,
                                                          const sock_filter* f, std::uint64_t ax, std::uint32_t* m) {
    packet_env<Byte> env(data, bytes, ctx);
    return execute(program.data(), program.size(), env, static_cast<std::size_t>(f - program.data()),
                   static_cast<std::uint32_t>(ax >> 32), static_cast<std::uint32_t>(ax), m);
}

/// A run given only the wire length (run(program, packet, wirelen)): the loop's `ld #len` reads
/// it, and only a rare case builds a context from it.
struct wire_length {
    std::uint32_t len;
};
constexpr std::uint32_t length_of(const packet_context& ctx, std::size_t bytes) noexcept {
    return ctx.len ? *ctx.len : static_cast<std::uint32_t>(bytes);
}
constexpr std::uint32_t length_of(wire_length w, std::size_t) noexcept { return w.len; }
template <class Byte>
[[gnu::noinline, gnu::cold]] std::uint32_t finish_checked(const verified_program& program, const Byte* data,
                                                          std::size_t bytes, wire_length w, const sock_filter* f,
                                                          std::uint64_t ax) {
    packet_context ctx;
    ctx.len = w.len;
    return finish_checked(program, data, bytes, ctx, f, ax);
}
template <class Byte>
[[gnu::noinline, gnu::cold]] std::uint32_t finish_checked(const verified_program& program, const Byte* data,
                                                          std::size_t bytes, wire_length w, const sock_filter* f,
                                                          std::uint64_t ax, std::uint32_t* m) {
    packet_context ctx;
    ctx.len = w.len;
    return finish_checked(program, data, bytes, ctx, f, ax, m);
}

/// The run-time loop for a program verify() accepted: no bound on pc, no opcode, index or jump
/// checks, and scratch memory (only for programs that use it) left uninitialized: the verifier
/// proved each read follows a write. Whatever is rare goes to finish_checked(), so that without
/// scratch memory nothing stays live across a call and the loop needs no stack frame. A load
/// followed by `jeq #k` does both without a second dispatch. A measured hot loop (docs/benchmarks.md):
/// one function on purpose, so that the dispatch stays in registers.
template <bool Memory, class Byte, class Context>
std::uint32_t execute_verified(const verified_program& program, const Byte* const data, const std::size_t bytes,
                               const Context& ctx) {
    const sock_filter* f = program.data();
    std::uint32_t a = 0, x = 0;
    if (bytes >= 0x80000000u) [[unlikely]]  // offsets from 2^31 are the kernel's negative ones
        return finish_checked(program, data, bytes, ctx, f, 0);
    std::uint32_t memory[Memory ? memory_words : 1];  // NOLINT: written before read, by the verifier's proof
    // clang-format off
#define CTBPF_FINISH                                                            \
    if constexpr (Memory)                                                       \
        return finish_checked(program, data, bytes, ctx, f, (std::uint64_t{a} << 32) | x, memory); \
    else                                                                        \
        return finish_checked(program, data, bytes, ctx, f, (std::uint64_t{a} << 32) | x);
    // An empty volatile asm on one side of each conditional jump keeps it a branch: compilers
    // would otherwise select the next instruction from the comparison (clang++ does), so that
    // every dispatch waits for the packet load the comparison reads (docs/run.md).
#if defined(__GNUC__)
#define CTBPF_BRANCH_ON(condition, taken, not_taken) if (condition) { __asm__ volatile(""); taken; } else { not_taken; }
#else
#define CTBPF_BRANCH_ON(condition, taken, not_taken) if (condition) { taken; } else { not_taken; }
#endif
#define CTBPF_THEN_JEQ                                                          \
    if (f[1].code == (bpf::jmp | bpf::jeq | bpf::k)) {                          \
        CTBPF_BRANCH_ON(a == f[1].k, f += 2 + f[1].jt, f += 2 + f[1].jf)        \
        continue;                                                               \
    }                                                                           \
    ++f;                                                                        \
    continue;
#define CTBPF_LOAD_ABS(width)                                                   \
    if (std::uint64_t{k} + width > bytes) { CTBPF_FINISH }                    \
    a = read_big_endian<width>(data + k);                                       \
    CTBPF_THEN_JEQ
#define CTBPF_LOAD_IND(width)                                                   \
    if (x + k < k || std::uint64_t{x + k} + width > bytes) { CTBPF_FINISH }     \
    a = read_big_endian<width>(data + (x + k));                                 \
    CTBPF_THEN_JEQ
#define CTBPF_NEXT(statement) statement; ++f; continue;
#define CTBPF_MEMORY(statement) if constexpr (Memory) { statement; ++f; continue; } else { CTBPF_FINISH }
#define CTBPF_JUMP_IF(code, condition) case code: CTBPF_BRANCH_ON(condition, f += 1 + f->jt, f += 1 + f->jf) continue;
    for (;;) {
        const std::uint32_t k = f->k;
        switch (f->code) {
            case bpf::opcode::ld_w_abs: CTBPF_LOAD_ABS(4)
            case bpf::opcode::ld_h_abs: CTBPF_LOAD_ABS(2)
            case bpf::opcode::ld_b_abs: CTBPF_LOAD_ABS(1)
            case bpf::opcode::ld_w_ind: CTBPF_LOAD_IND(4)
            case bpf::opcode::ld_h_ind: CTBPF_LOAD_IND(2)
            case bpf::opcode::ld_b_ind: CTBPF_LOAD_IND(1)
            case bpf::opcode::ldx_msh:
                if (std::uint64_t{k} + 1 > bytes) { CTBPF_FINISH }
                CTBPF_NEXT(x = (to_u8(data[k]) & 0xfu) << 2)
            case bpf::opcode::ld_imm: CTBPF_NEXT(a = k)
            case bpf::opcode::ldx_imm: CTBPF_NEXT(x = k)
            case bpf::opcode::ld_len: CTBPF_NEXT(a = length_of(ctx, bytes))  // read where used: most programs never do
            case bpf::opcode::ldx_len: CTBPF_NEXT(x = length_of(ctx, bytes))
            case bpf::opcode::ld_mem: CTBPF_MEMORY(a = memory[k])  // without scratch memory, never reached
            case bpf::opcode::ldx_mem: CTBPF_MEMORY(x = memory[k])
            case bpf::opcode::st: CTBPF_MEMORY(memory[k] = a)
            case bpf::opcode::stx: CTBPF_MEMORY(memory[k] = x)
            case bpf::opcode::add_k: CTBPF_NEXT(a += k)
            case bpf::opcode::add_x: CTBPF_NEXT(a += x)
            case bpf::opcode::sub_k: CTBPF_NEXT(a -= k)
            case bpf::opcode::sub_x: CTBPF_NEXT(a -= x)
            case bpf::opcode::mul_k: CTBPF_NEXT(a *= k)
            case bpf::opcode::mul_x: CTBPF_NEXT(a *= x)
            case bpf::opcode::div_k: CTBPF_NEXT(a /= k)  // k != 0: verified
            case bpf::opcode::div_x: if (x == 0) return 0; CTBPF_NEXT(a /= x)
            case bpf::opcode::mod_k: CTBPF_NEXT(a %= k)
            case bpf::opcode::mod_x: if (x == 0) return 0; CTBPF_NEXT(a %= x)
            case bpf::opcode::and_k: CTBPF_NEXT(a &= k)
            case bpf::opcode::and_x: CTBPF_NEXT(a &= x)
            case bpf::opcode::or_k: CTBPF_NEXT(a |= k)
            case bpf::opcode::or_x: CTBPF_NEXT(a |= x)
            case bpf::opcode::xor_k: CTBPF_NEXT(a ^= k)
            case bpf::opcode::xor_x: CTBPF_NEXT(a ^= x)
            case bpf::opcode::lsh_k: CTBPF_NEXT(a <<= k)  // k < 32: verified
            case bpf::opcode::rsh_k: CTBPF_NEXT(a >>= k)
            case bpf::opcode::lsh_x: case bpf::opcode::rsh_x: { CTBPF_FINISH }  // by X: depends on the dialect
            case bpf::opcode::neg: CTBPF_NEXT(a = 0u - a)
            case bpf::opcode::tax: CTBPF_NEXT(x = a)
            case bpf::opcode::txa: CTBPF_NEXT(a = x)
            case bpf::opcode::ja: f += 1 + k; continue;  // in range: verified
            CTBPF_FOR_EACH_CONDITIONAL_JUMP(CTBPF_JUMP_IF)
            case bpf::opcode::ret_k: return k;
            case bpf::opcode::ret_a: return a;
            default:  // the verifier admits only the 49 opcodes above
#if defined(__GNUC__)
                __builtin_unreachable();
#else
                return 0;
#endif
        }
    }
#undef CTBPF_FINISH
#undef CTBPF_BRANCH_ON
#undef CTBPF_THEN_JEQ
#undef CTBPF_LOAD_ABS
#undef CTBPF_LOAD_IND
#undef CTBPF_NEXT
#undef CTBPF_MEMORY
#undef CTBPF_JUMP_IF
    // clang-format on
}

}  // namespace detail

/// Runs `program` over `packet` (any contiguous range of bytes) and returns the verdict: the
/// number of bytes to accept, 0 to drop. Same function at compile time and run time.
template <program_range Program, byte_range Packet>
constexpr std::uint32_t run(const Program& program, const Packet& packet, const packet_context& ctx = default_context) {
    detail::packet_env env(std::ranges::data(packet), std::ranges::size(packet), ctx);
    return detail::execute(std::ranges::data(program), std::ranges::size(program), env);
}

/// Runs a verified program over `packet`: the same verdicts as run(image, packet, ctx), with the
/// verified loop at run time (0 for a rejected program).
template <byte_range Packet>
constexpr std::uint32_t run(const verified_program& program, const Packet& packet,
                            const packet_context& ctx = default_context) {
    if (!program) return 0;
    if (std::is_constant_evaluated()) {
        detail::packet_env env(std::ranges::data(packet), std::ranges::size(packet), ctx);
        return detail::execute(program.data(), program.size(), env);
    }
    const auto data = std::ranges::data(packet);
    const std::size_t bytes = std::ranges::size(packet);
    return program.uses_memory() ? detail::execute_verified<true>(program, data, bytes, ctx)
                                 : detail::execute_verified<false>(program, data, bytes, ctx);
}

/// The same with the packet's wire length (libpcap's pkthdr.len: what `ld #len` loads), while
/// `packet` holds the captured bytes (pkthdr.caplen of them): what a libpcap user passes to
/// bpf_filter(), at the cost of one argument.
template <byte_range Packet>
std::uint32_t run(const verified_program& program, const Packet& packet, std::uint32_t wirelen) {
    if (!program) return 0;
    const auto data = std::ranges::data(packet);
    const std::size_t bytes = std::ranges::size(packet);
    const detail::wire_length w{wirelen};
    return program.uses_memory() ? detail::execute_verified<true>(program, data, bytes, w)
                                 : detail::execute_verified<false>(program, data, bytes, w);
}

/// Runs a seccomp filter over `data`, as the kernel does for one system call; returns the
/// SECCOMP_RET_* action value.
template <program_range Program>
constexpr std::uint32_t run(const Program& program, const seccomp_data& data) {
    detail::seccomp_env env(data);
    return detail::execute(std::ranges::data(program), std::ranges::size(program), env);
}

/// Runs a verified seccomp filter (0, SECCOMP_RET_KILL_THREAD, for a rejected program).
constexpr std::uint32_t run(const verified_program& program, const seccomp_data& data) {
    if (!program) return 0;
    detail::seccomp_env env(data);
    return detail::execute(program.data(), program.size(), env);
}

}  // namespace CTBPF_NAMESPACE

#undef CTBPF_FOR_EACH_CONDITIONAL_JUMP
