// Differential campaign: random programs against the real engines.
//   ctbpf_campaign [--seed S] [--socket N] [--seccomp N] [--verdicts N] [--seccomp-verdicts N]
//                  [--libpcap N] [--optimize N]
// Oracles (each compares ctbpf with the engine on N programs or verdicts):
//   socket            ctbpf::verify(socket)  vs setsockopt(SO_ATTACH_FILTER) accept/EINVAL
//   seccomp           ctbpf::verify(seccomp) vs seccomp(SECCOMP_SET_MODE_FILTER) accept/EINVAL
//   verdicts          ctbpf::run vs what an AF_PACKET socket on loopback receives
//   seccomp-verdicts  ctbpf::run(seccomp_data) vs the action a forked child experiences
//   libpcap           ctbpf::run(libpcap dialect) vs bpf_filter, and bpf_validate accepts what
//                     the kernel accepts
//   optimize          ctbpf::optimize(p) vs p: output verified, no longer, and run() gives the
//                     same verdict on N (program, packet) pairs: random programs (socket and
//                     seccomp), libpcap's unoptimized and optimized output of the tcpdump
//                     expressions in tests/cases, the filter language's unoptimized output;
//                     random and truncated frames, random ancillary contexts, both dialects
// Every disagreement prints the seed, the program in bpf_asm and -dd, and the input. Exit 1 on any
// disagreement, 2 when the machine cannot run an oracle (needs root for the kernel ones).
#include <pcap/pcap.h>

#include <chrono>
#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include <signal.h>
#include <sys/mman.h>
#include <sys/resource.h>

#include <ctbpf/ctbpf.hpp>
#include <ctbpf/optimize_vector.hpp>
#include <ctbpf/text_string.hpp>

#include "../cases/pcap_filters.hpp"
#include "../cases/tcpdump_expressions.hpp"

#include "../support/corpus.hpp"
#include "../support/kernel.hpp"
#include "../support/random_programs.hpp"

namespace {

struct options {
    std::uint32_t seed = 0;
    long socket = 0, seccomp = 0, verdicts = 0, seccomp_verdicts = 0, libpcap = 0, optimize = 0;
};

int disagreements = 0;

void report(const char* oracle, std::uint32_t seed, long index, const std::vector<ctbpf::sock_filter>& p,
            const std::string& detail) {
    ++disagreements;
    if (disagreements > 20) return;
    std::printf("DISAGREEMENT in %s (seed %" PRIu32 ", program %ld): %s\nbpf_asm:\n%s-dd:\n%s\n", oracle, seed, index,
                detail.c_str(), ctbpf::to_string(p, ctbpf::text_format::bpf_asm).c_str(),
                ctbpf::to_string(p, ctbpf::text_format::tcpdump_dd).c_str());
    std::fflush(stdout);
}

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/// A program for a verifier oracle: valid (biased to interesting code), mutated or arbitrary.
std::vector<ctbpf::sock_filter> verifier_program(ctbpf_test::program_generator& gen) {
    // clang-format off
    switch (gen.pick(10)) {
        case 0: case 1: case 2: return gen.arbitrary(1 + gen.pick(gen.pick(2) ? 8 : 64));
        case 3: case 4: case 5: return gen.mutate(gen.valid(gen.length()));
        default: return gen.valid(gen.length());
    }
    // clang-format on
}

void socket_oracle(const options& o) {
    const auto start = std::chrono::steady_clock::now();
    ctbpf_test::program_generator gen(o.seed ^ 0x50c0u);
    const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    long accepted = 0, jit_failures = 0;
    for (long i = 0; i < o.socket; ++i) {
        const auto p = verifier_program(gen);
        sock_fprog fprog{static_cast<unsigned short>(p.size()), const_cast<sock_filter*>(p.data())};
        const int rc = ::setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &fprog, sizeof fprog);
        const int err = rc == 0 ? 0 : errno;
        const bool jit_failed = err == ctbpf_test::enotsupp;
        const bool kernel = ctbpf_test::verifier_accepted(err);
        const ctbpf::verify_result ours = ctbpf::verify(p);
        accepted += kernel;
        jit_failures += jit_failed;
        if (static_cast<bool>(ours) != kernel)
            report("socket", o.seed, i, p,
                   std::string("kernel errno ") + std::to_string(err) + ", ctbpf: " + std::string(ours.message()) +
                       " at " + std::to_string(ours.index));
    }
    ::close(fd);
    std::printf("socket verifier: seed %" PRIu32
                ", %ld programs (%ld accepted by the kernel, %ld of them then "
                "failed in its JIT), %.1f s\n",
                o.seed, o.socket, accepted, jit_failures, seconds_since(start));
}

