// ctbpf::run against the kernel: frames sent on loopback in a private network namespace,
// received by an AF_PACKET socket with the filter attached. The kernel delivers
// min(verdict, frame length) bytes, nothing for 0; ctbpf::run gets the context loopback implies.
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include <ctbpf/text_string.hpp>

#include "../cases/vm_cases.hpp"
#include "../support/kernel.hpp"

#include <ctbpf/decoded.hpp>
#include "../support/random_programs.hpp"
#include "oracle.hpp"

namespace {

/// What the kernel knows about a frame sent on `lo` and received by a packet socket.
ctbpf::packet_context loopback_context(std::span<const std::uint8_t> frame) {
    ctbpf::packet_context ctx;
    const std::uint16_t ethertype = static_cast<std::uint16_t>(frame[12] << 8 | frame[13]);
    if (ethertype >= 0x600)
        ctx.protocol = ethertype;  // eth_type_trans
    else
        ctx.protocol = (frame.size() >= 16 && frame[14] == 0xff && frame[15] == 0xff) ? 0x0001 : 0x0004;
    const bool to_us = std::all_of(frame.begin(), frame.begin() + 6, [](std::uint8_t b) { return b == 0; });
    ctx.pkttype = to_us ? 0 /* HOST */ : (frame[0] & 1) ? 2 /* MULTICAST */ : 3 /* OTHERHOST */;
    ctx.ifindex = 1;   // lo in a new namespace
    ctx.hatype = 772;  // ARPHRD_LOOPBACK
    ctx.network_offset = 14;
    ctx.mac_offset = 0;
    return ctx;
}

/// Loads whose values loopback does not fix (random, cpu, hash, flow-dissector offset).
bool reads_unpredictable(std::span<const ctbpf::sock_filter> p) {
    for (const auto& f : p) {
        if ((f.code == 0x20 || f.code == 0x28 || f.code == 0x30) && ctbpf::is_ancillary(f.k)) {
            const auto e = static_cast<ctbpf::ext>(f.k - ctbpf::ancillary_offset);
            if (e == ctbpf::ext::rand || e == ctbpf::ext::cpu || e == ctbpf::ext::rxhash || e == ctbpf::ext::poff)
                return true;
        }
    }
    return false;
}

bool is_vlan(std::span<const std::uint8_t> frame) {
    const std::uint16_t t = static_cast<std::uint16_t>(frame[12] << 8 | frame[13]);
    return t == 0x8100 || t == 0x88a8;
}

struct comparison {
    int compared = 0;
};

/// Attaches `program`, sends each frame and compares; returns false if the kernel refused.
bool compare(ctbpf_test::loopback_verdicts& lo, std::span<const ctbpf::sock_filter> program,
             const std::vector<std::vector<std::uint8_t>>& frames, std::string_view what, comparison& stats) {
    const int err = lo.attach(program);
    EXPECT_EQ(err == 0, static_cast<bool>(ctbpf::verify(program))) << what << ": attach errno " << err;
    if (err != 0) return false;
    for (const auto& frame : frames) {
        const auto kernel = lo.verdict(frame);
        EXPECT_TRUE(kernel.has_value()) << what << ": frame lost";
        if (!kernel) continue;
        const std::uint32_t ours = ctbpf::run(program, frame, loopback_context(frame));
        const std::uint32_t expected = std::min<std::uint32_t>(ours, static_cast<std::uint32_t>(frame.size()));
        EXPECT_EQ(*kernel, expected) << what << ": frame of " << frame.size() << " bytes, ctbpf verdict " << ours
                                     << "\n"
                                     << ctbpf::to_string(program);
        const ctbpf::decoded_program decoded(program);  // the decoded interpreter: the same verdict
        EXPECT_EQ(ctbpf::run(decoded, frame, loopback_context(frame)), ours) << what;
        ++stats.compared;
    }
    return true;
}

TEST(KernelVerdicts, EveryApplicableVmCase) {
    CTBPF_NEED_NETNS();
    ctbpf_test::loopback_verdicts lo;
    ASSERT_TRUE(lo.ok());
    comparison stats;
    int programs = 0;
    for (const cases::vm_case& c : cases::vm_cases) {
        if (c.packet_size < 14 || c.context.dialect != ctbpf::dialect::kernel || reads_unpredictable(c.prog()) ||
            is_vlan(c.pkt()) || !ctbpf::verify(c.prog()))
            continue;
        const std::vector<std::vector<std::uint8_t>> frames{{c.pkt().begin(), c.pkt().end()}};
        programs += compare(lo, c.prog(), frames, c.name, stats) ? 1 : 0;
    }
    EXPECT_GE(programs, 60);
    RecordProperty("compared", stats.compared);
}

TEST(KernelVerdicts, RandomProgramsAndFrames) {
    CTBPF_NEED_NETNS();
    ctbpf_test::loopback_verdicts lo;
    ASSERT_TRUE(lo.ok());
    ctbpf_test::program_generator gen(2026);
    comparison stats;
    int attached = 0;
    for (int i = 0; i < 600; ++i) {
        const auto program = gen.valid(2 + gen.pick(30));
        if (!ctbpf::verify(program)) continue;  // the verifier oracle covers these
        std::vector<std::vector<std::uint8_t>> frames;
        for (int j = 0; j < 4; ++j) frames.push_back(gen.frame());
        attached += compare(lo, program, frames, "random program", stats) ? 1 : 0;
    }
    EXPECT_GE(attached, 200);
    EXPECT_GE(stats.compared, 800);
}

}  // namespace
