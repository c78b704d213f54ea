// Compile-fail test: a verified_program is a view, so one made of a temporary would dangle and
// does not compile; the twin keeps the program in a variable (a std::span, itself a view of
// storage that lives on, is accepted as a temporary).
#include <ctbpf/vm.hpp>

#include <span>
#include <vector>

[[maybe_unused]] static bool check() {
#ifdef CTBPF_COMPILE_FAIL
    const ctbpf::verified_program p(std::vector<ctbpf::sock_filter>{{0x06, 0, 0, 0}});
#else
    const std::vector<ctbpf::sock_filter> image{{0x06, 0, 0, 0}};
    const ctbpf::verified_program p(image);
    const ctbpf::verified_program q{std::span<const ctbpf::sock_filter>(image)};
    if (!q) return false;
#endif
    return static_cast<bool>(p);
}
