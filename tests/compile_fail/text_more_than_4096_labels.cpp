// Compile-fail test of text input: 4097 label definitions must not compile (the error names where
// the 4097th is defined); 4096 is the twin.
#include <ctbpf/assemble.hpp>

// (The sources are generated as string literals at build time: tests/static/generate_long_sources.cpp.)
#ifdef CTBPF_COMPILE_FAIL
#include "long_source_6.inc"
[[maybe_unused]] constexpr auto image = ctbpf::assemble<long_source_6>();
#else
#include "long_source_3.inc"
[[maybe_unused]] constexpr auto image = ctbpf::assemble<long_source_3>();
#endif
