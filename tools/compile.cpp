// tools/compile.cpp — `ctbpf compile EXPRESSION`: a tcpdump expression compiled as tcpdump -d/-dd/
// -ddd print it (docs/pcap-filter.md), and the expression compiler `run --expr` shares.
#include "tool.hpp"

#include <ctbpf/pcap_filter_vector.hpp>

#include <pcap/pcap.h>

#include <iostream>
#include <memory>
#include <string>

#include <arpa/inet.h>
#include <netinet/in.h>

namespace tool {

const std::vector<link_name> link_names{{"ethernet", ctbpf::link_type::ethernet, DLT_EN10MB},
                                        {"raw", ctbpf::link_type::raw_ip, DLT_RAW},
                                        {"sll", ctbpf::link_type::linux_sll, DLT_LINUX_SLL},
                                        {"sll2", ctbpf::link_type::linux_sll2, DLT_LINUX_SLL2}};

std::vector<ctbpf::sock_filter> compiled_expression(const std::string& expression, ctbpf::link_type link,
                                                    std::uint32_t snaplen, bool optimize_it, std::uint32_t netmask) {
    ctbpf::pcap_filter_result r = ctbpf::compile_pcap_filter(expression, link, snaplen, optimize_it, netmask);
    if (!r) {
        std::cerr << "ctbpf: " << r.error_message() << "\n  " << expression << "\n  "
                  << std::string(r.column > 0 ? r.column - 1 : 0, ' ') << "^\n";
        return {};
    }
    return std::move(r.program);
}

namespace {

/// A tcpdump expression compiled (docs/pcap-filter.md), printed like tcpdump -d/-dd/-ddd.
int cmd_compile(const std::string& expression, const std::string& link_text, bool optimize_it, std::uint32_t snaplen,
                const std::string& netmask_text, output out) {
    const link_name* link = nullptr;
    for (const link_name& l : link_names)
        if (link_text == l.name) link = &l;
    if (link == nullptr) return usage("compile", "--link: ethernet, raw, sll or sll2, not `" + link_text + "`");
    std::uint32_t netmask = ctbpf::netmask_unknown;
    if (in_addr a{}; !netmask_text.empty()) {
        if (::inet_pton(AF_INET, netmask_text.c_str(), &a) != 1)
            return usage("compile", "--netmask: an IPv4 mask such as 255.255.255.0, not `" + netmask_text + "`");
        netmask = ntohl(a.s_addr);
    }
    const auto program = compiled_expression(expression, link->link, snaplen, optimize_it, netmask);
    if (program.empty()) return rejected;
    print(program, out);
    return ok;
}

struct compile_options {
    std::string expression, link = "ethernet", netmask;
    output out = output::dd;
    bool no_optimize = false;
    std::uint32_t snaplen = 262144;
};

}  // namespace

command add_compile(CLI::App& app) {
    auto o = std::make_shared<compile_options>();
    auto* sub =
        app.add_subcommand("compile", "compile a tcpdump expression (docs/pcap-filter.md); tcpdump -d by default");
    sub->add_option("EXPRESSION", o->expression, "the expression, quoted as one argument")->required();
    add_outputs(sub, o->out,
                {{"--d", output::d, "tcpdump -d (the default)"},
                 {"--dd", output::dd, "tcpdump -dd"},
                 {"--ddd", output::ddd, "tcpdump -ddd"},
                 {"--asm", output::asm_text, "bpf_asm source"},
                 {"--c", output::c, "a C array and its struct sock_fprog"},
                 {"--binary", output::binary, "binary struct sock_filter records"}});
    sub->add_flag("--no-optimize", o->no_optimize, "the program as generated, before the optimizer");
    sub->add_option("--link", o->link,
                    "the captures' link type: ethernet (DLT_EN10MB, the default), raw (DLT_RAW), sll "
                    "(DLT_LINUX_SLL) or sll2 (DLT_LINUX_SLL2)");
    sub->add_option("--snaplen", o->snaplen, "the value an accepted packet returns (default 262144, as tcpdump)");
    sub->add_option("--netmask", o->netmask,
                    "the network's mask, as pcap_compile is given it (only `ip broadcast` needs it)");
    return {sub, [o, sub] {
                return cmd_compile(o->expression, o->link, !o->no_optimize, o->snaplen, o->netmask,
                                   o->out == output::dd && !sub->count("--dd") ? output::d : o->out);
            }};
}

}  // namespace tool
