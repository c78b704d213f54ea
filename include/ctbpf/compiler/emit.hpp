// ctbpf/compiler/emit.hpp (internal) — the one code generator's emitter, shared by the filter
// language and the optimizer (and every later front end). Code is emitted backwards, from the
// returns to the entry, so every jump is forward and its offset known when it is written; each
// instruction is hash-consed on (code, k, continuation), so identical tails (returns, blocks)
// exist once; a conditional target beyond 255 instructions gets a `ja` trampoline; a straight-line
// instruction whose continuation is not next copies a return or a conditional jump instead of
// jumping to it. `finish` makes the entry the first instruction and satisfies the kernel's
// linear scratch-memory check (check_load_and_stores) whatever the placement. Linear in the
// program's size; no heap.
#pragma once

#include <cstddef>
#include <cstdint>

#include "../detail/config.hpp"
#include "../encoding.hpp"
#include "../verify.hpp"

namespace CTBPF_NAMESPACE::detail::compiler {

inline constexpr std::uint32_t none_position = 0xffffffffu;

/// The backward emitter: rev[0] is the program's last instruction. Positions are indexes into rev
/// (a built-in array: Clang's constant-evaluation budget counts each std::array subscript as a call).
class emitter {
public:
    sock_filter rev[max_instructions]{};
    std::size_t size = 0;
    bool stopped = false;   ///< nothing more is emitted (an error, or the program is full)
    bool overflow = false;  ///< more than 4096 instructions were needed

    constexpr void stop() noexcept { stopped = true; }

    /// Empties the emitter for another program of at most `longest` instructions (the table is
    /// cleared by generation, not rewritten, and hashes into as much of it as that needs, so
    /// that a short program touches little of it at compile time). Emitting more than that
    /// stops the emitter.
    constexpr void reset(std::size_t longest = max_instructions) noexcept {
        size = 0;
        stopped = overflow = false;
        ++generation_;
        entries_ = 0;
        buckets_ = 3 * longest + 16 < table_size ? 3 * longest + 16 : table_size;
    }

    /// ret #k / ret a (no continuation).
    constexpr std::uint32_t ret(std::uint16_t code, std::uint32_t k) {
        return intern(code, k, none_position, none_position);
    }

    /// A straight-line instruction followed by `next`.
    constexpr std::uint32_t stmt(std::uint16_t code, std::uint32_t k, std::uint32_t next) {
        if (const std::uint32_t hit = find(code, k, next, none_position); hit != none_position) return hit;
        if (stopped) return 0;
        // reach `next` through a copy or a jump when it is not adjacent; the table keeps the key
        // the caller asked for, so that every later request for this instruction finds it
        if (next != last()) copy_or_jump(next);
        const std::uint32_t at = append({code, 0, 0, k});
        remember(code, k, next, none_position, at);
        return at;
    }

    /// A conditional jump to t (true) or f (false).
    constexpr std::uint32_t jump(std::uint16_t code, std::uint32_t k, std::uint32_t t, std::uint32_t f) {
        if (t == f) return t;
        if (const std::uint32_t hit = find(code, k, t, f); hit != none_position) return hit;
        const std::uint32_t at = fresh_jump(code, k, t, f);
        remember(code, k, t, f, at);
        return at;
    }

    constexpr std::uint32_t last() const noexcept {
        return size == 0 ? none_position : static_cast<std::uint32_t>(size - 1);
    }

    /// Makes `entry` the program's first instruction (a jump to it when it is not), then stores
    /// to every scratch cell the kernel's linear pass could not prove written where it is read.
    /// That pass carries its state through a `ret` into the next instruction, so a shared return
    /// placed before a block that reads M[i] looks like a path without the store; a store at the
    /// entry (of A = 0, before anything) satisfies it and changes no verdict, since every real
    /// path stores before it reads.
    constexpr void finish(std::uint32_t entry) {
        if (stopped) return;
        if (entry != last()) trampoline(entry);
        const std::uint16_t missing = unproven_reads();
        for (std::uint32_t i = 0; i < memory_words && !stopped; ++i)
            if (missing & (1u << i)) append({bpf::st, 0, 0, i});
    }

private:
    /// The scratch cells whose reads check_load_and_stores cannot prove written (verify.hpp).
    constexpr std::uint16_t unproven_reads() const {
        std::uint16_t missing = 0;
        scratch_pass([this](std::size_t pc) { return rev[size - 1 - pc]; }, size,
                     [&missing](std::size_t, std::uint32_t cell) {
                         missing = static_cast<std::uint16_t>(missing | (1u << cell));
                         return true;
                     });
        return missing;
    }

    /// A new conditional jump to positions t and f, through trampolines where they are too far.
    constexpr std::uint32_t fresh_jump(std::uint16_t code, std::uint32_t k, std::uint32_t t, std::uint32_t f) {
        if (stopped) return 0;
        std::uint32_t tt = t, ff = f;
        while (distance(tt) > 255 || distance(ff) > 255) {
            if (distance(tt) > 255)
                tt = near_jump_to(tt);
            else
                ff = near_jump_to(ff);
            if (stopped) return 0;
        }
        return append({code, static_cast<std::uint8_t>(distance(tt)), static_cast<std::uint8_t>(distance(ff)), k});
    }

