// libFuzzer target: verify and run arbitrary program images on arbitrary packets and
// seccomp_data, in both profiles and dialects. Input: 1 byte n, then n 8-byte instructions,
// then the packet (also read as seccomp_data and context values).
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include <ctbpf/ctbpf.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    const std::size_t n = std::min<std::size_t>(data[0], (size - 1) / sizeof(ctbpf::sock_filter));
    std::vector<ctbpf::sock_filter> program(n);
    if (n > 0) std::memcpy(program.data(), data + 1, n * sizeof(ctbpf::sock_filter));
    const std::size_t rest = 1 + n * sizeof(ctbpf::sock_filter);
    const std::vector<std::uint8_t> packet(data + rest, data + size);

    const ctbpf::verify_result socket = ctbpf::verify(program);
    const ctbpf::verify_result seccomp = ctbpf::verify(program, ctbpf::profile::seccomp);
    if (seccomp && !socket) __builtin_trap();  // seccomp's rules include the socket rules

    ctbpf::packet_context ctx;
    if (packet.size() >= 4) {
        ctx.network_offset = static_cast<std::int8_t>(packet[0]);
        ctx.mac_header_set = packet[1] & 1;
        ctx.has_device = packet[1] & 2;
        ctx.vlan_present = packet[1] & 4;
        ctx.random_seed = packet[2];
        if (packet[3] & 1) ctx.len = static_cast<std::uint32_t>(packet.size() + packet[3]);
    }
    (void)ctbpf::run(program, packet, ctx);
    ctx.dialect = ctbpf::dialect::libpcap;
    (void)ctbpf::run(program, packet, ctx);
    ctbpf::seccomp_data d{};
    if (!packet.empty()) std::memcpy(&d, packet.data(), std::min(packet.size(), sizeof d));
    (void)ctbpf::run(program, d);
    return 0;
}
