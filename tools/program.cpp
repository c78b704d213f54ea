// tools/program.cpp — the ctbpf commands on one program: asm, disasm, verify, optimize, analyze,
// dot (docs/cli.md).
#include "tool.hpp"

#include <ctbpf/analysis/blocks.hpp>
#include <ctbpf/optimize_vector.hpp>

#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

namespace tool {
namespace {

int cmd_asm(const input& in, bool seccomp, output out) {
    const auto l = load(in);
    if (!l.good()) return l.status;
    if (!check(in.file, l, profile_of(seccomp))) return rejected;
    print(l.program, out);
    return ok;
}

int cmd_disasm(const input& in, output out) {
    const auto l = load(in);
    if (!l.good()) return l.status;
    print(l.program, out);
    return ok;
}

int cmd_verify(const input& in, bool seccomp) {
    const auto l = load(in);
    if (!l.good()) return l.status;
    if (!check(in.file, l, profile_of(seccomp))) return rejected;
    std::cout << in.file << ": accepted (" << l.program.size() << " instructions, "
              << (seccomp ? "seccomp" : "socket filter") << ")\n";
    return ok;
}

int cmd_optimize(const input& in, bool seccomp, output out) {
    const auto l = load(in);
    if (!l.good()) return l.status;
    if (!check(in.file, l, profile_of(seccomp))) return rejected;
    const auto small = ctbpf::optimize(l.program, profile_of(seccomp));
    std::cerr << in.file << ": " << l.program.size() << " -> " << small.size() << " instructions\n";
    print(small, out);
    return ok;
}

std::string hex(std::uint32_t v) {
    char s[16];
    std::snprintf(s, sizeof s, "0x%x", v);
    return s;
}

int cmd_analyze(const input& in, bool seccomp) {
    const auto l = load(in);
    if (!l.good()) return l.status;
    if (!check(in.file, l, profile_of(seccomp))) return rejected;
    const ctbpf::analysis a = ctbpf::analyze(l.program, profile_of(seccomp));
    std::cout << in.file << ": " << l.program.size() << " instructions (" << (seccomp ? "seccomp" : "socket filter")
              << ")\nreturns:";
    for (std::size_t i = 0; i < a.return_count; ++i) std::cout << ' ' << hex(a.returns[i]);
    if (a.returns_more) std::cout << " and more";
    if (a.returns_a) std::cout << " and A (any value)";
    if (a.can_fail_load || a.can_divide_by_zero) std::cout << " (0 when the run ends early)";
    std::cout << "\npaths: " << a.shortest_path << " to " << a.longest_path << " instructions\nunreachable:";
    if (a.unreachable_count == 0) std::cout << " none";
    for (std::size_t i = 0; i < l.program.size(); ++i)
        if (a.never_executes(i)) std::cout << ' ' << i;
    std::cout << "\nsnap length: ";
    if (a.snap_length_unbounded)
        std::cout << "unbounded (an indexed load with X of unknown bound)";
    else
        std::cout << a.snap_length << " bytes";
    std::cout << "\nancillary:";
    if (a.ancillary_used == 0) std::cout << " none";
    for (std::uint32_t e = 0; e < 16; ++e)
        if (a.ancillary_used & (1u << e)) std::cout << " SKF_AD_OFF+" << 4 * e;
    std::cout << "\nscratch: read";
    for (std::uint32_t i = 0; i < 16; ++i)
        if (a.scratch_read & (1u << i)) std::cout << " M[" << i << ']';
    std::cout << ", written";
    for (std::uint32_t i = 0; i < 16; ++i)
        if (a.scratch_written & (1u << i)) std::cout << " M[" << i << ']';
    std::string early;
    if (a.can_fail_load) early += ", a packet load past the end";
    if (a.can_divide_by_zero) early += ", a division by X = 0";
    if (a.can_exit_with_a) early += ", an ifindex/hatype load without a device";
    std::cout << "\nends early: " << (early.empty() ? "never" : early.substr(2)) << '\n';
    return ok;
}

/// Graphviz DOT of the control-flow graph: basic blocks, true/false edges, return values.
int cmd_dot(const input& in) {
    const auto l = load(in);
    if (!l.good()) return l.status;
    if (!check(in.file, l, ctbpf::profile::socket_filter)) return rejected;
    const auto& p = l.program;
    const std::size_t n = p.size();
    namespace analysis = ctbpf::detail::analysis;
    const auto blocks = std::make_unique<analysis::blocks<ctbpf::max_instructions>>();  // zeroed
    analysis::find_blocks(p.data(), n, *blocks);
    const std::string text = ctbpf::to_string(p, ctbpf::text_format::tcpdump_d);
    std::vector<std::string> lines;
    for (std::size_t at = 0, nl; (nl = text.find('\n', at)) != std::string::npos; at = nl + 1)
        lines.push_back(text.substr(at, nl - at));
    const auto escape = [](std::string s) {
        std::string out;
        for (char c : s) {
            if (c == '"' || c == '\\') out += '\\';
            if (c == '\t')
                out += "  ";
            else
                out += c;
        }
        return out;
    };
    std::cout << "digraph bpf {\n  node [shape=box, fontname=\"monospace\"];\n";
    for (std::size_t start = 0; start < n; start = blocks->end[start]) {
        const std::size_t end = blocks->end[start];
        std::cout << "  b" << start << " [label=\"";
        for (std::size_t i = start; i < end; ++i) std::cout << escape(lines[i]) << "\\l";
        std::cout << "\"" << (analysis::is_return(p[end - 1].code) ? ", style=rounded" : "") << "];\n";
        const auto& last = p[end - 1];
        if (analysis::is_return(last.code)) continue;
        if (last.code == ctbpf::bpf::opcode::ja) {
            std::cout << "  b" << start << " -> b" << end - 1 + 1 + last.k << ";\n";
        } else if (analysis::is_jump(last.code)) {
            std::cout << "  b" << start << " -> b" << end + last.jt << " [label=\"true\", color=darkgreen];\n";
            std::cout << "  b" << start << " -> b" << end + last.jf << " [label=\"false\", color=red];\n";
        } else if (end < n) {
            std::cout << "  b" << start << " -> b" << end << ";\n";
        }
    }
    std::cout << "}\n";
    return ok;
}

/// The state of a command's options, shared by its parse and its run.
struct program_options {
    input in;
    output out = output::dd;
    bool seccomp = false;
};

}  // namespace

command add_asm(CLI::App& app) {
    auto o = std::make_shared<program_options>();
    auto* sub = app.add_subcommand("asm", "assemble bpf_asm source, verify it, print the image (-dd by default)");
    add_input(sub, o->in, "asm");
    add_outputs(sub, o->out,
                {{"--dd", output::dd, "tcpdump -dd (the default)"},
                 {"--ddd", output::ddd, "tcpdump -ddd"},
                 {"--bytecode", output::bytecode, "bpf_asm bytecode"},
                 {"--c", output::c, "a C array and its struct sock_fprog"},
                 {"--binary", output::binary, "binary struct sock_filter records (what --from raw reads)"}});
    sub->add_flag("--seccomp", o->seccomp, "verify with the seccomp rules");
    return {sub, [o] {
                if (o->in.from == "auto") o->in.from = "asm";
                return cmd_asm(o->in, o->seccomp, o->out);
            }};
}

command add_disasm(CLI::App& app) {
    auto o = std::make_shared<program_options>();
    auto* sub = app.add_subcommand("disasm", "print a program (by default exactly as tcpdump -d)");
    add_input(sub, o->in);
    add_outputs(sub, o->out,
                {{"--asm", output::asm_text, "bpf_asm source"},
                 {"--dd", output::dd, "tcpdump -dd"},
                 {"--ddd", output::ddd, "tcpdump -ddd"},
                 {"--bytecode", output::bytecode, "bpf_asm bytecode"},
                 {"--binary", output::binary, "binary struct sock_filter records"}});
    return {sub,
            [o, sub] { return cmd_disasm(o->in, o->out == output::dd && !sub->count("--dd") ? output::d : o->out); }};
}

command add_verify(CLI::App& app) {
    auto o = std::make_shared<program_options>();
    auto* sub = app.add_subcommand("verify", "check a program with the kernel's rules");
    add_input(sub, o->in);
    sub->add_flag("--seccomp", o->seccomp, "the seccomp rules (default: a socket filter's)");
    return {sub, [o] { return cmd_verify(o->in, o->seccomp); }};
}

command add_optimize(CLI::App& app) {
    auto o = std::make_shared<program_options>();
    auto* sub = app.add_subcommand(
        "optimize", "print the program optimized (docs/optimizer.md): same verdicts, no longer; -dd by default");
    add_input(sub, o->in);
    add_outputs(sub, o->out,
                {{"--dd", output::dd, "tcpdump -dd (the default)"},
                 {"--d", output::d, "tcpdump -d"},
                 {"--asm", output::asm_text, "bpf_asm source"},
                 {"--bytecode", output::bytecode, "bpf_asm bytecode"},
                 {"--c", output::c, "a C array and its struct sock_fprog"},
                 {"--binary", output::binary, "binary struct sock_filter records"}});
    sub->add_flag("--seccomp", o->seccomp, "a seccomp filter (its loads cannot fail)");
    return {sub, [o] { return cmd_optimize(o->in, o->seccomp, o->out); }};
}

command add_analyze(CLI::App& app) {
    auto o = std::make_shared<program_options>();
    auto* sub = app.add_subcommand(
        "analyze", "what the program can do: verdicts, path lengths, unreachable code, snap length (docs/analyze.md)");
    add_input(sub, o->in);
    sub->add_flag("--seccomp", o->seccomp, "verify and analyse as a seccomp filter");
    return {sub, [o] { return cmd_analyze(o->in, o->seccomp); }};
}

command add_dot(CLI::App& app) {
    auto o = std::make_shared<program_options>();
    auto* sub = app.add_subcommand("dot", "the control-flow graph in Graphviz DOT");
    add_input(sub, o->in);
    return {sub, [o] { return cmd_dot(o->in); }};
}

}  // namespace tool
