// Compile-fail test of text input: 2200 far conditional jumps whose trampolines take the program
// past 4096 instructions must not compile (the error names the line of the instruction that
// would be the 4097th); 1300 such jumps are the twin.
#include <ctbpf/assemble.hpp>

#include "../cases/long_sources.hpp"

#ifdef CTBPF_COMPILE_FAIL
constexpr auto source = cases::long_source<cases::long_shape::far_jumps_too_many>();
#else
constexpr auto source = cases::long_source<cases::long_shape::far_jumps>();
#endif
[[maybe_unused]] constexpr auto image = ctbpf::assemble<ctbpf::fixed_string<source.size()>(source)>();
