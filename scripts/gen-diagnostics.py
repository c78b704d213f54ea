#!/usr/bin/env python3
"""Regenerates docs/diagnostics.md: every error of include/ctbpf/errors.hpp, how to fix it, and for
each compile-fail test that produces it what g++ 12 and clang++ 19 print first, verbatim but for
directories, with the size of the whole diagnostic.

usage: scripts/gen-diagnostics.py [BUILD_DIR]   (a configured build tree, default build/gcc12;
       its CTest list names every compile-fail test with its source and defines)"""
import json
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build", "gcc12")
COMPILERS = ["g++-12", "clang++-19"]

FIX = {
    "opcode_not_allowed_at_instruction": "The code is outside the 49 the kernel allows (e.g. `ret x`, `ldx [k]`). Use a builder instead of `raw`.",
    "division_by_constant_zero_at_instruction": "`div #0`/`mod #0` are rejected by the kernel; divide by another constant, or by X (X = 0 gives verdict 0).",
    "shift_by_32_or_more_at_instruction": "Constant shifts must be below 32; shift by X if the count is computed.",
    "scratch_memory_index_out_of_range_at_instruction": "Scratch memory has 16 cells, `M[0]` to `M[15]`.",
    "jump_target_out_of_range_at_instruction": "A jump lands past the last instruction. Count the skip again (0 is the next instruction) or use a label.",
    "unknown_ancillary_offset_at_instruction": "Loads at `SKF_AD_OFF + n` must name one of the 16 ancillary values; use `ld(ext::...)`.",
    "last_instruction_is_not_a_return_at_instruction": "Every program ends with `ret(k)` or `ret(a)`.",
    "scratch_memory_read_before_write_at_instruction": "The kernel's pass cannot prove `M[k]` was stored on every path (a `ret` before the load counts as a path: see docs/verify.md). Store first, or move returns last.",
    "opcode_not_allowed_in_seccomp_at_instruction": "Seccomp filters may not use `mod`, `ldh`, `ldb`, `[x + k]`, `ldxb` or ancillary loads.",
    "seccomp_load_past_seccomp_data_at_instruction": "`struct seccomp_data` is 64 bytes: `ld [k]` needs k < 64.",
    "seccomp_load_not_4_byte_aligned_at_instruction": "Seccomp loads read 32-bit words: k must be a multiple of 4.",
    "jump_too_far_after_conversion_to_ebpf_at_instruction": "The kernel's eBPF conversion leaves 16-bit jump offsets (docs/verify.md): split the program or move long load sequences out of the jump's range.",
    "no_instructions": "A program has at least one instruction.",
    "more_than_4096_instructions": "The kernel accepts at most 4096 instructions (the argument is the count).",
    "unknown_label_at_instruction": "The label named by a jump is not defined (check its spelling; the template-argument form names it).",
    "label_defined_twice_at_instruction": "Each label names one instruction; rename one of them.",
    "jump_to_label_not_ahead_at_instruction": "Classic BPF only jumps forward: the label must come after the jump.",
    "conditional_jump_farther_than_255_at_instruction": "A conditional jump reaches 255 instructions at most; jump to a nearby `ja` to the label.",
    "negative_jump_offset_at_instruction": "Relative skips are 0 or more.",
    "jump_offset_too_large_at_instruction": "Conditional skips fit 8 bits (0..255); use `ja` for longer jumps.",
    "shift_by_32_or_more_in_filter": "Classic BPF shifts by a constant below 32. The arguments are the count and which shift it is: the n-th `<<` or `>>` of the filter, from 1 in the order written (operators folded into constants included). Shift by a value if it is computed.",
    "division_by_constant_zero_in_filter": "A constant divisor folded to 0 (e.g. `x / (4 - 4)`). The arguments are the operator, `'/'` or `'%'`, and which division it is: the n-th `/` or `%` of the filter, from 1 in the order written.",
    "load_offset_out_of_range_in_filter": "A load offset outside the 64 KiB a packet can have, or the SKF_NET_OFF/SKF_LL_OFF windows; ancillary values have their own names. The arguments are the offset and which load it is: the n-th `u8`/`u16`/`u32` (or header field) of the filter, from 1 in the order written, a load before the loads in its offset.",
    "more_than_16_scratch_values_live_at_once_in_filter": "The expression needs more than the 16 scratch cells (lets in scope count too). The argument says which operation keeps its right operand in the 17th: the n-th arithmetic operator, comparison or `netlink_attr` of the filter, from 1 in the order written. Bind parts with `let`, or put the deeper operand on the right.",
    "more_than_16_lets_nested_in_filter": "Each `let` holds a scratch cell while its body runs, and there are 16: the argument is the name of the 17th nested one. Compute the value again, or end some bindings sooner.",
    "more_than_4096_instructions_in_filter": "The compiled filter exceeds the kernel's 4096 instructions; split it, or use `in()` for sets of constants.",
    "variable_read_outside_its_let_in_filter": "`var<\"name\">` is only defined inside the body of `let<\"name\">(value, body)`: the argument is the name read (check its spelling).",
    "tcpdump_primitive_not_valid_here_in_filter": "The tcpdump primitive at that position (from 1, in the order written) is one libpcap refuses where it stands: over `mpls()` only IPv4 and IPv6, no `vlan()` after `mpls()` or `pppoes()`, no `inbound`/`outbound` or link-layer address after `pppoes()`. Move it before the encapsulation or drop it.",
    "if_without_else_in_filter": "An `if_` chain (with Branches - 1 `else_if`) has no `.else_`: a filter returns on every path. Add `.else_(drop())` (or any statement or predicate).",
    "switch_case_value_given_twice_in_filter": "Each `case_` value may appear once in a `switch_`. The arguments are the value and which `switch_` it is, from 1 in the order written.",
    "argument_index_above_5_in_policy": "System calls have six arguments: `sc::arg<0>` to `sc::arg<5>` (the argument is the index written).",
    "errno_above_4095_in_policy": "`sc::errno_(e)` takes e up to 4095 (MAX_ERRNO; the kernel would cap it). The arguments: the rule, counted from 1 in the order written (0: the default or foreign action), and the errno.",
    "unknown_action_in_policy": "The action is none of SECCOMP_RET_*: use `sc::ret_allow`, `sc::errno_(e)`, `sc::ret_kill_process`, ... (the arguments: the rule and the value).",
    "rule_never_decides_in_policy": "An earlier rule without `.when()` already decides this system call (the arguments: the rule, counted from 1, and the system call): remove the later rule, or give the earlier one a condition.",
    "value_wider_than_32_bits_in_policy": "`sc::arg32<i>` compares the low 32 bits: a value needing more can never be equal. Use `sc::arg<i>` for a 64-bit argument (the argument is the rule).",
    "unexpected_character_at_column": "pcap-filter uses letters, digits, `. : - _` in names and addresses, and `( ) [ ] : ! & | ^ + - * / % < > =`.",
    "expected_primitive_at_column": "A primitive (`tcp`, `host 10.0.0.1`, `port 80`, ...), `not` or `(` belongs here: after `and`/`or`, at the start, or after `(`.",
    "expected_close_parenthesis_at_column": "A `(` is not closed.",
    "expected_close_bracket_at_column": "`proto[offset` or `proto[offset:size` needs its `]`.",
    "expected_number_at_column": "A number (decimal, 0x hexadecimal, 0 octal) belongs here, e.g. after `less`, `greater` or `/`.",
    "expected_address_at_column": "`host` and `net` need an address: IPv4, IPv6, or a MAC after `ether`.",
    "expected_port_number_at_column": "`port` and `portrange` need a number (0-65535) or a service name (docs/pcap-filter.md lists them).",
    "expected_relation_at_column": "Arithmetic (`ip[0] & 0xf`, `len`) must be compared: `=`, `!=`, `<`, `<=`, `>`, `>=`.",
    "number_out_of_range_at_column": "A port above 65535, a protocol above 255, a load size other than 1, 2 or 4, a shift above 31, or a number above 2^32-1.",
    "malformed_address_at_column": "Not an address of the kind expected (IPv4 parts 0-255, IPv6 groups, six MAC bytes); an IPv4 address under `ip6` or the reverse.",
    "malformed_network_mask_at_column": "`/len` above 32 (128 for IPv6), a mask that is not an address, or an address with bits outside the mask (`10.0.0.1/8`).",
    "unknown_name_at_column": "Not a keyword, named constant or service name of pcap-filter (check the spelling).",
    "needs_the_system_databases_at_column": "Host names, `gateway` and /etc/ethers names need the system at run time: write the address. `ip broadcast` needs the network's mask: give it as `pcap_filter<..., Netmask>()`, `compile_pcap_filter`'s `netmask` or `ctbpf compile --netmask`.",
    "primitive_not_supported_at_column": "A pcap-filter primitive ctbpf does not compile yet (docs/pcap-filter.md lists them with the reason).",
    "qualifier_not_allowed_at_column": "The qualifiers do not go together: `ip port` (port takes tcp, udp or sctp), `udp port http` (http is a TCP service), `tcp host`.",
    "text_after_the_expression_at_column": "The expression ended before this: an unmatched `)`, or an id where none can follow (`ip 10.0.0.1`: write `ip host 10.0.0.1`).",
    "expression_too_complex_at_column": "More than 512 nodes, more than 16 nested arithmetic values, or more than 4096 instructions before optimization.",
    "division_by_constant_zero_at_column": "`/ 0` and `% 0` are refused, as libpcap refuses them.",
    "not_on_this_link_type_at_column": "libpcap refuses this primitive on the link type, or after `vlan`/`mpls`/`pppoes` (link-layer addresses and `vlan` are Ethernet's; over MPLS only IPv4 and IPv6): compile for another link type (`ctbpf::link_type::`) or drop the primitive.",
    "more_than_4096_instructions_in_policy": "The compiled policy exceeds the kernel's 4096 instructions; split the conditions across rules or policies (stacked filters all apply).",
}
OTHER = {
    "verified_program_of_a_temporary": "`verified_program` is a view: keep the program in a variable that outlives it (a `std::span` temporary is fine: it is itself a view).",
    "bpf_program_of_a_temporary": "`pcap::as_bpf_program` and `os::as_fprog` are views: keep the program in a variable that outlives them.",
}


