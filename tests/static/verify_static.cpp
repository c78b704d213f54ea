// Every verifier case as a static_assert, plus the generated long programs.
#include "../cases/verify_cases.hpp"

#include <utility>

namespace {

template <std::size_t I>
struct verify_case_holds {
    static constexpr const cases::verify_case& c = cases::verify_cases[I];
    static_assert(ctbpf::verify(c.prog(), c.profile) == c.expected, "verifier case failed: see cases::verify_cases[I]");
    static constexpr bool value = true;
};
template <std::size_t... I>
constexpr bool all(std::index_sequence<I...>) {
    return (verify_case_holds<I>::value && ...);
}
static_assert(all(std::make_index_sequence<cases::verify_cases.size()>{}));

using cases::op;
using ctbpf::rule;
using ctbpf::verify_result;

// Length limits.
static_assert(ctbpf::verify(cases::filled<4096>(op(0x00, 0, 0, 1))));
static_assert(ctbpf::verify(cases::filled<4097>(op(0x00, 0, 0, 1))) == verify_result{rule::program_too_long, 4097});

// The eBPF conversion: each `ld [1]` becomes 14 eBPF instructions, `ld [x + 1]` 9, `ldxb` 19.
static_assert(ctbpf::verify(cases::ja_over<2340>(op(0x20, 0, 0, 1))));
static_assert(ctbpf::verify(cases::ja_over<2341>(op(0x20, 0, 0, 1))) ==
              verify_result{rule::converted_jump_out_of_range, 0});
static_assert(ctbpf::verify(cases::ja_over<3640>(op(0x40, 0, 0, 1))));
static_assert(ctbpf::verify(cases::ja_over<3641>(op(0x40, 0, 0, 1))) ==
              verify_result{rule::converted_jump_out_of_range, 0});
static_assert(ctbpf::verify(cases::ja_over<1724>(op(0xb1, 0, 0, 14))));
static_assert(ctbpf::verify(cases::ja_over<1725>(op(0xb1, 0, 0, 14))) ==
              verify_result{rule::converted_jump_out_of_range, 0});
// A jump placed after 32767 eBPF instructions fails the conversion's first pass, whatever
// its target.
static_assert(ctbpf::verify(cases::jump_after<2340>(op(0x20, 0, 0, 1))));
static_assert(ctbpf::verify(cases::jump_after<2341>(op(0x20, 0, 0, 1))) ==
              verify_result{rule::converted_jump_out_of_range, 2341});
static_assert(ctbpf::verify(cases::filled<2402>(op(0x20, 0, 0, 1))));
// Seccomp converts loads to one instruction: the same shape is fine there.
static_assert(ctbpf::verify(cases::jump_after<4000>(op(0x20, 0, 0, 4)), ctbpf::profile::seccomp));

// describe() gives every rule a sentence.
static_assert(ctbpf::describe(rule::jump_out_of_range) == "jump target is past the last instruction");
static_assert(verify_result{rule::division_by_zero, 3}.message() == "division or modulo by constant zero");

}  // namespace
