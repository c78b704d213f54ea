// The filters of the libpcap equivalence test, written in the filter language with the
// protocol headers: each accepts exactly the frames its tcpdump expression accepts on
// DLT_EN10MB (tests/oracle/libpcap_equivalence_test.cpp checks that on a corpus).
#pragma once

#include <array>
#include <cstdint>

#include <ctbpf/headers.hpp>

namespace cases::pcap {

using namespace ctbpf::dsl;      // NOLINT
using namespace ctbpf::headers;  // NOLINT

inline constexpr auto eth = at<ethernet_header>(0);

/// tcp/udp/any port predicate over IPv4 (not a later fragment) or IPv6 at layer-3 offset `l3`
/// with EtherType `type`, as libpcap builds `tcp port N` and friends.
template <class Type, class Ports>
constexpr auto ip_transport(std::uint32_t l3, Type type, std::uint32_t proto, Ports ports) {
    const auto v4 = at<ipv4_header>(l3);
    const auto v6 = at<ipv6_header>(l3);
    return (type == ethertype::ipv6 && v6.next_header == proto && ports(after_ipv6<tcp_header>(l3))) ||
           (type == ethertype::ipv4 && v4.proto == proto && v4.fragment_offset() == 0 &&
            ports(after_ipv4<tcp_header>(l3)));
}

inline constexpr auto arp = eth.type == ethertype::arp;
inline constexpr auto ip = eth.type == ethertype::ipv4;
inline constexpr auto tcp_dst_port_80 = ip_transport(14, eth.type, ip_proto::tcp, [](auto t) { return t.dport == 80; });
inline constexpr auto udp_and_port_53 =
    ip_transport(14, eth.type, ip_proto::udp, [](auto t) { return t.sport == 53 || t.dport == 53; });
inline constexpr auto ip_host_and_tcp =
    eth.type == ethertype::ipv4 && (at<ipv4_header>(14).src == 0x0a000001 || at<ipv4_header>(14).dst == 0x0a000001) &&
    at<ipv4_header>(14).proto == ip_proto::tcp;
inline constexpr auto vlan_and_tcp_port_443 =
    is_vlan_tpid(eth.type) &&
    ip_transport(18, at<vlan_header>(14).type, ip_proto::tcp, [](auto t) { return t.sport == 443 || t.dport == 443; });
inline constexpr auto syn_without_ack =
    eth.type == ethertype::ipv4 && at<ipv4_header>(14).proto == ip_proto::tcp &&
    at<ipv4_header>(14).fragment_offset() == 0 &&
    (after_ipv4<tcp_header>(14).flags & (tcp_flags::syn | tcp_flags::ack)) == tcp_flags::syn;
inline constexpr auto net_and_udp_ports_or_icmp = [] {
    constexpr auto v4 = at<ipv4_header>(14);
    constexpr auto u = after_ipv4<udp_header>(14);
    constexpr auto in_range = [](auto p) { return p >= 5000 && p <= 6000; };
    return eth.type == ethertype::ipv4 && (v4.src & 0xffff0000) == 0xc0a80000 &&
           ((v4.proto == ip_proto::udp && v4.fragment_offset() == 0 && (in_range(u.sport) || in_range(u.dport))) ||
            v4.proto == ip_proto::icmp);
}();
/// `ip6 and ip6[6] == 6 and ip6[53] & tcp-syn != 0`: raw offsets, as the expression has them.
inline constexpr auto ip6_tcp_syn_raw = eth.type == ethertype::ipv6 && u8(14 + 6) == 6 && (u8(14 + 53) & 0x02) != 0;
/// `tcp port 1 or tcp port 2 or ... or tcp port 50`: the same set, factored.
inline constexpr auto tcp_ports_1_to_50 = ip_transport(14, eth.type, ip_proto::tcp, [](auto t) {
    constexpr auto ports = [] {
        std::array<std::uint32_t, 50> p{};
        for (std::uint32_t i = 0; i < 50; ++i) p[i] = i + 1;
        return p;
    }();
    return in(t.sport, ports) || in(t.dport, ports);
});

}  // namespace cases::pcap
