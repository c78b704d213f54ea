// Compile-fail test: the CTBPF_COMPILE_FAIL branch must not compile, with the error named in
// tests/CMakeLists.txt; the other branch is its compiling twin. ctbpf::native takes only programs
// the kernel accepts, and names the rule and the instruction of one it does not.
#include <ctbpf/native.hpp>

#include <array>
#include <cstdint>

// An imported image (as tcpdump -dd prints it): ld #1; div #0 (or #1); ret a.
#ifdef CTBPF_COMPILE_FAIL
constexpr std::array<ctbpf::sock_filter, 3> image{{{0x00, 0, 0, 1}, {0x34, 0, 0, 0}, {0x16, 0, 0, 0}}};
#else
constexpr std::array<ctbpf::sock_filter, 3> image{{{0x00, 0, 0, 1}, {0x34, 0, 0, 1}, {0x16, 0, 0, 0}}};
#endif

std::uint32_t filter(const std::array<std::uint8_t, 14>& frame) { return ctbpf::native<image>(frame); }