def catalogue():
    """(family heading, [(name, comment)]) in errors.hpp order."""
    families, comment = [], ""
    for line in open(os.path.join(ROOT, "include/ctbpf/errors.hpp")):
        line = line.rstrip()
        heading = re.match(r"// ---- (.*?) -*$", line)
        decl = re.match(r"(?:template <.*> )?struct ([a-z0-9_]+);", line)
        if heading:
            families.append((heading.group(1), []))
        elif decl and families:
            families[-1][1].append((decl.group(1), comment))
            comment = ""
        elif line.startswith("// ") and families:
            comment = line[3:]
    return families


def compile_fail_tests():
    out = subprocess.run(["ctest", "--show-only=json-v1", "-R", "^compile_fail\\."], cwd=BUILD,
                         capture_output=True, text=True, check=True).stdout
    tests = []
    for t in json.loads(out)["tests"]:
        args = {}
        for a in t["command"]:
            m = re.match(r"-D(SOURCE|DEFINES|EXPECT|FIRST|INCLUDES)=(.*)", a, re.S)
            if m:
                args[m.group(1)] = m.group(2)
        tests.append({"name": t["name"][len("compile_fail."):], **args})
    return tests


def strip(text):
    return re.sub(r"[^ \n:('‘]+/", "", text)  # a directory; not a lone `/` (the operator '/')


