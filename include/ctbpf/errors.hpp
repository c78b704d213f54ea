// ctbpf/errors.hpp — every compile-time error of ctbpf, one line each (docs/diagnostics.md shows
// what g++ and clang++ print for each, and how to fix it). Each is a class template that is
// declared and never defined; its name is the message and its arguments say where:
//   <problem>_at_instruction<I>      a program (builders, images, compiled filters): instruction I,
//                                    counted from 0; link errors of the template-argument form of
//                                    assemble also name the label
//   <problem>_at<Line, Column>       text (bpf_asm source, tcpdump -dd/-ddd, bytecode), from 1
//   <problem>_in_filter<...>         the filter language (compile<filter>()): the culprit value and
//                                    which one of its kind, from 1 as written (the n-th load, ...)
//   <problem>_in_policy<Rule, ...>   seccomp policies (compile<policy>()): the rule and the value
//   <problem>_at_column<Column>      tcpdump expressions (pcap_filter<"...">()), from 1
// A template-argument form (compile<filter>(), assemble<"...">(), assemble<[] { return link(...);
// }>(), native<image>) names the error on the first `error:` line of both compilers; the
// function-call form assemble(...) names it on g++'s first error line and in clang's first note.
#pragma once

#include <cstddef>
#include <cstdint>

#include "detail/config.hpp"
#include "fixed_string.hpp"

// What each part reports: one enum per part, returned at run time and named at compile time
// (the messages live beside the code that reports them: describe(rule), describe(link_error),
// describe(parse_problem), describe(pcap_filter_problem))

// the kernel's verifier (verify.hpp)
namespace CTBPF_NAMESPACE {
/// The rule a rejected program breaks. The kernel answers EINVAL for each of them.
enum class rule : std::uint8_t {
    none = 0,                     ///< accepted
    program_empty,                ///< 0 instructions
    program_too_long,             ///< more than 4096 instructions
    opcode_not_allowed,           ///< code not among the 49 of chk_code_allowed
    division_by_zero,             ///< DIV or MOD by constant 0
    shift_out_of_range,           ///< LSH or RSH by a constant >= 32
    scratch_index_out_of_range,   ///< M[k] with k >= 16
    jump_out_of_range,            ///< a jump target past the last instruction
    unknown_ancillary,            ///< LD ABS at k >= SKF_AD_OFF that is no known ancillary value
    last_not_return,              ///< the last instruction is not RET K or RET A
    scratch_read_before_write,    ///< M[k] read where the kernel's pass cannot prove a store
    seccomp_opcode_not_allowed,   ///< allowed for sockets, not for seccomp
    seccomp_load_out_of_bounds,   ///< seccomp LD W ABS at k >= 64
    seccomp_load_misaligned,      ///< seccomp LD W ABS at k not a multiple of 4
    converted_jump_out_of_range,  ///< jump offset leaves s16 after the kernel's eBPF conversion
};
}  // namespace CTBPF_NAMESPACE

// the linker (compiler/link.hpp)
namespace CTBPF_NAMESPACE {
/// Problems the linker finds before verification.
enum class link_error : std::uint8_t {
    none = 0,
    unknown_label,          ///< a jump names a label that is never defined
    duplicate_label,        ///< the same label is defined twice
    backward_jump,          ///< a jump names a label at or before the jumping instruction
    conditional_too_far,    ///< a conditional target more than 255 ahead, where the size is fixed
    negative_skip,          ///< a relative jump skip below zero
    skip_too_large,         ///< a relative skip that does not fit its field
    too_many_instructions,  ///< more than 4096 instructions once far jumps are relaxed
};
}  // namespace CTBPF_NAMESPACE

