// Compile-fail test, in both forms of assemble (form.hpp): the CTBPF_COMPILE_FAIL branch must not
// compile, with the error named in tests/CMakeLists.txt; the other branch is its compiling twin.
#include <ctbpf/ctbpf.hpp>

#include "form.hpp"

#include <utility>

using namespace ctbpf;  // NOLINT

#ifdef CTBPF_COMPILE_FAIL
[[maybe_unused]] constexpr auto program = CTBPF_ASSEMBLE(ldh(12), jeq(0x0806, 0, 9), ret(0));
#else
[[maybe_unused]] constexpr auto program = CTBPF_ASSEMBLE(ldh(12), jeq(0x0806, 0, 1), ret(0), ret(1));
#endif
