// The verifier cases of tests/cases/verify_cases.hpp on run-time copies.
#include <gtest/gtest.h>

#include "../support/names.hpp"

#include <string>
#include <vector>

#include "../cases/verify_cases.hpp"

namespace {

using ctbpf_test::test_name;

class VerifyCase : public ::testing::TestWithParam<std::size_t> {};

TEST_P(VerifyCase, RuleAndIndexMatch) {
    const cases::verify_case& c = cases::verify_cases[GetParam()];
    const std::vector<ctbpf::sock_filter> program(c.prog().begin(), c.prog().end());
    const ctbpf::verify_result r = ctbpf::verify(program, c.profile);
    EXPECT_EQ(r.error, c.expected.error) << c.name << ": " << r.message();
    EXPECT_EQ(r.index, c.expected.index) << c.name;
    EXPECT_EQ(static_cast<bool>(r), c.expected.error == ctbpf::rule::none);
}

INSTANTIATE_TEST_SUITE_P(Cases, VerifyCase, ::testing::Range<std::size_t>(0, cases::verify_cases.size()),
                         [](const auto& info) { return test_name(cases::verify_cases[info.param].name); });

using cases::op;
using ctbpf::rule;

template <std::size_t N>
std::vector<ctbpf::sock_filter> copy(const std::array<ctbpf::sock_filter, N>& a) {
    return {a.begin(), a.end()};
}

TEST(Verify, LengthLimits) {
    EXPECT_TRUE(ctbpf::verify(copy(cases::filled<4096>(op(0x00, 0, 0, 1)))));
    const auto r = ctbpf::verify(copy(cases::filled<4097>(op(0x00, 0, 0, 1))));
    EXPECT_EQ(r.error, rule::program_too_long);
    EXPECT_EQ(r.index, 4097u);
}

TEST(Verify, ConversionLimits) {
    EXPECT_TRUE(ctbpf::verify(copy(cases::ja_over<2340>(op(0x20, 0, 0, 1)))));
    EXPECT_EQ(ctbpf::verify(copy(cases::ja_over<2341>(op(0x20, 0, 0, 1)))).error, rule::converted_jump_out_of_range);
    EXPECT_TRUE(ctbpf::verify(copy(cases::jump_after<2340>(op(0x20, 0, 0, 1)))));
    const auto r = ctbpf::verify(copy(cases::jump_after<2341>(op(0x20, 0, 0, 1))));
    EXPECT_EQ(r.error, rule::converted_jump_out_of_range);
    EXPECT_EQ(r.index, 2341u);
}

TEST(Verify, EveryRuleHasAMessage) {
    for (int r = 0; r <= static_cast<int>(rule::converted_jump_out_of_range); ++r)
        EXPECT_NE(ctbpf::describe(static_cast<rule>(r)), "unknown rule");
}

}  // namespace
