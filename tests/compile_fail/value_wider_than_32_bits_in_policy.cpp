// Compile-fail test of seccomp policies: the CTBPF_COMPILE_FAIL branch must not compile, with the
// error named in tests/CMakeLists.txt; the other branch is its compiling twin.
#include <ctbpf/seccomp.hpp>

namespace sc = ctbpf::seccomp;

#ifdef CTBPF_COMPILE_FAIL
constexpr auto policy =
    sc::policy<sc::arch::x86_64>(sc::errno_(1), sc::allow(1), sc::allow(0).when(sc::arg32<0> == 0x100000000ull));
#else
constexpr auto policy =
    sc::policy<sc::arch::x86_64>(sc::errno_(1), sc::allow(1), sc::allow(0).when(sc::arg32<0> == 0xffffffffull));
#endif
[[maybe_unused]] constexpr auto image = ctbpf::compile<policy>();
