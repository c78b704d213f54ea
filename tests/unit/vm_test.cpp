// The VM cases of tests/cases/vm_cases.hpp on run-time data (heap copies, so sanitizers see
// every access), plus crash-freedom on arbitrary programs and packets.
#include <gtest/gtest.h>

#include <ctbpf/decoded.hpp>

#include "../support/names.hpp"

#include <memory>
#include <string>
#include <vector>

#include "../cases/vm_cases.hpp"
#include "../support/random_programs.hpp"

namespace {

using ctbpf_test::test_name;

class VmCase : public ::testing::TestWithParam<std::size_t> {};

TEST_P(VmCase, VerdictMatches) {
    const cases::vm_case& c = cases::vm_cases[GetParam()];
    const std::vector<ctbpf::sock_filter> program(c.prog().begin(), c.prog().end());
    const std::vector<std::uint8_t> packet(c.pkt().begin(), c.pkt().end());
    EXPECT_EQ(ctbpf::run(program, packet, c.context), c.expected) << c.name;
}

// The verified loop gives the same verdicts; a program the kernel rejects runs as "drop".
TEST_P(VmCase, VerifiedProgramGivesTheSameVerdict) {
    const cases::vm_case& c = cases::vm_cases[GetParam()];
    const std::vector<ctbpf::sock_filter> program(c.prog().begin(), c.prog().end());
    const std::vector<std::uint8_t> packet(c.pkt().begin(), c.pkt().end());
    const ctbpf::verified_program verified(program);
    EXPECT_EQ(static_cast<bool>(verified), static_cast<bool>(ctbpf::verify(program))) << c.name;
    EXPECT_EQ(ctbpf::run(verified, packet, c.context), verified ? c.expected : 0u) << c.name;
}

INSTANTIATE_TEST_SUITE_P(Cases, VmCase, ::testing::Range<std::size_t>(0, cases::vm_cases.size()),
                         [](const auto& info) { return test_name(cases::vm_cases[info.param].name); });

class SeccompCase : public ::testing::TestWithParam<std::size_t> {};

TEST_P(SeccompCase, ActionMatches) {
    const cases::seccomp_case& c = cases::seccomp_cases[GetParam()];
    const std::vector<ctbpf::sock_filter> program(c.prog().begin(), c.prog().end());
    const ctbpf::seccomp_data data = c.data;
    EXPECT_EQ(ctbpf::run(program, data), c.expected) << c.name;
}

INSTANTIATE_TEST_SUITE_P(Cases, SeccompCase, ::testing::Range<std::size_t>(0, cases::seccomp_cases.size()),
                         [](const auto& info) { return test_name(cases::seccomp_cases[info.param].name); });

TEST(Vm, AcceptsSpansVectorsAndByteTypes) {
    const std::vector<ctbpf::sock_filter> arp(cases::arp.begin(), cases::arp.end());
    std::vector<std::byte> frame(14);
    frame[12] = std::byte{0x08};
    frame[13] = std::byte{0x06};
    EXPECT_EQ(ctbpf::run(std::span<const ctbpf::sock_filter>(arp), std::span<const std::byte>(frame)), 4096u);
    std::vector<char> chars(14);
    chars[12] = 8;
    EXPECT_EQ(ctbpf::run(arp, chars), 0u);
}

TEST(Vm, EmptyPacketAndEmptyProgram) {
    const std::vector<std::uint8_t> none;
    EXPECT_EQ(ctbpf::run(cases::arp, none), 0u);
    EXPECT_EQ(ctbpf::run(std::vector<ctbpf::sock_filter>{}, none), 0u);
    EXPECT_EQ(ctbpf::run(std::vector<ctbpf::sock_filter>{}, ctbpf::seccomp_data{}), 0u);
}

// Arbitrary instruction words and packets: a defined verdict, never a crash or UB (the
// sanitizer build runs this too). Verified programs must never take the "invalid" exits.
TEST(Vm, ArbitraryProgramsNeverMisbehave) {
    ctbpf_test::program_generator gen(20261127);
    for (int i = 0; i < 20000; ++i) {
        const auto program = gen.arbitrary(1 + gen.pick(12));
        const auto frame = gen.frame();
        const std::vector<std::uint8_t> packet(frame.begin(),
                                               frame.begin() + gen.pick(static_cast<std::uint32_t>(frame.size())));
        ctbpf::packet_context ctx;
        ctx.dialect = gen.pick(2) ? ctbpf::dialect::kernel : ctbpf::dialect::libpcap;
        ctx.network_offset = static_cast<std::int32_t>(gen.pick(40)) - 20;
        (void)ctbpf::run(program, packet, ctx);
        ctbpf::seccomp_data data{};
        data.nr = static_cast<std::int32_t>(gen.constant());
        (void)ctbpf::run(program, data);
        (void)ctbpf::verify(program);
        (void)ctbpf::verify(program, ctbpf::profile::seccomp);
    }
}

// The verified and the decoded loops against the checked one on random accepted programs (every
// instruction class, ancillary loads, special offsets, both dialects, the wire length given two
// ways) and random frames, cut short now and then.
TEST(Vm, VerifiedAndDecodedLoopsAgreeWithTheCheckedOne) {
    ctbpf_test::program_generator gen(20261128);
    int programs = 0, accepted = 0;
    while (programs < 3000) {
        const auto program = gen.valid(gen.length() % 300 + 2);
        const ctbpf::verified_program verified(program);
        if (!verified) continue;
        const ctbpf::decoded_program decoded(program);
        ASSERT_TRUE(decoded);
        ++programs;
        for (int j = 0; j < 20; ++j) {
            const auto frame = gen.frame();
            const std::vector<std::uint8_t> packet(
                frame.begin(), frame.begin() + gen.pick(static_cast<std::uint32_t>(frame.size() + 1)));
            ctbpf::packet_context ctx;
            ctx.dialect = gen.pick(2) ? ctbpf::dialect::kernel : ctbpf::dialect::libpcap;
            ctx.network_offset = static_cast<std::int32_t>(gen.pick(30));
            ctx.protocol = static_cast<std::uint16_t>(gen.pick(3) * 0x400);
            const std::uint32_t expected = ctbpf::run(program, packet, ctx);
            accepted += expected != 0;
            ASSERT_EQ(ctbpf::run(verified, packet, ctx), expected) << "program " << programs << ", frame " << j;
            ASSERT_EQ(ctbpf::run(decoded, packet, ctx), expected) << "program " << programs << ", frame " << j;
            // the wire length given as a number (libpcap's pkthdr.len), the packet received whole
            const std::uint32_t wirelen = static_cast<std::uint32_t>(frame.size()) + gen.pick(3);
            ctbpf::packet_context wire;
            wire.len = wirelen;
            const std::uint32_t on_the_wire = ctbpf::run(program, packet, wire);
            ASSERT_EQ(ctbpf::run(verified, packet, wirelen), on_the_wire) << programs;
            ASSERT_EQ(ctbpf::run(decoded, packet, wirelen), on_the_wire) << programs;
            ASSERT_EQ(ctbpf::run(decoded, packet), ctbpf::run(program, packet)) << programs;
        }
    }
    EXPECT_GT(accepted, 1000);
}

// The verified loop has a case for each of the kernel's 49 opcodes (its default is unreachable):
// each opcode, in a program that sets A, X and M[] first, gives the checked loop's verdict.
TEST(Vm, VerifiedLoopHandlesEveryAllowedOpcode) {
    const auto frame = cases::tcp_frame;
    const std::vector<std::uint8_t> packet(frame.begin(), frame.end());
    int opcodes = 0;
    for (std::uint16_t code = 0; code < 0x100; ++code) {
        if (!ctbpf::detail::kernel_allows(code)) continue;
        ++opcodes;
        namespace op = ctbpf::bpf;
        const std::uint16_t cls = op::class_of(code);
        const std::uint32_t k = cls == op::jmp && op::op_of(code) == op::ja ? 1
                                : cls == op::ld || cls == op::ldx           ? (op::mode_of(code) == op::mem ? 3 : 14)
                                                                            : 3;
        const std::vector<ctbpf::sock_filter> program{
            {0x00, 0, 0, 0x1234},  // ld #0x1234
            {0x02, 0, 0, 3},       // st M[3]
            {0x01, 0, 0, 3},       // ldx #3
            {0x03, 0, 0, 4},       // stx M[4]
            {code, 1, 0, k},       // the opcode (a jump's true branch skips one)
            {0x16, 0, 0, 0},       // ret a
            {0x06, 0, 0, 2},       // ret #2
        };
        const ctbpf::verified_program verified(program);
        ASSERT_TRUE(verified) << std::hex << code << ": " << verified.result().message();
        EXPECT_EQ(ctbpf::run(verified, packet), ctbpf::run(program, packet)) << std::hex << code;
        const ctbpf::packet_context pcap{.dialect = ctbpf::dialect::libpcap};
        EXPECT_EQ(ctbpf::run(verified, packet, pcap), ctbpf::run(program, packet, pcap)) << std::hex << code;
    }
    EXPECT_EQ(opcodes, 49);
}

// Every one of the kernel's 49 opcodes, alone and (for loads) followed by each conditional jump
// on a constant, which the decoder fuses: the checked loop's verdict, in both dialects.
TEST(Vm, DecodedLoopHandlesEveryAllowedOpcodeAndPair) {
    const auto frame = cases::tcp_frame;
    const std::vector<std::uint8_t> packet(frame.begin(), frame.end());
    int programs = 0;
    for (std::uint16_t code = 0; code < 0x100; ++code) {
        if (!ctbpf::detail::kernel_allows(code)) continue;
        namespace op = ctbpf::bpf;
        const std::uint16_t cls = op::class_of(code);
        const std::uint32_t k = cls == op::jmp && op::op_of(code) == op::ja ? 1
                                : cls == op::ld || cls == op::ldx           ? (op::mode_of(code) == op::mem ? 3 : 14)
                                                                            : 3;
        for (const std::uint16_t next : {std::uint16_t{0x16}, std::uint16_t{0x15}, std::uint16_t{0x25},
                                         std::uint16_t{0x35}, std::uint16_t{0x45}}) {
            const std::vector<ctbpf::sock_filter> program{
                {0x00, 0, 0, 0x1234},  // ld #0x1234
                {0x02, 0, 0, 3},       // st M[3]
                {0x01, 0, 0, 3},       // ldx #3
                {0x03, 0, 0, 4},       // stx M[4]
                {code, 1, 0, k},       // the opcode (a jump's true branch skips one)
                {next, 1, 0, 0x0800},  // ret a, or a jump on A (fused with a load before it)
                {0x16, 0, 0, 0},       // ret a
                {0x06, 0, 0, 2},       // ret #2
            };
            const ctbpf::decoded_program decoded(program);
            ASSERT_TRUE(decoded) << std::hex << code << ": " << decoded.result().message();
            ++programs;
            EXPECT_EQ(ctbpf::run(decoded, packet), ctbpf::run(program, packet)) << std::hex << code << " " << next;
            const ctbpf::packet_context pcap{.dialect = ctbpf::dialect::libpcap};
            EXPECT_EQ(ctbpf::run(decoded, packet, pcap), ctbpf::run(program, packet, pcap)) << std::hex << code;
            for (std::size_t cut = 0; cut < packet.size(); cut += 7) {  // loads past the end
                const std::vector<std::uint8_t> short_packet(packet.begin(), packet.begin() + cut);
                EXPECT_EQ(ctbpf::run(decoded, short_packet), ctbpf::run(program, short_packet)) << std::hex << code;
            }
        }
    }
    EXPECT_EQ(programs, 49 * 5);
}

bool is_range_test(ctbpf::detail::decoding::op code) {
    return code == ctbpf::detail::decoding::op::in_ranges || code == ctbpf::detail::decoding::op::decide_in_ranges;
}

// Runs of `jeq #k` with one true target are decoded into one range test (sorted, merged ranges,
// searched by halves): random chains of 1 to 80 values (duplicates, neighbours, the ends of the
// 32-bit range), some broken by a different target, entered at the start and in the middle, give
// the checked loop's verdict for every loaded value near the chain's values.
TEST(Vm, DecodedRangeTestsGiveTheChainsVerdicts) {
    ctbpf_test::program_generator gen(20261130);
    int range_tests = 0;
    for (int round = 0; round < 400; ++round) {
        const std::uint32_t m = gen.pick(80) + 1;
        std::vector<std::uint32_t> values;
        const std::uint32_t base = gen.pick(4) == 0 ? 0xffffffffu - 100 : gen.pick(3) == 0 ? 0 : gen.constant();
        for (std::uint32_t j = 0; j < m; ++j) {
            const std::uint32_t v = gen.pick(3) == 0 ? gen.constant() : base + gen.pick(3 * m);
            values.push_back(gen.pick(8) == 0 && !values.empty() ? values.back() + 1 : v);
        }
        // 0: ld [0]; 1: jset #1 -> chain start, else -> the middle; 2..m+1: the chain;
        // m+2: ret #0 (not in the set); m+3: ret #7 (in it); m+4: ret #9 (a broken link's target)
        const std::uint32_t middle = gen.pick(m);
        std::vector<ctbpf::sock_filter> program{{0x20, 0, 0, 0}, {0x45, 0, static_cast<std::uint8_t>(middle), 1}};
        const std::uint32_t broken = gen.pick(2) ? gen.pick(m) : m;  // m: none
        for (std::uint32_t j = 0; j < m; ++j) {
            const std::uint32_t index = 2 + j, to = j == broken ? m + 4 : m + 3;
            program.push_back({0x15, static_cast<std::uint8_t>(to - index - 1), 0, values[j]});
        }
        program.push_back({0x06, 0, 0, 0});
        program.push_back({0x06, 0, 0, 7});
        program.push_back({0x06, 0, 0, 9});
        const ctbpf::decoded_program decoded(program);
        ASSERT_TRUE(decoded) << decoded.result().message();
        range_tests += is_range_test(decoded.steps()[2].code);
        if (m >= 8 && broken == m) {  // between two returns: the deciding range test
            EXPECT_EQ(decoded.steps()[2].code, ctbpf::detail::decoding::op::decide_in_ranges) << round;
        }
        std::vector<std::uint32_t> probes{0, 1, 0xffffffffu, 0xfffffffeu};
        for (const std::uint32_t v : values) {
            for (const std::uint32_t d : {0u, 1u, 2u, 0xffffffffu}) probes.push_back(v + d);
        }
        for (const std::uint32_t probe : probes) {
            for (const std::uint32_t low_bit : {0u, 1u}) {
                const std::uint32_t word = (probe & ~1u) | low_bit;
                const std::vector<std::uint8_t> packet{
                    static_cast<std::uint8_t>(word >> 24), static_cast<std::uint8_t>(word >> 16),
                    static_cast<std::uint8_t>(word >> 8), static_cast<std::uint8_t>(word)};
                ASSERT_EQ(ctbpf::run(decoded, packet), ctbpf::run(program, packet))
                    << "round " << round << ", word " << word;
            }
        }
    }
    EXPECT_GT(range_tests, 300);
}

// Two runs in one program, the second's values continuing the first's (`tcp port 1 or ... or tcp
// port 50` tests both ports with the same values): each range test reads only its own ranges.
TEST(Vm, DecodedRunsKeepTheirOwnRanges) {
    std::vector<ctbpf::sock_filter> program{{0x28, 0, 0, 0}};  // ldh [0]
    const auto run_of = [&](std::uint32_t first, std::uint32_t count, std::size_t accept) {
        for (std::uint32_t v = first; v < first + count; ++v) {
            const std::size_t at = program.size();
            program.push_back({0x15, static_cast<std::uint8_t>(accept - at - 1), 0, v});
        }
    };
    run_of(1, 10, 24);                   // 1..10 -> accept at 24
    program.push_back({0x28, 0, 0, 2});  // 11: ldh [2]
    run_of(11, 10, 24);                  // 12..21: 11..20, adjacent to the first run's range
    program.push_back({0x06, 0, 0, 0});  // 22
    program.push_back({0x06, 0, 0, 0});  // 23
    program.push_back({0x06, 0, 0, 1});  // 24
    const ctbpf::decoded_program decoded(program);
    ASSERT_TRUE(decoded) << decoded.result().message();
    EXPECT_EQ(decoded.steps()[1].code, ctbpf::detail::decoding::op::in_ranges);
    EXPECT_EQ(decoded.steps()[12].code, ctbpf::detail::decoding::op::decide_in_ranges);  // ret or ret
    for (std::uint32_t first = 0; first < 24; ++first) {
        for (std::uint32_t second = 0; second < 24; ++second) {
            const std::vector<std::uint8_t> packet{0, static_cast<std::uint8_t>(first), 0,
                                                   static_cast<std::uint8_t>(second)};
            ASSERT_EQ(ctbpf::run(decoded, packet), ctbpf::run(program, packet)) << first << " " << second;
        }
    }
}

// A conditional step whose two targets are `ret #k` decides the verdict itself (its deciding
// twin selects one of the two constants; no dispatch follows): fused, plain and range-test steps,
// each on the values that take either branch; with a `ret a` on one side it stays a jump.
TEST(Vm, DecodedTestsBetweenTwoReturnsDecide) {
    using ctbpf::detail::decoding::op;
    struct shape {
        std::vector<ctbpf::sock_filter> program;
        op first;
    };
    const std::vector<shape> shapes{
        {{{0x28, 0, 0, 0}, {0x15, 0, 1, 0x0800}, {0x06, 0, 0, 7}, {0x06, 0, 0, 0}}, op::decide_ldh_jeq},
        {{{0x30, 0, 0, 1}, {0x25, 0, 1, 5}, {0x06, 0, 0, 7}, {0x06, 0, 0, 0}}, op::decide_ldb_jgt},
        {{{0x01, 0, 0, 1}, {0x50, 0, 0, 0}, {0x45, 0, 1, 4}, {0x06, 0, 0, 7}, {0x06, 0, 0, 0}}, op::ldx_imm},
        {{{0x00, 0, 0, 3}, {0x3d, 1, 0, 0}, {0x06, 0, 0, 7}, {0x06, 0, 0, 9}}, op::ld_imm},
        {{{0x28, 0, 0, 0}, {0x15, 0, 1, 0x0800}, {0x16, 0, 0, 0}, {0x06, 0, 0, 0}}, op::ldh_jeq},  // ret a
    };
    const std::vector<op> second{op::checked, op::checked, op::decide_indb_jset, op::decide_jge_x, op::checked};
    for (std::size_t i = 0; i < shapes.size(); ++i) {
        const ctbpf::decoded_program decoded(shapes[i].program);
        ASSERT_TRUE(decoded) << decoded.result().message();
        EXPECT_EQ(decoded.steps()[0].code, shapes[i].first) << "shape " << i;
        if (second[i] != op::checked) {
            EXPECT_EQ(decoded.steps()[1].code, second[i]) << "shape " << i;
        }
        const ctbpf::decoded_program copy = decoded;  // the copy's steps read its own returns
        for (std::uint32_t v = 0; v < 0x10000; v += 97) {
            for (const std::uint32_t w : {v, 0x0800u, 4u, 5u, 6u}) {
                const std::vector<std::uint8_t> packet{static_cast<std::uint8_t>(w >> 8), static_cast<std::uint8_t>(w)};
                ASSERT_EQ(ctbpf::run(copy, packet), ctbpf::run(shapes[i].program, packet))
                    << "shape " << i << ", " << w;
            }
        }
    }
}

// A decoded program's steps point at one another: a copy points at its own (the original may be
// gone), a moved-from program's steps move with it.
TEST(Vm, DecodedProgramCopiesAndMovesKeepTheirJumps) {
    const std::vector<ctbpf::sock_filter> program{{0x28, 0, 0, 12}, {0x15, 0, 3, 0x0800}, {0x30, 0, 0, 23},
                                                  {0x15, 0, 1, 6},  {0x06, 0, 0, 1},      {0x06, 0, 0, 0}};
    std::vector<std::uint8_t> tcp(40), udp(40);
    tcp[12] = udp[12] = 0x08;
    tcp[23] = 6;
    udp[23] = 17;
    auto original = std::make_unique<ctbpf::decoded_program>(program);
    ctbpf::decoded_program copy(*original);
    ctbpf::decoded_program assigned;
    assigned = *original;
    EXPECT_NE(copy.steps(), original->steps());
    original.reset();
    for (const auto* p : {&copy, &assigned}) {
        EXPECT_EQ(ctbpf::run(*p, tcp), 1u);
        EXPECT_EQ(ctbpf::run(*p, udp), 0u);
        EXPECT_EQ(p->steps()[0].t, p->steps() + 2);  // ldh+jeq fused: on to ldb
    }
    ctbpf::decoded_program moved(std::move(copy));
    EXPECT_EQ(ctbpf::run(moved, tcp), 1u);
    EXPECT_EQ(ctbpf::run(moved, udp), 0u);
    EXPECT_FALSE(copy);  // NOLINT(bugprone-use-after-move): left empty, rejected, and runs as such
    EXPECT_EQ(ctbpf::run(copy, tcp), 0u);
    assigned = std::move(moved);
    EXPECT_EQ(ctbpf::run(assigned, tcp), 1u);
    EXPECT_EQ(ctbpf::run(moved, tcp), 0u);  // NOLINT(bugprone-use-after-move)
}

TEST(Vm, DecodedProgramReportsWhyItWasRejected) {
    const std::vector<ctbpf::sock_filter> program{{0x34, 0, 0, 0}, {0x06, 0, 0, 1}};  // div #0; ret #1
    const ctbpf::decoded_program decoded(program);
    EXPECT_FALSE(decoded);
    EXPECT_EQ(decoded.result().error, ctbpf::rule::division_by_zero);
    EXPECT_EQ(decoded.result().index, 0u);
    EXPECT_EQ(ctbpf::run(decoded, std::vector<std::uint8_t>(20)), 0u);
    EXPECT_EQ(ctbpf::run(decoded, std::vector<std::uint8_t>(20), 20u), 0u);
    EXPECT_FALSE(ctbpf::decoded_program{});
    EXPECT_EQ(ctbpf::run(ctbpf::decoded_program{}, std::vector<std::uint8_t>(20)), 0u);
}

TEST(Vm, VerifiedProgramReportsWhyItWasRejected) {
    const std::vector<ctbpf::sock_filter> program{{0x34, 0, 0, 0}, {0x06, 0, 0, 1}};  // div #0; ret #1
    const ctbpf::verified_program verified(program);
    EXPECT_FALSE(verified);
    EXPECT_EQ(verified.result().error, ctbpf::rule::division_by_zero);
    EXPECT_EQ(verified.result().index, 0u);
    EXPECT_EQ(ctbpf::run(verified, std::vector<std::uint8_t>(20)), 0u);
    EXPECT_FALSE(ctbpf::verified_program{});
    const ctbpf::verified_program seccomp_only(program, ctbpf::profile::seccomp);
    EXPECT_EQ(ctbpf::run(seccomp_only, ctbpf::seccomp_data{}), 0u);
}

// Loads past the end give 0 whatever follows the packet in memory: the same program over the
// same bytes, once alone in an exact-size buffer (ASan sees any over-read) and once followed
// by garbage, must give the same verdict.
TEST(Vm, LoadsNeverReadPastThePacket) {
    ctbpf_test::program_generator gen(7);
    for (int i = 0; i < 5000; ++i) {
        const auto program = gen.valid(2 + gen.pick(20));
        const auto frame = gen.frame();
        const std::size_t cut = gen.pick(static_cast<std::uint32_t>(frame.size()));
        std::vector<std::uint8_t> exact(frame.begin(), frame.begin() + static_cast<std::ptrdiff_t>(cut));
        std::vector<std::uint8_t> padded = exact;
        ctbpf::packet_context ctx;
        const std::uint32_t v1 = ctbpf::run(program, exact, ctx);
        padded.resize(cut + 64, 0xee);
        ctx.len = static_cast<std::uint32_t>(cut);
        const std::span<const std::uint8_t> view(padded.data(), cut);
        EXPECT_EQ(ctbpf::run(program, view, ctx), v1);
    }
}

}  // namespace
