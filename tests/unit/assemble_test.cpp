// Label resolution at run time (ctbpf::link is constexpr, not consteval) and the images of
// assemble() compared with hand-written BPF_STMT/BPF_JUMP arrays.
#include <gtest/gtest.h>

#include <linux/filter.h>

#include <string>

#include "../cases/link_cases.hpp"

namespace {
using namespace ctbpf;  // NOLINT

TEST(Link, ResolvesLabelsAtRunTime) {
    volatile int skip = 1;  // run-time data
    const auto r = link(ldh(12), jeq(0x806, "yes", skip), label("yes"), ret(1), ret(2));
    ASSERT_TRUE(r);
    EXPECT_EQ(r.image[1].jt, 0);
    EXPECT_EQ(r.image[1].jf, 1);
}

TEST(Link, ReportsErrorsAtRunTime) {
    volatile int negative = -1;
    const auto r = link(ldi(0), jeq(0, negative), ret(a));
    EXPECT_EQ(r.error, link_error::negative_skip);
    EXPECT_EQ(r.index, 1u);
    const std::string missing = "missing";  // run-time data
    const auto unknown = link(ja(std::string_view(missing)), ret(0));
    EXPECT_EQ(unknown.error, link_error::unknown_label);
    EXPECT_EQ(unknown.label, "missing");  // the label the error is about
    EXPECT_EQ(cases::duplicate_label.label, "a");
    EXPECT_EQ(cases::backward_jump.label, "top");
    EXPECT_TRUE(r.label.empty());
    EXPECT_EQ(describe(unknown.error), "jump to a label that is not defined");
    EXPECT_EQ(cases::label_256_ahead.error, link_error::conditional_too_far);
    EXPECT_EQ(cases::duplicate_label.error, link_error::duplicate_label);
    EXPECT_EQ(cases::backward_jump.error, link_error::backward_jump);
}

TEST(Assemble, SameImageAsTheKernelMacros) {
    constexpr auto image = assemble(ldh(12), jeq(0x806, 0, 1), ret(4096), ret(0));
    const sock_filter expected[] = {
        BPF_STMT(BPF_LD | BPF_H | BPF_ABS, 12),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0x806, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, 4096),
        BPF_STMT(BPF_RET | BPF_K, 0),
    };
    ASSERT_EQ(image.size(), 4u);
    for (std::size_t i = 0; i < image.size(); ++i) EXPECT_TRUE(same_instruction(image[i], expected[i])) << i;
}

}  // namespace