/// seccomp(SET_MODE_FILTER, NEW_LISTENER) with no free file descriptor: the kernel verifies the
/// program, then fails to allocate the listener fd (EMFILE) before attaching anything. So EMFILE
/// means accepted, EINVAL rejected, and the process stays unfiltered (tests/oracle checks this
/// against real installs in forked children).
void seccomp_oracle(const options& o) {
    const auto start = std::chrono::steady_clock::now();
    ctbpf_test::program_generator gen(o.seed ^ 0x5ecc0u);
    gen.with_ancillary = false;
    rlimit saved{};
    ::getrlimit(RLIMIT_NOFILE, &saved);
    const rlimit none{0, saved.rlim_max};
    long accepted = 0;
    std::vector<std::vector<ctbpf::sock_filter>> batch;
    std::vector<int> errs;
    for (long done = 0; done < o.seccomp;) {
        batch.clear();
        for (long i = 0; i < 1000 && done + i < o.seccomp; ++i) {
            auto p = verifier_program(gen);
            if (gen.pick(4)) {  // mostly seccomp-shaped, so that a good share is valid
                for (auto& f : p) {
                    if (!ctbpf::detail::seccomp_allows(f.code) && gen.pick(8)) f.code = 0x00;  // ld #k instead
                    if (f.code == 0x20 && gen.pick(4)) f.k = 4 * gen.pick(17);
                }
            }
            batch.push_back(std::move(p));
        }
        errs.assign(batch.size(), 0);
        ::setrlimit(RLIMIT_NOFILE, &none);
        for (std::size_t i = 0; i < batch.size(); ++i) {
            sock_fprog fprog{static_cast<unsigned short>(batch[i].size()), batch[i].data()};
            const long rc = ::syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_NEW_LISTENER, &fprog);
            errs[i] = rc == 0 ? 0 : errno;
        }
        ::setrlimit(RLIMIT_NOFILE, &saved);
        for (std::size_t i = 0; i < batch.size(); ++i, ++done) {
            if (errs[i] == 0) {
                std::printf("a seccomp filter was attached to the campaign process; stopping\n");
                std::exit(2);
            }
            const bool kernel = errs[i] == EMFILE;
            const ctbpf::verify_result ours = ctbpf::verify(batch[i], ctbpf::profile::seccomp);
            accepted += kernel;
            if (static_cast<bool>(ours) != kernel)
                report("seccomp", o.seed, done, batch[i],
                       std::string("kernel errno ") + std::to_string(errs[i]) +
                           ", ctbpf: " + std::string(ours.message()) + " at " + std::to_string(ours.index));
        }
    }
    std::printf("seccomp verifier: seed %" PRIu32 ", %ld programs (%ld accepted by the kernel), %.1f s\n", o.seed,
                o.seccomp, accepted, seconds_since(start));
}

ctbpf::packet_context loopback_context(const std::vector<std::uint8_t>& frame) {
    ctbpf::packet_context ctx;
    const std::uint16_t ethertype = static_cast<std::uint16_t>(frame[12] << 8 | frame[13]);
    if (ethertype >= 0x600)
        ctx.protocol = ethertype;
    else
        ctx.protocol = (frame.size() >= 16 && frame[14] == 0xff && frame[15] == 0xff) ? 0x0001 : 0x0004;
    bool to_us = true;
    for (int i = 0; i < 6; ++i) to_us = to_us && frame[static_cast<std::size_t>(i)] == 0;
    ctx.pkttype = to_us ? 0 : (frame[0] & 1) ? 2 : 3;
    ctx.ifindex = 1;
    ctx.hatype = 772;
    return ctx;
}

