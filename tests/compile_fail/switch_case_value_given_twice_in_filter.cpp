// Compile-fail test of the filter language: the CTBPF_COMPILE_FAIL branch must not compile,
// with the error named in tests/CMakeLists.txt; the other branch is its compiling twin.
#include <ctbpf/dsl.hpp>

#include <utility>

using namespace ctbpf::dsl;  // NOLINT

#ifdef CTBPF_COMPILE_FAIL
constexpr auto filter = switch_(u16(12)).case_(0x800, accept(1)).case_(0x800, accept(2)).default_(drop());
#else
constexpr auto filter = switch_(u16(12)).case_(0x800, accept(1)).case_(0x806, accept(2)).default_(drop());
#endif
[[maybe_unused]] constexpr auto image = ctbpf::compile<filter>();
