// Internal: turns an error found during constant evaluation into a compile error whose first
// line names the problem and the instruction: the failure branch calls a function template
// that is declared but never defined, e.g. ctbpf::error::jump_target_out_of_range_at_instruction<1>.
#pragma once

#include <cstddef>

#include "../verify.hpp"

namespace ctbpf {

/// Problems the label resolver of assemble() finds before verification.
enum class link_error : std::uint8_t {
    none = 0,
    unknown_label,        ///< a jump names a label that is never defined
    duplicate_label,      ///< the same label is defined twice
    backward_jump,        ///< a jump names a label at or before the jumping instruction
    conditional_too_far,  ///< a conditional jump target more than 255 instructions ahead
    negative_skip,        ///< a relative jump skip below zero
    skip_too_large,       ///< a relative skip that does not fit its field
};

constexpr std::string_view describe(link_error e) noexcept {
    switch (e) {
        case link_error::none: return "linked";
        case link_error::unknown_label: return "jump to a label that is not defined";
        case link_error::duplicate_label: return "the label is defined twice";
        case link_error::backward_jump: return "jump to a label that is not ahead of the jump";
        case link_error::conditional_too_far: return "conditional jump target is more than 255 instructions ahead";
        case link_error::negative_skip: return "negative jump offset";
        case link_error::skip_too_large: return "jump offset does not fit the instruction";
    }
    return "unknown link error";
}

// Each of these is declared and never defined: reaching one in a constant expression is the
// compile error, and its name is the message.
namespace error {
template <std::size_t Instruction>
void opcode_not_allowed_at_instruction();
template <std::size_t Instruction>
void division_by_constant_zero_at_instruction();
template <std::size_t Instruction>
void shift_by_32_or_more_at_instruction();
template <std::size_t Instruction>
void scratch_memory_index_out_of_range_at_instruction();
template <std::size_t Instruction>
void jump_target_out_of_range_at_instruction();
template <std::size_t Instruction>
void unknown_ancillary_offset_at_instruction();
template <std::size_t Instruction>
void last_instruction_is_not_a_return_at_instruction();
template <std::size_t Instruction>
void scratch_memory_read_before_write_at_instruction();
template <std::size_t Instruction>
void opcode_not_allowed_in_seccomp_at_instruction();
template <std::size_t Instruction>
void seccomp_load_past_seccomp_data_at_instruction();
template <std::size_t Instruction>
void seccomp_load_not_4_byte_aligned_at_instruction();
template <std::size_t Instruction>
void jump_too_far_after_conversion_to_ebpf_at_instruction();
template <std::size_t Instruction>
void jump_to_undefined_label_at_instruction();
template <std::size_t Instruction>
void label_defined_twice_at_instruction();
template <std::size_t Instruction>
void jump_to_label_not_ahead_at_instruction();
template <std::size_t Instruction>
void conditional_jump_farther_than_255_at_instruction();
template <std::size_t Instruction>
void negative_jump_offset_at_instruction();
template <std::size_t Instruction>
void jump_offset_too_large_at_instruction();
}  // namespace error

namespace detail {

template <std::size_t I>
constexpr void fail_at(rule r) {
    switch (r) {
        case rule::none:
        case rule::program_empty:
        case rule::program_too_long: break;
        case rule::opcode_not_allowed: error::opcode_not_allowed_at_instruction<I>(); break;
        case rule::division_by_zero: error::division_by_constant_zero_at_instruction<I>(); break;
        case rule::shift_out_of_range: error::shift_by_32_or_more_at_instruction<I>(); break;
        case rule::scratch_index_out_of_range: error::scratch_memory_index_out_of_range_at_instruction<I>(); break;
        case rule::jump_out_of_range: error::jump_target_out_of_range_at_instruction<I>(); break;
        case rule::unknown_ancillary: error::unknown_ancillary_offset_at_instruction<I>(); break;
        case rule::last_not_return: error::last_instruction_is_not_a_return_at_instruction<I>(); break;
        case rule::scratch_read_before_write: error::scratch_memory_read_before_write_at_instruction<I>(); break;
        case rule::seccomp_opcode_not_allowed: error::opcode_not_allowed_in_seccomp_at_instruction<I>(); break;
        case rule::seccomp_load_out_of_bounds: error::seccomp_load_past_seccomp_data_at_instruction<I>(); break;
        case rule::seccomp_load_misaligned: error::seccomp_load_not_4_byte_aligned_at_instruction<I>(); break;
        case rule::converted_jump_out_of_range: error::jump_too_far_after_conversion_to_ebpf_at_instruction<I>(); break;
    }
}

template <std::size_t I>
constexpr void fail_at(link_error e) {
    switch (e) {
        case link_error::none: break;
        case link_error::unknown_label: error::jump_to_undefined_label_at_instruction<I>(); break;
        case link_error::duplicate_label: error::label_defined_twice_at_instruction<I>(); break;
        case link_error::backward_jump: error::jump_to_label_not_ahead_at_instruction<I>(); break;
        case link_error::conditional_too_far: error::conditional_jump_farther_than_255_at_instruction<I>(); break;
        case link_error::negative_skip: error::negative_jump_offset_at_instruction<I>(); break;
        case link_error::skip_too_large: error::jump_offset_too_large_at_instruction<I>(); break;
    }
}

/// Calls fail_at<index>(kind) for Lo <= index < Hi by bisection: a dozen nested calls for a
/// 4096-instruction program, no fold expressions (Clang limits them to 256 terms).
template <std::size_t Lo, std::size_t Hi, class Kind>
constexpr void report(Kind kind, std::size_t index) {
    if constexpr (Hi - Lo <= 1) {
        if (index == Lo) fail_at<Lo>(kind);
    } else {
        constexpr std::size_t mid = Lo + (Hi - Lo) / 2;
        if (index < mid)
            report<Lo, mid>(kind, index);
        else
            report<mid, Hi>(kind, index);
    }
}

}  // namespace detail
}  // namespace ctbpf
