// tcpdump expressions (DLT_EN10MB) whose compiled programs the oracle tests feed through the
// text formats: the round-trip test and the tcpdump binary comparison use the same list.
#pragma once

namespace cases {

inline constexpr const char* tcpdump_expressions[] = {
    "arp",
    "ip",
    "ip6",
    "tcp",
    "udp",
    "icmp",
    "udp port 53",
    "tcp dst port 80",
    "host 10.0.0.1",
    "net 192.168.0.0/16",
    "vlan and tcp port 443",
    "icmp or icmp6",
    "tcp[tcpflags] & (tcp-syn|tcp-ack) == tcp-syn",
    "ip[2:2] > 576",
    "ether host 01:02:03:04:05:06",
    "portrange 5000-6000",
    "ip and len >= 100",
    "ip6 and ip6[6] == 6",
    "ip proto 47",
    "greater 200",
    "less 60",
    "tcp port 22 and not src net 10.0.0.0/8",
    "ip[0] & 0xf != 5",
    "ether broadcast",
    "udp and (port 67 or port 68)",
    "ip multicast",
    "tcp[13] & 7 != 0",
    "ip[6:2] & 0x1fff != 0",
    "mpls and ip",
    "pppoes and ip",
    "arp or rarp",
    "ip6 protochain 6",
    "vlan 100 and udp",
    "not ip",
    "ether src 02:00:00:00:00:01 and ip",
    "tcp[((tcp[12:1] & 0xf0) >> 2):4] = 0x47455420",
    "ip[8] < 5",
    "src host 10.1.2.3 and dst port 1234",
    "udp[8:2] = 0x1234",
    "tcp and (tcp[2:2] > 1024) and (tcp[2:2] < 2048)",
    "ipx or atalk or stp",
    "llc s and not iso",
    "l1 or l2",
    "decnet src 1.2 or decnet dst 1.3",
};

}  // namespace cases
