// The benchmark filters as tcpdump expressions, for pcap_compile: the filter set of
// docs/benchmarks.md (bench/filters_bench.cpp times them; bench/generate_pcap_images.cpp writes
// libpcap's images of them into a header, so that ctbpf::native can compile those images).
#pragma once

#include <array>
#include <string>

namespace bench_filters {

struct expression {
    const char* name;  // the benchmark's name for the filter
    std::string text;  // what pcap_compile is given
};

inline std::string ports_1_to_50() {
    std::string ports;
    for (int p = 1; p <= 50; ++p) ports += (p > 1 ? " or tcp port " : "tcp port ") + std::to_string(p);
    return ports;
}

/// In the order of the benchmark table.
inline std::array<expression, 10> expressions() {
    return {{
        {"arp", "arp"},
        {"ip", "ip"},
        {"tcp_dst_port_80", "tcp dst port 80"},
        {"udp_and_port_53", "udp and port 53"},
        {"ip_host_and_tcp", "ip host 10.0.0.1 and tcp"},
        {"vlan_tcp_443", "vlan and tcp port 443"},
        {"ip6_syn_raw", "ip6 and ip6[6] == 6 and ip6[53] & tcp-syn != 0"},
        {"syn_without_ack", "tcp[tcpflags] & (tcp-syn|tcp-ack) == tcp-syn"},
        {"net_udp_range_or_icmp", "src net 192.168.0.0/16 and (udp portrange 5000-6000 or icmp)"},
        {"tcp_ports_1_to_50", ports_1_to_50()},
    }};
}

}  // namespace bench_filters
