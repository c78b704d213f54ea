// Compile-fail test, in both forms of assemble (form.hpp): the CTBPF_COMPILE_FAIL branch must not
// compile, with the error named in tests/CMakeLists.txt; the other branch is its compiling twin.
#include <ctbpf/ctbpf.hpp>

#include "form.hpp"

#include <utility>

using namespace ctbpf;  // NOLINT

#ifdef CTBPF_COMPILE_FAIL
[[maybe_unused]] constexpr auto program = CTBPF_ASSEMBLE(label("a"), ldi(0), label("a"), ret(a));
#else
[[maybe_unused]] constexpr auto program = CTBPF_ASSEMBLE(label("a"), ldi(0), label("b"), ret(a));
#endif