    /// Reaching `next` from a new straight-line instruction: when `next` is a return or a
    /// conditional jump, a copy of it costs the same as a `ja` and saves the jump at run time.
    constexpr std::uint32_t copy_or_jump(std::uint32_t next) {
        const sock_filter n = rev[next];
        if (bpf::class_of(n.code) == bpf::ret) return append(n);
        if (bpf::class_of(n.code) == bpf::jmp && bpf::op_of(n.code) != bpf::ja)
            return fresh_jump(n.code, n.k, next - n.jt - 1, next - n.jf - 1);
        return trampoline(next);
    }

    struct entry {  // no default member initializers: zero-initialised cheaply at compile time
        std::uint16_t code;
        std::uint32_t generation;  ///< in use when equal to the emitter's
        std::uint32_t k, a, b, at;
    };
    // instructions (<= 4096) plus trampoline targets (<= 4096), with room to spare: probing
    // always finds a free slot
    static constexpr std::size_t table_size = 3 * max_instructions;
    entry table_[table_size]{};
    std::uint32_t generation_ = 1;
    std::size_t buckets_ = table_size, entries_ = 0;

    constexpr bool used(std::size_t i) const noexcept { return table_[i].generation == generation_; }
    /// Counts a new table entry; stops the emitter when the table would fill up (only with a
    /// `longest` below what is emitted: 4096 instructions never fill the full table).
    constexpr bool claim() noexcept {
        if (++entries_ + 1 >= buckets_) overflow = stopped = true;
        return !stopped;
    }

    /// Distance from the next appended instruction to `target` (its jt/jf/k).
    constexpr std::uint32_t distance(std::uint32_t target) const noexcept {
        return static_cast<std::uint32_t>(size) - target - 1;
    }
    constexpr std::uint32_t append(sock_filter f) {
        if (size >= max_instructions) {
            overflow = stopped = true;
            return 0;
        }
        rev[size] = f;
        return static_cast<std::uint32_t>(size++);
    }
    /// An unconditional jump to `target`.
    constexpr std::uint32_t trampoline(std::uint32_t target) {
        if (target == last()) return target;
        return append({bpf::jmp | bpf::ja, 0, 0, distance(target)});
    }
    /// A `ja target` within 255 instructions of the next one: the most recent one to `target`
    /// if it is that close (emission only moves away from it), else a new one.
    constexpr std::uint32_t near_jump_to(std::uint32_t target) {
        constexpr std::uint16_t key = 0xffff;  // not an opcode: the trampoline registry
        std::size_t i = hash(key, target, 0, 0);
        while (used(i) && !(table_[i].code == key && table_[i].k == target)) i = (i + 1) % buckets_;
        if (used(i) && distance(table_[i].at) <= 255) return table_[i].at;
        const std::uint32_t at = trampoline(target);
        if (!used(i) && !claim()) return 0;
        if (!stopped) table_[i] = entry{key, generation_, target, 0, 0, at};
        return at;
    }
    constexpr std::size_t hash(std::uint16_t code, std::uint32_t k, std::uint32_t a, std::uint32_t b) const noexcept {
        std::uint64_t h = code;
        h = h * 0x9e3779b97f4a7c15ull + k;
        h = h * 0x9e3779b97f4a7c15ull + a;
        h = h * 0x9e3779b97f4a7c15ull + b;
        return static_cast<std::size_t>((h ^ (h >> 29)) % buckets_);
    }
    constexpr std::uint32_t find(std::uint16_t code, std::uint32_t k, std::uint32_t a, std::uint32_t b) const {
        for (std::size_t i = hash(code, k, a, b);; i = (i + 1) % buckets_) {
            const entry& e = table_[i];
            if (e.generation != generation_) return none_position;
            if (e.code == code && e.k == k && e.a == a && e.b == b) return e.at;
        }
    }
    constexpr void remember(std::uint16_t code, std::uint32_t k, std::uint32_t a, std::uint32_t b, std::uint32_t at) {
        if (stopped || !claim()) return;
        std::size_t i = hash(code, k, a, b);
        while (used(i)) i = (i + 1) % buckets_;
        table_[i] = entry{code, generation_, k, a, b, at};
    }
    constexpr std::uint32_t intern(std::uint16_t code, std::uint32_t k, std::uint32_t a, std::uint32_t b) {
        if (const std::uint32_t hit = find(code, k, a, b); hit != none_position) return hit;
        if (stopped) return 0;
        const std::uint32_t at = append({code, 0, 0, k});
        remember(code, k, a, b, at);
        return at;
    }
};

}  // namespace CTBPF_NAMESPACE::detail::compiler
