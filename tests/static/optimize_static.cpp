// The optimizer's cases (tests/cases/optimize_cases.hpp) through ctbpf::optimize<image>() at
// compile time: exactly the expected program, and input and output agree on frames cut at every
// length (a load past the end ends the run with 0: the optimizer must keep that).
#include "../cases/optimize_cases.hpp"

#include <ctbpf/dsl.hpp>
#include <ctbpf/optimize.hpp>
#include <ctbpf/vm.hpp>

#include <span>

#include "../cases/frames.hpp"

namespace {
namespace o = cases::optimizer;

constexpr bool same(std::span<const ctbpf::sock_filter> a, std::span<const ctbpf::sock_filter> b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (!ctbpf::same_instruction(a[i], b[i])) return false;
    return true;
}

/// Input and output give the same verdict on the IPv4/TCP frame cut at every length.
constexpr bool same_verdicts(std::span<const ctbpf::sock_filter> in, std::span<const ctbpf::sock_filter> out) {
    const auto frame = cases::ipv4_tcp_frame();
    for (std::size_t n = 0; n <= frame.size(); ++n) {
        const std::span<const std::uint8_t> packet(frame.data(), n);
        if (ctbpf::run(in, packet) != ctbpf::run(out, packet)) return false;
    }
    return true;
}

#define CTBPF_OPTIMIZES(name, ...)                                                                 \
    static_assert(same(ctbpf::optimize<o::name##_in __VA_OPT__(, ) __VA_ARGS__>(), o::name##_out), \
                  "optimize<" #name "_in>() is not " #name "_out");                                \
    static_assert(same_verdicts(o::name##_in, o::name##_out))

CTBPF_OPTIMIZES(folding);
CTBPF_OPTIMIZES(identity);
CTBPF_OPTIMIZES(known_x);
CTBPF_OPTIMIZES(known_index);
CTBPF_OPTIMIZES(constant_return);
CTBPF_OPTIMIZES(offset);
CTBPF_OPTIMIZES(mask);
CTBPF_OPTIMIZES(reload);
CTBPF_OPTIMIZES(let_spill);
CTBPF_OPTIMIZES(threading);
CTBPF_OPTIMIZES(ranges);
CTBPF_OPTIMIZES(range_chain);
CTBPF_OPTIMIZES(regroup);
CTBPF_OPTIMIZES(regroup_zero);
CTBPF_OPTIMIZES(a_first);
CTBPF_OPTIMIZES(deep_facts);
CTBPF_OPTIMIZES(sub_x);
CTBPF_OPTIMIZES(zero_op);
CTBPF_OPTIMIZES(zero_times);
CTBPF_OPTIMIZES(past_reload);
CTBPF_OPTIMIZES(dead_branch);
CTBPF_OPTIMIZES(jumps);
CTBPF_OPTIMIZES(same_tails);
CTBPF_OPTIMIZES(uniform);
CTBPF_OPTIMIZES(dead_store);
CTBPF_OPTIMIZES(farther_first);
CTBPF_OPTIMIZES(nearer_first);
CTBPF_OPTIMIZES(nearer_kept);
CTBPF_OPTIMIZES(nearer_zero);
CTBPF_OPTIMIZES(nearer_exit);
CTBPF_OPTIMIZES(division_by_x);
CTBPF_OPTIMIZES(random);
static_assert(same(ctbpf::optimize<o::seccomp_in, ctbpf::profile::seccomp>(), o::seccomp_out));

// The fact lists' invariant, with a program's deep reach (24 facts) and shallow reach (10).
consteval bool distinct_facts(std::size_t program_size, std::uint32_t seed) {
    ctbpf::detail::compiler::fact_pool pool{};
    return o::facts_in_reach_are_distinct(pool, program_size, seed, 300);
}
static_assert(distinct_facts(100, 1));
static_assert(distinct_facts(1000, 2));

// The filter language runs the optimizer unless told not to.
using namespace ctbpf::dsl;  // NOLINT
constexpr auto twice = (u16(12) == 0x800 && u8(23) == 6) || (u16(12) == 0x800 && u8(23) == 17);
static_assert(ctbpf::compile<twice>().size() <
              ctbpf::compile<twice, ctbpf::profile::socket_filter, ctbpf::no_optimize>().size());
static_assert(same_verdicts(ctbpf::compile<twice>(),
                            ctbpf::compile<twice, ctbpf::profile::socket_filter, ctbpf::no_optimize>()));
// A shared `ret` placed before a block that reads a let: the kernel's linear scratch-memory pass
// carries its state through a `ret`; the emitter stores the cell at the entry (compiler/emit.hpp).
constexpr auto shared_ret =
    if_(u8(9) == 6, accept())
        .else_if(u8(5) == 5 && u8(6) == 7, drop())
        .else_(let<"v">(u8(0) + 1, switch_(var<"v">).case_(1, drop()).default_(result(var<"v">))));
static_assert(ctbpf::verify(ctbpf::compile<shared_ret, ctbpf::profile::socket_filter, ctbpf::no_optimize>()));
static_assert(ctbpf::verify(ctbpf::compile<shared_ret>()));
}  // namespace
