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

#include "input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    const auto [program, packet] = ctbpf_fuzz::read_input(data, size);

    for (const ctbpf::profile prof : {ctbpf::profile::socket_filter, ctbpf::profile::seccomp}) {
        const auto q = ctbpf::optimize(program, prof);
        if (!ctbpf::verify(program, prof)) {
            if (q.size() != program.size()) __builtin_trap();  // unchanged
            continue;
        }
        if (!ctbpf::verify(q, prof) || q.size() > program.size()) __builtin_trap();
        if (prof == ctbpf::profile::seccomp) {
            const ctbpf::seccomp_data d = ctbpf_fuzz::seccomp_data_of(packet);
            if (ctbpf::run(program, d) != ctbpf::run(q, d)) __builtin_trap();
            continue;
        }
        ctbpf::packet_context ctx = ctbpf_fuzz::context_of(packet);
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