// text input (parse.hpp)
namespace CTBPF_NAMESPACE {
/// What is wrong with a text.
enum class parse_problem : std::uint8_t {
    none,
    unexpected_character,            ///< a character that starts no token
    unterminated_comment,            ///< /* without */
    expected_mnemonic,               ///< a line does not start with an instruction or a label
    unknown_mnemonic,                ///< an identifier that is no instruction
    expected_load_operand,           ///< ld: not #k, [k], [x + k], M[k], len or an extension
    expected_packet_operand,         ///< ldh/ldb: not [k], [x + k] or an extension
    expected_index_operand,          ///< ldx: not #k, M[k], len or 4*([k]&0xf)
    expected_memory_operand,         ///< st/stx: not M[k]
    expected_constant_or_x,          ///< ALU and jumps: not #k or x
    expected_return_value,           ///< ret: not #k, a or x
    expected_register,               ///< `%` not followed by a register name
    expected_number,                 ///< a number was expected here
    number_out_of_range,             ///< more than 32 bits (or 16/8 for code/jt/jf)
    expected_open_bracket,           ///< `[` missing
    expected_close_bracket,          ///< `]` missing
    expected_plus,                   ///< `+` missing in [x + k]
    expected_open_parenthesis,       ///< `(` missing in 4*([k]&0xf)
    expected_close_parenthesis,      ///< `)` missing in 4*([k]&0xf)
    expected_star,                   ///< `*` missing in 4*([k]&0xf)
    expected_ampersand,              ///< `&` missing in 4*([k]&0xf)
    msh_is_4_times_low_nibble,       ///< 4*([k]&0xf) written with another factor or mask
    expected_comma_before_target,    ///< `,` missing between the compared value and the targets
    expected_comma_between_targets,  ///< `,` missing between two jump targets
    expected_label,                  ///< a jump needs a label here
    unknown_label,                   ///< a jump names a label that is not defined
    duplicate_label,                 ///< a label defined twice
    backward_jump,                   ///< a jump to a label at or before the jump
    label_without_instruction,       ///< a label after the last instruction
    too_many_labels,                 ///< more than 4096 label definitions
    too_many_instructions,           ///< more than 4096 (after relaxation): where the 4097th starts
    empty_program,                   ///< no instruction at all
    expected_open_brace,             ///< -dd: `{` missing
    expected_close_brace,            ///< -dd: `}` missing
    expected_comma,                  ///< -dd, bytecode: `,` missing
    count_mismatch,                  ///< -ddd / bytecode: fewer instructions than the count says
    trailing_text,                   ///< text after the end of the image
    not_an_input_format,             ///< tcpdump -d output is not read back
};
}  // namespace CTBPF_NAMESPACE

// tcpdump expressions (pcap_filter.hpp)
namespace CTBPF_NAMESPACE {
/// What is wrong with an expression (docs/pcap-filter.md lists each with its message).
enum class pcap_filter_problem : std::uint8_t {
    none,
    unexpected_character,
    expected_expression,
    expected_close_parenthesis,
    expected_close_bracket,
    expected_number,
    expected_address,
    expected_port_number,
    expected_relation,
    number_out_of_range,
    bad_address,
    bad_mask,
    unknown_name,
    needs_the_system,       ///< host names, gateway, /etc/ethers, `broadcast` without a netmask
    not_supported,          ///< a pcap-filter primitive this version does not compile (the docs list them)
    qualifier_not_allowed,  ///< e.g. `tcp host`, `ether port`
    text_after_the_expression,
    too_complex,  ///< more than max_nodes nodes, 16 scratch cells, or 4096 instructions before optimization
    division_by_zero,
    not_on_this_link,  ///< e.g. `ether host` on raw IP, `vlan` after `mpls`, `arp` over MPLS (libpcap refuses them)
};
}  // namespace CTBPF_NAMESPACE

