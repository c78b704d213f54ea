// Compile-fail test of text input: 4097 instructions (`-ddd`, short to write) must not compile;
// 4096 is the twin.
#include <ctbpf/parse.hpp>

#include <array>
#include <cstddef>

template <std::size_t N>
constexpr auto ddd() {
    // "N\n" then N lines "6 0 0 0\n"
    std::array<char, 5 + 8 * N + 1> s{};
    std::size_t at = 0;
    for (char c : {static_cast<char>('0' + N / 1000), static_cast<char>('0' + N / 100 % 10),
                   static_cast<char>('0' + N / 10 % 10), static_cast<char>('0' + N % 10), '\n'})
        s[at++] = c;
    for (std::size_t i = 0; i < N; ++i)
        for (char c : std::string_view("6 0 0 0\n")) s[at++] = c;
    return s;
}
#ifdef CTBPF_COMPILE_FAIL
constexpr auto source = ddd<4097>();
#else
constexpr auto source = ddd<4096>();
#endif
[[maybe_unused]] constexpr auto image =
    ctbpf::parse<ctbpf::fixed_string<source.size()>(source), ctbpf::text_format::tcpdump_ddd>();
