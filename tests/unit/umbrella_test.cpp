// <ctbpf/ctbpf.hpp> alone gives every front end and engine: builders and text, the filter
// language, tcpdump expressions, seccomp policies, the optimizer, the analysis, the VM, the
// decoded interpreter and native code. This file includes nothing else of ctbpf.
#include <ctbpf/ctbpf.hpp>

#include <gtest/gtest.h>

#include <array>
#include <cstdint>

namespace {

namespace sc = ctbpf::seccomp;

constexpr auto frame = [] {
    std::array<std::uint8_t, 60> f{};
    f[12] = 0x08;  // IPv4
    f[14] = 0x45;  // IPv4, 20-byte header
    f[23] = 6;     // TCP
    f[36] = 0;
    f[37] = 80;  // destination port 80
    return f;
}();

constexpr auto from_text = ctbpf::pcap_filter<"tcp dst port 80">();
constexpr auto from_language = ctbpf::compile < ctbpf::dsl::u16(12) == 0x0800 && ctbpf::dsl::u8(23) == 6 > ();
constexpr auto from_builders =
    ctbpf::assemble(ctbpf::ldh(12), ctbpf::jeq(0x0800, 0, 1), ctbpf::ret(0xffffffffu), ctbpf::ret(0));
constexpr auto from_asm = ctbpf::assemble<"ldh [12]\njeq #0x800, yes, no\nyes: ret #-1\nno: ret #0">();
constexpr auto smaller = ctbpf::optimize<from_asm>();
constexpr auto policy = ctbpf::compile<sc::policy<sc::arch::x86_64>(sc::errno_(1), sc::allow(39))>();
constexpr ctbpf::analysis facts = ctbpf::analyze(from_text);

static_assert(ctbpf::run(from_text, frame) != 0);
static_assert(ctbpf::run(from_language, frame) != 0);
static_assert(ctbpf::run(from_builders, frame) == 0xffffffffu);
static_assert(ctbpf::run(smaller, frame) == ctbpf::run(from_asm, frame) && smaller.size() <= from_asm.size());
static_assert(ctbpf::run(policy, ctbpf::seccomp_data{39, sc::audit_arch_x86_64, 0, {}}) == sc::ret_allow);
static_assert(facts.returns_only({0, 262144}));
static_assert(ctbpf::verify(from_text) && ctbpf::version_major >= 0);

TEST(Umbrella, GivesEveryEngineAtRunTime) {
    const ctbpf::decoded_program decoded(from_text);
    ASSERT_TRUE(decoded);
    std::array<std::uint8_t, 60> packet = frame;
    EXPECT_EQ(ctbpf::run(decoded, packet), ctbpf::run(from_text, packet));
    EXPECT_EQ(ctbpf::native<from_builders>(packet), ctbpf::run(from_builders, packet));
    packet[37] = 81;
    EXPECT_EQ(ctbpf::run(decoded, packet), 0u);
    EXPECT_EQ(ctbpf::analyze(smaller).verified, ctbpf::verify(smaller));
}

}  // namespace
