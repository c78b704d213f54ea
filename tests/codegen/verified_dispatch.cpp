// Code-generation test (tests/CMakeLists.txt, cmake/check_branches.cmake): compiled with -O2 -S,
// the verified_program loop (ctbpf::detail::execute_verified) keeps every conditional jump a
// branch: no dispatch waits for the packet load that a comparison reads (clang++ would otherwise
// select the next instruction there; docs/run.md).
#include <ctbpf/vm.hpp>

#include <cstddef>
#include <cstdint>
#include <span>

std::uint32_t filter(const ctbpf::verified_program& p, const std::uint8_t* d, std::size_t n) {
    return ctbpf::run(p, std::span(d, n));
}
