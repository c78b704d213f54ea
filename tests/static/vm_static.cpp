// Every VM case as a static_assert: building this file is running the tests.
#include "../cases/vm_cases.hpp"

#include <utility>

namespace {

template <std::size_t I>
struct vm_case_holds {
    static constexpr const cases::vm_case& c = cases::vm_cases[I];
    static_assert(ctbpf::run(c.prog(), c.pkt(), c.context) == c.expected, "VM case failed: see cases::vm_cases[I]");
    static constexpr ctbpf::verified_program verified{c.prog()};  // a rejected program runs as "drop"
    static_assert(ctbpf::run(verified, c.pkt(), c.context) == (verified ? c.expected : 0u),
                  "verified VM case failed: see cases::vm_cases[I]");
    static constexpr bool value = true;
};

template <std::size_t I>
struct seccomp_case_holds {
    static constexpr const cases::seccomp_case& c = cases::seccomp_cases[I];
    static_assert(ctbpf::run(c.prog(), c.data) == c.expected, "seccomp case failed: see cases::seccomp_cases[I]");
    static constexpr bool value = true;
};

template <std::size_t... I>
constexpr bool all_vm(std::index_sequence<I...>) {
    return (vm_case_holds<I>::value && ...);
}
template <std::size_t... I>
constexpr bool all_seccomp(std::index_sequence<I...>) {
    return (seccomp_case_holds<I>::value && ...);
}

static_assert(all_vm(std::make_index_sequence<cases::vm_cases.size()>{}));
static_assert(all_seccomp(std::make_index_sequence<cases::seccomp_cases.size()>{}));

// The whole-array forms run() accepts.
constexpr std::array<std::byte, 14> byte_frame{};
static_assert(ctbpf::run(cases::arp, byte_frame) == 0);
constexpr std::array<char, 14> char_frame{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 8, 6};
static_assert(ctbpf::run(cases::arp, char_frame) == 4096);

}  // namespace
