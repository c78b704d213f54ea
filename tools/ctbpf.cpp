// ctbpf — the command-line tool: assemble, disassemble, verify and run classic BPF programs.
//   ctbpf asm FILE [--dd|--ddd|--bytecode|--c|--raw] [--seccomp]
//   ctbpf disasm FILE [--asm|--dd|--ddd|--bytecode] [--raw]      FILE may be - (stdin)
//   ctbpf verify FILE [--seccomp]
//   ctbpf run FILE CAPTURE.pcap [--quiet]
//   ctbpf run FILE --seccomp nr=N [arch=A] [ip=P] [args=a0,a1,...]
//   ctbpf dot FILE
// FILE is bpf_asm source, a tcpdump -dd/-ddd image, a bpf_asm bytecode line, or raw binary
// (struct sock_filter records). Exit codes: 0 ok, 1 rejected program or failed run, 2 usage
// or I/O error. Errors go to stderr as FILE:line:column: message.
#include <ctbpf/ctbpf.hpp>
#include <ctbpf/parse_vector.hpp>
#include <ctbpf/text_string.hpp>

#include <pcap/pcap.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

constexpr int ok = 0, rejected = 1, usage_error = 2;

int usage() {
    std::cerr << "usage: ctbpf asm FILE [--dd|--ddd|--bytecode|--c|--raw] [--seccomp]\n"
                 "       ctbpf disasm FILE [--asm|--dd|--ddd|--bytecode] [--raw]\n"
                 "       ctbpf verify FILE [--seccomp]\n"
                 "       ctbpf run FILE CAPTURE.pcap [--quiet]\n"
                 "       ctbpf run FILE --seccomp nr=N [arch=A] [ip=P] [args=a0,a1,...]\n"
                 "       ctbpf dot FILE\n"
                 "FILE: bpf_asm source, tcpdump -dd/-ddd, bytecode (N,code jt jf k,...) or raw; - is stdin\n";
    return usage_error;
}

struct loaded {
    std::vector<ctbpf::sock_filter> program;
    std::vector<ctbpf::text_position> origin;  // empty for raw images
};

std::optional<std::string> read_all(const std::string& path) {
    std::ostringstream s;
    if (path == "-") {
        s << std::cin.rdbuf();
    } else {
        std::ifstream f(path, std::ios::binary);
        if (!f) return std::nullopt;
        s << f.rdbuf();
    }
    return s.str();
}

