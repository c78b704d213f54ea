// The optimizer against libpcap's: for each tcpdump expression (tests/cases/tcpdump_expressions.hpp
// and the benchmark set), the size of libpcap's optimized program (-O), of its unoptimized program
// (pcap_compile with optimize 0) and of ctbpf::optimize of the unoptimized one, and the BPF
// instructions each executes per frame over a corpus of 20,000 frames (tests/support/corpus.hpp,
// a third truncated). Prints the Markdown table of docs/benchmarks.md. Not a timing benchmark.
// Usage: ctbpf_optimizer_sizes [--check]   (--check: exit 1 if ctbpf is larger anywhere)
#include <pcap/pcap.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include <ctbpf/optimize_vector.hpp>
#include <ctbpf/vm.hpp>

#include "../tests/cases/tcpdump_expressions.hpp"
#include "../tests/support/corpus.hpp"

namespace {

std::vector<ctbpf::sock_filter> compile(const char* expression, int optimize) {
    pcap_t* dead = pcap_open_dead(DLT_EN10MB, 65535);
    bpf_program prog{};
    std::vector<ctbpf::sock_filter> out;
    if (pcap_compile(dead, &prog, expression, optimize, PCAP_NETMASK_UNKNOWN) == 0) {
        for (u_int i = 0; i < prog.bf_len; ++i)
            out.push_back({prog.bf_insns[i].code, prog.bf_insns[i].jt, prog.bf_insns[i].jf, prog.bf_insns[i].k});
        pcap_freecode(&prog);
    }
    pcap_close(dead);
    return out;
}

/// Instructions executed on one frame: a counting interpreter of the loads, ALU and jumps
/// libpcap emits (a load past the end ends the run, as in both engines).
long executed(const std::vector<ctbpf::sock_filter>& p, const std::vector<std::uint8_t>& f, std::uint32_t wirelen) {
    std::uint32_t a = 0, x = 0, m[16] = {};
    long count = 0;
    const auto byte_at = [&](std::uint64_t off, std::uint32_t n, bool& ok) {
        std::uint32_t v = 0;
        ok = off + n <= f.size();
        for (std::uint32_t i = 0; ok && i < n; ++i) v = v << 8 | f[off + i];
        return v;
    };
    for (std::size_t pc = 0; pc < p.size(); ++pc) {
        ++count;
        const auto& i = p[pc];
        const std::uint32_t size = (i.code & 0x18) == 0 ? 4 : (i.code & 0x18) == 8 ? 2 : 1;
        bool ok = true;
        switch (i.code & 7) {
            case 0:  // ld
                switch (i.code & 0xe0) {
                    case 0x00: a = i.k; break;
                    case 0x20: a = byte_at(i.k, size, ok); break;
                    case 0x40: a = byte_at(std::uint64_t{x} + i.k, size, ok); break;
                    case 0x60: a = m[i.k & 15]; break;
                    case 0x80: a = wirelen; break;
                }
                break;
            case 1:  // ldx
                switch (i.code & 0xe0) {
                    case 0x00: x = i.k; break;
                    case 0x60: x = m[i.k & 15]; break;
                    case 0x80: x = wirelen; break;
                    case 0xa0: x = (byte_at(i.k, 1, ok) & 0xf) * 4; break;
                }
                break;
            case 2: m[i.k & 15] = a; break;
            case 3: m[i.k & 15] = x; break;
            case 4: {
                const std::uint32_t v = (i.code & 8) ? x : i.k;
                switch (i.code & 0xf0) {
                    case 0x00: a += v; break;
                    case 0x10: a -= v; break;
                    case 0x20: a *= v; break;
                    case 0x30:
                        if (v == 0) return count;
                        a /= v;
                        break;
                    case 0x90:
                        if (v == 0) return count;
                        a %= v;
                        break;
                    case 0x40: a |= v; break;
                    case 0x50: a &= v; break;
                    case 0x60: a = v < 32 ? a << v : 0; break;
                    case 0x70: a = v < 32 ? a >> v : 0; break;
                    case 0xa0: a ^= v; break;
                    case 0x80: a = ~a + 1; break;
                }
                break;
            }
            case 5: {
                const std::uint32_t v = (i.code & 8) ? x : i.k;
                bool t = false;
                switch (i.code & 0xf0) {
                    case 0x00: pc += i.k; continue;
                    case 0x10: t = a == v; break;
                    case 0x20: t = a > v; break;
                    case 0x30: t = a >= v; break;
                    case 0x40: t = (a & v) != 0; break;
                }
                pc += t ? i.jt : i.jf;
                continue;
            }
            case 6: return count;
            case 7:
                if (i.code & 0x80)
                    a = x;
                else
                    x = a;
                break;
        }
        if (!ok) return count;
    }
    return count;
}

}  // namespace

