// ctbpf/parse/problems.hpp — what can be wrong with a text, where it is (line and column, from
// 1), the message for each problem, and the compile error that names it
// (ctbpf::error::<problem>_at<Line, Column>).
// Usage: if (!r) std::cout << r.where.line << ':' << r.where.column << ": " << describe(r.problem);
#pragma once

#include <cstdint>
#include <string_view>
#include <type_traits>

#include "../detail/config.hpp"
#include "../errors.hpp"
#include "../verify.hpp"

namespace CTBPF_NAMESPACE {

constexpr std::string_view describe(parse_problem p) noexcept {
    using enum parse_problem;
    switch (p) {
        case none: return "parsed";
        case unexpected_character: return "unexpected character";
        case unterminated_comment: return "comment not terminated";
        case expected_mnemonic: return "expected an instruction or a label";
        case unknown_mnemonic: return "unknown instruction";
        case expected_load_operand: return "expected `#k`, `[k]`, `[x + k]`, `M[k]`, `len` or an extension name";
        case expected_packet_operand: return "expected `[k]`, `[x + k]` or an extension name";
        case expected_index_operand: return "expected `#k`, `M[k]`, `len` or `4*([k]&0xf)`";
        case expected_memory_operand: return "expected `M[k]`";
        case expected_constant_or_x: return "expected `#k` or `x`";
        case expected_return_value: return "expected `#k`, `a` or `x`";
        case expected_register: return "expected `a` or `x` after `%`";
        case expected_number: return "expected a number";
        case number_out_of_range: return "number out of range";
        case expected_open_bracket: return "expected `[`";
        case expected_close_bracket: return "expected `]`";
        case expected_plus: return "expected `+` after `x`";
        case expected_open_parenthesis: return "expected `(`";
        case expected_close_parenthesis: return "expected `)`";
        case expected_star: return "expected `*`";
        case expected_ampersand: return "expected `&`";
        case msh_is_4_times_low_nibble: return "only `4*([k]&0xf)` exists: factor 4, mask 0xf";
        case expected_comma_before_target: return "expected `,` before the jump target";
        case expected_comma_between_targets: return "expected `,` between jump targets";
        case expected_label: return "expected a label";
        case unknown_label: return "no such label";
        case duplicate_label: return "label defined twice";
        case backward_jump: return "jump to a label that is not ahead of the jump";
        case label_without_instruction: return "label after the last instruction";
        case too_many_labels: return "more than 4096 labels";
        case too_many_instructions: return "more than 4096 instructions: the 4097th starts here";
        case empty_program: return "no instructions";
        case expected_open_brace: return "expected `{`";
        case expected_close_brace: return "expected `}`";
        case expected_comma: return "expected `,`";
        case count_mismatch: return "the instruction count does not match";
        case trailing_text: return "text after the end of the program";
        case not_an_input_format: return "tcpdump -d output is not an input format";
    }
    return "unknown problem";
}

/// A position in the text, from 1.
struct text_position {
    std::uint32_t line = 0;
    std::uint32_t column = 0;
    friend constexpr bool operator==(const text_position&, const text_position&) = default;
};

namespace detail {
/// The first problem a reader meets, and where (later ones are consequences and are dropped).
struct first_problem {
    parse_problem problem = parse_problem::none;
    text_position where{};
    constexpr bool ok() const { return problem == parse_problem::none; }
    /// Records `p` at `at` unless a problem is recorded already; always false (to return it).
    constexpr bool fail(parse_problem p, text_position at) {
        if (ok()) {
            problem = p;
            where = at;
        }
        return false;
    }
};
}  // namespace detail

namespace detail {

/// The error for problem P at line L, column C (errors.hpp); raised<parse_error_t<P, L, C>> is
/// the compile error.
template <parse_problem P, std::uint32_t L, std::uint32_t C>
consteval auto parse_error_of() {
    using enum parse_problem;
    // clang-format off
    if constexpr (P == unexpected_character) return std::type_identity<error::unexpected_character_at<L, C>>{};
    else if constexpr (P == unterminated_comment) return std::type_identity<error::comment_not_terminated_at<L, C>>{};
    else if constexpr (P == expected_mnemonic) return std::type_identity<error::expected_instruction_or_label_at<L, C>>{};
    else if constexpr (P == unknown_mnemonic) return std::type_identity<error::unknown_mnemonic_at<L, C>>{};
    else if constexpr (P == expected_load_operand) return std::type_identity<error::expected_load_operand_at<L, C>>{};
    else if constexpr (P == expected_packet_operand) return std::type_identity<error::expected_packet_operand_at<L, C>>{};
    else if constexpr (P == expected_index_operand) return std::type_identity<error::expected_index_register_operand_at<L, C>>{};
    else if constexpr (P == expected_memory_operand) return std::type_identity<error::expected_scratch_memory_operand_at<L, C>>{};
    else if constexpr (P == expected_constant_or_x) return std::type_identity<error::expected_constant_or_x_at<L, C>>{};
    else if constexpr (P == expected_return_value) return std::type_identity<error::expected_return_value_at<L, C>>{};
    else if constexpr (P == expected_register) return std::type_identity<error::expected_register_after_percent_at<L, C>>{};
    else if constexpr (P == expected_number) return std::type_identity<error::expected_number_at<L, C>>{};
    else if constexpr (P == number_out_of_range) return std::type_identity<error::number_out_of_range_at<L, C>>{};
    else if constexpr (P == expected_open_bracket) return std::type_identity<error::expected_open_bracket_at<L, C>>{};
    else if constexpr (P == expected_close_bracket) return std::type_identity<error::expected_close_bracket_at<L, C>>{};
    else if constexpr (P == expected_plus) return std::type_identity<error::expected_plus_at<L, C>>{};
    else if constexpr (P == expected_open_parenthesis) return std::type_identity<error::expected_open_parenthesis_at<L, C>>{};
    else if constexpr (P == expected_close_parenthesis) return std::type_identity<error::expected_close_parenthesis_at<L, C>>{};
    else if constexpr (P == expected_star) return std::type_identity<error::expected_star_at<L, C>>{};
    else if constexpr (P == expected_ampersand) return std::type_identity<error::expected_ampersand_at<L, C>>{};
    else if constexpr (P == msh_is_4_times_low_nibble) return std::type_identity<error::only_4_times_low_nibble_exists_at<L, C>>{};
    else if constexpr (P == expected_comma_before_target) return std::type_identity<error::expected_comma_before_the_jump_target_at<L, C>>{};
    else if constexpr (P == expected_comma_between_targets) return std::type_identity<error::expected_comma_between_jump_targets_at<L, C>>{};
    else if constexpr (P == expected_label) return std::type_identity<error::expected_label_at<L, C>>{};
    else if constexpr (P == unknown_label) return std::type_identity<error::unknown_label_at<L, C>>{};
    else if constexpr (P == duplicate_label) return std::type_identity<error::label_defined_twice_at<L, C>>{};
    else if constexpr (P == backward_jump) return std::type_identity<error::jump_to_label_not_ahead_at<L, C>>{};
    else if constexpr (P == label_without_instruction) return std::type_identity<error::label_after_the_last_instruction_at<L, C>>{};
    else if constexpr (P == too_many_instructions) return std::type_identity<error::more_than_4096_instructions_at<L, C>>{};
    else if constexpr (P == too_many_labels) return std::type_identity<error::more_than_4096_labels_at<L, C>>{};
    else if constexpr (P == empty_program) return std::type_identity<error::no_instructions_at<L, C>>{};
    else if constexpr (P == expected_open_brace) return std::type_identity<error::expected_open_brace_at<L, C>>{};
    else if constexpr (P == expected_close_brace) return std::type_identity<error::expected_close_brace_at<L, C>>{};
    else if constexpr (P == expected_comma) return std::type_identity<error::expected_comma_at<L, C>>{};
    else if constexpr (P == count_mismatch) return std::type_identity<error::instruction_count_does_not_match_at<L, C>>{};
    else if constexpr (P == trailing_text) return std::type_identity<error::text_after_the_program_at<L, C>>{};
    else if constexpr (P == not_an_input_format) return std::type_identity<error::tcpdump_d_is_not_an_input_format_at<L, C>>{};
    else return std::type_identity<void>{};
    // clang-format on
}
template <parse_problem P, std::uint32_t L, std::uint32_t C>
using parse_error_t = typename decltype(parse_error_of<P, L, C>())::type;

/// The error for text the kernel's verifier rejects: the rule, where the instruction was written
/// (no_instructions and more_than_4096_instructions are found by the parser first).
template <rule R, std::uint32_t L, std::uint32_t C>
consteval auto rejected_text_error_of() {
    using enum rule;
    // clang-format off
    if constexpr (R == opcode_not_allowed) return std::type_identity<error::opcode_not_allowed_at<L, C>>{};
    else if constexpr (R == division_by_zero) return std::type_identity<error::division_by_constant_zero_at<L, C>>{};
    else if constexpr (R == shift_out_of_range) return std::type_identity<error::shift_by_32_or_more_at<L, C>>{};
    else if constexpr (R == scratch_index_out_of_range) return std::type_identity<error::scratch_memory_index_out_of_range_at<L, C>>{};
    else if constexpr (R == jump_out_of_range) return std::type_identity<error::jump_target_out_of_range_at<L, C>>{};
    else if constexpr (R == unknown_ancillary) return std::type_identity<error::unknown_ancillary_offset_at<L, C>>{};
    else if constexpr (R == last_not_return) return std::type_identity<error::last_instruction_is_not_a_return_at<L, C>>{};
    else if constexpr (R == scratch_read_before_write) return std::type_identity<error::scratch_memory_read_before_write_at<L, C>>{};
    else if constexpr (R == seccomp_opcode_not_allowed) return std::type_identity<error::opcode_not_allowed_in_seccomp_at<L, C>>{};
    else if constexpr (R == seccomp_load_out_of_bounds) return std::type_identity<error::seccomp_load_past_seccomp_data_at<L, C>>{};
    else if constexpr (R == seccomp_load_misaligned) return std::type_identity<error::seccomp_load_not_4_byte_aligned_at<L, C>>{};
    else if constexpr (R == converted_jump_out_of_range) return std::type_identity<error::jump_too_far_after_conversion_to_ebpf_at<L, C>>{};
    else if constexpr (R == program_empty) return std::type_identity<error::no_instructions_at<L, C>>{};
    else if constexpr (R == program_too_long) return std::type_identity<error::more_than_4096_instructions_at<L, C>>{};
    else return std::type_identity<void>{};
    // clang-format on
}
template <rule R, std::uint32_t L, std::uint32_t C>
using rejected_text_error_t = typename decltype(rejected_text_error_of<R, L, C>())::type;

}  // namespace detail
}  // namespace CTBPF_NAMESPACE
