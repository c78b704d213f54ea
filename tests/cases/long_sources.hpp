// Long bpf_asm sources and builder programs at the kernel's limit, for the compile-time budget
// tests (tests/static/long_text_static.cpp, long_builders_static.cpp), the run-time tests and
// the compile-time measurements (scripts/measure-text-limits.sh).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <ctbpf/builders.hpp>

namespace cases {

/// The shapes of long source (the numbers name the generated files, see below): each is exactly
/// 4096 lines unless said otherwise.
enum class long_shape {
    rets = 0,                ///< 4096 × `ret #0`
    labelled = 1,            ///< groups `ld [1]`, `jeq #7, Lg_1, Lg_2`, `Lg_1: ldx #5`, `Lg_2: txa`
    label_lines = 2,         ///< 2048 lines `Lnnnn:` each before an instruction line of its own
    every_labelled = 3,      ///< `Lnnnn: jeq #n, Lnnnn+1, Lnnnn+2` on every line: 4096 labels
    far_jumps = 4,           ///< 1300 `jeq #n, far`, each relaxed through a trampoline, then `ret`s
    too_long = 5,            ///< 4097 × `ret #0`: the 4097th is the error
    too_many_labels = 6,     ///< every_labelled with one more label on the last line
    far_jumps_too_many = 7,  ///< 2200 `jeq #n, far`: with their trampolines more than 4096
};
inline constexpr int long_shapes = 8;

/// The source of a shape. Generated at run time: tests/static/generate_long_sources.cpp writes
/// each as a string literal (long_source_<shape>.inc, `long_source_<shape>`) for the compile-time
/// tests, since generating 100 KB of text in a constant evaluation costs more than parsing it.
inline std::string long_source(long_shape shape) {
    std::string out;
    const auto label = [&](std::size_t n) {
        char digits[5] = {'L', static_cast<char>('0' + n / 1000 % 10), static_cast<char>('0' + n / 100 % 10),
                          static_cast<char>('0' + n / 10 % 10), static_cast<char>('0' + n % 10)};
        out.append(digits, 5);
    };
    switch (shape) {
        case long_shape::rets:
        case long_shape::too_long:
            for (int i = 0; i < (shape == long_shape::rets ? 4096 : 4097); ++i) out += "ret #0\n";
            break;
        case long_shape::labelled:
            for (std::size_t g = 0; g < 1024; ++g) {
                out += "ld [1]\njeq #7, ";
                label(g);
                out += "_1, ";
                label(g);
                out += "_2\n";
                label(g);
                out += "_1: ldx #5\n";
                label(g);
                out += g == 1023 ? "_2: ret a\n" : "_2: txa\n";
            }
            break;
        case long_shape::label_lines:
            for (std::size_t i = 0; i < 2048; ++i) {
                label(i);
                out += i + 1 == 2048 ? ":\nret a\n" : ":\nadd #1\n";
            }
            break;
        case long_shape::every_labelled:
        case long_shape::too_many_labels:
            for (std::size_t i = 0; i < 4096; ++i) {
                label(i);
                if (shape == long_shape::too_many_labels && i == 4095) out += ": extra";
                if (i + 2 < 4096) {
                    out += ": jeq #" + std::to_string(i) + ", ";
                    label(i + 1);
                    out += ", ";
                    label(i + 2);
                    out += "\n";
                } else {
                    out += ": ret a\n";
                }
            }
            break;
        case long_shape::far_jumps:
        case long_shape::far_jumps_too_many:
            for (int i = 0; i < (shape == long_shape::far_jumps ? 1300 : 2200); ++i)
                out += "jeq #" + std::to_string(i) + ", far\n";
            for (int i = 0; i < 300; ++i) out += "ret #1\n";
            out += "far: ret #2\n";
            break;
    }
    return out;
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
