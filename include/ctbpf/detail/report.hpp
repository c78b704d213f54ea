// Internal: turns a problem with a program (a link error, or a rule the kernel's verifier applies
// at an instruction) into the compile error errors.hpp names for it.
// - Template-argument forms know the problem as a constant: `(void)raised<E>;` on the failure
//   branch (if constexpr) names E, the error's class template, in sizeof: the first error line on
//   both compilers, printed once. They are constexpr, not consteval, function templates: Clang
//   then adds only "must be initialized by a constant expression", not a second error that prints
//   the program again.
// - The function-call form knows it only while evaluating: report<0, n>(p, index) reaches
//   error::reached<Error>() at the index through a 16-way tree of n sites.
#pragma once

#include <cstddef>
#include <type_traits>
#include <utility>

#include "config.hpp"
#include "../errors.hpp"
#include "error_names.hpp"
#include "../fixed_string.hpp"
#include "../verify.hpp"

namespace CTBPF_NAMESPACE::detail {

/// What is wrong at one instruction of an assembled program: a link error or a broken rule.
struct instruction_problem {
    link_error link = link_error::none;
    rule verify = rule::none;
};

/// The error for problem P at instruction I (for no_instructions and more_than_4096_instructions,
/// I is the instruction count); Label is the label a link error is about, if known
/// (detail/error_names.hpp).
template <instruction_problem P, std::size_t I, fixed_string Label>
consteval auto error_of() {
    if constexpr (P.link == link_error::unknown_label || P.link == link_error::duplicate_label ||
                  P.link == link_error::backward_jump || P.link == link_error::conditional_too_far)
        return std::type_identity<error_at_label<P.link, I, Label>>{};
    else if constexpr (P.link != link_error::none)
        return std::type_identity<error_at_instruction<P.link, I>>{};
    else if constexpr (P.verify != rule::none)
        return std::type_identity<error_at_instruction<P.verify, I>>{};
    else
        return std::type_identity<void>{};  // no problem
}
template <instruction_problem P, std::size_t I, fixed_string Label = "">
using error_of_t = typename decltype(error_of<P, I, Label>())::type;

/// Naming E, an undefined error class template, in sizeof is the compile error: `(void)raised<E>;`
/// (a variable template, so that no function is left "called in a constant expression").
template <class E>
inline constexpr bool raised = sizeof(E) > 0;
/// Raising error E on the failure branch of a template-argument form (compile<filter>(),
/// compile<policy>(), pcap_filter<"...">()): Clang names E where the form was compiled and nothing
/// more through sizeof; GCC would add "... called in a constant expression" to that, and names E
/// through the variable template instead.
#if defined(__clang__)
#define CTBPF_RAISE(E) (void)sizeof(E)
#else
#define CTBPF_RAISE(E) (void)detail::raised<E>
#endif
/// The compile error for problem P at instruction I: `(void)rejected<P, I, Label>;`.
template <instruction_problem P, std::size_t I, fixed_string Label = "">
inline constexpr bool rejected = raised<error_of_t<P, I, Label>>;

/// Where verify()'s verdict on an N-instruction program points: the instruction, or for an
/// empty or too long program the instruction count.
constexpr std::size_t culprit_index(verify_result v, std::size_t n) noexcept {
    return v.error == rule::program_empty || v.error == rule::program_too_long ? n : v.index;
}

/// The problems the function-call form reports at an instruction (fail_at, below), each with its
/// error template. fail_at names the templates directly: through error_names, the 4096 sites of
/// a program of 4096 builders took 8 % longer to compile. These static_asserts say the names are
/// error_names' (detail/error_names.hpp stays the one map).
// clang-format off
#define CTBPF_LINKED_AT_INSTRUCTION(X) \
    X(link_error::unknown_label, unknown_label_at_instruction) \
    X(link_error::duplicate_label, label_defined_twice_at_instruction) \
    X(link_error::backward_jump, jump_to_label_not_ahead_at_instruction) \
    X(link_error::conditional_too_far, conditional_jump_farther_than_255_at_instruction) \
    X(link_error::negative_skip, negative_jump_offset_at_instruction) \
    X(link_error::skip_too_large, jump_offset_too_large_at_instruction)
#define CTBPF_VERIFIED_AT_INSTRUCTION(X) \
    X(rule::opcode_not_allowed, opcode_not_allowed_at_instruction) \
    X(rule::division_by_zero, division_by_constant_zero_at_instruction) \
    X(rule::shift_out_of_range, shift_by_32_or_more_at_instruction) \
    X(rule::scratch_index_out_of_range, scratch_memory_index_out_of_range_at_instruction) \
    X(rule::jump_out_of_range, jump_target_out_of_range_at_instruction) \
    X(rule::unknown_ancillary, unknown_ancillary_offset_at_instruction) \
    X(rule::last_not_return, last_instruction_is_not_a_return_at_instruction) \
    X(rule::scratch_read_before_write, scratch_memory_read_before_write_at_instruction) \
    X(rule::seccomp_opcode_not_allowed, opcode_not_allowed_in_seccomp_at_instruction) \
    X(rule::seccomp_load_out_of_bounds, seccomp_load_past_seccomp_data_at_instruction) \
    X(rule::seccomp_load_misaligned, seccomp_load_not_4_byte_aligned_at_instruction) \
    X(rule::converted_jump_out_of_range, jump_too_far_after_conversion_to_ebpf_at_instruction)
// clang-format on
#define CTBPF_SAME_NAME(problem, error_template) \
    static_assert(std::is_same_v<error::error_template<0>, error_at_instruction<problem, 0>>, #error_template);
CTBPF_LINKED_AT_INSTRUCTION(CTBPF_SAME_NAME)
CTBPF_VERIFIED_AT_INSTRUCTION(CTBPF_SAME_NAME)
#undef CTBPF_SAME_NAME

/// The function-call form's error sites: reaching one is the compile error. program_empty,
/// program_too_long and too_many_instructions never arrive here (the instruction count is a
/// constant; callers check it). A switch beside error_of on purpose: going through error_of here
/// would instantiate it for every problem at every one of the n sites of a valid program.
template <std::size_t I>
constexpr void fail_at(instruction_problem p) {
    using error::reached;
    switch (p.link) {
        case link_error::unknown_label: reached<error::unknown_label_at_instruction<I>>(); break;
        case link_error::duplicate_label: reached<error::label_defined_twice_at_instruction<I>>(); break;
        case link_error::backward_jump: reached<error::jump_to_label_not_ahead_at_instruction<I>>(); break;
        case link_error::conditional_too_far:
            reached<error::conditional_jump_farther_than_255_at_instruction<I>>();
            break;
        case link_error::negative_skip: reached<error::negative_jump_offset_at_instruction<I>>(); break;
        case link_error::skip_too_large: reached<error::jump_offset_too_large_at_instruction<I>>(); break;
        default: break;
    }
    switch (p.verify) {
        case rule::opcode_not_allowed: reached<error::opcode_not_allowed_at_instruction<I>>(); break;
        case rule::division_by_zero: reached<error::division_by_constant_zero_at_instruction<I>>(); break;
        case rule::shift_out_of_range: reached<error::shift_by_32_or_more_at_instruction<I>>(); break;
        case rule::scratch_index_out_of_range:
            reached<error::scratch_memory_index_out_of_range_at_instruction<I>>();
            break;
        case rule::jump_out_of_range: reached<error::jump_target_out_of_range_at_instruction<I>>(); break;
        case rule::unknown_ancillary: reached<error::unknown_ancillary_offset_at_instruction<I>>(); break;
        case rule::last_not_return: reached<error::last_instruction_is_not_a_return_at_instruction<I>>(); break;
        case rule::scratch_read_before_write:
            reached<error::scratch_memory_read_before_write_at_instruction<I>>();
            break;
        case rule::seccomp_opcode_not_allowed: reached<error::opcode_not_allowed_in_seccomp_at_instruction<I>>(); break;
        case rule::seccomp_load_out_of_bounds:
            reached<error::seccomp_load_past_seccomp_data_at_instruction<I>>();
            break;
        case rule::seccomp_load_misaligned: reached<error::seccomp_load_not_4_byte_aligned_at_instruction<I>>(); break;
        case rule::converted_jump_out_of_range:
            reached<error::jump_too_far_after_conversion_to_ebpf_at_instruction<I>>();
            break;
        default: break;
    }
}

/// Calls fail_at<index>(p) for Lo <= index < Hi through a 16-way tree: three levels for a
/// 4096-instruction program, and folds of at most 16 terms (Clang refuses more than 256). Plain
/// function templates, not lambdas, so that each level is one short line of Clang's notes.
template <std::size_t Lo, std::size_t Hi>
constexpr void report(instruction_problem p, std::size_t index);
template <std::size_t Lo, std::size_t... K>
constexpr void report_leaf(instruction_problem p, std::size_t index, std::index_sequence<K...>) {
    ((index == Lo + K ? fail_at<Lo + K>(p) : void()), ...);
}
template <std::size_t Lo, std::size_t Hi, std::size_t Step, std::size_t... K>
constexpr void report_branch(instruction_problem p, std::size_t index, std::index_sequence<K...>) {
    ((index >= Lo + K * Step && index < Lo + (K + 1) * Step
          ? report<Lo + K * Step, (Lo + (K + 1) * Step < Hi ? Lo + (K + 1) * Step : Hi)>(p, index)
          : void()),
     ...);
}
template <std::size_t Lo, std::size_t Hi>
constexpr void report(instruction_problem p, std::size_t index) {
    if constexpr (Hi - Lo <= 16) {
        report_leaf<Lo>(p, index, std::make_index_sequence<Hi - Lo>{});
    } else {
        constexpr std::size_t step = (Hi - Lo + 15) / 16;
        report_branch<Lo, Hi, step>(p, index, std::make_index_sequence<(Hi - Lo + step - 1) / step>{});
    }
}

}  // namespace CTBPF_NAMESPACE::detail

#undef CTBPF_LINKED_AT_INSTRUCTION
#undef CTBPF_VERIFIED_AT_INSTRUCTION