void verdict_oracle(const options& o) {
    const auto start = std::chrono::steady_clock::now();
    ctbpf_test::program_generator gen(o.seed ^ 0x7e7du);
    ctbpf_test::loopback_verdicts lo;
    if (!lo.ok()) {
        std::printf("verdicts: cannot open packet sockets on loopback (root and a private netns needed)\n");
        std::exit(2);
    }
    long verdicts = 0, programs = 0, lost = 0;
    while (verdicts < o.verdicts) {
        const auto p = gen.valid(2 + gen.pick(gen.pick(8) ? 40 : 400));
        if (!ctbpf::verify(p)) continue;
        if (lo.attach(p) != 0) {
            report("verdicts", o.seed, programs, p, "the kernel refused a program ctbpf verifies");
            continue;
        }
        ++programs;
        for (int j = 0; j < 8 && verdicts < o.verdicts; ++j, ++verdicts) {
            const auto frame = gen.frame();
            const auto kernel = lo.verdict(frame);
            if (!kernel) {
                ++lost;
                continue;
            }
            const std::uint32_t ours = ctbpf::run(p, frame, loopback_context(frame));
            const std::uint32_t expected = std::min<std::uint32_t>(ours, static_cast<std::uint32_t>(frame.size()));
            if (*kernel != expected) {
                std::string hex;
                char b[4];
                for (auto c : frame) {
                    std::snprintf(b, sizeof b, "%02x", c);
                    hex += b;
                }
                report("verdicts", o.seed, programs, p,
                       "kernel received " + std::to_string(*kernel) + ", ctbpf verdict " + std::to_string(ours) +
                           " on frame " + hex);
            }
        }
    }
    if (lost > o.verdicts / 1000) report("verdicts", o.seed, programs, {}, std::to_string(lost) + " frames lost");
    std::printf("kernel verdicts: seed %" PRIu32 ", %ld verdicts over %ld programs (%ld frames lost), %.1f s\n", o.seed,
                verdicts, programs, lost, seconds_since(start));
}

// ---- seccomp verdicts: what a child experiences when it makes a system call under a filter
enum class outcome : int { allowed = 1, errno_value, trapped, killed, enosys, unknown };

struct shared_result {
    volatile int state;  // 0 running, 1 syscall returned, 2 trapped
    volatile long value;
    volatile int error;
};
shared_result* shared = nullptr;

void on_sigsys(int) {
    shared->state = 2;
    while (shared->state == 2) {  // no system call here: the filter may trap it again
    }
}

/// The expected outcome of `action` for a getpid-like call (no tracer, no listener).
outcome expected_outcome(std::uint32_t action, int& error) {
    switch (action & ctbpf::seccomp::ret_action_full) {
        case ctbpf::seccomp::ret_allow:
        case ctbpf::seccomp::ret_log: return outcome::allowed;
        case ctbpf::seccomp::ret_errno:
            error = static_cast<int>(std::min<std::uint32_t>(action & ctbpf::seccomp::ret_data, 4095));
            // ERRNO(ENOSYS) looks to the child exactly like a skipped call (TRACE with no tracer)
            return error == ENOSYS ? outcome::enosys : outcome::errno_value;
        case ctbpf::seccomp::ret_trap: return outcome::trapped;
        case ctbpf::seccomp::ret_trace:
        case ctbpf::seccomp::ret_user_notif: return outcome::enosys;
        default: return outcome::killed;  // KILL_THREAD, KILL_PROCESS and unknown actions
    }
}

