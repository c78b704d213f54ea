// The compile-time parse (parse<>(): the text in chunks, each resuming where the previous one
// stopped, then gathered and linked) run at run time with chunks of C instructions, so that tests
// and the fuzz target can compare it with parse_program (one pass) on any input, and with tiny
// chunks make every statement a resume point.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include <ctbpf/parse.hpp>
#include <ctbpf/parse_vector.hpp>

namespace ctbpf_test {

struct chunked_result {
    ctbpf::parse_status status;
    std::vector<ctbpf::sock_filter> program;
    std::vector<ctbpf::text_position> origin;
};

template <class Chunk>
chunked_result parse_in_chunks_of(std::string_view text, ctbpf::text_format format) {
    std::vector<std::unique_ptr<Chunk>> chunks;
    const Chunk* previous = nullptr;
    do {  // a chunk holds at least one statement, so there are at most 2 * 4096 + 2
        chunks.push_back(std::make_unique<Chunk>(ctbpf::detail::next_chunk<Chunk>(text, format, previous)));
        previous = chunks.back().get();
    } while (!previous->last() && chunks.size() < 2 * ctbpf::max_instructions + 2);
    std::vector<const Chunk*> order;
    for (const auto& c : chunks) order.push_back(c.get());
    const auto a = std::make_unique<ctbpf::detail::whole_asm_storage>();
    chunked_result r;
    r.program.resize(ctbpf::max_instructions);
    r.origin.resize(ctbpf::max_instructions);
    r.status = ctbpf::detail::finish_chunks(order.data(), order.size(), format, *a, {r.program.data(), r.origin.data()},
                                            a->link_origin);
    if (!previous->last()) r.status = {0, ctbpf::parse_problem::too_many_instructions, {}};  // never: checked
    r.program.resize(r.status ? r.status.size : 0);
    r.origin.resize(r.program.size());
    return r;
}

/// C instructions per chunk, for text in `format`.
template <std::size_t C>
chunked_result parse_in_chunks(std::string_view text, ctbpf::text_format format) {
    if (format == ctbpf::text_format::bpf_asm) return parse_in_chunks_of<ctbpf::detail::asm_chunk<C>>(text, format);
    return parse_in_chunks_of<ctbpf::detail::image_chunk<C>>(text, format);
}

/// Whether the chunked parse agrees with parse_program: the same program and origins, or the same
/// problem at the same place.
inline bool same_outcome(const chunked_result& chunked, const ctbpf::parse_result& whole) {
    if (chunked.status.problem != whole.problem) return false;
    if (!whole) return chunked.status.where == whole.where;
    if (chunked.program.size() != whole.program.size()) return false;
    for (std::size_t i = 0; i < whole.program.size(); ++i)
        if (!ctbpf::same_instruction(chunked.program[i], whole.program[i]) || !(chunked.origin[i] == whole.origin[i]))
            return false;
    return true;
}

}  // namespace ctbpf_test
