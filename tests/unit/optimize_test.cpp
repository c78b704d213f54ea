// The optimizer at run time (ctbpf::optimize(span), the sanitizers see it): the cases of
// tests/cases/optimize_cases.hpp on run-time data, and a seeded differential slice (random
// programs and libpcap-shaped programs; the full campaign is ctbpf_campaign --optimize).
#include <gtest/gtest.h>

#include <ctbpf/analyze.hpp>
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

namespace {

// The analysis on run-time data (the static_asserts are in tests/static/analyze_static.cpp).
TEST(Analyze, AnswersForARunTimeProgram) {
    const std::vector<ctbpf::sock_filter> tcp4{{0x28, 0, 0, 12}, {0x15, 0, 4, 0x800},  {0x30, 0, 0, 23},
                                               {0x15, 0, 2, 6},  {0x06, 0, 0, 0xffff}, {0x00, 0, 0, 1},
                                               {0x06, 0, 0, 0}};
    const ctbpf::analysis a = ctbpf::analyze(tcp4);
    ASSERT_TRUE(a);
    EXPECT_TRUE(a.returns_only({0, 0xffff}));
    EXPECT_EQ(a.shortest_path, 3u);
    EXPECT_EQ(a.longest_path, 5u);
    EXPECT_EQ(a.unreachable_count, 1u);
    EXPECT_TRUE(a.never_executes(5));
    EXPECT_EQ(a.snap_length, 24u);
    EXPECT_TRUE(a.can_fail_load);
}

TEST(Analyze, SaysWhyItDidNot) {
    const std::vector<ctbpf::sock_filter> bad{{0x28, 0, 0, 12}};
    const ctbpf::analysis a = ctbpf::analyze(bad);
    EXPECT_FALSE(a);
    EXPECT_EQ(a.verified.error, ctbpf::rule::last_not_return);
}

// Whatever the optimizer does, the analysis of its output promises no more than the input's.
TEST(Analyze, OptimizedProgramsReadNoFartherAndReturnNothingNew) {
    ctbpf_test::program_generator gen(7);
    for (int i = 0; i < 2000; ++i) {
        const auto p = gen.valid(gen.length());
        if (!ctbpf::verify(p)) continue;
        const auto q = ctbpf::optimize(p);
        const ctbpf::analysis before = ctbpf::analyze(p), after = ctbpf::analyze(q);
        ASSERT_TRUE(after);
        if (!before.snap_length_unbounded && !after.snap_length_unbounded) {
            EXPECT_LE(after.snap_length, before.snap_length);
        }
        EXPECT_LE(after.longest_path, before.longest_path) << ctbpf::to_string(p) << "->\n" << ctbpf::to_string(q);
        EXPECT_EQ(after.unreachable_count, 0u);
        if (!before.returns_a && !before.returns_more) {
            for (std::size_t r = 0; r < after.return_count; ++r) {
                bool known = false;
                for (std::size_t s = 0; s < before.return_count; ++s)
                    known = known || before.returns[s] == after.returns[r];
                EXPECT_TRUE(known) << after.returns[r];
            }
        }
    }
}

}  // namespace
