// ctbpf/compiler/link.hpp — the one linker of every front end (builders, bpf_asm text, and any
// later one): label names to instruction indexes through a hash table, far conditional jumps
// relaxed with `ja` trampolines where the front end lets the size grow, and the image encoded.
// Linear in the program's length; no heap: the caller provides the tables (link_tables<N, L>).
// Usage (internal): detail::link_program(input, tables, out, origin, capacity)
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "../detail/config.hpp"
#include "../encoding.hpp"
#include "../errors.hpp"
#include "../instruction.hpp"

namespace CTBPF_NAMESPACE {

constexpr std::string_view describe(link_error e) noexcept {
    switch (e) {
        case link_error::none: return "linked";
        case link_error::unknown_label: return "jump to a label that is not defined";
        case link_error::duplicate_label: return "the label is defined twice";
        case link_error::backward_jump: return "jump to a label that is not ahead of the jump";
        case link_error::conditional_too_far: return "conditional jump target is more than 255 instructions ahead";
        case link_error::negative_skip: return "negative jump offset";
        case link_error::skip_too_large: return "jump offset does not fit the instruction";
        case link_error::too_many_instructions: return "more than 4096 instructions";
    }
    return "unknown link error";
}

namespace detail {

/// A label: its name and the index of the instruction it names.
struct label_definition {
    std::string_view name;
    std::uint32_t index = 0;
};

/// Which part of an input instruction an output instruction or an error comes from.
enum class link_part : std::uint8_t { instruction = 0, jump_true = 1, jump_false = 2, label = 3 };

/// What link_program did: the output size, or the first problem with its culprit (the input
/// instruction and which part of it; for duplicate_label the label's index).
struct link_status {
    link_error error = link_error::none;
    std::uint32_t instruction = 0;
    link_part part = link_part::instruction;
    std::uint32_t label = 0;
    std::size_t size = 0;
    constexpr explicit operator bool() const noexcept { return error == link_error::none; }
};

/// The program to link. With `relax`, a conditional target more than 255 ahead goes through a
/// `ja` right after the jump (the image grows); without, it is an error (the size is fixed).
struct link_input {
    const instruction* code;
    std::size_t count;
    const label_definition* labels;
    std::size_t label_count;
    bool relax;
};

constexpr std::size_t hash_slots_for(std::size_t labels) noexcept {
    std::size_t n = 1;
    while (n < 2 * labels + 1) n *= 2;
    return n;
}

/// The linker's working tables for up to N instructions and L labels; left uninitialised (each
/// entry is written before it is read: clearing them would cost compile-time steps). Per-jump
/// tables are indexed by the jump's number, so that a pass over the jumps skips the rest.
template <std::size_t N, std::size_t L>
struct link_tables {
    static constexpr std::size_t slot_count = hash_slots_for(L);
    static constexpr std::size_t capacity = N > 0 ? N : 1;
    std::uint32_t jump[capacity];          ///< input index of each jump (raw instructions excluded)
    std::uint32_t target_true[capacity];   ///< input index a jump goes to when true (or ja)
    std::uint32_t target_false[capacity];  ///< ... when false
    std::uint8_t extra[capacity];          ///< trampolines after each jump
    std::uint32_t position[N + 1];         ///< output index of each input instruction, once relaxed
    std::uint32_t slots[slot_count];       ///< label index + 1; 0 is empty
};

constexpr std::uint32_t name_hash(std::string_view name) noexcept {
    const char* p = name.data();
    std::uint32_t h = 2166136261u;
    for (std::size_t i = 0, n = name.size(); i < n; ++i) h = (h ^ static_cast<unsigned char>(p[i])) * 16777619u;
    return h;
}
// (Raw pointers: each std::string_view call costs steps of the constant-evaluation budget.)
constexpr bool same_name(std::string_view a, std::string_view b) noexcept {
    const std::size_t n = a.size();
    if (n != b.size()) return false;
    const char* p = a.data();
    const char* q = b.data();
    for (std::size_t i = 0; i < n; ++i)
        if (p[i] != q[i]) return false;
    return true;
}

// Written for Clang's constant-evaluation budget, which counts statements: every pass but the
// final copy visits only the jumps, and the layout stays the identity until a trampoline is
// needed.
template <std::size_t N, std::size_t L>
class linker {
public:
    constexpr linker(const link_input& in, link_tables<N, L>& t) : in_(in), t_(t) {}

