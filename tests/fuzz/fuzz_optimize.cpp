// libFuzzer target: the optimizer on arbitrary program images. Input as fuzz_vm: 1 byte n, then n
// 8-byte instructions, then the packet (also read as seccomp_data and context values). A program
// that verifies must come back verified, no longer, and with the same verdict on the packet (both
// dialects) and, for seccomp, on the seccomp_data; one that does not verify comes back unchanged.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include <ctbpf/ctbpf.hpp>
#include <ctbpf/optimize_vector.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    const std::size_t n = std::min<std::size_t>(data[0], (size - 1) / sizeof(ctbpf::sock_filter));
    std::vector<ctbpf::sock_filter> program(n);
    if (n > 0) std::memcpy(program.data(), data + 1, n * sizeof(ctbpf::sock_filter));
    const std::size_t rest = 1 + n * sizeof(ctbpf::sock_filter);
    const std::vector<std::uint8_t> packet(data + rest, data + size);

    for (const ctbpf::profile prof : {ctbpf::profile::socket_filter, ctbpf::profile::seccomp}) {
        const auto q = ctbpf::optimize(program, prof);
        if (!ctbpf::verify(program, prof)) {
            if (q.size() != program.size()) __builtin_trap();  // unchanged
            continue;
        }
        if (!ctbpf::verify(q, prof) || q.size() > program.size()) __builtin_trap();
        if (prof == ctbpf::profile::seccomp) {
            ctbpf::seccomp_data d{};
            if (!packet.empty()) std::memcpy(&d, packet.data(), std::min(packet.size(), sizeof d));
            if (ctbpf::run(program, d) != ctbpf::run(q, d)) __builtin_trap();
            continue;
        }
        ctbpf::packet_context ctx;
        if (packet.size() >= 4) {
            ctx.network_offset = static_cast<std::int8_t>(packet[0]);
            ctx.mac_header_set = packet[1] & 1;
            ctx.has_device = packet[1] & 2;
            ctx.vlan_present = packet[1] & 4;
            ctx.random_seed = packet[2];
            if (packet[3] & 1) ctx.len = static_cast<std::uint32_t>(packet.size() + packet[3]);
        }
        for (const ctbpf::dialect d : {ctbpf::dialect::kernel, ctbpf::dialect::libpcap}) {
            ctx.dialect = d;
            for (std::size_t cut = 0; cut <= packet.size(); cut += 1 + packet.size() / 4) {  // truncations
                const std::vector<std::uint8_t> p(packet.begin(), packet.begin() + static_cast<std::ptrdiff_t>(cut));
                if (ctbpf::run(program, p, ctx) != ctbpf::run(q, p, ctx)) __builtin_trap();
            }
        }
    }
    return 0;
}
