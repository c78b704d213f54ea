// Seccomp policies the static, unit, oracle and live tests share. System call numbers are
// x86_64's, written out, so that the policies mean the same on every host (the live tests run on
// x86_64 hosts only).
#pragma once

#include <ctbpf/assemble.hpp>
#include <ctbpf/seccomp.hpp>

#include <array>
#include <cstdint>

namespace cases::seccomp_policies {
namespace sc = ctbpf::seccomp;

// x86_64 system call numbers and the constants the policies use
namespace nr {
inline constexpr int read = 0, write = 1, close = 3, lseek = 8, mmap = 9, mprotect = 10, ioctl = 16, dup = 32,
                     dup2 = 33, getpid = 39, getuid = 102, socket = 41, clone = 56, execve = 59, kill = 62, fcntl = 72,
                     getppid = 110, prctl = 157, gettid = 186, exit_group = 231, openat = 257;
}
inline constexpr int eperm = 1, enoent = 2, eacces = 13, einval = 22;
inline constexpr int af_unix = 1, af_inet = 2, af_inet6 = 10;
inline constexpr int prot_read = 1, prot_exec = 4, o_creat = 0100, at_fdcwd = -100;
inline constexpr unsigned long clone_newuser = 0x10000000;

/// docs/seccomp.md's example policy.
inline constexpr auto example = sc::policy<sc::arch::x86_64>(
    sc::errno_(eperm), sc::allow(nr::read, nr::write, nr::close, nr::exit_group),
    sc::allow(nr::socket).when(sc::arg<0> == af_unix || sc::arg<0> == af_inet),
    sc::allow(nr::mmap).when((sc::arg<2> & prot_exec) == 0), sc::rule(sc::ret_kill_process, nr::execve));

/// Argument rules of every kind: orderings (unsigned, signed), 32-bit views, 64-bit values with a
/// high half, masked equality, bit tests, && || !, several rules for one call in order.
inline constexpr auto arguments = sc::policy<sc::arch::x86_64>(
    sc::errno_(eperm),
    sc::allow(nr::dup2).when(sc::arg<1> < 1024),                                      // unsigned 64-bit
    sc::allow(nr::openat).when(sc::arg32<0> == at_fdcwd && !(sc::arg<2> & o_creat)),  // int fd, either extension
    sc::rule(sc::errno_(einval), nr::lseek).when(sc::arg32<1>.as_signed() < 0),       // negative int offset
    sc::allow(nr::lseek),                                                             // then any other
    sc::allow(nr::mmap).when(sc::arg<1> <= 0x100000000ull && (sc::arg<2> & prot_exec) == 0),
    sc::rule(sc::errno_(eacces), nr::kill).when(sc::arg<0>.as_signed() <= 0),  // groups, -1
    sc::allow(nr::kill).when(sc::arg<1> == 0 || sc::arg<1> >= 15),
    sc::allow(nr::fcntl).when(sc::arg<1> == 3 || sc::arg<1> == 4),
    sc::allow(nr::clone).when((sc::arg<0> & clone_newuser) != clone_newuser),
    sc::allow(nr::prctl).when(sc::arg<0> > 0x7fffffffull && sc::arg<0> != 0xffffffffffffffffull),
    sc::allow(nr::read, nr::write, nr::close, nr::exit_group, nr::getpid, nr::gettid));

/// Values bound at run time: an fd and a pid.
inline constexpr auto placeholders = sc::policy<sc::arch::x86_64>(
    sc::errno_(eperm), sc::allow(nr::write).when(sc::arg32<0> == sc::placeholder<"fd">),
    sc::allow(nr::kill).when(sc::arg<0> == sc::placeholder<"pid"> && sc::arg<1> == 0),
    sc::allow(nr::close).when(sc::arg32<0> != sc::placeholder<"fd">), sc::allow(nr::read, nr::exit_group, nr::getpid));

/// Other architectures: 32-bit registers (i386, arm), big-endian words (s390x), x32.
inline constexpr auto i386 =
    sc::policy<sc::arch::i386>(sc::errno_(eperm), sc::allow(3, 4, 252), sc::allow(41).when(sc::arg<0> == -1));
inline constexpr auto aarch64 =
    sc::policy<sc::arch::aarch64>(sc::ret_trap, sc::allow(63, 64, 94), sc::on_foreign_arch(sc::ret_kill_thread));
inline constexpr auto x32 = sc::policy<sc::arch::x32>(sc::errno_(eperm), sc::allow(0x40000000 + 0, 0x40000000 + 1));

/// The comparison policies of ../shared/reference/seccomp-policies.md: P1, a 104-call allowlist
/// with errno(EPERM) by default; P2, P1 with argument rules on ten calls. Bad arch: kill thread,
/// as the libseccomp programs they are compared with.
#define CTBPF_P1_CALLS                                                                                                \
    0, 1, 3, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23, 24, 25, 28, 32, 33, 35, 39, 41, 42, 43,  \
        44, 45, 46, 47, 48, 49, 50, 51, 52, 54, 55, 56, 60, 61, 62, 63, 72, 73, 74, 75, 77, 79, 80, 82, 83, 84, 87,   \
        89, 95, 96, 97, 98, 102, 104, 107, 108, 112, 131, 158, 186, 202, 217, 218, 228, 229, 230, 231, 232, 233, 234, \
        257, 258, 262, 263, 267, 271, 273, 274, 281, 283, 286, 288, 289, 290, 291, 292, 293, 302, 316, 318, 319, 332, \
        334, 435
inline constexpr std::array<int, 104> p1_calls{CTBPF_P1_CALLS};
inline constexpr auto p1 = sc::policy<sc::arch::x86_64>(sc::errno_(eperm), sc::allow(CTBPF_P1_CALLS),
                                                        sc::on_foreign_arch(sc::ret_kill_thread));

inline constexpr unsigned long tcgets = 0x5401, fionread = 0x541b, fionbio = 0x5421, fioclex = 0x5451;
inline constexpr int f_getfl = 3, f_setfl = 4, pr_set_name = 15;
// P1 without the nine calls P2 checks: socket ioctl mmap mprotect openat kill fcntl dup2 clone
#define CTBPF_P2_PLAIN_CALLS                                                                                           \
    0, 1, 3, 5, 7, 8, 11, 12, 13, 14, 15, 17, 18, 19, 20, 21, 23, 24, 25, 28, 32, 35, 39, 42, 43, 44, 45, 46, 47, 48,  \
        49, 50, 51, 52, 54, 55, 60, 61, 63, 73, 74, 75, 77, 79, 80, 82, 83, 84, 87, 89, 95, 96, 97, 98, 102, 104, 107, \
        108, 112, 131, 158, 186, 202, 217, 218, 228, 229, 230, 231, 232, 233, 234, 258, 262, 263, 267, 271, 273, 274,  \
        281, 283, 286, 288, 289, 290, 291, 292, 293, 302, 316, 318, 319, 332, 334, 435
inline constexpr auto p2 = sc::policy<sc::arch::x86_64>(
    sc::errno_(eperm), sc::allow(CTBPF_P2_PLAIN_CALLS),
    sc::allow(nr::socket).when(sc::arg<0> == af_unix || sc::arg<0> == af_inet || sc::arg<0> == af_inet6),
    sc::allow(nr::ioctl).when(sc::arg<1> == tcgets || sc::arg<1> == fionread || sc::arg<1> == fionbio ||
                              sc::arg<1> == fioclex),
    sc::allow(nr::mmap, nr::mprotect).when((sc::arg<2> & prot_exec) == 0),
    sc::allow(nr::openat).when((sc::arg<2> & o_creat) == 0), sc::allow(nr::kill).when(sc::arg<0> == 4242),
    sc::allow(nr::fcntl).when(sc::arg<1> == f_getfl || sc::arg<1> == f_setfl),
    sc::allow(nr::prctl).when(sc::arg<0> == pr_set_name), sc::allow(nr::dup2).when(sc::arg<1> < 1024),
    sc::allow(nr::clone).when((sc::arg<0> & clone_newuser) == 0), sc::on_foreign_arch(sc::ret_kill_thread));

/// Argument values the tests try in every position: small, boundaries, negative ints passed
/// sign- or zero-extended, values with a high half, the constants of the policies.
inline constexpr std::array<std::uint64_t, 26> argument_values{0,
                                                               1,
                                                               2,
                                                               3,
                                                               4,
                                                               10,
                                                               14,
                                                               15,
                                                               16,
                                                               1023,
                                                               1024,
                                                               4242,
                                                               0x5401,
                                                               0x541b,
                                                               0x5421,
                                                               0x5451,
                                                               o_creat,
                                                               0x10000000,
                                                               0x7fffffff,
                                                               0x80000000,
                                                               0xffffffff,
                                                               0xffffff9c,
                                                               0xffffffffffffff9cull,
                                                               0xffffffffffffffffull,
                                                               0x100000000ull,
                                                               0x100001000ull};

/// The live tests' policy (tests/oracle/seccomp_test.cpp runs it in forked children; the
/// static tests assert the same outcomes): allowed calls, an errno rule, a kill rule, a negative
/// 32-bit argument, a 64-bit argument whose high half decides, a placeholder.
inline constexpr auto live = sc::policy<sc::arch::x86_64>(
    sc::errno_(eperm), sc::allow(nr::read, nr::write, nr::close, nr::exit_group, nr::getpid),
    sc::rule(sc::errno_(enoent), nr::getppid), sc::rule(sc::ret_kill_process, nr::gettid),
    sc::allow(nr::dup).when(sc::arg32<0>.as_signed() < 0), sc::allow(nr::lseek).when(sc::arg<1> == 0x100000000ull),
    sc::allow(nr::fcntl).when(sc::arg32<0> == sc::placeholder<"fd">));
/// Installed before `live` (it allows prctl and seccomp, which `live` denies): getpid gets
/// EACCES (errno beats allow), getppid live's ENOENT (equal actions: the newer filter's data).
inline constexpr auto live_stacked =
    sc::policy<sc::arch::x86_64>(sc::ret_allow, sc::rule(sc::errno_(eacces), nr::getpid, nr::getppid));
/// The fd the live tests bind.
inline constexpr int live_fd = 1;

/// Images whose decisions need the kernel's ALU semantics (seccomp's queries follow them, as the
/// VM does): a shift by X uses X's low 5 bits (for nr 1, 1 << 33 is 2: allowed), and a division
/// by X = 0 ends the run with 0, KILL_THREAD (here X is the first argument's low word).
inline constexpr auto shift_by_x = ctbpf::assemble<ctbpf::profile::seccomp>(
    ctbpf::ldxi(33), ctbpf::ld(sc::nr_offset), ctbpf::lsh(ctbpf::x), ctbpf::jeq(2, 0, 1), ctbpf::ret(sc::ret_allow),
    ctbpf::ret(sc::ret_kill_process));
inline constexpr auto divide_by_argument =
    ctbpf::assemble<ctbpf::profile::seccomp>(ctbpf::ld(sc::arg_offset(0)), ctbpf::tax(), ctbpf::ld(sc::nr_offset),
                                             ctbpf::div(ctbpf::x), ctbpf::ret(sc::ret_allow));

/// A call on x86_64.
constexpr ctbpf::seccomp_data call(int number, std::uint64_t a0 = 0, std::uint64_t a1 = 0, std::uint64_t a2 = 0,
                                   std::uint32_t arch = sc::audit_arch_x86_64) {
    return {number, arch, 0, {a0, a1, a2, 0, 0, 0}};
}

}  // namespace cases::seccomp_policies
