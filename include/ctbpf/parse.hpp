// ctbpf/parse.hpp — programs from text: bpf_asm source (the kernel's tools/bpf assembler language,
// with tcpdump's spellings of the extensions), `tcpdump -dd` and `-ddd` images and bpf_asm's
// bytecode line. At compile time: a verified std::array, or a compile error naming the problem,
// line and column. At any time: parse_text into a text_workspace. No heap; never truncates.
// Usage: constexpr auto img = ctbpf::parse<"{ 0x6, 0, 0, 0x00040000 },", ctbpf::text_format::tcpdump_dd>();
//        static ctbpf::text_workspace ws; auto s = ctbpf::parse_text(source, ctbpf::text_format::bpf_asm, ws);
#pragma once

#include <array>
#include <cstddef>
#include <string_view>
#include <type_traits>
#include <utility>

#include "detail/config.hpp"
#include "encoding.hpp"
#include "fixed_string.hpp"
#include "detail/report.hpp"
#include "parse/driver.hpp"
#include "parse/problems.hpp"
#include "text.hpp"
#include "verify.hpp"

namespace CTBPF_NAMESPACE {

/// Storage for parsing one text (about 700 KB: give it static storage or put it on the heap,
/// never on a small stack). After parse_text, `image[0..size)` is the program and `origin[i]`
/// where instruction i was written (a trampoline: where its jump names the far label).
struct text_workspace {
    sock_filter image[max_instructions];
    text_position origin[max_instructions];
    detail::whole_asm_storage storage;
};

/// Parses `text` in `format` (tcpdump_d is not an input format) into `ws`: the program is not
/// verified (call ctbpf::verify). Usable at compile time and at run time.
constexpr parse_status parse_text(std::string_view text, text_format format, text_workspace& ws) {
    return detail::parse_whole(text, format, ws.storage, detail::text_output{ws.image, ws.origin});
}

/// A parsed program in fixed buffers, or the first problem and where it is.
struct parsed_text {
    std::array<sock_filter, max_instructions> image{};
    std::array<text_position, max_instructions> origin{};
    std::size_t size = 0;
    parse_problem problem = parse_problem::none;
    text_position where{};
    constexpr explicit operator bool() const noexcept { return problem == parse_problem::none; }
};

/// parse_text at compile time, by value (one constant evaluation: for texts of a few hundred
/// lines; parse<>() takes any length).
consteval parsed_text parse_text(std::string_view text, text_format format) {
    text_workspace ws;
    const parse_status s = parse_text(text, format, ws);
    parsed_text out;
    for (std::size_t i = 0; i < s.size; ++i) {
        out.image[i] = ws.image[i];
        out.origin[i] = ws.origin[i];
    }
    out.size = s.size;
    out.problem = s.problem;
    out.where = s.where;
    return out;
}

namespace detail {

// ---- compile-time parsing in chunks ------------------------------------------------------
// Compilers bound the work of one constant evaluation (Clang: about a million steps), and a
// 4096-line source needs more. So the text is parsed in chunks, each its own constant
// evaluation starting where the previous one stopped; gathering and linking is one more.

/// A chunk holds up to 512 instructions and 512 labels, fewer for a short text (a label or an
/// instruction takes at least two characters): parsing is cheaper with small tables.
constexpr std::size_t chunk_capacity(std::size_t text_size) {
    return text_size / 2 + 1 < 512 ? text_size / 2 + 1 : 512;
}
/// A chunk stops when its instructions or its labels are full: at most this many chunks.
constexpr std::size_t max_chunks(std::size_t text_size) { return 2 * max_instructions / chunk_capacity(text_size) + 2; }

template <text_format Format, std::size_t C>
using chunk_t = std::conditional_t<Format == text_format::bpf_asm, asm_chunk<C>, image_chunk<C>>;
template <fixed_string Source, text_format Format>
using source_chunk_t = chunk_t<Format, chunk_capacity(Source.size())>;

/// Chunk K of the text. The initializer is the call itself, not a lambda around it: GCC 12
/// evaluates a constant call inside a template body once when it instantiates the body and once
/// more for the variable, twice the time (docs/limits.md).
template <fixed_string Source, text_format Format, std::size_t K>
inline constexpr source_chunk_t<Source, Format> chunk_v =
    next_chunk<source_chunk_t<Source, Format>>(Source.view(), Format, &chunk_v<Source, Format, K - 1>);
template <fixed_string Source, text_format Format>
inline constexpr source_chunk_t<Source, Format> chunk_v<Source, Format, 0> =
    next_chunk<source_chunk_t<Source, Format>>(Source.view(), Format, nullptr);

/// How many chunks the text takes.
template <fixed_string Source, text_format Format, std::size_t K = 0>
consteval std::size_t chunk_count() {
    if constexpr (chunk_v<Source, Format, K>.last() || K + 1 >= max_chunks(Source.size()))
        return K + 1;
    else
        return chunk_count<Source, Format, K + 1>();
}

/// The result of parsing at compile time, in tables of exactly the size the chunks need; the
/// origins only where asked for (to name where a rejected instruction was written).
template <std::size_t N, bool Origins>
struct parsed_text_of {
    sock_filter image[N > 0 ? N : 1]{};
    text_position origin[Origins && N > 0 ? N : 1]{};
    parse_status status{};
};

/// The whole text, parsed (and linked) from its chunks.
template <fixed_string Source, text_format Format, bool Origins>
consteval auto text_from_chunks() {
    constexpr std::size_t n = chunk_count<Source, Format>();
    static_assert(chunk_v<Source, Format, n - 1>.last(), "ctbpf: more chunks than a 4096-instruction text needs");
    using chunk = source_chunk_t<Source, Format>;
    constexpr auto chunks = []<std::size_t... K>(std::index_sequence<K...>) {
        return std::array<const chunk*, n>{&chunk_v<Source, Format, K>...};
    }
    (std::make_index_sequence<n>{});
    constexpr auto totals = [&] {
        std::array<std::size_t, 2> t{};
        for (const chunk* c : chunks) {
            t[0] += c->count;
            if constexpr (Format == text_format::bpf_asm) t[1] += c->label_count;
        }
        return t;
    }();
    constexpr bool assembly = Format == text_format::bpf_asm;
    // room for a trampoline per conditional target (a failed link reports before it writes)
    constexpr std::size_t room = !assembly                          ? totals[0]
                                 : 3 * totals[0] < max_instructions ? 3 * totals[0]
                                                                    : max_instructions;
    parsed_text_of<room, Origins> out{};
    link_storage<assembly ? totals[0] : 0, totals[1]> a;
    std::uint32_t link_origin[assembly && Origins ? room : 1];
    out.status = finish_chunks(chunks.data(), n, Format, a, {out.image, Origins ? out.origin : nullptr}, link_origin);
    return out;
}
template <fixed_string Source, text_format Format>
inline constexpr auto text_v = text_from_chunks<Source, Format, false>();
/// Where instruction I of the text was written (asked only when the kernel's rules reject it).
template <fixed_string Source, text_format Format, std::size_t I>
inline constexpr text_position origin_v = text_from_chunks<Source, Format, true>().origin[I];
/// The program of text_v, exactly N instructions long.
template <fixed_string Source, text_format Format, std::size_t N>
inline constexpr std::array<sock_filter, N> image_v = [] {
    std::array<sock_filter, N> a{};
    for (std::size_t i = 0; i < N; ++i) a[i] = text_v<Source, Format>.image[i];
    return a;
}();

}  // namespace detail

/// Text parsed at compile time into a verified std::array<sock_filter, N>, N exact: `Format` is
/// bpf_asm source (the default), tcpdump_dd, tcpdump_ddd or bpf_bytecode. A problem is a compile
/// error naming the problem, line and column (ctbpf::error::expected_close_bracket_at<3, 8>); a
/// program the kernel rejects names the rule and where the instruction was written
/// (ctbpf::error::division_by_constant_zero_at<2, 3>). Each chunk of the text is
/// its own constant evaluation, so 4096 lines stay within the compilers' default budgets.
template <fixed_string Source, text_format Format = text_format::bpf_asm, profile Profile = profile::socket_filter>
constexpr auto parse() {
    constexpr const auto& text = detail::text_v<Source, Format>;
    constexpr parse_status s = text.status;
    if constexpr (!s) {
        (void)detail::raised<detail::parse_error_t<s.problem, s.where.line, s.where.column>>;
        return std::array<sock_filter, 0>{};
    } else {
        constexpr const std::array<sock_filter, s.size>& image = detail::image_v<Source, Format, s.size>;
        constexpr verify_result v = verify(image, Profile);
        if constexpr (!v) {
            constexpr text_position at = detail::origin_v<Source, Format, (v.index < s.size ? v.index : s.size - 1)>;
            (void)detail::raised<detail::rejected_text_error_t<v.error, at.line, at.column>>;
        }
        return image;
    }
}

}  // namespace CTBPF_NAMESPACE
