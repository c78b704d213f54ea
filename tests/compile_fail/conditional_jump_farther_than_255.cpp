// Compile-fail test, in both forms of assemble (form.hpp): the CTBPF_COMPILE_FAIL branch must not
// compile, with the error named in tests/CMakeLists.txt; the other branch is its compiling twin.
#include <ctbpf/ctbpf.hpp>

#include "form.hpp"

#include <utility>

using namespace ctbpf;  // NOLINT

template <std::size_t... I>
consteval auto far(std::index_sequence<I...>) {
    return CTBPF_ASSEMBLE(ldi(0), jeq(1, "far"), (static_cast<void>(I), ldi(0))..., label("far"), ret(a));
}
#ifdef CTBPF_COMPILE_FAIL
[[maybe_unused]] constexpr auto program = far(std::make_index_sequence<256>{});
#else
[[maybe_unused]] constexpr auto program = far(std::make_index_sequence<255>{});
#endif
