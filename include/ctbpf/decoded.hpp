// ctbpf/decoded.hpp — run-time convenience beside the core: a socket filter verified once and
// decoded into an owning, pre-decoded form (jump targets as pointers, a load and the conditional
// jump after it fused into one step, runs of `jeq #k` as one range test), run by a direct-threaded
// loop, ctbpf::run(program, packet[, wirelen]), with the kernel's verdicts. For filters that run on many packets (docs/run.md, docs/benchmarks.md).
// Usage: const ctbpf::decoded_program filter(image);   // copies and verifies; filter.result() if not
//        for (auto& [data, caplen, wirelen] : packets) n += ctbpf::run(filter, std::span(data, caplen), wirelen) != 0;
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <ranges>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

#include "concepts.hpp"
#include "detail/config.hpp"
#include "detail/jeq_runs.hpp"
#include "encoding.hpp"
#include "verify.hpp"
#include "vm.hpp"

namespace CTBPF_NAMESPACE {

namespace detail::decoding {

// The steps a decoded program is made of, in the order of the dispatch table: a load followed by
// a conditional jump on A against a constant is one step (`ld*_j*`), a run of `jeq #k` with one
// true target is one range test (`in_ranges`); the rare cases (shifts by X, whose meaning depends
// on the dialect) hand the run to the checked interpreter (`checked`). A conditional step whose
// targets are both `ret #k` has a deciding twin (`decide_*`, in the same order as the
// conditional steps) that returns one of the two constants: no dispatch follows it, so it may
// select the verdict without a branch, and an unpredictable last test costs no misprediction.
// Each conditional step is listed once, as T(prefix, name, load, condition): the load it starts
// with (none for a plain jump) and its condition are the handler's code in run_steps (CTBPF_ABS,
// CTBPF_IND and the loop's names), for the step and for its twin.
// clang-format off
#define CTBPF_CONDITIONAL_STEPS(T, prefix) \
    T(prefix, ldw_jeq, CTBPF_ABS(4), a == s->k2) \
    T(prefix, ldh_jeq, CTBPF_ABS(2), a == s->k2) \
    T(prefix, ldb_jeq, CTBPF_ABS(1), a == s->k2) \
    T(prefix, ldw_jgt, CTBPF_ABS(4), a > s->k2) \
    T(prefix, ldh_jgt, CTBPF_ABS(2), a > s->k2) \
    T(prefix, ldb_jgt, CTBPF_ABS(1), a > s->k2) \
    T(prefix, ldw_jge, CTBPF_ABS(4), a >= s->k2) \
    T(prefix, ldh_jge, CTBPF_ABS(2), a >= s->k2) \
    T(prefix, ldb_jge, CTBPF_ABS(1), a >= s->k2) \
    T(prefix, ldw_jset, CTBPF_ABS(4), (a & s->k2) != 0) \
    T(prefix, ldh_jset, CTBPF_ABS(2), (a & s->k2) != 0) \
    T(prefix, ldb_jset, CTBPF_ABS(1), (a & s->k2) != 0) \
    T(prefix, indw_jeq, CTBPF_IND(4), a == s->k2) \
    T(prefix, indh_jeq, CTBPF_IND(2), a == s->k2) \
    T(prefix, indb_jeq, CTBPF_IND(1), a == s->k2) \
    T(prefix, indw_jgt, CTBPF_IND(4), a > s->k2) \
    T(prefix, indh_jgt, CTBPF_IND(2), a > s->k2) \
    T(prefix, indb_jgt, CTBPF_IND(1), a > s->k2) \
    T(prefix, indw_jge, CTBPF_IND(4), a >= s->k2) \
    T(prefix, indh_jge, CTBPF_IND(2), a >= s->k2) \
    T(prefix, indb_jge, CTBPF_IND(1), a >= s->k2) \
    T(prefix, indw_jset, CTBPF_IND(4), (a & s->k2) != 0) \
    T(prefix, indh_jset, CTBPF_IND(2), (a & s->k2) != 0) \
    T(prefix, indb_jset, CTBPF_IND(1), (a & s->k2) != 0) \
    T(prefix, jeq_k, , a == s->k) \
    T(prefix, jeq_x, , a == x) \
    T(prefix, jgt_k, , a > s->k) \
    T(prefix, jgt_x, , a > x) \
    T(prefix, jge_k, , a >= s->k) \
    T(prefix, jge_x, , a >= x) \
    T(prefix, jset_k, , (a & s->k) != 0) \
    T(prefix, jset_x, , (a & x) != 0) \
    T(prefix, in_ranges, , in_ranges(program.ranges() + 2 * std::size_t{s->k}, s->k2, a))
#define CTBPF_DECODED_STEPS(X, T) \
    CTBPF_CONDITIONAL_STEPS(T, ) \
    X(ldw) X(ldh) X(ldb) X(indw) X(indh) X(indb) X(msh) X(ld_imm) X(ldx_imm) X(ld_len) X(ldx_len) X(ld_mem) \
    X(ldx_mem) X(st) X(stx) X(add_k) X(add_x) X(sub_k) X(sub_x) X(mul_k) X(mul_x) X(div_k) X(div_x) X(mod_k) \
    X(mod_x) X(and_k) X(and_x) X(or_k) X(or_x) X(xor_k) X(xor_x) X(lsh_k) X(rsh_k) X(neg) X(tax) X(txa) X(ja) \
    X(ret_k) X(ret_a) X(checked) CTBPF_CONDITIONAL_STEPS(T, decide_)
// clang-format on
#define CTBPF_ENUMERATOR(name) name,
#define CTBPF_TEST_ENUMERATOR(prefix, name, load, condition) prefix##name,
enum class op : std::uint8_t { CTBPF_DECODED_STEPS(CTBPF_ENUMERATOR, CTBPF_TEST_ENUMERATOR) };
#undef CTBPF_ENUMERATOR
#undef CTBPF_TEST_ENUMERATOR

/// One decoded step: step i stands for instruction i (a fused step also for i + 1 and on, which
/// keep their own steps for jumps that land on them); t and f point at the targets, so a jump is
/// one load (a copied program points its copies at its own steps).
struct step {
    const step* t = nullptr;
    const step* f = nullptr;
    std::uint32_t k = 0;   ///< the operand (in_ranges: the first range's index in the range table)
    std::uint32_t k2 = 0;  ///< a fused step's jump operand (in_ranges: how many ranges)
    op code = op::checked;
};

constexpr op plain(std::uint16_t code) noexcept {
    switch (code) {
        // clang-format off
        case bpf::opcode::ld_w_abs: return op::ldw; case bpf::opcode::ld_h_abs: return op::ldh;
        case bpf::opcode::ld_b_abs: return op::ldb;
        case bpf::opcode::ld_w_ind: return op::indw; case bpf::opcode::ld_h_ind: return op::indh;
        case bpf::opcode::ld_b_ind: return op::indb; case bpf::opcode::ldx_msh: return op::msh;
        case bpf::opcode::ld_imm: return op::ld_imm; case bpf::opcode::ldx_imm: return op::ldx_imm;
        case bpf::opcode::ld_len: return op::ld_len; case bpf::opcode::ldx_len: return op::ldx_len;
        case bpf::opcode::ld_mem: return op::ld_mem; case bpf::opcode::ldx_mem: return op::ldx_mem;
        case bpf::opcode::st: return op::st; case bpf::opcode::stx: return op::stx;
        case bpf::opcode::add_k: return op::add_k; case bpf::opcode::add_x: return op::add_x;
        case bpf::opcode::sub_k: return op::sub_k; case bpf::opcode::sub_x: return op::sub_x;
        case bpf::opcode::mul_k: return op::mul_k; case bpf::opcode::mul_x: return op::mul_x;
        case bpf::opcode::div_k: return op::div_k; case bpf::opcode::div_x: return op::div_x;
        case bpf::opcode::mod_k: return op::mod_k; case bpf::opcode::mod_x: return op::mod_x;
        case bpf::opcode::and_k: return op::and_k; case bpf::opcode::and_x: return op::and_x;
        case bpf::opcode::or_k: return op::or_k; case bpf::opcode::or_x: return op::or_x;
        case bpf::opcode::xor_k: return op::xor_k; case bpf::opcode::xor_x: return op::xor_x;
        case bpf::opcode::lsh_k: return op::lsh_k; case bpf::opcode::rsh_k: return op::rsh_k;
        case bpf::opcode::neg: return op::neg;
        case bpf::opcode::tax: return op::tax; case bpf::opcode::txa: return op::txa;
        case bpf::opcode::ja: return op::ja;
        case bpf::opcode::jeq_k: return op::jeq_k; case bpf::opcode::jeq_x: return op::jeq_x;
        case bpf::opcode::jgt_k: return op::jgt_k; case bpf::opcode::jgt_x: return op::jgt_x;
        case bpf::opcode::jge_k: return op::jge_k; case bpf::opcode::jge_x: return op::jge_x;
        case bpf::opcode::jset_k: return op::jset_k; case bpf::opcode::jset_x: return op::jset_x;
        case bpf::opcode::ret_k: return op::ret_k; case bpf::opcode::ret_a: return op::ret_a;
        default: return op::checked;  // shifts by X
            // clang-format on
    }
}

/// The fused step of load `load` followed by conditional jump `jump` (on a constant), if any.
constexpr bool fuse(std::uint16_t load, std::uint16_t jump, op& out) noexcept {
    int size = 0, kind = 0;
    switch (load) {
        // clang-format off
        case bpf::opcode::ld_w_abs: size = 0; break; case bpf::opcode::ld_h_abs: size = 1; break;
        case bpf::opcode::ld_b_abs: size = 2; break;
        case bpf::opcode::ld_w_ind: size = 12; break; case bpf::opcode::ld_h_ind: size = 13; break;
        case bpf::opcode::ld_b_ind: size = 14; break;
        default: return false;
            // clang-format on
    }
    switch (jump) {
        // clang-format off
        case bpf::opcode::jeq_k: kind = 0; break; case bpf::opcode::jgt_k: kind = 3; break;
        case bpf::opcode::jge_k: kind = 6; break; case bpf::opcode::jset_k: kind = 9; break;
        default: return false;
            // clang-format on
    }
    // the enumerators run by jump, then by width, absolute loads first
    out = static_cast<op>((size >= 12 ? 12 : 0) + kind + size % 12);
    return true;
}

/// The deciding twin of a conditional step (the conditional steps come first, in the same order
/// as their twins at the end).
constexpr op deciding(op conditional) noexcept {
    return static_cast<op>(static_cast<std::uint8_t>(op::decide_ldw_jeq) + static_cast<std::uint8_t>(conditional));
}
constexpr bool is_conditional(op o) noexcept { return o <= op::in_ranges; }

/// What a rejected program runs: `ret #0`.
inline constexpr step drop{nullptr, nullptr, 0, 0, op::ret_k};

/// Steps (and the range table) for a verified image.
inline void decode(std::span<const sock_filter> image, std::vector<step>& steps, std::vector<std::uint32_t>& ranges) {
    const sock_filter* const p = image.data();
    const std::size_t n = image.size();
    steps.assign(n, step{});
    const auto at = [&](std::size_t index) { return steps.data() + index; };
    for (std::size_t i = 0; i < n; ++i) {
        const sock_filter& f = p[i];
        step& s = steps[i];
        s.k = f.k;
        // a run's first jeq (the others keep plain steps, for jumps into the middle)
        if (const std::size_t length = jeq_run_length(p, n, i); length >= shortest_jeq_run) {
            const std::size_t first = ranges.size();
            ranges.resize(first + 2 * length);
            const std::size_t count = jeq_run_ranges(p, i, length, ranges.data() + first);
            ranges.resize(first + 2 * count);
            s = {at(jeq_run_true_target(p, i)), at(jeq_run_false_target(p, i, length)),
                 static_cast<std::uint32_t>(first / 2), static_cast<std::uint32_t>(count), op::in_ranges};
            continue;
        }
        if (i + 1 < n && fuse(f.code, p[i + 1].code, s.code) && jeq_run_length(p, n, i + 1) < shortest_jeq_run) {
            s.k2 = p[i + 1].k;
            s.t = at(i + 2 + p[i + 1].jt);
            s.f = at(i + 2 + p[i + 1].jf);
            continue;
        }
        s.code = plain(f.code);
        // a return's targets are never read: they stay inside the steps
        s.t = at(std::min<std::size_t>(i + 1 + (s.code == op::ja ? f.k : f.jt), n - 1));
        s.f = at(std::min<std::size_t>(i + 1 + f.jf, n - 1));
    }
    for (step& s : steps)  // targets decoded: a test between two constant returns decides
        if (is_conditional(s.code) && s.t->code == op::ret_k && s.f->code == op::ret_k) s.code = deciding(s.code);
}

}  // namespace detail::decoding

/// A socket filter verified once (as attaching it or pcap_setfilter would) and decoded for the
/// fastest interpreter: it owns a copy of the image. Runs give the kernel's verdicts (docs/run.md);
/// a rejected program runs as "drop" (0) and result() says why.
class decoded_program {
public:
    decoded_program() = default;
    decoded_program(const decoded_program& other)
        : image_(other.image_), steps_(other.steps_), ranges_(other.ranges_), result_(other.result_) {
        rebase(other);
    }
    decoded_program& operator=(const decoded_program& other) {
        if (this != &other) {
            image_ = other.image_;
            steps_ = other.steps_;
            ranges_ = other.ranges_;
            result_ = other.result_;
            rebase(other);
        }
        return *this;
    }
    // the steps keep their place; the program moved from is left empty (rejected)
    decoded_program(decoded_program&& other) noexcept
        : image_(std::move(other.image_)),
          steps_(std::move(other.steps_)),
          ranges_(std::move(other.ranges_)),
          result_(other.result_),
          entry_(other.entry_) {
        other.clear();
    }
    decoded_program& operator=(decoded_program&& other) noexcept {
        if (this != &other) {
            image_ = std::move(other.image_);
            steps_ = std::move(other.steps_);
            ranges_ = std::move(other.ranges_);
            result_ = other.result_;
            entry_ = other.entry_;
            other.clear();
        }
        return *this;
    }
    ~decoded_program() = default;
    template <program_range Program>
    explicit decoded_program(const Program& image)
        : image_(std::ranges::begin(image), std::ranges::end(image)), result_(verify(image_)) {
        if (result_) {
            detail::decoding::decode(image_, steps_, ranges_);
            entry_ = steps_.data();
        }
    }

