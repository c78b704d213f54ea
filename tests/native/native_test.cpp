// ctbpf::native against ctbpf::run: the VM cases (with their contexts and dialects), the filter
// language's versions of the benchmark filters on a generated corpus, random programs the kernel
// accepts (generated into native_programs.hpp at build time) and a 4096-instruction program full
// of joins. Every packet is a heap copy, so sanitizers see each access.
#include <gtest/gtest.h>

#include <ctbpf/native.hpp>

#include <array>
#include <cstdint>
#include <utility>
#include <vector>

#include "../cases/long_programs.hpp"
#include "../cases/pcap_images.hpp"
#include "../cases/vm_cases.hpp"
#include "../support/corpus.hpp"
#include "../support/random_programs.hpp"
#include "native_programs.hpp"

namespace {

using frame = std::vector<std::uint8_t>;

/// The program of vm_cases[I] as an image of its exact size, with static storage duration.
template <std::size_t I>
struct case_image {
    static constexpr auto value = [] {
        std::array<ctbpf::sock_filter, cases::vm_cases[I].program_size> out{};
        for (std::size_t i = 0; i < out.size(); ++i) out[i] = cases::vm_cases[I].program[i];
        return out;
    }();
};

template <std::size_t... I>
int check_vm_cases(std::index_sequence<I...>) {
    int checked = 0;
    const auto one = [&]<std::size_t J>() {
        constexpr const cases::vm_case& c = cases::vm_cases[J];
        if constexpr (ctbpf::verify(case_image<J>::value)) {  // native takes accepted programs only
            const frame packet(c.pkt().begin(), c.pkt().end());
            EXPECT_EQ(ctbpf::native<case_image<J>::value>(packet, c.context), c.expected) << c.name;
            ++checked;
        }
    };
    (one.template operator()<I>(), ...);
    return checked;
}

TEST(Native, VmCasesGiveTheExpectedVerdicts) {
    const int checked = check_vm_cases(std::make_index_sequence<cases::vm_cases.size()>{});
    EXPECT_GT(checked, 80);  // all but the deliberately rejected programs
}

/// Contexts that exercise what the packet bytes alone do not: both dialects, a wire length, the
/// ancillary values, other header offsets, no device, no link-layer header.
std::vector<ctbpf::packet_context> contexts() {
    return {
        {},
        {.dialect = ctbpf::dialect::libpcap},
        {.len = 1500,
         .protocol = 0x0800,
         .pkttype = 3,
         .ifindex = 2,
         .hatype = 1,
         .mark = 7,
         .vlan_tci = 0x2005,
         .vlan_present = true,
         .vlan_tpid = 0x8100,
         .payload_offset = 34,
         .random_seed = 99},
        {.has_device = false, .network_offset = 18, .mac_header_set = false},
        {.len = 40, .network_offset = 0, .mac_offset = 4, .dialect = ctbpf::dialect::libpcap},
    };
}

/// Compares the engines on every frame in every context; returns how many runs accepted.
template <const auto& Image>
int expect_same_verdicts(const std::vector<frame>& frames, const char* what) {
    int differ = 0, accepted = 0;
    for (const ctbpf::packet_context& ctx : contexts()) {
        for (const frame& f : frames) {
            const std::uint32_t expected = ctbpf::run(Image, f, ctx);
            const std::uint32_t got = ctbpf::native<Image>(f, ctx);
            accepted += expected != 0;
            if (got != expected && ++differ <= 3)
                ADD_FAILURE() << what << ": native " << got << ", run " << expected << " on a " << f.size()
                              << "-byte frame";
        }
    }
    EXPECT_EQ(differ, 0) << what;
    return accepted;
}

const std::vector<frame>& corpus() {
    static const auto frames = ctbpf_test::corpus_generator(20261127).make(20000);
    return frames;
}

using namespace cases::pcap::images;  // NOLINT: the ten compiled filters

TEST(Native, BenchmarkFiltersAgreeWithRunOnTheCorpus) {  // each accepts some frames and drops others
    const auto some = [](int accepted) { return accepted > 0 && accepted < 5 * 20000; };
    EXPECT_TRUE(some(expect_same_verdicts<arp>(corpus(), "arp")));
    EXPECT_TRUE(some(expect_same_verdicts<ip>(corpus(), "ip")));
    EXPECT_TRUE(some(expect_same_verdicts<tcp_dst_port_80>(corpus(), "tcp dst port 80")));
    EXPECT_TRUE(some(expect_same_verdicts<udp_and_port_53>(corpus(), "udp and port 53")));
    EXPECT_TRUE(some(expect_same_verdicts<ip_host_and_tcp>(corpus(), "ip host 10.0.0.1 and tcp")));
    EXPECT_TRUE(some(expect_same_verdicts<vlan_and_tcp_port_443>(corpus(), "vlan and tcp port 443")));
    EXPECT_TRUE(
        some(expect_same_verdicts<ip6_tcp_syn_raw>(corpus(), "ip6 and ip6[6] == 6 and ip6[53] & tcp-syn != 0")));
    EXPECT_TRUE(some(expect_same_verdicts<syn_without_ack>(corpus(), "tcp[tcpflags] & (tcp-syn|tcp-ack) == tcp-syn")));
    EXPECT_TRUE(some(expect_same_verdicts<net_and_udp_ports_or_icmp>(corpus(), "src net 192.168.0.0/16 and (...)")));
    EXPECT_TRUE(some(expect_same_verdicts<tcp_ports_1_to_50>(corpus(), "tcp port 1 or ... or tcp port 50")));
}

TEST(Native, RandomAcceptedProgramsAgreeWithRun) {
    ctbpf_test::program_generator gen(native_programs::seed);
    std::vector<frame> frames;
    for (int i = 0; i < 300; ++i) frames.push_back(gen.frame());
    for (int i = 0; i < 40; ++i) frames.push_back(frame(gen.pick(14)));  // shorter than a header
    int programs = 0, accepted = 0;
    native_programs::for_each([&]<const auto & Image>() {
        accepted += expect_same_verdicts<Image>(frames, "a generated program");
        ++programs;
    });
    EXPECT_EQ(programs, CTBPF_NATIVE_PROGRAM_COUNT) << "seed " << native_programs::seed;
    EXPECT_GT(accepted, 0) << "seed " << native_programs::seed;
}

#if CTBPF_LIMIT_TESTS  // the program at the limit: about 30 s of compile time, in two configurations
constexpr auto ladder = cases::join_ladder<ctbpf::max_instructions>();

TEST(Native, FourThousandInstructionsWithJoinsAgreeWithRun) {
    static_assert(ctbpf::verify(ladder));
    EXPECT_GT(expect_same_verdicts<ladder>(corpus(), "the 4096-instruction join ladder"), 0);
    const frame ones(100, 1);
    EXPECT_EQ(ctbpf::native<ladder>(ones), ctbpf::run(ladder, ones));
    EXPECT_NE(ctbpf::native<ladder>(ones), 0u);
}
#endif

constexpr auto same_targets =
    ctbpf::assemble(ctbpf::ldb(14), ctbpf::jeq(0x45, 0, 0), ctbpf::add(1), ctbpf::ret(ctbpf::a));

/// A run of M `jeq #k` with one true target (a set test in the native code), entered at its start
/// or (bit 0 of the word clear) at instruction Middle of it; Broken < M gives that instruction
/// another true target. Values from a seeded xorshift, near one base, with neighbours and
/// duplicates; Seed 0 puts them at the top of the 32-bit range.
template <std::uint32_t Seed, std::size_t M, std::size_t Middle, std::size_t Broken>
struct jeq_run_program {
    static constexpr auto values = [] {
        std::array<std::uint32_t, M> v{};
        std::uint32_t state = Seed;
        const std::uint32_t base = Seed == 0 ? 0xffffffffu - 3 * M : ctbpf::detail::next_random(state);
        for (std::size_t j = 0; j < M; ++j) {
            const std::uint32_t r = ctbpf::detail::next_random(state);
            v[j] = j > 0 && r % 8 == 0 ? v[j - 1] + 1 : base + r % (3 * M);
        }
        return v;
    }();
    static constexpr auto value = [] {
        std::array<ctbpf::sock_filter, M + 5> p{};
        p[0] = {0x20, 0, 0, 0};                                  // ld [0]
        p[1] = {0x45, 0, static_cast<std::uint8_t>(Middle), 1};  // jset #1: the start, else the middle
        for (std::size_t j = 0; j < M; ++j) {
            const std::size_t to = j == Broken ? M + 4 : M + 3;
            p[2 + j] = {0x15, static_cast<std::uint8_t>(to - (2 + j) - 1), 0, values[j]};
        }
        p[M + 2] = {0x06, 0, 0, 0};
        p[M + 3] = {0x06, 0, 0, 7};
        p[M + 4] = {0x06, 0, 0, 9};
        return p;
    }();
};

template <class P>
int check_jeq_run() {
    int checked = 0;
    for (const std::uint32_t v : P::values) {
        for (const std::uint32_t probe : {v - 1, v, v + 1, v + 2, 0u, 0xffffffffu}) {
            for (const std::uint32_t low_bit : {0u, 1u}) {
                const std::uint32_t word = (probe & ~1u) | low_bit;
                const frame packet{static_cast<std::uint8_t>(word >> 24), static_cast<std::uint8_t>(word >> 16),
                                   static_cast<std::uint8_t>(word >> 8), static_cast<std::uint8_t>(word)};
                EXPECT_EQ(ctbpf::native<P::value>(packet), ctbpf::run(P::value, packet)) << word;
                ++checked;
            }
        }
    }
    return checked;
}

TEST(Native, RunsOfJeqAgreeWithRun) {
    using ctbpf::detail::native::graph_v;
    static_assert(graph_v<jeq_run_program<7, 40, 13, 40>::value>.run[2] == 40);  // one set test
    // entered in the middle: the rest of the run one comparison at a time
    static_assert(graph_v<jeq_run_program<7, 40, 13, 40>::value>.run[15] == 0);
    int checked = check_jeq_run<jeq_run_program<7, 40, 13, 40>>();
    checked += check_jeq_run<jeq_run_program<0, 20, 3, 20>>();  // the top of the 32-bit range
    checked += check_jeq_run<jeq_run_program<11, 4, 0, 4>>();   // the shortest run
    checked += check_jeq_run<jeq_run_program<12, 9, 8, 5>>();   // broken: two runs and a lone jeq
    checked += check_jeq_run<jeq_run_program<13, 120, 60, 2>>();
    checked += check_jeq_run<jeq_run_program<14, 3, 1, 3>>();  // too short: three comparisons
    EXPECT_GT(checked, 2000);
}

TEST(Native, ConditionalWithOneTargetAgreesWithRun) {
    EXPECT_GT(expect_same_verdicts<same_targets>(corpus(), "jeq with jt == jf"), 0);
}

TEST(Native, TakesAnyByteRange) {
    const std::vector<char> chars{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 8, 6};
    const std::vector<std::byte> bytes(14, std::byte{0});
    EXPECT_EQ(ctbpf::native<arp>(chars), ctbpf::run(arp, chars));
    EXPECT_EQ(ctbpf::native<arp>(bytes), 0u);
    EXPECT_EQ(ctbpf::native<arp>(std::vector<std::uint8_t>{}), 0u);
}

}  // namespace