int main(int argc, char** argv) {
    const bool check = argc > 1 && std::strcmp(argv[1], "--check") == 0;
    std::vector<std::string> expressions(std::begin(cases::tcpdump_expressions), std::end(cases::tcpdump_expressions));
    std::string ports = "tcp port 1";
    for (int p = 2; p <= 50; ++p) ports += " or tcp port " + std::to_string(p);
    for (const char* e : {"not (tcp or udp or icmp or arp)", "port 8080 and not tcp",
                          "src net 192.168.0.0/16 and (udp portrange 5000-6000 or icmp)", "ip host 10.0.0.1 and tcp",
                          "udp and port 53", "vlan and tcp port 443", "tcp[tcpflags] & (tcp-syn|tcp-ack) == tcp-syn"})
        expressions.push_back(e);
    expressions.push_back(ports);

    ctbpf_test::corpus_generator corpus(20261130);
    std::vector<std::vector<std::uint8_t>> frames;
    for (int i = 0; i < 20000; ++i) {
        auto f = corpus.frame();
        if (i % 3 == 0) f.resize(f.size() * static_cast<std::size_t>(i % 7) / 7);
        frames.push_back(std::move(f));
    }
    std::printf(
        "| expression | libpcap -O | libpcap unoptimized | ctbpf::optimize of it | executed/frame libpcap -O | "
        "executed/frame ctbpf | verdicts differ |\n");
    std::printf("|---|---|---|---|---|---|---|\n");
    double log_ratio = 0;
    int larger = 0, n = 0;
    for (const auto& e : expressions) {
        const auto theirs = compile(e.c_str(), 1), raw = compile(e.c_str(), 0);
        if (theirs.empty() || raw.empty()) continue;
        const auto ours = ctbpf::optimize(raw);
        long run_theirs = 0, run_ours = 0, differ = 0;
        for (const auto& f : frames) {
            const auto wire = static_cast<std::uint32_t>(f.size());
            run_theirs += executed(theirs, f, wire);
            run_ours += executed(ours, f, wire);
            ctbpf::packet_context ctx;
            ctx.dialect = ctbpf::dialect::libpcap;
            const std::uint32_t meaning = ctbpf::run(raw, f, ctx);
            differ += ctbpf::run(theirs, f, ctx) != meaning;  // libpcap -O vs its own meaning
            if (ctbpf::run(ours, f, ctx) != meaning) {
                std::printf("ctbpf::optimize changed a verdict: %s\n", e.c_str());
                return 1;
            }
        }
        larger += ours.size() > theirs.size();
        log_ratio += std::log(static_cast<double>(ours.size()) / static_cast<double>(theirs.size()));
        ++n;
        std::string name = e.size() > 60 ? e.substr(0, 57) + "..." : e;
        for (auto& c : name)
            if (c == '|') c = '/';
        std::printf("| `%s` | %zu | %zu | %zu%s | %.2f | %.2f | %ld |\n", name.c_str(), theirs.size(), raw.size(),
                    ours.size(), ours.size() > theirs.size() ? " (larger)" : "",
                    static_cast<double>(run_theirs) / static_cast<double>(frames.size()),
                    static_cast<double>(run_ours) / static_cast<double>(frames.size()), differ);
    }
    std::printf("\n%d expressions; ctbpf larger than libpcap -O on %d; geometric mean of size ratios %.3f\n", n, larger,
                std::exp(log_ratio / n));
    return check && larger ? 1 : 0;
}
