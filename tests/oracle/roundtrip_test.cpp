// Round trips through every text format for the programs of the test suite: libpcap's output for
// 40 tcpdump expressions, the example and case programs, and random valid programs. Also the
// bpf_asm text against a second implementation of the same language, netsniff-ng's bpfc.
#include <gtest/gtest.h>

#include "../support/names.hpp"

#include <pcap/pcap.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include <ctbpf/ctbpf.hpp>
#include <ctbpf/parse_vector.hpp>
#include <ctbpf/text_string.hpp>

#include "../../examples/filters.hpp"
#include "../cases/dsl_cases.hpp"
#include "../cases/pcap_filters.hpp"
#include "../cases/tcpdump_expressions.hpp"
#include "../cases/vm_cases.hpp"
#include "../support/random_programs.hpp"

namespace {
using ctbpf::text_format;

std::vector<ctbpf::sock_filter> pcap_program(const char* expression) {
    std::vector<ctbpf::sock_filter> out;
    pcap_t* dead = pcap_open_dead(DLT_EN10MB, 262144);
    bpf_program prog{};
    if (pcap_compile(dead, &prog, expression, 1, PCAP_NETMASK_UNKNOWN) == 0) {
        for (u_int i = 0; i < prog.bf_len; ++i)
            out.push_back({prog.bf_insns[i].code, prog.bf_insns[i].jt, prog.bf_insns[i].jf, prog.bf_insns[i].k});
        pcap_freecode(&prog);
    }
    pcap_close(dead);
    return out;
}

/// Every format: print, parse back, same image. Returns how many formats round-tripped.
int round_trip(const std::vector<ctbpf::sock_filter>& p, const std::string& what) {
    int done = 0;
    for (auto f :
         {text_format::tcpdump_dd, text_format::tcpdump_ddd, text_format::bpf_bytecode, text_format::bpf_asm}) {
        const std::string text = ctbpf::to_string(p, f);
        if (f == text_format::bpf_asm && text.find("not expressible") != std::string::npos) {
            ADD_FAILURE() << what << ": a verified program that bpf_asm cannot spell\n" << text;
            continue;
        }
        const auto back = ctbpf::parse_program(text, f);
        EXPECT_TRUE(back) << what << ": " << back.error_message() << "\n" << text;
        EXPECT_EQ(back.program.size(), p.size()) << what;
        if (!back || back.program.size() != p.size()) continue;
        bool same = true;
        for (std::size_t i = 0; i < p.size(); ++i) same = same && ctbpf::same_instruction(back.program[i], p[i]);
        EXPECT_TRUE(same) << what << " in format " << static_cast<int>(f) << "\n" << text;
        done += same;
    }
    return done;
}

template <std::size_t N>
std::vector<ctbpf::sock_filter> vec(const std::array<ctbpf::sock_filter, N>& a) {
    return {a.begin(), a.end()};
}

TEST(RoundTrip, LibpcapPrograms) {
    int programs = 0;
    for (const char* e : cases::tcpdump_expressions) {
        const auto p = pcap_program(e);
        ASSERT_FALSE(p.empty()) << e;
        // libpcap's own output may use jumps the kernel rejects (protochain's backward ja)
        if (!ctbpf::verify(p)) continue;
        EXPECT_EQ(round_trip(p, e), 4);
        ++programs;
    }
    EXPECT_GE(programs, 30);
}

TEST(RoundTrip, ExampleAndCasePrograms) {
    int programs = 0;
    const auto check = [&](std::vector<ctbpf::sock_filter> p, const std::string& what) {
        if (!ctbpf::verify(p)) return;
        EXPECT_EQ(round_trip(p, what), 4);
        ++programs;
    };
    check(vec(ctbpf::compile<examples::web>()), "examples::web");
    check(vec(ctbpf::compile<examples::web_any_vlan>()), "examples::web_any_vlan");
    check(vec(ctbpf::compile<examples::web_on_vlan_100>()), "examples::web_on_vlan_100");
    check(vec(ctbpf::compile<examples::dns>()), "examples::dns");
    check(vec(ctbpf::compile<examples::alarms>()), "examples::alarms");
    check(vec(ctbpf::compile<examples::tcp_headers>()), "examples::tcp_headers");
    check(vec(ctbpf::compile<cases::pcap::tcp_ports_1_to_50>()), "tcp ports 1 to 50");
    for (const auto& c : cases::vm_cases) check({c.prog().begin(), c.prog().end()}, std::string(c.name));
    for (const auto& c : cases::dsl_cases) check({c.prog().begin(), c.prog().end()}, std::string(c.name));
    EXPECT_GE(programs, 100);
}

TEST(RoundTrip, RandomPrograms) {
    ctbpf_test::program_generator gen(77);
    int programs = 0;
    for (int i = 0; i < 2000; ++i) {
        const auto p = gen.valid(2 + gen.pick(120));
        if (!ctbpf::verify(p)) continue;
        EXPECT_EQ(round_trip(p, "random program"), 4);
        ++programs;
    }
    EXPECT_GE(programs, 500);
}

// ---- a second assembler: netsniff-ng's bpfc (0.6.8, Debian 12) reads the same language; it
// lacks the newer extension names vlan_pr/vlan_avail, rand and vlan_tpid, so programs using
// them are left out.
std::string run(const std::string& command) { return ctbpf_test::run_command(command); }

TEST(RoundTrip, BpfcAssemblesOurBpfAsmText) {
    if (run("command -v bpfc").empty()) {
        if (std::getenv("CTBPF_REQUIRE_KERNEL") != nullptr) FAIL() << "bpfc (netsniff-ng) is not installed";
        GTEST_SKIP() << "bpfc (netsniff-ng) is not installed";
    }
    ctbpf_test::program_generator gen(31);
    const std::string file = ::testing::TempDir() + "ctbpf_bpfc.bpf";
    int compared = 0;
    std::vector<std::vector<ctbpf::sock_filter>> programs;
    for (const char* e : cases::tcpdump_expressions) programs.push_back(pcap_program(e));
    for (int i = 0; i < 150; ++i) programs.push_back(gen.valid(2 + gen.pick(60)));
    for (const auto& p : programs) {
        if (p.empty() || !ctbpf::verify(p)) continue;
        const std::string text = ctbpf::to_string(p, text_format::bpf_asm);
        if (text.find("#rand") != std::string::npos || text.find("#vlan_tpid") != std::string::npos ||
            text.find("#vlan_pr") != std::string::npos)
            continue;
        std::ofstream(file) << text;
        const auto theirs = ctbpf::parse_program(run("bpfc -b -f C -i " + file + " 2>&1"), text_format::tcpdump_dd);
        ASSERT_TRUE(theirs) << theirs.error_message() << "\n" << text;
        ASSERT_EQ(theirs.program.size(), p.size()) << text;
        for (std::size_t i = 0; i < p.size(); ++i)
            ASSERT_TRUE(ctbpf::same_instruction(theirs.program[i], p[i])) << "instruction " << i << "\n" << text;
        ++compared;
    }
    EXPECT_GE(compared, 100);
}

}  // namespace
