// The check of tests/codegen/decoded_dispatch.cpp can fail (tests/CMakeLists.txt, clang++ only):
// clang++ compiles the verified loop's `jeq` (ctbpf::detail::execute_verified) into a select of
// the next instruction followed by the dispatch, which cmake/check_branches.cmake must report.
#include <ctbpf/vm.hpp>

#include <cstddef>
#include <cstdint>
#include <span>

std::uint32_t filter(const ctbpf::verified_program& p, const std::uint8_t* d, std::size_t n) {
    return ctbpf::run(p, std::span(d, n));
}
