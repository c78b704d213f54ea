// ctbpf — the command-line tool: assemble, disassemble, verify and run classic BPF programs.
// `ctbpf --help` and `ctbpf COMMAND --help` say how; docs/cli.md is the reference.
// FILE is bpf_asm source, a tcpdump -dd/-ddd image, a bpf_asm bytecode line, or raw binary
// (struct sock_filter records), recognised from the content unless --from says. Exit codes: 0 ok,
// 1 the program was rejected (or does not parse) or, with --exit-code, the filter said no;
// 2 a usage or I/O error. Errors go to stderr as FILE:line:column: message.
#include <ctbpf/ctbpf.hpp>
#include <ctbpf/analyze.hpp>
#include <ctbpf/optimize_vector.hpp>
#include <ctbpf/parse_vector.hpp>
#include <ctbpf/pcap_filter_vector.hpp>
#include <ctbpf/seccomp.hpp>
#include <ctbpf/text_string.hpp>

#include <CLI/CLI.hpp>
#include <pcap/pcap.h>

#include <array>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <iterator>
#include <limits>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

constexpr int ok = 0, rejected = 1, usage_error = 2;

/// A usage error found after the command line parsed: the reason, exit 2.
int usage(std::string_view command, std::string_view reason) {
    std::cerr << "ctbpf " << command << ": " << reason << "\n(ctbpf " << command << " --help says how)\n";
    return usage_error;
}

/// What a command reads: FILE and its format (--from).
struct input {
    std::string file;
    std::string from = "auto";
};

/// The input formats --from names, and what each reads.
const std::vector<std::pair<std::string, std::string>> input_formats{
    {"auto", "recognised from the content (the default)"},
    {"asm", "bpf_asm source"},
    {"dd", "tcpdump -dd"},
    {"ddd", "tcpdump -ddd"},
    {"bytecode", "bpf_asm bytecode (N,code jt jf k,...)"},
    {"raw", "binary struct sock_filter records"}};

std::string format_help() {
    std::string h = "FORMAT of FILE:";
    for (const auto& [name, what] : input_formats) h += "\n  " + name + ": " + what;
    return h;
}

struct loaded {
    int status = 0;  // ok, rejected (does not parse) or usage_error (cannot read)
    std::vector<ctbpf::sock_filter> program;
    std::vector<ctbpf::text_position> origin;  // empty for raw images
    bool good() const { return status == ok; }
};

/// The whole of FILE (or standard input for -), or the reason it cannot be read.
std::optional<std::string> read_all(const std::string& path, std::string& error) {
    const int fd = path == "-" ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        error = std::strerror(errno);
        return std::nullopt;
    }
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        error = "is a directory, not a program";
        if (fd != STDIN_FILENO) ::close(fd);
        return std::nullopt;
    }
    std::string data;
    std::array<char, 65536> buffer;
    ssize_t n = 0;
    while ((n = ::read(fd, buffer.data(), buffer.size())) > 0) data.append(buffer.data(), static_cast<std::size_t>(n));
    if (n < 0) error = std::strerror(errno);
    if (fd != STDIN_FILENO) ::close(fd);
    if (n < 0) return std::nullopt;
    return data;
}

