// libFuzzer target: verify and run arbitrary program images on arbitrary packets and
// seccomp_data, in both profiles and dialects. Input: 1 byte n, then n 8-byte instructions,
// then the packet (also read as seccomp_data and context values).
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include <ctbpf/ctbpf.hpp>

#include "input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    const auto [program, packet] = ctbpf_fuzz::read_input(data, size);

    const ctbpf::verify_result socket = ctbpf::verify(program);
    const ctbpf::verify_result seccomp = ctbpf::verify(program, ctbpf::profile::seccomp);
    if (seccomp && !socket) __builtin_trap();  // seccomp's rules include the socket rules

    ctbpf::packet_context ctx = ctbpf_fuzz::context_of(packet);
    (void)ctbpf::run(program, packet, ctx);
    ctx.dialect = ctbpf::dialect::libpcap;
    (void)ctbpf::run(program, packet, ctx);
    (void)ctbpf::run(program, ctbpf_fuzz::seccomp_data_of(packet));
    return 0;
}
