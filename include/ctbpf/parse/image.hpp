// ctbpf/parse/image.hpp — numeric program images: `tcpdump -dd` (`{ 0x28, 0, 0, 0x0000000c },`),
// `tcpdump -ddd` (the count, then `40 0 0 12` lines) and bpf_asm's bytecode line
// (`4,40 0 0 12,...`), with the position of every instruction. Resumable like the bpf_asm parser.
// Usage (internal): detail::image_reader(text, sink, progress).read(format);
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "../detail/config.hpp"
#include "../encoding.hpp"
#include "../text.hpp"
#include "lexer.hpp"
#include "problems.hpp"

namespace CTBPF_NAMESPACE::detail {

/// Where an image reader writes (a whole program or a chunk).
struct image_sink {
    sock_filter* image;
    text_position* origin;
    std::size_t capacity;
    std::size_t count = 0;
};

/// How far reading got: enough to go on in the next chunk.
struct image_progress : first_problem {
    lex_state lex{};
    std::uint32_t instructions = 0;  ///< in all chunks so far
    bool counted = false;            ///< -ddd/bytecode: the count has been read
    std::uint32_t expected = 0;      ///< that count
    text_position count_at{};
    text_position after_last{1, 1};  ///< just past the last thing read (where a missing one belongs)
    bool done = false;
};

class image_reader {
public:
    constexpr image_reader(std::string_view s, image_sink& out, image_progress& progress)
        : s_(s.data()), n_(s.size()), out_(out), pr_(progress), st_(progress.lex) {}

    constexpr void read(text_format format) {
        if (format == text_format::tcpdump_dd)
            dd();
        else
            counted_list(format == text_format::bpf_bytecode);
    }

private:
    const char* s_;
    std::size_t n_;
    image_sink& out_;
    image_progress& pr_;
    lex_state st_;

    constexpr bool ok() const { return pr_.ok(); }
    constexpr bool fail(parse_problem p, text_position at) { return pr_.fail(p, at); }
    constexpr text_position here() const {
        return {st_.line, static_cast<std::uint32_t>(st_.pos - st_.line_start + 1)};
    }
    /// Something was needed here: where the next thing stands if it is on the same line,
    /// otherwise just past the last thing read.
    constexpr bool fail_missing(parse_problem p) {
        skip();
        return fail(p, st_.pos < n_ && st_.line == pr_.after_last.line ? here() : pr_.after_last);
    }
    /// The sink is full (below the program's limit, which add() reports): remember where the
    /// next instruction starts.
    constexpr bool full() {
        if (out_.count < out_.capacity || pr_.instructions >= max_instructions) return false;
        pr_.lex = st_;
        return true;
    }
    constexpr void skip() {
        for (; st_.pos < n_; ++st_.pos) {
            const char c = s_[st_.pos];
            if (c == '\n') {
                ++st_.line;
                st_.line_start = st_.pos + 1;
            } else if (c != ' ' && c != '\t' && c != '\r') {
                return;
            }
        }
    }
    constexpr bool at(char c) {
        skip();
        return st_.pos < n_ && s_[st_.pos] == c;
    }
    constexpr bool punct(char c, parse_problem missing) {
        if (!at(c)) return fail_missing(missing);
        ++st_.pos;
        pr_.after_last = here();
        return true;
    }
    constexpr bool value(std::uint32_t& out, std::uint64_t limit) {
        skip();
        const text_position start_at = here();
        const std::size_t start = st_.pos;
        while (st_.pos < n_ && (class_of(s_[st_.pos]) & word)) ++st_.pos;
        std::uint64_t v = 0;
        if (st_.pos == start) return fail_missing(parse_problem::expected_number);
        if (!number_value(std::string_view(s_ + start, st_.pos - start), v))
            return fail(parse_problem::expected_number, start_at);
        if (v > limit) return fail(parse_problem::number_out_of_range, start_at);
        pr_.after_last = here();
        out = static_cast<std::uint32_t>(v);
        return true;
    }
    /// code, jt, jf, k: separated by `,` (-dd) or white space.
    constexpr bool quadruple(bool commas, std::uint32_t (&v)[4]) {
        constexpr std::uint64_t limits[4] = {0xffff, 0xff, 0xff, 0xffffffff};
        for (int i = 0; i < 4; ++i) {
            if (i > 0 && commas && !punct(',', parse_problem::expected_comma)) return false;
            if (!value(v[i], limits[i])) return false;
        }
        return true;
    }
    constexpr bool add(const std::uint32_t (&v)[4], text_position at) {
        if (pr_.instructions >= max_instructions) return fail(parse_problem::too_many_instructions, at);
        out_.origin[out_.count] = at;
        out_.image[out_.count++] = sock_filter{static_cast<std::uint16_t>(v[0]), static_cast<std::uint8_t>(v[1]),
                                               static_cast<std::uint8_t>(v[2]), v[3]};
        ++pr_.instructions;
        return true;
    }
    constexpr void finish() {
        pr_.done = true;
        if (ok() && pr_.instructions == 0) fail(parse_problem::empty_program, here());
    }

    /// -dd: `{ code, jt, jf, k },` per instruction.
    constexpr void dd() {
        skip();
        while (ok() && st_.pos < n_) {
            if (full()) return;
            const text_position start = here();
            if (s_[st_.pos] != '{') return (void)fail(parse_problem::expected_open_brace, start);
            ++st_.pos;
            pr_.after_last = here();
            std::uint32_t v[4]{};
            if (!quadruple(true, v) || !punct('}', parse_problem::expected_close_brace)) return;
            if (at(',')) ++st_.pos;
            if (!add(v, start)) return;
            skip();
        }
        if (ok()) finish();
    }
    /// -ddd (`N` then `code jt jf k` lines) or bytecode (`N,code jt jf k,...`).
    constexpr void counted_list(bool commas) {
        if (!pr_.counted) {
            skip();
            pr_.count_at = here();
            if (!value(pr_.expected, 0xffffffffu)) return;
            if (pr_.expected > max_instructions) return (void)fail(parse_problem::too_many_instructions, pr_.count_at);
            pr_.counted = true;
        }
        while (ok() && pr_.instructions < pr_.expected) {
            if (full()) return;
            skip();
            if (st_.pos >= n_) return (void)fail(parse_problem::count_mismatch, pr_.count_at);  // fewer than announced
            if (commas && !punct(',', parse_problem::expected_comma)) return;
            skip();
            const text_position start = here();
            pr_.after_last = start;  // an instruction starts here: a wrong first value is reported where it stands
            std::uint32_t v[4]{};
            if (!quadruple(false, v) || !add(v, start)) return;
        }
        if (!ok()) return;
        if (commas && at(',')) ++st_.pos;  // bpf_asm ends the line with a comma
        skip();
        if (st_.pos < n_) return (void)fail(parse_problem::trailing_text, here());
        finish();
    }
};

}  // namespace CTBPF_NAMESPACE::detail
