// A 4096-line bpf_asm source assembles within the compilers' default constant-evaluation limits
// (the text is parsed in chunks, each its own evaluation). Its own translation unit: it takes
// a couple of seconds.
#include <ctbpf/parse.hpp>

#include <array>
#include <cstddef>
#include <string_view>

namespace {

/// 4095 lines of loads with labels and forward jumps, then `ret a`.
constexpr auto long_source = [] {
    constexpr std::string_view a = "ld [1]\n", b = "jeq #7, L1, L2\n", c = "L1: ldx #5\n", d = "L2: txa\n";
    constexpr std::size_t groups = 1023;  // 4 lines each
    // each of the 4 label uses per group grows by 5 characters (L1 -> L0042_1)
    std::array<char, groups*(a.size() + b.size() + c.size() + d.size() + 4 * 5) + 7 + 7 + 6 + 1> s{};
    std::size_t at = 0;
    for (std::size_t g = 0; g < groups; ++g)
        for (std::string_view line : {a, b, c, d})
            for (char ch : line) {
                // each group gets its own labels: L1 -> Lnnnn1, L2 -> Lnnnn2
                if (ch == 'L') {
                    s[at++] = 'L';
                    for (std::size_t div = 1000; div > 0; div /= 10) s[at++] = static_cast<char>('0' + g / div % 10);
                    s[at++] = '_';
                    continue;
                }
                s[at++] = ch;
            }
    for (char ch : std::string_view("ld [2]\n")) s[at++] = ch;
    for (char ch : std::string_view("ld [3]\n")) s[at++] = ch;
    for (char ch : std::string_view("ret a\n")) s[at++] = ch;
    return s;
}();

constexpr auto image = ctbpf::assemble<ctbpf::fixed_string<long_source.size()>(long_source)>();
static_assert(image.size() == 4095);
static_assert(image[1].code == 0x15 && image[1].jt == 0 && image[1].jf == 1);

}  // namespace