bool looks_binary(std::string_view data) {
    for (unsigned char c : data)
        if (c == 0 || (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v') || c >= 0x7f)
            return true;
    return false;
}

/// Reads FILE in whatever format it is in; prints errors; nullopt on failure.
std::optional<loaded> load(const std::string& path, bool force_raw, std::optional<ctbpf::text_format> format = {}) {
    const auto data = read_all(path);
    if (!data) {
        std::cerr << path << ": cannot read: " << std::strerror(errno) << '\n';
        return std::nullopt;
    }
    loaded out;
    if (force_raw || (!format && looks_binary(*data))) {
        if (data->size() % sizeof(ctbpf::sock_filter) != 0 || data->empty()) {
            std::cerr << path << ": a raw image is a whole number of 8-byte instructions (" << data->size()
                      << " bytes)\n";
            return std::nullopt;
        }
        out.program.resize(data->size() / sizeof(ctbpf::sock_filter));
        std::memcpy(out.program.data(), data->data(), data->size());
        return out;
    }
    const ctbpf::text_format f = format ? *format : ctbpf::guess_format(*data);
    const auto r = ctbpf::parse_program(*data, f);
    if (!r) {
        std::cerr << path << ":" << r.error_message() << '\n';
        return std::nullopt;
    }
    out.program = r.program;
    out.origin = r.origin;
    return out;
}

std::string where(const std::string& path, const loaded& l, std::size_t index) {
    std::ostringstream s;
    s << path;
    if (index < l.origin.size()) s << ':' << l.origin[index].line << ':' << l.origin[index].column;
    return s.str();
}

/// Verifies; prints the rule, index and message on rejection.
bool check(const std::string& path, const loaded& l, ctbpf::profile profile) {
    const ctbpf::verify_result v = ctbpf::verify(l.program, profile);
    if (v) return true;
    std::cerr << where(path, l, v.index) << ": rejected: instruction " << v.index << ": " << v.message() << " ("
              << static_cast<int>(v.error) << ")\n";
    return false;
}

bool has(const std::vector<std::string>& args, std::string_view flag) {
    for (const auto& a : args)
        if (a == flag) return true;
    return false;
}

int cmd_asm(const std::string& path, const std::vector<std::string>& args) {
    const auto profile = has(args, "--seccomp") ? ctbpf::profile::seccomp : ctbpf::profile::socket_filter;
    const auto l = load(path, false, ctbpf::text_format::bpf_asm);
    if (!l) return rejected;
    if (!check(path, *l, profile)) return rejected;
    if (has(args, "--raw")) {
        std::cout.write(reinterpret_cast<const char*>(l->program.data()),
                        static_cast<std::streamsize>(l->program.size() * sizeof(ctbpf::sock_filter)));
    } else if (has(args, "--c")) {
        std::cout << "#include <linux/filter.h>\n\nstatic struct sock_filter filter[] = {\n";
        for (const auto& f : l->program) {
            char line[64];
            std::snprintf(line, sizeof line, "    { 0x%02x, %3u, %3u, 0x%08x },\n", f.code, f.jt, f.jf, f.k);
            std::cout << line;
        }
        std::cout << "};\n\nstatic const struct sock_fprog program = {\n    .len = " << l->program.size()
                  << ",\n    .filter = filter,\n};\n";
    } else if (has(args, "--ddd")) {
        std::cout << ctbpf::to_string(l->program, ctbpf::text_format::tcpdump_ddd);
    } else if (has(args, "--bytecode")) {
        std::cout << ctbpf::to_string(l->program, ctbpf::text_format::bpf_bytecode);
    } else {
        std::cout << ctbpf::to_string(l->program, ctbpf::text_format::tcpdump_dd);
    }
    return ok;
}

int cmd_disasm(const std::string& path, const std::vector<std::string>& args) {
    const auto l = load(path, has(args, "--raw"));
    if (!l) return rejected;
    ctbpf::text_format f = ctbpf::text_format::tcpdump_d;
    if (has(args, "--asm")) f = ctbpf::text_format::bpf_asm;
    if (has(args, "--dd")) f = ctbpf::text_format::tcpdump_dd;
    if (has(args, "--ddd")) f = ctbpf::text_format::tcpdump_ddd;
    if (has(args, "--bytecode")) f = ctbpf::text_format::bpf_bytecode;
    std::cout << ctbpf::to_string(l->program, f);
    return ok;
}

int cmd_verify(const std::string& path, const std::vector<std::string>& args) {
    const auto profile = has(args, "--seccomp") ? ctbpf::profile::seccomp : ctbpf::profile::socket_filter;
    const auto l = load(path, has(args, "--raw"));
    if (!l) return rejected;
    if (!check(path, *l, profile)) return rejected;
    std::cout << path << ": accepted (" << l->program.size() << " instructions, "
              << (profile == ctbpf::profile::seccomp ? "seccomp" : "socket filter") << ")\n";
    return ok;
}

std::optional<std::uint64_t> number(std::string_view s) {
    if (s.empty()) return std::nullopt;
    char* end = nullptr;
    const std::string str(s);
    errno = 0;
    const bool negative = str[0] == '-';
    const unsigned long long v = negative ? static_cast<unsigned long long>(std::strtoll(str.c_str(), &end, 0))
                                          : std::strtoull(str.c_str(), &end, 0);
    if (errno != 0 || end == nullptr || *end != '\0') return std::nullopt;
    return v;
}

int cmd_run_seccomp(const std::string& path, const std::vector<std::string>& args) {
    const auto l = load(path, has(args, "--raw"));
    if (!l || !check(path, *l, ctbpf::profile::seccomp)) return rejected;
    ctbpf::seccomp_data d{};
    d.arch = ctbpf::seccomp::audit_arch_x86_64;
    bool have_nr = false;
    for (const auto& a : args) {
        const auto eq = a.find('=');
        if (eq == std::string::npos) continue;
        const std::string key = a.substr(0, eq), value = a.substr(eq + 1);
        if (key == "args") {
            std::size_t i = 0, start = 0;
            while (start <= value.size() && i < 6) {
                const std::size_t comma = value.find(',', start);
                const auto v = number(std::string_view(value).substr(
                    start, comma == std::string::npos ? std::string::npos : comma - start));
                if (!v) return usage();
                d.args[i++] = *v;
                if (comma == std::string::npos) break;
                start = comma + 1;
            }
            continue;
        }
        const auto v = number(value);
        if (!v) return usage();
        if (key == "nr") {
            d.nr = static_cast<std::int32_t>(*v);
            have_nr = true;
        } else if (key == "arch") {
            d.arch = static_cast<std::uint32_t>(*v);
        } else if (key == "ip") {
            d.instruction_pointer = *v;
        } else {
            return usage();
        }
    }
    if (!have_nr) return usage();
    const std::uint32_t action = ctbpf::run(l->program, d);
    char line[96];
    std::snprintf(line, sizeof line, "nr %d arch 0x%08x -> 0x%08x", d.nr, d.arch, action);
    std::cout << line;
    switch (action & ctbpf::seccomp::ret_action_full) {
        case ctbpf::seccomp::ret_kill_process: std::cout << " (KILL_PROCESS)"; break;
        case ctbpf::seccomp::ret_kill_thread: std::cout << " (KILL_THREAD)"; break;
        case ctbpf::seccomp::ret_trap: std::cout << " (TRAP)"; break;
        case ctbpf::seccomp::ret_errno: std::cout << " (ERRNO " << (action & ctbpf::seccomp::ret_data) << ")"; break;
        case ctbpf::seccomp::ret_user_notif: std::cout << " (USER_NOTIF)"; break;
        case ctbpf::seccomp::ret_trace: std::cout << " (TRACE)"; break;
        case ctbpf::seccomp::ret_log: std::cout << " (LOG)"; break;
        case ctbpf::seccomp::ret_allow: std::cout << " (ALLOW)"; break;
        default: std::cout << " (unknown action: kill)"; break;
    }
    std::cout << '\n';
    return ok;
}

int cmd_run(const std::string& path, const std::vector<std::string>& args) {
    if (has(args, "--seccomp")) return cmd_run_seccomp(path, args);
    if (args.empty() || args[0].starts_with("--")) return usage();
    const auto l = load(path, has(args, "--raw"));
    if (!l || !check(path, *l, ctbpf::profile::socket_filter)) return rejected;
    char error[PCAP_ERRBUF_SIZE] = {};
    pcap_t* capture = pcap_open_offline(args[0].c_str(), error);
    if (capture == nullptr) {
        std::cerr << args[0] << ": " << error << '\n';
        return usage_error;
    }
    const bool quiet = has(args, "--quiet");
    const ctbpf::verified_program verified(l->program);  // checked once: the fast loop for every packet
    std::size_t packets = 0, accepted = 0;
    pcap_pkthdr* header = nullptr;
    const u_char* data = nullptr;
    int status = 0;
    while ((status = pcap_next_ex(capture, &header, &data)) == 1) {
        ctbpf::packet_context ctx;
        ctx.len = header->len;  // the wire length, as the kernel's skb->len
        const std::span<const u_char> packet(data, header->caplen);
        const std::uint32_t verdict =
            verified ? ctbpf::run(verified, packet, ctx) : ctbpf::run(l->program, packet, ctx);
        ++packets;
        accepted += verdict != 0;
        if (!quiet)
            std::cout << packets << ": " << header->caplen << " bytes -> " << verdict
                      << (verdict ? " accept\n" : " drop\n");
    }
    if (status == PCAP_ERROR) std::cerr << args[0] << ": " << pcap_geterr(capture) << '\n';
    pcap_close(capture);
    std::cout << packets << " packets: " << accepted << " accepted, " << packets - accepted << " dropped\n";
    return status == PCAP_ERROR ? usage_error : ok;
}

/// Graphviz DOT of the control-flow graph: basic blocks, true/false edges, return values.
int cmd_dot(const std::string& path, const std::vector<std::string>& args) {
    const auto l = load(path, has(args, "--raw"));
    if (!l || !check(path, *l, ctbpf::profile::socket_filter)) return rejected;
    const auto& p = l->program;
    const std::size_t n = p.size();
    const auto is_jump = [](const ctbpf::sock_filter& f) { return ctbpf::bpf::class_of(f.code) == ctbpf::bpf::jmp; };
    const auto is_ret = [](const ctbpf::sock_filter& f) { return ctbpf::bpf::class_of(f.code) == ctbpf::bpf::ret; };
    std::set<std::size_t> leaders{0};
    for (std::size_t i = 0; i < n; ++i) {
        if (is_jump(p[i])) {
            if (p[i].code == (ctbpf::bpf::jmp | ctbpf::bpf::ja))
                leaders.insert(i + 1 + p[i].k);
            else {
                leaders.insert(i + 1 + p[i].jt);
                leaders.insert(i + 1 + p[i].jf);
            }
        }
        if ((is_jump(p[i]) || is_ret(p[i])) && i + 1 < n) leaders.insert(i + 1);
    }
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
    for (auto it = leaders.begin(); it != leaders.end(); ++it) {
        const std::size_t start = *it;
        if (start >= n) continue;
        const auto next = std::next(it);
        const std::size_t end = next == leaders.end() ? n : std::min(*next, n);
        std::cout << "  b" << start << " [label=\"";
        for (std::size_t i = start; i < end; ++i) std::cout << escape(lines[i]) << "\\l";
        std::cout << "\"" << (is_ret(p[end - 1]) ? ", style=rounded" : "") << "];\n";
        const auto& last = p[end - 1];
        if (is_ret(last)) continue;
        if (last.code == (ctbpf::bpf::jmp | ctbpf::bpf::ja)) {
            std::cout << "  b" << start << " -> b" << end - 1 + 1 + last.k << ";\n";
        } else if (is_jump(last)) {
            std::cout << "  b" << start << " -> b" << end + last.jt << " [label=\"true\", color=darkgreen];\n";
            std::cout << "  b" << start << " -> b" << end + last.jf << " [label=\"false\", color=red];\n";
        } else if (end < n) {
            std::cout << "  b" << start << " -> b" << end << ";\n";
        }
    }
    std::cout << "}\n";
    return ok;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) return usage();
    const std::string command = argv[1], path = argv[2];
    const std::vector<std::string> args(argv + 3, argv + argc);
    if (command == "asm") return cmd_asm(path, args);
    if (command == "disasm") return cmd_disasm(path, args);
    if (command == "verify") return cmd_verify(path, args);
    if (command == "run") return cmd_run(path, args);
    if (command == "dot") return cmd_dot(path, args);
    return usage();
}
