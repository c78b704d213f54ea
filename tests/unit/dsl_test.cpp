// The filter-language cases of tests/cases/dsl_cases.hpp on run-time copies, and the programs
// compile<>() produces checked for the properties the compiler promises.
#include <gtest/gtest.h>

#include "../support/names.hpp"

#include <memory>
#include <string>
#include <vector>

#include "../cases/dsl_cases.hpp"
#include "../cases/dsl_mistakes.hpp"

namespace {

using ctbpf_test::test_name;

class DslCase : public ::testing::TestWithParam<std::size_t> {};

TEST_P(DslCase, VerdictMatches) {
    const cases::dsl_case& c = cases::dsl_cases[GetParam()];
    const std::vector<ctbpf::sock_filter> program(c.prog().begin(), c.prog().end());
    const std::vector<std::uint8_t> packet(c.pkt().begin(), c.pkt().end());
    EXPECT_EQ(ctbpf::run(program, packet, c.context), c.expected) << c.name;
    EXPECT_TRUE(ctbpf::verify(program)) << c.name;
}

INSTANTIATE_TEST_SUITE_P(Cases, DslCase, ::testing::Range<std::size_t>(0, cases::dsl_cases.size()),
                         [](const auto& info) { return test_name(cases::dsl_cases[info.param].name); });

// The code generator run at run time on each mistake: the problem, its culprit and its
// position in the order written (the same rows are static_asserts in dsl_static.cpp).
class DslMistake : public ::testing::TestWithParam<std::size_t> {};

TEST_P(DslMistake, ReportedWithItsPosition) {
    const cases::dsl_mistake& m = cases::dsl_mistakes[GetParam()];
    const auto g = std::make_unique<ctbpf::detail::dsl::generated>(m.generate());
    EXPECT_EQ(g->error, m.problem) << m.name;
    EXPECT_EQ(g->culprit, m.culprit) << m.name;
    EXPECT_EQ(g->position, m.position) << m.name;
    EXPECT_EQ(g->culprit_name, m.culprit_name) << m.name;
    EXPECT_EQ(g->size, 0u) << m.name << ": no code for a filter with a mistake";
}

INSTANTIATE_TEST_SUITE_P(Mistakes, DslMistake, ::testing::Range<std::size_t>(0, cases::dsl_mistakes.size()),
                         [](const auto& info) { return test_name(cases::dsl_mistakes[info.param].name); });

using namespace ctbpf::dsl;  // NOLINT

}  // namespace
