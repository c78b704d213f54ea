// libFuzzer target: verify and run arbitrary program images on arbitrary packets and
// seccomp_data, in both profiles and dialects; the fast engines (verified_program,
// decoded_program) must give the checked loop's verdict, and a rejected program's result must
// agree with verify(). Input: 1 byte n, then n 8-byte instructions, then the packet (also read as
// seccomp_data and context values).
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include <ctbpf/ctbpf.hpp>
#include <ctbpf/decoded.hpp>

#include "input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    const auto [program, packet] = ctbpf_fuzz::read_input(data, size);

    const ctbpf::verify_result socket = ctbpf::verify(program);
    const ctbpf::verify_result seccomp = ctbpf::verify(program, ctbpf::profile::seccomp);
    if (seccomp && !socket) __builtin_trap();  // seccomp's rules include the socket rules

    const ctbpf::verified_program verified(program);
    const ctbpf::decoded_program decoded(program);
    if (static_cast<bool>(verified) != static_cast<bool>(socket) ||
        static_cast<bool>(decoded) != static_cast<bool>(socket))
        __builtin_trap();
    ctbpf::packet_context ctx = ctbpf_fuzz::context_of(packet);
    for (const ctbpf::dialect d : {ctbpf::dialect::kernel, ctbpf::dialect::libpcap}) {
        ctx.dialect = d;
        const std::uint32_t expected = ctbpf::run(program, packet, ctx);
        if (socket && (ctbpf::run(verified, packet, ctx) != expected || ctbpf::run(decoded, packet, ctx) != expected))
            __builtin_trap();
    }
    (void)ctbpf::run(program, ctbpf_fuzz::seccomp_data_of(packet));
    return 0;
}
