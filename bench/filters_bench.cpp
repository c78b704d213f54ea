// The benchmark filter set (docs/benchmarks.md), each engine in the same process on the same frames:
// libpcap's bpf_filter on the image pcap_compile makes (optimizer on), ctbpf::run on that image,
// ctbpf::run on the image the filter language makes, ctbpf::native on that image and on libpcap's
// (the program compiled into C++; libpcap's images are written into a header at build time by
// bench/generate_pcap_images.cpp), and a hand-written C++ predicate. Before
// anything is timed, every engine's verdict is compared on every frame of a 100,000-frame
// deterministic corpus (tests/support/corpus.hpp); a disagreement stops the run.
//
// Programs are copied through volatile pointers so that no compiler folds the constexpr data.
// Each benchmark iteration filters one frame, walking the corpus in order: the time per
// iteration is the time per packet. scripts/bench-table.py turns the JSON output into the table
// of docs/benchmarks.md (ratios to the hand-written predicate and to libpcap).
#include <benchmark/benchmark.h>
#include <pcap/pcap.h>

#include <ctbpf/decoded.hpp>
#include <ctbpf/ctbpf.hpp>

#include <cstdint>
#include <cstdio>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "../tests/cases/pcap_images.hpp"
#include "../tests/support/corpus.hpp"
#include "filter_expressions.hpp"
#include "pcap_native_images.hpp"

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

/// An engine bound to one filter at compile time (the native function, the hand-written
/// predicate): measured and counted with direct calls, as the other engines call bpf_filter and
/// ctbpf::run, so that no engine pays an indirect call the others do not.
struct direct_engine {
    void (*walk)(benchmark::State&);
    std::uint32_t (*count)();
    std::uint32_t (*verdict)(const frame&);
};

struct filter {
    std::string name;        // short name for the benchmark
    std::string expression;  // for pcap_compile
    std::vector<ctbpf::sock_filter> dsl;
    direct_engine native;       // the language's image as compiled C++
    direct_engine native_pcap;  // libpcap's image as compiled C++
    direct_engine hand;         // the hand-written predicate
};

template <std::uint32_t (*Verdict)(const frame&)>
void walk_direct(benchmark::State& state) {
    const auto& frames = corpus();
    std::size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(Verdict(frames[i]));
        if (++i == frames.size()) i = 0;
    }
    state.SetItemsProcessed(state.iterations());
}

/// For callgrind (see count_pass): one pass over the corpus.
template <std::uint32_t (*Verdict)(const frame&)>
[[gnu::noinline]] std::uint32_t count_pass_direct() {  // NOLINT: named for --toggle-collect='*count_pass*'
    std::uint32_t accepted = 0;
    for (const frame& fr : corpus()) accepted += Verdict(fr) != 0;
    return accepted;
}

template <std::uint32_t (*Verdict)(const frame&)>
constexpr direct_engine direct{walk_direct<Verdict>, count_pass_direct<Verdict>, Verdict};

template <const auto& Image>
std::uint32_t native_verdict(const frame& f) {
    return ctbpf::native<Image>(f);
}
template <bool (*Predicate)(hand::bytes)>
std::uint32_t hand_verdict(const frame& f) {
    return Predicate(f) ? 1u : 0u;
}

/// A filter of bench_filters::expressions(): the language's image for the interpreter
/// (through volatile, so nothing folds it) and as native code, libpcap's image as native code.
template <const auto& Image, const auto& PcapImage, bool (*Hand)(hand::bytes)>
filter make(const bench_filters::expression& e) {
    return {e.name,
            e.text,
            opaque(Image),
            direct<native_verdict<Image>>,
            direct<native_verdict<PcapImage>>,
            direct<hand_verdict<Hand>>};
}

std::vector<filter> filters() {
    namespace i = cases::pcap::images;
    namespace p = pcap_images;
    const auto e = bench_filters::expressions();
    return {
        make<i::arp, p::arp, hand::arp>(e[0]),
        make<i::ip, p::ip, hand::ip>(e[1]),
        make<i::tcp_dst_port_80, p::tcp_dst_port_80, hand::tcp_dst_port_80>(e[2]),
        make<i::udp_and_port_53, p::udp_and_port_53, hand::udp_and_port_53>(e[3]),
        make<i::ip_host_and_tcp, p::ip_host_and_tcp, hand::ip_host_and_tcp>(e[4]),
        make<i::vlan_and_tcp_port_443, p::vlan_tcp_443, hand::vlan_and_tcp_port_443>(e[5]),
        make<i::ip6_tcp_syn_raw, p::ip6_syn_raw, hand::ip6_tcp_syn_raw>(e[6]),
        make<i::syn_without_ack, p::syn_without_ack, hand::syn_without_ack>(e[7]),
        make<i::net_and_udp_ports_or_icmp, p::net_udp_range_or_icmp, hand::net_and_udp_ports_or_icmp>(e[8]),
        make<i::tcp_ports_1_to_50, p::tcp_ports_1_to_50, hand::tcp_ports_1_to_50>(e[9]),
    };
}

