// Every public name of the builders, the filter language and the protocol headers, unqualified
// under the documented using-directives (tests/support/hostile_prelude.hpp, force-included) and
// beside <cstdlib>, <cmath>, <algorithm>, <sys/socket.h> and <unistd.h>: none is ambiguous with
// a C or POSIX name, and a program's own `tcp`, `arp` or `random` stays its own.
#include <array>
#include <cstdint>

constexpr int tcp = 6, arp = 0x0806;  // a program's own short protocol names
static_assert(tcp == 6 && arp == 0x0806);

constexpr auto builders =
    assemble(ld(12), ldh(12), ldb(12), ldi(1), ld(x + 1), st(M[0]), ld(M[0]), ld(len), ldx(len), ldxi(1), ldxb(14),
             stx(M[2]), add(1), sub(x), mul(2), div(3), mod(x), and_(4), or_(x), xor_(5), lsh(1), rsh(x), neg(),
             jeq(1, "one"), jne(x, 0, 1), jneq(2, 0), jlt(3, 0), jle(x, 0), jgt(4, 0), jge(x, 0), jset(5, 0), ja(1),
             jmp(0), label("one"), tax(), txa(), ret(a), ret(0));
static_assert(builders.size() == 37);

constexpr auto values = u8(0) == 1 && u16(1) == 1 && u32(2) == 1 && packet_length > 1 && protocol == 1 &&
                        pkttype == 1 && ifindex == 1 && mark == 1 && queue == 1 && hatype == 1 && rxhash == 1 &&
                        cpu == 1 && vlan_tci == 1 && vlan_present == 1 && vlan_tpid == 1 && payload_offset == 1 &&
                        random_u32 < 42 && netlink_attr(0, 1) == 1 && netlink_nested_attr(0, 2) == 1 &&
                        ip_hlen(14) == 20;
constexpr auto statements = if_(in(u8(9), {6, 17}) && always && !never, accept())
                                .else_if(choose(u8(1) == 1, u8(2) == 2, u8(3) == 3), accept(64))
                                .else_if(values, drop())
                                .else_if(u8(5) == 5, let<"v">(u8(0) + 1, result(var<"v">)))
                                .else_(switch_(u8(0)).case_(1, drop()).default_(result(u8(1))));
constexpr auto language = compile<statements>();
constexpr auto sets = compile < any_of<3>([](auto i) { return u8(i()) == 1; }) &&
                      all_of<2>([](auto i) { return u8(i()) != 2; }) > ();
static_assert(language.size() > 0 && sets.size() > 0);

constexpr auto frame = at<ethernet_header>(0);
constexpr auto web = frame.type == ethertype::ipv4 && at<ipv4_header>(14).proto == ip_proto::tcp &&
                     after_ipv4<tcp_header>(14).dport == 80 && (after_ipv4<tcp_header>(14).flags & tcp_flags::syn) != 0;
constexpr auto six = after_ipv6<udp_header>(14).dport == 53 && at<arp_header>(14).oper == 1 &&
                     at<vlan_header>(14).id() == 5 && at<icmp_header>(34).type == 8 &&
                     at<icmpv6_header>(54).type == 128;
constexpr auto stacks = untagged_or_tagged([](auto, auto type) { return type == ethertype::ipv6; }) &&
                        kernel_untagged([](auto, auto type) { return type == ethertype::arp; });
static_assert(compile<web>().size() > 0 && compile<six>().size() > 0 && compile<stacks>().size() > 0);

// The C library's functions of the same names are still called unqualified.
inline int c_library() { return div(7, 2).quot + static_cast<int>(random() % 1) + abs(-1); }
