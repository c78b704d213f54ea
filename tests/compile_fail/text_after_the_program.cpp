// Compile-fail test of text input: the CTBPF_COMPILE_FAIL source must not compile, with the
// error (problem, line, column) named in tests/CMakeLists.txt; the other is its compiling twin.
#include <ctbpf/parse.hpp>

#ifdef CTBPF_COMPILE_FAIL
[[maybe_unused]] constexpr auto image = ctbpf::parse<"1,6 0 0 0,6 0 0 1\n", ctbpf::text_format::bpf_bytecode>();
#else
[[maybe_unused]] constexpr auto image = ctbpf::parse<"2,6 0 0 0,6 0 0 1\n", ctbpf::text_format::bpf_bytecode>();
#endif
