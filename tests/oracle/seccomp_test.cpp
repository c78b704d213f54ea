// Seccomp policies against the oracles: libseccomp's programs for the same policies (the same
// action for every system call number and argument value; no larger and no slower), and the
// running kernel (forked children install compiled policies and make real system calls; the
// outcomes are those tests/static/seccomp_static.cpp asserts at compile time).
#include <ctbpf/linux/seccomp.hpp>
#include <ctbpf/seccomp.hpp>

#include <gtest/gtest.h>

#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <vector>

#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../cases/seccomp_policies.hpp"
#include "../support/libseccomp_policies.hpp"
#include "oracle.hpp"

namespace {
using namespace cases::seccomp_policies;  // NOLINT

// ---- libseccomp ------------------------------------------------------------------------------

struct layout {
    std::size_t size = 0, worst = 0;
    double average = 0;
};
template <class Image>
layout measure(const Image& image) {
    layout l{std::size(image), 0, 0};
    std::size_t total = 0;
    for (int n = 0; n <= 466; ++n) {
        const std::size_t e = sc::executed(image, call(n));
        total += e;
        l.worst = e > l.worst ? e : l.worst;
    }
    l.average = static_cast<double>(total) / 467;
    return l;
}

template <auto& Policy>
void expect_same_actions_as_libseccomp(bool with_arguments) {
    static constexpr auto ours = ctbpf::compile<Policy>();
    for (bool tree : {false, true}) {
        const std::vector<sock_filter> theirs = ctbpf_test::libseccomp_program(with_arguments, tree);
        ASSERT_FALSE(theirs.empty());
        std::size_t wrong = 0;
        for (int n = -1; n < 480; ++n)
            for (std::size_t at = 0; at < 3; ++at)
                for (std::uint64_t v : argument_values) {
                    ctbpf::seccomp_data d = call(n);
                    d.args[at] = v;
                    const std::uint32_t a = ctbpf::run(ours, d), b = ctbpf::run(theirs, d);
                    if (a != b && ++wrong <= 5)
                        ADD_FAILURE() << "nr " << n << " arg" << at << " = " << v << ": ctbpf 0x" << std::hex << a
                                      << ", libseccomp 0x" << b;
                }
        // other architectures: both kill the thread
        EXPECT_EQ(ctbpf::run(ours, call(0, 0, 0, 0, sc::audit_arch_i386)),
                  ctbpf::run(theirs, call(0, 0, 0, 0, sc::audit_arch_i386)));
        const layout l = measure(ours), m = measure(theirs);
        std::printf(
            "P%d: ctbpf %zu instructions, %.2f executed on average, %zu at worst; libseccomp (%s) %zu, %.2f, %zu\n",
            with_arguments ? 2 : 1, l.size, l.average, l.worst, tree ? "tree" : "default", m.size, m.average, m.worst);
        EXPECT_LE(l.size, m.size);
        EXPECT_LE(l.average, m.average);
        EXPECT_LE(l.worst, m.worst);
    }
}

TEST(SeccompAgainstLibseccomp, AllowlistP1) { expect_same_actions_as_libseccomp<p1>(false); }
TEST(SeccompAgainstLibseccomp, ArgumentRulesP2) { expect_same_actions_as_libseccomp<p2>(true); }

// ---- the running kernel ------------------------------------------------------------------------

/// What a child experienced: killed by a signal, or the system call's result and errno.
struct outcome {
    int signal = 0;
    long result = 0;
    int error = 0;
};

/// Forks a child that installs `filters` (oldest first), makes one system call and reports.
template <class... Images>
outcome in_child(long number, std::array<long, 3> args, const Images&... filters) {
    int fds[2];
    if (::pipe(fds) != 0) return {-1, 0, errno};
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::close(fds[0]);
        bool installed = true;
        ((installed = installed && static_cast<bool>(ctbpf::os::install_seccomp(filters))), ...);
        if (!installed) ::_exit(3);
        outcome o{};
        errno = 0;
        o.result = ::syscall(number, args[0], args[1], args[2]);
        o.error = o.result < 0 ? errno : 0;
        const bool written = ::write(fds[1], &o, sizeof o) == static_cast<ssize_t>(sizeof o);
        ::_exit(written ? 0 : 4);
    }
    ::close(fds[1]);
    outcome o{};
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (WIFSIGNALED(status)) {
        o.signal = WTERMSIG(status);
    } else if (WEXITSTATUS(status) != 0 || ::read(fds[0], &o, sizeof o) != static_cast<ssize_t>(sizeof o)) {
        o = {-1, 0, WEXITSTATUS(status)};
    }
    ::close(fds[0]);
    return o;
}

/// Sanitizer runtimes make system calls of their own (gettid, mmap, sigaltstack ...) in the
/// child, which the live policies deny or kill: the live tests run in the builds without them.
constexpr bool sanitized() {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_UNDEFINED__)
    return true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(undefined_behavior_sanitizer)
    return true;
