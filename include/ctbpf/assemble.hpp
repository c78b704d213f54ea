// ctbpf/assemble.hpp — builders and labels, or bpf_asm source, to an exact-size, verified image at
// compile time. assemble() resolves labels and skips with the one linker, then verifies with the
// kernel's rules; a program the kernel would reject does not compile, and the error names the
// rule and the instruction (or, for source, the line and column).
// Usage: constexpr auto arp = ctbpf::assemble(ctbpf::ldh(12), ctbpf::jeq(0x806, 0, 1),
//                                              ctbpf::ret(4096), ctbpf::ret(0));
//        constexpr auto same = ctbpf::assemble<"ldh [12]\njeq #0x806, ok, drop\nok: ret #4096\ndrop: ret #0">();
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

#include "detail/config.hpp"
#include "builders.hpp"
#include "compiler/link.hpp"
#include "detail/report.hpp"
#include "encoding.hpp"
#include "errors.hpp"
#include "fixed_string.hpp"
#include "parse.hpp"
#include "verify.hpp"

namespace CTBPF_NAMESPACE {

/// The outcome of resolving labels: the image, or the first problem and its instruction.
template <std::size_t N>
struct link_result {
    std::array<sock_filter, N> image{};
    link_error error = link_error::none;
    std::size_t index = 0;
    std::string_view label{};  ///< the label an unknown/duplicate/backward/too-far error is about
    constexpr explicit operator bool() const noexcept { return error == link_error::none; }
};

namespace detail {

template <class T>
inline constexpr bool is_instruction_v = std::is_same_v<std::remove_cvref_t<T>, instruction>;
template <class T>
inline constexpr bool is_label_v = std::is_same_v<std::remove_cvref_t<T>, label>;

// Pack queries written as array initialisers, not fold expressions: Clang refuses folds of
// more than 256 terms, and programs have up to 4096 instructions.
template <class... Args>
constexpr std::size_t count_instructions() {
    constexpr bool is[] = {false, is_instruction_v<Args>...};
    std::size_t n = 0;
    for (bool b : is) n += b ? 1 : 0;
    return n;
}
template <class... Args>
constexpr bool all_items() {
    constexpr bool ok[] = {true, (is_instruction_v<Args> || is_label_v<Args>)...};
    for (bool b : ok)
        if (!b) return false;
    return true;
}

}  // namespace detail

/// Resolves labels and skips of builder results (no verification), through the one linker
/// (compiler/link.hpp) with the size fixed: one instruction per builder. Usable at run time too.
namespace detail {
/// Builder results and labels gathered once, in order: the linker's input.
template <std::size_t N, std::size_t L>
struct builder_program {
    instruction code[N > 0 ? N : 1];
    label_definition labels[L > 0 ? L : 1];

