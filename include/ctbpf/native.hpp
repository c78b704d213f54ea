// ctbpf/native.hpp — a socket filter known at compile time becomes a C++ function: no interpreter
// and no dispatch; loads, ALU operations and jumps are straight-line code for the optimizer. Each
// basic block is emitted once; a block that several jumps reach is a function of its own, entered by
// a tail call. Verdicts equal ctbpf::run's (kernel or libpcap dialect) on every packet. Run time only.
// Usage: static constexpr auto image = ctbpf::compile<filter>();  ...  ctbpf::native<image>(frame)
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <ranges>
#include <type_traits>
#include <utility>

#include "detail/config.hpp"
#include "detail/jeq_runs.hpp"
#include "concepts.hpp"
#include "detail/report.hpp"
#include "encoding.hpp"
#include "verify.hpp"
#include "vm.hpp"
#include "analysis/blocks.hpp"

namespace CTBPF_NAMESPACE {
namespace detail::native {

/// The longest run of instructions emitted as one fold expression (Clang folds at most 256 terms);
/// a longer straight run is cut into blocks that fall through into each other.
inline constexpr std::size_t longest_block = 64;
/// The most blocks compiled into one function along a chain of blocks entered once.
inline constexpr std::size_t longest_chain = 8;
/// A block of at most this many instructions whose every exit is a return (`ldb [23]; jeq #6`
/// before `ret #k` and `ret #0`) is copied into every block that enters it: smaller and faster
/// than a call to a function of its own.
inline constexpr std::size_t longest_copied_test = 4;

using analysis::ends_block;
using analysis::is_jump;
using analysis::is_return;

/// The control-flow graph of a verified program: its basic blocks (leader, end: analysis/
/// blocks.hpp, straight runs cut at longest_block) and how many edges enter each.
/// (Built-in arrays: each std::array subscript is a call that Clang's constant-evaluation budget
/// counts, and the analysis of 4096 instructions is one evaluation.)
template <std::size_t N>
struct graph : analysis::blocks<N> {
    std::uint16_t edges[N]{};  ///< for a leader: jumps and fall-throughs that enter it
    bool inlined[N]{};         ///< for a leader: compiled into the block that enters it
    /// for a leader whose block ends in a run of `jeq #k` with one true target (detail/jeq_runs.hpp):
    /// the run's length; the run is one set test and the blocks inside it are not entered from it
    std::uint16_t run[N]{};
};

/// Whether block l is one `ret`.
template <std::size_t N>
constexpr bool lone_return(const sock_filter* p, const graph<N>& g, std::size_t l) {
    return l < N && g.end[l] == l + 1 && is_return(p[l].code);
}
/// Whether the block ending at instruction `last` leaves only to returns (or returns itself).
template <std::size_t N>
constexpr bool exits_return(const sock_filter* p, const graph<N>& g, std::size_t last) {
    const sock_filter& f = p[last];
    if (is_return(f.code)) return true;
    if (f.code == (bpf::jmp | bpf::ja)) return lone_return(p, g, last + 1 + f.k);
    return is_jump(f.code) && lone_return(p, g, last + 1 + f.jt) && lone_return(p, g, last + 1 + f.jf);
}

template <std::size_t N>
constexpr graph<N> analyze(const std::array<sock_filter, N>& program) {
    const sock_filter* const p = program.data();
    graph<N> g{};
    analysis::find_blocks(p, N, g, longest_block);
    // Edges from the blocks that the entry reaches (jumps go forward: one pass in order).
    bool reached[N]{};
    reached[0] = true;
    std::uint16_t from[N]{};  // for a block entered once: the block that enters it
    const auto enter = [&](std::size_t target, std::size_t l) {
        if (target >= N) return;
        ++g.edges[target];
        reached[target] = true;
        from[target] = static_cast<std::uint16_t>(l);
    };
    for (std::size_t l = 0; l < N; ++l) {
        if (!g.leader[l] || !reached[l]) continue;
        const std::size_t e = g.end[l];
        const sock_filter& last = p[e - 1];
        if (const std::size_t length = jeq_run_length(p, N, e - 1); length >= shortest_jeq_run) {
            g.run[l] = static_cast<std::uint16_t>(length);
            const std::size_t t = jeq_run_true_target(p, e - 1), f = jeq_run_false_target(p, e - 1, length);
            enter(t, l);
            if (f != t) enter(f, l);
        } else if (is_jump(last.code)) {  // one edge per distinct target (block() emits one transfer)
            const analysis::successors s = analysis::successors_of(last, e - 1);
            for (std::size_t j = 0; j < s.count; ++j) enter(s.to[j], l);
        } else if (!is_return(last.code)) {
            enter(e, l);
        }
    }
    // A block entered once is compiled into the block that enters it (so it is still emitted once);
    // a lone return is copied into every block that jumps to it (it is smaller than the jump), and
    // so is a short test between returns (longest_copied_test). Every other block is a function of
    // its own, and so is every longest_chain-th block of a chain of blocks entered once: GCC's
    // compile time grows much faster than the depth of nested inlining.
    std::uint16_t depth[N]{};  // blocks inlined between this one and its function
    for (std::size_t l = 0; l < N; ++l) {
        if (!g.leader[l]) continue;
        if (lone_return(p, g, l)) {
            g.inlined[l] = true;
        } else if (l == 0) {
            g.inlined[l] = true;  // into the entry function
        } else if (g.edges[l] == 1 && std::size_t{depth[from[l]]} + 1 < longest_chain) {
            g.inlined[l] = true;
            depth[l] = static_cast<std::uint16_t>(depth[from[l]] + 1);
        } else if (g.end[l] - l <= longest_copied_test && g.run[l] == 0 && exits_return(p, g, g.end[l] - 1)) {
            g.inlined[l] = true;  // a short test between returns, copied
        }
    }
    return g;
}

template <const auto& Program>
inline constexpr auto graph_v = analyze(Program);

/// The values of the run of `Length` jeq at C as sorted ranges (detail/jeq_runs.hpp).
template <const auto& Program, std::size_t C, std::size_t Length>
inline constexpr auto run_ranges_v = [] {
    struct {
        std::array<std::uint32_t, 2 * Length> r{};
        std::size_t count = 0;
    } out{};
    out.count = jeq_run_ranges(Program.data(), C, Length, out.r.data());
    return out;
}();

/// Whether `a` lies in one of the ranges [Lo, Hi) of `R`: a balanced tree of comparisons on the
/// ranges' lower ends, then a test of each of the last few ranges.
template <const auto& R, std::size_t Lo, std::size_t... I>
[[gnu::always_inline]] constexpr bool in_any(std::uint32_t a, std::index_sequence<I...>) noexcept {
    return ((a - R.r[2 * (Lo + I)] <= R.r[2 * (Lo + I) + 1] - R.r[2 * (Lo + I)]) || ...);
}
template <const auto& R, std::size_t Lo, std::size_t Hi>
[[gnu::always_inline]] constexpr bool in_set(std::uint32_t a) noexcept {
    if constexpr (Hi - Lo <= 3) {
        return in_any<R, Lo>(a, std::make_index_sequence<Hi - Lo>{});
    } else {
        constexpr std::size_t mid = Lo + (Hi - Lo) / 2;
        if (a < R.r[2 * mid]) return in_set<R, Lo, mid>(a);
        return in_set<R, mid, Hi>(a);
    }
}

/// Scratch memory: a local array of the entry function for programs that use it (uninitialized:
/// the verifier proves every read follows a write), a null pointer for the others.
using memory = std::uint32_t*;

/// The rare cases (negative offsets, ancillary data, an indexed offset that wraps) go to the
/// interpreter, which finishes the run from instruction `pc`: both engines agree by construction.
template <const auto& Program>
[[gnu::noinline, gnu::cold]] std::uint32_t resume(const std::uint8_t* data, std::size_t size, const packet_context* ctx,
                                                  std::size_t pc, std::uint32_t a, std::uint32_t x, memory m) {
    std::uint32_t unused[memory_words] = {};  // for a program that has no use for scratch memory
    packet_env<std::uint8_t> env(data, size, *ctx);
    return execute(Program.data(), Program.size(), env, pc, a, x, m != nullptr ? m : unused);
}

/// The arguments every block takes, in registers: the packet, its size, A, X, the context and
/// the scratch memory.
#define CTBPF_NATIVE_PARAMS                                                                        \
    [[maybe_unused]] const std::uint8_t *data, [[maybe_unused]] std::size_t size, std::uint32_t a, \
        [[maybe_unused]] std::uint32_t x, [[maybe_unused]] const packet_context *ctx, [[maybe_unused]] memory m
#define CTBPF_NATIVE_ARGS data, size, a, x, ctx, m

template <const auto& Program, std::size_t L>
[[gnu::always_inline]] inline std::uint32_t go(CTBPF_NATIVE_PARAMS);

/// Instruction I, one that neither jumps nor returns. False ends the run with `verdict`. The body
/// of the measured hot path (docs/benchmarks.md): one `if constexpr` per opcode, inlined into
/// each block, so only the instruction's own case survives.
template <const auto& Program, std::size_t I>
[[gnu::always_inline]] inline bool step([[maybe_unused]] const std::uint8_t* data, [[maybe_unused]] std::size_t size,
                                        std::uint32_t& a, std::uint32_t& x, [[maybe_unused]] const packet_context* ctx,
                                        [[maybe_unused]] memory m, std::uint32_t& verdict) {
    constexpr sock_filter f = Program[I];
    constexpr std::uint16_t code = f.code;
    constexpr std::uint32_t k = f.k;
    constexpr std::uint32_t bytes = bpf::bytes_of(code);
    if constexpr (bpf::class_of(code) == bpf::ld && bpf::mode_of(code) == bpf::abs) {
        if constexpr (k < 0x80000000u) {  // packet bytes (2^31 and more are the kernel's negative offsets)
            if (std::size_t{k} + bytes > size) return (verdict = 0, false);
            a = read_big_endian<bytes>(data + k);
        } else {
            return (verdict = resume<Program>(data, size, ctx, I, a, x, m), false);
        }
    } else if constexpr (bpf::class_of(code) == bpf::ld && bpf::mode_of(code) == bpf::ind) {
        const std::uint32_t at = x + k;
        if (std::size_t{at} + bytes <= size && at >= k && at < 0x80000000u) [[likely]] {
            a = read_big_endian<bytes>(data + at);
        } else {
            if (at < 0x80000000u && at >= k) return (verdict = 0, false);  // in neither dialect a special offset
            return (verdict = resume<Program>(data, size, ctx, I, a, x, m), false);
        }
    } else if constexpr (code == (bpf::ldx | bpf::b | bpf::msh)) {
        if constexpr (k < 0x80000000u) {
            if (std::size_t{k} + 1 > size) return (verdict = 0, false);
            x = (data[k] & 0xfu) << 2;
        } else {
            return (verdict = resume<Program>(data, size, ctx, I, a, x, m), false);
        }
    } else if constexpr (code == (bpf::ld | bpf::imm)) {
        a = k;
    } else if constexpr (code == (bpf::ldx | bpf::imm)) {
        x = k;
    } else if constexpr (code == (bpf::ld | bpf::w | bpf::len) || code == (bpf::ldx | bpf::w | bpf::len)) {
        const std::uint32_t len = ctx->len ? *ctx->len : static_cast<std::uint32_t>(size);
        (code == (bpf::ld | bpf::w | bpf::len) ? a : x) = len;
    } else if constexpr (code == (bpf::ld | bpf::mem)) {
        a = m[k];
    } else if constexpr (code == (bpf::ldx | bpf::mem)) {
        x = m[k];
    } else if constexpr (code == bpf::st) {
        m[k] = a;
    } else if constexpr (code == bpf::stx) {
        m[k] = x;
    } else if constexpr (code == (bpf::misc | bpf::tax)) {
        x = a;
    } else if constexpr (code == (bpf::misc | bpf::txa)) {
        a = x;
    } else if constexpr (bpf::class_of(code) == bpf::alu) {
        constexpr bool by_x = bpf::src_of(code) == bpf::x;
        const std::uint32_t v = by_x ? x : k;
        constexpr std::uint16_t op = bpf::op_of(code);
        if constexpr (op == bpf::add)
            a += v;
        else if constexpr (op == bpf::sub)
            a -= v;
        else if constexpr (op == bpf::mul)
            a *= v;
        else if constexpr (op == bpf::and_)
            a &= v;
        else if constexpr (op == bpf::or_)
            a |= v;
        else if constexpr (op == bpf::xor_)
            a ^= v;
        else if constexpr (op == bpf::neg)
            a = 0u - a;
        else if constexpr (op == bpf::div || op == bpf::mod) {
            if constexpr (by_x) {
                if (x == 0) return (verdict = 0, false);
            }
            if constexpr (op == bpf::div)
                a /= v;
            else
                a %= v;
        } else if constexpr (op == bpf::lsh || op == bpf::rsh) {
            if constexpr (by_x) {
                const bool pcap = ctx->dialect == dialect::libpcap;
                const std::uint32_t n = pcap ? x : x & 31u;
                if (n >= 32)
                    a = 0;
                else
                    a = op == bpf::lsh ? a << n : a >> n;
            } else {
                a = op == bpf::lsh ? a << k : a >> k;  // k < 32: the verifier rejects larger shifts
            }
        }
    }
    return true;
}

template <sock_filter F>
[[gnu::always_inline]] inline bool condition(std::uint32_t a, std::uint32_t x) noexcept {
    const std::uint32_t v = bpf::src_of(F.code) == bpf::x ? x : F.k;
    constexpr std::uint16_t op = bpf::op_of(F.code);
    if constexpr (op == bpf::jeq)
        return a == v;
    else if constexpr (op == bpf::jgt)
        return a > v;
    else if constexpr (op == bpf::jge)
        return a >= v;
    else
        return (a & v) != 0;
}

template <const auto& Program, std::size_t L, std::size_t... I>
[[gnu::always_inline]] inline bool straight([[maybe_unused]] const std::uint8_t* data,
                                            [[maybe_unused]] std::size_t size, std::uint32_t& a, std::uint32_t& x,
                                            [[maybe_unused]] const packet_context* ctx, [[maybe_unused]] memory m,
                                            std::uint32_t& verdict, std::index_sequence<I...>) {
    return (step<Program, L + I>(data, size, a, x, ctx, m, verdict) && ...);
}

/// Block L: its straight-line instructions, then its last instruction's transfer.
template <const auto& Program, std::size_t L>
[[gnu::always_inline]] inline std::uint32_t block(CTBPF_NATIVE_PARAMS) {
    constexpr std::size_t e = graph_v<Program>.end[L];
    constexpr sock_filter last = Program[e - 1];
    constexpr bool transfers = ends_block(last.code);
    std::uint32_t verdict = 0;
    if (!straight<Program, L>(data, size, a, x, ctx, m, verdict,
                              std::make_index_sequence<e - L - (transfers ? 1 : 0)>{}))
        return verdict;
    if constexpr (!transfers) {
        return go<Program, e>(CTBPF_NATIVE_ARGS);
    } else if constexpr (last.code == (bpf::ret | bpf::k)) {
        return last.k;
    } else if constexpr (is_return(last.code)) {
        return a;  // RET A, the only other return the verifier accepts
    } else if constexpr (last.code == (bpf::jmp | bpf::ja)) {
        return go<Program, e + last.k>(CTBPF_NATIVE_ARGS);
    } else if constexpr (constexpr std::size_t length = graph_v<Program>.run[L]; length != 0) {
        // a run of jeq #k with one true target: one set test
        constexpr std::size_t t = jeq_run_true_target(Program.data(), e - 1),
                              f = jeq_run_false_target(Program.data(), e - 1, length);
        if constexpr (t == f) {
            return go<Program, t>(CTBPF_NATIVE_ARGS);
        } else {
            if (in_set<run_ranges_v<Program, e - 1, length>, 0, run_ranges_v<Program, e - 1, length>.count>(a))
                return go<Program, t>(CTBPF_NATIVE_ARGS);
            return go<Program, f>(CTBPF_NATIVE_ARGS);
        }
    } else if constexpr (last.jt == last.jf) {
        return go<Program, e + last.jt>(CTBPF_NATIVE_ARGS);
    } else {
        if (condition<last>(a, x)) return go<Program, e + last.jt>(CTBPF_NATIVE_ARGS);
        return go<Program, e + last.jf>(CTBPF_NATIVE_ARGS);
    }
}

/// A block that several edges enter: emitted once, as a function that the edges tail-call.
template <const auto& Program, std::size_t L>
[[gnu::noinline]] std::uint32_t shared_block(CTBPF_NATIVE_PARAMS) {
    return block<Program, L>(CTBPF_NATIVE_ARGS);
}

template <const auto& Program, std::size_t L>
[[gnu::always_inline]] inline std::uint32_t go(CTBPF_NATIVE_PARAMS) {
    if constexpr (graph_v<Program>.inlined[L])
        return block<Program, L>(CTBPF_NATIVE_ARGS);
    else
        return shared_block<Program, L>(CTBPF_NATIVE_ARGS);
}

#undef CTBPF_NATIVE_PARAMS
#undef CTBPF_NATIVE_ARGS

/// The program must be one the kernel accepts as a socket filter: a compile error names the rule
/// and the instruction otherwise (the same errors as ctbpf::assemble).
template <const auto& Program>
constexpr bool accepted() {
    if constexpr (constexpr verify_result v = verify(Program, profile::socket_filter); !v)
        (void)detail::rejected<detail::instruction_problem{link_error::none, v.error},
                               detail::culprit_index(v, std::size(Program))>;
    return true;
}

template <class T>
inline constexpr bool is_image_v = false;
template <std::size_t N>
inline constexpr bool is_image_v<std::array<sock_filter, N>> = N > 0 && N <= max_instructions;

/// Instantiates the blocks of [Lo, Hi) from the last to the first. A block refers only to blocks
/// after it, so each finds its successors done: instantiations nest about log2(N) deep instead of
/// as deep as the longest path (GCC instantiates these templates where they are first used).
template <const auto& Program, std::size_t Lo, std::size_t Hi>
void instantiate_backwards() {
    if constexpr (Hi - Lo == 1) {
        if constexpr (graph_v<Program>.leader[Lo] && (Lo == 0 || graph_v<Program>.edges[Lo] > 0))
            (void)&go<Program, Lo>;
    } else {
        constexpr std::size_t mid = Lo + (Hi - Lo) / 2;
        instantiate_backwards<Program, mid, Hi>();
        instantiate_backwards<Program, Lo, mid>();
    }
}

template <const auto& Program>
std::uint32_t enter(const std::uint8_t* data, std::size_t size, const packet_context& ctx) {
    instantiate_backwards<Program, 0, std::size(Program)>();  // emits no code
    if constexpr (uses_scratch_memory(Program.data(), Program.size())) {
        std::uint32_t m[memory_words];  // uninitialized: the verifier proves each read follows a write
        return go<Program, 0>(data, size, 0, 0, &ctx, m);
    } else {
        return go<Program, 0>(data, size, 0, 0, &ctx, nullptr);
    }
}

}  // namespace detail::native

/// Runs the socket filter `Program` (a constexpr std::array<sock_filter, N> with static storage
/// duration: from ctbpf::compile, ctbpf::assemble or an imported image) as compiled C++ over `packet`.
/// Returns what ctbpf::run(Program, packet, ctx) returns.
template <const auto& Program, byte_range Packet>
requires(detail::native::is_image_v<std::remove_cvref_t<decltype(Program)>>) std::uint32_t
    native(const Packet& packet, const packet_context& ctx = default_context) {
    static_assert(detail::native::accepted<Program>());
    return detail::native::enter<Program>(reinterpret_cast<const std::uint8_t*>(std::ranges::data(packet)),
                                          std::ranges::size(packet), ctx);
}

}  // namespace CTBPF_NAMESPACE
