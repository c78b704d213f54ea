// ctbpf/numbers.hpp — the numbers filters name: EtherTypes, IP protocols, ICMP and ICMPv6 types,
// TCP flags, as IANA assigns them and tcpdump names them. The protocol headers
// (ctbpf::headers::ip_proto ...), the tcpdump primitives (ctbpf::tcpdump) and the pcap-filter
// language's named constants (`icmp-echo`, `tcp-syn`) all take them from here.
// Usage: u8(23) == ctbpf::ip_proto::sctp, icmp.type == ctbpf::icmp_type::echo
#pragma once

#include <cstdint>

#include "detail/config.hpp"

namespace CTBPF_NAMESPACE {

/// EtherTypes (the Ethernet type field; SLL's protocol).
namespace ethertype {
inline constexpr std::uint32_t ipv4 = 0x0800, arp = 0x0806, rarp = 0x8035, ipv6 = 0x86dd, vlan = 0x8100, qinq = 0x88a8,
                               qinq_old = 0x9100, mpls = 0x8847, mpls_multicast = 0x8848, pppoe_discovery = 0x8863,
                               pppoe_session = 0x8864, lldp = 0x88cc, eapol = 0x888e, ptp = 0x88f7,
                               mop_dump_load = 0x6001, mop_remote_console = 0x6002, decnet = 0x6003, lat = 0x6004,
                               sca = 0x6007, loopback = 0x9000, ipx = 0x8137, appletalk = 0x809b,
                               appletalk_arp = 0x80f3;
}  // namespace ethertype

/// IEEE 802.2 LLC service access points (the DSAP and SSAP bytes of an 802.3 frame's LLC header),
/// as libpcap names them (llc.h).
namespace llc_sap {
inline constexpr std::uint32_t ip = 0x06, stp = 0x42, snap = 0xaa, ipx = 0xe0, netbeui = 0xf0, iso = 0xfe;
}  // namespace llc_sap

/// IP protocol numbers (IPv4's protocol, IPv6's next header).
namespace ip_proto {
inline constexpr std::uint32_t hopopt = 0, icmp = 1, igmp = 2, ipip = 4, tcp = 6, egp = 8, udp = 17, ipv6 = 41,
                               ipv6_route = 43, ipv6_frag = 44, rsvp = 46, gre = 47, esp = 50, ah = 51, icmpv6 = 58,
                               ipv6_nonxt = 59, ipv6_opts = 60, eigrp = 88, ospf = 89, pim = 103, vrrp = 112,
                               l2tp = 115, sctp = 132, mobility = 135, udplite = 136, mpls_in_ip = 137;
}  // namespace ip_proto

/// ICMP types (tcpdump's icmp-echoreply ... icmp-maskreply).
namespace icmp_type {
inline constexpr std::uint32_t echo_reply = 0, unreachable = 3, source_quench = 4, redirect = 5, echo = 8,
                               router_advertisement = 9, router_solicitation = 10, time_exceeded = 11,
                               parameter_problem = 12, timestamp = 13, timestamp_reply = 14, info_request = 15,
                               info_reply = 16, mask_request = 17, mask_reply = 18;
}  // namespace icmp_type

/// ICMPv6 types (tcpdump's icmp6-destinationunreach ... icmp6-multicastrouterterm).
namespace icmp6_type {
inline constexpr std::uint32_t destination_unreachable = 1, packet_too_big = 2, time_exceeded = 3,
                               parameter_problem = 4, echo_request = 128, echo_reply = 129,
                               multicast_listener_query = 130, multicast_listener_report = 131,
                               multicast_listener_done = 132, router_solicitation = 133, router_advertisement = 134,
                               neighbor_solicitation = 135, neighbor_advertisement = 136, redirect = 137,
                               router_renumbering = 138, node_information_query = 139, node_information_response = 140,
                               inverse_neighbor_discovery_solicitation = 141,
                               inverse_neighbor_discovery_advertisement = 142, multicast_listener_report_v2 = 143,
                               home_agent_discovery_request = 144, home_agent_discovery_reply = 145,
                               mobile_prefix_solicitation = 146, mobile_prefix_advertisement = 147,
                               certification_path_solicitation = 148, certification_path_advertisement = 149,
                               multicast_router_advertisement = 151, multicast_router_solicitation = 152,
                               multicast_router_termination = 153;
}  // namespace icmp6_type

/// TCP flag bits of the flags byte (offset 13), as tcpdump names them (tcp-fin ... tcp-cwr).
namespace tcp_flags {
inline constexpr std::uint32_t fin = 0x01, syn = 0x02, rst = 0x04, push = 0x08, ack = 0x10, urg = 0x20, ece = 0x40,
                               cwr = 0x80;
}  // namespace tcp_flags

}  // namespace CTBPF_NAMESPACE
