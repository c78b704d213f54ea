// Compile-fail test of text input: a bpf_asm source of 4097 instructions must not compile, and
// the error names the line where the 4097th starts; 4096 is the twin.
#include <ctbpf/assemble.hpp>

#include "../cases/long_sources.hpp"

#ifdef CTBPF_COMPILE_FAIL
constexpr auto source = cases::long_source<cases::long_shape::too_long>();
#else
constexpr auto source = cases::long_source<cases::long_shape::rets>();
#endif
[[maybe_unused]] constexpr auto image = ctbpf::assemble<ctbpf::fixed_string<source.size()>(source)>();