void seccomp_verdict_oracle(const options& o) {
    const auto start = std::chrono::steady_clock::now();
    ctbpf_test::program_generator gen(o.seed ^ 0x5ec7u);
    gen.with_ancillary = false;
    shared = static_cast<shared_result*>(
        ::mmap(nullptr, sizeof(shared_result), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0));
    // system calls that cannot fail and never return 0 here (so ERRNO(0) is recognisable)
    static constexpr long harmless[] = {SYS_getpid, SYS_getppid, SYS_gettid, SYS_getpgrp};
    long done = 0;
    std::mt19937 rng(o.seed);
    while (done < o.seccomp_verdicts) {
        auto p = gen.valid(2 + gen.pick(30));
        for (auto& f : p) {
            if (f.code == 0x20) f.k = gen.pick(3) ? 4 * gen.pick(2) : 16 + 4 * gen.pick(12);  // nr, arch, args; not ip
            if (f.code == 0x06 && gen.pick(2)) {
                static constexpr std::uint32_t actions[] = {0x7fff0000u, 0x7ffc0000u, 0x00050000u, 0x00030000u,
                                                            0x7ff00000u, 0x7fc00000u, 0x80000000u, 0x00000000u};
                f.k = actions[gen.pick(8)] | (gen.pick(2) ? gen.pick(5000) : 0) % 0x10000;
            }
        }
        if (!ctbpf::verify(p, ctbpf::profile::seccomp)) continue;
        const long nr = harmless[gen.pick(4)];
        std::uint64_t args[6];
        for (auto& a : args) a = gen.pick(2) ? gen.constant() : (std::uint64_t{rng()} << 32 | rng());
        ctbpf::seccomp_data data{static_cast<std::int32_t>(nr),
                                 ctbpf::seccomp::audit_arch_x86_64,
                                 0,
                                 {args[0], args[1], args[2], args[3], args[4], args[5]}};
        int want_error = 0;
        const outcome want = expected_outcome(ctbpf::run(p, data), want_error);
        shared->state = 0;
        shared->value = 0;
        shared->error = 0;
        const pid_t pid = ::fork();
        if (pid == 0) {
            struct sigaction sa {};
            sa.sa_handler = on_sigsys;
            ::sigaction(SIGSYS, &sa, nullptr);
            ::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
            sock_fprog fprog{static_cast<unsigned short>(p.size()), p.data()};
            if (::syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &fprog) != 0) ::_exit(99);
            const long r = ::syscall(nr, args[0], args[1], args[2], args[3], args[4], args[5]);
            shared->error = r < 0 ? errno : 0;
            shared->value = r;
            shared->state = 1;
            for (;;) ::pause();  // the parent ends this child
        }
        outcome got = outcome::unknown;
        int status = 0;
        for (int polls = 0; polls < 400000; ++polls) {
            if (shared->state != 0) break;
            if (::waitpid(pid, &status, WNOHANG) == pid) break;
            const timespec pause{0, 5000};
            ::nanosleep(&pause, nullptr);
        }
        if (shared->state == 2)
            got = outcome::trapped;
        else if (shared->state == 1) {
            if (shared->value >= 0 && shared->error == 0)
                got = (shared->value == 0 && want == outcome::errno_value && want_error == 0)
                          ? outcome::errno_value  // ERRNO(0) returns 0
                          : outcome::allowed;
            else if (shared->error == ENOSYS)
                got = outcome::enosys;
            else
                got = outcome::errno_value;
        }
        ::kill(pid, SIGKILL);
        ::waitpid(pid, &status, 0);
        if (got == outcome::unknown && WIFSIGNALED(status) && WTERMSIG(status) == SIGSYS) got = outcome::killed;
        if (got == outcome::unknown && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL && shared->state == 0)
            got = outcome::killed;  // killed by the filter before our SIGKILL could matter
        const bool same = got == want && (want != outcome::errno_value || shared->error == want_error ||
                                          (want_error == 0 && shared->value == 0));
        if (!same)
            report("seccomp-verdicts", o.seed, done, p,
                   "syscall " + std::to_string(nr) + ": ctbpf expects outcome " +
                       std::to_string(static_cast<int>(want)) + " (errno " + std::to_string(want_error) +
                       "), the child got " + std::to_string(static_cast<int>(got)) + " (errno " +
                       std::to_string(shared->error) + ", value " + std::to_string(shared->value) + ")");
        ++done;
    }
    std::printf("kernel seccomp verdicts: seed %" PRIu32 ", %ld system calls, %.1f s\n", o.seed, done,
                seconds_since(start));
}

