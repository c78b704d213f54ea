// A daemon's sandbox: a seccomp policy compiled, optimized and verified at compile time, its
// action table checked by static_assert, installed at start-up with the one value known only
// then (the descriptor of the daemon's log) bound into it. Then an allowed and a denied call.
#include <ctbpf/linux/seccomp.hpp>
#include <ctbpf/seccomp.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace sc = ctbpf::seccomp;

// Everything not named fails with EPERM; the log descriptor is the only one the daemon writes.
constexpr auto policy =
    sc::policy<sc::native_arch>(sc::errno_(EPERM),
                                sc::hot(SYS_write),  // the daemon's most frequent call, tested first
                                sc::allow(SYS_write).when(sc::arg32<0> == sc::placeholder<"log_fd">),
                                sc::allow(SYS_getpid, SYS_close, SYS_exit_group, SYS_rt_sigreturn),
                                sc::rule(sc::ret_kill_process, SYS_execve, SYS_ptrace));
constexpr auto image = ctbpf::compile<policy>();  // a bindable_image: log_fd is bound at start-up

// The action table, before any value is bound: fixed actions, and write depends on its fd.
constexpr auto table = sc::action_table<512>(image.code, sc::info(policy.target).audit);
static_assert(table[SYS_getpid] == sc::decision{false, sc::ret_allow});
static_assert(table[SYS_execve] == sc::decision{false, sc::ret_kill_process});
static_assert(table[SYS_openat] == sc::decision{false, sc::errno_(EPERM)});
static_assert(table[SYS_write].depends);
static_assert(sc::cached_allow(image.code, sc::info(policy.target).audit, SYS_getpid));  // never runs the filter

void say(int fd, const char* text) { (void)!::write(fd, text, std::strlen(text)); }

int main() {
    const int log_fd = ::dup(STDOUT_FILENO);  // known only now
    if (const auto r = ctbpf::os::install_seccomp(image, {sc::bound("log_fd", log_fd)}); !r) {
        std::fprintf(stderr, "seccomp: %s\n", r.message());
        return 1;
    }
    char line[128];
    std::snprintf(line, sizeof line, "sandboxed (%zu instructions); getpid() = %ld\n", image.size(),
                  static_cast<long>(::getpid()));
    say(log_fd, line);
    const int fd = ::open("/etc/hostname", O_RDONLY);  // openat: not in the policy
    const int error = errno;
    std::snprintf(line, sizeof line, "open(\"/etc/hostname\") = %d (%s)\n", fd, std::strerror(error));
    say(log_fd, line);
    say(STDOUT_FILENO, "not printed: the policy allows writes to the log descriptor only\n");
    return fd == -1 && error == EPERM ? 0 : 1;
}
