// The filter set of the performance issue, each engine in the same process on the same frames:
// libpcap's bpf_filter on the image pcap_compile makes (optimizer on), ctbpf::run on that image,
// ctbpf::run on the image the filter language makes, and a hand-written C++ predicate. Before
// anything is timed, every engine's verdict is compared on every frame of a 100,000-frame
// deterministic corpus (tests/support/corpus.hpp); a disagreement stops the run.
//
// Programs are copied through volatile pointers so that no compiler folds the constexpr data.
// Each benchmark iteration filters one frame, walking the corpus in order: the time per
// iteration is the time per packet. scripts/bench-table.py turns the JSON output into the table
// of docs/benchmarks.md (ratios to the hand-written predicate and to libpcap).
#include <benchmark/benchmark.h>
#include <pcap/pcap.h>

#include <ctbpf/ctbpf.hpp>

#include <cstdint>
#include <cstdio>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "../tests/cases/pcap_filters.hpp"
#include "../tests/support/corpus.hpp"

namespace {

using frame = std::vector<std::uint8_t>;

const std::vector<frame>& corpus() {
    static const auto frames = ctbpf_test::corpus_generator(20261127).make(100000);
    return frames;
}

template <std::size_t N>
std::vector<ctbpf::sock_filter> opaque(const std::array<ctbpf::sock_filter, N>& image) {
    std::vector<ctbpf::sock_filter> out(N);
    const volatile ctbpf::sock_filter* src = image.data();
    for (std::size_t i = 0; i < N; ++i) out[i] = ctbpf::sock_filter{src[i].code, src[i].jt, src[i].jf, src[i].k};
    return out;
}

std::vector<bpf_insn> pcap_image(const std::string& expression) {
    std::vector<bpf_insn> out;
    pcap_t* dead = pcap_open_dead(DLT_EN10MB, 262144);
    bpf_program prog{};
    if (pcap_compile(dead, &prog, expression.c_str(), 1, PCAP_NETMASK_UNKNOWN) == 0) {
        out.assign(prog.bf_insns, prog.bf_insns + prog.bf_len);
        pcap_freecode(&prog);
    }
    pcap_close(dead);
    return out;
}

// ---- hand-written predicates: the C++ a programmer would write for each expression, with the
// bounds checks that make a truncated frame fail where libpcap's program fails.
namespace hand {

using bytes = std::span<const std::uint8_t>;

inline std::uint32_t be16(bytes p, std::size_t o) { return (std::uint32_t{p[o]} << 8) | p[o + 1]; }
inline std::uint32_t be32(bytes p, std::size_t o) { return (be16(p, o) << 16) | be16(p, o + 2); }
inline bool has(bytes p, std::size_t end) { return p.size() >= end; }
inline std::size_t ip_header(bytes p, std::size_t l3) { return (p[l3] & 0xfu) * 4u; }

bool arp(bytes p) { return has(p, 14) && be16(p, 12) == 0x0806; }
bool ip(bytes p) { return has(p, 14) && be16(p, 12) == 0x0800; }

bool tcp_dst_port_80(bytes p) {
    if (!has(p, 14)) return false;
    const std::uint32_t type = be16(p, 12);
    if (type == 0x86dd) return has(p, 21) && p[20] == 6 && has(p, 58) && be16(p, 56) == 80;
    if (type != 0x0800 || !has(p, 24) || p[23] != 6 || (be16(p, 20) & 0x1fff) != 0) return false;
    const std::size_t x = ip_header(p, 14);
    return has(p, x + 18) && be16(p, x + 16) == 80;
}

bool udp_and_port_53(bytes p) {
    if (!has(p, 14)) return false;
    const std::uint32_t type = be16(p, 12);
    if (type == 0x0800) {
        if (!has(p, 24) || p[23] != 17 || (be16(p, 20) & 0x1fff) != 0) return false;
        const std::size_t x = ip_header(p, 14);
        if (!has(p, x + 16)) return false;
        return be16(p, x + 14) == 53 || (has(p, x + 18) && be16(p, x + 16) == 53);
    }
    if (type != 0x86dd || !has(p, 21) || p[20] != 17 || !has(p, 56)) return false;
    return be16(p, 54) == 53 || (has(p, 58) && be16(p, 56) == 53);
}

bool ip_host_and_tcp(bytes p) {
    if (!has(p, 14) || be16(p, 12) != 0x0800 || !has(p, 30)) return false;
    if (be32(p, 26) != 0x0a000001 && !(has(p, 34) && be32(p, 30) == 0x0a000001)) return false;
    return p[23] == 6;
}

bool vlan_and_tcp_port_443(bytes p) {
    if (!has(p, 14)) return false;
    const std::uint32_t tpid = be16(p, 12);
    if ((tpid != 0x8100 && tpid != 0x88a8 && tpid != 0x9100) || !has(p, 18)) return false;
    const std::uint32_t type = be16(p, 16);
    if (type == 0x86dd) {
        if (!has(p, 25) || p[24] != 6 || !has(p, 60)) return false;
        return be16(p, 58) == 443 || (has(p, 62) && be16(p, 60) == 443);
    }
    if (type != 0x0800 || !has(p, 28) || p[27] != 6 || (be16(p, 24) & 0x1fff) != 0) return false;
    const std::size_t x = ip_header(p, 18);
    if (!has(p, x + 20)) return false;
    return be16(p, x + 18) == 443 || (has(p, x + 22) && be16(p, x + 20) == 443);
}

bool ip6_tcp_syn_raw(bytes p) {
    return has(p, 14) && be16(p, 12) == 0x86dd && has(p, 21) && p[20] == 6 && has(p, 68) && (p[67] & 0x02) != 0;
}

bool syn_without_ack(bytes p) {
    if (!has(p, 14) || be16(p, 12) != 0x0800 || !has(p, 24) || p[23] != 6 || (be16(p, 20) & 0x1fff) != 0) return false;
    const std::size_t x = ip_header(p, 14);
    return has(p, x + 28) && (p[x + 27] & 0x12) == 0x02;
}

bool net_and_udp_ports_or_icmp(bytes p) {
    if (!has(p, 14) || be16(p, 12) != 0x0800 || !has(p, 30) || (be32(p, 26) & 0xffff0000u) != 0xc0a80000u) return false;
    if (p[23] == 1) return true;
    if (p[23] != 17 || (be16(p, 20) & 0x1fff) != 0) return false;
    const std::size_t x = ip_header(p, 14);
    const auto in_range = [](std::uint32_t port) { return port >= 5000 && port <= 6000; };
    if (!has(p, x + 16)) return false;
    return in_range(be16(p, x + 14)) || (has(p, x + 18) && in_range(be16(p, x + 16)));
}

bool tcp_ports_1_to_50(bytes p) {
    if (!has(p, 14)) return false;
    const auto low = [](std::uint32_t port) { return port >= 1 && port <= 50; };
    const std::uint32_t type = be16(p, 12);
    if (type == 0x86dd) {
        if (!has(p, 21) || p[20] != 6 || !has(p, 56)) return false;
        return low(be16(p, 54)) || (has(p, 58) && low(be16(p, 56)));
    }
    if (type != 0x0800 || !has(p, 24) || p[23] != 6 || (be16(p, 20) & 0x1fff) != 0) return false;
    const std::size_t x = ip_header(p, 14);
    if (!has(p, x + 16)) return false;
    return low(be16(p, x + 14)) || (has(p, x + 18) && low(be16(p, x + 16)));
}

}  // namespace hand

struct filter {
    std::string name;        // short name for the benchmark
    std::string expression;  // for pcap_compile
    std::vector<ctbpf::sock_filter> dsl;
    bool (*hand)(hand::bytes);
};

std::string ports_1_to_50() {
    std::string ports;
    for (int p = 1; p <= 50; ++p) ports += (p > 1 ? " or tcp port " : "tcp port ") + std::to_string(p);
    return ports;
}

std::vector<filter> filters() {
    namespace c = cases::pcap;
    return {
        {"arp", "arp", opaque(ctbpf::compile<c::arp>()), hand::arp},
        {"ip", "ip", opaque(ctbpf::compile<c::ip>()), hand::ip},
        {"tcp_dst_port_80", "tcp dst port 80", opaque(ctbpf::compile<c::tcp_dst_port_80>()), hand::tcp_dst_port_80},
        {"udp_and_port_53", "udp and port 53", opaque(ctbpf::compile<c::udp_and_port_53>()), hand::udp_and_port_53},
        {"ip_host_and_tcp", "ip host 10.0.0.1 and tcp", opaque(ctbpf::compile<c::ip_host_and_tcp>()),
         hand::ip_host_and_tcp},
        {"vlan_tcp_443", "vlan and tcp port 443", opaque(ctbpf::compile<c::vlan_and_tcp_port_443>()),
         hand::vlan_and_tcp_port_443},
        {"ip6_syn_raw", "ip6 and ip6[6] == 6 and ip6[53] & tcp-syn != 0", opaque(ctbpf::compile<c::ip6_tcp_syn_raw>()),
         hand::ip6_tcp_syn_raw},
        {"syn_without_ack", "tcp[tcpflags] & (tcp-syn|tcp-ack) == tcp-syn",
         opaque(ctbpf::compile<c::syn_without_ack>()), hand::syn_without_ack},
        {"net_udp_range_or_icmp", "src net 192.168.0.0/16 and (udp portrange 5000-6000 or icmp)",
         opaque(ctbpf::compile<c::net_and_udp_ports_or_icmp>()), hand::net_and_udp_ports_or_icmp},
        {"tcp_ports_1_to_50", ports_1_to_50(), opaque(ctbpf::compile<c::tcp_ports_1_to_50>()), hand::tcp_ports_1_to_50},
    };
}

/// What the engines run for one filter: libpcap's image (as libpcap and as ctbpf instructions)
/// beside the filter's own language image and predicate. `source` outlives the benchmarks.
struct images {
    std::vector<bpf_insn> pcap;
    std::vector<ctbpf::sock_filter> pcap_as_ctbpf;
    const filter* source;
};

std::shared_ptr<const images> images_of(const filter& f) {
    auto im = std::make_shared<images>();
    im->pcap = pcap_image(f.expression);
    for (const bpf_insn& i : im->pcap) im->pcap_as_ctbpf.push_back({i.code, i.jt, i.jf, i.k});
    im->source = &f;
    return im;
}

// The engines, each a verdict for one frame (0 rejects).
std::uint32_t libpcap_bpf_filter(const images& im, const frame& fr) {
    const auto len = static_cast<u_int>(fr.size());
    return bpf_filter(im.pcap.data(), fr.data(), len, len);
}
std::uint32_t ctbpf_run_libpcap_image(const images& im, const frame& fr) { return ctbpf::run(im.pcap_as_ctbpf, fr); }
std::uint32_t ctbpf_run_dsl_image(const images& im, const frame& fr) { return ctbpf::run(im.source->dsl, fr); }
std::uint32_t hand_written(const images& im, const frame& fr) { return im.source->hand(fr) ? 1u : 0u; }

using engine = std::uint32_t (*)(const images&, const frame&);
constexpr std::pair<const char*, engine> all_engines[] = {
    {"libpcap_bpf_filter", libpcap_bpf_filter},
    {"ctbpf_run_libpcap_image", ctbpf_run_libpcap_image},
    {"ctbpf_run_dsl_image", ctbpf_run_dsl_image},
    {"hand_written", hand_written},
};

/// One frame per iteration, walking the corpus in order: time per iteration = time per packet.
template <engine Engine>
void walk(benchmark::State& state, const std::shared_ptr<const images>& im) {
    const auto& frames = corpus();
    std::size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(Engine(*im, frames[i]));
        if (++i == frames.size()) i = 0;
    }
    state.SetItemsProcessed(state.iterations());
}

