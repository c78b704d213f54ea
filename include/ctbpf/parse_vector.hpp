// ctbpf/parse_vector.hpp — run-time convenience beside the core: text to a std::vector program,
// or an error with line, column and message. Never undefined behaviour on any input.
// Usage: auto r = ctbpf::parse_program(text, ctbpf::text_format::bpf_asm);
//        if (!r) std::cerr << r.error_message() << '\n';
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "detail/config.hpp"
#include "parse.hpp"

namespace CTBPF_NAMESPACE {

struct parse_result {
    std::vector<sock_filter> program;
    parse_problem problem = parse_problem::none;
    text_position where{};
    std::vector<text_position> origin;  ///< where each instruction was written

    explicit operator bool() const noexcept { return problem == parse_problem::none; }
    /// "line:column: message".
    std::string error_message() const {
        return std::to_string(where.line) + ":" + std::to_string(where.column) + ": " + std::string(describe(problem));
    }
};

/// Parses `text` in `format` (not verified: call ctbpf::verify). The same parser and linker as
/// parse<>() at compile time; never truncates (more than 4096 instructions is an error).
inline parse_result parse_program(std::string_view text, text_format format) {
    // The working storage (about 700 KB) is allocated once per thread and reused: allocating
    // and clearing it for every call would dominate the cost of small inputs.
    thread_local const std::unique_ptr<text_workspace> ws(new text_workspace);
    const parse_status s = parse_text(text, format, *ws);
    parse_result r;
    r.problem = s.problem;
    r.where = s.where;
    r.program.assign(ws->image, ws->image + s.size);
    r.origin.assign(ws->origin, ws->origin + s.size);
    return r;
}

/// The format of a text image, guessed from its first characters: `{` for -dd, a count and a
/// comma for bytecode, a count alone on its line for -ddd, anything else bpf_asm source.
inline text_format guess_format(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) ++i;
    if (i < text.size() && text[i] == '{') return text_format::tcpdump_dd;
    std::size_t j = i;
    while (j < text.size() && text[j] >= '0' && text[j] <= '9') ++j;
    if (j > i) {
        while (j < text.size() && (text[j] == ' ' || text[j] == '\t')) ++j;
        if (j < text.size() && text[j] == ',') return text_format::bpf_bytecode;
        if (j >= text.size() || text[j] == '\n' || text[j] == '\r') return text_format::tcpdump_ddd;
    }
    return text_format::bpf_asm;
}

}  // namespace CTBPF_NAMESPACE
