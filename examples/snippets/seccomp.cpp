#include <ctbpf/seccomp.hpp>

#include <cerrno>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
namespace sc = ctbpf::seccomp;

constexpr auto policy = sc::policy<sc::arch::x86_64>(
    sc::errno_(EPERM),  // the default action
    sc::allow(SYS_read, SYS_write, SYS_close, SYS_exit_group),
    sc::allow(SYS_socket).when(sc::arg<0> == AF_UNIX || sc::arg<0> == AF_INET),
    sc::allow(SYS_mmap).when((sc::arg<2> & PROT_EXEC) == 0), sc::rule(sc::ret_kill_process, SYS_execve));
constexpr auto image = ctbpf::compile<policy>();  // std::array<sock_filter, N>, verified for seccomp

constexpr ctbpf::seccomp_data call(int nr, std::uint64_t a0 = 0, std::uint64_t a1 = 0, std::uint64_t a2 = 0) {
    return {nr, sc::audit_arch_x86_64, 0, {a0, a1, a2, 0, 0, 0}};
}
static_assert(ctbpf::run(image, call(SYS_read)) == sc::ret_allow);
static_assert(ctbpf::run(image, call(SYS_socket, AF_INET6)) == sc::errno_(EPERM));
static_assert(ctbpf::run(image, call(SYS_mmap, 0, 4096, PROT_READ | PROT_EXEC)) == sc::errno_(EPERM));
static_assert(ctbpf::run(image, call(SYS_execve)) == sc::ret_kill_process);
static_assert(ctbpf::run(image, call(SYS_read | 0x40000000)) != sc::ret_allow);  // x32 closed
static_assert(ctbpf::run(image, {SYS_read, sc::audit_arch_i386, 0, {}}) == sc::ret_kill_process);