def run(cxx, test):
    cmd = [cxx, "-std=c++20", "-fsyntax-only", "-DCTBPF_COMPILE_FAIL"]
    cmd += ["-I" + d for d in test.get("INCLUDES", os.path.join(ROOT, "include")).split("|") if d]
    cmd += ["-fdiagnostics-color=never" if "g++" in cxx else "-fno-color-diagnostics"]
    cmd += ["-D" + d for d in test.get("DEFINES", "").split("|") if d]
    cmd += [test["SOURCE"]]
    text = strip(subprocess.run(cmd, capture_output=True, text=True).stderr)
    lines = text.splitlines()
    first = next((l for l in lines if ": error: " in l), "(no error)")
    names = "" if re.search(test["EXPECT"], first) else next((l for l in lines if re.search(test["EXPECT"], l)), "")
    return first.strip(), names.strip(), len(text.encode())


def error_of(test):
    m = re.search(r"([a-z0-9_]+)<", test["EXPECT"].replace("error::", ""))
    return m.group(1) if m else test["name"]


def main():
    tests = compile_fail_tests()
    jobs = [(cxx, t) for t in tests for cxx in COMPILERS]
    with ThreadPoolExecutor(os.cpu_count() or 2) as pool:
        results = dict(zip([(c, t["name"]) for c, t in jobs], pool.map(lambda j: run(*j), jobs)))
    by_error = {}
    for t in tests:
        by_error.setdefault(error_of(t), []).append(t)

    out = ["# Diagnostics", "",
           "Every compile-time error of ctbpf (`ctbpf::error::`, one line each in include/ctbpf/errors.hpp), how",
           "to fix it, and what g++ 12 and clang++ 19 print for each compile-fail test that produces it:",
           "the first `error:` line and, where that is not it, the first line that names the error, verbatim",
           "but for directories, and the size of the whole diagnostic. Generated by",
           "`scripts/gen-diagnostics.py` from the CTest list of `tests/compile_fail/` (each test has a compiling",
           "twin). clang++ 14 prints a name given as a `fixed_string` (a label, a variable) as its character",
           "codes: `unknown_label_at_instruction<1, {{121, 101, 115, 0}}>` for `\"yes\"`.", "",
           "Where each compiler puts the name:", "",
           "| form | g++ 12 | clang++ 19 |", "|---|---|---|",
           "| template argument: `compile<filter>()`, `compile<policy>()`, `pcap_filter<\"...\">()`, `assemble<\"...\">()`, `parse<...>()`, "
           "`assemble<[] { return link(...); }>()`, `native<image>` | first `error:` line | first `error:` line |",
           "| function call: `assemble(ldh(12), ...)` | first `error:` line (`call to non-constexpr function "
           "... reached() [with Error = <name>]`) | first note (`non-constexpr function 'reached<ctbpf::error::<name>>'`), "
           "after `constexpr variable ... must be initialized by a constant expression` |",
           "| a tcpdump primitive's literal: `host(\"10.0.0.256\")` (ctbpf/dsl/tcpdump.hpp) | first `error:` line "
           "(`call to non-constexpr function ... tcpdump::literal_error::<what>()`) | first note "
           "(`non-constexpr function '<what>' cannot be used in a constant expression`) |", "",
           "The literal errors of the tcpdump primitives are functions, not types: `ctbpf::tcpdump::literal_error::` "
           "`malformed_address`, `malformed_network_mask_or_address_bits_outside_it`, "
           "`host_names_need_the_resolver_use_an_address`, `address_family_does_not_match_the_protocol`, "
           "`ethernet_address_needs_ether_host`, `number_out_of_range` (docs/pcap-filter.md; compile-fail tests "
           "`compile_fail.tcpdump_literal.*`).", "",
           "The function-call form's error is printed twice by clang++ 19: `assemble(...)` is `consteval`, so clang "
           "reports the failed evaluation once for the `constexpr` variable and once for the immediate call, each time "
           "with the note that names the error; g++ prints it once. A `constexpr` function would be reported once, but a "
           "call outside a constant expression would then run at run time, where the error sites are functions without "
           "a definition. The template-argument forms print each error once on both compilers.", ""]

    def section(name, comment, fix):
        out.extend([f"### `{name}`", ""] + ([f"*{comment}*", ""] if comment else []))
        if fix:
            out.extend([fix, ""])
        for t in by_error.get(name, []):
            defines = t.get("DEFINES", "")
            form = " (template-argument form)" if "CTBPF_TEMPLATE_FORM" in defines else ""
            case = re.search(r'CASE="([^"]*)"', defines)
            what = f"`{os.path.relpath(t['SOURCE'], ROOT)}`" + (f", case \"{case.group(1)}\"" if case else "") + form
            out.extend([f"Test `compile_fail.{t['name']}`: {what}", "", "```text"])
            for cxx in COMPILERS:
                first, names, size = results[(cxx, t["name"])]
                out.append(f"{cxx + ':':12}{first}")
                if names and names != first:
                    out.append(f"{'':12}{names}")
                out.append(f"{'':12}({size} bytes in all)")
            out.extend(["```", ""])

    for family, errors in catalogue():
        out.extend([f"## {family[0].upper() + family[1:]}", ""])
        for name, comment in errors:
            section(name, comment, FIX.get(name, ""))
    out.extend(["## Views of temporaries", ""])
    for name, fix in OTHER.items():
        section(name, "", fix)
    missing = sorted(n for _, errors in catalogue() for n, _ in errors if n not in by_error)
    if missing:
        print("errors without a compile-fail test: " + ", ".join(missing), file=sys.stderr)
    with open(os.path.join(ROOT, "docs/diagnostics.md"), "w") as f:
        f.write("\n".join(out).rstrip() + "\n")
    print(f"wrote docs/diagnostics.md: {len(tests)} tests")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
