// tools/io.cpp — the ctbpf tool's input and output: FILE in any format, the kernel's check with
// where the instruction was written, a program printed in any format, the shared options.
#include "tool.hpp"

#include <ctbpf/parse_vector.hpp>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <optional>
#include <sstream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace tool {

int usage(std::string_view command, std::string_view reason) {
    std::cerr << "ctbpf " << command << ": " << reason << "\n(ctbpf " << command << " --help says how)\n";
    return usage_error;
}

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

bool check(const std::string& path, const loaded& l, ctbpf::profile profile) {
    const ctbpf::verify_result v = ctbpf::verify(l.program, profile);
    if (v) return true;
    std::cerr << where(path, l, v.index) << ": rejected: instruction " << v.index << ": " << v.message() << '\n';
    return false;
}

ctbpf::profile profile_of(bool seccomp) { return seccomp ? ctbpf::profile::seccomp : ctbpf::profile::socket_filter; }

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

void add_input(CLI::App* command, input& in, const std::string& default_format) {
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

}  // namespace tool
