// Seccomp policies at run time (so that the sanitizers see them): every compiled image, optimized
// or not, takes the action the policy means (action_of) for every system call number around the
// policy's and every argument value of cases::seccomp_policies in every position; the queries
// agree with the runs; binding; the layout targets of docs/seccomp.md.
#include <ctbpf/seccomp.hpp>

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <cstdint>
#include <vector>

#include "../cases/seccomp_policies.hpp"

namespace {
using namespace cases::seccomp_policies;  // NOLINT

/// The calls the tests try for one architecture: numbers 0..499, the x32 ones, -1 and a few far
/// ones; for each, argument values in every position and a few mixed.
std::vector<ctbpf::seccomp_data> calls(std::uint32_t arch) {
    std::vector<ctbpf::seccomp_data> out;
    std::vector<std::uint32_t> numbers;
    for (std::uint32_t n = 0; n < 500; ++n) numbers.push_back(n);
    for (std::uint32_t n : {0x40000000u, 0x40000001u, 0x40000003u, 0x3fffffffu, 0x7fffffffu, 0xfffffffeu, 0xffffffffu})
        numbers.push_back(n);
    std::uint64_t seed = 0x2545f4914f6cdd1dull;
    for (std::uint32_t n : numbers) {
        ctbpf::seccomp_data d{static_cast<std::int32_t>(n), arch, 0, {}};
        out.push_back(d);
        for (std::size_t at = 0; at < 3; ++at)
            for (std::uint64_t v : argument_values) {
                ctbpf::seccomp_data e = d;
                e.args[at] = v;
                out.push_back(e);
            }
        for (int i = 0; i < 8; ++i) {  // mixed
            ctbpf::seccomp_data e = d;
            for (std::uint64_t& a : e.args) {
                seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
                a = argument_values[seed % argument_values.size()];
            }
            out.push_back(e);
        }
    }
    return out;
}

template <class Policy, class Image>
void expect_meaning(const Policy& policy, const Image& image, std::uint32_t arch) {
    std::size_t wrong = 0;
    for (const ctbpf::seccomp_data& d : calls(arch)) {
        const std::uint32_t got = ctbpf::run(image, d), want = sc::action_of(policy, d);
        if (got != want && ++wrong <= 5)
            ADD_FAILURE() << "nr " << d.nr << " args " << d.args[0] << ", " << d.args[1] << ", " << d.args[2] << ": 0x"
                          << std::hex << got << ", the policy means 0x" << want;
    }
    for (std::uint32_t foreign : {sc::audit_arch_i386, sc::audit_arch_aarch64, 0u})
        if (foreign != arch) {
            EXPECT_EQ(ctbpf::run(image, {0, foreign, 0, {}}), policy.foreign_action);
        }
}

template <auto& Policy, std::uint32_t Arch = sc::audit_arch_x86_64>
void expect_images_mean_the_policy() {
    static constexpr auto optimized = ctbpf::compile<Policy>();
    static constexpr auto emitted = ctbpf::compile<Policy, ctbpf::no_optimize>();
    EXPECT_TRUE(ctbpf::verify(optimized, ctbpf::profile::seccomp));
    EXPECT_TRUE(ctbpf::verify(emitted, ctbpf::profile::seccomp));
    EXPECT_LE(optimized.size(), emitted.size());
    expect_meaning(Policy, optimized, Arch);
    expect_meaning(Policy, emitted, Arch);
}

TEST(SeccompPolicy, ImagesTakeThePolicysActions) {
    expect_images_mean_the_policy<example>();
    expect_images_mean_the_policy<arguments>();
    expect_images_mean_the_policy<p1>();
    expect_images_mean_the_policy<p2>();
    expect_images_mean_the_policy<x32>();
    expect_images_mean_the_policy<i386, sc::audit_arch_i386>();
    expect_images_mean_the_policy<aarch64, sc::audit_arch_aarch64>();
}

TEST(SeccompPolicy, BoundPlaceholdersDecide) {
    static constexpr auto unbound = ctbpf::compile<placeholders>();
    for (std::uint64_t fd : {0ull, 7ull, 0xffffffffull, 1ull << 40})
        for (std::uint64_t pid : {1ull, 4242ull, 0xffffffffffffffffull}) {
            const auto bound = unbound.bind({sc::bound("fd", fd), sc::bound("pid", pid)});
            ASSERT_TRUE(bound);
            for (ctbpf::seccomp_data d : calls(sc::audit_arch_x86_64)) {
                if (d.nr >= 100) continue;
                for (std::uint64_t v : std::array<std::uint64_t, 3>{fd, pid, fd | 0xffffffff00000000ull}) {
                    d.args[0] = v;
                    ASSERT_EQ(ctbpf::run(bound.code, d),
                              sc::action_of(placeholders, d, {sc::bound("fd", fd), sc::bound("pid", pid)}))
                        << "nr " << d.nr << " fd " << fd << " pid " << pid << " a0 " << v;
                }
            }
        }
    EXPECT_EQ(unbound.bind({}).problem, sc::bind_problem::not_bound);
    EXPECT_EQ(unbound.bind({sc::bound("pid", 1), sc::bound("fd", 1), sc::bound("pid", 2)}).problem,
              sc::bind_problem::bound_twice);
    EXPECT_EQ(unbound.bind({sc::bound("pid", 1), sc::bound("fd", 1), sc::bound("fdx", 2)}).name, "fdx");
}

/// decision_for follows the kernel's ALU semantics, as the VM does (data at run time).
TEST(SeccompQuery, FollowsTheKernelsShiftAndDivisionByX) {
    std::vector<ctbpf::sock_filter> shift(shift_by_x.begin(), shift_by_x.end());
    std::vector<ctbpf::sock_filter> divide(divide_by_argument.begin(), divide_by_argument.end());
    for (std::uint32_t nr = 0; nr < 4; ++nr) {
        const sc::decision d = sc::decision_for(shift, sc::audit_arch_x86_64, nr);
        EXPECT_FALSE(d.depends) << nr;
        for (std::uint64_t a0 : {0ull, 1ull, 0xffffffffull})
            EXPECT_EQ(d.action, ctbpf::run(shift, call(static_cast<int>(nr), a0)));
    }
    EXPECT_TRUE(sc::decision_for(divide, sc::audit_arch_x86_64, 5).depends);
    EXPECT_EQ(ctbpf::run(divide, call(5, 0)), 0u);
    EXPECT_EQ(ctbpf::run(divide, call(5, 7)), sc::ret_allow);
}

/// decision_for is exact on ctbpf's policies: a constant decision is the action of every call,
/// "depends" is true only for numbers with argument rules; the kernel's cache allows exactly the
/// numbers allowed whatever the arguments.
template <auto& Policy>
void expect_queries_agree() {
    static constexpr auto image = ctbpf::compile<Policy>();
    const std::uint32_t arch = sc::info(Policy.target).audit;
    const auto all = calls(arch);
    for (std::uint32_t nr = 0; nr < 500; ++nr) {
        const sc::decision d = sc::decision_for(image, arch, nr);
        bool one_action = true, allowed = true;
        std::uint32_t first = 0;
        bool any = false;
        for (const auto& c : all) {
            if (static_cast<std::uint32_t>(c.nr) != nr) continue;
            const std::uint32_t a = ctbpf::run(image, c);
            if (any && a != first) one_action = false;
            if (!any) first = a;
            any = true;
            allowed = allowed && a == sc::ret_allow;
            if (!d.depends) {
                ASSERT_EQ(a, d.action) << "nr " << nr;
            }
        }
        ctbpf::detail::seccomp::lowering<std::remove_cvref_t<decltype(Policy)>> l(Policy, 0);
        EXPECT_EQ(d.depends, l.decide(nr).how == ctbpf::detail::seccomp::decision::kind::chain) << "nr " << nr;
        if (d.depends) {
            EXPECT_FALSE(one_action) << "nr " << nr << ": the tried arguments all get one action";
        }
        EXPECT_EQ(sc::cached_allow(image, arch, nr), !d.depends && d.action == sc::ret_allow) << "nr " << nr;
        if (sc::cached_allow(image, arch, nr)) {
            EXPECT_TRUE(allowed) << "nr " << nr;
        }
    }
}

TEST(SeccompPolicy, DecisionsAndTheActionCache) {
    expect_queries_agree<example>();
    expect_queries_agree<p1>();
    expect_queries_agree<p2>();
    expect_queries_agree<aarch64>();
}

/// docs/seccomp.md's layout targets for the allowlist P1: at most 95 instructions, at most 11
/// executed on average and 13 at worst over system call numbers 0-466 (arguments and instruction
/// pointer 0). P2 (argument rules) is compared with libseccomp's programs in the oracle tests.
template <auto& Policy>
void expect_layout_targets(const char* name) {
    static constexpr auto image = ctbpf::compile<Policy>();
    std::size_t total = 0, worst = 0;
    for (int nr = 0; nr <= 466; ++nr) {
        const std::size_t n = sc::executed(image, call(nr));
        total += n;
        worst = n > worst ? n : worst;
    }
    const double average = static_cast<double>(total) / 467;
    EXPECT_LE(image.size(), 95u) << name;
    EXPECT_LE(average, 11.0) << name;
    EXPECT_LE(worst, 13u) << name;
    std::printf("%s: %zu instructions, %.2f executed on average, %zu at worst\n", name, image.size(), average, worst);
}

TEST(SeccompPolicy, LayoutTargets) { expect_layout_targets<p1>("P1"); }

TEST(SeccompPolicy, ExecutedCountsTheReturn) {
    static constexpr auto image = ctbpf::compile<example>();
    EXPECT_EQ(sc::executed(image, call(0, 0, 0, 0, sc::audit_arch_i386)), 3u);  // ld, jeq, ret
}

}  // namespace
