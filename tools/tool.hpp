// tools/tool.hpp — what the ctbpf tool's commands share: reading FILE in any input format,
// checking it with the kernel's rules, printing a program in any output format, the exit codes,
// and the CLI11 wiring of each command. One file per group of commands: program.cpp (asm, disasm,
// verify, optimize, analyze, dot), run.cpp (run, seccomp-table), compile.cpp (compile).
#pragma once

#include <ctbpf/ctbpf.hpp>
#include <ctbpf/text_string.hpp>

#include <CLI/CLI.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace tool {

inline constexpr int ok = 0, rejected = 1, usage_error = 2;

/// A usage error found after the command line parsed: the reason, exit 2.
int usage(std::string_view command, std::string_view reason);

/// What a command reads: FILE and its format (--from).
struct input {
    std::string file;
    std::string from = "auto";
};

/// A program read from FILE, or why not.
struct loaded {
    int status = 0;  // ok, rejected (does not parse) or usage_error (cannot read)
    std::vector<ctbpf::sock_filter> program;
    std::vector<ctbpf::text_position> origin;  // empty for raw images
    bool good() const { return status == ok; }
};

/// Reads FILE in the format --from names (or the one its content shows); prints errors.
loaded load(const input& in);
/// Verifies; prints the instruction index, where it came from and the rule's message on rejection.
bool check(const std::string& path, const loaded& l, ctbpf::profile profile);
ctbpf::profile profile_of(bool seccomp);

enum class output { dd, ddd, bytecode, c, binary, asm_text, d };
void print(const std::vector<ctbpf::sock_filter>& program, output out);

/// The input options every command that reads FILE shares.
void add_input(CLI::App* command, input& in, const std::string& default_format = "auto");
/// Output flags: at most one of them; `out` is the one given (or stays the default).
void add_outputs(CLI::App* command, output& out,
                 const std::vector<std::tuple<std::string, output, std::string>>& flags);

/// The link types `compile --link` names, and the DLT of each.
struct link_name {
    const char* name;
    ctbpf::link_type link;
    int dlt;
};
extern const std::vector<link_name> link_names;
/// A tcpdump expression compiled for `link`, or the problem shown under the expression (empty).
std::vector<ctbpf::sock_filter> compiled_expression(const std::string& expression, ctbpf::link_type link,
                                                    std::uint32_t snaplen, bool optimize_it,
                                                    std::uint32_t netmask = ctbpf::netmask_unknown);

/// A command: its CLI11 subcommand and what runs when it was given. Each add_* registers one on
/// the application; its options live as long as the returned run.
struct command {
    CLI::App* app;
    std::function<int()> run;
};
command add_asm(CLI::App& app);
command add_disasm(CLI::App& app);
command add_verify(CLI::App& app);
command add_run(CLI::App& app);
command add_optimize(CLI::App& app);
command add_analyze(CLI::App& app);
command add_dot(CLI::App& app);
command add_compile(CLI::App& app);
command add_seccomp_table(CLI::App& app);

}  // namespace tool
