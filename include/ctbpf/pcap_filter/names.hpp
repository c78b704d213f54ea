// ctbpf/pcap_filter/names.hpp (internal) — the names pcap-filter knows: named constants, service
// names with their protocols, IP protocol names, protocol qualifiers, unsupported keywords.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "../detail/config.hpp"
#include "syntax.hpp"

namespace CTBPF_NAMESPACE::pcap_expr::detail {

struct named {
    std::string_view name;
    std::uint32_t value;
};
/// The named constants of pcap-filter(7) (offsets and values of relations).
inline constexpr named constants[] = {{"icmptype", 0},
                                      {"icmpcode", 1},
                                      {"icmp-echoreply", 0},
                                      {"icmp-unreach", 3},
                                      {"icmp-sourcequench", 4},
                                      {"icmp-redirect", 5},
                                      {"icmp-echo", 8},
                                      {"icmp-routeradvert", 9},
                                      {"icmp-routersolicit", 10},
                                      {"icmp-timxceed", 11},
                                      {"icmp-paramprob", 12},
                                      {"icmp-tstamp", 13},
                                      {"icmp-tstampreply", 14},
                                      {"icmp-ireq", 15},
                                      {"icmp-ireqreply", 16},
                                      {"icmp-maskreq", 17},
                                      {"icmp-maskreply", 18},
                                      {"icmp6type", 0},
                                      {"icmp6code", 1},
                                      {"icmp6-destinationunreach", 1},
                                      {"icmp6-packettoobig", 2},
                                      {"icmp6-timeexceeded", 3},
                                      {"icmp6-parameterproblem", 4},
                                      {"icmp6-echo", 128},
                                      {"icmp6-echoreply", 129},
                                      {"icmp6-multicastlistenerquery", 130},
                                      {"icmp6-multicastlistenerreportv1", 131},
                                      {"icmp6-multicastlistenerdone", 132},
                                      {"icmp6-routersolicit", 133},
                                      {"icmp6-routeradvert", 134},
                                      {"icmp6-neighborsolicit", 135},
                                      {"icmp6-neighboradvert", 136},
                                      {"icmp6-redirect", 137},
                                      {"icmp6-routerrenum", 138},
                                      {"icmp6-nodeinformationquery", 139},
                                      {"icmp6-nodeinformationresponse", 140},
                                      {"icmp6-ineighbordiscoverysolicit", 141},
                                      {"icmp6-ineighbordiscoveryadvert", 142},
                                      {"icmp6-multicastlistenerreportv2", 143},
                                      {"icmp6-homeagentdiscoveryrequest", 144},
                                      {"icmp6-homeagentdiscoveryreply", 145},
                                      {"icmp6-mobileprefixsolicit", 146},
                                      {"icmp6-mobileprefixadvert", 147},
                                      {"icmp6-certpathsolicit", 148},
                                      {"icmp6-certpathadvert", 149},
                                      {"icmp6-multicastrouteradvert", 151},
                                      {"icmp6-multicastroutersolicit", 152},
                                      {"icmp6-multicastrouterterm", 153},
                                      {"tcpflags", 13},
                                      {"tcp-fin", 0x01},
                                      {"tcp-syn", 0x02},
                                      {"tcp-rst", 0x04},
                                      {"tcp-push", 0x08},
                                      {"tcp-ack", 0x10},
                                      {"tcp-urg", 0x20},
                                      {"tcp-ece", 0x40},
                                      {"tcp-cwr", 0x80}};

/// Service names for ports: the common ones, with the protocols Debian 12's /etc/services
/// (netbase 6.4) gives them, which libpcap's `port NAME` follows: a name of TCP only is
/// `tcp port N`, of UDP only `udp port N`, of both any port N (docs/pcap-filter.md).
struct service {
    std::string_view name;
    std::uint32_t port;
    bool tcp, udp;
};
inline constexpr service services[] = {
    {"ftp-data", 20, true, false},      {"ftp", 21, true, false},          {"ssh", 22, true, false},
    {"telnet", 23, true, false},        {"smtp", 25, true, false},         {"domain", 53, true, true},
    {"bootps", 67, false, true},        {"bootpc", 68, false, true},       {"tftp", 69, false, true},
    {"http", 80, true, false},          {"www", 80, true, false},          {"kerberos", 88, true, true},
    {"pop3", 110, true, false},         {"sunrpc", 111, true, true},       {"ntp", 123, false, true},
    {"netbios-ns", 137, false, true},   {"netbios-dgm", 138, false, true}, {"netbios-ssn", 139, true, false},
    {"imap", 143, true, false},         {"snmp", 161, true, true},         {"snmp-trap", 162, true, true},
    {"bgp", 179, true, false},          {"ldap", 389, true, true},         {"https", 443, true, true},
    {"microsoft-ds", 445, true, false}, {"syslog", 514, true, true},       {"submission", 587, true, false},
    {"ldaps", 636, true, true},         {"imaps", 993, true, false},       {"pop3s", 995, true, false},
    {"openvpn", 1194, true, true},      {"mysql", 3306, true, false},      {"postgresql", 5432, true, false}};
constexpr const service* find_service(std::string_view name) noexcept {
    for (const service& s : services)
        if (s.name == name) return &s;
    return nullptr;
}

/// IP protocol names after `proto`, as /etc/protocols spells them (`ip proto \tcp`).
inline constexpr named protocol_names[] = {{"icmp", 1},       {"igmp", 2},  {"tcp", 6},    {"udp", 17},
                                           {"ipv6-icmp", 58}, {"pim", 103}, {"vrrp", 112}, {"sctp", 132},
                                           {"ah", 51},        {"esp", 50},  {"gre", 47},   {"ipv6", 41}};

constexpr bool lookup(const named* table, std::size_t n, std::string_view name, std::uint32_t& out) noexcept {
    for (std::size_t i = 0; i < n; ++i)
        if (table[i].name == name) {
            out = table[i].value;
            return true;
        }
    return false;
}
template <std::size_t N>
constexpr bool lookup(const named (&table)[N], std::string_view name, std::uint32_t& out) noexcept {
    return lookup(table, N, name, out);
}

struct proto_name {
    std::string_view name;
    proto p;
};
inline constexpr proto_name protos[] = {
    {"ether", proto::ether}, {"ip", proto::ip},       {"ip6", proto::ip6},   {"arp", proto::arp},
    {"rarp", proto::rarp},   {"tcp", proto::tcp},     {"udp", proto::udp},   {"sctp", proto::sctp},
    {"icmp", proto::icmp},   {"icmp6", proto::icmp6}, {"igmp", proto::igmp}, {"pim", proto::pim},
    {"vrrp", proto::vrrp},   {"ah", proto::ah},       {"esp", proto::esp},   {"link", proto::link}};
constexpr proto proto_of(std::string_view w) noexcept {
    for (const auto& p : protos)
        if (p.name == w) return p.p;
    return proto::none;
}

/// Words pcap-filter knows that ctbpf does not compile yet (not_supported rather than a name).
inline constexpr std::string_view unsupported_words[] = {
    "geneve", "protochain", "ifname",      "on",     "rnr",     "rulenum",     "reason",  "rset",  "ruleset",
    "srnr",   "subrulenum", "action",      "type",   "subtype", "dir",         "wlan",    "ra",    "ta",
    "addr1",  "addr2",      "addr3",       "addr4",  "decnet",  "lat",         "sca",     "moprc", "mopdl",
    "iso",    "esis",       "isis",        "clnp",   "stp",     "ipx",         "netbeui", "atalk", "aarp",
    "fddi",   "tr",         "llc",         "slip",   "radio",   "fisu",        "lssu",    "msu",   "hfisu",
    "hlssu",  "hmsu",       "sio",         "opc",    "dpc",     "sls",         "hsio",    "hopc",  "hdpc",
    "hsls",   "lane",       "oamf4",       "oamf4e", "oamf4s",  "oam",         "metac",   "bcc",   "sc",
    "ilmic",  "connectmsg", "metaconnect", "vpi",    "vci",     "atm",         "carp",    "l1",    "l2",
    "iih",    "lsp",        "snp",         "csnp",   "psnp",    "ip6multicast"};

}  // namespace CTBPF_NAMESPACE::pcap_expr::detail
