// tcpdump expressions compiled at compile time (ctbpf::pcap_filter<"...">()): verified images whose
// verdicts on frames are checked by static_assert; the same compiler as at run time
// (tests/unit/pcap_filter_test.cpp, tests/oracle/pcap_filter_test.cpp).
#include <ctbpf/pcap_filter.hpp>
#include <ctbpf/vm.hpp>

#include <array>
#include <cstdint>
#include <type_traits>

#include "../cases/pcap_frames.hpp"
#include "../cases/pcap_sizes.hpp"

namespace {

// an Ethernet frame: IPv4, TCP from 10.0.0.1:1234 to 192.168.1.1:80, SYN
constexpr std::array<std::uint8_t, 54> syn_to_80{
    0,    1,    2, 3,  4, 5, 6,    7, 8,  9, 10, 11, 0x08, 0x00,                               // Ethernet
    0x45, 0,    0, 40, 0, 1, 0x40, 0, 64, 6, 0,  0,  10,   0,    0,    1,    192, 168, 1, 1,   // IPv4
    0x04, 0xd2, 0, 80, 0, 0, 0,    0, 0,  0, 0,  0,  0x50, 0x02, 0xff, 0xff, 0,   0,   0, 0};  // TCP

constexpr auto web = ctbpf::pcap_filter<"tcp dst port 80 and not src net 10.0.0.0/8">();
static_assert(ctbpf::verify(web));
static_assert(ctbpf::run(web, syn_to_80) == 0);  // from 10.0.0.1

constexpr auto syn = ctbpf::pcap_filter<"tcp[tcpflags] & (tcp-syn|tcp-ack) == tcp-syn">();
static_assert(ctbpf::run(syn, syn_to_80) == 262144);

constexpr auto host = ctbpf::pcap_filter<"host 192.168.1.1 and port http">();
static_assert(ctbpf::run(host, syn_to_80) == 262144);
// a truncated capture: the port is not there, so no verdict but 0 (libpcap's too)
static_assert(ctbpf::run(host, std::span(syn_to_80.data(), 36)) == 0);

// `ip broadcast` with the network mask pcap_compile would be given: 192.168.1.1 is no broadcast
// on a /24, but is on a /31 (its host bit is all ones)
static_assert(ctbpf::run(ctbpf::pcap_filter<"ip broadcast", ctbpf::link_type::ethernet, ctbpf::optimization::on, 262144,
                                            0xffffff00>(),
                         syn_to_80) == 0);
static_assert(ctbpf::run(ctbpf::pcap_filter<"ip broadcast", ctbpf::link_type::ethernet, ctbpf::optimization::on, 262144,
                                            0xfffffffe>(),
                         syn_to_80) == 262144);

constexpr auto all = ctbpf::pcap_filter<"">();
static_assert(all.size() == 1 && ctbpf::run(all, syn_to_80) == 262144);

constexpr auto snap = ctbpf::pcap_filter<"ip", ctbpf::link_type::ethernet, ctbpf::optimization::on, 65535>();
static_assert(ctbpf::run(snap, syn_to_80) == 65535);

constexpr auto raw = ctbpf::pcap_filter<"tcp port 80", ctbpf::link_type::ethernet, ctbpf::no_optimize>();
constexpr auto optimized = ctbpf::pcap_filter<"tcp port 80">();
static_assert(optimized.size() <= raw.size() && raw.size() == 22);  // libpcap -O0's 22 instructions
static_assert(ctbpf::run(raw, syn_to_80) == ctbpf::run(optimized, syn_to_80));

// sizes no longer than libpcap -O's (tests/cases/pcap_sizes.hpp)
#define CTBPF_PCAP_SIZE(expression, link, n) \
    static_assert(ctbpf::pcap_filter<expression, ctbpf::link_type::link>().size() == n, expression);
CTBPF_PCAP_SIZE_CASES(CTBPF_PCAP_SIZE)
#undef CTBPF_PCAP_SIZE

// 802.3 frames (LLC SAPs, SNAP, Novell's raw 802.3, LLC frame formats and commands), DECnet
#define CTBPF_PCAP_FRAME(expression, frame, verdict) \
    static_assert(ctbpf::run(ctbpf::pcap_filter<expression>(), cases::frames::frame) == (verdict), expression);
CTBPF_PCAP_FRAME_CASES(CTBPF_PCAP_FRAME)
#undef CTBPF_PCAP_FRAME
static_assert(ctbpf::run(ctbpf::pcap_filter<"ifindex 2", ctbpf::link_type::linux_sll2>(),
                         cases::frames::sll2_from_interface_2) == 262144);
static_assert(ctbpf::run(ctbpf::pcap_filter<"ifindex 3 or not ip", ctbpf::link_type::linux_sll2>(),
                         cases::frames::sll2_from_interface_2) == 0);

// names: Ethernet types written `\\name` (libpcap's table), IP protocols, DECnet's family alone
constexpr auto eq = [](const auto& a, const auto& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].code != b[i].code || a[i].jt != b[i].jt || a[i].jf != b[i].jf || a[i].k != b[i].k) return false;
    return true;
};
static_assert(eq(ctbpf::pcap_filter<"ether proto \\ip">(), ctbpf::pcap_filter<"ip">()));
static_assert(eq(ctbpf::pcap_filter<"ether proto \\arp or ether proto \\ip6">(), ctbpf::pcap_filter<"arp or ip6">()));
static_assert(eq(ctbpf::pcap_filter<"decnet">(), ctbpf::pcap_filter<"ether proto 0x6003">()));
static_assert(eq(ctbpf::pcap_filter<"ip proto \\ospf">(), ctbpf::pcap_filter<"ip proto 89">()));
static_assert(ctbpf::run(ctbpf::pcap_filter<"lat or sca or mopdl or moprc">(), syn_to_80) == 0);
static_assert(ctbpf::run(ctbpf::pcap_filter<"ether proto \\ip">(), syn_to_80) == 262144);

