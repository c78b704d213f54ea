// Compile-fail test of text input: `tcpdump -d` output is for people and is not read back; the
// twin reads the same program as `-dd`.
#include <ctbpf/parse.hpp>

#ifdef CTBPF_COMPILE_FAIL
[[maybe_unused]] constexpr auto image = ctbpf::parse<"(000) ret      #0", ctbpf::text_format::tcpdump_d>();
#else
[[maybe_unused]] constexpr auto image = ctbpf::parse<"{ 0x6, 0, 0, 0x00000000 },", ctbpf::text_format::tcpdump_dd>();
#endif
