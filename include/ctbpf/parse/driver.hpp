// ctbpf/parse/driver.hpp — text to a program, in one pass or in chunks. bpf_asm is parsed into
// builder instructions and linked by the one linker (compiler/link.hpp) with far jumps relaxed;
// images are read as they are. A chunk is what one constant evaluation can afford; compile-time
// parsing (parse.hpp) makes each chunk its own evaluation and gathers them with the same
// functions the one-pass parse uses, so both give the same program or the same error.
// Usage (internal): detail::parse_whole(text, format, storage, result)
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

#include "../detail/config.hpp"
#include "../compiler/link.hpp"
#include "../encoding.hpp"
#include "../text.hpp"
#include "bpf_asm.hpp"
#include "image.hpp"
#include "problems.hpp"

namespace CTBPF_NAMESPACE {

/// The outcome of parsing a text: the number of instructions, or the first problem and where.
struct parse_status {
    std::size_t size = 0;
    parse_problem problem = parse_problem::none;
    text_position where{};
    constexpr explicit operator bool() const noexcept { return problem == parse_problem::none; }
};

namespace detail {

/// What the linker reads of a bpf_asm program: instructions and labels, and its tables.
template <std::size_t N, std::size_t L>
struct link_storage {
    instruction code[N > 0 ? N : 1];
    label_definition labels[L > 0 ? L : 1];
    std::size_t count;
    std::size_t label_count;
    link_tables<N, L> tables;
};

/// A whole text parsed at once: the linker's input plus where everything was written.
struct whole_asm_storage : link_storage<max_instructions, max_instructions> {
    source_positions where[max_instructions];
    text_position label_at[max_instructions];
    std::uint32_t link_origin[max_instructions];
};
/// Where the instructions and labels of a whole_asm_storage were written.
struct whole_positions {
    const whole_asm_storage& a;
    constexpr const source_positions& instruction(std::size_t i) const { return a.where[i]; }
    constexpr text_position label(std::size_t l) const { return a.label_at[l]; }
};

/// Where a parse puts the program: the image and (if not null) where each instruction came from.
struct text_output {
    sock_filter* image;
    text_position* origin;
};

/// Where part of an instruction was written.
constexpr text_position written_at(const source_positions& w, link_part part) {
    return part == link_part::jump_true ? w.jt : part == link_part::jump_false ? w.jf : w.at;
}

/// Links a parsed bpf_asm program (far jumps relaxed) into `out`; `at` finds where things were
/// written (asked only for a problem, or for every instruction when out.origin is wanted, then
/// through `link_origin`).
template <class Storage, class Positions>
constexpr parse_status link_text(Storage& a, const Positions& at, text_output out, std::uint32_t* link_origin) {
    const link_input in{a.code, a.count, a.labels, a.label_count, true};
    const link_status s = link_program(in, a.tables, out.image, out.origin ? link_origin : nullptr, max_instructions);
    if (!s) {
        const parse_problem p = s.error == link_error::duplicate_label ? parse_problem::duplicate_label
                                : s.error == link_error::unknown_label ? parse_problem::unknown_label
                                : s.error == link_error::backward_jump ? parse_problem::backward_jump
                                                                       : parse_problem::too_many_instructions;
        const text_position where = s.error == link_error::duplicate_label
                                        ? at.label(s.label)
                                        : written_at(at.instruction(s.instruction), s.part);
        return {0, p, where};
    }
    if (out.origin)
        for (std::size_t o = 0; o < s.size; ++o)
            out.origin[o] = written_at(at.instruction(link_origin[o] >> 2), static_cast<link_part>(link_origin[o] & 3));
    return {s.size, parse_problem::none, {}};
}

/// One chunk of at most C instructions and C labels of a text and how far parsing got. Chunks
/// follow one another: each starts from the previous one's progress.
template <std::size_t C>
struct asm_chunk {
    static constexpr std::size_t capacity = C;
    instruction code[C]{};
    source_positions where[C]{};
    label_definition labels[C]{};
    text_position label_at[C]{};
    std::size_t count = 0, label_count = 0;
    asm_progress progress{};
    constexpr bool last() const { return progress.done || progress.problem != parse_problem::none; }
};
template <std::size_t C>
struct image_chunk {
    static constexpr std::size_t capacity = C;
    sock_filter image[C]{};
    text_position origin[C]{};
    std::size_t count = 0;
    image_progress progress{};
    constexpr bool last() const { return progress.done || progress.problem != parse_problem::none; }
};

template <std::size_t C>
constexpr void parse_chunk(std::string_view text, text_format, asm_chunk<C>& c) {
    asm_sink sink{c.code, c.where, C, c.labels, c.label_at, C};
    asm_parser(text, sink, c.progress).run();
    c.count = sink.count;
    c.label_count = sink.label_count;
}
template <std::size_t C>
constexpr void parse_chunk(std::string_view text, text_format format, image_chunk<C>& c) {
    image_sink sink{c.image, c.origin, C};
    image_reader(text, sink, c.progress).read(format);
    c.count = sink.count;
}

/// The chunk after `previous` (nullptr: the first).
template <class Chunk>
constexpr Chunk next_chunk(std::string_view text, text_format format, const Chunk* previous) {
    Chunk c{};
    if (previous) c.progress = previous->progress;
    parse_chunk(text, format, c);
    return c;
}

/// Where the instructions and labels of a run of bpf_asm chunks were written.
template <std::size_t C>
struct chunk_positions {
    const asm_chunk<C>* const* chunks;
    std::size_t n;
    constexpr const source_positions& instruction(std::size_t i) const {
        std::size_t k = 0;
        while (k + 1 < n && i >= chunks[k]->count) i -= chunks[k++]->count;
        return chunks[k]->where[i];
    }
    constexpr text_position label(std::size_t l) const {
        std::size_t k = 0;
        while (k + 1 < n && l >= chunks[k]->label_count) l -= chunks[k++]->label_count;
        return chunks[k]->label_at[l];
    }
};

/// Gathers chunks in order into the linker's storage (bpf_asm) or `out` (images); the first
/// problem wins.
template <std::size_t C, class Storage>
constexpr void gather(const asm_chunk<C>& c, Storage& a, text_output, parse_status& status) {
    if (status && c.progress.problem != parse_problem::none) status = {0, c.progress.problem, c.progress.where};
    for (std::size_t i = 0; i < c.count; ++i) a.code[a.count++] = c.code[i];
    for (std::size_t i = 0; i < c.label_count; ++i) a.labels[a.label_count++] = c.labels[i];
}
template <std::size_t C, class Storage>
constexpr void gather(const image_chunk<C>& c, Storage&, text_output out, parse_status& status) {
    if (status && c.progress.problem != parse_problem::none) status = {0, c.progress.problem, c.progress.where};
    for (std::size_t i = 0; i < c.count; ++i) out.image[status.size + i] = c.image[i];
    if (out.origin)
        for (std::size_t i = 0; i < c.count; ++i) out.origin[status.size + i] = c.origin[i];
    status.size += c.count;
}

/// After the chunks (in order, the last one last()): gathered, and linked for bpf_asm. What
/// parse<>() does at compile time; tests run it at run time on small chunks.
template <class Chunk, class Storage>
constexpr parse_status finish_chunks(const Chunk* const* chunks, std::size_t n, text_format format, Storage& a,
                                     text_output out, std::uint32_t* link_origin) {
    a.count = 0;
    a.label_count = 0;
    if (format == text_format::tcpdump_d) return {0, parse_problem::not_an_input_format, {1, 1}};
    parse_status status{};
    for (std::size_t k = 0; k < n; ++k) gather(*chunks[k], a, out, status);
    if (!status) return {0, status.problem, status.where};
    if constexpr (std::is_same_v<Chunk, asm_chunk<Chunk::capacity>>)
        return link_text(a, chunk_positions<Chunk::capacity>{chunks, n}, out, link_origin);
    else
        return status;
}

/// The whole text in one pass, into caller-provided storage (nothing large on the stack).
constexpr parse_status parse_whole(std::string_view text, text_format format, whole_asm_storage& a, text_output out) {
    if (format == text_format::bpf_asm) {
        asm_progress progress{};
        asm_sink sink{a.code, a.where, max_instructions, a.labels, a.label_at, max_instructions};
        asm_parser(text, sink, progress).run();
        a.count = sink.count;
        a.label_count = sink.label_count;
        if (progress.problem != parse_problem::none) return {0, progress.problem, progress.where};
        return link_text(a, whole_positions{a}, out, a.link_origin);
    }
    if (format == text_format::tcpdump_d) return {0, parse_problem::not_an_input_format, {1, 1}};
    image_progress progress{};
    image_sink sink{out.image, out.origin, max_instructions};
    image_reader(text, sink, progress).read(format);
    if (progress.problem != parse_problem::none) return {0, progress.problem, progress.where};
    return {sink.count, parse_problem::none, {}};
}

}  // namespace detail
}  // namespace CTBPF_NAMESPACE