    /// Labels into the hash table; the second definition of a name is the error.
    constexpr bool index_labels() {
        const std::size_t mask = t_.slot_count - 1;
        for (std::size_t i = 0; i < t_.slot_count; ++i) t_.slots[i] = 0;
        for (std::size_t l = 0; l < in_.label_count; ++l) {
            const std::string_view name = in_.labels[l].name;
            std::size_t s = name_hash(name) & mask;
            for (; t_.slots[s] != 0; s = (s + 1) & mask)
                if (same_name(in_.labels[t_.slots[s] - 1].name, name))
                    return fail(link_error::duplicate_label, in_.labels[l].index, link_part::label,
                                static_cast<std::uint32_t>(l));
            t_.slots[s] = static_cast<std::uint32_t>(l + 1);
        }
        return true;
    }

    /// The jumps, and their targets as input indexes (a skip past the end stays past the end).
    constexpr bool resolve_targets() {
        for (std::size_t i = 0; i < in_.count; ++i) {
            const instruction& p = in_.code[i];
            if ((p.code & 7) != bpf::jmp || p.raw) continue;  // (no calls: the step budget counts them)
            const bool always = p.code == (bpf::jmp | bpf::ja);
            t_.jump[jumps_] = static_cast<std::uint32_t>(i);
            t_.extra[jumps_] = 0;
            if (!resolve(p.jt, i, always ? 0xffffffffu : 255u, link_part::jump_true, t_.target_true[jumps_]))
                return false;
            if (!always && !resolve(p.jf, i, 255u, link_part::jump_false, t_.target_false[jumps_])) return false;
            ++jumps_;
        }
        return true;
    }

    /// Output positions. Relaxing, sizes only grow (a trampoline per far target), so this reaches
    /// a fixed point; each round is linear.
    constexpr bool lay_out(std::size_t capacity) {
        if (in_.count > capacity) return fail(link_error::too_many_instructions, capacity, link_part::instruction);
        for (bool changed = in_.relax; changed;) {
            changed = false;
            for (std::size_t j = 0; j < jumps_; ++j) {
                if (!is_conditional(j)) continue;
                const std::uint8_t far = static_cast<std::uint8_t>((offset(j, t_.target_true[j]) > 255 ? 1 : 0) +
                                                                   (offset(j, t_.target_false[j]) > 255 ? 1 : 0));
                if (far > t_.extra[j]) {
                    t_.extra[j] = far;
                    changed = true;
                }
            }
            if (changed && !place_with_trampolines(capacity)) return false;
        }
        return true;
    }

    /// The image; origin[o] (if given) is (input index << 2) | link_part of output instruction o.
    constexpr std::size_t encode(sock_filter* out, std::uint32_t* origin) const {
        if (identity_) {
            for (std::size_t i = 0; i < in_.count; ++i) {
                const instruction& p = in_.code[i];
                out[i] = sock_filter{p.code, p.raw_jt, p.raw_jf, p.k};  // raw_jt/jf: 0 unless raw
            }
            if (origin)
                for (std::size_t i = 0; i < in_.count; ++i) origin[i] = static_cast<std::uint32_t>(i << 2);
            for (std::size_t j = 0; j < jumps_; ++j) encode_jump(j, out[t_.jump[j]]);
            return in_.count;
        }
        std::size_t o = 0;
        for (std::size_t i = 0, j = 0; i < in_.count; ++i) {
            const instruction& p = in_.code[i];
            if (origin) origin[o] = static_cast<std::uint32_t>(i << 2);
            out[o] = sock_filter{p.code, p.raw_jt, p.raw_jf, p.k};
            if (j == jumps_ || t_.jump[j] != i) {
                ++o;
                continue;
            }
            encode_jump(j, out[o++]);
            const auto trampoline = [&](std::uint32_t target, link_part part) {
                if (origin) origin[o] = static_cast<std::uint32_t>(i << 2 | static_cast<std::uint32_t>(part));
                out[o] = sock_filter{bpf::jmp | bpf::ja, 0, 0, place(target) - static_cast<std::uint32_t>(o + 1)};
                ++o;
            };
            if (is_conditional(j) && offset(j, t_.target_true[j]) > 255)
                trampoline(t_.target_true[j], link_part::jump_true);
            if (is_conditional(j) && offset(j, t_.target_false[j]) > 255)
                trampoline(t_.target_false[j], link_part::jump_false);
            ++j;
        }
        return o;
    }

    link_status status{};

private:
    const link_input& in_;
    link_tables<N, L>& t_;
    std::size_t jumps_ = 0;
    bool identity_ = true;  ///< no trampolines: output index = input index