// the filter language (dsl/compile.hpp), internal
namespace CTBPF_NAMESPACE::detail::dsl {
/// What can go wrong while compiling a filter.
enum class problem : std::uint8_t {
    none,
    shift_of_32_or_more,      ///< a constant shift count >= 32 (position: the n-th shift)
    division_by_zero,         ///< a constant divisor of 0 (position: the n-th `/` or `%`)
    offset_out_of_range,      ///< a load offset outside the packet's 64 KiB (or SKF_NET/LL) range (the n-th load)
    too_many_scratch_values,  ///< more than 16 temporaries and let-bindings live at once (the n-th operation)
    too_many_lets,            ///< a let<Name> inside 16 others
    too_long,                 ///< more than 4096 instructions
    unknown_variable,         ///< var<"name"> read outside let<"name">
    duplicate_case,           ///< a switch case value given twice (position: the n-th switch_)
    tcpdump_refused,          ///< a tcpdump primitive libpcap refuses where it stands (the n-th primitive)
};
}  // namespace CTBPF_NAMESPACE::detail::dsl

// seccomp policies (seccomp/compile.hpp)
namespace CTBPF_NAMESPACE::seccomp {
/// What is wrong with a policy (reported by compile<policy>() as the errors.hpp names).
enum class policy_problem : std::uint8_t {
    none,
    invalid_action,            ///< culprit: the rule (0: the default or foreign action), value: action
    errno_above_4095,          ///< culprit: the rule, value: the errno
    rule_never_decides,        ///< culprit: the rule, value: the system call
    value_wider_than_32_bits,  ///< culprit: the rule; an arg32 compared with a 64-bit value
};
}  // namespace CTBPF_NAMESPACE::seccomp

// binding placeholders of a compiled policy (seccomp::bindable_image::bind)
namespace CTBPF_NAMESPACE::seccomp {
enum class bind_problem : std::uint8_t { none, unknown_placeholder, bound_twice, not_bound };
}  // namespace CTBPF_NAMESPACE::seccomp

