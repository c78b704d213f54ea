// Compile-fail test of text input: 4097 label definitions must not compile (the error names where
// the 4097th is defined); 4096 is the twin.
#include <ctbpf/assemble.hpp>

#include "../cases/long_sources.hpp"

#ifdef CTBPF_COMPILE_FAIL
constexpr auto source = cases::long_source<cases::long_shape::too_many_labels>();
#else
constexpr auto source = cases::long_source<cases::long_shape::every_labelled>();
#endif
[[maybe_unused]] constexpr auto image = ctbpf::assemble<ctbpf::fixed_string<source.size()>(source)>();
