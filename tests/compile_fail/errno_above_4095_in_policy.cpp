// Compile-fail test of seccomp policies: the CTBPF_COMPILE_FAIL branch must not compile, with the
// error named in tests/CMakeLists.txt; the other branch is its compiling twin.
#include <ctbpf/seccomp.hpp>

namespace sc = ctbpf::seccomp;

#ifdef CTBPF_COMPILE_FAIL
constexpr auto policy = sc::policy<sc::arch::x86_64>(sc::ret_allow, sc::rule(sc::errno_(5000), 59));
#else
constexpr auto policy = sc::policy<sc::arch::x86_64>(sc::ret_allow, sc::rule(sc::errno_(4095), 59));
#endif
[[maybe_unused]] constexpr auto image = ctbpf::compile<policy>();