#else
    return false;
#endif
#else
    return false;
#endif
}

bool x86_64_host() {
#if defined(__x86_64__)
    return true;
#else
    return false;
#endif
}

#define CTBPF_NEED_X86_64_KERNEL()                                                                 \
    do {                                                                                           \
        if (!x86_64_host()) GTEST_SKIP() << "the live policies are x86_64's";                      \
        if (sanitized()) GTEST_SKIP() << "a sanitizer runtime's own system calls meet the policy"; \
        if (::geteuid() != 0 && !ctbpf_oracle::kernel_required()) GTEST_SKIP() << "run as root";   \
    } while (0)

constexpr auto live_image = ctbpf::compile<live>().bind({sc::bound("fd", live_fd)}).code;
constexpr auto live_stacked_image = ctbpf::compile<live_stacked>();

TEST(SeccompLive, ActionsAsCompiled) {
    CTBPF_NEED_X86_64_KERNEL();
    // allowed: the real result
    const outcome getpid = in_child(nr::getpid, {}, live_image);
    EXPECT_EQ(getpid.signal, 0);
    EXPECT_GT(getpid.result, 0);
    // an errno rule and the default
    EXPECT_EQ(in_child(nr::getppid, {}, live_image).error, enoent);
    EXPECT_EQ(in_child(nr::getuid, {}, live_image).error, eperm);
    // a kill rule and an x32 call: SIGSYS
    EXPECT_EQ(in_child(nr::gettid, {}, live_image).signal, SIGSYS);
    EXPECT_EQ(in_child(nr::getpid | 0x40000000, {}, live_image).signal, SIGSYS);
}

TEST(SeccompLive, ArgumentsDecide) {
    CTBPF_NEED_X86_64_KERNEL();
    // a negative 32-bit argument: dup(-5) allowed, so the kernel's EBADF; dup(5) denied
    EXPECT_EQ(in_child(nr::dup, {-5}, live_image).error, EBADF);
    EXPECT_EQ(in_child(nr::dup, {5}, live_image).error, eperm);
    // a 64-bit argument whose high half differs: lseek(1000, 2^32, 0) allowed (EBADF), offset 0 not
    EXPECT_EQ(in_child(nr::lseek, {1000, 0x100000000l, 0}, live_image).error, EBADF);
    EXPECT_EQ(in_child(nr::lseek, {1000, 0, 0}, live_image).error, eperm);
    // the placeholder, bound at run time to fd 1: fcntl(1, F_GETFD) allowed, fcntl(0, ...) not
    EXPECT_EQ(in_child(nr::fcntl, {live_fd, 1}, live_image).error, 0);
    EXPECT_EQ(in_child(nr::fcntl, {0, 1}, live_image).error, eperm);
}

TEST(SeccompLive, StackedPoliciesCombineAsTheKernelSays) {
    CTBPF_NEED_X86_64_KERNEL();
    // live_stacked first (it allows prctl and seccomp, so live can be installed after it)
    EXPECT_EQ(in_child(nr::getpid, {}, live_stacked_image, live_image).error, eacces);   // errno beats allow
    EXPECT_EQ(in_child(nr::getppid, {}, live_stacked_image, live_image).error, enoent);  // equal: the newer's
    EXPECT_EQ(in_child(nr::gettid, {}, live_stacked_image, live_image).signal, SIGSYS);
    EXPECT_EQ(in_child(nr::dup, {-5}, live_stacked_image, live_image).error, EBADF);  // allowed by both
}

TEST(SeccompLive, InstallReportsErrorsAndFlags) {
    CTBPF_NEED_X86_64_KERNEL();
    // binding is checked before anything is installed
    static constexpr auto unbound = ctbpf::compile<live>();
    const ctbpf::os::seccomp_result r = ctbpf::os::install_seccomp(unbound, {sc::bound("pid", 1)});
    EXPECT_FALSE(r);
    EXPECT_EQ(r.binding, sc::bind_problem::unknown_placeholder);
    // flags: tsync and log in a child (a single thread: nothing to synchronise), a listener
    const pid_t pid = ::fork();
    if (pid == 0) {
        static constexpr auto allow_all = ctbpf::compile<sc::policy<sc::arch::x86_64>(sc::ret_allow)>();
        const auto a =
            ctbpf::os::install_seccomp(allow_all, ctbpf::os::seccomp_flag::tsync | ctbpf::os::seccomp_flag::log);
        const auto b = ctbpf::os::install_seccomp(allow_all, ctbpf::os::seccomp_flag::new_listener);
        // an image the kernel rejects (a load past seccomp_data): EINVAL
        static constexpr std::array<sock_filter, 2> invalid{{{0x20, 0, 0, 64}, {0x06, 0, 0, 0}}};
        const auto c = ctbpf::os::install_seccomp(invalid);
        ::_exit(a && b && b.listener >= 0 && !c && c.error == EINVAL ? 0 : 1);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

}  // namespace
