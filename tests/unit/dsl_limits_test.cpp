// The filter language at the kernel's limit, run: programs of thousands of instructions whose
// compile time is measured against the compilers' default limits (docs/limits.md), so built in
// the configurations that test those limits (CTBPF_LIMIT_TESTS: gcc12 and clang19).
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <vector>

#include "../cases/dsl_cases.hpp"

namespace {

using namespace ctbpf::dsl;  // NOLINT

// Far targets: a membership test over 3000 constants is about 4000 instructions; the accept
// and drop returns are thousands of instructions away, reached through ja trampolines.
template <std::size_t N>
constexpr std::array<std::uint32_t, N> odd_numbers() {
    std::array<std::uint32_t, N> a{};
    for (std::size_t i = 0; i < N; ++i) a[i] = static_cast<std::uint32_t>(2 * i + 1);
    return a;
}
constexpr auto big_set = in(u16(36), odd_numbers<3000>());
constexpr auto big_image = ctbpf::compile<big_set>();

TEST(Dsl, FarTargetsGoThroughTrampolines) {
    EXPECT_GT(big_image.size(), 3500u);
    EXPECT_LE(big_image.size(), 4096u);
    const std::vector<ctbpf::sock_filter> program(big_image.begin(), big_image.end());
    EXPECT_TRUE(ctbpf::verify(program));
    std::vector<std::uint8_t> frame(64);
    for (std::uint32_t port = 0; port < 6002; port += 7) {
        frame[36] = static_cast<std::uint8_t>(port >> 8);
        frame[37] = static_cast<std::uint8_t>(port);
        const bool member = port % 2 == 1 && port < 6000;
        EXPECT_EQ(ctbpf::run(program, frame), member ? 0xffffffffu : 0u) << port;
    }
    int trampolines = 0;
    for (const auto& i : big_image) trampolines += i.code == 0x05;
    EXPECT_GT(trampolines, 0);
}

// A filter over 300 TCP ports, written with any_of: over 1000 instructions.
constexpr auto tcp4 = u16(12) == 0x0800 && u8(23) == 6 && (u16(20) & 0x1fff) == 0;
constexpr auto ports300 =
    tcp4 && any_of<300>([](auto i) { return u16(ip_hlen(14) + 14) == i + 1 || u16(ip_hlen(14) + 16) == i + 1; });
constexpr auto ports300_image = ctbpf::compile<ports300, ctbpf::profile::socket_filter, ctbpf::no_optimize>();
// the optimizer regroups the 600 tests by field and makes ranges of them
constexpr auto ports300_optimized = ctbpf::compile<ports300>();

TEST(Dsl, ThreeHundredPorts) {
    EXPECT_GT(ports300_image.size(), 1000u);     // a long program, as the code generator writes it
    EXPECT_LT(ports300_optimized.size(), 100u);  // and optimized
    std::vector<std::uint8_t> frame(cases::tcp80.begin(), cases::tcp80.end());
    const std::vector<ctbpf::sock_filter> program(ports300_image.begin(), ports300_image.end());
    const std::vector<ctbpf::sock_filter> optimized(ports300_optimized.begin(), ports300_optimized.end());
    for (std::uint32_t port : {1u, 80u, 300u, 301u, 5000u}) {
        frame[36] = static_cast<std::uint8_t>(port >> 8);
        frame[37] = static_cast<std::uint8_t>(port);
        // the source port of the frame is 1234: not in 1..300
        EXPECT_EQ(ctbpf::run(program, frame) != 0, port <= 300) << port;
        EXPECT_EQ(ctbpf::run(optimized, frame) != 0, port <= 300) << port;
        for (std::size_t cut = 0; cut <= frame.size(); cut += 7) {  // truncated: the same verdicts
            const std::vector<std::uint8_t> part(frame.begin(), frame.begin() + static_cast<std::ptrdiff_t>(cut));
            EXPECT_EQ(ctbpf::run(program, part), ctbpf::run(optimized, part)) << port << " cut at " << cut;
        }
    }
}

}  // namespace
