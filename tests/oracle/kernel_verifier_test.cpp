// ctbpf::verify against the kernel's own verifier: every verifier case, the generated long
// programs and random programs, under both profiles (SO_ATTACH_FILTER and seccomp).
#include <gtest/gtest.h>

#include <cerrno>
#include <vector>

#include "../cases/verify_cases.hpp"
#include "../support/kernel.hpp"
#include "../support/random_programs.hpp"
#include "oracle.hpp"

namespace {

/// The kernel's answer as accepted / rejected (ctbpf_test::verifier_accepted).
bool kernel_accepts(std::span<const ctbpf::sock_filter> p, ctbpf::profile prof) {
    const int err =
        prof == ctbpf::profile::seccomp ? ctbpf_test::kernel_seccomp_errno(p) : ctbpf_test::kernel_socket_errno(p);
    EXPECT_TRUE(err == EINVAL || ctbpf_test::verifier_accepted(err)) << "unexpected errno " << err;
    return ctbpf_test::verifier_accepted(err);
}

/// Compares ctbpf with the kernel on one program; returns the kernel's answer.
bool expect_agreement(std::span<const ctbpf::sock_filter> p, ctbpf::profile prof, std::string_view what) {
    const ctbpf::verify_result ours = ctbpf::verify(p, prof);
    const bool kernel = kernel_accepts(p, prof);
    EXPECT_EQ(static_cast<bool>(ours), kernel)
        << what << (prof == ctbpf::profile::seccomp ? " (seccomp)" : " (socket)") << ": ctbpf says " << ours.message()
        << " at " << ours.index << ", the kernel " << (kernel ? "accepts" : "rejects");
    return kernel;
}

TEST(KernelVerifier, EveryCaseUnderBothProfiles) {
    for (const cases::verify_case& c : cases::verify_cases) {
        const std::vector<ctbpf::sock_filter> p(c.prog().begin(), c.prog().end());
        expect_agreement(p, ctbpf::profile::socket_filter, c.name);
        expect_agreement(p, ctbpf::profile::seccomp, c.name);
    }
}

TEST(KernelVerifier, LengthAndConversionLimits) {
    using cases::op;
    const auto check = [](const auto& a, std::string_view what) {
        const std::vector<ctbpf::sock_filter> p(a.begin(), a.end());
        expect_agreement(p, ctbpf::profile::socket_filter, what);
    };
    check(cases::filled<4096>(op(0x00, 0, 0, 1)), "4096 instructions");
    check(cases::filled<4097>(op(0x00, 0, 0, 1)), "4097 instructions");
    check(cases::ja_over<2340>(op(0x20, 0, 0, 1)), "ja over 2340 ld [1]");
    check(cases::ja_over<2341>(op(0x20, 0, 0, 1)), "ja over 2341 ld [1]");
    check(cases::ja_over<3640>(op(0x40, 0, 0, 1)), "ja over 3640 ld [x + 1]");
    check(cases::ja_over<3641>(op(0x40, 0, 0, 1)), "ja over 3641 ld [x + 1]");
    check(cases::ja_over<1724>(op(0xb1, 0, 0, 14)), "ja over 1724 ldxb");
    check(cases::ja_over<1725>(op(0xb1, 0, 0, 14)), "ja over 1725 ldxb");
    check(cases::ja_over<2300>(op(0x20, 0, 0, 40000)), "ja over 2300 ld [40000]");
    check(cases::ja_over<2000>(op(0x20, 0, 0, 40000)), "ja over 2000 ld [40000]");
    check(cases::ja_over<4000>(op(0x20, 0, 0, ctbpf::net_offset)), "ja over 4000 ld [SKF_NET_OFF]");
    check(cases::ja_over<3200>(op(0x20, 0, 0, ctbpf::ancillary_offset + 4)), "ja over 3200 ld #type");
    check(cases::ja_over<4000>(op(0x20, 0, 0, ctbpf::ancillary_offset + 56)), "ja over 4000 ld #rand");
    check(cases::jump_after<2340>(op(0x20, 0, 0, 1)), "jeq after 2340 ld [1]");
    check(cases::jump_after<2341>(op(0x20, 0, 0, 1)), "jeq after 2341 ld [1]");
    check(cases::filled<2402>(op(0x20, 0, 0, 1)), "2401 ld [1], no jump");
    // Two-instruction conditional jumps (jt and jf both set) and negative constants.
    auto two = cases::ja_over<2341>(op(0x20, 0, 0, 1));
    two[0] = op(0x15, 0, 0, 0);
    check(two, "jeq after nothing, 2341 ld [1]");
    auto far_jt = cases::filled<4000>(op(0x3c, 0, 0, 0));
    far_jt[0] = op(0x15, 255, 1, 0xffffffff);
    check(far_jt, "jeq #-1 with two targets over div x");
}

TEST(KernelVerifier, RandomProgramsSocket) {
    ctbpf_test::program_generator gen(1);
    int accepted = 0, rejected = 0;
    for (int i = 0; i < 1500; ++i) {
        const auto p = gen.pick(4) ? gen.valid(2 + gen.pick(40)) : gen.arbitrary(1 + gen.pick(6));
        (expect_agreement(p, ctbpf::profile::socket_filter, "random program") ? accepted : rejected) += 1;
    }
    EXPECT_GT(accepted, 400);  // both answers are well represented
    EXPECT_GT(rejected, 400);
}

TEST(KernelVerifier, RandomProgramsSeccomp) {
    ctbpf_test::program_generator gen(2);
    gen.with_ancillary = false;
    int accepted = 0, rejected = 0;
    for (int i = 0; i < 300; ++i) {
        auto p = gen.valid(2 + gen.pick(20));
        // make most loads seccomp-shaped so that a good share is accepted
        for (auto& f : p)
            if (f.code == 0x20 && gen.pick(4)) f.k = 4 * gen.pick(17);
        (expect_agreement(p, ctbpf::profile::seccomp, "random seccomp program") ? accepted : rejected) += 1;
    }
    EXPECT_GT(accepted, 30);
    EXPECT_GT(rejected, 30);
}

}  // namespace
