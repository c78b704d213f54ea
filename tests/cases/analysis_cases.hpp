// The analysis layer's instruction semantics (analysis/instruction.hpp) against the VM: every ALU
// operation, with K and with X, at the edges of its operands (0, 1, 31, 32, 33, the sign bit, all
// ones), in both dialects, must leave A as ctbpf::run computes it, or end the run with 0 where
// the run does. tests/static/analyze_static.cpp asserts it per operation at compile time,
// tests/unit/optimize_test.cpp at run time.
#pragma once

#include <ctbpf/analysis/instruction.hpp>
#include <ctbpf/vm.hpp>

#include <array>
#include <cstdint>

namespace cases::analysis {

inline constexpr std::uint16_t alu_operations[] = {ctbpf::bpf::add, ctbpf::bpf::sub, ctbpf::bpf::mul,  ctbpf::bpf::div,
                                                   ctbpf::bpf::mod, ctbpf::bpf::or_, ctbpf::bpf::and_, ctbpf::bpf::xor_,
                                                   ctbpf::bpf::lsh, ctbpf::bpf::rsh, ctbpf::bpf::neg};
inline constexpr std::uint32_t edge_values[] = {0, 1, 2, 5, 31, 32, 33, 0x7fffffffu, 0x80000000u, 0xffffffffu};

/// Whether analysis::alu agrees with ctbpf::run for operation `op` on every pair of edge values.
constexpr bool alu_agrees_with_the_vm(std::uint16_t op, ctbpf::dialect d) {
    namespace bpf = ctbpf::bpf;
    ctbpf::packet_context ctx{};
    ctx.dialect = d;
    const std::array<std::uint8_t, 1> packet{};
    for (const std::uint16_t src : {bpf::k, bpf::x})
        for (const std::uint32_t a : edge_values)
            for (const std::uint32_t b : edge_values) {
                const auto code = static_cast<std::uint16_t>(bpf::alu | op | (op == bpf::neg ? 0 : src));
                const std::array<ctbpf::sock_filter, 4> p{{{bpf::ld | bpf::imm, 0, 0, a},
                                                           {bpf::ldx | bpf::imm, 0, 0, b},
                                                           {code, 0, 0, b},
                                                           {bpf::ret | bpf::a, 0, 0, 0}}};
                const auto o = ctbpf::detail::analysis::alu(code, a, b, d == ctbpf::dialect::libpcap);
                if ((o.ends ? 0u : o.a) != ctbpf::run(p, packet, ctx)) return false;
            }
    return true;
}

}  // namespace cases::analysis
