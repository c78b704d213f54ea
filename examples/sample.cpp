// "A random 1% sample of all packets" (the second golang.org/x/net/bpf documentation example).
// The Go documentation writes the threshold as 2^32/100, which in Go is XOR and equals 2; the
// threshold meant is 4294967296 / 100.
#include <ctbpf/ctbpf.hpp>

#include <array>
#include <cstdint>
#include <iostream>

using namespace ctbpf;  // NOLINT

constexpr std::uint32_t one_percent = static_cast<std::uint32_t>(4294967296ull / 100);  // 42949672
constexpr auto sample = assemble(ld(ext::rand),                                         // a random 32-bit number
                                 jlt(one_percent, 0, 1),                                // below 1% of the range?
                                 ret(4096), ret(0));

constexpr std::array<std::uint8_t, 14> frame{};

// SKF_AD_RANDOM comes from a deterministic generator seeded by the context, so verdicts are
// reproducible in static_assert: with seed 1 the first draw is 270369, below the threshold
// (kept); with seed 0x12345678 it is above (dropped). main() measures the rate.
static_assert(run(sample, frame, packet_context{.random_seed = 1}) == 4096);
static_assert(run(sample, frame, packet_context{.random_seed = 0x12345678}) == 0);

int main() {
    int kept = 0;
    constexpr int draws = 100000;
    for (int i = 0; i < draws; ++i)
        if (run(sample, frame, packet_context{.random_seed = static_cast<std::uint32_t>(i * 2654435761u)}) != 0) ++kept;
    std::cout << "sampled " << kept << " of " << draws << " frames (" << 100.0 * kept / draws << "%)\n";
    return (kept > draws / 200 && kept < draws / 50) ? 0 : 1;  // about 1%
}
