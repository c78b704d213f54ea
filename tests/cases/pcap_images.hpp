// The filters of tests/cases/pcap_filters.hpp compiled to images with static storage duration, as
// ctbpf::native needs them (tests/native/native_test.cpp, bench/filters_bench.cpp).
#pragma once

#include <ctbpf/dsl.hpp>

#include "pcap_filters.hpp"

namespace cases::pcap::images {

inline constexpr auto arp = ctbpf::compile<pcap::arp>();
inline constexpr auto ip = ctbpf::compile<pcap::ip>();
inline constexpr auto tcp_dst_port_80 = ctbpf::compile<pcap::tcp_dst_port_80>();
inline constexpr auto udp_and_port_53 = ctbpf::compile<pcap::udp_and_port_53>();
inline constexpr auto ip_host_and_tcp = ctbpf::compile<pcap::ip_host_and_tcp>();
inline constexpr auto vlan_and_tcp_port_443 = ctbpf::compile<pcap::vlan_and_tcp_port_443>();
inline constexpr auto ip6_tcp_syn_raw = ctbpf::compile<pcap::ip6_tcp_syn_raw>();
inline constexpr auto syn_without_ack = ctbpf::compile<pcap::syn_without_ack>();
inline constexpr auto net_and_udp_ports_or_icmp = ctbpf::compile<pcap::net_and_udp_ports_or_icmp>();
inline constexpr auto tcp_ports_1_to_50 = ctbpf::compile<pcap::tcp_ports_1_to_50>();

}  // namespace cases::pcap::images
