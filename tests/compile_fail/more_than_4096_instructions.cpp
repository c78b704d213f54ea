// Compile-fail test, in both forms of assemble (form.hpp): the CTBPF_COMPILE_FAIL branch must not
// compile, with the error named in tests/CMakeLists.txt; the other branch is its compiling twin.
#include <ctbpf/ctbpf.hpp>

#include "form.hpp"

#include <utility>

using namespace ctbpf;  // NOLINT

template <std::size_t... I>
consteval auto many(std::index_sequence<I...>) {
    return CTBPF_ASSEMBLE((static_cast<void>(I), ret(0))...);
}
#ifdef CTBPF_COMPILE_FAIL
[[maybe_unused]] constexpr auto program = many(std::make_index_sequence<4097>{});
#else
[[maybe_unused]] constexpr auto program = many(std::make_index_sequence<4096>{});
#endif
