// The optimizer at run time (ctbpf::optimize(span), the sanitizers see it): the cases of
// tests/cases/optimize_cases.hpp on run-time data, and a seeded differential slice (random
// programs and libpcap-shaped programs; the full campaign is ctbpf_campaign --optimize).
#include <gtest/gtest.h>

#include <ctbpf/analyze.hpp>
#include <ctbpf/optimize_vector.hpp>
#include <ctbpf/text_string.hpp>
#include <ctbpf/vm.hpp>

#include <memory>
#include <random>
#include <vector>

#include "../cases/analysis_cases.hpp"
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

TEST(Optimize, FactsInReachAreAboutDistinctValues) {  // what fact_pool::meet relies on
    const auto pool = std::make_unique<ctbpf::detail::compiler::fact_pool>();
    for (std::uint32_t seed = 1; seed <= 20; ++seed) {
        EXPECT_TRUE(cases::optimizer::facts_in_reach_are_distinct(*pool, 100, seed, 3000)) << "deep, seed " << seed;
        EXPECT_TRUE(cases::optimizer::facts_in_reach_are_distinct(*pool, 1000, seed, 3000)) << "shallow, seed " << seed;
    }
}

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

/// Chains of loads and tests into one exit, the shape the regrouping rewrites (into `ret #0` it
/// may move tests before loads that can fail), and `sub x`/`xor x` before a test against zero:
/// the same verdict on short packets of few distinct bytes (so that tests hold often).
TEST(Optimize, KeepsVerdictsOnChainsOfTests) {
    std::mt19937 rng(20261130);
    const auto pick = [&](std::uint32_t n) { return static_cast<std::uint32_t>(rng() % n); };
    long pairs = 0;
    std::size_t before = 0, after = 0;
    for (int program = 0; program < 3000; ++program) {
        std::vector<ctbpf::sock_filter> p;
        const bool indexed = pick(3) == 0;
        if (indexed) p.push_back({ctbpf::bpf::ldx | ctbpf::bpf::b | ctbpf::bpf::msh, 0, 0, pick(4)});
        const std::uint32_t links = 2 + pick(8);
        for (std::uint32_t l = 0; l < links; ++l) {
            const std::uint16_t sizes[] = {ctbpf::bpf::b, ctbpf::bpf::h, ctbpf::bpf::w};
            const std::uint16_t mode = indexed && pick(2) ? ctbpf::bpf::ind : ctbpf::bpf::abs;
            p.push_back({static_cast<std::uint16_t>(ctbpf::bpf::ld | sizes[pick(3)] | mode), 0, 0, 10 + 2 * pick(4)});
            if (pick(4) == 0) {  // A - X or A ^ X against zero
                p.push_back({ctbpf::bpf::misc | ctbpf::bpf::tax, 0, 0, 0});
                p.push_back({static_cast<std::uint16_t>(ctbpf::bpf::ld | ctbpf::bpf::b | ctbpf::bpf::abs), 0, 0, 11});
                p.push_back({static_cast<std::uint16_t>(ctbpf::bpf::alu |
                                                        (pick(2) ? ctbpf::bpf::sub : ctbpf::bpf::xor_) | ctbpf::bpf::x),
                             0, 0, 0});
            }
            const std::uint16_t ops[] = {ctbpf::bpf::jeq, ctbpf::bpf::jeq, ctbpf::bpf::jgt, ctbpf::bpf::jset};
            p.push_back({static_cast<std::uint16_t>(ctbpf::bpf::jmp | ops[pick(4)] | ctbpf::bpf::k), 0, 0,
                         pick(3) == 0 ? 0 : pick(3)});
        }
        // exits: T (ret 0 or ret 7) from each test on a random side, else the next link; F at the end
        const std::size_t t = p.size(), f = p.size() + 1;
        for (std::size_t i = 0; i < p.size(); ++i) {
            if (ctbpf::bpf::class_of(p[i].code) != ctbpf::bpf::jmp) continue;
            const bool exit_true = pick(4) != 0;
            const std::size_t next = i + 1 < p.size() ? i + 1 : f;
            const auto off = [&](std::size_t to) { return static_cast<std::uint8_t>(to - i - 1); };
            p[i].jt = off(exit_true ? t : next);
            p[i].jf = off(exit_true ? next : t);
        }
        p.push_back({ctbpf::bpf::ret | ctbpf::bpf::k, 0, 0, pick(2) ? 0u : 7u});
        p.push_back(pick(2) ? ctbpf::sock_filter{ctbpf::bpf::ret | ctbpf::bpf::k, 0, 0, 1}
                            : ctbpf::sock_filter{ctbpf::bpf::ret | ctbpf::bpf::a, 0, 0, 0});
        ASSERT_TRUE(ctbpf::verify(p)) << ctbpf::to_string(p);
        const auto q = ctbpf::optimize(p);
        before += p.size();
        after += q.size();
        ASSERT_TRUE(ctbpf::verify(q)) << ctbpf::to_string(p);
        for (int j = 0; j < 40; ++j, ++pairs) {
            std::vector<std::uint8_t> frame(pick(24));
            for (auto& b : frame) b = static_cast<std::uint8_t>(pick(4) == 0 ? 0x41 : pick(3));
            ASSERT_EQ(ctbpf::run(p, frame), ctbpf::run(q, frame)) << "frame of " << frame.size() << " bytes\n"
                                                                  << ctbpf::to_string(p) << "optimized:\n"
                                                                  << ctbpf::to_string(q);
        }
    }
    EXPECT_LT(after, before);
    std::printf("%ld pairs, %zu -> %zu instructions\n", pairs, before, after);
}

}  // namespace

namespace {

// The analysis on run-time data (the static_asserts are in tests/static/analyze_static.cpp).
TEST(Analyze, AluSemanticsAreTheVms) {  // analysis/instruction.hpp against ctbpf::run, at run time
    for (const std::uint16_t op : cases::analysis::alu_operations) {
        EXPECT_TRUE(cases::analysis::alu_agrees_with_the_vm(op, ctbpf::dialect::kernel)) << op;
        EXPECT_TRUE(cases::analysis::alu_agrees_with_the_vm(op, ctbpf::dialect::libpcap)) << op;
    }
}

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
