// Compile-fail test of the filter language: the CTBPF_COMPILE_FAIL branch must not compile,
// with the error named in tests/CMakeLists.txt; the other branch is its compiling twin.
#include <ctbpf/dsl.hpp>

#include <utility>

using namespace ctbpf::dsl;  // NOLINT

#ifdef CTBPF_COMPILE_FAIL
constexpr auto filter = result(u8(14) >> 4 << 40);
#else
constexpr auto filter = result(u8(14) >> 4 << 31);
#endif
[[maybe_unused]] constexpr auto image = ctbpf::compile<filter>();
