// tools/run.cpp — `ctbpf run` (a program or an expression on each packet of a capture, or a
// seccomp filter on one system call) and `ctbpf seccomp-table` (docs/cli.md).
#include "tool.hpp"

#include <pcap/pcap.h>

#include <array>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <limits>
#include <memory>
#include <optional>
#include <string>

namespace tool {
namespace {

/// A decimal (optionally negative) or 0x-hexadecimal number within [min, max]; nullopt otherwise,
/// with magnitude_out 0 when the text is not a number at all.
std::optional<std::int64_t> parse_integer(std::string_view s, std::int64_t min, std::uint64_t max,
                                          std::uint64_t& magnitude_out) {
    const bool negative = s.starts_with('-');
    if (negative) s.remove_prefix(1);
    int base = 10;
    if (s.starts_with("0x") || s.starts_with("0X")) {
        base = 16;
        s.remove_prefix(2);
    }
    std::uint64_t magnitude = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), magnitude, base);
    if (s.empty() || end != s.data() + s.size()) return std::nullopt;
    magnitude_out = ec == std::errc::result_out_of_range ? std::numeric_limits<std::uint64_t>::max() : magnitude;
    if (ec != std::errc{}) return std::nullopt;
    if (negative) {
        if (magnitude > static_cast<std::uint64_t>(-(min + 1)) + 1) return std::nullopt;
        return static_cast<std::int64_t>(0 - magnitude);
    }
    if (magnitude > max) return std::nullopt;
    return static_cast<std::int64_t>(magnitude);  // two's complement for values above INT64_MAX
}

/// One value of KEY=VALUE as an unsigned number of `bits` bits (negative values wrap, as in C).
std::optional<std::uint64_t> number(std::string_view key, std::string_view text, int bits, std::string& error) {
    const std::uint64_t max = bits == 64 ? std::numeric_limits<std::uint64_t>::max() : (std::uint64_t{1} << bits) - 1;
    const std::int64_t min = bits == 64 ? std::numeric_limits<std::int64_t>::min() : -(std::int64_t{1} << (bits - 1));
    std::uint64_t magnitude = 0;
    const auto v = parse_integer(text, min, max, magnitude);
    if (v) return static_cast<std::uint64_t>(*v) & max;
    std::ostringstream s;
    s << key << "=" << text << ": ";
    if (text.empty())
        s << "no value";
    else if (magnitude == 0 && text != "0" && text != "-0")
        s << "not a number (decimal, or hexadecimal with 0x)";
    else
        s << "out of range: " << key << " is " << bits << " bits (" << min << " to " << max << ")";
    error = s.str();
    return std::nullopt;
}

struct arch_name {
    std::string_view name;
    std::uint32_t value;
};
constexpr std::array<arch_name, 6> arch_names{{{"x86_64", ctbpf::seccomp::audit_arch_x86_64},
                                               {"i386", ctbpf::seccomp::audit_arch_i386},
                                               {"aarch64", ctbpf::seccomp::audit_arch_aarch64},
                                               {"arm", ctbpf::seccomp::audit_arch_arm},
                                               {"riscv64", ctbpf::seccomp::audit_arch_riscv64},
                                               {"s390x", ctbpf::seccomp::audit_arch_s390x}}};

std::optional<std::uint32_t> architecture(std::string_view text, std::string& error) {
    for (const auto& a : arch_names)
        if (a.name == text) return a.value;
    if (!text.empty() && (text[0] == '-' || (text[0] >= '0' && text[0] <= '9'))) {
        const auto v = number("arch", text, 32, error);
        if (v) return static_cast<std::uint32_t>(*v);
        return std::nullopt;
    }
    error = "arch=" + std::string(text) +
            ": unknown architecture (x86_64, i386, aarch64, arm, riscv64, s390x, "
            "or an AUDIT_ARCH_* number)";
    return std::nullopt;
}

