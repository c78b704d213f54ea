// Disassembly against libpcap itself: bpf_image() (the lines of `tcpdump -d`) for every
// 16-bit opcode with assorted operands, bpf_dump() for the -dd and -ddd formats, and the
// tcpdump binary for the real filters of cases::tcpdump_expressions.
#include <gtest/gtest.h>

#include "../support/names.hpp"

#include <pcap/pcap.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <ctbpf/text_string.hpp>

#include "../cases/tcpdump_expressions.hpp"
#include "../support/random_programs.hpp"

namespace {

std::string image_line(const ctbpf::sock_filter& f, int n) {
    bpf_insn insn{f.code, f.jt, f.jf, f.k};
    return std::string(bpf_image(&insn, n)) + "\n";
}

TEST(LibpcapText, EveryOpcodeLikeBpfImage) {
    static constexpr std::uint32_t ks[] = {0,          1,          12,         255,        0x7fffffff, 0x80000000,
                                           0xffffffff, 0xfffff000, 0xfffff004, 0xfffff028, 0xfffff030, 0xfffff038,
                                           0xfffff03c, 0xfffff040, 0xfffff002, 0xfff00000, 0xffe00000, 0xdeadbeef};
    int compared = 0;
    for (std::uint32_t code = 0; code <= 0xffff; ++code) {
        for (std::size_t i = 0; i < std::size(ks); ++i) {
            if (code > 0xff && i > 1) break;  // beyond one byte every code is `unimp`
            const ctbpf::sock_filter f{static_cast<std::uint16_t>(code), static_cast<std::uint8_t>(i * 13),
                                       static_cast<std::uint8_t>(255 - i), ks[i]};
            const int n = static_cast<int>(i * 97);
            std::string ours;
            ctbpf::detail::string_sink sink{ours};
            ctbpf::detail::writer<ctbpf::detail::string_sink> w{sink};
            ctbpf::detail::write_tcpdump_line(w, f, static_cast<std::size_t>(n));
            ours += '\n';
            ASSERT_EQ(ours, image_line(f, n)) << "code 0x" << std::hex << code << " k 0x" << f.k;
            ++compared;
        }
    }
    EXPECT_GT(compared, 60000);
}

/// Runs bpf_dump(program, option) and returns what it printed.
std::string bpf_dump_output(const std::vector<ctbpf::sock_filter>& p, int option) {
    std::vector<bpf_insn> insns;
    for (const auto& f : p) insns.push_back({f.code, f.jt, f.jf, f.k});
    bpf_program prog{static_cast<u_int>(insns.size()), insns.data()};
    std::fflush(stdout);
    FILE* tmp = std::tmpfile();
    const int saved = ::dup(1);
    ::dup2(::fileno(tmp), 1);
    bpf_dump(&prog, option);
    std::fflush(stdout);
    ::dup2(saved, 1);
    ::close(saved);
    std::rewind(tmp);
    std::string out;
    for (int c; (c = std::fgetc(tmp)) != EOF;) out += static_cast<char>(c);
    std::fclose(tmp);
    return out;
}

TEST(LibpcapText, DumpFormatsLikeBpfDump) {
    ctbpf_test::program_generator gen(5);
    for (int i = 0; i < 300; ++i) {
        const auto p = gen.arbitrary(1 + gen.pick(30));
        EXPECT_EQ(ctbpf::to_string(p, ctbpf::text_format::tcpdump_d), bpf_dump_output(p, 1));
        EXPECT_EQ(ctbpf::to_string(p, ctbpf::text_format::tcpdump_dd), bpf_dump_output(p, 2));
        EXPECT_EQ(ctbpf::to_string(p, ctbpf::text_format::tcpdump_ddd), bpf_dump_output(p, 3));
    }
}

// ---- the tcpdump binary

std::string run(const std::string& command) { return ctbpf_test::run_command(command); }

std::vector<ctbpf::sock_filter> parse_dd(const std::string& dd) {
    std::vector<ctbpf::sock_filter> p;
    unsigned code = 0, jt = 0, jf = 0;
    unsigned long k = 0;
    for (std::size_t at = 0; (at = dd.find('{', at)) != std::string::npos; ++at)
        if (std::sscanf(dd.c_str() + at, "{ 0x%x, %u, %u, 0x%lx },", &code, &jt, &jf, &k) == 4)
            p.push_back({static_cast<std::uint16_t>(code), static_cast<std::uint8_t>(jt), static_cast<std::uint8_t>(jf),
                         static_cast<std::uint32_t>(k)});
    return p;
}

TEST(TcpdumpBinary, SameTextForCompiledFilters) {
    if (run("command -v tcpdump").empty()) {
        if (std::getenv("CTBPF_REQUIRE_KERNEL") != nullptr) FAIL() << "tcpdump is not installed";
        GTEST_SKIP() << "tcpdump is not installed";
    }
    for (const char* e : cases::tcpdump_expressions) {
        const std::string quoted = std::string("'") + e + "'";
        const std::string base = "tcpdump -y EN10MB ";
        const auto program = parse_dd(run(base + "-dd " + quoted + " 2>/dev/null"));
        ASSERT_FALSE(program.empty()) << e;
        EXPECT_EQ(ctbpf::to_string(program, ctbpf::text_format::tcpdump_d), run(base + "-d " + quoted + " 2>/dev/null"))
            << e;
        EXPECT_EQ(ctbpf::to_string(program, ctbpf::text_format::tcpdump_dd),
                  run(base + "-dd " + quoted + " 2>/dev/null"))
            << e;
        EXPECT_EQ(ctbpf::to_string(program, ctbpf::text_format::tcpdump_ddd),
                  run(base + "-ddd " + quoted + " 2>/dev/null"))
            << e;
    }
}

}  // namespace