    template <class... Args>
    constexpr explicit builder_program(const Args&... args) {
        std::size_t i = 0, j = 0;
        const auto collect = [&](const auto& arg) {
            if constexpr (is_label_v<decltype(arg)>)
                labels[j++] = {arg.name, static_cast<std::uint32_t>(i)};
            else
                code[i++] = arg;
        };
        [[maybe_unused]] const int in_order[] = {0, (collect(args), 0)...};
    }
    /// Resolved with the size fixed: one instruction per builder.
    constexpr link_result<N> link() const {
        link_result<N> result;
        link_tables<N, L> tables;
        const link_status s =
            link_program(link_input{code, N, labels, L, false}, tables, result.image.data(), nullptr, N);
        result.error = s.error;
        result.index = s.instruction;
        result.label = label_of(s);
        return result;
    }
    /// The label a link problem is about: the one defined twice, or the target of the jump.
    constexpr std::string_view label_of(const link_status& s) const {
        switch (s.error) {
            case link_error::duplicate_label: return labels[s.label].name;
            case link_error::unknown_label:
            case link_error::backward_jump:
            case link_error::conditional_too_far:
                return s.part == link_part::jump_false ? code[s.instruction].jf.label : code[s.instruction].jt.label;
            default: return {};
        }
    }
};
template <class... Args>
using builder_program_for =
    builder_program<count_instructions<Args...>(), sizeof...(Args) - count_instructions<Args...>()>;
}  // namespace detail

/// Resolves labels and skips of builder results (no verification), through the one linker
/// (compiler/link.hpp) with the size fixed: one instruction per builder. Usable at run time too.
template <class... Args>
requires(detail::all_items<Args...>()) constexpr auto link(const Args&... args) {
    return detail::builder_program_for<Args...>(args...).link();
}

namespace detail {
/// An instruction count the kernel accepts, or the compile error that says it does not.
template <std::size_t N>
constexpr void check_count() {
    if constexpr (N == 0)
        (void)rejected<instruction_problem{link_error::none, rule::program_empty}, N>;  // N: dependent
    else if constexpr (N > max_instructions)
        (void)rejected<instruction_problem{link_error::none, rule::program_too_long}, N>;
}
template <class T>
inline constexpr bool is_link_result_v = false;
template <std::size_t N>
inline constexpr bool is_link_result_v<link_result<N>> = true;
}  // namespace detail

/// Assembles builder results and labels into a verified std::array<sock_filter, N>, N being
/// the number of instructions. Any link error or kernel rejection is a compile error naming
/// the problem and the instruction index (ctbpf::error::..._at_instruction<I>); clang names it
/// in a note: the template-argument form below names it first on both compilers.
template <profile Profile = profile::socket_filter, class... Args>
requires(detail::all_items<Args...>()) consteval auto assemble(const Args&... args) {
    constexpr std::size_t n = detail::count_instructions<Args...>();
    detail::check_count<n>();
    const link_result<n> linked = detail::builder_program_for<Args...>(args...).link();
    const verify_result verdict = linked ? verify(linked.image, Profile) : verify_result{};
    if (n > 0 && n <= max_instructions && (!linked || !verdict))  // one tree of n error sites
        detail::report<0, (n > 0 && n <= max_instructions ? n : 1)>({linked.error, verdict.error},
                                                                    linked ? verdict.index : linked.index);
    return linked.image;
}

/// The template-argument form: `Make` (a lambda, usually) returns ctbpf::link(...) of the
/// builders and labels, e.g. assemble<[] { return ctbpf::link(ldh(12), ret(a)); }>(). A problem
/// names its error, instruction and, for labels, the label on the first error line of both
/// compilers (ctbpf::error::unknown_label_at_instruction<1, fixed_string<5>{"drop"}>); a valid
/// program instantiates no error machinery.
template <auto Make, profile Profile = profile::socket_filter>
requires(detail::is_link_result_v<std::remove_cvref_t<decltype(Make())>>) constexpr auto assemble() {
    constexpr auto linked = Make();
    constexpr std::size_t n = linked.image.size();
    detail::check_count<n>();
    if constexpr (!linked) {
        constexpr std::string_view name = linked.label;
        constexpr auto label = to_fixed_string<name.size()>(name);
        (void)detail::rejected<detail::instruction_problem{linked.error, rule::none}, linked.index, label>;
    } else if constexpr (n > 0 && n <= max_instructions) {
        if constexpr (constexpr verify_result v = verify(linked.image, Profile); !v)
            (void)detail::rejected<detail::instruction_problem{link_error::none, v.error}, v.index>;
    }
    return linked.image;
}

/// bpf_asm source assembled at compile time into a verified std::array<sock_filter, N>: labels
/// resolved and far conditional jumps relaxed by the same linker; problems are compile errors
/// naming the problem, line and column (parse.hpp). ctbpf::assemble<"ldh [12]\nret a">()
template <fixed_string Source, profile Profile = profile::socket_filter>
constexpr auto assemble() {
    return parse<Source, text_format::bpf_asm, Profile>();
}

}  // namespace CTBPF_NAMESPACE
