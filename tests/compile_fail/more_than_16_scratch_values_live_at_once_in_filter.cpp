// Compile-fail test of the filter language: the CTBPF_COMPILE_FAIL branch must not compile,
// with the error named in tests/CMakeLists.txt; the other branch is its compiling twin.
#include <ctbpf/dsl.hpp>

#include <utility>

using namespace ctbpf::dsl;  // NOLINT

// ((v0 + v1) + v2) + ... where every operand is an indirect load: the right operand of each
// level is computed first and kept in a scratch cell while the left side is computed.
template <int N>
consteval auto deep() {
    if constexpr (N == 0)
        return u8(ip_hlen(14) + 14);
    else
        return deep<N - 1>() + u8(ip_hlen(14) + 14 + N);
}
#ifdef CTBPF_COMPILE_FAIL
constexpr auto filter = result(deep<17>());
#else
constexpr auto filter = result(deep<16>());
#endif
[[maybe_unused]] constexpr auto image = ctbpf::compile<filter>();
