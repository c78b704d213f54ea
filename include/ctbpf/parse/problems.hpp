// ctbpf/parse/problems.hpp — what can be wrong with a text, where it is (line and column, from
// 1), the message for each problem, and the compile error that names it
// (ctbpf::error::<problem>_at<Line, Column>).
// Usage: if (!r) std::cout << r.where.line << ':' << r.where.column << ": " << describe(r.problem);
#pragma once

#include <cstdint>
#include <string_view>
#include <type_traits>

#include "../detail/config.hpp"
#include "../detail/error_names.hpp"
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

/// The error for problem P at line L, column C (detail/error_names.hpp); raised<parse_error_t<P, L, C>>
/// is the compile error.
template <parse_problem P, std::uint32_t L, std::uint32_t C>
using parse_error_t = error_at<P, L, C>;
/// The error for text the kernel's verifier rejects: the rule, where the instruction was written.
template <rule R, std::uint32_t L, std::uint32_t C>
using rejected_text_error_t = error_at<R, L, C>;

}  // namespace detail
}  // namespace CTBPF_NAMESPACE
