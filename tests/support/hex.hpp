// Test support: bytes as hexadecimal text, for failure messages that show a frame.
#pragma once

#include <cstdint>
#include <cstdio>
#include <span>
#include <string>

namespace ctbpf_test {

inline std::string hex(std::span<const std::uint8_t> bytes) {
    std::string s;
    char b[4];
    for (std::uint8_t c : bytes) {
        std::snprintf(b, sizeof b, "%02x", c);
        s += b;
    }
    return s;
}

}  // namespace ctbpf_test