    explicit operator bool() const noexcept { return static_cast<bool>(result_); }
    /// Why the program was rejected (rule and instruction index), or rule::none.
    const verify_result& result() const noexcept { return result_; }
    /// The image, as given.
    std::span<const sock_filter> image() const noexcept { return image_; }
    /// The decoded steps (none for a rejected program) and the ranges their range tests read.
    const detail::decoding::step* steps() const noexcept { return steps_.data(); }
    const std::uint32_t* ranges() const noexcept { return ranges_.data(); }
    /// Where a run starts: the first step, or for a rejected program one that returns 0 (so a run
    /// needs no test of its own).
    const detail::decoding::step* entry() const noexcept { return entry_; }

private:
    // a copy's jump targets: the same steps of its own
    void rebase(const decoded_program& other) noexcept {
        for (auto& s : steps_) {
            s.t = steps_.data() + (s.t - other.steps_.data());
            s.f = steps_.data() + (s.f - other.steps_.data());
        }
        entry_ = steps_.empty() ? &detail::decoding::drop : steps_.data();
    }
    void clear() noexcept {
        image_.clear();
        steps_.clear();
        ranges_.clear();
        result_ = {rule::program_empty, 0};
        entry_ = &detail::decoding::drop;
    }

    std::vector<sock_filter> image_;
    std::vector<detail::decoding::step> steps_;
    std::vector<std::uint32_t> ranges_;  // lo, hi pairs
    verify_result result_{rule::program_empty, 0};
    const detail::decoding::step* entry_ = &detail::decoding::drop;
};

namespace detail::decoding {

/// The rest of a run, from step `s`, by the checked interpreter (loads outside the packet, at
/// the kernel's special offsets, shifts by X); A and X in one argument.
[[gnu::noinline, gnu::cold]] inline std::uint32_t finish(const decoded_program& program, const std::uint8_t* data,
                                                         std::size_t bytes, const packet_context& ctx, const step* s,
                                                         std::uint64_t ax, std::uint32_t* memory) {
    if (!program) return 0;  // a rejected program's packet of 2 GiB or more
    packet_env<std::uint8_t> env(data, bytes, ctx);
    return execute(program.image().data(), program.image().size(), env, static_cast<std::size_t>(s - program.steps()),
                   static_cast<std::uint32_t>(ax >> 32), static_cast<std::uint32_t>(ax), memory);
}
[[gnu::noinline, gnu::cold]] inline std::uint32_t finish(const decoded_program& program, const std::uint8_t* data,
                                                         std::size_t bytes, wire_length w, const step* s,
                                                         std::uint64_t ax, std::uint32_t* memory) {
    packet_context ctx;
    ctx.len = w.len;
    return finish(program, data, bytes, ctx, s, ax, memory);
}

template <class Context>
using context_argument = std::conditional_t<std::is_same_v<Context, wire_length>, wire_length, const Context&>;

// Direct threading: every step ends in its own indirect jump through the table of the handlers'
// addresses (a GNU extension that g++ and clang++ both have), so that the processor predicts
// each step's successor from the step it is in, and no bounds check precedes the dispatch.
#if defined(__clang__)
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wgnu-label-as-value"
#else
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpedantic"
#endif

/// The loop: no bounds check on the step (the verifier proved every jump lands inside), scratch
/// memory left unwritten until the program writes it (the verifier proved every read follows a
/// write). `ld #len` loads the context's length (or the wire length given), read where it is used.
/// A measured hot loop (docs/benchmarks.md): one function on purpose, a handler per step.
template <class Context>
std::uint32_t run_steps(const decoded_program& program, const std::uint8_t* const data, const std::size_t bytes,
                        context_argument<Context> ctx) {
#define CTBPF_LABEL_ADDRESS(name) &&on_##name,
#define CTBPF_TEST_ADDRESS(prefix, name, load, condition) &&on_##prefix##name,
    static const void* const handlers[] = {CTBPF_DECODED_STEPS(CTBPF_LABEL_ADDRESS, CTBPF_TEST_ADDRESS)};
#undef CTBPF_LABEL_ADDRESS
#undef CTBPF_TEST_ADDRESS
    const step* s = program.entry();
    std::uint32_t a = 0, x = 0;
    std::uint32_t memory[memory_words];  // NOLINT: written before read, by the verifier's proof
    // clang-format off
#define CTBPF_GO goto* handlers[static_cast<std::uint8_t>(s->code)];
#define CTBPF_SLOW return finish(program, data, bytes, ctx, s, (std::uint64_t{a} << 32) | x, memory);
#define CTBPF_JUMP(target) s = (target); CTBPF_GO
    // an empty volatile asm on one side cannot be executed on both, so the compiler cannot turn the
    // jump into a select of the next step (which would make every dispatch wait for the packet
    // load the comparison reads; docs/run.md)
#define CTBPF_TAKEN(condition) if (condition) { __asm__ volatile(""); CTBPF_JUMP(s->t) } else { CTBPF_JUMP(s->f) }
    // the end of a run: one of the two returns' constants, both read (they do not depend on the
    // packet; the empty asm keeps clang from selecting the address to read instead) so that a
    // select waits only for the comparison
#define CTBPF_DECIDE(condition) { std::uint32_t yes = s->t->k, no = s->f->k; __asm__("" : "+r"(yes), "+r"(no)); \
                                  return (condition) ? yes : no; }
#define CTBPF_ABS(width) if (std::uint64_t{s->k} + width > bytes) [[unlikely]] CTBPF_SLOW a = read_big_endian<width>(data + s->k);
#define CTBPF_IND(width) if (x + s->k < s->k || std::uint64_t{x + s->k} + width > bytes) [[unlikely]] CTBPF_SLOW \
                         a = read_big_endian<width>(data + (x + s->k));
#define CTBPF_NEXT(statement) statement; ++s; CTBPF_GO
    if (bytes >= 0x80000000u) [[unlikely]]  // offsets from 2^31 are the kernel's negative ones
        CTBPF_SLOW
    CTBPF_GO
#define CTBPF_ON_TEST(prefix, name, load, condition) on_##name: load CTBPF_TAKEN(condition)
#define CTBPF_ON_DECIDE(prefix, name, load, condition) on_##prefix##name: load CTBPF_DECIDE(condition)
    CTBPF_CONDITIONAL_STEPS(CTBPF_ON_TEST, )
    CTBPF_CONDITIONAL_STEPS(CTBPF_ON_DECIDE, decide_)
#undef CTBPF_ON_TEST
#undef CTBPF_ON_DECIDE
    on_ldw: CTBPF_ABS(4) ++s; CTBPF_GO
    on_ldh: CTBPF_ABS(2) ++s; CTBPF_GO
    on_ldb: CTBPF_ABS(1) ++s; CTBPF_GO
    on_indw: CTBPF_IND(4) ++s; CTBPF_GO
    on_indh: CTBPF_IND(2) ++s; CTBPF_GO
    on_indb: CTBPF_IND(1) ++s; CTBPF_GO
    on_msh:
        if (std::uint64_t{s->k} + 1 > bytes) [[unlikely]] CTBPF_SLOW
        CTBPF_NEXT(x = (std::uint32_t{data[s->k]} & 0xfu) << 2)
    on_ld_imm: CTBPF_NEXT(a = s->k)
    on_ldx_imm: CTBPF_NEXT(x = s->k)
    on_ld_len: CTBPF_NEXT(a = length_of(ctx, bytes))
    on_ldx_len: CTBPF_NEXT(x = length_of(ctx, bytes))
    on_ld_mem: CTBPF_NEXT(a = memory[s->k])  // k < 16: verified
    on_ldx_mem: CTBPF_NEXT(x = memory[s->k])
    on_st: CTBPF_NEXT(memory[s->k] = a)
    on_stx: CTBPF_NEXT(memory[s->k] = x)
    on_add_k: CTBPF_NEXT(a += s->k)
    on_add_x: CTBPF_NEXT(a += x)
    on_sub_k: CTBPF_NEXT(a -= s->k)
    on_sub_x: CTBPF_NEXT(a -= x)
    on_mul_k: CTBPF_NEXT(a *= s->k)
    on_mul_x: CTBPF_NEXT(a *= x)
    on_div_k: CTBPF_NEXT(a /= s->k)  // k != 0: verified
    on_div_x: if (x == 0) return 0; CTBPF_NEXT(a /= x)
    on_mod_k: CTBPF_NEXT(a %= s->k)
    on_mod_x: if (x == 0) return 0; CTBPF_NEXT(a %= x)
    on_and_k: CTBPF_NEXT(a &= s->k)
    on_and_x: CTBPF_NEXT(a &= x)
    on_or_k: CTBPF_NEXT(a |= s->k)
    on_or_x: CTBPF_NEXT(a |= x)
    on_xor_k: CTBPF_NEXT(a ^= s->k)
    on_xor_x: CTBPF_NEXT(a ^= x)
    on_lsh_k: CTBPF_NEXT(a <<= s->k)  // k < 32: verified
    on_rsh_k: CTBPF_NEXT(a >>= s->k)
    on_neg: CTBPF_NEXT(a = 0u - a)
    on_tax: CTBPF_NEXT(x = a)
    on_txa: CTBPF_NEXT(a = x)
    on_ja: CTBPF_JUMP(s->t)
    on_ret_k: return s->k;
    on_ret_a: return a;
    on_checked: CTBPF_SLOW
#undef CTBPF_GO
#undef CTBPF_SLOW
#undef CTBPF_JUMP
#undef CTBPF_TAKEN
#undef CTBPF_DECIDE
#undef CTBPF_ABS
#undef CTBPF_IND
#undef CTBPF_NEXT
    // clang-format on
}

#if defined(__clang__)
#pragma clang diagnostic pop
#else
#pragma GCC diagnostic pop
#endif
#undef CTBPF_DECODED_STEPS
#undef CTBPF_CONDITIONAL_STEPS

template <class Packet>
const std::uint8_t* bytes_of(const Packet& packet) noexcept {
    return reinterpret_cast<const std::uint8_t*>(std::ranges::data(packet));
}

}  // namespace detail::decoding

/// Runs a decoded program over `packet` with everything the kernel knows about it (ancillary
/// data, the length): the kernel's verdict (0 for a rejected program).
template <byte_range Packet>
std::uint32_t run(const decoded_program& program, const Packet& packet, const packet_context& ctx) {
    return detail::decoding::run_steps<packet_context>(program, detail::decoding::bytes_of(packet),
                                                       std::ranges::size(packet), ctx);
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
    return detail::decoding::run_steps<detail::wire_length>(program, detail::decoding::bytes_of(packet),
                                                            std::ranges::size(packet), detail::wire_length{wirelen});
}

}  // namespace CTBPF_NAMESPACE