void libpcap_oracle(const options& o) {
    const auto start = std::chrono::steady_clock::now();
    ctbpf_test::program_generator gen(o.seed ^ 0x9ca9u);
    long verdicts = 0, programs = 0, validated = 0;
    while (verdicts < o.libpcap) {
        // Excluded (docs/testing.md): programs the kernel rejects (libpcap may abort() on unknown
        // opcodes, execute shifts >= 32 as C UB, read uninitialised M[] in 1.10.x, or jump
        // backwards), so only kernel-valid programs are compared.
        const auto p = gen.pick(4) ? gen.valid(gen.length()) : gen.mutate(gen.valid(2 + gen.pick(40)));
        if (!ctbpf::verify(p)) continue;
        std::vector<bpf_insn> insns;
        for (const auto& f : p) insns.push_back({f.code, f.jt, f.jf, f.k});
        ++programs;
        // everything the kernel accepts, libpcap's validator accepts too
        if (!bpf_validate(insns.data(), static_cast<int>(insns.size())))
            report("libpcap-validate", o.seed, programs, p, "bpf_validate rejects a program the kernel accepts");
        else
            ++validated;
        for (int j = 0; j < 16 && verdicts < o.libpcap; ++j, ++verdicts) {
            auto frame = gen.frame();
            frame.resize(gen.pick(static_cast<std::uint32_t>(frame.size()) + 1));  // captures may be short
            const u_int wirelen = static_cast<u_int>(frame.size() + (gen.pick(4) ? 0 : gen.pick(1500)));
            const u_int theirs = bpf_filter(insns.data(), frame.data(), wirelen, static_cast<u_int>(frame.size()));
            ctbpf::packet_context ctx;
            ctx.dialect = ctbpf::dialect::libpcap;
            ctx.len = wirelen;
            const std::uint32_t ours = ctbpf::run(p, frame, ctx);
            if (ours != theirs)
                report("libpcap", o.seed, programs, p,
                       "bpf_filter " + std::to_string(theirs) + ", ctbpf " + std::to_string(ours) + " on a " +
                           std::to_string(frame.size()) + "-byte capture of wire length " + std::to_string(wirelen));
        }
    }
    std::printf("libpcap: seed %" PRIu32 ", %ld verdicts over %ld programs (%ld validated by bpf_validate), %.1f s\n",
                o.seed, verdicts, programs, validated, seconds_since(start));
}

long number(const char* s) { return std::strtol(s, nullptr, 0); }

// ---- the optimizer: input and output, same verdicts -----------------------------------------
/// libpcap's programs for the corpus expressions (optimized and not) and the filter language's
/// unoptimized programs: the fixed part of the optimizer's corpus.
std::vector<std::vector<ctbpf::sock_filter>> fixed_optimizer_corpus() {
    std::vector<std::vector<ctbpf::sock_filter>> out;
    for (const int link : {DLT_EN10MB, DLT_RAW}) {
        pcap_t* dead = pcap_open_dead(link, 65535);
        for (const char* e : cases::tcpdump_expressions) {
            for (const int optimize : {0, 1}) {
                bpf_program prog{};
                if (pcap_compile(dead, &prog, e, optimize, PCAP_NETMASK_UNKNOWN) != 0) continue;
                std::vector<ctbpf::sock_filter> p;
                for (u_int i = 0; i < prog.bf_len; ++i)
                    p.push_back({prog.bf_insns[i].code, prog.bf_insns[i].jt, prog.bf_insns[i].jf, prog.bf_insns[i].k});
                pcap_freecode(&prog);
                out.push_back(std::move(p));
            }
        }
        pcap_close(dead);
    }
    const auto add = [&out](const auto& image) { out.emplace_back(image.begin(), image.end()); };
    using ctbpf::profile;
    add(ctbpf::compile<cases::pcap::arp, profile::socket_filter, ctbpf::no_optimize>());
    add(ctbpf::compile<cases::pcap::tcp_dst_port_80, profile::socket_filter, ctbpf::no_optimize>());
    add(ctbpf::compile<cases::pcap::udp_and_port_53, profile::socket_filter, ctbpf::no_optimize>());
    add(ctbpf::compile<cases::pcap::ip_host_and_tcp, profile::socket_filter, ctbpf::no_optimize>());
    add(ctbpf::compile<cases::pcap::vlan_and_tcp_port_443, profile::socket_filter, ctbpf::no_optimize>());
    add(ctbpf::compile<cases::pcap::syn_without_ack, profile::socket_filter, ctbpf::no_optimize>());
    add(ctbpf::compile<cases::pcap::net_and_udp_ports_or_icmp, profile::socket_filter, ctbpf::no_optimize>());
    add(ctbpf::compile<cases::pcap::tcp_ports_1_to_50, profile::socket_filter, ctbpf::no_optimize>());
    return out;
}

