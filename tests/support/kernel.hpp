// Test support: ask the running Linux kernel whether it accepts a program (socket filter or
// seccomp) and what verdict a socket filter gives a frame (AF_PACKET on loopback in a private
// network namespace). Used by the oracle tests and the examples; Linux only.
#pragma once

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <arpa/inet.h>
#include <linux/filter.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <linux/seccomp.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

namespace ctbpf_test {

/// 0 when the kernel attaches the program to a socket, else the errno (EINVAL...).
/// ENOMEM (optmem_max) happens after verification: it means the verifier accepted.
inline int kernel_socket_errno(std::span<const sock_filter> program) {
    const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -errno;
    sock_fprog fprog{static_cast<unsigned short>(program.size()), const_cast<sock_filter*>(program.data())};
    const int rc = ::setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &fprog, sizeof fprog);
    const int err = rc == 0 ? 0 : errno;
    ::close(fd);
    return err;
}

/// The kernel's internal ENOTSUPP (524, not in <cerrno>): with the JIT always on, x86-64's JIT
/// sometimes fails to converge on a jump layout ("bpf_jit: fatal error" in dmesg) and the attach
/// fails after bpf_check_classic has accepted the program.
inline constexpr int enotsupp = 524;

/// Whether an attach's errno means that the classic verifier accepted the program: ENOMEM
/// (optmem_max) and a JIT failure both come after it.
inline bool verifier_accepted(int err) { return err == 0 || err == ENOMEM || err == enotsupp; }

/// Number of seccomp filters attached to process `pid` (Seccomp_filters in /proc/PID/status).
inline int seccomp_filter_count(pid_t pid) {
    const std::string path = "/proc/" + std::to_string(pid) + "/status";
    FILE* f = std::fopen(path.c_str(), "r");
    if (f == nullptr) return -1;
    char line[256];
    int count = -1;
    while (std::fgets(line, sizeof line, f) != nullptr)
        if (std::strncmp(line, "Seccomp_filters:", 16) == 0) count = std::atoi(line + 16);
    std::fclose(f);
    return count;
}

/// 0 when seccomp(SECCOMP_SET_MODE_FILTER) accepts the program, else the errno. The filter is
/// installed in a forked child (no_new_privs). Once installed, the child's own system calls
/// go through it (it may be killed, or unable to exit), so the parent learns the result from
/// the child's exit code when rejected, or from /proc/PID/status when attached.
inline int kernel_seccomp_errno(std::span<const sock_filter> program) {
    const pid_t pid = ::fork();
    if (pid < 0) return -errno;
    if (pid == 0) {
        if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) ::_exit(99);
        sock_fprog fprog{static_cast<unsigned short>(program.size()), const_cast<sock_filter*>(program.data())};
        if (::syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &fprog) != 0) ::_exit(100 + (errno & 0x7f));
        for (;;) ::pause();  // the parent ends this child
    }
    int status = 0;
    int result = -1;
    for (int polls = 0; polls < 200000; ++polls) {
        if (::waitpid(pid, &status, WNOHANG) == pid) {
            if (WIFEXITED(status) && WEXITSTATUS(status) >= 100) return WEXITSTATUS(status) - 100;
            return WIFEXITED(status) && WEXITSTATUS(status) == 99 ? -1 : 0;  // killed by its filter
        }
        if (seccomp_filter_count(pid) >= 1) {
            result = 0;
            break;
        }
        const timespec pause{0, 20000};
        ::nanosleep(&pause, nullptr);
    }
    ::kill(pid, SIGKILL);
    ::waitpid(pid, &status, 0);
    return result;
}

/// Moves this process into a new network namespace with `lo` up. Returns false (and leaves
/// the namespace alone) without the privilege to do so.
inline bool enter_private_network_namespace() {
    if (::unshare(CLONE_NEWNET) != 0) return false;
    const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return false;
    ifreq ifr{};
    std::strncpy(ifr.ifr_name, "lo", IFNAMSIZ - 1);
    bool ok = ::ioctl(fd, SIOCGIFFLAGS, &ifr) == 0;
    ifr.ifr_flags = static_cast<short>(ifr.ifr_flags | IFF_UP);
    ok = ok && ::ioctl(fd, SIOCSIFFLAGS, &ifr) == 0;
    ::close(fd);
    return ok;
}

/// A packet socket on `lo` that sees each frame once (incoming copy only).
inline int open_loopback_packet_socket() {
    const int fd = ::socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, htons(ETH_P_ALL));
    if (fd < 0) return -1;
    const int one = 1;
    ::setsockopt(fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one, sizeof one);
    sockaddr_ll addr{};
    addr.sll_family = AF_PACKET;
    addr.sll_protocol = htons(ETH_P_ALL);
    addr.sll_ifindex = static_cast<int>(::if_nametoindex("lo"));
    if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

inline void drain(int fd) {
    char buf[70000];
    while (::recv(fd, buf, sizeof buf, MSG_DONTWAIT) >= 0) {}
}

/// Sends frames on loopback and reads what a socket filter lets through: the received length
/// (min(verdict, frame length)), or 0 when the frame was dropped.
class loopback_verdicts {
public:
    loopback_verdicts() {
        sync_ = open_loopback_packet_socket();  // created first: delivered after the filtered one
        test_ = open_loopback_packet_socket();
        tx_ = ::socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
    }
    ~loopback_verdicts() {
        for (int fd : {sync_, test_, tx_})
            if (fd >= 0) ::close(fd);
    }
    loopback_verdicts(const loopback_verdicts&) = delete;
    loopback_verdicts& operator=(const loopback_verdicts&) = delete;

    bool ok() const { return sync_ >= 0 && test_ >= 0 && tx_ >= 0; }

    /// Attaches `program` to the filtered socket; returns the errno, 0 on success.
    int attach(std::span<const sock_filter> program) {
        sock_fprog fprog{static_cast<unsigned short>(program.size()), const_cast<sock_filter*>(program.data())};
        if (::setsockopt(test_, SOL_SOCKET, SO_ATTACH_FILTER, &fprog, sizeof fprog) != 0) return errno;
        drain(test_);
        drain(sync_);
        return 0;
    }

    /// The kernel's verdict for one frame (>= 14 bytes), or nullopt if the frame got lost.
    std::optional<std::uint32_t> verdict(std::span<const std::uint8_t> frame) {
        sockaddr_ll to{};
        to.sll_family = AF_PACKET;
        to.sll_ifindex = static_cast<int>(::if_nametoindex("lo"));
        to.sll_halen = 6;
        if (::sendto(tx_, frame.data(), frame.size(), 0, reinterpret_cast<sockaddr*>(&to), sizeof to) !=
            static_cast<ssize_t>(frame.size()))
            return std::nullopt;
        static thread_local std::vector<char> buf(70000);
        pollfd p{sync_, POLLIN, 0};
        if (::poll(&p, 1, 2000) != 1) return std::nullopt;
        if (::recv(sync_, buf.data(), buf.size(), 0) < 0) return std::nullopt;
        const ssize_t got = ::recv(test_, buf.data(), buf.size(), MSG_DONTWAIT);
        if (got < 0) return errno == EAGAIN ? std::optional<std::uint32_t>{0} : std::nullopt;
        return static_cast<std::uint32_t>(got);
    }

private:
    int sync_ = -1, test_ = -1, tx_ = -1;
};

}  // namespace ctbpf_test
