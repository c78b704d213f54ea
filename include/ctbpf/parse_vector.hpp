// ctbpf/parse_vector.hpp — run-time convenience beside the core: text to a std::vector program,
// or an error with line, column and message. Never undefined behaviour on any input.
// Usage: auto r = ctbpf::parse_program(text, ctbpf::text_format::bpf_asm);
//        if (!r) std::cerr << r.error_message() << '\n';
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "parse.hpp"

namespace ctbpf {

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

/// Parses `text` in `format` (not verified: call ctbpf::verify).
inline parse_result parse_program(std::string_view text, text_format format) {
    // The working tables (half a megabyte) are allocated once per thread and reused, and left
    // uninitialised: they are written before they are read. Allocating and clearing them for
    // every call would dominate the cost of small inputs.
    thread_local const std::unique_ptr<detail::assembly> a(new detail::assembly);
    thread_local const std::unique_ptr<detail::parsed_text_buffers> out(new detail::parsed_text_buffers);
    a->count = 0;
    a->label_count = 0;
    detail::parse_buffers_into(text, format, *a, *out);
    parse_result r;
    r.problem = out->problem;
    r.where = out->where;
    r.program.assign(out->image, out->image + out->size);
    r.origin.assign(out->origin, out->origin + out->size);
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

}  // namespace ctbpf