bool looks_binary(std::string_view data) {
    for (unsigned char c : data)
        if (c == 0 || (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v') || c >= 0x7f)
            return true;
    return false;
}

loaded load_raw(const std::string& path, const std::string& data) {
    loaded out;
    if (data.size() % sizeof(ctbpf::sock_filter) != 0 || data.empty()) {
        std::cerr << path << ": a raw image is a whole number of 8-byte instructions (" << data.size() << " bytes)\n";
        out.status = rejected;
        return out;
    }
    out.program.resize(data.size() / sizeof(ctbpf::sock_filter));
    std::memcpy(out.program.data(), data.data(), data.size());
    return out;
}

/// Reads FILE in the format --from names (or the one its content shows); prints errors.
loaded load(const input& in) {
    std::string error;
    const auto data = read_all(in.file, error);
    if (!data) {
        std::cerr << in.file << ": cannot read: " << error << '\n';
        return {usage_error, {}, {}};
    }
    if (in.from == "raw" || (in.from == "auto" && looks_binary(*data))) return load_raw(in.file, *data);
    ctbpf::text_format f = ctbpf::guess_format(*data);
    if (in.from == "asm") f = ctbpf::text_format::bpf_asm;
    if (in.from == "dd") f = ctbpf::text_format::tcpdump_dd;
    if (in.from == "ddd") f = ctbpf::text_format::tcpdump_ddd;
    if (in.from == "bytecode") f = ctbpf::text_format::bpf_bytecode;
    const auto r = ctbpf::parse_program(*data, f);
    if (!r) {
        std::cerr << in.file << ":" << r.error_message() << '\n';
        return {rejected, {}, {}};
    }
    return {ok, r.program, r.origin};
}

std::string where(const std::string& path, const loaded& l, std::size_t index) {
    std::ostringstream s;
    s << path;
    if (index < l.origin.size()) s << ':' << l.origin[index].line << ':' << l.origin[index].column;
    return s.str();
}

/// Verifies; prints the instruction index, where it came from and the rule's message on rejection.
bool check(const std::string& path, const loaded& l, ctbpf::profile profile) {
    const ctbpf::verify_result v = ctbpf::verify(l.program, profile);
    if (v) return true;
    std::cerr << where(path, l, v.index) << ": rejected: instruction " << v.index << ": " << v.message() << '\n';
    return false;
}

ctbpf::profile profile_of(bool seccomp) { return seccomp ? ctbpf::profile::seccomp : ctbpf::profile::socket_filter; }

// ---- asm, disasm, verify -------------------------------------------------------------------

enum class output { dd, ddd, bytecode, c, binary, asm_text, d };

void print_c(const std::vector<ctbpf::sock_filter>& program) {
    std::cout << "#include <linux/filter.h>\n\nstatic struct sock_filter filter[] = {\n";
    for (const auto& f : program) {
        char line[64];
        std::snprintf(line, sizeof line, "    { 0x%02x, %3u, %3u, 0x%08x },\n", f.code, f.jt, f.jf, f.k);
        std::cout << line;
    }
    std::cout << "};\n\nstatic const struct sock_fprog program = {\n    .len = " << program.size()
              << ",\n    .filter = filter,\n};\n";
}

void print(const std::vector<ctbpf::sock_filter>& program, output out) {
    switch (out) {
        case output::binary:
            std::cout.write(reinterpret_cast<const char*>(program.data()),
                            static_cast<std::streamsize>(program.size() * sizeof(ctbpf::sock_filter)));
            return;
        case output::c: print_c(program); return;
        case output::dd: std::cout << ctbpf::to_string(program, ctbpf::text_format::tcpdump_dd); return;
        case output::ddd: std::cout << ctbpf::to_string(program, ctbpf::text_format::tcpdump_ddd); return;
        case output::bytecode: std::cout << ctbpf::to_string(program, ctbpf::text_format::bpf_bytecode); return;
        case output::asm_text: std::cout << ctbpf::to_string(program, ctbpf::text_format::bpf_asm); return;
        case output::d: std::cout << ctbpf::to_string(program, ctbpf::text_format::tcpdump_d); return;
    }
}

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

// ---- optimize, analyze --------------------------------------------------------------------

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

// ---- run -----------------------------------------------------------------------------------

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

/// The link types `compile --link` names, and the DLT of each.
struct link_name {
    const char* name;
    ctbpf::link_type link;
    int dlt;
};
constexpr link_name link_names[] = {{"ethernet", ctbpf::link_type::ethernet, DLT_EN10MB},
                                    {"raw", ctbpf::link_type::raw_ip, DLT_RAW},
                                    {"sll", ctbpf::link_type::linux_sll, DLT_LINUX_SLL},
                                    {"sll2", ctbpf::link_type::linux_sll2, DLT_LINUX_SLL2}};

/// A tcpdump expression compiled for `link`, or the problem shown under the expression (empty).
std::vector<ctbpf::sock_filter> compiled_expression(const std::string& expression, ctbpf::link_type link,
                                                    std::uint32_t snaplen, bool optimize_it,
                                                    std::uint32_t netmask = ctbpf::pcap_expr::netmask_unknown) {
    ctbpf::pcap_filter_result r = ctbpf::compile_pcap_filter(expression, link, snaplen, optimize_it, netmask);
    if (!r) {
        std::cerr << "ctbpf: " << r.error_message() << "\n  " << expression << "\n  "
                  << std::string(r.column > 0 ? r.column - 1 : 0, ' ') << "^\n";
        return {};
    }
    return std::move(r.program);
}

/// A tcpdump expression compiled (docs/pcap-filter.md), printed like tcpdump -d/-dd/-ddd.
int cmd_compile(const std::string& expression, const std::string& link_text, bool optimize_it, std::uint32_t snaplen,
                const std::string& netmask_text, output out) {
    const link_name* link = nullptr;
    for (const link_name& l : link_names)
        if (link_text == l.name) link = &l;
    if (link == nullptr) return usage("compile", "--link: ethernet, raw, sll or sll2, not `" + link_text + "`");
    std::uint32_t netmask = ctbpf::pcap_expr::netmask_unknown;
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

/// Graphviz DOT of the control-flow graph: basic blocks, true/false edges, return values.
int cmd_dot(const input& in) {
    const auto l = load(in);
    if (!l.good()) return l.status;
    if (!check(in.file, l, ctbpf::profile::socket_filter)) return rejected;
    const auto& p = l.program;
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

/// The input options every command that reads FILE shares.
void add_input(CLI::App* command, input& in, const std::string& default_format = "auto") {
    command->add_option("FILE", in.file, "the program; - reads standard input")->required();
    std::vector<std::string> names;
    for (const auto& f : input_formats) names.push_back(f.first);
    command
        ->add_option("--from", in.from,
                     "FILE's format: " + CLI::detail::join(names, ", ") + " (default: " + default_format + ")")
        ->check(CLI::IsMember(names))
        ->type_name("FORMAT");
    command->footer(format_help());
}

/// Output flags: at most one of them; `out` is the one given (or stays the default).
void add_outputs(CLI::App* command, output& out,
                 const std::vector<std::tuple<std::string, output, std::string>>& flags) {
    std::vector<CLI::Option*> options;
    for (const auto& [name, value, what] : flags) {
        const output v = value;
        options.push_back(command->add_flag_callback(
            name, [&out, v] { out = v; }, what));
    }
    for (auto* a : options)
        for (auto* b : options)
            if (a != b) a->excludes(b);
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"ctbpf: assemble, disassemble, verify and run classic BPF programs (docs/cli.md)", "ctbpf"};
    app.require_subcommand(1);
    app.footer(
        "Exit status: 0 ok; 1 the program was rejected or does not parse (or, with --exit-code, the\n"
        "filter said no); 2 a usage or I/O error. `ctbpf COMMAND --help` for each command.");
    input in;
    output out = output::dd;
    bool seccomp = false, quiet = false, exit_code = false;
    std::vector<std::string> rest;

    auto* asm_cmd = app.add_subcommand("asm", "assemble bpf_asm source, verify it, print the image (-dd by default)");
    add_input(asm_cmd, in, "asm");
    add_outputs(asm_cmd, out,
                {{"--dd", output::dd, "tcpdump -dd (the default)"},
                 {"--ddd", output::ddd, "tcpdump -ddd"},
                 {"--bytecode", output::bytecode, "bpf_asm bytecode"},
                 {"--c", output::c, "a C array and its struct sock_fprog"},
                 {"--binary", output::binary, "binary struct sock_filter records (what --from raw reads)"}});
    asm_cmd->add_flag("--seccomp", seccomp, "verify with the seccomp rules");

    auto* disasm_cmd = app.add_subcommand("disasm", "print a program (by default exactly as tcpdump -d)");
    add_input(disasm_cmd, in);
    add_outputs(disasm_cmd, out,
                {{"--asm", output::asm_text, "bpf_asm source"},
                 {"--dd", output::dd, "tcpdump -dd"},
                 {"--ddd", output::ddd, "tcpdump -ddd"},
                 {"--bytecode", output::bytecode, "bpf_asm bytecode"},
                 {"--binary", output::binary, "binary struct sock_filter records"}});

    auto* verify_cmd = app.add_subcommand("verify", "check a program with the kernel's rules");
    add_input(verify_cmd, in);
    verify_cmd->add_flag("--seccomp", seccomp, "the seccomp rules (default: a socket filter's)");

    auto* run_cmd =
        app.add_subcommand("run", "run a program on each packet of a capture, or (--seccomp) on one system call");
    add_input(run_cmd, in);
    run_cmd->add_option("CAPTURE|KEY=VALUE", rest,
                        "a capture file (read with libpcap), or with --seccomp: nr=N [arch=A] [ip=P] "
                        "[args=a0,...,a5]; numbers are decimal or 0x hexadecimal, arch a name (x86_64, i386, "
                        "aarch64, arm, riscv64, s390x) or a number, x86_64 by default");
    run_cmd->add_flag("--seccomp", seccomp, "FILE is a seccomp filter; run it on the system call given");
    std::string run_expression;
    run_cmd->add_option("--expr", run_expression,
                        "a tcpdump expression to run instead of a program: FILE is then the capture, and the "
                        "expression is compiled for its link type (docs/pcap-filter.md)");
    run_cmd->add_flag("--quiet", quiet, "only the summary line, not a line per packet");
    run_cmd->add_flag("--exit-code", exit_code,
                      "exit 1 when no packet is accepted (seccomp: when the action is not ALLOW)");

    auto* optimize_cmd = app.add_subcommand(
        "optimize", "print the program optimized (docs/optimizer.md): same verdicts, no longer; -dd by default");
    add_input(optimize_cmd, in);
    add_outputs(optimize_cmd, out,
                {{"--dd", output::dd, "tcpdump -dd (the default)"},
                 {"--d", output::d, "tcpdump -d"},
                 {"--asm", output::asm_text, "bpf_asm source"},
                 {"--bytecode", output::bytecode, "bpf_asm bytecode"},
                 {"--c", output::c, "a C array and its struct sock_fprog"},
                 {"--binary", output::binary, "binary struct sock_filter records"}});
    optimize_cmd->add_flag("--seccomp", seccomp, "a seccomp filter (its loads cannot fail)");

    auto* analyze_cmd = app.add_subcommand(
        "analyze", "what the program can do: verdicts, path lengths, unreachable code, snap length (docs/analyze.md)");
    add_input(analyze_cmd, in);
    analyze_cmd->add_flag("--seccomp", seccomp, "verify and analyse as a seccomp filter");

    auto* dot_cmd = app.add_subcommand("dot", "the control-flow graph in Graphviz DOT");
    add_input(dot_cmd, in);

    std::string expression, link = "ethernet";
    bool no_optimize = false;
    std::uint32_t snaplen = 262144;
    std::string netmask;
    auto* compile_cmd =
        app.add_subcommand("compile", "compile a tcpdump expression (docs/pcap-filter.md); tcpdump -d by default");
    compile_cmd->add_option("EXPRESSION", expression, "the expression, quoted as one argument")->required();
    add_outputs(compile_cmd, out,
                {{"--d", output::d, "tcpdump -d (the default)"},
                 {"--dd", output::dd, "tcpdump -dd"},
                 {"--ddd", output::ddd, "tcpdump -ddd"},
                 {"--asm", output::asm_text, "bpf_asm source"},
                 {"--c", output::c, "a C array and its struct sock_fprog"},
                 {"--binary", output::binary, "binary struct sock_filter records"}});
    compile_cmd->add_flag("--no-optimize", no_optimize, "the program as generated, before the optimizer");
    compile_cmd->add_option("--link", link,
                            "the captures' link type: ethernet (DLT_EN10MB, the default), raw (DLT_RAW), sll "
                            "(DLT_LINUX_SLL) or sll2 (DLT_LINUX_SLL2)");
    compile_cmd->add_option("--snaplen", snaplen, "the value an accepted packet returns (default 262144, as tcpdump)");
    compile_cmd->add_option("--netmask", netmask,
                            "the network's mask, as pcap_compile is given it (only `ip broadcast` needs it)");

    std::string table_arch = "x86_64";
    std::uint32_t table_count = 467;
    auto* table_cmd = app.add_subcommand(
        "seccomp-table", "a seccomp filter's action for each system call number: fixed, or depends on the arguments");
    add_input(table_cmd, in);
    table_cmd->add_option("--arch", table_arch,
                          "the architecture: x86_64 (the default), i386, aarch64, arm, riscv64, s390x or a number");
    table_cmd->add_option("--count", table_count, "system call numbers 0 to COUNT - 1 (default 467)")
        ->check(CLI::Range(1u, 1u << 20));

    if (argc > 1 && argv[1][0] != '-') {
        bool known = false;
        for (const auto* sub : app.get_subcommands({})) known = known || sub->get_name() == argv[1];
        if (!known) {
            std::cerr << "ctbpf: unknown command `" << argv[1]
                      << "` (asm, disasm, verify, optimize, analyze, run, dot, seccomp-table, compile)\n"
                      << "(ctbpf --help says how)\n";
            return usage_error;
        }
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) return app.exit(e);  // --help
        std::string command;
        for (const auto* sub : app.get_subcommands()) command = sub->get_name();
        std::cerr << "ctbpf" << (command.empty() ? "" : " " + command) << ": " << e.what() << "\n(ctbpf "
                  << (command.empty() ? "" : command + " ") << "--help says how)\n";
        return usage_error;
    }
    if (asm_cmd->parsed()) {
        if (in.from == "auto") in.from = "asm";
        return cmd_asm(in, seccomp, out);
    }
    if (disasm_cmd->parsed()) return cmd_disasm(in, out == output::dd && !disasm_cmd->count("--dd") ? output::d : out);
    if (verify_cmd->parsed()) return cmd_verify(in, seccomp);
    if (optimize_cmd->parsed()) return cmd_optimize(in, seccomp, out);
    if (analyze_cmd->parsed()) return cmd_analyze(in, seccomp);
    if (run_cmd->parsed()) return cmd_run(in, rest, run_expression, seccomp, quiet, exit_code);
    if (table_cmd->parsed()) return cmd_seccomp_table(in, table_arch, table_count);
    if (compile_cmd->parsed())
        return cmd_compile(expression, link, !no_optimize, snaplen, netmask,
                           out == output::dd && !compile_cmd->count("--dd") ? output::d : out);
    return cmd_dot(in);
}
