// Verdict cases for ctbpf::run: each is checked by a static_assert (tests/static/vm_static.cpp),
// by GoogleTest on run-time copies (tests/unit/vm_test.cpp) and, where every value involved is
// known on loopback, against the kernel (tests/oracle/kernel_verdicts_test.cpp).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include <ctbpf/ctbpf.hpp>

#include "frames.hpp"

namespace cases {

inline constexpr std::size_t max_program = 24;
inline constexpr std::size_t max_packet = 64;

struct vm_case {
    std::string_view name;
    std::array<ctbpf::sock_filter, max_program> program{};
    std::size_t program_size = 0;
    std::array<std::uint8_t, max_packet> packet{};
    std::size_t packet_size = 0;
    ctbpf::packet_context context{};
    std::uint32_t expected = 0;

    constexpr std::span<const ctbpf::sock_filter> prog() const { return {program.data(), program_size}; }
    constexpr std::span<const std::uint8_t> pkt() const { return {packet.data(), packet_size}; }
};

template <std::size_t N, std::size_t P>
constexpr vm_case vm(std::string_view name, const std::array<ctbpf::sock_filter, N>& program,
                     const std::array<std::uint8_t, P>& packet, std::uint32_t expected,
                     ctbpf::packet_context context = {}) {
    static_assert(N <= max_program && P <= max_packet);
    vm_case c{name, {}, N, {}, P, context, expected};
    for (std::size_t i = 0; i < N; ++i) c.program[i] = program[i];
    for (std::size_t i = 0; i < P; ++i) c.packet[i] = packet[i];
    return c;
}

/// Programs that are not verified on purpose: run() must still give a defined verdict (0).
template <class... F>
constexpr std::array<ctbpf::sock_filter, sizeof...(F)> image(F... f) {
    return {f...};
}
constexpr ctbpf::sock_filter insn(std::uint16_t code, std::uint8_t jt, std::uint8_t jf, std::uint32_t k) {
    return ctbpf::sock_filter{code, jt, jf, k};
}

using namespace ctbpf;  // NOLINT: the builders read like assembler here

inline constexpr auto arp_frame = ethernet_frame<60>(0x0806);
inline constexpr auto ip_frame = ethernet_frame<60>(0x0800);
inline constexpr auto tcp_frame = ipv4_tcp_frame();
inline constexpr auto short_frame = ethernet_frame<20>(0x0800);
inline constexpr auto arp = assemble(ldh(12), jeq(0x806, 0, 1), ret(4096), ret(0));

inline constexpr std::array vm_cases{
    // ---- returns and loads
    vm("ret #k", assemble(ret(1234)), arp_frame, 1234),
    vm("ret a after ld #k", assemble(ldi(77), ret(a)), arp_frame, 77),
    vm("arp filter accepts arp", arp, arp_frame, 4096),
    vm("arp filter drops ip", arp, ip_frame, 0),
    vm("ld [k] reads a big-endian word", assemble(ld(12), ret(a)), arp_frame, 0x08060e0fu),
    vm("ldb [k]", assemble(ldb(23), ret(a)), tcp_frame, 6),
    vm("ld [k] past the end returns 0", assemble(ldi(9), ld(18), ret(a)), short_frame, 0),
    vm("ldh [k] ending exactly at the end", assemble(ldh(18), ret(a)), short_frame, 0x1213),
    vm("ld [x + k]", assemble(ldxi(14), ld(x + 2), add(1), ret(a)), tcp_frame, 0x00320001u),
    vm("ldb [x + k] with X + K wrapping to byte 1", assemble(ldxi(0xffffffffu), ldb(x + 2), ret(a)),
       ethernet_frame<20>(0x0800, 0), 0),
    vm("ldb [x + k] with K wrapping to byte 8", assemble(ldxi(10), ldb(x + 0xfffffffeu), add(100), ret(a)), arp_frame,
       100),
    vm("ldh [x + k] past the end returns 0", assemble(ldxi(10), ldi(5), ldh(x + 9), ret(a)), short_frame, 0),
    vm("ld #len", assemble(ld(len), ret(a)), arp_frame, 60),
    vm("ldx #len", assemble(ldx(len), txa(), ret(a)), short_frame, 20),
    vm("len comes from the context", assemble(ld(len), ret(a)), short_frame, 1500, packet_context{.len = 1500}),
    vm("ldxb 4*([k]&0xf)", assemble(ldxb(14), txa(), ret(a)), tcp_frame, 20),
    vm("ldxb past the end returns 0", assemble(ldxb(99), ret(7)), tcp_frame, 0),
    vm("tcp dst port through the IHL", assemble(ldxb(14), ldh(x + 16), ret(a)), tcp_frame, 80),
    vm("scratch memory st/ld", assemble(ldi(5), st(M[3]), ldi(0), ld(M[3]), ret(a)), arp_frame, 5),
    vm("scratch memory stx/ldx", assemble(ldxi(9), stx(M[15]), ldxi(1), ldx(M[15]), txa(), ret(a)), arp_frame, 9),
    // ---- ALU
    vm("add sub mul with k", assemble(ldi(10), add(5), sub(3), mul(7), ret(a)), arp_frame, 84),
    vm("add wraps at 32 bits", assemble(ldi(0xffffffffu), add(2), ret(a)), arp_frame, 1),
    vm("div #k", assemble(ldi(100), ctbpf::div(7), ret(a)), arp_frame, 14),
    vm("mod #k", assemble(ldi(100), mod(7), ret(a)), arp_frame, 2),
    vm("div x", assemble(ldxi(5), ldi(100), ctbpf::div(x), ret(a)), arp_frame, 20),
    vm("div x by zero returns 0", assemble(ldi(100), ctbpf::div(x), ret(9)), arp_frame, 0),
    vm("mod x by zero returns 0", assemble(ldi(100), mod(x), ret(9)), arp_frame, 0),
    vm("and or xor", assemble(ldi(0xf0f0), and_(0xff00), or_(0x0f), xor_(0x1), ret(a)), arp_frame, 0xf00e),
    vm("and or xor with x", assemble(ldxi(0xff), ldi(0x1234), and_(x), or_(x), xor_(x), ret(a)), arp_frame, 0),
    vm("sub mul with x", assemble(ldxi(3), ldi(10), sub(x), mul(x), ret(a)), arp_frame, 21),
    vm("add x", assemble(ldxi(3), ldi(10), add(x), ret(a)), arp_frame, 13),
    vm("lsh rsh #k", assemble(ldi(1), lsh(31), rsh(30), ret(a)), arp_frame, 2),
    vm("lsh x uses X & 31", assemble(ldxi(33), ldi(1), lsh(x), ret(a)), arp_frame, 2),
    vm("rsh x uses X & 31", assemble(ldi(30), ldxi(32), rsh(x), ret(a)), arp_frame, 30),
    vm("neg", assemble(ldi(1), neg(), ret(a)), arp_frame, 0xffffffffu),
    vm("tax txa", assemble(ldi(42), tax(), ldi(0), txa(), ret(a)), arp_frame, 42),
    // ---- jumps
    vm("ja skips", assemble(ja(1), ret(1), ret(2)), arp_frame, 2),
    vm("jeq x taken", assemble(ldxi(0x806), ldh(12), jeq(x, 0, 1), ret(1), ret(2)), arp_frame, 1),
    vm("jgt #k false branch", assemble(ldi(5), jgt(5, 1, 0), ret(1), ret(2)), arp_frame, 1),
    vm("jge #k true branch", assemble(ldi(5), jge(5, 1, 0), ret(1), ret(2)), arp_frame, 2),
    vm("jgt compares unsigned", assemble(ldi(0xffffffffu), jgt(1, 1, 0), ret(1), ret(2)), arp_frame, 2),
    vm("jset #k", assemble(ldi(0x12), jset(0x10, 1, 0), ret(1), ret(2)), arp_frame, 2),
    vm("jset x not set", assemble(ldxi(0x01), ldi(0x12), jset(x, 1, 0), ret(1), ret(2)), arp_frame, 1),
    vm("jgt x and jge x", assemble(ldxi(4), ldi(4), jgt(x, 2, 0), jge(x, 0, 1), ret(7), ret(8)), arp_frame, 7),
    vm("labels", assemble(ldh(12), jeq(0x806, "yes", "no"), label("yes"), ret(1), label("no"), ret(2)), arp_frame, 1),
    vm("jne/jlt/jle swap targets",
       assemble(ldi(3), jne(3, "bad"), jlt(4, "lt"), label("bad"), ret(0), label("lt"), jle(3, "ok"), ret(0),
                label("ok"), ret(5)),
       arp_frame, 5),
    // ---- ancillary values
    vm("ancillary protocol", assemble(ld(ext::proto), ret(a)), arp_frame, 0x806, packet_context{.protocol = 0x806}),
    vm("ancillary protocol with ldb reads the whole value", assemble(ldb(ext::proto), ret(a)), arp_frame, 0x806,
       packet_context{.protocol = 0x806}),
    vm("ancillary pkttype", assemble(ld(ext::type), ret(a)), arp_frame, 3, packet_context{.pkttype = 3}),
    vm("ancillary ifindex", assemble(ld(ext::ifidx), ret(a)), arp_frame, 7, packet_context{.ifindex = 7}),
    vm("ancillary ifindex without a device returns A", assemble(ldi(55), ld(ext::ifidx), ret(1)), arp_frame, 55,
       packet_context{.has_device = false}),
    vm("ancillary hatype", assemble(ldh(ext::hatype), ret(a)), arp_frame, 772, packet_context{.hatype = 772}),
    vm("ancillary hatype without a device returns A", assemble(ldi(66), ld(ext::hatype), ret(1)), arp_frame, 66,
       packet_context{.has_device = false}),
    vm("ancillary mark", assemble(ld(ext::mark), ret(a)), arp_frame, 0xdead, packet_context{.mark = 0xdead}),
    vm("ancillary queue", assemble(ld(ext::queue), ret(a)), arp_frame, 3, packet_context{.queue = 3}),
    vm("ancillary rxhash", assemble(ld(ext::rxhash), ret(a)), arp_frame, 99, packet_context{.rxhash = 99}),
    vm("ancillary cpu", assemble(ld(ext::cpu), ret(a)), arp_frame, 1, packet_context{.cpu = 1}),
    vm("ancillary xor_x", assemble(ldxi(0xff), ldi(0x0f), ld(ext::xor_x), ret(a)), arp_frame, 0xf0),
    vm("ancillary vlan tci", assemble(ld(ext::vlan_tci), ret(a)), arp_frame, 0x2005,
       packet_context{.vlan_tci = 0x2005, .vlan_present = true}),
    vm("ancillary vlan present", assemble(ld(ext::vlan_avail), ret(a)), arp_frame, 1,
       packet_context{.vlan_present = true}),
    vm("ancillary vlan absent", assemble(ld(ext::vlan_avail), add(10), ret(a)), arp_frame, 10),
    vm("ancillary vlan tpid", assemble(ld(ext::vlan_tpid), ret(a)), arp_frame, 0x88a8,
       packet_context{.vlan_present = true, .vlan_tpid = 0x88a8}),
    vm("ancillary payload offset", assemble(ld(ext::poff), ret(a)), tcp_frame, 54,
       packet_context{.payload_offset = 54}),
    vm("ancillary random is deterministic per seed", assemble(ld(ext::rand), ret(a)), arp_frame, 270369,
       packet_context{.random_seed = 1}),
    vm("random 1% sample keeps a small draw", assemble(ld(ext::rand), jlt(42949672, 0, 1), ret(4096), ret(0)),
       arp_frame, 4096, packet_context{.random_seed = 1}),
    vm("ancillary netlink attribute", assemble(ldi(16), ldxi(2), ld(ext::nla), ret(a)), netlink_message(), 24),
    vm("ancillary netlink attribute absent", assemble(ldi(16), ldxi(9), ld(ext::nla), add(1), ret(a)),
       netlink_message(), 1),
    vm("ancillary netlink attribute past the start", assemble(ldi(45), ldxi(1), ld(ext::nla), add(1), ret(a)),
       netlink_message(), 1),
    vm("ancillary nested netlink attribute", assemble(ldi(24), ldxi(5), ld(ext::nlan), ret(a)), netlink_message(), 28),
    vm("ancillary netlink when nonlinear is 0", assemble(ldi(16), ldxi(2), ld(ext::nla), add(1), ret(a)),
       netlink_message(), 1, packet_context{.len = 100}),
    // ---- negative offsets
    vm("SKF_NET_OFF is relative to the network header", assemble(ldb(net_offset + 9), ret(a)), tcp_frame, 6),
    vm("SKF_NET_OFF through x", assemble(ldxi(net_offset), ldb(x + 9), ret(a)), tcp_frame, 6),
    vm("SKF_NET_OFF with another network offset", assemble(ldb(net_offset), ret(a)), tcp_frame, 0x45,
       packet_context{.network_offset = 14}),
    vm("SKF_LL_OFF is relative to the link-layer header", assemble(ldh(ll_offset + 12), ret(a)), tcp_frame, 0x800),
    vm("SKF_LL_OFF without a link-layer header returns 0", assemble(ldh(ll_offset + 12), ret(a)), tcp_frame, 0,
       packet_context{.mac_header_set = false}),
    vm("below SKF_LL_OFF returns 0", assemble(ldb(ll_offset - 1), ret(9)), tcp_frame, 0),
    vm("ldxb through SKF_NET_OFF", assemble(ldxb(net_offset), txa(), ret(a)), tcp_frame, 20),
    // ---- what the kernel would reject still has a defined verdict: 0
    vm("unknown opcode returns 0", image(insn(0xff, 0, 0, 0), insn(0x06, 0, 0, 1)), arp_frame, 0),
    vm("ret x (0x0e) returns 0", image(insn(0x0e, 0, 0, 0)), arp_frame, 0),
    vm("div #0 returns 0", image(insn(0x34, 0, 0, 0), insn(0x06, 0, 0, 1)), arp_frame, 0),
    vm("lsh #32 returns 0", image(insn(0x00, 0, 0, 1), insn(0x64, 0, 0, 32), insn(0x16, 0, 0, 0)), arp_frame, 0),
    vm("M[16] returns 0", image(insn(0x02, 0, 0, 16), insn(0x06, 0, 0, 1)), arp_frame, 0),
    vm("jump past the end returns 0", image(insn(0x15, 5, 0, 0), insn(0x06, 0, 0, 1)), arp_frame, 0),
    vm("a jump's target past the end counts only when taken", image(insn(0x15, 0, 5, 0), insn(0x06, 0, 0, 1)),
       arp_frame, 1),
    vm("ja past the end returns 0", image(insn(0x05, 0, 0, 1), insn(0x06, 0, 0, 1)), arp_frame, 0),
    vm("falling off the end returns 0", image(insn(0x00, 0, 0, 1)), arp_frame, 0),
    vm("unknown ancillary returns 0", image(insn(0x20, 0, 0, ancillary_offset + 64), insn(0x06, 0, 0, 1)), arp_frame,
       0),
    vm("unread scratch memory is 0", image(insn(0x60, 0, 0, 4), insn(0x16, 0, 0, 0)), arp_frame, 0),
    // ---- libpcap dialect
    vm("libpcap: shift by x >= 32 gives 0", assemble(ldxi(33), ldi(1), lsh(x), add(5), ret(a)), arp_frame, 5,
       packet_context{.dialect = dialect::libpcap}),
    vm("libpcap: rsh by x >= 32 gives 0", assemble(ldxi(32), ldi(30), rsh(x), add(5), ret(a)), arp_frame, 5,
       packet_context{.dialect = dialect::libpcap}),
    vm("libpcap: lsh #32 gives 0",
       image(insn(0x00, 0, 0, 1), insn(0x64, 0, 0, 32), insn(0x04, 0, 0, 5), insn(0x16, 0, 0, 0)), arp_frame, 5,
       packet_context{.dialect = dialect::libpcap}),
    vm("libpcap: ld [x + k] does not wrap", assemble(ldxi(0xffffffffu), ldb(x + 2), ret(9)), arp_frame, 0,
       packet_context{.dialect = dialect::libpcap}),
    vm("libpcap: no ancillary values", assemble(ld(ext::proto), ret(9)), arp_frame, 0,
       packet_context{.protocol = 0x806, .dialect = dialect::libpcap}),
    vm("libpcap: no SKF_NET_OFF", assemble(ldb(net_offset), ret(9)), arp_frame, 0,
       packet_context{.dialect = dialect::libpcap}),
    vm("libpcap: len is the context's wire length", assemble(ld(len), ret(a)), short_frame, 1500,
       packet_context{.len = 1500, .dialect = dialect::libpcap}),
    vm("libpcap: tcp port", assemble(ldxb(14), ldh(x + 16), ret(a)), tcp_frame, 80,
       packet_context{.dialect = dialect::libpcap}),
};

// ---- seccomp verdicts
struct seccomp_case {
    std::string_view name;
    std::array<ctbpf::sock_filter, max_program> program{};
    std::size_t program_size = 0;
    ctbpf::seccomp_data data{};
    std::uint32_t expected = 0;
    constexpr std::span<const ctbpf::sock_filter> prog() const { return {program.data(), program_size}; }
};

template <std::size_t N>
constexpr seccomp_case sc(std::string_view name, const std::array<ctbpf::sock_filter, N>& program,
                          ctbpf::seccomp_data data, std::uint32_t expected) {
    seccomp_case c{name, {}, N, data, expected};
    for (std::size_t i = 0; i < N; ++i) c.program[i] = program[i];
    return c;
}

inline constexpr bool little_endian = std::endian::native == std::endian::little;
inline constexpr ctbpf::seccomp_data getpid_x86_64{
    39, seccomp::audit_arch_x86_64, 0x401000u, {0x1122334455667788u, 0xffffffffffffff9cu, 0, 0, 0, 0}};

inline constexpr std::array seccomp_cases{
    sc("nr", assemble<profile::seccomp>(ld(seccomp::nr_offset), ret(a)), getpid_x86_64, 39),
    sc("arch", assemble<profile::seccomp>(ld(seccomp::arch_offset), ret(a)), getpid_x86_64, 0xc000003eu),
    sc("arg0 first word is host order", assemble<profile::seccomp>(ld(seccomp::arg_offset(0)), ret(a)), getpid_x86_64,
       little_endian ? 0x55667788u : 0x11223344u),
    sc("arg0 second word is host order", assemble<profile::seccomp>(ld(seccomp::arg_offset(0) + 4), ret(a)),
       getpid_x86_64, little_endian ? 0x11223344u : 0x55667788u),
    sc("arg1 AT_FDCWD upper half", assemble<profile::seccomp>(ld(seccomp::arg_offset(1) + 4), ret(a)), getpid_x86_64,
       0xffffffffu),
    sc("instruction pointer", assemble<profile::seccomp>(ld(seccomp::instruction_pointer_offset), ret(a)),
       getpid_x86_64, little_endian ? 0x401000u : 0u),
    sc("len is 64", assemble<profile::seccomp>(ld(len), ret(a)), getpid_x86_64, 64),
    sc("allow getpid",
       assemble<profile::seccomp>(ld(seccomp::arch_offset), jeq(seccomp::audit_arch_x86_64, 0, 3),
                                  ld(seccomp::nr_offset), jeq(39, 0, 1), ret(seccomp::ret_allow),
                                  ret(seccomp::errno_(1))),
       getpid_x86_64, seccomp::ret_allow),
    sc("deny other syscalls",
       assemble<profile::seccomp>(ld(seccomp::nr_offset), jeq(40, 0, 1), ret(seccomp::ret_allow),
                                  ret(seccomp::errno_(1))),
       getpid_x86_64, 0x00050001u),
    sc("misaligned load returns 0 (kill)", image(insn(0x20, 0, 0, 2), insn(0x06, 0, 0, seccomp::ret_allow)),
       getpid_x86_64, 0),
    sc("load past seccomp_data returns 0", image(insn(0x20, 0, 0, 64), insn(0x06, 0, 0, seccomp::ret_allow)),
       getpid_x86_64, 0),
    sc("ldh returns 0", image(insn(0x28, 0, 0, 0), insn(0x06, 0, 0, seccomp::ret_allow)), getpid_x86_64, 0),
    sc("mod returns 0", image(insn(0x00, 0, 0, 9), insn(0x94, 0, 0, 2), insn(0x06, 0, 0, seccomp::ret_allow)),
       getpid_x86_64, 0),
    sc("ancillary returns 0", image(insn(0x20, 0, 0, ancillary_offset), insn(0x06, 0, 0, seccomp::ret_allow)),
       getpid_x86_64, 0),
};

}  // namespace cases
