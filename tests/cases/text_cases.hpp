// Disassembly goldens: the same expectations are static_asserts (tests/static/text_static.cpp)
// and run-time tests (tests/unit/text_test.cpp). The tcpdump formats are also compared with
// libpcap's own bpf_image()/bpf_dump() and the tcpdump binary (tests/oracle/).
#pragma once

#include <string_view>

#include <ctbpf/ctbpf.hpp>

namespace cases {

using namespace ctbpf;  // NOLINT

/// `tcpdump -d arp` on an Ethernet link.
inline constexpr auto arp_program = assemble(ldh(12), jeq(0x806, 0, 1), ret(262144), ret(0));

inline constexpr std::string_view arp_d =
    "(000) ldh      [12]\n"
    "(001) jeq      #0x806           jt 2\tjf 3\n"
    "(002) ret      #262144\n"
    "(003) ret      #0\n";
inline constexpr std::string_view arp_dd =
    "{ 0x28, 0, 0, 0x0000000c },\n"
    "{ 0x15, 0, 1, 0x00000806 },\n"
    "{ 0x6, 0, 0, 0x00040000 },\n"
    "{ 0x6, 0, 0, 0x00000000 },\n";
inline constexpr std::string_view arp_ddd =
    "4\n"
    "40 0 0 12\n"
    "21 0 1 2054\n"
    "6 0 0 262144\n"
    "6 0 0 0\n";
inline constexpr std::string_view arp_asm =
    "ldh [12]\n"
    "jeq #0x806, l2, l3\n"
    "l2: ret #262144\n"
    "l3: ret #0\n";
inline constexpr std::string_view arp_bytecode = "4,40 0 0 12,21 0 1 2054,6 0 0 262144,6 0 0 0\n";

/// One of every operand form, for the tcpdump and bpf_asm spellings.
inline constexpr auto tour =
    assemble(ldb(ext::type), ldh(ext::vlan_avail), ld(ext::xor_x), ld(ext::rand), ld(net_offset), ld(len), ldx(len),
             ld(x + 0xffffffffu), ldi(0xdeadbeef), ldxi(7), ldxb(14), st(M[5]), stx(M[6]), ld(M[5]), ldx(M[6]),
             add(0xfffffffbu), sub(x), mul(3), ctbpf::div(x), mod(7), and_(0xf), or_(x), xor_(0xff), lsh(3), rsh(x),
             neg(), tax(), txa(), ja("end"), jgt(0xffffffffu, 0, "end"), jset(x, "end", 0), label("end"), ret(a));

inline constexpr std::string_view tour_d =
    "(000) ldb      [type]\n"
    "(001) ldh      [vlanp]\n"
    "(002) ld       [xor_x]\n"
    "(003) ld       [random]\n"
    "(004) ld       [-1048576]\n"
    "(005) ld       #pktlen\n"
    "(006) unimp    0x81\n"
    "(007) ld       [x + -1]\n"
    "(008) ld       #0xdeadbeef\n"
    "(009) ldx      #0x7\n"
    "(010) ldxb     4*([14]&0xf)\n"
    "(011) st       M[5]\n"
    "(012) stx      M[6]\n"
    "(013) ld       M[5]\n"
    "(014) ldx      M[6]\n"
    "(015) add      #-5\n"
    "(016) sub      x\n"
    "(017) mul      #3\n"
    "(018) div      x\n"
    "(019) mod      #7\n"
    "(020) and      #0xf\n"
    "(021) or       x\n"
    "(022) xor      #0xff\n"
    "(023) lsh      #3\n"
    "(024) rsh      x\n"
    "(025) neg      \n"
    "(026) tax      \n"
    "(027) txa      \n"
    "(028) ja       31\n"
    "(029) jgt      #0xffffffff      jt 30\tjf 31\n"
    "(030) jset     x                jt 31\tjf 31\n"
    "(031) ret      \n";

inline constexpr std::string_view tour_asm =
    "ldb #type\n"
    "ldh #vlan_pr\n"
    "ld [4294963240]\n"
    "ld #rand\n"
    "ld [4293918720]\n"
    "ld #len\n"
    "ldx #len\n"
    "ld [x + 4294967295]\n"
    "ld #0xdeadbeef\n"
    "ldx #0x7\n"
    "ldxb 4*([14]&0xf)\n"
    "st M[5]\n"
    "stx M[6]\n"
    "ld M[5]\n"
    "ldx M[6]\n"
    "add #0xfffffffb\n"
    "sub x\n"
    "mul #3\n"
    "div x\n"
    "mod #7\n"
    "and #0xf\n"
    "or x\n"
    "xor #0xff\n"
    "lsh #3\n"
    "rsh x\n"
    "neg\n"
    "tax\n"
    "txa\n"
    "ja l31\n"
    "jgt #0xffffffff, l30, l31\n"
    "l30: jset x, l31\n"
    "l31: ret a\n";

}  // namespace cases
