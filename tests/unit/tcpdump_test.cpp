// The filter language's tcpdump primitives (ctbpf/dsl/tcpdump.hpp): for every pair of
// tests/cases/tcpdump_pairs.hpp, the C++ form compiles to the very program of the tcpdump
// expression (static_assert, both at compile time), the same as the run-time compiler's
// (compile_pcap_filter), with the same verdicts on a generated corpus; they mix with the
// language's own predicates and statements; vlan() moves what is written after it.
#include <ctbpf/dsl.hpp>
#include <ctbpf/pcap_filter.hpp>
#include <ctbpf/pcap_filter_vector.hpp>
#include <ctbpf/vm.hpp>

#include <gtest/gtest.h>

#include <array>
#include <span>
#include <string>
#include <vector>

#include "../cases/tcpdump_pairs.hpp"
#include "../support/corpus.hpp"

namespace {

using namespace ctbpf::tcpdump;  // NOLINT

template <std::size_t N, std::size_t M>
constexpr bool same(const std::array<ctbpf::sock_filter, N>& a, const std::array<ctbpf::sock_filter, M>& b) {
    if (N != M) return false;
    for (std::size_t i = 0; i < N; ++i)
        if (a[i].code != b[i].code || a[i].jt != b[i].jt || a[i].jf != b[i].jf || a[i].k != b[i].k) return false;
    return true;
}

// A predicate filter accepts with 0xffffffff: the expression's programs are compiled for that.
#define CTBPF_SAME_PROGRAM(cpp, text)                                                                                 \
    static_assert(same(ctbpf::compile<(cpp)>(),                                                                       \
                       ctbpf::pcap_filter<text, ctbpf::link_type::ethernet, ctbpf::optimization::on, 0xffffffffu>()), \
                  text);
CTBPF_TCPDUMP_PAIRS(CTBPF_SAME_PROGRAM)
#undef CTBPF_SAME_PROGRAM

struct pair {
    std::vector<ctbpf::sock_filter> image;
    const char* text;
};
std::vector<pair> pairs() {
    std::vector<pair> out;
#define CTBPF_PAIR(cpp, text)                                \
    {                                                        \
        constexpr auto image = ctbpf::compile<(cpp)>();      \
        out.push_back({{image.begin(), image.end()}, text}); \
    }
    CTBPF_TCPDUMP_PAIRS(CTBPF_PAIR)
#undef CTBPF_PAIR
    return out;
}

TEST(Tcpdump, CppFormIsTheRunTimeCompilersProgramWithItsVerdicts) {
    const auto frames = ctbpf_test::corpus_generator(7).make(2000);
    for (const pair& p : pairs()) {
        SCOPED_TRACE(p.text);
        const auto r = ctbpf::compile_pcap_filter(std::string(p.text), ctbpf::link_type::ethernet, 0xffffffffu);
        ASSERT_TRUE(r) << r.error_message();
        ASSERT_EQ(r.program.size(), p.image.size());
        for (std::size_t i = 0; i < p.image.size(); ++i) {
            EXPECT_EQ(r.program[i].code, p.image[i].code) << i;
            EXPECT_EQ(r.program[i].k, p.image[i].k) << i;
        }
        for (const auto& f : frames) ASSERT_EQ(ctbpf::run(p.image, f), ctbpf::run(r.program, f));
    }
}

// With the language's own values and statements: a tcpdump primitive is a predicate like any other.
constexpr std::array<std::uint8_t, 58> tagged_syn{
    0,    1,    2, 3,  4, 5, 6,    7, 8,  9, 10, 11, 0x81, 0x00, 0x00, 100,  0x08, 0x00,         // Ethernet, tag 100
    0x45, 0,    0, 40, 0, 1, 0x40, 0, 64, 6, 0,  0,  10,   0,    0,    1,    192,  168,  1, 1,   // IPv4
    0x04, 0xd2, 0, 80, 0, 0, 0,    0, 0,  0, 0,  0,  0x50, 0x02, 0xff, 0xff, 0,    0,    0, 0};  // TCP, SYN
constexpr auto mixed = ctbpf::dsl::if_(vlan(100) && tcp.dst_port(80), ctbpf::dsl::accept(64))
                           .else_if(ctbpf::dsl::u16(12) == ctbpf::ethertype::arp, arp.host("10.0.0.1"))
                           .else_(ctbpf::dsl::drop());
constexpr auto mixed_image = ctbpf::compile<mixed>();
static_assert(ctbpf::run(mixed_image, tagged_syn) == 64);
constexpr auto untagged = ctbpf::compile<(tcp.dst_port(80))>();
static_assert(ctbpf::run(untagged, tagged_syn) == 0);  // no look behind the tag without vlan()

TEST(Tcpdump, MixesWithTheLanguagesOwnPredicates) {
    std::vector<std::uint8_t> frame(tagged_syn.begin(), tagged_syn.end());  // run-time data
    EXPECT_EQ(ctbpf::run(mixed_image, frame), 64u);
    EXPECT_EQ(ctbpf::run(untagged, frame), 0u);
    frame[15] = 101;  // another VLAN
    EXPECT_EQ(ctbpf::run(mixed_image, frame), 0u);
}

}  // namespace
