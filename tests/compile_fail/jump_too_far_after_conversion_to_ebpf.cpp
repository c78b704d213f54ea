// Compile-fail test, in both forms of assemble (form.hpp): the CTBPF_COMPILE_FAIL branch must not
// compile, with the error named in tests/CMakeLists.txt; the other branch is its compiling twin.
#include <ctbpf/ctbpf.hpp>

#include "form.hpp"

#include <utility>

using namespace ctbpf;  // NOLINT

// ja over N copies of `ld [1]`: each becomes 14 eBPF instructions in the kernel.
template <std::size_t... I>
consteval auto over(std::index_sequence<I...>) {
    return CTBPF_ASSEMBLE(ja(sizeof...(I)), (static_cast<void>(I), ld(1))..., ret(a));
}
#ifdef CTBPF_COMPILE_FAIL
[[maybe_unused]] constexpr auto program = over(std::make_index_sequence<2341>{});
#else
[[maybe_unused]] constexpr auto program = over(std::make_index_sequence<2340>{});
#endif
