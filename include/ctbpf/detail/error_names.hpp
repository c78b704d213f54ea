// ctbpf/detail/error_names.hpp (internal) — the one map from a problem to its compile-time error:
// error_names<Problem> has a member alias template per form the problem is reported in, naming
// the error of errors.hpp with where it is:
//   at_instruction<I[, Label]>           a program (builders, images, compiled filters); the
//                                        linker's label errors take the label too
//   at<Line, Column>                     text (bpf_asm, tcpdump -dd/-ddd, bytecode)
//   at_column<Column>                    a tcpdump expression
//   in_filter<Culprit, Position, Name>   the filter language
//   in_policy<Rule, Value>               a seccomp policy
// A new problem is an enumerator in errors.hpp, its error template there, and one specialization
// here; every front end names errors through detail::error_name_t. `none` has no specialization.
#pragma once

#include <cstddef>
#include <cstdint>

#include "../errors.hpp"
#include "../fixed_string.hpp"
#include "config.hpp"

namespace CTBPF_NAMESPACE::detail {

/// The compile-time errors of problem P, one member alias template per form (above).
template <auto P>
struct error_names {};

/// The error of problem P at instruction I of a program.
template <auto P, std::size_t I>
using error_at_instruction = typename error_names<P>::template at_instruction<I>;
/// The error of link problem P at instruction I, about label Label.
template <auto P, std::size_t I, fixed_string Label>
using error_at_label = typename error_names<P>::template at_instruction<I, Label>;
/// The error of problem P in text at Line, Column.
template <auto P, std::uint32_t Line, std::uint32_t Column>
using error_at = typename error_names<P>::template at<Line, Column>;

// clang-format off

// programs: the linker (at_instruction<I, Label>)
template <> struct error_names<ctbpf::link_error::unknown_label> {
    template <std::size_t I, fixed_string Label = ""> using at_instruction = ctbpf::error::unknown_label_at_instruction<I, Label>;
};
template <> struct error_names<ctbpf::link_error::duplicate_label> {
    template <std::size_t I, fixed_string Label = ""> using at_instruction = ctbpf::error::label_defined_twice_at_instruction<I, Label>;
};
template <> struct error_names<ctbpf::link_error::backward_jump> {
    template <std::size_t I, fixed_string Label = ""> using at_instruction = ctbpf::error::jump_to_label_not_ahead_at_instruction<I, Label>;
};
template <> struct error_names<ctbpf::link_error::conditional_too_far> {
    template <std::size_t I, fixed_string Label = ""> using at_instruction = ctbpf::error::conditional_jump_farther_than_255_at_instruction<I, Label>;
};
template <> struct error_names<ctbpf::link_error::negative_skip> {
    template <std::size_t I> using at_instruction = ctbpf::error::negative_jump_offset_at_instruction<I>;
};
template <> struct error_names<ctbpf::link_error::skip_too_large> {
    template <std::size_t I> using at_instruction = ctbpf::error::jump_offset_too_large_at_instruction<I>;
};
template <> struct error_names<ctbpf::link_error::too_many_instructions> {
    template <std::size_t I> using at_instruction = ctbpf::error::more_than_4096_instructions<I>;
};

// the kernel's verifier: programs (at_instruction<I>) and text (at<Line, Column>)
template <> struct error_names<ctbpf::rule::program_empty> {
    template <std::size_t I> using at_instruction = ctbpf::error::no_instructions<I>;
    template <std::uint32_t L, std::uint32_t C> using at = ctbpf::error::no_instructions_at<L, C>;
};
template <> struct error_names<ctbpf::rule::program_too_long> {
    template <std::size_t I> using at_instruction = ctbpf::error::more_than_4096_instructions<I>;
    template <std::uint32_t L, std::uint32_t C> using at = ctbpf::error::more_than_4096_instructions_at<L, C>;
};
template <> struct error_names<ctbpf::rule::opcode_not_allowed> {
    template <std::size_t I> using at_instruction = ctbpf::error::opcode_not_allowed_at_instruction<I>;
    template <std::uint32_t L, std::uint32_t C> using at = ctbpf::error::opcode_not_allowed_at<L, C>;
};
template <> struct error_names<ctbpf::rule::division_by_zero> {
    template <std::size_t I> using at_instruction = ctbpf::error::division_by_constant_zero_at_instruction<I>;
    template <std::uint32_t L, std::uint32_t C> using at = ctbpf::error::division_by_constant_zero_at<L, C>;
};
template <> struct error_names<ctbpf::rule::shift_out_of_range> {
    template <std::size_t I> using at_instruction = ctbpf::error::shift_by_32_or_more_at_instruction<I>;
    template <std::uint32_t L, std::uint32_t C> using at = ctbpf::error::shift_by_32_or_more_at<L, C>;
};
template <> struct error_names<ctbpf::rule::scratch_index_out_of_range> {
    template <std::size_t I> using at_instruction = ctbpf::error::scratch_memory_index_out_of_range_at_instruction<I>;
    template <std::uint32_t L, std::uint32_t C> using at = ctbpf::error::scratch_memory_index_out_of_range_at<L, C>;
};
template <> struct error_names<ctbpf::rule::jump_out_of_range> {
    template <std::size_t I> using at_instruction = ctbpf::error::jump_target_out_of_range_at_instruction<I>;
    template <std::uint32_t L, std::uint32_t C> using at = ctbpf::error::jump_target_out_of_range_at<L, C>;
};
template <> struct error_names<ctbpf::rule::unknown_ancillary> {
    template <std::size_t I> using at_instruction = ctbpf::error::unknown_ancillary_offset_at_instruction<I>;
    template <std::uint32_t L, std::uint32_t C> using at = ctbpf::error::unknown_ancillary_offset_at<L, C>;
};
template <> struct error_names<ctbpf::rule::last_not_return> {
    template <std::size_t I> using at_instruction = ctbpf::error::last_instruction_is_not_a_return_at_instruction<I>;
    template <std::uint32_t L, std::uint32_t C> using at = ctbpf::error::last_instruction_is_not_a_return_at<L, C>;
};
template <> struct error_names<ctbpf::rule::scratch_read_before_write> {
    template <std::size_t I> using at_instruction = ctbpf::error::scratch_memory_read_before_write_at_instruction<I>;
    template <std::uint32_t L, std::uint32_t C> using at = ctbpf::error::scratch_memory_read_before_write_at<L, C>;
};
template <> struct error_names<ctbpf::rule::seccomp_opcode_not_allowed> {
    template <std::size_t I> using at_instruction = ctbpf::error::opcode_not_allowed_in_seccomp_at_instruction<I>;
    template <std::uint32_t L, std::uint32_t C> using at = ctbpf::error::opcode_not_allowed_in_seccomp_at<L, C>;
};
template <> struct error_names<ctbpf::rule::seccomp_load_out_of_bounds> {
    template <std::size_t I> using at_instruction = ctbpf::error::seccomp_load_past_seccomp_data_at_instruction<I>;
    template <std::uint32_t L, std::uint32_t C> using at = ctbpf::error::seccomp_load_past_seccomp_data_at<L, C>;
};
template <> struct error_names<ctbpf::rule::seccomp_load_misaligned> {
    template <std::size_t I> using at_instruction = ctbpf::error::seccomp_load_not_4_byte_aligned_at_instruction<I>;
    template <std::uint32_t L, std::uint32_t C> using at = ctbpf::error::seccomp_load_not_4_byte_aligned_at<L, C>;
};
template <> struct error_names<ctbpf::rule::converted_jump_out_of_range> {
    template <std::size_t I> using at_instruction = ctbpf::error::jump_too_far_after_conversion_to_ebpf_at_instruction<I>;
    template <std::uint32_t L, std::uint32_t C> using at = ctbpf::error::jump_too_far_after_conversion_to_ebpf_at<L, C>;
};

// text (at<Line, Column>)
template <> struct error_names<ctbpf::parse_problem::unexpected_character> {
    template <std::uint32_t L, std::uint32_t C> using at = ctbpf::error::unexpected_character_at<L, C>;
};
template <> struct error_names<ctbpf::parse_problem::unterminated_comment> {
    template <std::uint32_t L, std::uint32_t C> using at = ctbpf::error::comment_not_terminated_at<L, C>;
};
template <> struct error_names<ctbpf::parse_problem::expected_mnemonic> {
    template <std::uint32_t L, std::uint32_t C> using at = ctbpf::error::expected_instruction_or_label_at<L, C>;
};
template <> struct error_names<ctbpf::parse_problem::unknown_mnemonic> {
    template <std::uint32_t L, std::uint32_t C> using at = ctbpf::error::unknown_mnemonic_at<L, C>;
};
template <> struct error_names<ctbpf::parse_problem::expected_load_operand> {
    template <std::uint32_t L, std::uint32_t C> using at = ctbpf::error::expected_load_operand_at<L, C>;
};
template <> struct error_names<ctbpf::parse_problem::expected_packet_operand> {
    template <std::uint32_t L, std::uint32_t C> using at = ctbpf::error::expected_packet_operand_at<L, C>;
};
template <> struct error_names<ctbpf::parse_problem::expected_index_operand> {
    template <std::uint32_t L, std::uint32_t C> using at = ctbpf::error::expected_index_register_operand_at<L, C>;
};
template <> struct error_names<ctbpf::parse_problem::expected_memory_operand> {
    template <std::uint32_t L, std::uint32_t C> using at = ctbpf::error::expected_scratch_memory_operand_at<L, C>;
};
template <> struct error_names<ctbpf::parse_problem::expected_constant_or_x> {
    template <std::uint32_t L, std::uint32_t C> using at = ctbpf::error::expected_constant_or_x_at<L, C>;
};
template <> struct error_names<ctbpf::parse_problem::expected_return_value> {
    template <std::uint32_t L, std::uint32_t C> using at = ctbpf::error::expected_return_value_at<L, C>;
};
template <> struct error_names<ctbpf::parse_problem::expected_register> {
    template <std::uint32_t L, std::uint32_t C> using at = ctbpf::error::expected_register_after_percent_at<L, C>;
};
template <> struct error_names<ctbpf::parse_problem::expected_number> {
    template <std::uint32_t L, std::uint32_t C> using at = ctbpf::error::expected_number_at<L, C>;
};
template <> struct error_names<ctbpf::parse_problem::number_out_of_range> {
    template <std::uint32_t L, std::uint32_t C> using at = ctbpf::error::number_out_of_range_at<L, C>;
};
template <> struct error_names<ctbpf::parse_problem::expected_open_bracket> {
    template <std::uint32_t L, std::uint32_t C> using at = ctbpf::error::expected_open_bracket_at<L, C>;
};
template <> struct error_names<ctbpf::parse_problem::expected_close_bracket> {
    template <std::uint32_t L, std::uint32_t C> using at = ctbpf::error::expected_close_bracket_at<L, C>;
};
template <> struct error_names<ctbpf::parse_problem::expected_plus> {
    template <std::uint32_t L, std::uint32_t C> using at = ctbpf::error::expected_plus_at<L, C>;
};
template <> struct error_names<ctbpf::parse_problem::expected_open_parenthesis> {
    template <std::uint32_t L, std::uint32_t C> using at = ctbpf::error::expected_open_parenthesis_at<L, C>;
};
template <> struct error_names<ctbpf::parse_problem::expected_close_parenthesis> {
    template <std::uint32_t L, std::uint32_t C> using at = ctbpf::error::expected_close_parenthesis_at<L, C>;
};
template <> struct error_names<ctbpf::parse_problem::expected_star> {
    template <std::uint32_t L, std::uint32_t C> using at = ctbpf::error::expected_star_at<L, C>;
};
template <> struct error_names<ctbpf::parse_problem::expected_ampersand> {
    template <std::uint32_t L, std::uint32_t C> using at = ctbpf::error::expected_ampersand_at<L, C>;
};
template <> struct error_names<ctbpf::parse_problem::msh_is_4_times_low_nibble> {
    template <std::uint32_t L, std::uint32_t C> using at = ctbpf::error::only_4_times_low_nibble_exists_at<L, C>;
};
template <> struct error_names<ctbpf::parse_problem::expected_comma_before_target> {
    template <std::uint32_t L, std::uint32_t C> using at = ctbpf::error::expected_comma_before_the_jump_target_at<L, C>;
};
template <> struct error_names<ctbpf::parse_problem::expected_comma_between_targets> {
    template <std::uint32_t L, std::uint32_t C> using at = ctbpf::error::expected_comma_between_jump_targets_at<L, C>;
};
template <> struct error_names<ctbpf::parse_problem::expected_label> {
    template <std::uint32_t L, std::uint32_t C> using at = ctbpf::error::expected_label_at<L, C>;
};
template <> struct error_names<ctbpf::parse_problem::unknown_label> {
    template <std::uint32_t L, std::uint32_t C> using at = ctbpf::error::unknown_label_at<L, C>;
};
template <> struct error_names<ctbpf::parse_problem::duplicate_label> {
    template <std::uint32_t L, std::uint32_t C> using at = ctbpf::error::label_defined_twice_at<L, C>;
};
template <> struct error_names<ctbpf::parse_problem::backward_jump> {
    template <std::uint32_t L, std::uint32_t C> using at = ctbpf::error::jump_to_label_not_ahead_at<L, C>;
};
template <> struct error_names<ctbpf::parse_problem::label_without_instruction> {
    template <std::uint32_t L, std::uint32_t C> using at = ctbpf::error::label_after_the_last_instruction_at<L, C>;
};
template <> struct error_names<ctbpf::parse_problem::too_many_instructions> {
    template <std::uint32_t L, std::uint32_t C> using at = ctbpf::error::more_than_4096_instructions_at<L, C>;
};
template <> struct error_names<ctbpf::parse_problem::too_many_labels> {
    template <std::uint32_t L, std::uint32_t C> using at = ctbpf::error::more_than_4096_labels_at<L, C>;
};
template <> struct error_names<ctbpf::parse_problem::empty_program> {
    template <std::uint32_t L, std::uint32_t C> using at = ctbpf::error::no_instructions_at<L, C>;
};
template <> struct error_names<ctbpf::parse_problem::expected_open_brace> {
    template <std::uint32_t L, std::uint32_t C> using at = ctbpf::error::expected_open_brace_at<L, C>;
};
template <> struct error_names<ctbpf::parse_problem::expected_close_brace> {
    template <std::uint32_t L, std::uint32_t C> using at = ctbpf::error::expected_close_brace_at<L, C>;
};
template <> struct error_names<ctbpf::parse_problem::expected_comma> {
    template <std::uint32_t L, std::uint32_t C> using at = ctbpf::error::expected_comma_at<L, C>;
};
template <> struct error_names<ctbpf::parse_problem::count_mismatch> {
    template <std::uint32_t L, std::uint32_t C> using at = ctbpf::error::instruction_count_does_not_match_at<L, C>;
};
template <> struct error_names<ctbpf::parse_problem::trailing_text> {
    template <std::uint32_t L, std::uint32_t C> using at = ctbpf::error::text_after_the_program_at<L, C>;
};
template <> struct error_names<ctbpf::parse_problem::not_an_input_format> {
    template <std::uint32_t L, std::uint32_t C> using at = ctbpf::error::tcpdump_d_is_not_an_input_format_at<L, C>;
};

// tcpdump expressions (at_column<Column>)
template <> struct error_names<ctbpf::pcap_filter_problem::unexpected_character> {
    template <std::uint32_t C> using at_column = ctbpf::error::unexpected_character_at_column<C>;
};
template <> struct error_names<ctbpf::pcap_filter_problem::expected_expression> {
    template <std::uint32_t C> using at_column = ctbpf::error::expected_primitive_at_column<C>;
};
template <> struct error_names<ctbpf::pcap_filter_problem::expected_close_parenthesis> {
    template <std::uint32_t C> using at_column = ctbpf::error::expected_close_parenthesis_at_column<C>;
};
template <> struct error_names<ctbpf::pcap_filter_problem::expected_close_bracket> {
    template <std::uint32_t C> using at_column = ctbpf::error::expected_close_bracket_at_column<C>;
};
template <> struct error_names<ctbpf::pcap_filter_problem::expected_number> {
    template <std::uint32_t C> using at_column = ctbpf::error::expected_number_at_column<C>;
};
template <> struct error_names<ctbpf::pcap_filter_problem::expected_address> {
    template <std::uint32_t C> using at_column = ctbpf::error::expected_address_at_column<C>;
};
template <> struct error_names<ctbpf::pcap_filter_problem::expected_port_number> {
    template <std::uint32_t C> using at_column = ctbpf::error::expected_port_number_at_column<C>;
};
template <> struct error_names<ctbpf::pcap_filter_problem::expected_relation> {
    template <std::uint32_t C> using at_column = ctbpf::error::expected_relation_at_column<C>;
};
template <> struct error_names<ctbpf::pcap_filter_problem::number_out_of_range> {
    template <std::uint32_t C> using at_column = ctbpf::error::number_out_of_range_at_column<C>;
};
template <> struct error_names<ctbpf::pcap_filter_problem::bad_address> {
    template <std::uint32_t C> using at_column = ctbpf::error::malformed_address_at_column<C>;
};
template <> struct error_names<ctbpf::pcap_filter_problem::bad_mask> {
    template <std::uint32_t C> using at_column = ctbpf::error::malformed_network_mask_at_column<C>;
};
template <> struct error_names<ctbpf::pcap_filter_problem::unknown_name> {
    template <std::uint32_t C> using at_column = ctbpf::error::unknown_name_at_column<C>;
};
template <> struct error_names<ctbpf::pcap_filter_problem::needs_the_system> {
    template <std::uint32_t C> using at_column = ctbpf::error::needs_the_system_databases_at_column<C>;
};
template <> struct error_names<ctbpf::pcap_filter_problem::not_supported> {
    template <std::uint32_t C> using at_column = ctbpf::error::primitive_not_supported_at_column<C>;
};
template <> struct error_names<ctbpf::pcap_filter_problem::qualifier_not_allowed> {
    template <std::uint32_t C> using at_column = ctbpf::error::qualifier_not_allowed_at_column<C>;
};
template <> struct error_names<ctbpf::pcap_filter_problem::text_after_the_expression> {
    template <std::uint32_t C> using at_column = ctbpf::error::text_after_the_expression_at_column<C>;
};
template <> struct error_names<ctbpf::pcap_filter_problem::too_complex> {
    template <std::uint32_t C> using at_column = ctbpf::error::expression_too_complex_at_column<C>;
};
template <> struct error_names<ctbpf::pcap_filter_problem::division_by_zero> {
    template <std::uint32_t C> using at_column = ctbpf::error::division_by_constant_zero_at_column<C>;
};
template <> struct error_names<ctbpf::pcap_filter_problem::not_on_this_link> {
    template <std::uint32_t C> using at_column = ctbpf::error::not_on_this_link_type_at_column<C>;
};

// the filter language (in_filter<Culprit, Position, Name>)
template <> struct error_names<ctbpf::detail::dsl::problem::shift_of_32_or_more> {
    template <std::uint32_t Culprit, std::uint32_t Position, fixed_string Name> using in_filter = ctbpf::error::shift_by_32_or_more_in_filter<Culprit, Position>;
};
template <> struct error_names<ctbpf::detail::dsl::problem::division_by_zero> {
    template <std::uint32_t Culprit, std::uint32_t Position, fixed_string Name> using in_filter = ctbpf::error::division_by_constant_zero_in_filter<static_cast<char>(Culprit), Position>;
};
template <> struct error_names<ctbpf::detail::dsl::problem::offset_out_of_range> {
    template <std::uint32_t Culprit, std::uint32_t Position, fixed_string Name> using in_filter = ctbpf::error::load_offset_out_of_range_in_filter<Culprit, Position>;
};
template <> struct error_names<ctbpf::detail::dsl::problem::too_many_scratch_values> {
    template <std::uint32_t Culprit, std::uint32_t Position, fixed_string Name> using in_filter = ctbpf::error::more_than_16_scratch_values_live_at_once_in_filter<Position>;
};
template <> struct error_names<ctbpf::detail::dsl::problem::too_many_lets> {
    template <std::uint32_t Culprit, std::uint32_t Position, fixed_string Name> using in_filter = ctbpf::error::more_than_16_lets_nested_in_filter<Name>;
};
template <> struct error_names<ctbpf::detail::dsl::problem::too_long> {
    template <std::uint32_t Culprit, std::uint32_t Position, fixed_string Name> using in_filter = ctbpf::error::more_than_4096_instructions_in_filter<Culprit>;
};
template <> struct error_names<ctbpf::detail::dsl::problem::duplicate_case> {
    template <std::uint32_t Culprit, std::uint32_t Position, fixed_string Name> using in_filter = ctbpf::error::switch_case_value_given_twice_in_filter<Culprit, Position>;
};
template <> struct error_names<ctbpf::detail::dsl::problem::unknown_variable> {
    template <std::uint32_t Culprit, std::uint32_t Position, fixed_string Name> using in_filter = ctbpf::error::variable_read_outside_its_let_in_filter<Name>;
};
template <> struct error_names<ctbpf::detail::dsl::problem::tcpdump_refused> {
    template <std::uint32_t Culprit, std::uint32_t Position, fixed_string Name> using in_filter = ctbpf::error::tcpdump_primitive_not_valid_here_in_filter<Culprit>;
};

// seccomp policies (in_policy<Rule, Value>)
template <> struct error_names<ctbpf::seccomp::policy_problem::errno_above_4095> {
    template <std::uint32_t Rule, std::uint32_t Value> using in_policy = ctbpf::error::errno_above_4095_in_policy<Rule, Value>;
};
template <> struct error_names<ctbpf::seccomp::policy_problem::invalid_action> {
    template <std::uint32_t Rule, std::uint32_t Value> using in_policy = ctbpf::error::unknown_action_in_policy<Rule, Value>;
};
template <> struct error_names<ctbpf::seccomp::policy_problem::rule_never_decides> {
    template <std::uint32_t Rule, std::uint32_t Value> using in_policy = ctbpf::error::rule_never_decides_in_policy<Rule, Value>;
};
template <> struct error_names<ctbpf::seccomp::policy_problem::value_wider_than_32_bits> {
    template <std::uint32_t Rule, std::uint32_t Value> using in_policy = ctbpf::error::value_wider_than_32_bits_in_policy<Rule>;
};
// clang-format on

}  // namespace CTBPF_NAMESPACE::detail
