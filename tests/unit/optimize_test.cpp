// The optimizer at run time (ctbpf::optimize(span), the sanitizers see it): the cases of
// tests/cases/optimize_cases.hpp on run-time data, and a seeded differential slice (random
// programs and libpcap-shaped programs; the full campaign is ctbpf_campaign --optimize).
#include <gtest/gtest.h>

#include <ctbpf/optimize_vector.hpp>
#include <ctbpf/text_string.hpp>
#include <ctbpf/vm.hpp>

#include <vector>

#include "../cases/optimize_cases.hpp"
#include "../support/corpus.hpp"
#include "../support/random_programs.hpp"

namespace {

class OptimizeCase : public ::testing::TestWithParam<std::size_t> {};

TEST_P(OptimizeCase, GivesTheExpectedProgram) {
    const auto& c = cases::optimizer::optimize_cases[GetParam()];
    const std::vector<ctbpf::sock_filter> in(c.in.begin(), c.in.end());  // run-time data
    const std::vector<ctbpf::sock_filter> want(c.out.begin(), c.out.end());
    const auto got = ctbpf::optimize(in, c.prof);
    EXPECT_EQ(ctbpf::to_string(got), ctbpf::to_string(want)) << c.name;
}

INSTANTIATE_TEST_SUITE_P(Cases, OptimizeCase, ::testing::Range<std::size_t>(0, cases::optimizer::optimize_cases.size()),
                         [](const auto& info) {
                             return std::string(cases::optimizer::optimize_cases[info.param].name);
                         });

TEST(Optimize, ReturnsARejectedProgramUnchanged) {
    const std::vector<ctbpf::sock_filter> bad{{0x28, 0, 0, 12}};  // no return
    EXPECT_EQ(ctbpf::optimize(bad).size(), 1u);
    EXPECT_TRUE(ctbpf::optimize(std::vector<ctbpf::sock_filter>{}).empty());
}

TEST(Optimize, KeepsVerdictsOnRandomPrograms) {
    ctbpf_test::program_generator gen(20261130);
    gen.deterministic_only = false;
    ctbpf_test::corpus_generator corpus(20261130);
    long pairs = 0, programs = 0;
    std::size_t before = 0, after = 0;
    while (pairs < 60000) {
        const auto p = gen.valid(gen.length());
        if (!ctbpf::verify(p)) continue;
        ++programs;
        const auto q = ctbpf::optimize(p);
        before += p.size();
        after += q.size();
        ASSERT_TRUE(ctbpf::verify(q)) << ctbpf::to_string(p);
        ASSERT_LE(q.size(), p.size());
        for (int j = 0; j < 20; ++j, ++pairs) {
            auto frame = gen.pick(2) ? corpus.frame() : gen.frame();
            frame.resize(gen.pick(static_cast<std::uint32_t>(frame.size()) + 1));
            ctbpf::packet_context ctx;
            ctx.has_device = gen.pick(4) != 0;
            ctx.vlan_present = gen.pick(2) != 0;
            ctx.random_seed = static_cast<std::uint32_t>(gen.rng());
            ctx.dialect = gen.pick(2) ? ctbpf::dialect::kernel : ctbpf::dialect::libpcap;
            ASSERT_EQ(ctbpf::run(p, frame, ctx), ctbpf::run(q, frame, ctx)) << "frame of " << frame.size() << " bytes\n"
                                                                            << ctbpf::to_string(p) << "optimized:\n"
                                                                            << ctbpf::to_string(q);
        }
    }
    EXPECT_LT(after, before);  // random programs are full of dead code
    std::printf("%ld programs, %ld pairs, %zu -> %zu instructions\n", programs, pairs, before, after);
}

}  // namespace