ctbpf::packet_context random_context(ctbpf_test::program_generator& gen) {
    ctbpf::packet_context ctx;
    ctx.protocol = static_cast<std::uint16_t>(gen.pick(2) ? 0x0800 : gen.pick(3));
    ctx.pkttype = static_cast<std::uint8_t>(gen.pick(5));
    ctx.ifindex = gen.pick(4);
    ctx.hatype = static_cast<std::uint16_t>(gen.pick(3));
    ctx.has_device = gen.pick(5) != 0;
    ctx.mark = gen.pick(3);
    ctx.vlan_tci = static_cast<std::uint16_t>(gen.pick(5));
    ctx.vlan_present = gen.pick(2) != 0;
    ctx.random_seed = static_cast<std::uint32_t>(gen.rng());
    ctx.network_offset = static_cast<std::int32_t>(gen.pick(3) ? 14 : gen.pick(40));
    ctx.mac_header_set = gen.pick(4) != 0;
    if (gen.pick(3) == 0) ctx.len = gen.pick(2000);
    ctx.dialect = gen.pick(2) ? ctbpf::dialect::kernel : ctbpf::dialect::libpcap;
    return ctx;
}

/// A packet: a realistic frame (tests/support/corpus.hpp) or a random one, truncated now and then,
/// or random bytes.
std::vector<std::uint8_t> random_packet(ctbpf_test::program_generator& gen, ctbpf_test::corpus_generator& corpus) {
    if (gen.pick(4) == 0) {
        std::vector<std::uint8_t> p(gen.pick(100));
        for (auto& b : p) b = static_cast<std::uint8_t>(gen.pick(3) ? gen.pick(4) : gen.pick(256));
        return p;
    }
    auto frame = gen.pick(3) ? corpus.frame() : gen.frame();
    if (gen.pick(2)) frame.resize(gen.pick(static_cast<std::uint32_t>(frame.size()) + 1));
    return frame;
}

