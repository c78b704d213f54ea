// Seccomp policies (ctbpf/seccomp.hpp), checked at compile time: the compiled images' actions,
// the policies' meaning (action_of), the queries, binding placeholders.
#include <ctbpf/seccomp.hpp>

#include <cstddef>
#include <utility>

#include "../cases/seccomp_policies.hpp"

namespace {
using namespace cases::seccomp_policies;  // NOLINT
using ctbpf::run;

// ---- docs/seccomp.md's example policy ------------------------------------------------------
constexpr auto example_image = ctbpf::compile<example>();
static_assert(run(example_image, call(nr::read)) == sc::ret_allow);
static_assert(run(example_image, call(nr::socket, af_inet6)) == sc::errno_(eperm));
static_assert(run(example_image, call(nr::socket, af_unix)) == sc::ret_allow);
static_assert(run(example_image, call(nr::mmap, 0, 4096, prot_read | prot_exec)) == sc::errno_(eperm));
static_assert(run(example_image, call(nr::mmap, 0, 4096, prot_read)) == sc::ret_allow);
static_assert(run(example_image, call(nr::execve)) == sc::ret_kill_process);
static_assert(run(example_image, call(nr::read | 0x40000000)) == sc::ret_kill_process);  // x32 closed
static_assert(run(example_image, call(nr::read, 0, 0, 0, sc::audit_arch_i386)) == sc::ret_kill_process);
static_assert(run(example_image, call(-1)) == sc::errno_(eperm));  // no system call: the default
static_assert(ctbpf::verify(example_image, ctbpf::profile::seccomp));
// the optimizer runs by default, and no_optimize keeps the emitted program, with the same meaning
constexpr auto example_raw = ctbpf::compile<example, ctbpf::no_optimize>();
static_assert(example_image.size() <= example_raw.size());
static_assert(run(example_raw, call(nr::socket, af_inet6)) == sc::errno_(eperm));

// ---- the meaning of a policy, without an image ----------------------------------------------
static_assert(sc::action_of(example, call(nr::socket, af_inet)) == sc::ret_allow);
static_assert(sc::action_of(example, call(nr::socket, af_inet6)) == sc::errno_(eperm));
static_assert(sc::action_of(example, call(nr::read | 0x40000000)) == sc::ret_kill_process);

// ---- argument rules ---------------------------------------------------------------------------
constexpr auto arguments_image = ctbpf::compile<arguments>();
template <auto& Image>
constexpr bool agrees(ctbpf::seccomp_data d) {
    return run(Image, d) == sc::action_of(arguments, d);
}
static_assert(run(arguments_image, call(nr::dup2, 0, 1023)) == sc::ret_allow);
static_assert(run(arguments_image, call(nr::dup2, 0, 1024)) == sc::errno_(eperm));
static_assert(run(arguments_image, call(nr::dup2, 0, 0x100000000ull)) == sc::errno_(eperm));  // the high half counts
static_assert(run(arguments_image, call(nr::openat, 0xffffff9c)) == sc::ret_allow);           // AT_FDCWD zero-extended
static_assert(run(arguments_image, call(nr::openat, 0xffffffffffffff9cull)) == sc::ret_allow);  // and sign-extended
static_assert(run(arguments_image, call(nr::openat, 0xffffff9c, 0, o_creat)) == sc::errno_(eperm));
static_assert(run(arguments_image, call(nr::openat, 3)) == sc::errno_(eperm));
static_assert(run(arguments_image, call(nr::lseek, 3, 0xffffffff)) == sc::errno_(einval));  // int -1
static_assert(run(arguments_image, call(nr::lseek, 3, 0xffffffff00000001ull)) == sc::ret_allow);
static_assert(run(arguments_image, call(nr::mmap, 0, 0x100000000ull)) == sc::ret_allow);
static_assert(run(arguments_image, call(nr::mmap, 0, 0x100001000ull)) == sc::errno_(eperm));
static_assert(run(arguments_image, call(nr::mmap, 0, 4096, prot_exec)) == sc::errno_(eperm));
static_assert(run(arguments_image, call(nr::kill, 0)) == sc::errno_(eacces));
static_assert(run(arguments_image, call(nr::kill, 0xffffffffffffffffull)) == sc::errno_(eacces));  // signed -1
static_assert(run(arguments_image, call(nr::kill, 0xffffffffull, 9)) == sc::errno_(eperm));        // 2^32 - 1 > 0
static_assert(run(arguments_image, call(nr::kill, 5, 15)) == sc::ret_allow);
static_assert(run(arguments_image, call(nr::kill, 5, 9)) == sc::errno_(eperm));
static_assert(run(arguments_image, call(nr::clone, clone_newuser | 0x11)) == sc::errno_(eperm));
static_assert(run(arguments_image, call(nr::clone, 0x11)) == sc::ret_allow);
static_assert(run(arguments_image, call(nr::prctl, 0x80000000ull)) == sc::ret_allow);
static_assert(run(arguments_image, call(nr::prctl, 0xffffffffffffffffull)) == sc::errno_(eperm));
static_assert(run(arguments_image, call(nr::prctl, 15)) == sc::errno_(eperm));
static_assert(agrees<arguments_image>(call(nr::kill, 0xffffffff00000000ull, 15)));
static_assert(agrees<arguments_image>(call(nr::prctl, 0x100000000ull)));

// ---- placeholders ----------------------------------------------------------------------------
constexpr auto unbound = ctbpf::compile<placeholders>();
static_assert(unbound.names.size() == 2 && unbound.name_of(0) == "fd" && unbound.name_of(1) == "pid");
constexpr auto bound = unbound.bind({sc::bound("fd", 7), sc::bound("pid", 1234)});
static_assert(bound);
static_assert(run(bound.code, call(nr::write, 7)) == sc::ret_allow);
static_assert(run(bound.code, call(nr::write, 8)) == sc::errno_(eperm));
static_assert(run(bound.code, call(nr::write, 0xffffffff00000007ull)) == sc::ret_allow);  // an int fd
static_assert(run(bound.code, call(nr::kill, 1234, 0)) == sc::ret_allow);
static_assert(run(bound.code, call(nr::kill, 1234, 9)) == sc::errno_(eperm));
static_assert(run(bound.code, call(nr::kill, 1235, 0)) == sc::errno_(eperm));
static_assert(run(bound.code, call(nr::close, 7)) == sc::errno_(eperm));
static_assert(run(bound.code, call(nr::close, 8)) == sc::ret_allow);
static_assert(sc::action_of(placeholders, call(nr::kill, 1234, 0), {sc::bound("pid", 1234)}) == sc::ret_allow);
// binding is checked: every placeholder once, no other name
static_assert(unbound.bind({sc::bound("fd", 7)}).problem == sc::bind_problem::not_bound);
static_assert(unbound.bind({sc::bound("fd", 7)}).name == "pid");
static_assert(unbound.bind({sc::bound("fd", 7), sc::bound("pid", 1), sc::bound("fd", 8)}).problem ==
              sc::bind_problem::bound_twice);
static_assert(unbound.bind({sc::bound("fd", 7), sc::bound("pid", 1), sc::bound("uid", 0)}).problem ==
              sc::bind_problem::unknown_placeholder);
// binding changes only the placeholders' instructions
constexpr bool only_slots_differ() {
    const auto other = unbound.bind({sc::bound("fd", 9), sc::bound("pid", -1)});
    std::size_t differ = 0;
    for (std::size_t i = 0; i < bound.code.size(); ++i)
        if (bound.code[i].k != other.code[i].k || bound.code[i].code != other.code[i].code) ++differ;
    return differ <= unbound.slots.size() && differ > 0;
}
static_assert(only_slots_differ());

// ---- other architectures ------------------------------------------------------------------------
constexpr auto i386_image = ctbpf::compile<i386>();
static_assert(run(i386_image, call(3, 0, 0, 0, sc::audit_arch_i386)) == sc::ret_allow);
static_assert(run(i386_image, call(41, 0xffffffff, 0, 0, sc::audit_arch_i386)) == sc::ret_allow);  // -1, 32 bits
static_assert(run(i386_image, call(41, 0, 0, 0, sc::audit_arch_i386)) == sc::errno_(eperm));
static_assert(run(i386_image, call(3)) == sc::ret_kill_process);                                      // an x86_64 call
static_assert(run(i386_image, call(0x40000003, 0, 0, 0, sc::audit_arch_i386)) == sc::errno_(eperm));  // no x32 here
constexpr auto aarch64_image = ctbpf::compile<aarch64>();
static_assert(run(aarch64_image, call(63, 0, 0, 0, sc::audit_arch_aarch64)) == sc::ret_allow);
static_assert(run(aarch64_image, call(62, 0, 0, 0, sc::audit_arch_aarch64)) == sc::ret_trap);
static_assert(run(aarch64_image, call(63)) == sc::ret_kill_thread);
constexpr auto x32_image = ctbpf::compile<x32>();
static_assert(run(x32_image, call(0x40000001)) == sc::ret_allow);
static_assert(run(x32_image, call(1)) == sc::ret_kill_process);  // an x86_64 call under an x32 policy
static_assert(run(x32_image, call(0x40000002)) == sc::errno_(eperm));

// ---- queries: decisions per number, the kernel's action cache --------------------------------
static_assert(sc::decision_for(example_image, sc::audit_arch_x86_64, nr::read) == sc::decision{false, sc::ret_allow});
static_assert(sc::decision_for(example_image, sc::audit_arch_x86_64, nr::socket).depends);
static_assert(sc::decision_for(example_image, sc::audit_arch_x86_64, 2) == sc::decision{false, sc::errno_(eperm)});
static_assert(sc::decision_for(example_image, sc::audit_arch_i386, nr::read) ==
              sc::decision{false, sc::ret_kill_process});
static_assert(sc::cached_allow(example_image, sc::audit_arch_x86_64, nr::read));
static_assert(!sc::cached_allow(example_image, sc::audit_arch_x86_64, nr::socket));
static_assert(!sc::cached_allow(example_image, sc::audit_arch_x86_64, 2));
static_assert(!sc::cached_allow(example_image, sc::audit_arch_i386, nr::read));
constexpr auto p1_image = ctbpf::compile<p1>();
constexpr bool p1_cached() {
    for (int n : p1_calls)
        if (!sc::cached_allow(p1_image, sc::audit_arch_x86_64, static_cast<std::uint32_t>(n))) return false;
    return !sc::cached_allow(p1_image, sc::audit_arch_x86_64, 2);
}
static_assert(p1_cached());
// the kernel's ALU semantics: a shift by X takes X's low 5 bits; a division by X = 0 ends with 0
static_assert(sc::decision_for(shift_by_x, sc::audit_arch_x86_64, 1) == sc::decision{false, sc::ret_allow});
static_assert(run(shift_by_x, call(1)) == sc::ret_allow && run(shift_by_x, call(2)) == sc::ret_kill_process);
static_assert(sc::decision_for(shift_by_x, sc::audit_arch_x86_64, 2) == sc::decision{false, sc::ret_kill_process});
static_assert(sc::decision_for(divide_by_argument, sc::audit_arch_x86_64, 5).depends);
static_assert(run(divide_by_argument, call(5, 0)) == 0 && run(divide_by_argument, call(5, 1)) == sc::ret_allow);
constexpr auto example_table = sc::action_table<8>(example_image, sc::audit_arch_x86_64);
static_assert(example_table[0] == sc::decision{false, sc::ret_allow} &&
              example_table[2] == sc::decision{false, sc::errno_(eperm)});

// ---- the live tests' outcomes (tests/oracle/seccomp_test.cpp runs them in children) ----------
constexpr auto live_image = ctbpf::compile<live>().bind({sc::bound("fd", live_fd)}).code;
constexpr auto live_stacked_image = ctbpf::compile<live_stacked>();
static_assert(run(live_image, call(nr::getpid)) == sc::ret_allow);
static_assert(run(live_image, call(nr::getppid)) == sc::errno_(enoent));
static_assert(run(live_image, call(nr::gettid)) == sc::ret_kill_process);
static_assert(run(live_image, call(nr::getpid | 0x40000000)) == sc::ret_kill_process);
static_assert(run(live_image, call(nr::dup, 0xfffffffbull)) == sc::ret_allow);  // dup(-5), as a 32-bit int
static_assert(run(live_image, call(nr::dup, 5)) == sc::errno_(eperm));
static_assert(run(live_image, call(nr::lseek, 1000, 0x100000000ull)) == sc::ret_allow);
static_assert(run(live_image, call(nr::lseek, 1000, 0)) == sc::errno_(eperm));
static_assert(run(live_image, call(nr::fcntl, live_fd, 1)) == sc::ret_allow);
static_assert(run(live_image, call(nr::fcntl, 0, 1)) == sc::errno_(eperm));
// stacked: live_stacked installed first, live after it (newest first in stacked())
static_assert(sc::stacked({run(live_image, call(nr::getpid)), run(live_stacked_image, call(nr::getpid))}) ==
              sc::errno_(eacces));
static_assert(sc::stacked({run(live_image, call(nr::getppid)), run(live_stacked_image, call(nr::getppid))}) ==
              sc::errno_(enoent));
static_assert(sc::stacked({run(live_image, call(nr::gettid)), run(live_stacked_image, call(nr::gettid))}) ==
              sc::ret_kill_process);
static_assert(sc::stacked({run(live_image, call(nr::dup, 0xfffffffbull)), run(live_stacked_image, call(nr::dup))}) ==
              sc::ret_allow);
static_assert(sc::stacked({sc::ret_log, sc::ret_allow}) == sc::ret_log);
static_assert(sc::stacked({sc::ret_kill_thread, sc::ret_trap}) == sc::ret_kill_thread);

// ---- problems a policy records (compile<policy>() reports them: tests/compile_fail/*_in_policy.cpp)
static_assert(sc::policy<sc::arch::x86_64>(sc::ret_allow, sc::allow(0x40000001)).problem ==
              sc::policy_problem::rule_never_decides);  // an x32 number: the arch check decides it
static_assert(sc::policy<sc::arch::x32>(sc::ret_allow, sc::allow(1)).value == 1);
static_assert(sc::policy<sc::arch::x86_64>(sc::ret_allow, sc::allow(-1)).problem == sc::policy_problem::none);
static_assert(sc::policy<sc::arch::x86_64>(sc::errno_(4096)).problem == sc::policy_problem::errno_above_4095);
static_assert(sc::policy<sc::arch::x86_64>(sc::ret_allow, sc::allow(1), sc::allow(1)).culprit == 2);

// ---- hot calls are tested first ------------------------------------------------------------------
constexpr auto hot_policy =
    sc::policy<sc::arch::x86_64>(sc::errno_(eperm), sc::hot(nr::write, nr::read), sc::allow(CTBPF_P1_CALLS));
constexpr auto hot_image = ctbpf::compile<hot_policy>();
static_assert(sc::executed(hot_image, call(nr::write)) == 5);  // ld [4], jeq, ld [0], jeq #1, ret
static_assert(sc::executed(hot_image, call(nr::read)) == 6);
static_assert(run(hot_image, call(nr::write)) == sc::ret_allow && run(hot_image, call(2)) == sc::errno_(eperm));
static_assert(sc::executed(p1_image, call(nr::write)) > 5);

// ---- a long chain of alternatives: no nesting per term ----------------------------------------
template <std::size_t... I>
constexpr auto alternatives(std::index_sequence<I...>) {
    return (... || (sc::arg<0> == 3 * I + 1));  // left-deep: ((a || b) || c) || ...
}
constexpr auto chain = sc::policy<sc::arch::x86_64>(
    sc::errno_(eperm), sc::allow(nr::kill).when(alternatives(std::make_index_sequence<60>{})));
constexpr auto chain_image = ctbpf::compile<chain>();
static_assert(run(chain_image, call(nr::kill, 1)) == sc::ret_allow);
static_assert(run(chain_image, call(nr::kill, 3 * 59 + 1)) == sc::ret_allow);
static_assert(run(chain_image, call(nr::kill, 3 * 59 + 2)) == sc::errno_(eperm));
static_assert(run(chain_image, call(nr::kill, (1ull << 32) + 1)) == sc::errno_(eperm));
static_assert(sc::action_of(chain, call(nr::kill, 3 * 30 + 1)) == sc::ret_allow);
static_assert(sc::action_of(chain, call(nr::kill, 3 * 30 + 2)) == sc::errno_(eperm));

// ---- the layout targets (docs/seccomp.md): P1 in at most 95 instructions --------------------
static_assert(p1_image.size() <= 95);
}  // namespace