/// The system call `run --seccomp` tests, from nr=N arch=A ip=P args=a0,...: nullopt and the
/// reason when a value is malformed, out of range, given twice or unknown.
std::optional<ctbpf::seccomp_data> system_call(const std::vector<std::string>& items, std::string& error) {
    ctbpf::seccomp_data d{};
    d.arch = ctbpf::seccomp::audit_arch_x86_64;
    std::set<std::string> seen;
    for (const auto& item : items) {
        const auto eq = item.find('=');
        if (eq == std::string::npos) {
            error = "`" + item + "`: expected KEY=VALUE (nr, arch, ip, args)";
            return std::nullopt;
        }
        const std::string key = item.substr(0, eq);
        const std::string_view value = std::string_view(item).substr(eq + 1);
        if (!seen.insert(key).second) {
            error = key + " is given twice";
            return std::nullopt;
        }
        if (key == "nr") {
            const auto v = number("nr", value, 32, error);
            if (!v) return std::nullopt;
            d.nr = static_cast<std::int32_t>(static_cast<std::uint32_t>(*v));
        } else if (key == "arch") {
            const auto v = architecture(value, error);
            if (!v) return std::nullopt;
            d.arch = *v;
        } else if (key == "ip") {
            const auto v = number("ip", value, 64, error);
            if (!v) return std::nullopt;
            d.instruction_pointer = *v;
        } else if (key == "args") {
            std::size_t i = 0, start = 0;
            for (;;) {
                const std::size_t comma = value.find(',', start);
                if (i == 6) {
                    error = "args=" + std::string(value) + ": at most 6 values (seccomp_data has 6 arguments)";
                    return std::nullopt;
                }
                const auto v =
                    number("args", value.substr(start, comma == value.npos ? value.npos : comma - start), 64, error);
                if (!v) return std::nullopt;
                d.args[i++] = *v;
                if (comma == value.npos) break;
                start = comma + 1;
            }
        } else {
            error = "unknown key `" + key + "` (nr, arch, ip, args)";
            return std::nullopt;
        }
    }
    if (!seen.contains("nr")) {
        error = "which system call? give nr=N";
        return std::nullopt;
    }
    return d;
}

std::string_view action_name(std::uint32_t action) {
    switch (action & ctbpf::seccomp::ret_action_full) {
        case ctbpf::seccomp::ret_kill_process: return "KILL_PROCESS";
        case ctbpf::seccomp::ret_kill_thread: return "KILL_THREAD";
        case ctbpf::seccomp::ret_trap: return "TRAP";
        case ctbpf::seccomp::ret_errno: return "ERRNO";
        case ctbpf::seccomp::ret_user_notif: return "USER_NOTIF";
        case ctbpf::seccomp::ret_trace: return "TRACE";
        case ctbpf::seccomp::ret_log: return "LOG";
        case ctbpf::seccomp::ret_allow: return "ALLOW";
        default: return "unknown action: kill";
    }
}

int cmd_run_seccomp(const input& in, const std::vector<std::string>& items, bool exit_code) {
    std::string error;
    const auto d = system_call(items, error);
    if (!d) return usage("run", error);
    const auto l = load(in);
    if (!l.good()) return l.status;
    if (!check(in.file, l, ctbpf::profile::seccomp)) return rejected;
    const std::uint32_t action = ctbpf::run(l.program, *d);
    char line[96];
    std::snprintf(line, sizeof line, "nr %d arch 0x%08x -> 0x%08x", d->nr, d->arch, action);
    std::cout << line << " (" << action_name(action);
    if ((action & ctbpf::seccomp::ret_action_full) == ctbpf::seccomp::ret_errno)
        std::cout << ' ' << (action & ctbpf::seccomp::ret_data);
    std::cout << ")\n";
    return exit_code && (action & ctbpf::seccomp::ret_action_full) != ctbpf::seccomp::ret_allow ? rejected : ok;
}

