// The filter language against libpcap: for each tcpdump expression, pcap_compile (DLT_EN10MB,
// optimizer on) and the ctbpf filter written for it must accept exactly the same frames of a
// generated corpus of 12,000 frames, through ctbpf::run, a verified_program, a decoded_program
// and ctbpf::native.
// Also: ctbpf::run in the libpcap dialect, checked and verified, must return bpf_filter()'s exact
// value for libpcap's own program on every frame.
#include <gtest/gtest.h>

#include <pcap/pcap.h>

#include <cstdio>
#include <span>
#include <string>
#include <vector>

#include <ctbpf/decoded.hpp>
#include <ctbpf/ctbpf.hpp>
#include <ctbpf/optimize_vector.hpp>
#include <ctbpf/text_string.hpp>

#include "../cases/pcap_images.hpp"
#include "../support/corpus.hpp"
#include "../support/hex.hpp"

namespace {

struct compiled_pcap {
    std::vector<bpf_insn> insns;
    std::vector<ctbpf::sock_filter> image;
};

compiled_pcap pcap_compile_expression(const char* expression, int optimize = 1) {
    compiled_pcap out;
    pcap_t* dead = pcap_open_dead(DLT_EN10MB, 262144);
    bpf_program prog{};
    if (pcap_compile(dead, &prog, expression, optimize, PCAP_NETMASK_UNKNOWN) == 0) {
        out.insns.assign(prog.bf_insns, prog.bf_insns + prog.bf_len);
        for (const bpf_insn& i : out.insns) out.image.push_back({i.code, i.jt, i.jf, i.k});
        pcap_freecode(&prog);
    }
    pcap_close(dead);
    return out;
}

using ctbpf_test::hex;

const std::vector<std::vector<std::uint8_t>>& corpus() {
    static const auto frames = ctbpf_test::corpus_generator(20261127).make(12000);
    return frames;
}

template <const auto& Ours>
void expect_equivalent(const char* expression) {
    const compiled_pcap theirs = pcap_compile_expression(expression);
    ASSERT_FALSE(theirs.insns.empty()) << expression;
    const ctbpf::verified_program ours_verified(Ours);
    const ctbpf::verified_program theirs_verified(theirs.image);
    const ctbpf::decoded_program ours_decoded(Ours), theirs_decoded(theirs.image);
    ASSERT_TRUE(ours_verified && theirs_verified) << expression;
    ctbpf::packet_context pcap_ctx;
    pcap_ctx.dialect = ctbpf::dialect::libpcap;
    int accepted = 0, mismatches = 0;
    for (const auto& f : corpus()) {
        const u_int len = static_cast<u_int>(f.size());
        const u_int pcap_verdict = bpf_filter(theirs.insns.data(), f.data(), len, len);
        accepted += pcap_verdict != 0;
        const std::uint32_t verdicts[] = {ctbpf::run(Ours, f), ctbpf::run(ours_verified, f), ctbpf::native<Ours>(f),
                                          ctbpf::run(ours_decoded, f, len)};
        for (const std::uint32_t ctbpf_verdict : verdicts)
            if ((pcap_verdict != 0) != (ctbpf_verdict != 0) && ++mismatches <= 5)
                ADD_FAILURE() << expression << ": libpcap " << pcap_verdict
                              << ", ctbpf (run, verified, native, decoded) " << verdicts[0] << " " << verdicts[1] << " "
                              << verdicts[2] << " " << verdicts[3] << " on " << hex(f);
        // libpcap's own program through ctbpf's libpcap dialect: the exact value
        const std::uint32_t replayed[] = {ctbpf::run(theirs.image, f, pcap_ctx),
                                          ctbpf::run(theirs_verified, f, pcap_ctx),
                                          ctbpf::run(theirs_decoded, f, pcap_ctx)};
        for (const std::uint32_t value : replayed)
            if (value != pcap_verdict && ++mismatches <= 5)
                ADD_FAILURE() << expression << ": bpf_filter " << pcap_verdict
                              << ", ctbpf::run(libpcap dialect, checked, verified, decoded) " << replayed[0] << " "
                              << replayed[1] << " " << replayed[2];
    }
    EXPECT_EQ(mismatches, 0) << expression;
    // the compiler core's target: the filter language's program no larger than libpcap -O's
    EXPECT_LE(Ours.size(), theirs.insns.size()) << expression;
    // a corpus that never (or always) matches would prove nothing
    EXPECT_GT(accepted, 20) << expression;
    EXPECT_LT(accepted, static_cast<int>(corpus().size()) - 20) << expression;
    std::printf("| `%s` | %zu | %zu | %d |\n", expression, Ours.size(), theirs.insns.size(), accepted);
}

TEST(LibpcapEquivalence, CorpusIsVaried) { EXPECT_GE(corpus().size(), 10000u); }

TEST(LibpcapEquivalence, NineExpressions) {
    std::printf(
        "| expression | ctbpf instructions | libpcap instructions (optimized) | frames accepted of 12000 "
        "|\n|---|---|---|---|\n");
    namespace i = cases::pcap::images;
    expect_equivalent<i::arp>("arp");
    expect_equivalent<i::ip>("ip");
    expect_equivalent<i::tcp_dst_port_80>("tcp dst port 80");
    expect_equivalent<i::udp_and_port_53>("udp and port 53");
    expect_equivalent<i::ip_host_and_tcp>("ip host 10.0.0.1 and tcp");
    expect_equivalent<i::vlan_and_tcp_port_443>("vlan and tcp port 443");
    expect_equivalent<i::syn_without_ack>("tcp[tcpflags] & (tcp-syn|tcp-ack) == tcp-syn");
    expect_equivalent<i::net_and_udp_ports_or_icmp>("src net 192.168.0.0/16 and (udp portrange 5000-6000 or icmp)");
    expect_equivalent<i::ip6_tcp_syn_raw>("ip6 and ip6[6] == 6 and ip6[53] & tcp-syn != 0");
    std::string ports;
    for (int p = 1; p <= 50; ++p) ports += (p > 1 ? " or tcp port " : "tcp port ") + std::to_string(p);
    expect_equivalent<i::tcp_ports_1_to_50>(ports.c_str());
}

// libpcap's optimizer tests the source port against 68 before it loads the destination port, so on
// a capture that ends after the source port its program accepts where libpcap's own unoptimized
// program (the expression's meaning) returns 0. ctbpf::optimize keeps the meaning, which is why its
// program for this expression is longer (docs/benchmarks.md).
TEST(LibpcapEquivalence, OptimizerKeepsTheUnoptimizedMeaningOnTruncatedCaptures) {
    const char* expression = "udp and (port 67 or port 68)";
    const compiled_pcap optimized = pcap_compile_expression(expression, 1);
    const compiled_pcap unoptimized = pcap_compile_expression(expression, 0);
    ASSERT_FALSE(optimized.insns.empty() || unoptimized.insns.empty());
    std::vector<std::uint8_t> capture(14 + 20 + 2, 0);  // Ethernet, IPv4 (IHL 5, UDP), source port 68
    capture[12] = 0x08;
    capture[14] = 0x45;
    capture[23] = 17;
    capture[35] = 68;
    const u_int wire = 342, caplen = static_cast<u_int>(capture.size());
    EXPECT_NE(bpf_filter(optimized.insns.data(), capture.data(), wire, caplen), 0u);
    EXPECT_EQ(bpf_filter(unoptimized.insns.data(), capture.data(), wire, caplen), 0u);
    ctbpf::packet_context ctx;
    ctx.dialect = ctbpf::dialect::libpcap;
    ctx.len = wire;
    const auto ours = ctbpf::optimize(unoptimized.image);
    EXPECT_EQ(ctbpf::run(ours, capture, ctx), 0u) << ctbpf::to_string(ours);
    EXPECT_LE(ours.size(), unoptimized.image.size());
}

}  // namespace