void optimizer_oracle(const options& o) {
    const auto start = std::chrono::steady_clock::now();
    ctbpf_test::program_generator gen(o.seed ^ 0x0b7u);
    gen.deterministic_only = false;  // rand too: the optimizer keeps every rand load in order
    ctbpf_test::corpus_generator corpus(o.seed ^ 0xf4a3u);
    const auto fixed = fixed_optimizer_corpus();
    long pairs = 0, programs = 0;
    std::size_t before = 0, after = 0;
    while (pairs < o.optimize) {
        std::vector<ctbpf::sock_filter> p;
        const bool seccomp = gen.pick(6) == 0;
        if (seccomp) {
            p = gen.valid(gen.length());
            for (auto& f : p) {
                if (!ctbpf::detail::seccomp_allows(f.code)) f.code = 0x00;
                if (f.code == 0x20) f.k = 4 * gen.pick(16);
            }
        } else {
            p = gen.pick(3) == 0 ? fixed[gen.pick(static_cast<std::uint32_t>(fixed.size()))] : gen.valid(gen.length());
        }
        const ctbpf::profile prof = seccomp ? ctbpf::profile::seccomp : ctbpf::profile::socket_filter;
        if (!ctbpf::verify(p, prof)) continue;
        ++programs;
        const auto q = ctbpf::optimize(p, prof);
        before += p.size();
        after += q.size();
        if (!ctbpf::verify(q, prof) || q.size() > p.size()) {
            report("optimize", o.seed, programs, p, "the output does not verify or is longer:\n" + ctbpf::to_string(q));
            continue;
        }
        for (int j = 0; j < 16 && pairs < o.optimize; ++j, ++pairs) {
            std::uint32_t want = 0, got = 0;
            std::string input;
            if (seccomp) {
                ctbpf::seccomp_data d{static_cast<std::int32_t>(gen.pick(400)),
                                      gen.pick(2) ? ctbpf::seccomp::audit_arch_x86_64 : gen.pick(4),
                                      gen.rng(),
                                      {}};
                for (auto& a : d.args) a = gen.pick(2) ? gen.pick(4) : (std::uint64_t{gen.rng()} << 32 | gen.rng());
                want = ctbpf::run(p, d);
                got = ctbpf::run(q, d);
                input = "seccomp_data nr " + std::to_string(d.nr);
            } else {
                const auto packet = random_packet(gen, corpus);
                const ctbpf::packet_context ctx = random_context(gen);
                want = ctbpf::run(p, packet, ctx);
                got = ctbpf::run(q, packet, ctx);
                input = std::to_string(packet.size()) + "-byte packet, dialect " +
                        std::to_string(static_cast<int>(ctx.dialect));
            }
            if (want != got) {
                report("optimize", o.seed, programs, p,
                       "input " + std::to_string(want) + ", optimized " + std::to_string(got) + " on a " + input +
                           "; optimized:\n" + ctbpf::to_string(q));
                break;
            }
        }
    }
    std::printf("optimizer: seed %" PRIu32
                ", %ld (program, input) pairs over %ld programs, %zu -> %zu instructions, %.1f s\n",
                o.seed, pairs, programs, before, after, seconds_since(start));
}

}  // namespace

int main(int argc, char** argv) {
    options o;
    o.seed = std::random_device{}();
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--seed")
            o.seed = static_cast<std::uint32_t>(number(argv[i + 1]));
        else if (flag == "--socket")
            o.socket = number(argv[i + 1]);
        else if (flag == "--seccomp")
            o.seccomp = number(argv[i + 1]);
        else if (flag == "--verdicts")
            o.verdicts = number(argv[i + 1]);
        else if (flag == "--seccomp-verdicts")
            o.seccomp_verdicts = number(argv[i + 1]);
        else if (flag == "--libpcap")
            o.libpcap = number(argv[i + 1]);
        else if (flag == "--optimize")
            o.optimize = number(argv[i + 1]);
        else {
            std::fprintf(stderr, "unknown option %s\n", flag.c_str());
            return 2;
        }
    }
    std::printf("campaign seed %" PRIu32 " (rerun with --seed %" PRIu32 ")\n", o.seed, o.seed);
    const bool kernel = o.socket || o.seccomp || o.verdicts || o.seccomp_verdicts;
    if (kernel) {
        if (::geteuid() != 0 || !ctbpf_test::enter_private_network_namespace()) {
            std::printf("the kernel oracles need root (a private network namespace)\n");
            return 2;
        }
        // large filters: raise this namespace's socket option memory so ENOMEM does not hide results
        if (FILE* f = std::fopen("/proc/sys/net/core/optmem_max", "w")) {
            std::fputs("16777216", f);
            std::fclose(f);
        }
    }
    if (o.socket) socket_oracle(o);
    if (o.seccomp) seccomp_oracle(o);
    if (o.verdicts) verdict_oracle(o);
    if (o.seccomp_verdicts) seccomp_verdict_oracle(o);
    if (o.libpcap) libpcap_oracle(o);
    if (o.optimize) optimizer_oracle(o);
    std::printf("%d disagreements\n", disagreements);
    return disagreements == 0 ? 0 : 1;
}
