// "All ARP packets" (the first example of the golang.org/x/net/bpf documentation), written with
// ctbpf: assembled and verified at compile time, its verdicts checked by static_assert.
#include <ctbpf/ctbpf.hpp>
#include <ctbpf/text_string.hpp>

#include <array>
#include <cstdint>
#include <iostream>

using namespace ctbpf;  // NOLINT: the builders read like assembler

// ldh [12]; jeq #0x806, accept, drop; accept: ret #4096; drop: ret #0
constexpr auto arp_only = assemble(ldh(12),                        // EtherType
                                   jeq(0x0806, "accept", "drop"),  // ARP?
                                   label("accept"), ret(4096), label("drop"), ret(0));

constexpr std::array<std::uint8_t, 42> arp_request{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02, 0x00,
                                                   0x00, 0x00, 0x00, 0x01, 0x08, 0x06,               // Ethernet
                                                   0x00, 0x01, 0x08, 0x00, 6,    4,    0x00, 0x01};  // ARP header
constexpr std::array<std::uint8_t, 34> ipv4_packet{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02, 0x00,
                                                   0x00, 0x00, 0x00, 0x01, 0x08, 0x00, 0x45};

static_assert(arp_only.size() == 4);
static_assert(run(arp_only, arp_request) == 4096);
static_assert(run(arp_only, ipv4_packet) == 0);
static_assert(to_text(arp_only) ==
              "(000) ldh      [12]\n"
              "(001) jeq      #0x806           jt 2\tjf 3\n"
              "(002) ret      #4096\n"
              "(003) ret      #0\n");

int main() {
    std::cout << "arp_only: " << arp_only.size() << " instructions, verified at compile time\n"
              << to_string(arp_only) << "bpf_asm:\n"
              << to_string(arp_only, text_format::bpf_asm) << "ARP request -> " << run(arp_only, arp_request)
              << ", IPv4 packet -> " << run(arp_only, ipv4_packet) << '\n';
}
