// Compile-fail test of seccomp policies: the CTBPF_COMPILE_FAIL branch must not compile, with the
// error named in tests/CMakeLists.txt; the other branch is its compiling twin.
#include <ctbpf/seccomp.hpp>

#include <cstddef>

namespace sc = ctbpf::seccomp;

// arg<0> equal to any of L values, as a balanced tree of `||` (about four instructions each)
template <std::size_t L>
consteval sc::condition<2 * L - 1> any_of_values() {
    sc::condition<2 * L - 1> c{};
    std::size_t at = 0;
    auto build = [&](auto& self, std::size_t lo, std::size_t hi) -> std::size_t {
        if (hi - lo == 1) {
            c.nodes[at] = (sc::arg<0> == 7 * lo + 1).nodes[0];
            return at++;
        }
        const std::size_t mid = lo + (hi - lo) / 2;
        const std::size_t left = self(self, lo, mid), right = self(self, mid, hi);
        c.nodes[at] =
            sc::node{sc::node_kind::any, static_cast<std::uint16_t>(left), static_cast<std::uint16_t>(right), {}};
        return at++;
    };
    build(build, 0, L);
    return c;
}

#ifdef CTBPF_COMPILE_FAIL
constexpr auto policy = sc::policy<sc::arch::x86_64>(sc::errno_(1), sc::allow(0).when(any_of_values<1100>()));
#else
constexpr auto policy = sc::policy<sc::arch::x86_64>(sc::errno_(1), sc::allow(0).when(any_of_values<900>()));
#endif
// the twin's 3600 instructions unoptimized: the limit is the emitted program's (the optimizer of
// so long a program takes a minute on g++)
[[maybe_unused]] constexpr auto image = ctbpf::compile<policy, ctbpf::no_optimize>();
