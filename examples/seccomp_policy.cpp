// A seccomp filter assembled and verified for the seccomp profile at compile time, its decisions
// checked by static_assert over seccomp_data (32-bit words in host byte order, as the kernel
// presents them).
#include <ctbpf/ctbpf.hpp>

#include <cstdio>

using namespace ctbpf;  // NOLINT
namespace sc = ctbpf::seccomp;

constexpr auto policy =
    assemble<profile::seccomp>(ld(sc::arch_offset), jeq(sc::audit_arch_x86_64, 0, "kill"),  // right architecture?
                               ld(sc::nr_offset), jset(sc::x32_syscall_bit, "kill"),        // no x32 system calls
                               jeq(39, "allow"),                                            // getpid
                               jeq(60, "allow"), jeq(231, "allow"),                         // exit, exit_group
                               ret(sc::errno_(1)),                                          // everything else: EPERM
                               label("allow"), ret(sc::ret_allow), label("kill"), ret(sc::ret_kill_process));

constexpr seccomp_data call(std::int32_t nr, std::uint32_t arch = sc::audit_arch_x86_64) {
    return seccomp_data{nr, arch, 0, {}};
}
static_assert(run(policy, call(39)) == sc::ret_allow);
static_assert(run(policy, call(2)) == sc::errno_(1));
static_assert(run(policy, call(39 | 0x40000000)) == sc::ret_kill_process);
static_assert(run(policy, call(39, sc::audit_arch_i386)) == sc::ret_kill_process);

int main() {
    std::printf("seccomp policy: %zu instructions, verified for seccomp at compile time\n", policy.size());
    std::printf("getpid -> 0x%08x, open -> 0x%08x\n", run(policy, call(39)), run(policy, call(2)));
}
