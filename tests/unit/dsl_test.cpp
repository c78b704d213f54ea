// The filter-language cases of tests/cases/dsl_cases.hpp on run-time copies, and the programs
// compile<>() produces checked for the properties the compiler promises.
#include <gtest/gtest.h>

#include "../support/names.hpp"

#include <string>
#include <vector>

#include "../cases/dsl_cases.hpp"

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

using namespace ctbpf::dsl;  // NOLINT

}  // namespace
