// Compile-fail test of text input: 2200 far conditional jumps whose trampolines take the program
// past 4096 instructions must not compile (the error names the line of the instruction that
// would be the 4097th); 1300 such jumps are the twin.
#include <ctbpf/assemble.hpp>

// (The sources are generated as string literals at build time: tests/static/generate_long_sources.cpp.)
#ifdef CTBPF_COMPILE_FAIL
#include "long_source_7.inc"
[[maybe_unused]] constexpr auto image = ctbpf::assemble<long_source_7>();
#else
#include "long_source_4.inc"
[[maybe_unused]] constexpr auto image = ctbpf::assemble<long_source_4>();
#endif
