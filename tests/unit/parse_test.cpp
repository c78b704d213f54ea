// Text input at run time: parse_program on the cases of tests/cases/parse_cases.hpp, round trips
// of random programs through every format, and arbitrary bytes (never a crash: the sanitizer
// build runs this).
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include <ctbpf/parse_vector.hpp>
#include <ctbpf/text_string.hpp>

#include "../cases/parse_cases.hpp"
#include "../support/random_programs.hpp"

namespace {
using ctbpf::text_format;

TEST(Parse, EveryFormOfTheLanguage) {
    const std::string source(cases::every_form);  // a run-time copy
    const auto r = ctbpf::parse_program(source, text_format::bpf_asm);
    ASSERT_TRUE(r) << r.error_message();
    ASSERT_EQ(r.program.size(), cases::every_form_image.size());
    for (std::size_t i = 0; i < r.program.size(); ++i)
        EXPECT_TRUE(ctbpf::same_instruction(r.program[i], cases::every_form_image[i])) << i;
    EXPECT_EQ(r.origin[0].line, 5u);
}

TEST(Parse, ErrorsCarryLineAndColumn) {
    for (const auto& c : cases::parse_errors) {
        const std::string source(c.source);
        const auto r = ctbpf::parse_program(source, c.format);
        EXPECT_EQ(r.problem, c.problem) << c.name << ": " << r.error_message();
        EXPECT_EQ(r.where.line, c.line) << c.name;
        EXPECT_EQ(r.where.column, c.column) << c.name;
        EXPECT_TRUE(r.program.empty()) << c.name;
    }
}

TEST(Parse, ImageFormats) {
    for (auto [text, format] :
         {std::pair{cases::arp_dd, text_format::tcpdump_dd}, std::pair{cases::arp_ddd, text_format::tcpdump_ddd},
          std::pair{cases::arp_bytecode, text_format::bpf_bytecode}}) {
        const auto r = ctbpf::parse_program(std::string(text), format);
        ASSERT_TRUE(r) << r.error_message();
        ASSERT_EQ(r.program.size(), 4u);
        EXPECT_EQ(r.program[1].k, 0x806u);
        EXPECT_EQ(ctbpf::guess_format(text), format);
    }
    EXPECT_EQ(ctbpf::guess_format(cases::arp_source), text_format::bpf_asm);
}

TEST(Parse, FarJumpsAreRelaxed) {
    constexpr auto source = cases::far_jump_source<600>();
    const auto r = ctbpf::parse_program(std::string(source.data()), text_format::bpf_asm);
    ASSERT_TRUE(r) << r.error_message();
    EXPECT_TRUE(ctbpf::verify(r.program));
    EXPECT_EQ(r.program[2].code, 0x05);
    std::vector<std::uint8_t> arp(14);
    arp[12] = 8;
    arp[13] = 6;
    EXPECT_EQ(ctbpf::run(r.program, arp), 2u);
}

// Many far jumps at once: relaxation must reach a fixed point where every jump fits.
TEST(Parse, ManyFarJumps) {
    std::string source;
    for (int i = 0; i < 300; ++i) source += "jeq #" + std::to_string(i) + ", far" + std::to_string(i % 7) + ", near\n";
    source += "near: ret #1\n";
    for (int i = 0; i < 400; ++i) source += "ld #" + std::to_string(i) + "\n";
    for (int i = 0; i < 7; ++i) source += "far" + std::to_string(i) + ": ret #" + std::to_string(100 + i) + "\n";
    const auto r = ctbpf::parse_program(source, text_format::bpf_asm);
    ASSERT_TRUE(r) << r.error_message();
    EXPECT_TRUE(ctbpf::verify(r.program)) << ctbpf::verify(r.program).message();
    std::vector<std::uint8_t> frame(14);
    EXPECT_EQ(ctbpf::run(r.program, frame), 100u);  // A == 0: the first jeq goes to far0
}

TEST(Parse, RoundTripsOfRandomPrograms) {
    ctbpf_test::program_generator gen(4);
    int round_trips = 0;
    for (int i = 0; i < 3000; ++i) {
        const auto p = gen.valid(2 + gen.pick(60));
        if (!ctbpf::verify(p)) continue;
        for (auto f :
             {text_format::tcpdump_dd, text_format::tcpdump_ddd, text_format::bpf_bytecode, text_format::bpf_asm}) {
            const std::string text = ctbpf::to_string(p, f);
            if (text.find("not expressible") != std::string::npos) continue;  // unused fields set: -dd only
            const auto back = ctbpf::parse_program(text, f);
            ASSERT_TRUE(back) << back.error_message() << "\n" << text;
            ASSERT_EQ(back.program.size(), p.size()) << text;
            for (std::size_t j = 0; j < p.size(); ++j)
                ASSERT_TRUE(ctbpf::same_instruction(back.program[j], p[j]))
                    << "instruction " << j << " in format " << static_cast<int>(f) << ": got "
                    << ctbpf::to_string(std::span(&back.program[j], 1), text_format::tcpdump_dd) << " want "
                    << ctbpf::to_string(std::span(&p[j], 1), text_format::tcpdump_dd);
            ++round_trips;
        }
    }
    EXPECT_GT(round_trips, 4000);
}

TEST(Parse, ArbitraryBytesNeverMisbehave) {
    std::mt19937 rng(11);
    const std::string alphabet = "ldhbxjeqtagr#[]()+-*&,:;%Mx0123456789abcdefABCDEF \n\t/*{}";
    for (int i = 0; i < 20000; ++i) {
        std::string s(rng() % 80, ' ');
        for (char& c : s) c = (rng() % 8 == 0) ? static_cast<char>(rng()) : alphabet[rng() % alphabet.size()];
        for (auto f :
             {text_format::bpf_asm, text_format::tcpdump_dd, text_format::tcpdump_ddd, text_format::bpf_bytecode}) {
            const auto r = ctbpf::parse_program(s, f);
            if (!r) {
                EXPECT_GE(r.where.line, 1u);
            }
        }
    }
    // mutations of a valid source
    const std::string good(cases::every_form);
    for (int i = 0; i < 5000; ++i) {
        std::string s = good;
        for (int m = 0; m < 3; ++m) s[rng() % s.size()] = static_cast<char>(rng());
        (void)ctbpf::parse_program(s, text_format::bpf_asm);
    }
}

}  // namespace