namespace CTBPF_NAMESPACE::error {

// clang-format off
// ---- programs: the kernel's verifier (docs/verify.md) ---------------------------------------
// not one of the 49 codes
template <std::size_t Instruction> struct opcode_not_allowed_at_instruction;
// div #0, mod #0
template <std::size_t Instruction> struct division_by_constant_zero_at_instruction;
// lsh/rsh #k, k >= 32
template <std::size_t Instruction> struct shift_by_32_or_more_at_instruction;
// M[k], k >= 16
template <std::size_t Instruction> struct scratch_memory_index_out_of_range_at_instruction;
// lands past the end
template <std::size_t Instruction> struct jump_target_out_of_range_at_instruction;
// SKF_AD_OFF + n, unknown n
template <std::size_t Instruction> struct unknown_ancillary_offset_at_instruction;
// must end in ret
template <std::size_t Instruction> struct last_instruction_is_not_a_return_at_instruction;
// M[k] unset on a path
template <std::size_t Instruction> struct scratch_memory_read_before_write_at_instruction;
// e.g. ldh, mod, [x + k]
template <std::size_t Instruction> struct opcode_not_allowed_in_seccomp_at_instruction;
// ld [k], k >= 64
template <std::size_t Instruction> struct seccomp_load_past_seccomp_data_at_instruction;
// ld [k], k % 4 != 0
template <std::size_t Instruction> struct seccomp_load_not_4_byte_aligned_at_instruction;
// eBPF's 16-bit offsets
template <std::size_t Instruction> struct jump_too_far_after_conversion_to_ebpf_at_instruction;
// Count is 0
template <std::size_t Count> struct no_instructions;
// Count instructions
template <std::size_t Count> struct more_than_4096_instructions;

// ---- programs: labels and skips of builders (compiler/link.hpp) ------------------------------
// no such label
template <std::size_t Instruction, fixed_string Label = ""> struct unknown_label_at_instruction;
// the second definition
template <std::size_t Instruction, fixed_string Label = ""> struct label_defined_twice_at_instruction;
// only forward jumps
template <std::size_t Instruction, fixed_string Label = ""> struct jump_to_label_not_ahead_at_instruction;
// 8-bit jt/jf
template <std::size_t Instruction, fixed_string Label = ""> struct conditional_jump_farther_than_255_at_instruction;
// a skip below 0
template <std::size_t Instruction> struct negative_jump_offset_at_instruction;
// a jt/jf skip above 255
template <std::size_t Instruction> struct jump_offset_too_large_at_instruction;

// ---- text: the problem, then line and column (parse/problems.hpp) ----------------------------
// not part of any token
template <std::uint32_t Line, std::uint32_t Column> struct unexpected_character_at;
// /* without */
template <std::uint32_t Line, std::uint32_t Column> struct comment_not_terminated_at;
// a line starts wrong
template <std::uint32_t Line, std::uint32_t Column> struct expected_instruction_or_label_at;
// not a bpf_asm mnemonic
template <std::uint32_t Line, std::uint32_t Column> struct unknown_mnemonic_at;
// ld: [k], #k, M[k], ...
template <std::uint32_t Line, std::uint32_t Column> struct expected_load_operand_at;
// ldh/ldb: [k] or [x + k]
template <std::uint32_t Line, std::uint32_t Column> struct expected_packet_operand_at;
// ldx operands
template <std::uint32_t Line, std::uint32_t Column> struct expected_index_register_operand_at;
// st/stx: M[k]
template <std::uint32_t Line, std::uint32_t Column> struct expected_scratch_memory_operand_at;
// alu and jumps: #k or x
template <std::uint32_t Line, std::uint32_t Column> struct expected_constant_or_x_at;
// ret: #k, a or x
template <std::uint32_t Line, std::uint32_t Column> struct expected_return_value_at;
// %a, %x
template <std::uint32_t Line, std::uint32_t Column> struct expected_register_after_percent_at;
// a number goes here
template <std::uint32_t Line, std::uint32_t Column> struct expected_number_at;
// too large for its field
template <std::uint32_t Line, std::uint32_t Column> struct number_out_of_range_at;
// [
template <std::uint32_t Line, std::uint32_t Column> struct expected_open_bracket_at;
// ]
template <std::uint32_t Line, std::uint32_t Column> struct expected_close_bracket_at;
// + in [x + k]
template <std::uint32_t Line, std::uint32_t Column> struct expected_plus_at;
// ( in 4*([k]&0xf)
template <std::uint32_t Line, std::uint32_t Column> struct expected_open_parenthesis_at;
// )
template <std::uint32_t Line, std::uint32_t Column> struct expected_close_parenthesis_at;
// * in 4*([k]&0xf)
template <std::uint32_t Line, std::uint32_t Column> struct expected_star_at;
// & in 4*([k]&0xf)
template <std::uint32_t Line, std::uint32_t Column> struct expected_ampersand_at;
// 4*([k]&0xf) only
template <std::uint32_t Line, std::uint32_t Column> struct only_4_times_low_nibble_exists_at;
// jeq #k, ...
template <std::uint32_t Line, std::uint32_t Column> struct expected_comma_before_the_jump_target_at;
// ..., t, f
template <std::uint32_t Line, std::uint32_t Column> struct expected_comma_between_jump_targets_at;
// a jump's target
template <std::uint32_t Line, std::uint32_t Column> struct expected_label_at;
// no such label
template <std::uint32_t Line, std::uint32_t Column> struct unknown_label_at;
// the second definition
template <std::uint32_t Line, std::uint32_t Column> struct label_defined_twice_at;
// only forward jumps
template <std::uint32_t Line, std::uint32_t Column> struct jump_to_label_not_ahead_at;
// names nothing
template <std::uint32_t Line, std::uint32_t Column> struct label_after_the_last_instruction_at;
// where the 4097th starts
template <std::uint32_t Line, std::uint32_t Column> struct more_than_4096_instructions_at;
// the 4097th label
template <std::uint32_t Line, std::uint32_t Column> struct more_than_4096_labels_at;
// empty text
template <std::uint32_t Line, std::uint32_t Column> struct no_instructions_at;
// -dd: {
template <std::uint32_t Line, std::uint32_t Column> struct expected_open_brace_at;
// -dd: }
template <std::uint32_t Line, std::uint32_t Column> struct expected_close_brace_at;
// -dd, bytecode: ,
template <std::uint32_t Line, std::uint32_t Column> struct expected_comma_at;
// -ddd, bytecode count
template <std::uint32_t Line, std::uint32_t Column> struct instruction_count_does_not_match_at;
// more than the count
template <std::uint32_t Line, std::uint32_t Column> struct text_after_the_program_at;
// -d is for people
template <std::uint32_t Line, std::uint32_t Column> struct tcpdump_d_is_not_an_input_format_at;
// ---- text the kernel's verifier rejects: the rule, then where the instruction was written ----
// not one of the 49 codes
template <std::uint32_t Line, std::uint32_t Column> struct opcode_not_allowed_at;
// div #0, mod #0
template <std::uint32_t Line, std::uint32_t Column> struct division_by_constant_zero_at;
// lsh/rsh #k, k >= 32
template <std::uint32_t Line, std::uint32_t Column> struct shift_by_32_or_more_at;
// M[k], k >= 16
template <std::uint32_t Line, std::uint32_t Column> struct scratch_memory_index_out_of_range_at;
// lands past the end
template <std::uint32_t Line, std::uint32_t Column> struct jump_target_out_of_range_at;
// SKF_AD_OFF + n, unknown n
template <std::uint32_t Line, std::uint32_t Column> struct unknown_ancillary_offset_at;
// must end in ret
template <std::uint32_t Line, std::uint32_t Column> struct last_instruction_is_not_a_return_at;
// M[k] unset on a path
template <std::uint32_t Line, std::uint32_t Column> struct scratch_memory_read_before_write_at;
// e.g. ldh, mod, [x + k]
template <std::uint32_t Line, std::uint32_t Column> struct opcode_not_allowed_in_seccomp_at;
// ld [k], k >= 64
template <std::uint32_t Line, std::uint32_t Column> struct seccomp_load_past_seccomp_data_at;
// ld [k], k % 4 != 0
template <std::uint32_t Line, std::uint32_t Column> struct seccomp_load_not_4_byte_aligned_at;
// eBPF's 16-bit offsets
template <std::uint32_t Line, std::uint32_t Column> struct jump_too_far_after_conversion_to_ebpf_at;

// ---- the filter language: the problem, its culprit and where (dsl/compile.hpp) ---------------
// Positions count from 1, left to right as the filter is written (dsl/written.hpp): the n-th
// shift, division (`/` or `%`), load (u8/u16/u32 or a header field; a load before the loads in
// its offset) or switch_ of the whole filter, operators folded into constants included.
// x << Count, Count >= 32: the Shift-th `<<` or `>>`
template <std::uint32_t Count, std::uint32_t Shift> struct shift_by_32_or_more_in_filter;
// x / 0 or x % 0 after folding: the Division-th `/` or `%`
template <char Operator, std::uint32_t Division> struct division_by_constant_zero_in_filter;
// u8/u16/u32(Offset): the Load-th load
template <std::uint32_t Offset, std::uint32_t Load> struct load_offset_out_of_range_in_filter;
// the Operation-th operator, comparison or netlink_attr written (from 1) needs a 17th scratch cell
template <std::uint32_t Operation> struct more_than_16_scratch_values_live_at_once_in_filter;
// let<Name> inside 16 others: each holds a scratch cell
template <fixed_string Name> struct more_than_16_lets_nested_in_filter;
// the compiled filter
template <std::uint32_t Limit> struct more_than_4096_instructions_in_filter;
// var<Name>, no let<Name>
template <fixed_string Name> struct variable_read_outside_its_let_in_filter;
// the Position-th tcpdump primitive written (from 1) is one libpcap refuses where it stands:
// `arp` after mpls(), vlan() after mpls() or pppoes(), inbound after pppoes(), ether_host() after pppoes()
template <std::uint32_t Position> struct tcpdump_primitive_not_valid_here_in_filter;
// if_(p, s) (with Branches - 1 else_if) and no .else_(s): a filter returns on every path
template <std::size_t Branches> struct if_without_else_in_filter;
// case_(Value) twice in the Switch-th switch_
template <std::uint32_t Value, std::uint32_t Switch> struct switch_case_value_given_twice_in_filter;

// ---- tcpdump expressions: the problem and its column, from 1 (pcap_filter.hpp) ------------------
// a character pcap-filter does not use
template <std::uint32_t Column> struct unexpected_character_at_column;
// a primitive, `not` or `(` expected
template <std::uint32_t Column> struct expected_primitive_at_column;
// `(` without `)`
template <std::uint32_t Column> struct expected_close_parenthesis_at_column;
// `proto[` without `]`
template <std::uint32_t Column> struct expected_close_bracket_at_column;
// a number expected
template <std::uint32_t Column> struct expected_number_at_column;
// host or net without an address
template <std::uint32_t Column> struct expected_address_at_column;
// port or portrange without a number or service name
template <std::uint32_t Column> struct expected_port_number_at_column;
// arithmetic without = != < <= > >=
template <std::uint32_t Column> struct expected_relation_at_column;
// a number too large for its place
template <std::uint32_t Column> struct number_out_of_range_at_column;
// not an IPv4, IPv6 or MAC address
template <std::uint32_t Column> struct malformed_address_at_column;
// a mask or /len that does not fit, or address bits outside it
template <std::uint32_t Column> struct malformed_network_mask_at_column;
// a name pcap-filter does not know
template <std::uint32_t Column> struct unknown_name_at_column;
// host names, gateway, /etc/ethers, a netmask
template <std::uint32_t Column> struct needs_the_system_databases_at_column;
// a pcap-filter primitive ctbpf does not compile yet
template <std::uint32_t Column> struct primitive_not_supported_at_column;
// e.g. `ip port`, `ether net`
template <std::uint32_t Column> struct qualifier_not_allowed_at_column;
// e.g. an unmatched `)`
template <std::uint32_t Column> struct text_after_the_expression_at_column;
// more nodes or scratch cells than fit
template <std::uint32_t Column> struct expression_too_complex_at_column;
// x / 0, x % 0
template <std::uint32_t Column> struct division_by_constant_zero_at_column;
// what libpcap refuses on the link type or after vlan/mpls/pppoes: `ether host` on raw IP, `arp` over MPLS
template <std::uint32_t Column> struct not_on_this_link_type_at_column;

// ---- seccomp policies: the problem and where (seccomp/compile.hpp) ------------------------------
// Rule counts the rules from 1 in the order written; 0 is the default (or foreign-arch) action.
// sc::arg<Index>, Index > 5
template <unsigned Index> struct argument_index_above_5_in_policy;
// SECCOMP_RET_ERRNO with a datum above MAX_ERRNO
template <std::uint32_t Rule, std::uint32_t Errno> struct errno_above_4095_in_policy;
// not a SECCOMP_RET_* action
template <std::uint32_t Rule, std::uint32_t Action> struct unknown_action_in_policy;
// an earlier unconditional rule decides Syscall
template <std::uint32_t Rule, std::uint32_t Syscall> struct rule_never_decides_in_policy;
// arg32<i> compared with a value that needs 64 bits
template <std::uint32_t Rule> struct value_wider_than_32_bits_in_policy;
// the compiled policy
template <std::uint32_t Limit> struct more_than_4096_instructions_in_policy;
// clang-format on

/// The function-call form's mechanism: reaching a call of this non-constexpr function during
/// constant evaluation is the compile error, and `Error` (one of the above) is in its name.
template <class Error>
void reached();

}  // namespace CTBPF_NAMESPACE::error
