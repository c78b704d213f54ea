// Text output at run time: the goldens of tests/cases/text_cases.hpp through to_string, and
// to_string == to_text for random programs.
#include <gtest/gtest.h>

#include <ctbpf/text_string.hpp>

#include "../cases/text_cases.hpp"
#include "../support/random_programs.hpp"

namespace {
using ctbpf::text_format;

TEST(Text, Goldens) {
    const std::vector<ctbpf::sock_filter> arp(cases::arp_program.begin(), cases::arp_program.end());
    EXPECT_EQ(ctbpf::to_string(arp), cases::arp_d);
    EXPECT_EQ(ctbpf::to_string(arp, text_format::tcpdump_dd), cases::arp_dd);
    EXPECT_EQ(ctbpf::to_string(arp, text_format::tcpdump_ddd), cases::arp_ddd);
    EXPECT_EQ(ctbpf::to_string(arp, text_format::bpf_asm), cases::arp_asm);
    EXPECT_EQ(ctbpf::to_string(arp, text_format::bpf_bytecode), cases::arp_bytecode);
    const std::vector<ctbpf::sock_filter> tour(cases::tour.begin(), cases::tour.end());
    EXPECT_EQ(ctbpf::to_string(tour), cases::tour_d);
    EXPECT_EQ(ctbpf::to_string(tour, text_format::bpf_asm), cases::tour_asm);
}

TEST(Text, CompileTimeAndRunTimeAgree) {
    ctbpf_test::program_generator gen(99);
    for (int i = 0; i < 2000; ++i) {
        const auto v = gen.arbitrary(8);
        std::array<ctbpf::sock_filter, 8> a{};
        std::copy(v.begin(), v.end(), a.begin());
        EXPECT_EQ(ctbpf::to_text(a).view(), ctbpf::to_string(v));
        EXPECT_EQ(ctbpf::to_text<text_format::bpf_asm>(a).view(), ctbpf::to_string(v, text_format::bpf_asm));
        EXPECT_FALSE(ctbpf::to_text<text_format::bpf_asm>(a).truncated);
    }
}

}  // namespace
