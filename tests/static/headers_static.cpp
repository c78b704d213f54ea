// Protocol headers: offsets computed from the reflected layouts, fields as values.
#include <ctbpf/ctbpf.hpp>
#include <ctbpf/headers.hpp>

#include "../cases/frames.hpp"
#include "../cases/pcap_filters.hpp"

namespace {
using namespace ctbpf::dsl;      // NOLINT
using namespace ctbpf::headers;  // NOLINT

// Wire sizes are the sums of the fields' sizes.
static_assert(size_of<ethernet_header<constant>>() == 14 && size_of<vlan_header<constant>>() == 4 &&
              size_of<arp_header<constant>>() == 28 && size_of<ipv4_header<constant>>() == 20 &&
              size_of<ipv6_header<constant>>() == 40 && size_of<tcp_header<constant>>() == 20 &&
              size_of<udp_header<constant>>() == 8 && size_of<icmp_header<constant>>() == 8 &&
              size_of<icmpv6_header<constant>>() == 4);

// Field offsets at a constant base.
constexpr auto ip = at<ipv4_header>(14);
static_assert(ip.proto.offset.v == 23 && ip.src.offset.v == 26 && ip.dst.offset.v == 30 &&
              ip.flags_fragment.offset.v == 20);
constexpr auto v6 = at<ipv6_header>(14);
static_assert(v6.next_header.offset.v == 20 && v6.src.offset.v == 22 && v6.dst.offset.v == 38);
static_assert(at<ethernet_header>(0).type.offset.v == 12 && at<vlan_header>(14).type.offset.v == 16 &&
              at<arp_header>(14).tpa.offset.v == 38);
// After IPv4's variable header: X = 4*([14]&0xf), then [x + 14 + field offset].
constexpr auto t = after_ipv4<tcp_header>(14);
static_assert(t.dport.offset.r.v == 16 && t.flags.offset.r.v == 27 &&
              after_ipv4<udp_header>(18).dport.offset.r.v == 20);
static_assert(after_ipv6<tcp_header>(14).dport.offset.v == 56);

// The compiled code is libpcap's shape for `tcp dst port 80` over IPv4.
constexpr auto tcp80 = ip.proto == ip_proto::tcp && ip.fragment_offset() == 0 && t.dport == 80;
constexpr auto image = ctbpf::compile<tcp80>();
static_assert(image[4].code == 0xb1 && image[4].k == 14 && image[5].code == 0x48 && image[5].k == 16);
static_assert(ctbpf::run(image, cases::ipv4_tcp_frame()) == 0xffffffffu);

// A user-defined header, declared the same way.
template <class Base>
struct telemetry {
    BOOST_HANA_DEFINE_STRUCT(telemetry, (field<1, Base>, version), (field<1, Base>, kind), (field<2, Base>, length),
                             (field<4, Base>, sequence), (octets<8, Base>, device));
};
constexpr auto tm = at<telemetry>(14);
static_assert(size_of<telemetry<constant>>() == 16 && tm.sequence.offset.v == 18 && tm.device.u16(6).offset.v == 28);
constexpr auto is_alarm = at<ethernet_header>(0).type == 0x88b5 && tm.version == 1 && tm.kind == 7;
constexpr auto alarm_frame = [] {
    auto f = cases::ethernet_frame<40>(0x88b5);
    f[14] = 1;
    f[15] = 7;
    return f;
}();
static_assert(ctbpf::run(ctbpf::compile<is_alarm>(), alarm_frame) == 0xffffffffu);
static_assert(ctbpf::run(ctbpf::compile<is_alarm>(), cases::ethernet_frame<40>(0x88b5)) == 0);

// Both VLAN views: in-frame tags (captures) and the kernel's metadata (live sockets).
constexpr auto udp53_in_frame = untagged_or_tagged([](auto l3, auto type) {
    return type == ethertype::ipv4 && at<ipv4_header>(l3).proto == ip_proto::udp &&
           after_ipv4<udp_header>(l3).dport == 53;
});
constexpr auto dns = [] {
    auto f = cases::ipv4_tcp_frame();
    f[23] = 17;
    f[36] = 0;
    f[37] = 53;
    return f;
}();
constexpr auto tagged_dns = [] {  // the same datagram behind an 802.1Q tag
    std::array<std::uint8_t, 68> f{};
    for (std::size_t i = 0; i < 12; ++i) f[i] = dns[i];
    f[12] = 0x81;
    f[13] = 0x00;
    f[14] = 0x00;
    f[15] = 0x05;
    for (std::size_t i = 12; i < 64; ++i) f[i + 4] = dns[i];
    return f;
}();
static_assert(ctbpf::run(ctbpf::compile<udp53_in_frame>(), dns) == 0xffffffffu);
static_assert(ctbpf::run(ctbpf::compile<udp53_in_frame>(), tagged_dns) == 0xffffffffu);
constexpr auto vlan5_live = vlan_present == 1 && (vlan_tci & 0xfff) == 5 && kernel_untagged([](auto l3, auto type) {
                                return type == ethertype::ipv4 && at<ipv4_header>(l3).proto == ip_proto::udp &&
                                       after_ipv4<udp_header>(l3).dport == 53;
                            });
static_assert(ctbpf::run(ctbpf::compile<vlan5_live>(), dns,
                         ctbpf::packet_context{.vlan_tci = 5, .vlan_present = true}) == 0xffffffffu);
static_assert(ctbpf::run(ctbpf::compile<vlan5_live>(), dns) == 0);

// The libpcap-equivalent filters compile to verified programs.
static_assert(ctbpf::verify(ctbpf::compile<cases::pcap::vlan_and_tcp_port_443>()));
}  // namespace