/// The action of a seccomp filter for every system call number in [0, count) on `arch`, one
/// line per range of numbers decided alike: the action whatever the arguments (and whether the
/// kernel's action cache allows it without running the filter), or "depends on the arguments".
int cmd_seccomp_table(const input& in, const std::string& arch_text, std::uint32_t count) {
    std::string error;
    const auto arch = architecture(arch_text, error);
    if (!arch) return usage("seccomp-table", error);
    const auto l = load(in);
    if (!l.good()) return l.status;
    if (!check(in.file, l, ctbpf::profile::seccomp)) return rejected;
    struct row {
        ctbpf::seccomp::decision d;
        bool cached;
        bool operator==(const row&) const = default;
    };
    const auto row_of = [&](std::uint32_t nr) {
        return row{ctbpf::seccomp::decision_for(l.program, *arch, nr),
                   ctbpf::seccomp::cached_allow(l.program, *arch, nr)};
    };
    std::cout << "system calls 0-" << (count - 1) << ", arch 0x" << std::hex << *arch << std::dec << ":\n";
    for (std::uint32_t first = 0; first < count;) {
        const row r = row_of(first);
        std::uint32_t last = first;
        while (last + 1 < count && row_of(last + 1) == r) ++last;
        char numbers[32];
        if (first == last)
            std::snprintf(numbers, sizeof numbers, "%u", first);
        else
            std::snprintf(numbers, sizeof numbers, "%u-%u", first, last);
        const std::size_t width = std::strlen(numbers);
        std::cout << numbers << std::string(width < 12 ? 12 - width : 1, ' ');
        if (r.d.depends) {
            std::cout << "depends on the arguments\n";
        } else {
            std::cout << action_name(r.d.action);
            if ((r.d.action & ctbpf::seccomp::ret_action_full) == ctbpf::seccomp::ret_errno)
                std::cout << ' ' << (r.d.action & ctbpf::seccomp::ret_data);
            std::cout << (r.cached ? "  (action cache: allowed without running the filter)" : "") << "\n";
        }
        first = last + 1;
    }
    return ok;
}

/// Runs `program` on every packet of `capture` (closed here), a line per packet unless quiet.
int run_capture(pcap_t* capture, const std::string& capture_path, const std::vector<ctbpf::sock_filter>& program,
                bool quiet, bool exit_code) {
    const ctbpf::verified_program verified(program);  // checked once: the fast loop for every packet
    std::size_t packets = 0, accepted = 0;
    pcap_pkthdr* header = nullptr;
    const u_char* data = nullptr;
    int status = 0;
    while ((status = pcap_next_ex(capture, &header, &data)) == 1) {
        ctbpf::packet_context ctx;
        ctx.len = header->len;  // the wire length, as the kernel's skb->len
        const std::span<const u_char> packet(data, header->caplen);
        const std::uint32_t verdict = ctbpf::run(verified, packet, ctx);
        ++packets;
        accepted += verdict != 0;
        if (!quiet)
            std::cout << packets << ": " << header->caplen << " bytes -> " << verdict
                      << (verdict ? " accept\n" : " drop\n");
    }
    if (status == PCAP_ERROR) std::cerr << capture_path << ": " << pcap_geterr(capture) << '\n';
    pcap_close(capture);
    std::cout << packets << " packets: " << accepted << " accepted, " << packets - accepted << " dropped\n";
    if (status == PCAP_ERROR) return usage_error;
    return exit_code && accepted == 0 ? rejected : ok;
}

pcap_t* open_capture(const std::string& capture_path) {
    char error[PCAP_ERRBUF_SIZE] = {};
    pcap_t* capture = pcap_open_offline(capture_path.c_str(), error);
    if (capture == nullptr) std::cerr << error << '\n';  // libpcap's message starts with the path
    return capture;
}

int cmd_run_capture(const input& in, const std::string& capture_path, bool quiet, bool exit_code) {
    const auto l = load(in);
    if (!l.good()) return l.status;
    if (!check(in.file, l, ctbpf::profile::socket_filter)) return rejected;
    pcap_t* capture = open_capture(capture_path);
    if (capture == nullptr) return usage_error;
    return run_capture(capture, capture_path, l.program, quiet, exit_code);
}

