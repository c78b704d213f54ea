// Internal: turns an error found during constant evaluation into a compile error whose first
// line names the problem and the instruction: the failure branch calls a function template
// that is declared but never defined, e.g. ctbpf::error::jump_target_out_of_range_at_instruction<1>.
#pragma once

#include <cstddef>
#include <utility>

#include "../compiler/link.hpp"
#include "../verify.hpp"

namespace ctbpf {

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

/// What is wrong at one instruction of an assembled program: a link error or a broken rule.
struct instruction_problem {
    link_error link = link_error::none;
    rule verify = rule::none;
};

template <std::size_t I>
constexpr void fail_at(instruction_problem p) {
    switch (p.link) {
        case link_error::none: break;
        case link_error::unknown_label: error::jump_to_undefined_label_at_instruction<I>(); break;
        case link_error::duplicate_label: error::label_defined_twice_at_instruction<I>(); break;
        case link_error::backward_jump: error::jump_to_label_not_ahead_at_instruction<I>(); break;
        case link_error::conditional_too_far: error::conditional_jump_farther_than_255_at_instruction<I>(); break;
        case link_error::negative_skip: error::negative_jump_offset_at_instruction<I>(); break;
        case link_error::skip_too_large: error::jump_offset_too_large_at_instruction<I>(); break;
        case link_error::too_many_instructions: break;  // builders: one instruction each, counted statically
    }
    switch (p.verify) {
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

/// Calls fail_at<index>(p) for Lo <= index < Hi through a 16-way tree: three levels for a
/// 4096-instruction program, and folds of at most 16 terms (Clang refuses more than 256).
template <std::size_t Lo, std::size_t Hi>
constexpr void report(instruction_problem p, std::size_t index) {
    if constexpr (Hi - Lo <= 16) {
        [&]<std::size_t... K>(std::index_sequence<K...>) { ((index == Lo + K ? fail_at<Lo + K>(p) : void()), ...); }
        (std::make_index_sequence<Hi - Lo>{});
    } else {
        constexpr std::size_t step = (Hi - Lo + 15) / 16;
        [&]<std::size_t... K>(std::index_sequence<K...>) {
            ((index >= Lo + K * step && index < Lo + (K + 1) * step
                  ? report<Lo + K * step, (Lo + (K + 1) * step < Hi ? Lo + (K + 1) * step : Hi)>(p, index)
                  : void()),
             ...);
        }
        (std::make_index_sequence<(Hi - Lo + step - 1) / step>{});
    }
}

}  // namespace detail
}  // namespace ctbpf
