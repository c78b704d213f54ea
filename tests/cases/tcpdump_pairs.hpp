// The filter language's tcpdump primitives (ctbpf/dsl/tcpdump.hpp) beside the tcpdump expression
// each means: X(C++ predicate, "expression"). Every primitive and qualifier of the C++ form, and
// offsets moved by vlan(), mpls() and pppoes() in the order written. Both forms must compile to
// the same program (tests/unit/tcpdump_test.cpp).
#pragma once

#include <ctbpf/dsl.hpp>
#include <ctbpf/numbers.hpp>

// clang-format off
#define CTBPF_TCPDUMP_PAIRS(X) \
    X(tcp && dst_port(80) && !src_net("10.0.0.0/8"), "tcp and dst port 80 and not src net 10.0.0.0/8") \
    X(ip || ip6 || arp || rarp, "ip or ip6 or arp or rarp") \
    X(icmp || icmp6 || igmp || pim || vrrp || ah || esp, "icmp or icmp6 or igmp or pim or vrrp or ah or esp") \
    X(tcp || udp || sctp, "tcp or udp or sctp") \
    X(proto(ctbpf::ip_proto::gre) || ip6.proto(17) || ip.proto(ctbpf::ip_proto::sctp), "proto 47 or ip6 proto 17 or ip proto 132") \
    X(ether_proto(ctbpf::ethertype::lldp), "ether proto 0x88cc") \
    X(ether_proto(ctbpf::llc_sap::stp) || ether_proto(ctbpf::llc_sap::ipx) || ether_proto(ctbpf::ethertype::appletalk), "stp or ipx or atalk") \
    X(stp || ipx || netbeui || atalk || aarp || iso || decnet, "stp or ipx or netbeui or atalk or aarp or iso or decnet") \
    X(llc && !stp, "llc and not stp") \
    X(isis || esis || clnp || iso_proto(0x8e), "isis or esis or clnp or iso proto 0x8e") \
    X(vlan() && ipx, "vlan and ipx") \
    X(host("10.0.0.1") || host("10.1"), "host 10.0.0.1 or host 10.1") \
    X(src_host("10.0.0.1") && dst_host("192.168.1.1"), "src host 10.0.0.1 and dst host 192.168.1.1") \
    X(src_and_dst_host("10.0.0.1"), "src and dst host 10.0.0.1") \
    X(host("fe80::1") || ether_host("00:1b:21:3a:4f:52"), "host fe80::1 or ether host 00:1b:21:3a:4f:52") \
    X(ip.host("10.0.0.1") || arp.host("10.0.0.2") || rarp.src_host("10.0.0.3"), "ip host 10.0.0.1 or arp host 10.0.0.2 or rarp src host 10.0.0.3") \
    X(ip6.src_host("2001:db8::1") && ip6.dst_host("ff02::1"), "ip6 src host 2001:db8::1 and ip6 dst host ff02::1") \
    X(net("192.168") && ip.src_net("10.0.0.0/8"), "net 192.168 and ip src net 10.0.0.0/8") \
    X(ip6.dst_net("2001:db8::/32") || dst_net("fe80::/10") || net("0.0.0.0/0"), "ip6 dst net 2001:db8::/32 or dst net fe80::/10 or net 0.0.0.0/0") \
    X(arp.net("10.0.0.0/8") || ip.dst_net("172.16.0.0/12"), "arp net 10.0.0.0/8 or ip dst net 172.16.0.0/12") \
    X(port(53) || src_port(1234) || dst_port(80), "port 53 or src port 1234 or dst port 80") \
    X(tcp.port(22) || udp.dst_port(53) || sctp.src_port(9), "tcp port 22 or udp dst port 53 or sctp src port 9") \
    X(portrange(5000, 6000) && !tcp.dst_portrange(5500, 5600), "portrange 5000-6000 and not tcp dst portrange 5500-5600") \
    X(src_portrange(1, 1023) || dst_portrange(6000, 5000) || udp.src_portrange(67, 68), "src portrange 1-1023 or dst portrange 5000-6000 or udp src portrange 67-68") \
    X(tcp && (port(80) || port(443)), "tcp and (port 80 or port 443)") \
    X(ether_src("02:00:00:00:00:01") && ether_dst("ff:ff:ff:ff:ff:ff"), "ether src 02:00:00:00:00:01 and ether dst ff:ff:ff:ff:ff:ff") \
    X(ether_broadcast || ether_multicast, "ether broadcast or ether multicast") \
    X(ip_multicast || ip6_multicast, "ip multicast or ip6 multicast") \
    X(less(64) || greater(1000), "less 64 or greater 1000") \
    X((inbound && tcp) || (outbound && udp), "(inbound and tcp) or (outbound and udp)") \
    X(vlan(100) && tcp.port(443), "vlan 100 and tcp port 443") \
    X(vlan() && vlan(200) && ip, "vlan and vlan 200 and ip") \
    X(vlan(10) || tcp.port(22), "vlan 10 or tcp port 22") \
    X(!vlan() && tcp, "not vlan and tcp") \
    X(mpls() && mpls(5) && ip6, "mpls and mpls 5 and ip6") \
    X(mpls(100) && host("10.0.0.1"), "mpls 100 and host 10.0.0.1") \
    X(pppoes(3) && udp.port(53), "pppoes 3 and udp port 53") \
    X(pppoed || (pppoes() && ip6), "pppoed or (pppoes and ip6)") \
    X(vlan() && pppoes() && mpls(3) && tcp, "vlan and pppoes and mpls 3 and tcp")
// clang-format on
