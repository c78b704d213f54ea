// ctbpf::run at run time against libpcap's bpf_filter and a hand-written predicate, on the
// ARP filter, in the same process. Programs and frames are read through volatile pointers so
// the compiler cannot fold the constexpr data. (The full benchmark suite is future work.)
#include <benchmark/benchmark.h>
#include <pcap/pcap.h>

#include <ctbpf/ctbpf.hpp>

#include <array>
#include <cstdint>
#include <vector>

namespace {
using namespace ctbpf;  // NOLINT

constexpr auto arp_only = assemble(ldh(12), jeq(0x0806, 0, 1), ret(4096), ret(0));

std::vector<std::vector<std::uint8_t>> frames() {
    std::vector<std::vector<std::uint8_t>> out;
    for (int i = 0; i < 256; ++i) {
        std::vector<std::uint8_t> f(60 + (i % 7) * 100, static_cast<std::uint8_t>(i));
        f[12] = 0x08;
        f[13] = (i % 3 == 0) ? 0x06 : 0x00;
        out.push_back(std::move(f));
    }
    return out;
}

std::vector<sock_filter> program() {
    std::vector<sock_filter> p(arp_only.size());
    const volatile sock_filter* src = arp_only.data();
    for (std::size_t i = 0; i < p.size(); ++i) p[i] = sock_filter{src[i].code, src[i].jt, src[i].jf, src[i].k};
    return p;
}

void bm_ctbpf_run(benchmark::State& state) {
    const auto p = program();
    const auto fs = frames();
    std::size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(run(p, fs[i++ % fs.size()]));
    }
}
BENCHMARK(bm_ctbpf_run);

void bm_libpcap_bpf_filter(benchmark::State& state) {
    const auto p = program();
    std::vector<bpf_insn> insns;
    for (const auto& f : p) insns.push_back({f.code, f.jt, f.jf, f.k});
    const auto fs = frames();
    std::size_t i = 0;
    for (auto _ : state) {
        const auto& f = fs[i++ % fs.size()];
        benchmark::DoNotOptimize(
            bpf_filter(insns.data(), f.data(), static_cast<u_int>(f.size()), static_cast<u_int>(f.size())));
    }
}
BENCHMARK(bm_libpcap_bpf_filter);

void bm_hand_written(benchmark::State& state) {
    const auto fs = frames();
    std::size_t i = 0;
    for (auto _ : state) {
        const auto& f = fs[i++ % fs.size()];
        benchmark::DoNotOptimize(f.size() >= 14 && f[12] == 0x08 && f[13] == 0x06 ? 4096u : 0u);
    }
}
BENCHMARK(bm_hand_written);

}  // namespace

BENCHMARK_MAIN();
