// Disassembly at compile time.
#include "../cases/text_cases.hpp"

namespace {
using ctbpf::text_format;
static_assert(ctbpf::to_text(cases::arp_program) == cases::arp_d);
static_assert(ctbpf::to_text<text_format::tcpdump_dd>(cases::arp_program) == cases::arp_dd);
static_assert(ctbpf::to_text<text_format::tcpdump_ddd>(cases::arp_program) == cases::arp_ddd);
static_assert(ctbpf::to_text<text_format::bpf_asm>(cases::arp_program) == cases::arp_asm);
static_assert(ctbpf::to_text<text_format::bpf_bytecode>(cases::arp_program) == cases::arp_bytecode);
static_assert(ctbpf::to_text(cases::tour) == cases::tour_d);
static_assert(ctbpf::to_text<text_format::bpf_asm>(cases::tour) == cases::tour_asm);

// Instructions bpf_asm cannot spell become comments with their -dd encoding.
constexpr std::array<ctbpf::sock_filter, 2> odd{{{0x21, 0, 0, 4}, {0x06, 1, 0, 0}}};
static_assert(ctbpf::to_text<text_format::bpf_asm>(odd) ==
              "; not expressible in bpf_asm: { 0x21, 0, 0, 0x00000004 },\n"
              "; not expressible in bpf_asm: { 0x6, 1, 0, 0x00000000 },\n");
static_assert(ctbpf::to_text(odd) == "(000) unimp    0x21\n(001) ret      #0\n");
// An unknown jump opcode still gets tcpdump's jump layout.
constexpr std::array<ctbpf::sock_filter, 1> odd_jump{{{0x55, 1, 2, 0}}};
static_assert(ctbpf::to_text(odd_jump) == "(000) unimp    0x55             jt 2\tjf 3\n");
// Indexes from 1000 on take four digits.
static_assert(ctbpf::to_text(std::array<ctbpf::sock_filter, 1>{{{0x05, 0, 0, 1000}}}) == "(000) ja       1001\n");
}  // namespace
