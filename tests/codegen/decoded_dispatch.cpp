// Code-generation test (tests/CMakeLists.txt, cmake/check_branches.cmake): compiled with -O2 -S,
// the decoded interpreter's loop (ctbpf::detail::decoding::run_steps) may hold a conditional move
// or set only where it chooses the value returned (a deciding step: a test whose two targets are
// returns); every dispatch stays a branch, so that no next step waits for the packet load that a
// comparison reads (docs/run.md).
#include <ctbpf/decoded.hpp>

#include <cstddef>
#include <cstdint>
#include <span>

std::uint32_t filter(const ctbpf::decoded_program& p, const std::uint8_t* d, std::size_t n, std::uint32_t w) {
    return ctbpf::run(p, std::span(d, n), w);
}
