// Compile-fail test of the filter language: the CTBPF_COMPILE_FAIL branch must not compile,
// with the error named in tests/CMakeLists.txt; the other branch is its compiling twin.
#include <ctbpf/dsl.hpp>

#include <utility>

using namespace ctbpf::dsl;  // NOLINT

#ifdef CTBPF_COMPILE_FAIL
constexpr auto filter = result(u16(12) / 4 / (4 - 4));
#else
constexpr auto filter = result(u16(12) / 4 / (4 - 3));
#endif
[[maybe_unused]] constexpr auto image = ctbpf::compile<filter>();