/// What the engines run for one filter: libpcap's image (as libpcap and as ctbpf instructions)
/// beside the filter's own language image and predicate. `source` outlives the benchmarks.
struct images {
    std::vector<bpf_insn> pcap;
    std::vector<ctbpf::sock_filter> pcap_as_ctbpf;
    const filter* source;
    ctbpf::verified_program pcap_verified;  // checked once, as pcap_setfilter does
    ctbpf::verified_program dsl_verified;
    ctbpf::decoded_program pcap_decoded;  // verified and decoded once
    ctbpf::decoded_program dsl_decoded;
};

std::shared_ptr<const images> images_of(const filter& f) {
    auto im = std::make_shared<images>();
    im->pcap = pcap_image(f.expression);
    for (const bpf_insn& i : im->pcap) im->pcap_as_ctbpf.push_back({i.code, i.jt, i.jf, i.k});
    im->source = &f;
    im->pcap_verified = ctbpf::verified_program(im->pcap_as_ctbpf);
    im->dsl_verified = ctbpf::verified_program(f.dsl);
    im->pcap_decoded = ctbpf::decoded_program(im->pcap_as_ctbpf);
    im->dsl_decoded = ctbpf::decoded_program(f.dsl);
    return im;
}

// The engines, each a verdict for one frame (0 rejects).
std::uint32_t libpcap_bpf_filter(const images& im, const frame& fr) {
    const auto len = static_cast<u_int>(fr.size());
    return bpf_filter(im.pcap.data(), fr.data(), len, len);
}
std::uint32_t ctbpf_run_libpcap_image(const images& im, const frame& fr) { return ctbpf::run(im.pcap_as_ctbpf, fr); }
std::uint32_t ctbpf_run_dsl_image(const images& im, const frame& fr) { return ctbpf::run(im.source->dsl, fr); }
std::uint32_t ctbpf_run_verified_libpcap_image(const images& im, const frame& fr) {
    return ctbpf::run(im.pcap_verified, fr);
}
std::uint32_t ctbpf_run_verified_dsl_image(const images& im, const frame& fr) {
    return ctbpf::run(im.dsl_verified, fr);
}
// with the wire length per packet, as bpf_filter() takes it (here the frame's size)
std::uint32_t ctbpf_run_verified_wirelen_libpcap_image(const images& im, const frame& fr) {
    return ctbpf::run(im.pcap_verified, fr, static_cast<std::uint32_t>(fr.size()));
}
std::uint32_t ctbpf_run_decoded_libpcap_image(const images& im, const frame& fr) {
    return ctbpf::run(im.pcap_decoded, fr, static_cast<std::uint32_t>(fr.size()));
}
std::uint32_t ctbpf_run_decoded_dsl_image(const images& im, const frame& fr) {
    return ctbpf::run(im.dsl_decoded, fr, static_cast<std::uint32_t>(fr.size()));
}

