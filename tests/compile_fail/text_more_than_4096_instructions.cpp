// Compile-fail test of text input: a bpf_asm source of 4097 instructions must not compile, and
// the error names the line where the 4097th starts; 4096 is the twin.
#include <ctbpf/assemble.hpp>

// (The sources are generated as string literals at build time: tests/static/generate_long_sources.cpp.)
#ifdef CTBPF_COMPILE_FAIL
#include "long_source_5.inc"
[[maybe_unused]] constexpr auto image = ctbpf::assemble<long_source_5>();
#else
#include "long_source_0.inc"
[[maybe_unused]] constexpr auto image = ctbpf::assemble<long_source_0>();
#endif
