#!/usr/bin/env bash
# Regenerates docs/diagnostics.md from the compile-fail tests: for each, what g++-12 and
# clang++-19 print (verbatim, paths stripped) and how to fix it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/docs/diagnostics.md
declare -A fix=(
  [jump_target_out_of_range]="A jump lands past the last instruction. Count the skip again (0 is the next instruction) or use a label."
  [opcode_not_allowed]="The code is outside the 49 the kernel allows (e.g. \`ret x\`, \`ldx [k]\`). Use a builder instead of \`raw\`."
  [division_by_constant_zero]="\`div #0\`/\`mod #0\` are rejected by the kernel; divide by another constant, or by X (X = 0 gives verdict 0)."
  [shift_by_32_or_more]="Constant shifts must be below 32; shift by X if the count is computed."
  [scratch_memory_index_out_of_range]="Scratch memory has 16 cells, \`M[0]\` to \`M[15]\`."
  [unknown_ancillary_offset]="Loads at \`SKF_AD_OFF + n\` must name one of the 16 ancillary values; use \`ld(ext::...)\`."
  [last_instruction_is_not_a_return]="Every program ends with \`ret(k)\` or \`ret(a)\`."
  [scratch_memory_read_before_write]="The kernel's pass cannot prove \`M[k]\` was stored on every path (a \`ret\` before the load counts as a path: see docs/verify.md). Store first, or move returns last."
  [opcode_not_allowed_in_seccomp]="Seccomp filters may not use \`mod\`, \`ldh\`, \`ldb\`, \`[x + k]\`, \`ldxb\` or ancillary loads."
  [seccomp_load_past_seccomp_data]="\`struct seccomp_data\` is 64 bytes: \`ld [k]\` needs k < 64."
  [seccomp_load_not_4_byte_aligned]="Seccomp loads read 32-bit words: k must be a multiple of 4."
  [jump_too_far_after_conversion_to_ebpf]="The kernel's eBPF conversion leaves 16-bit jump offsets (docs/verify.md): split the program or move long load sequences out of the jump's range."
  [jump_to_undefined_label]="The label named by a jump is not defined (check its spelling)."
  [label_defined_twice]="Each label names one instruction; rename one of them."
  [jump_to_label_not_ahead]="Classic BPF only jumps forward: the label must come after the jump."
  [negative_jump_offset]="Relative skips are 0 or more."
  [jump_offset_too_large]="Conditional skips fit 8 bits (0..255); use \`ja\` for longer jumps."
  [conditional_jump_farther_than_255]="A conditional jump reaches 255 instructions at most; jump to a nearby \`ja\` to the label."
  [program_is_empty]="A program has at least one instruction."
  [program_too_long]="The kernel accepts at most 4096 instructions."
  [native_program_rejected]="\`ctbpf::native\` takes only programs the kernel accepts; the error names the rule and the instruction as \`assemble\` does (here \`div #0\` in a pasted image)."
  [dsl_shift_by_constant_of_32_or_more]='Classic BPF shifts by a constant below 32 (the argument is the count); shift by a value if it is computed.'
  [dsl_division_by_constant_zero]='A constant divisor folded to 0 (e.g. `x / (4 - 4)`); the kernel rejects `div #0`.'
  [dsl_load_offset_out_of_range]='A load offset (the argument) outside the 64 KiB a packet can have, or the SKF_NET_OFF/SKF_LL_OFF windows; ancillary values have their own names.'
  [dsl_variable_read_outside_its_let]='`var<"name">` is only defined inside the body of `let<"name">(value, body)`.'
  [dsl_switch_case_value_given_twice]='Each `case_` value (the argument) may appear once.'
  [dsl_more_than_16_scratch_values_live_at_once]='The expression needs more than the 16 scratch cells: bind parts with `let`, or put the deeper operand on the right.'
  [text_program_rejected]='The kernel rejects the program: the rule, then where the instruction was written.'
  [text_more_than_4096_instructions]='The kernel accepts at most 4096 instructions: the position is where the 4097th starts.'
  [text_more_than_4096_labels]='At most 4096 label definitions (each names an instruction): the position is the 4097th.'
  [text_relaxed_past_4096]='The `ja` trampolines of far conditional jumps took the program past 4096 instructions: the position is the instruction that would be the 4097th. Bring far targets closer, or jump to a shared `ja`.'
  [text_tcpdump_d_is_not_an_input_format]='`tcpdump -d` output is for people; read `-dd`, `-ddd` or bpf_asm instead.'
  [text_error]='One test per text problem: see the section below.'
  [verified_program_of_a_temporary]='`verified_program` is a view: keep the program in a variable that outlives it (a `std::span` temporary is fine: it is itself a view).'
  [bpf_program_of_a_temporary]='`pcap::as_bpf_program` and `os::as_fprog` are views: keep the program in a variable that outlives them.'
  [dsl_program_longer_than_4096_instructions]='The compiled filter exceeds the kernel'\''s 4096 instructions; split it, or use `in()` for sets of constants.'
)
pick() {  # compiler file [flags...]
  local text
  text=$("$1" -std=c++20 -fsyntax-only -I"$root/include" -DCTBPF_COMPILE_FAIL "${@:3}" "$2" 2>&1 || true)
  printf '%s\n' "$text" | grep -E "non-constexpr function|non-‘constexpr’ function|static assertion failed|incomplete type|undefined template|deleted" | grep -v "declared here" \
    | head -n 1 | sed -E 's#^[^ ]*/([^/ ]+):[0-9]+:[0-9]+: #\1: #; s/^ +//'
}
{
  echo "# Diagnostics"
  echo
  echo "Every compile-time error of ctbpf, as GCC 12 and Clang 19 print it (the line that names it,"
  echo "verbatim but for paths), and how to fix it. The error's name is a sentence; for errors about one"
  echo "instruction the template argument is its index. Generated by \`scripts/gen-diagnostics.sh\` from"
  echo "\`tests/compile_fail/\`, where each error has a test that checks the name and a compiling twin."
  echo
  for f in "$root"/tests/compile_fail/*.cpp; do
    name=$(basename "$f" .cpp)
    echo "## \`$name\`"
    echo
    echo "${fix[$name]:-}"
    echo
    echo "Test: \`tests/compile_fail/$name.cpp\`"
    echo
    echo '```text'
    echo "g++-12:     $(pick g++-12 "$f")"
    echo "clang++-19: $(pick clang++-19 "$f")"
    echo '```'
    echo
  done
  echo "## Text input errors"
  echo
  echo "Each problem of text parsed at compile time (docs/text-input.md lists their messages), from its"
  echo "case in \`tests/cases/parse_cases.hpp\` through \`tests/compile_fail/text_error.cpp\` (the case's"
  echo "corrected text is the compiling twin). The numbers are the line and column."
  echo
  grep -oP 'ctbpf_text_compile_fail\("\K[^"]+' "$root/tests/CMakeLists.txt" | while read -r case; do
    echo "### $case"
    echo
    echo '```text'
    echo "g++-12:     $(pick g++-12 "$root/tests/compile_fail/text_error.cpp" "-DCTBPF_TEXT_CASE=\"$case\"")"
    echo "clang++-19: $(pick clang++-19 "$root/tests/compile_fail/text_error.cpp" "-DCTBPF_TEXT_CASE=\"$case\"")"
    echo '```'
    echo
  done
} > "$out"
echo "wrote $out"
