// Compile-fail test of the filter language: the CTBPF_COMPILE_FAIL branch must not compile,
// with the error named in tests/CMakeLists.txt; the other branch is its compiling twin.
#include <ctbpf/dsl.hpp>

#include <array>
#include <cstddef>
#include <cstdint>

using namespace ctbpf::dsl;  // NOLINT

// Membership in N distinct constants: about 1.25 instructions per constant.
template <std::size_t N>
consteval std::array<std::uint32_t, N> numbers() {
    std::array<std::uint32_t, N> a{};
    for (std::size_t i = 0; i < N; ++i) a[i] = static_cast<std::uint32_t>(3 * i + 1);
    return a;
}
#ifdef CTBPF_COMPILE_FAIL
constexpr auto filter = in(u16(36), numbers<3500>());
#else
constexpr auto filter = in(u16(36), numbers<3000>());
#endif
[[maybe_unused]] constexpr auto image = ctbpf::compile<filter>();
