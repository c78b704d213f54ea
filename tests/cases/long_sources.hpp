// Long bpf_asm sources and builder programs at the kernel's limit, for the compile-time budget
// tests (tests/static/long_text_static.cpp, long_builders_static.cpp), the run-time tests and
// the compile-time measurements (scripts/measure-compile-time.sh).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <ctbpf/builders.hpp>

namespace cases {

/// The shapes of long source: each is exactly 4096 lines unless said otherwise.
enum class long_shape {
    rets,                ///< 4096 × `ret #0`
    labelled,            ///< groups `ld [1]`, `jeq #7, Lg_1, Lg_2`, `Lg_1: ldx #5`, `Lg_2: txa`; 4096 instructions
    label_lines,         ///< 2048 lines `Lnnnn:` each before an instruction line of its own
    every_labelled,      ///< `Lnnnn: jeq #n, Lnnnn+1, Lnnnn+2` on every line: 4096 labels, 8188 label uses
    far_jumps,           ///< 1300 `jeq #n, far`, most relaxed through a trampoline, then `ret`s
    too_long,            ///< 4097 × `ret #0`: the 4097th is the error
    too_many_labels,     ///< every_labelled with one more label on the last line
    far_jumps_too_many,  ///< 2200 `jeq #n, far`: with their trampolines more than 4096
};

/// Writes text into an array, or only counts it (Out = nullptr_t).
template <std::size_t N>
struct text_sink {
    std::array<char, N + 1> s{};
    std::size_t at = 0;
    constexpr void put(std::string_view t) {
        for (char c : t) s[at++] = c;
    }
    /// Four digits, for label names (a leading 0 would make an operand octal).
    constexpr void number(std::size_t v) {
        for (std::size_t d = 1000; d > 0; d /= 10) s[at++] = static_cast<char>('0' + v / d % 10);
    }
    constexpr void decimal(std::size_t v) {
        std::size_t d = 1;
        while (d * 10 <= v) d *= 10;
        for (; d > 0; d /= 10) s[at++] = static_cast<char>('0' + v / d % 10);
    }
};
struct text_counter {
    std::size_t at = 0;
    constexpr void put(std::string_view t) { at += t.size(); }
    constexpr void number(std::size_t) { at += 4; }
    constexpr void decimal(std::size_t v) {
        for (++at; v >= 10; v /= 10) ++at;
    }
};

template <long_shape Shape, class Sink>
constexpr void write_long_source(Sink& out) {
    const auto label = [&](std::string_view prefix, std::size_t n) {
        out.put(prefix);
        out.number(n);
    };
    if constexpr (Shape == long_shape::rets || Shape == long_shape::too_long) {
        for (std::size_t i = 0; i < (Shape == long_shape::rets ? 4096 : 4097); ++i) out.put("ret #0\n");
    } else if constexpr (Shape == long_shape::labelled) {
        for (std::size_t g = 0; g < 1024; ++g) {
            out.put("ld [1]\njeq #7, ");
            label("L", g);
            out.put("_1, ");
            label("L", g);
            out.put("_2\n");
            label("L", g);
            out.put("_1: ldx #5\n");
            label("L", g);
            out.put(g == 1023 ? "_2: ret a\n" : "_2: txa\n");
        }
    } else if constexpr (Shape == long_shape::label_lines) {
        for (std::size_t i = 0; i < 2048; ++i) {
            label("L", i);
            out.put(":\n");
            out.put(i + 1 == 2048 ? "ret a\n" : "add #1\n");
        }
    } else if constexpr (Shape == long_shape::every_labelled || Shape == long_shape::too_many_labels) {
        for (std::size_t i = 0; i < 4096; ++i) {
            label("L", i);
            if (Shape == long_shape::too_many_labels && i == 4095) out.put(": extra");
            if (i + 2 < 4096) {
                out.put(": jeq #");
                out.decimal(i);
                out.put(", ");
                label("L", i + 1);
                out.put(", ");
                label("L", i + 2);
                out.put("\n");
            } else {
                out.put(": ret a\n");
            }
        }
    } else if constexpr (Shape == long_shape::far_jumps || Shape == long_shape::far_jumps_too_many) {
        for (std::size_t i = 0; i < (Shape == long_shape::far_jumps ? 1300 : 2200); ++i) {
            out.put("jeq #");
            out.decimal(i);
            out.put(", far\n");
        }
        for (std::size_t i = 0; i < 300; ++i) out.put("ret #1\n");
        out.put("far: ret #2\n");
    }
}

template <long_shape Shape>
constexpr auto long_source() {
    constexpr std::size_t size = [] {
        text_counter c;
        write_long_source<Shape>(c);
        return c.at;
    }();
    text_sink<size> out;
    write_long_source<Shape>(out);
    return out.s;
}

// ---- builders ------------------------------------------------------------------------------
/// 1000 label names, L0000 ... L0999, with static storage (labels are string views).
inline constexpr auto builder_label_names = [] {
    std::array<std::array<char, 6>, 1001> names{};
    for (std::size_t g = 0; g < names.size(); ++g) {
        names[g][0] = 'L';
        for (std::size_t d = 1000, i = 1; d > 0; d /= 10, ++i) names[g][i] = static_cast<char>('0' + g / d % 10);
    }
    return names;
}();
constexpr std::string_view builder_label(std::size_t g) { return {builder_label_names[g].data(), 5}; }

/// A 4096-instruction builder program with 1001 labels: 1000 groups of
/// `label Lg; ldb [g % 64]; jeq #g, Lg+1, Lg+2; add #1; tax`, 95 `add #3`, then `L1000: ret a`
/// (a jump past the last group goes to L1000). Item i of it (one function for all the
/// instructions, so that the test instantiates little of its own).
constexpr bool builder_is_label(std::size_t i) { return i < 5000 ? i % 5 == 0 : i == 5095; }
constexpr ctbpf::instruction builder_instruction(std::size_t i) {
    using namespace ctbpf;  // NOLINT
    const std::size_t g = i / 5;
    const auto to = [](std::size_t t) { return builder_label(t < 1000 ? t : 1000); };
    if (i >= 5000) return i < 5095 ? add(3) : ret(a);
    switch (i % 5) {
        case 1: return ldb(static_cast<std::uint32_t>(g % 64));
        case 2: return jeq(static_cast<std::uint32_t>(g & 0xff), to(g + 1), to(g + 2));
        case 3: return add(1);
        default: return tax();
    }
}
template <std::size_t I>
constexpr auto builder_item() {
    if constexpr (builder_is_label(I))
        return ctbpf::label(builder_label(I < 5000 ? I / 5 : 1000));
    else
        return builder_instruction(I);
}
inline constexpr std::size_t builder_items = 1000 * 5 + 95 + 2;

}  // namespace cases