/// A benchmark FILTER/ENGINE for each engine of all_engines.
template <std::size_t... I>
void register_filter(const filter& f, const std::shared_ptr<const images>& im, std::index_sequence<I...>) {
    (benchmark::RegisterBenchmark((f.name + "/" + all_engines[I].first).c_str(), walk<all_engines[I].second>, im), ...);
}

/// Every engine against libpcap on every frame; false (with the first disagreement printed) if any differ.
bool engines_agree(const filter& f, const images& im) {
    int accepted = 0;
    for (const frame& fr : corpus()) {
        const bool expected = libpcap_bpf_filter(im, fr) != 0;
        accepted += expected;
        for (const auto& [name, run] : all_engines) {
            if ((run(im, fr) != 0) != expected) {
                std::fprintf(stderr, "%s: %s says %d, libpcap says %d on a %zu-byte frame\n", f.name.c_str(), name,
                             !expected, expected, fr.size());
                return false;
            }
        }
    }
    std::fprintf(stderr, "%s: all engines agree on %zu frames (%d accepted)\n", f.name.c_str(), corpus().size(),
                 accepted);
    return true;
}

/// For callgrind: one engine over the whole corpus, once. Run with
/// `valgrind --tool=callgrind --toggle-collect='*count_pass*' ctbpf_filters_bench --count=FILTER/ENGINE`;
/// the instructions collected divided by the corpus size are the instructions per packet.
[[gnu::noinline]] std::uint32_t count_pass(engine e, const images& im) {
    std::uint32_t accepted = 0;
    for (const frame& fr : corpus()) accepted += e(im, fr) != 0;
    return accepted;
}

int count(const std::vector<filter>& all, const std::string& which) {
    const auto slash = which.find('/');
    for (const filter& f : all) {
        if (f.name != which.substr(0, slash)) continue;
        for (const auto& [name, e] : all_engines) {
            if (name != which.substr(slash + 1)) continue;
            const auto im = images_of(f);
            (void)corpus();  // generated outside the collected function
            std::printf("%s: %u of %zu frames accepted\n", which.c_str(), count_pass(e, *im), corpus().size());
            return 0;
        }
    }
    std::fprintf(stderr, "--count=%s: no such FILTER/ENGINE\n", which.c_str());
    return 1;
}

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    const auto all = filters();
    if (argc == 2 && std::string(argv[1]).starts_with("--count=")) return count(all, std::string(argv[1]).substr(8));
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    for (const filter& f : all) {
        const auto im = images_of(f);
        if (im->pcap.empty()) {
            std::fprintf(stderr, "%s: pcap_compile failed\n", f.name.c_str());
            return 1;
        }
        if (!engines_agree(f, *im)) return 1;
        register_filter(f, im, std::make_index_sequence<std::size(all_engines)>{});
    }
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
