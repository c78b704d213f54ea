// Compile-fail test of text input: the CTBPF_COMPILE_FAIL source must not compile, with the
// error (problem, line, column) named in tests/CMakeLists.txt; the other is its compiling twin.
#include <ctbpf/parse.hpp>

#ifdef CTBPF_COMPILE_FAIL
[[maybe_unused]] constexpr auto image =
    ctbpf::parse<"jeq #1, yes, no\nyes: ret #1\nret #0", ctbpf::text_format::bpf_asm>();
#else
[[maybe_unused]] constexpr auto image =
    ctbpf::parse<"jeq #1, yes, no\nyes: ret #1\nno: ret #0", ctbpf::text_format::bpf_asm>();
#endif
