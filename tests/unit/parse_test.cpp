// Text input at run time: parse_program on the cases of tests/cases/parse_cases.hpp, round trips
// of random programs through every format, and arbitrary bytes (never a crash: the sanitizer
// build runs this).
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include <ctbpf/parse_vector.hpp>
#include <ctbpf/vm.hpp>
#include <ctbpf/text_string.hpp>

#include "../cases/long_sources.hpp"
#include "../cases/parse_cases.hpp"
#include "../support/chunked_parse.hpp"
#include "../support/random_programs.hpp"

namespace {
using ctbpf::text_format;

TEST(FixedString, FromTextComputedAtRunTime) {
    const std::string text = std::string("ret") + " #0";  // run-time data
    const auto fixed = ctbpf::to_fixed_string<6>(text);
    EXPECT_EQ(fixed.view(), "ret #0");
    EXPECT_EQ(fixed.chars[6], '\0');
    EXPECT_EQ(ctbpf::to_fixed_string<2>(std::string_view(text)).view(), "re");  // the first N characters
}

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
        EXPECT_EQ(r.where.line, c.line) << c.name << ": " << r.error_message();
        EXPECT_EQ(r.where.column, c.column) << c.name << ": " << r.error_message();
        EXPECT_TRUE(r.program.empty()) << c.name;
        // the corrected text (the compile-fail test's twin) parses and verifies
        const auto fixed = ctbpf::parse_program(std::string(c.fixed), c.format);
        ASSERT_TRUE(fixed) << c.name << ": " << fixed.error_message();
        EXPECT_TRUE(ctbpf::verify(fixed.program)) << c.name;
    }
    const auto d = ctbpf::parse_program("(000) ret      #0", text_format::tcpdump_d);
    EXPECT_EQ(d.problem, ctbpf::parse_problem::not_an_input_format);
}

TEST(Parse, MessagesSayWhatWasExpected) {
    const auto r = ctbpf::parse_program("ld #1\nld #2\nldb [23\nret a", text_format::bpf_asm);
    EXPECT_EQ(r.error_message(), "3:8: expected `]`");
    EXPECT_EQ(ctbpf::parse_program("ldh [12]\njeq #6 ok, drop\nok: ret #1\ndrop: ret #0", text_format::bpf_asm)
                  .error_message(),
              "2:8: expected `,` before the jump target");
}

// More than 4096 instructions is an error, never a truncated program: at the line where the
// 4097th starts, whether written (4097 lines) or made by relaxing far jumps.
TEST(Parse, NeverTruncates) {
    using cases::long_shape;
    const auto text = [](long_shape shape) { return cases::long_source(shape); };
    const auto too_long = ctbpf::parse_program(text(long_shape::too_long), text_format::bpf_asm);
    EXPECT_EQ(too_long.error_message(), "4097:1: more than 4096 instructions: the 4097th starts here");
    const auto labels = ctbpf::parse_program(text(long_shape::too_many_labels), text_format::bpf_asm);
    EXPECT_EQ(labels.error_message(), "4096:8: more than 4096 labels");
    const auto relaxed = ctbpf::parse_program(text(long_shape::far_jumps_too_many), text_format::bpf_asm);
    EXPECT_EQ(relaxed.problem, ctbpf::parse_problem::too_many_instructions) << relaxed.error_message();
    EXPECT_EQ(relaxed.where.line, 2049u);  // the jeq that lands at output index 4096
    EXPECT_EQ(relaxed.where.column, 1u);
    std::string dd, ddd = "4097\n", bytecode = "4097";
    for (int i = 0; i < 4097; ++i) {
        dd += "{ 0x6, 0, 0, 0x00000000 },\n";
        ddd += "6 0 0 0\n";
        bytecode += ",6 0 0 0";
    }
    EXPECT_EQ(ctbpf::parse_program(dd, text_format::tcpdump_dd).error_message(),
              "4097:1: more than 4096 instructions: the 4097th starts here");
    EXPECT_EQ(ctbpf::parse_program(ddd, text_format::tcpdump_ddd).error_message(),
              "1:1: more than 4096 instructions: the 4097th starts here");
    EXPECT_EQ(ctbpf::parse_program(bytecode, text_format::bpf_bytecode).error_message(),
              "1:1: more than 4096 instructions: the 4097th starts here");
    // exactly 4096 is fine, in every shape
    for (const auto& [name, source] :
         {std::pair{"rets", text(long_shape::rets)}, std::pair{"labelled", text(long_shape::labelled)},
          std::pair{"label lines", text(long_shape::label_lines)},
          std::pair{"every labelled", text(long_shape::every_labelled)},
          std::pair{"far jumps", text(long_shape::far_jumps)}}) {
        const auto r = ctbpf::parse_program(source, text_format::bpf_asm);
        ASSERT_TRUE(r) << name << ": " << r.error_message();
        EXPECT_TRUE(ctbpf::verify(r.program)) << name;
    }
}

// The compile-time path (chunks, each resuming where the previous stopped) and the one-pass
// parse agree on everything the tests have, with chunks so small that every statement resumes.
TEST(Parse, ChunkedAndOnePassAgree) {
    std::vector<std::pair<std::string, text_format>> texts;
    for (const auto& c : cases::parse_errors) {
        texts.emplace_back(c.source, c.format);
        texts.emplace_back(c.fixed, c.format);
    }
    texts.emplace_back(cases::every_form, text_format::bpf_asm);
    texts.emplace_back(cases::arp_dd, text_format::tcpdump_dd);
    texts.emplace_back(cases::arp_ddd, text_format::tcpdump_ddd);
    texts.emplace_back(cases::arp_bytecode, text_format::bpf_bytecode);
    for (const auto& [text, format] : texts) {
        const auto whole = ctbpf::parse_program(text, format);
        EXPECT_TRUE(ctbpf_test::same_outcome(ctbpf_test::parse_in_chunks<1>(text, format), whole)) << text;
        EXPECT_TRUE(ctbpf_test::same_outcome(ctbpf_test::parse_in_chunks<2>(text, format), whole)) << text;
        EXPECT_TRUE(ctbpf_test::same_outcome(ctbpf_test::parse_in_chunks<512>(text, format), whole)) << text;
    }
    const std::string far = cases::long_source(cases::long_shape::far_jumps_too_many);
    EXPECT_TRUE(ctbpf_test::same_outcome(ctbpf_test::parse_in_chunks<3>(far, text_format::bpf_asm),
                                         ctbpf::parse_program(far, text_format::bpf_asm)));
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
            if (i % 8 == 0) {
                EXPECT_TRUE(ctbpf_test::same_outcome(ctbpf_test::parse_in_chunks<1>(s, f), r)) << s;
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
