// Seccomp policies against libseccomp (docs/seccomp.md): for P1 and P2 (tests/cases/
// seccomp_policies.hpp), the programs' sizes and the instructions they execute over system call
// numbers 0-466 (arguments 0); then the live overhead of an argument-checked system call under
// each program: a forked child per program (a filter cannot be removed), all in one run, their
// timing rounds interleaved; the table shows each child's median round minus the same under a
// one-instruction allow filter. Not Google Benchmark: its loop cannot span the children.
// Usage: ctbpf_seccomp_bench [rounds (default 31)] [calls per round (default 100000)]
#include <ctbpf/linux/seccomp.hpp>
#include <ctbpf/seccomp.hpp>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../tests/cases/seccomp_policies.hpp"
#include "../tests/support/libseccomp_policies.hpp"

namespace {
using namespace cases::seccomp_policies;  // NOLINT

struct program {
    std::string name;
    std::vector<sock_filter> code;
};

void layout_row(const char* policy, const program& p) {
    std::size_t total = 0, worst = 0;
    for (int n = 0; n <= 466; ++n) {
        const std::size_t e = sc::executed(p.code, call(n));
        total += e;
        worst = std::max(worst, e);
    }
    std::printf("| %s | %s | %zu | %.2f | %zu |\n", policy, p.name.c_str(), p.code.size(),
                static_cast<double>(total) / 467, worst);
}

/// A child that installed `code` and, each time it is told to, times `calls` calls of one
/// system call and reports nanoseconds per call. Rounds of all children interleave, so that the
/// machine's drift touches them alike.
class child {
public:
    child(const std::vector<sock_filter>& code, long number, long a0, long a1, long calls) {
        int to[2], from[2];
        if (::pipe(to) != 0 || ::pipe(from) != 0) return;
        pid_ = ::fork();
        if (pid_ == 0) {
            ::close(to[1]);
            ::close(from[0]);
            if (!ctbpf::os::install_seccomp(code)) ::_exit(1);
            char go = 0;
            while (::read(to[0], &go, 1) == 1) {
                const auto start = std::chrono::steady_clock::now();
                for (long i = 0; i < calls; ++i) ::syscall(number, a0, a1, 0);
                const double ns =
                    std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count() /
                    static_cast<double>(calls);
                if (::write(from[1], &ns, sizeof ns) != sizeof ns) ::_exit(1);
            }
            ::_exit(0);
        }
        ::close(to[0]);
        ::close(from[1]);
        to_ = to[1];
        from_ = from[0];
    }
    ~child() {
        ::close(to_);
        ::close(from_);
        int status = 0;  // later children hold this one's pipe too: no end of file, a signal
        if (pid_ > 0 && ::kill(pid_, SIGKILL) == 0) ::waitpid(pid_, &status, 0);
    }
    child(const child&) = delete;
    child& operator=(const child&) = delete;

    void round() {
        const char go = 1;
        double ns = -1;
        if (::write(to_, &go, 1) != 1 || ::read(from_, &ns, sizeof ns) != sizeof ns) ns = -1;
        times_.push_back(ns);
    }
    double median() {
        std::sort(times_.begin(), times_.end());
        return times_.empty() ? -1 : times_[times_.size() / 2];
    }

private:
    pid_t pid_ = -1;
    int to_ = -1, from_ = -1;
    std::vector<double> times_;
};

}  // namespace

int main(int argc, char** argv) {
    const int rounds = argc > 1 ? std::atoi(argv[1]) : 31;
    const long calls = argc > 2 ? std::atol(argv[2]) : 100000;
    constexpr auto ours_p1 = ctbpf::compile<p1>();
    constexpr auto ours_p2 = ctbpf::compile<p2>();
    const std::vector<program> p1s{{"ctbpf", {ours_p1.begin(), ours_p1.end()}},
                                   {"libseccomp 2.5 default", ctbpf_test::libseccomp_program(false, false)},
                                   {"libseccomp 2.5 tree", ctbpf_test::libseccomp_program(false, true)}};
    const std::vector<program> p2s{{"ctbpf", {ours_p2.begin(), ours_p2.end()}},
                                   {"libseccomp 2.5 default", ctbpf_test::libseccomp_program(true, false)},
                                   {"libseccomp 2.5 tree", ctbpf_test::libseccomp_program(true, true)}};
    std::printf(
        "| policy | program | instructions | executed, average over nr 0-466 | executed, worst "
        "|\n|---|---|---|---|---|\n");
    for (const auto& p : p1s) layout_row("P1", p);
    for (const auto& p : p2s) layout_row("P2", p);

#if defined(__x86_64__)
    // ioctl(-1, FIONREAD): allowed by P2's argument rule (the kernel then says EBADF), so never on
    // the action cache; getpid: allowed whatever the arguments, on the cache for every program.
    const std::vector<sock_filter> allow_one{{0x06, 0, 0, sc::ret_allow}};
    struct probe {
        const char* name;
        long number, a0, a1;
    };
    const probe probes[] = {{"ioctl(-1, FIONREAD) (argument rule)", SYS_ioctl, -1, FIONREAD},
                            {"getpid() (cached allow)", SYS_getpid, 0, 0}};
    std::printf(
        "\n| system call | program | BPF instructions executed | ns per call (median of %d rounds of %ld) | overhead "
        "over a 1-instruction allow filter (ns) |\n"
        "|---|---|---|---|---|\n",
        rounds, calls);
    for (const probe& pr : probes) {
        std::vector<std::unique_ptr<child>> children;
        children.push_back(std::make_unique<child>(allow_one, pr.number, pr.a0, pr.a1, calls));
        for (const auto& p : p2s) children.push_back(std::make_unique<child>(p.code, pr.number, pr.a0, pr.a1, calls));
        for (int r = 0; r < rounds; ++r)
            for (auto& c : children) c->round();
        const double base = children[0]->median();
        std::printf("| %s | ret ALLOW (1 instruction) | 1 | %.1f | 0 |\n", pr.name, base);
        for (std::size_t i = 0; i < p2s.size(); ++i) {
            const double ns = children[i + 1]->median();
            const std::size_t executed =
                sc::executed(p2s[i].code, call(static_cast<int>(pr.number), static_cast<std::uint64_t>(pr.a0),
                                               static_cast<std::uint64_t>(pr.a1)));
            std::printf("| %s | P2: %s | %zu | %.1f | %.1f |\n", pr.name, p2s[i].name.c_str(), executed, ns, ns - base);
        }
    }
#endif
}
