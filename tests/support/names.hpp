// Test support: GoogleTest parameter names from case names, and running a command.
#pragma once

#include <cctype>
#include <cstdio>
#include <string>
#include <string_view>

namespace ctbpf_test {

/// A case name as a GoogleTest parameter name: letters, digits and underscores.
inline std::string test_name(std::string_view s) {
    std::string out;
    for (char c : s) out += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    return out;
}

/// What `command` prints on standard output (via popen).
inline std::string run_command(const std::string& command) {
    std::string out;
    FILE* p = ::popen(command.c_str(), "r");
    if (p == nullptr) return out;
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
    ::pclose(p);
    return out;
}

}  // namespace ctbpf_test
