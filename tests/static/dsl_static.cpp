// Filter-language cases as static_asserts, and properties of the generated code.
#include "../cases/dsl_cases.hpp"
#include "../cases/dsl_mistakes.hpp"

#include <utility>

namespace {

template <std::size_t I>
struct dsl_case_holds {
    static constexpr const cases::dsl_case& c = cases::dsl_cases[I];
    static_assert(ctbpf::run(c.prog(), c.pkt(), c.context) == c.expected,
                  "filter-language case failed: see cases::dsl_cases[I]");
    static constexpr bool value = true;
};
template <std::size_t... I>
constexpr bool all(std::index_sequence<I...>) {
    return (dsl_case_holds<I>::value && ...);
}
static_assert(all(std::make_index_sequence<cases::dsl_cases.size()>{}));

using namespace ctbpf::dsl;  // NOLINT
namespace f = cases::filters;

// Exact sizes: the shapes libpcap would produce, with nothing written by hand.
static_assert(ctbpf::compile<f::arp>().size() == 4);
static_assert(ctbpf::compile<f::tcp_dst_80>().size() == 11);
// Identical tails are shared: one `ret #0` and one `ret #-1` however many branches drop or accept.
constexpr bool one_of_each_return(auto image) {
    int drops = 0, accepts = 0;
    for (const auto& i : image) {
        drops += i.code == 0x06 && i.k == 0;
        accepts += i.code == 0x06 && i.k == 0xffffffffu;
    }
    return drops <= 1 && accepts <= 1;
}
static_assert(one_of_each_return(ctbpf::compile<f::tcp_dst_80>()));
static_assert(one_of_each_return(ctbpf::compile<f::ports>()));
// A run of three or more consecutive keys with one target is one range test: jge #20, jgt #25.
static_assert(ctbpf::compile<f::port_ranges>()[1].code == 0x35 || ctbpf::compile<f::port_ranges>()[2].code == 0x35);
static_assert(ctbpf::compile<f::port_ranges>().size() <= 10);  // ldh, two range tests, 443, two returns
// (v & mask) != 0 is a jset; no boolean is ever computed into A.
static_assert(ctbpf::compile<(u8(14) & 0x40) != 0>()[1].code == 0x45);
// Profiles: a seccomp filter from the language.
constexpr auto seccomp_filter =
    if_(u32(4) == ctbpf::seccomp::audit_arch_x86_64 && in(u32(0), {0, 1, 60, 231}), accept(ctbpf::seccomp::ret_allow))
        .else_(accept(ctbpf::seccomp::ret_kill_process));
constexpr auto seccomp_image = ctbpf::compile<seccomp_filter, ctbpf::profile::seccomp>();
static_assert(ctbpf::run(seccomp_image, ctbpf::seccomp_data{60, ctbpf::seccomp::audit_arch_x86_64, 0, {}}) ==
              ctbpf::seccomp::ret_allow);
static_assert(ctbpf::run(seccomp_image, ctbpf::seccomp_data{59, ctbpf::seccomp::audit_arch_x86_64, 0, {}}) ==
              ctbpf::seccomp::ret_kill_process);

// Each mistake is reported with its culprit and its position in the order written.
template <std::size_t I>
struct dsl_mistake_reported {
    static constexpr const cases::dsl_mistake& m = cases::dsl_mistakes[I];
    static constexpr ctbpf::detail::dsl::generated g = m.generate();
    static_assert(g.error == m.problem && g.culprit == m.culprit && g.position == m.position &&
                      g.culprit_name == m.culprit_name,
                  "filter-language mistake reported wrongly: see cases::dsl_mistakes[I]");
    static constexpr bool value = true;
};
template <std::size_t... I>
constexpr bool all_mistakes(std::index_sequence<I...>) {
    return (dsl_mistake_reported<I>::value && ...);
}
static_assert(all_mistakes(std::make_index_sequence<cases::dsl_mistakes.size()>{}));

}  // namespace