/// `run --expr EXPRESSION CAPTURE`: the expression compiled for the capture's link type.
int cmd_run_expression(const std::string& expression, const std::string& capture_path, bool quiet, bool exit_code) {
    pcap_t* capture = open_capture(capture_path);
    if (capture == nullptr) return usage_error;
    const int dlt = pcap_datalink(capture);
    const link_name* link = nullptr;
    for (const link_name& l : link_names)
        if (l.dlt == dlt) link = &l;
    if (link == nullptr) {
        std::cerr << capture_path << ": link type " << dlt << " (" << pcap_datalink_val_to_name(dlt)
                  << "): expressions compile for Ethernet, raw IP and Linux cooked captures (SLL, SLL2)\n";
        pcap_close(capture);
        return usage_error;
    }
    const auto program = compiled_expression(expression, link->link, 262144, true);
    if (program.empty()) {
        pcap_close(capture);
        return rejected;
    }
    return run_capture(capture, capture_path, program, quiet, exit_code);
}

int cmd_run(const input& in, const std::vector<std::string>& rest, const std::string& expression, bool seccomp,
            bool quiet, bool exit_code) {
    if (!expression.empty()) {
        if (seccomp) return usage("run", "--expr compiles a tcpdump expression: no --seccomp");
        if (!rest.empty())
            return usage("run", "with --expr, give the capture only (`" + rest[0] + "` is one too many)");
        return cmd_run_expression(expression, in.file, quiet, exit_code);
    }
    if (seccomp) return cmd_run_seccomp(in, rest, exit_code);
    if (rest.empty()) return usage("run", "which capture? give CAPTURE.pcap (or --seccomp and nr=N)");
    if (rest[0].find('=') != std::string::npos && rest[0].find('/') == std::string::npos)
        return usage("run", "`" + rest[0] + "` describes a system call: add --seccomp");
    if (rest.size() > 1) return usage("run", "one capture file at a time (`" + rest[1] + "` is one too many)");
    return cmd_run_capture(in, rest[0], quiet, exit_code);
}

struct run_options {
    input in;
    std::vector<std::string> rest;
    std::string expression;
    bool seccomp = false, quiet = false, exit_code = false;
};

struct table_options {
    input in;
    std::string arch = "x86_64";
    std::uint32_t count = 467;
};

}  // namespace

command add_run(CLI::App& app) {
    auto o = std::make_shared<run_options>();
    auto* sub =
        app.add_subcommand("run", "run a program on each packet of a capture, or (--seccomp) on one system call");
    add_input(sub, o->in);
    sub->add_option("CAPTURE|KEY=VALUE", o->rest,
                    "a capture file (read with libpcap), or with --seccomp: nr=N [arch=A] [ip=P] "
                    "[args=a0,...,a5]; numbers are decimal or 0x hexadecimal, arch a name (x86_64, i386, "
                    "aarch64, arm, riscv64, s390x) or a number, x86_64 by default");
    sub->add_flag("--seccomp", o->seccomp, "FILE is a seccomp filter; run it on the system call given");
    sub->add_option("--expr", o->expression,
                    "a tcpdump expression to run instead of a program: FILE is then the capture, and the "
                    "expression is compiled for its link type (docs/pcap-filter.md)");
    sub->add_flag("--quiet", o->quiet, "only the summary line, not a line per packet");
    sub->add_flag("--exit-code", o->exit_code,
                  "exit 1 when no packet is accepted (seccomp: when the action is not ALLOW)");
    return {sub, [o] { return cmd_run(o->in, o->rest, o->expression, o->seccomp, o->quiet, o->exit_code); }};
}

command add_seccomp_table(CLI::App& app) {
    auto o = std::make_shared<table_options>();
    auto* sub = app.add_subcommand(
        "seccomp-table", "a seccomp filter's action for each system call number: fixed, or depends on the arguments");
    add_input(sub, o->in);
    sub->add_option("--arch", o->arch,
                    "the architecture: x86_64 (the default), i386, aarch64, arm, riscv64, s390x or a number");
    sub->add_option("--count", o->count, "system call numbers 0 to COUNT - 1 (default 467)")
        ->check(CLI::Range(1u, 1u << 20));
    return {sub, [o] { return cmd_seccomp_table(o->in, o->arch, o->count); }};
}

}  // namespace tool
