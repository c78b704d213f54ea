// tcpdump expressions compiled at run time (ctbpf::compile_pcap_filter), so that the sanitizers see
// the parser and the code generator: every expression of the corpus compiles and verifies, every
// refusal names its problem and column, and arbitrary text never misbehaves (an error or a
// verified program). The verdicts are checked against libpcap in tests/oracle/pcap_filter_test.cpp.
#include <ctbpf/pcap_filter_vector.hpp>
#include <ctbpf/text_string.hpp>
#include <ctbpf/vm.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "../cases/pcap_expressions.hpp"
#include "../cases/pcap_frames.hpp"
#include "../cases/pcap_sizes.hpp"

namespace {

TEST(PcapFilter, EveryExpressionCompilesAndVerifies) {
    for (const char* expression : cases::pcap_expressions) {
        const std::string copy(expression);  // run-time data
        const auto r = ctbpf::compile_pcap_filter(copy);
        ASSERT_TRUE(r) << expression << ": " << r.error_message();
        EXPECT_TRUE(ctbpf::verify(r.program)) << expression;
        const auto raw = ctbpf::compile_pcap_filter(copy, ctbpf::link_type::ethernet, 65535, false);
        ASSERT_TRUE(raw);
        EXPECT_LE(r.program.size(), raw.program.size()) << expression;
        EXPECT_EQ(raw.program.back().k == 65535 || raw.program.back().k == 0, true) << expression;
    }
}

// the optimizer keeps these no longer than libpcap -O's programs (tests/cases/pcap_sizes.hpp)
TEST(PcapFilter, SizesNoLongerThanLibpcapsOptimizer) {
    struct size_case {
        const char* expression;
        ctbpf::link_type link;
        std::size_t size;
    };
#define CTBPF_PCAP_SIZE(expression, link, n) size_case{expression, ctbpf::link_type::link, n},
    constexpr size_case cases[] = {CTBPF_PCAP_SIZE_CASES(CTBPF_PCAP_SIZE)};
#undef CTBPF_PCAP_SIZE
    for (const size_case& c : cases) {
        const auto r = ctbpf::compile_pcap_filter(std::string(c.expression), c.link);
        ASSERT_TRUE(r) << c.expression;
        EXPECT_EQ(r.program.size(), c.size) << c.expression << "\n" << ctbpf::to_string(r.program);
    }
}

// 802.3 and DECnet frames (tests/cases/pcap_frames.hpp; the static twin is in
// tests/static/pcap_filter_static.cpp)
TEST(PcapFilter, LlcAndDecnetFramesGetLibpcapsVerdicts) {
    struct frame_case {
        const char* expression;
        std::vector<std::uint8_t> frame;  // run-time data
        std::uint32_t verdict;
    };
#define CTBPF_PCAP_FRAME(expression, frame, verdict) \
    frame_case{expression, {cases::frames::frame.begin(), cases::frames::frame.end()}, verdict},
    const frame_case frame_cases[] = {CTBPF_PCAP_FRAME_CASES(CTBPF_PCAP_FRAME)};
#undef CTBPF_PCAP_FRAME
    for (const frame_case& c : frame_cases) {
        const auto r = ctbpf::compile_pcap_filter(std::string(c.expression));
        ASSERT_TRUE(r) << c.expression << ": " << r.error_message();
        EXPECT_EQ(ctbpf::run(r.program, c.frame), c.verdict) << c.expression;
        // on a VLAN: the same frame behind a tag, after `vlan and`
        std::vector<std::uint8_t> tagged(c.frame.begin(), c.frame.begin() + 12);
        tagged.insert(tagged.end(), {0x81, 0x00, 0x00, 0x64});
        tagged.insert(tagged.end(), c.frame.begin() + 12, c.frame.end());
        const auto v = ctbpf::compile_pcap_filter("vlan and (" + std::string(c.expression) + ")");
        ASSERT_TRUE(v) << c.expression << ": " << v.error_message();
        EXPECT_EQ(ctbpf::run(v.program, tagged), c.verdict) << "vlan and " << c.expression;
    }
}

// the static twin is in tests/static/pcap_filter_static.cpp
TEST(PcapFilter, IpBroadcastNeedsTheNetmask) {
    std::vector<std::uint8_t> frame(34, 0);  // IPv4 to 192.168.1.1
    frame[12] = 0x08;
    frame[14] = 0x45;
    const std::uint8_t dst[4] = {192, 168, 1, 1};
    std::copy(dst, dst + 4, frame.begin() + 30);
    const std::string text = "ip broadcast";
    EXPECT_EQ(ctbpf::compile_pcap_filter(text).error, ctbpf::pcap_filter_problem::needs_the_system);
    const auto slash24 = ctbpf::compile_pcap_filter(text, ctbpf::link_type::ethernet, 262144, true, 0xffffff00);
    const auto slash31 = ctbpf::compile_pcap_filter(text, ctbpf::link_type::ethernet, 262144, true, 0xfffffffe);
    ASSERT_TRUE(slash24 && slash31);
    EXPECT_EQ(ctbpf::run(slash24.program, frame), 0u);
    EXPECT_EQ(ctbpf::run(slash31.program, frame), 262144u);
    frame[33] = 255;  // 192.168.1.255
    EXPECT_EQ(ctbpf::run(slash24.program, frame), 262144u);
}

TEST(PcapFilter, IfindexIsSll2sFieldOrTheKernels) {
    const std::vector<std::uint8_t> sll2(cases::frames::sll2_from_interface_2.begin(),
                                         cases::frames::sll2_from_interface_2.end());
    const auto two = ctbpf::compile_pcap_filter(std::string("ifindex 2"), ctbpf::link_type::linux_sll2);
    const auto three = ctbpf::compile_pcap_filter(std::string("ifindex 3 or not ip"), ctbpf::link_type::linux_sll2);
    ASSERT_TRUE(two && three);
    EXPECT_EQ(ctbpf::run(two.program, sll2), 262144u);
    EXPECT_EQ(ctbpf::run(three.program, sll2), 0u);
    // on Ethernet, the kernel's interface index (SKF_AD_IFINDEX)
    const auto on_ethernet = ctbpf::compile_pcap_filter(std::string("ifindex 7"));
    ASSERT_TRUE(on_ethernet);
    const std::vector<std::uint8_t> frame(60, 0);
    ctbpf::packet_context ctx;
    ctx.ifindex = 7;
    EXPECT_EQ(ctbpf::run(on_ethernet.program, frame, ctx), 262144u);
    ctx.ifindex = 8;
    EXPECT_EQ(ctbpf::run(on_ethernet.program, frame, ctx), 0u);
}

TEST(PcapFilter, RefusalsNameTheProblemAndColumn) {
    for (const auto& c : cases::pcap_refusals) {
        const auto r = ctbpf::compile_pcap_filter(std::string(c.expression), c.link);
        EXPECT_FALSE(r) << c.expression;
        EXPECT_EQ(r.error, c.problem) << c.expression << ": " << r.error_message();
        EXPECT_EQ(r.column, c.column) << c.expression << ": " << r.error_message();
        EXPECT_TRUE(r.program.empty());
    }
    EXPECT_EQ(ctbpf::compile_pcap_filter("tcp port").error_message(),
              "column 9: expected a port number or a service name");
}

TEST(PcapFilter, EveryExpressionCompilesOnEveryLinkTypeOrSaysWhyNot) {
    for (const ctbpf::link_type link : {ctbpf::link_type::ethernet, ctbpf::link_type::raw_ip,
                                        ctbpf::link_type::linux_sll, ctbpf::link_type::linux_sll2}) {
        for (const char* expression : cases::pcap_expressions) {
            const auto r = ctbpf::compile_pcap_filter(std::string(expression), link);
            if (r) {
                EXPECT_TRUE(ctbpf::verify(r.program)) << expression;
            } else {  // libpcap refuses it there too (tests/oracle/pcap_filter_test.cpp)
                EXPECT_NE(link, ctbpf::link_type::ethernet) << expression;
                EXPECT_EQ(r.error, ctbpf::pcap_filter_problem::not_on_this_link) << expression;
            }
        }
    }
}

// On Ethernet and raw IP, `inbound` and `outbound` read the kernel's packet type (SKF_AD_PKTTYPE)
TEST(PcapFilter, DirectionOnEthernetIsTheKernelsPacketType) {
    const auto in = ctbpf::compile_pcap_filter(std::string("inbound"));
    const auto out = ctbpf::compile_pcap_filter(std::string("outbound"), ctbpf::link_type::raw_ip);
    ASSERT_TRUE(in && out);
    const std::vector<std::uint8_t> frame(60, 0);
    for (std::uint8_t type = 0; type <= 4; ++type) {
        ctbpf::packet_context ctx;
        ctx.pkttype = type;
        EXPECT_EQ(ctbpf::run(in.program, frame, ctx), type == 4 ? 0u : 262144u);
        EXPECT_EQ(ctbpf::run(out.program, frame, ctx), type == 4 ? 262144u : 0u);
    }
}

TEST(PcapFilter, ArbitraryTextNeverMisbehaves) {
    std::mt19937 rng(20261130);
    const std::string alphabet = "tcpudhostnetpr0123456789.:/-[]()&|!<>=+*%^ x";
    std::string words[] = {"tcp",  "port",     "80",    "and", "or", "not",     "(",         ")",
                           "host", "10.0.0.1", "ip[",   "]",   ":2", "= 1",     "src",       "dst",
                           "net",  "/8",       "ether", "len", "&",  "fe80::1", "portrange", "1-9"};
    for (int i = 0; i < 20000; ++i) {
        std::string text;
        const int n = static_cast<int>(rng() % 12);
        for (int k = 0; k < n; ++k) {
            if (rng() % 3 == 0)
                text += alphabet[rng() % alphabet.size()];
            else
                text += words[rng() % std::size(words)] + " ";
        }
        const auto r = ctbpf::compile_pcap_filter(text);
        if (r) {
            EXPECT_TRUE(ctbpf::verify(r.program)) << text;
        } else {
            EXPECT_GE(r.column, 1u) << text;
            EXPECT_LE(r.column, text.size() + 1) << text;
        }
    }
}

}  // namespace
