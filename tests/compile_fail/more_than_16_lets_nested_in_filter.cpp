// Compile-fail test of the filter language: the CTBPF_COMPILE_FAIL branch must not compile,
// with the error named in tests/CMakeLists.txt; the other branch is its compiling twin.
#include <ctbpf/dsl.hpp>

#include <utility>

using namespace ctbpf::dsl;  // NOLINT

// let<"v"> nested N deep: each binding holds a scratch cell while its body runs.
template <int N>
consteval auto nested() {
    if constexpr (N == 0)
        return result(var<"v">);
    else
        return let<"v">(u8(N), nested<N - 1>());
}
#ifdef CTBPF_COMPILE_FAIL
constexpr auto filter = nested<17>();
#else
constexpr auto filter = nested<16>();
#endif
[[maybe_unused]] constexpr auto image = ctbpf::compile<filter>();
