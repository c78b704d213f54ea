// The fuzzers' input layout (fuzz_vm, fuzz_optimize): 1 byte n, then n 8-byte instructions, then
// the packet, whose first bytes also choose the packet context.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include <ctbpf/vm.hpp>

namespace ctbpf_fuzz {

struct input {
    std::vector<ctbpf::sock_filter> program;
    std::vector<std::uint8_t> packet;
};

/// The program and packet in data[0, size) (size >= 1).
inline input read_input(const std::uint8_t* data, std::size_t size) {
    const std::size_t n = std::min<std::size_t>(data[0], (size - 1) / sizeof(ctbpf::sock_filter));
    input in{std::vector<ctbpf::sock_filter>(n), {}};
    if (n > 0) std::memcpy(in.program.data(), data + 1, n * sizeof(ctbpf::sock_filter));
    const std::size_t rest = 1 + n * sizeof(ctbpf::sock_filter);
    in.packet.assign(data + rest, data + size);
    return in;
}

/// A packet context chosen by the packet's first four bytes.
inline ctbpf::packet_context context_of(const std::vector<std::uint8_t>& packet) {
    ctbpf::packet_context ctx;
    if (packet.size() >= 4) {
        ctx.network_offset = static_cast<std::int8_t>(packet[0]);
        ctx.mac_header_set = packet[1] & 1;
        ctx.has_device = packet[1] & 2;
        ctx.vlan_present = packet[1] & 4;
        ctx.random_seed = packet[2];
        if (packet[3] & 1) ctx.len = static_cast<std::uint32_t>(packet.size() + packet[3]);
    }
    return ctx;
}

/// The packet read as seccomp_data (zero-filled past its end).
inline ctbpf::seccomp_data seccomp_data_of(const std::vector<std::uint8_t>& packet) {
    ctbpf::seccomp_data d{};
    if (!packet.empty()) std::memcpy(&d, packet.data(), std::min(packet.size(), sizeof d));
    return d;
}

}  // namespace ctbpf_fuzz