    constexpr bool fail(link_error e, std::size_t i, link_part part, std::uint32_t label = 0) {
        status = link_status{e, static_cast<std::uint32_t>(i), part, label, 0};
        return false;
    }
    constexpr bool is_conditional(std::size_t j) const { return in_.code[t_.jump[j]].code != (bpf::jmp | bpf::ja); }
    /// Output index of input index `target` (past the end: as far past the output's end).
    constexpr std::uint32_t place(std::uint32_t target) const {
        if (identity_) return target;
        return target < in_.count ? t_.position[target]
                                  : t_.position[in_.count] + (target - static_cast<std::uint32_t>(in_.count));
    }
    /// The jump field of jump j for `target`.
    constexpr std::uint32_t offset(std::size_t j, std::uint32_t target) const {
        return place(target) - (place(t_.jump[j]) + 1);
    }
    /// Jump j's fields: a far conditional target goes to the next trampoline (true's first).
    constexpr void encode_jump(std::size_t j, sock_filter& f) const {
        if (!is_conditional(j)) {
            f.k = offset(j, t_.target_true[j]);
            return;
        }
        const std::uint32_t t = offset(j, t_.target_true[j]), e = offset(j, t_.target_false[j]);
        std::uint8_t slot = 0;
        f.jt = static_cast<std::uint8_t>(t > 255 ? slot++ : t);
        f.jf = static_cast<std::uint8_t>(e > 255 ? slot++ : e);
    }
    /// Positions with each jump's trampolines after it.
    constexpr bool place_with_trampolines(std::size_t capacity) {
        std::uint32_t at = 0;
        for (std::size_t i = 0, j = 0; i < in_.count; ++i) {
            t_.position[i] = at;
            at += 1;
            if (j < jumps_ && t_.jump[j] == i) at += t_.extra[j++];
        }
        t_.position[in_.count] = at;
        identity_ = false;
        return at <= capacity || too_long(capacity);
    }
    constexpr bool resolve(const target& t, std::size_t i, std::uint32_t limit, link_part part, std::uint32_t& out) {
        if (!t.is_label()) {
            if (t.skip < 0) return fail(link_error::negative_skip, i, part);
            if (!in_.relax && static_cast<std::uint64_t>(t.skip) > limit)
                return fail(link_error::skip_too_large, i, part);
            // Modulo 2^32, like the jump fields: unrelaxed, offset() gives the skip back exactly.
            out = static_cast<std::uint32_t>(i + 1 + static_cast<std::uint64_t>(t.skip));
            return true;
        }
        const std::size_t mask = t_.slot_count - 1;
        std::size_t s = name_hash(t.label) & mask;
        while (t_.slots[s] != 0 && !same_name(in_.labels[t_.slots[s] - 1].name, t.label)) s = (s + 1) & mask;
        if (t_.slots[s] == 0) return fail(link_error::unknown_label, i, part);
        const std::uint32_t at = in_.labels[t_.slots[s] - 1].index;
        if (at <= i) return fail(link_error::backward_jump, i, part);
        if (!in_.relax && at - i - 1 > limit) return fail(link_error::conditional_too_far, i, part);
        out = at;
        return true;
    }
    /// The program outgrew `capacity`: the culprit is what lands at output index `capacity`.
    constexpr bool too_long(std::size_t capacity) {
        std::size_t i = 0, j = 0;
        while (i + 1 < in_.count && t_.position[i + 1] <= capacity) ++i;
        while (j < jumps_ && t_.jump[j] < i) ++j;
        const std::size_t k = capacity - t_.position[i];  // 0: the instruction; 1, 2: its trampolines
        link_part part = link_part::instruction;
        if (k > 0) part = (k == 1 && offset(j, t_.target_true[j]) > 255) ? link_part::jump_true : link_part::jump_false;
        return fail(link_error::too_many_instructions, i, part);
    }
};

/// Links `in` into `out` (room for `capacity` instructions); `origin` may be null.
template <std::size_t N, std::size_t L>
constexpr link_status link_program(const link_input& in, link_tables<N, L>& tables, sock_filter* out,
                                   std::uint32_t* origin, std::size_t capacity) {
    linker<N, L> l(in, tables);
    if (!l.index_labels() || !l.resolve_targets() || !l.lay_out(capacity)) return l.status;
    l.status.size = l.encode(out, origin);
    return l.status;
}

}  // namespace detail
}  // namespace CTBPF_NAMESPACE