// a number is an address in one piece: `host 10` is 0.0.0.10 (libpcap's gen_ncode), `net 10`
// 10.0.0.0/8; MAC addresses with `:`, `-` or `.`
static_assert(ctbpf::run(ctbpf::pcap_filter<"host 10">(), syn_to_80) == 0);
static_assert(ctbpf::run(ctbpf::pcap_filter<"host 167772161">(), syn_to_80) == 262144);  // 10.0.0.1
static_assert(ctbpf::run(ctbpf::pcap_filter<"net 10">(), syn_to_80) == 262144);
static_assert(eq(ctbpf::pcap_filter<"host ::ffff:10.0.0.1">(), ctbpf::pcap_filter<"host ::ffff:a00:1">()));
static_assert(eq(ctbpf::pcap_filter<"ether src 00-01-02-03-04-05">(), ctbpf::pcap_filter<"ether src 0:1:2:3:4:5">()));
static_assert(eq(ctbpf::pcap_filter<"ether src 0001.0203.0405">(), ctbpf::pcap_filter<"ether src 0:1:2:3:4:5">()));
static_assert(ctbpf::run(ctbpf::pcap_filter<"ether dst 00.01.02.03.04.05">(), syn_to_80) == 262144);
static_assert(eq(ctbpf::pcap_filter<"ether src 11.2.33.4.5.66">(), ctbpf::pcap_filter<"ether src 11:2:33:4:5:66">()));

// a parenthesis that opens arithmetic (libpcap's `( arth )`), not a group of primitives
static_assert(eq(ctbpf::pcap_filter<"(ip[0] & 0xf) > 4">(), ctbpf::pcap_filter<"ip[0] & 0xf > 4">()));
static_assert(ctbpf::run(ctbpf::pcap_filter<"(ip[0] & 0xf) > 5">(), syn_to_80) == 0);

// the same frame behind a VLAN tag (id 100): what follows `vlan` looks behind the tag
constexpr auto tagged = [] {
    std::array<std::uint8_t, 58> f{};
    for (std::size_t i = 0; i < 12; ++i) f[i] = syn_to_80[i];
    f[12] = 0x81, f[13] = 0x00, f[14] = 0x00, f[15] = 100;
    for (std::size_t i = 12; i < syn_to_80.size(); ++i) f[i + 4] = syn_to_80[i];
    return f;
}();
constexpr auto vlan_web = ctbpf::pcap_filter<"vlan 100 and tcp dst port 80">();
static_assert(ctbpf::run(vlan_web, tagged) == 262144 && ctbpf::run(vlan_web, syn_to_80) == 0);
static_assert(ctbpf::run(ctbpf::pcap_filter<"vlan 200 and tcp">(), tagged) == 0);
static_assert(ctbpf::run(ctbpf::pcap_filter<"tcp dst port 80">(), tagged) == 0);  // no look behind the tag

// raw IP: the same packet without its Ethernet header; Linux cooked captures: behind 16 or 20 bytes
constexpr auto ip_only = [] {
    std::array<std::uint8_t, 40> f{};
    for (std::size_t i = 0; i < f.size(); ++i) f[i] = syn_to_80[i + 14];
    return f;
}();
constexpr auto raw_web = ctbpf::pcap_filter<"tcp dst port 80 and host 192.168.1.1", ctbpf::link_type::raw_ip>();
static_assert(ctbpf::run(raw_web, ip_only) == 262144 && ctbpf::run(raw_web, syn_to_80) == 0);
static_assert(ctbpf::run(ctbpf::pcap_filter<"arp", ctbpf::link_type::raw_ip>(), ip_only) == 0);

constexpr auto cooked = [](std::uint8_t packet_type) {
    std::array<std::uint8_t, 56> f{};  // SLL: packet type, ARPHRD_ETHER, address length, address, protocol
    f[1] = packet_type, f[3] = 1, f[5] = 6, f[14] = 0x08, f[15] = 0x00;
    for (std::size_t i = 0; i < ip_only.size(); ++i) f[i + 16] = ip_only[i];
    return f;
};
constexpr auto sll_in = ctbpf::pcap_filter<"inbound and tcp port 80", ctbpf::link_type::linux_sll>();
static_assert(ctbpf::run(sll_in, cooked(0)) == 262144);  // PACKET_HOST
static_assert(ctbpf::run(sll_in, cooked(4)) == 0);       // PACKET_OUTGOING

}  // namespace

// The first spellings of the tcpdump expressions' public names still name the same things.
static_assert(std::is_same_v<ctbpf::pcap_expr::problem, ctbpf::pcap_filter_problem>);
static_assert(ctbpf::pcap_expr::netmask_unknown == ctbpf::netmask_unknown);
static_assert(ctbpf::pcap_expr::message(ctbpf::pcap_filter_problem::unknown_name) == "unknown name");