using engine = std::uint32_t (*)(const images&, const frame&);
constexpr std::pair<const char*, engine> all_engines[] = {
    {"libpcap_bpf_filter", libpcap_bpf_filter},
    {"ctbpf_run_libpcap_image", ctbpf_run_libpcap_image},
    {"ctbpf_run_dsl_image", ctbpf_run_dsl_image},
    {"ctbpf_run_verified_libpcap_image", ctbpf_run_verified_libpcap_image},
    {"ctbpf_run_verified_dsl_image", ctbpf_run_verified_dsl_image},
    {"ctbpf_run_verified_wirelen_libpcap_image", ctbpf_run_verified_wirelen_libpcap_image},
    {"ctbpf_run_decoded_libpcap_image", ctbpf_run_decoded_libpcap_image},
    {"ctbpf_run_decoded_dsl_image", ctbpf_run_decoded_dsl_image},
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

/// The engines bound to a filter, by name, after those of all_engines.
constexpr int direct_engine_count = 3;
std::pair<const char*, const direct_engine*> direct_engines(const filter& f, int which) {
    return which == 0   ? std::pair{"ctbpf_native_dsl_image", &f.native}
           : which == 1 ? std::pair{"ctbpf_native_libpcap_image", &f.native_pcap}
                        : std::pair{"hand_written", &f.hand};
}

/// A benchmark FILTER/ENGINE for each engine of all_engines, then the filter's direct engines.
template <std::size_t... I>
void register_filter(const filter& f, const std::shared_ptr<const images>& im, std::index_sequence<I...>) {
    (benchmark::RegisterBenchmark((f.name + "/" + all_engines[I].first).c_str(), walk<all_engines[I].second>, im), ...);
    for (int d = 0; d < direct_engine_count; ++d) {
        const auto [name, e] = direct_engines(f, d);
        benchmark::RegisterBenchmark((f.name + "/" + name).c_str(), e->walk);
    }
}

/// Every engine against libpcap on every frame; false (with the first disagreement printed) if any differ.
bool engines_agree(const filter& f, const images& im) {
    int accepted = 0;
    for (const frame& fr : corpus()) {
        const bool expected = libpcap_bpf_filter(im, fr) != 0;
        accepted += expected;
        const auto differ = [&](const char* name, bool verdict) {
            if (verdict == expected) return false;
            std::fprintf(stderr, "%s: %s says %d, libpcap says %d on a %zu-byte frame\n", f.name.c_str(), name,
                         !expected, expected, fr.size());
            return true;
        };
        for (const auto& [name, run] : all_engines)
            if (differ(name, run(im, fr) != 0)) return false;
        for (int d = 0; d < direct_engine_count; ++d)
            if (differ(direct_engines(f, d).first, direct_engines(f, d).second->verdict(fr) != 0)) return false;
    }
    std::fprintf(stderr, "%s: all engines agree on %zu frames (%d accepted)\n", f.name.c_str(), corpus().size(),
                 accepted);
    return true;
}

/// The number of instructions a verified program executes on one frame (default context), by a
/// walk of its own; `verdict` receives the verdict so that the caller can check the walk against
/// ctbpf::run. For host instructions per executed BPF instruction (docs/benchmarks.md).
std::size_t executed(const std::vector<ctbpf::sock_filter>& prog, const frame& fr, std::uint32_t& verdict) {
    ctbpf::detail::packet_env env(fr.data(), fr.size(), ctbpf::default_context);
    std::uint32_t a = 0, x = 0, m[ctbpf::memory_words] = {};
    std::size_t count = 0;
    namespace op = ctbpf::bpf;
    for (std::size_t pc = 0;; ++pc) {
        const ctbpf::sock_filter& f = prog[pc];
        ++count;
        const std::uint32_t v = op::src_of(f.code) == op::x ? x : f.k;
        const auto load = [&](ctbpf::detail::load_result r, std::uint32_t& into) {
            into = r.value;
            if (r.status == ctbpf::detail::load_status::value) return true;
            verdict = r.status == ctbpf::detail::load_status::exit_with_a ? a : 0;
            return false;
        };
        const auto size = [](std::uint16_t code) {
            return op::size_of(code) == op::w ? 4u : op::size_of(code) == op::h ? 2u : 1u;
        };
        switch (op::class_of(f.code)) {
            case op::ld:
                if (op::mode_of(f.code) == op::abs && !load(env.load_abs(size(f.code), f.k, a, x), a)) return count;
                if (op::mode_of(f.code) == op::ind && !load(env.load_ind(size(f.code), f.k, x), a)) return count;
                if (op::mode_of(f.code) == op::imm) a = f.k;
                if (op::mode_of(f.code) == op::mem) a = m[f.k];
                if (op::mode_of(f.code) == op::len) a = env.length();
                break;
            case op::ldx:
                if (op::mode_of(f.code) == op::msh) {
                    if (!load(env.load_msh(f.k), x)) return count;
                    x = (x & 0xf) << 2;
                }
                if (op::mode_of(f.code) == op::imm) x = f.k;
                if (op::mode_of(f.code) == op::mem) x = m[f.k];
                if (op::mode_of(f.code) == op::len) x = env.length();
                break;
            case op::st: m[f.k] = a; break;
            case op::stx: m[f.k] = x; break;
            case op::alu:
                switch (op::op_of(f.code)) {
                    case op::add: a += v; break;
                    case op::sub: a -= v; break;
                    case op::mul: a *= v; break;
                    case op::div:
                        if (v == 0) return verdict = 0, count;
                        a /= v;
                        break;
                    case op::mod:
                        if (v == 0) return verdict = 0, count;
                        a %= v;
                        break;
                    case op::and_: a &= v; break;
                    case op::or_: a |= v; break;
                    case op::xor_: a ^= v; break;
                    case op::lsh: a <<= (v & 31); break;
                    case op::rsh: a >>= (v & 31); break;
                    case op::neg: a = 0u - a; break;
                }
                break;
            case op::jmp:
                if (op::op_of(f.code) == op::ja) {
                    pc += f.k;
                    break;
                }
                {
                    const bool taken = op::op_of(f.code) == op::jeq   ? a == v
                                       : op::op_of(f.code) == op::jgt ? a > v
                                       : op::op_of(f.code) == op::jge ? a >= v
                                                                      : (a & v) != 0;
                    pc += taken ? f.jt : f.jf;
                }
                break;
            case op::ret: verdict = op::rval_of(f.code) == op::a ? a : f.k; return count;
            default:
                x = op::miscop_of(f.code) == op::tax ? a : x;
                a = op::miscop_of(f.code) == op::txa ? x : a;
                break;
        }
    }
}

/// Average BPF instructions executed per frame, libpcap's image and the language's, with the
/// walk's verdicts checked against ctbpf::run on every frame.
int executed_table(const std::vector<filter>& all) {
    std::printf(
        "| filter | libpcap image: instructions (executed per frame) | language image: instructions (executed per "
        "frame) |\n|---|---|---|\n");
    for (const filter& f : all) {
        const auto im = images_of(f);
        double sums[2] = {0, 0};
        const std::vector<ctbpf::sock_filter>* progs[2] = {&im->pcap_as_ctbpf, &f.dsl};
        for (int i = 0; i < 2; ++i) {
            for (const frame& fr : corpus()) {
                std::uint32_t verdict = 0;
                sums[i] += static_cast<double>(executed(*progs[i], fr, verdict));
                if (verdict != ctbpf::run(*progs[i], fr)) {
                    std::fprintf(stderr, "%s: the counting walk disagrees with ctbpf::run\n", f.name.c_str());
                    return 1;
                }
            }
        }
        const double n = static_cast<double>(corpus().size());
        std::printf("| %s | %zu (%.2f) | %zu (%.2f) |\n", f.name.c_str(), im->pcap_as_ctbpf.size(), sums[0] / n,
                    f.dsl.size(), sums[1] / n);
    }
    return 0;
}

/// For callgrind: one engine over the whole corpus, once, the engine called directly (as in the
/// timed loop). Run with
/// `valgrind --tool=callgrind --toggle-collect='*count_pass*' ctbpf_filters_bench --count=FILTER/ENGINE`;
/// the instructions collected divided by the corpus size are the instructions per packet.
template <engine Engine>
[[gnu::noinline]] std::uint32_t count_pass(const images& im) {
    std::uint32_t accepted = 0;
    for (const frame& fr : corpus()) accepted += Engine(im, fr) != 0;
    return accepted;
}

/// The harness alone (the loop over the corpus), for subtracting: FILTER/harness.
std::uint32_t harness(const images&, const frame& fr) { return static_cast<std::uint32_t>(fr.size()); }

template <std::size_t... I>
std::uint32_t count_engine(std::size_t which, const images& im, std::index_sequence<I...>) {
    std::uint32_t accepted = 0;
    ((which == I ? (accepted = count_pass<all_engines[I].second>(im), 0) : 0), ...);
    return accepted;
}

int count(const std::vector<filter>& all, const std::string& which) {
    const auto slash = which.find('/');
    for (const filter& f : all) {
        if (f.name != which.substr(0, slash)) continue;
        if (which.substr(slash + 1) == "harness") {
            const auto im = images_of(f);
            (void)corpus();
            std::printf("%s: %u\n", which.c_str(), count_pass<harness>(*im));
            return 0;
        }
        for (int d = 0; d < direct_engine_count; ++d) {
            if (which.substr(slash + 1) != direct_engines(f, d).first) continue;
            (void)corpus();
            std::printf("%s: %u of %zu frames accepted\n", which.c_str(), direct_engines(f, d).second->count(),
                        corpus().size());
            return 0;
        }
        for (std::size_t e = 0; e < std::size(all_engines); ++e) {
            if (all_engines[e].first != which.substr(slash + 1)) continue;
            const auto im = images_of(f);
            (void)corpus();  // generated outside the collected function
            const std::uint32_t accepted = count_engine(e, *im, std::make_index_sequence<std::size(all_engines)>{});
            std::printf("%s: %u of %zu frames accepted\n", which.c_str(), accepted, corpus().size());
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
    if (argc == 2 && std::string(argv[1]) == "--executed") return executed_table(all);
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
