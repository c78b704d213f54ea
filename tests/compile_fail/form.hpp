// The two forms of assemble for the program compile-fail tests: the function-call form, or with
// CTBPF_TEMPLATE_FORM the template-argument form (the error's name on the first error line).
#pragma once

#include <ctbpf/assemble.hpp>

#ifdef CTBPF_TEMPLATE_FORM
#define CTBPF_ASSEMBLE(...) ctbpf::assemble<[] { return ctbpf::link(__VA_ARGS__); }>()
#define CTBPF_ASSEMBLE_FOR(profile, ...) ctbpf::assemble<[] { return ctbpf::link(__VA_ARGS__); }, profile>()
#else
#define CTBPF_ASSEMBLE(...) ctbpf::assemble(__VA_ARGS__)
#define CTBPF_ASSEMBLE_FOR(profile, ...) ctbpf::assemble<profile>(__VA_ARGS__)
#endif
