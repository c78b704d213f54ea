// ctbpf — the command-line tool: assemble, disassemble, verify and run classic BPF programs.
// `ctbpf --help` and `ctbpf COMMAND --help` say how; docs/cli.md is the reference.
// FILE is bpf_asm source, a tcpdump -dd/-ddd image, a bpf_asm bytecode line, or raw binary
// (struct sock_filter records), recognised from the content unless --from says. Exit codes: 0 ok,
// 1 the program was rejected (or does not parse) or, with --exit-code, the filter said no;
// 2 a usage or I/O error. Errors go to stderr as FILE:line:column: message.
// The commands live in program.cpp, run.cpp and compile.cpp; what they share in tool.hpp.
#include "tool.hpp"

#include <iostream>
#include <string>
#include <vector>

namespace {

/// The commands, in the order --help lists them.
constexpr tool::command (*commands[])(CLI::App&) = {
    tool::add_asm,     tool::add_disasm, tool::add_verify,  tool::add_run,           tool::add_optimize,
    tool::add_analyze, tool::add_dot,    tool::add_compile, tool::add_seccomp_table,
};

/// A first argument that names no command: the usage error, before CLI11 would call it extra.
bool unknown_command(const CLI::App& app, int argc, char** argv) {
    if (argc <= 1 || argv[1][0] == '-') return false;
    for (const auto* sub : app.get_subcommands({}))
        if (sub->get_name() == argv[1]) return false;
    std::cerr << "ctbpf: unknown command `" << argv[1]
              << "` (asm, disasm, verify, optimize, analyze, run, dot, seccomp-table, compile)\n"
              << "(ctbpf --help says how)\n";
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"ctbpf: assemble, disassemble, verify and run classic BPF programs (docs/cli.md)", "ctbpf"};
    app.require_subcommand(1);
    app.footer(
        "Exit status: 0 ok; 1 the program was rejected or does not parse (or, with --exit-code, the\n"
        "filter said no); 2 a usage or I/O error. `ctbpf COMMAND --help` for each command.");
    std::vector<tool::command> registered;
    for (const auto add : commands) registered.push_back(add(app));
    if (unknown_command(app, argc, argv)) return tool::usage_error;
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) return app.exit(e);  // --help
        std::string command;
        for (const auto* sub : app.get_subcommands()) command = sub->get_name();
        std::cerr << "ctbpf" << (command.empty() ? "" : " " + command) << ": " << e.what() << "\n(ctbpf "
                  << (command.empty() ? "" : command + " ") << "--help says how)\n";
        return tool::usage_error;
    }
    for (const auto& c : registered)
        if (c.app->parsed()) return c.run();
    return tool::usage_error;
}
