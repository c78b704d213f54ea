// ctbpf/pcap_filter/names.hpp (internal) — the names pcap-filter knows: named constants, service
// names with their protocols, IP protocol names, protocol qualifiers, unsupported keywords.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "../detail/config.hpp"
#include "../numbers.hpp"
#include "syntax.hpp"

namespace CTBPF_NAMESPACE::detail::pcap_filter {

struct named {
    std::string_view name;
    std::uint32_t value;
};

// ---- hashed lookup: a word costs its hash and a probe or two, not a walk of every table
// (the constant evaluator counts every comparison: the parser looks up each word several times)
constexpr std::uint32_t word_hash(std::string_view w) noexcept {
    std::uint32_t h = 2166136261u;  // FNV-1a
    for (char c : w) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
    return h;
}
inline constexpr std::size_t index_slots = 256;  ///< a power of two above twice the largest table
/// Slot -> table index + 1 (0: empty), open addressing on word_hash.
using word_index = std::array<std::uint16_t, index_slots>;
template <class Table, class Name>
consteval word_index index_of(const Table& table, Name name) {
    word_index slots{};
    for (std::size_t i = 0; i < std::size(table); ++i) {
        std::size_t h = word_hash(name(table[i])) % index_slots;
        while (slots[h] != 0) h = (h + 1) % index_slots;
        slots[h] = static_cast<std::uint16_t>(i + 1);
    }
    return slots;
}
/// The index of `w` in `table` (indexed by `slots`), or -1.
template <class Table, class Name>
constexpr int find_word(const word_index& slots, const Table& table, Name name, std::string_view w) noexcept {
    for (std::size_t h = word_hash(w) % index_slots; slots[h] != 0; h = (h + 1) % index_slots)
        if (name(table[slots[h] - 1]) == w) return slots[h] - 1;
    return -1;
}
inline constexpr auto name_of = [](const auto& entry) { return entry.name; };
inline constexpr auto word_of = [](std::string_view w) { return w; };
/// The named constants of pcap-filter(7) (offsets and values of relations).
inline constexpr named constants[] = {
    {"icmptype", 0},
    {"icmpcode", 1},
    {"icmp-echoreply", icmp_type::echo_reply},
    {"icmp-unreach", icmp_type::unreachable},
    {"icmp-sourcequench", icmp_type::source_quench},
    {"icmp-redirect", icmp_type::redirect},
    {"icmp-echo", icmp_type::echo},
    {"icmp-routeradvert", icmp_type::router_advertisement},
    {"icmp-routersolicit", icmp_type::router_solicitation},
    {"icmp-timxceed", icmp_type::time_exceeded},
    {"icmp-paramprob", icmp_type::parameter_problem},
    {"icmp-tstamp", icmp_type::timestamp},
    {"icmp-tstampreply", icmp_type::timestamp_reply},
    {"icmp-ireq", icmp_type::info_request},
    {"icmp-ireqreply", icmp_type::info_reply},
    {"icmp-maskreq", icmp_type::mask_request},
    {"icmp-maskreply", icmp_type::mask_reply},
    {"icmp6type", 0},
    {"icmp6code", 1},
    {"icmp6-destinationunreach", icmp6_type::destination_unreachable},
    {"icmp6-packettoobig", icmp6_type::packet_too_big},
    {"icmp6-timeexceeded", icmp6_type::time_exceeded},
    {"icmp6-parameterproblem", icmp6_type::parameter_problem},
    {"icmp6-echo", icmp6_type::echo_request},
    {"icmp6-echoreply", icmp6_type::echo_reply},
    {"icmp6-multicastlistenerquery", icmp6_type::multicast_listener_query},
    {"icmp6-multicastlistenerreportv1", icmp6_type::multicast_listener_report},
    {"icmp6-multicastlistenerdone", icmp6_type::multicast_listener_done},
    {"icmp6-routersolicit", icmp6_type::router_solicitation},
    {"icmp6-routeradvert", icmp6_type::router_advertisement},
    {"icmp6-neighborsolicit", icmp6_type::neighbor_solicitation},
    {"icmp6-neighboradvert", icmp6_type::neighbor_advertisement},
    {"icmp6-redirect", icmp6_type::redirect},
    {"icmp6-routerrenum", icmp6_type::router_renumbering},
    {"icmp6-nodeinformationquery", icmp6_type::node_information_query},
    {"icmp6-nodeinformationresponse", icmp6_type::node_information_response},
    {"icmp6-ineighbordiscoverysolicit", icmp6_type::inverse_neighbor_discovery_solicitation},
    {"icmp6-ineighbordiscoveryadvert", icmp6_type::inverse_neighbor_discovery_advertisement},
    {"icmp6-multicastlistenerreportv2", icmp6_type::multicast_listener_report_v2},
    {"icmp6-homeagentdiscoveryrequest", icmp6_type::home_agent_discovery_request},
    {"icmp6-homeagentdiscoveryreply", icmp6_type::home_agent_discovery_reply},
    {"icmp6-mobileprefixsolicit", icmp6_type::mobile_prefix_solicitation},
    {"icmp6-mobileprefixadvert", icmp6_type::mobile_prefix_advertisement},
    {"icmp6-certpathsolicit", icmp6_type::certification_path_solicitation},
    {"icmp6-certpathadvert", icmp6_type::certification_path_advertisement},
    {"icmp6-multicastrouteradvert", icmp6_type::multicast_router_advertisement},
    {"icmp6-multicastroutersolicit", icmp6_type::multicast_router_solicitation},
    {"icmp6-multicastrouterterm", icmp6_type::multicast_router_termination},
    {"tcpflags", 13},
    {"tcp-fin", tcp_flags::fin},
    {"tcp-syn", tcp_flags::syn},
    {"tcp-rst", tcp_flags::rst},
    {"tcp-push", tcp_flags::push},
    {"tcp-ack", tcp_flags::ack},
    {"tcp-urg", tcp_flags::urg},
    {"tcp-ece", tcp_flags::ece},
    {"tcp-cwr", tcp_flags::cwr}};

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
inline constexpr word_index service_index = index_of(services, name_of);
constexpr const service* find_service(std::string_view name) noexcept {
    const int i = find_word(service_index, services, name_of, name);
    return i < 0 ? nullptr : &services[i];
}

/// IP protocol names after `proto`, as /etc/protocols spells them (`ip proto \tcp`).
/// IP protocol names (`proto \\tcp`): Debian 12's /etc/protocols (netbase), which libpcap reads
/// through getprotobyname.
inline constexpr named protocol_names[] = {{"ip", 0},
                                           {"hopopt", 0},
                                           {"icmp", ip_proto::icmp},
                                           {"igmp", ip_proto::igmp},
                                           {"ggp", 3},
                                           {"ipencap", 4},
                                           {"st", 5},
                                           {"tcp", ip_proto::tcp},
                                           {"egp", 8},
                                           {"igp", 9},
                                           {"pup", 12},
                                           {"udp", ip_proto::udp},
                                           {"hmp", 20},
                                           {"xns-idp", 22},
                                           {"rdp", 27},
                                           {"iso-tp4", 29},
                                           {"dccp", 33},
                                           {"xtp", 36},
                                           {"ddp", 37},
                                           {"idpr-cmtp", 38},
                                           {"ipv6", ip_proto::ipv6},
                                           {"ipv6-route", 43},
                                           {"ipv6-frag", 44},
                                           {"idrp", 45},
                                           {"rsvp", 46},
                                           {"gre", ip_proto::gre},
                                           {"esp", ip_proto::esp},
                                           {"ah", ip_proto::ah},
                                           {"skip", 57},
                                           {"ipv6-icmp", ip_proto::icmpv6},
                                           {"ipv6-nonxt", 59},
                                           {"ipv6-opts", 60},
                                           {"rspf", 73},
                                           {"vmtp", 81},
                                           {"eigrp", 88},
                                           {"ospf", 89},
                                           {"ax.25", 93},
                                           {"ipip", 94},
                                           {"etherip", 97},
                                           {"encap", 98},
                                           {"pim", ip_proto::pim},
                                           {"ipcomp", 108},
                                           {"vrrp", ip_proto::vrrp},
                                           {"l2tp", 115},
                                           {"isis", 124},
                                           {"sctp", ip_proto::sctp},
                                           {"fc", 133},
                                           {"mobility-header", 135},
                                           {"udplite", 136},
                                           {"mpls-in-ip", 137},
                                           {"manet", 138},
                                           {"hip", 139},
                                           {"shim6", 140},
                                           {"wesp", 141},
                                           {"rohc", 142},
                                           {"ethernet", 143}};
/// Ethernet type names (`ether proto \\arp`): libpcap's own table (nametoaddr.c, eproto_db), then
/// its LLC SAPs (llc_db: iso, stp, ipx, netbeui), which `ether proto` takes too (802.2 frames).
inline constexpr named ether_type_names[] = {{"ip", ethertype::ipv4},
                                             {"ip6", ethertype::ipv6},
                                             {"arp", ethertype::arp},
                                             {"rarp", ethertype::rarp},
                                             {"decnet", ethertype::decnet},
                                             {"lat", ethertype::lat},
                                             {"sca", ethertype::sca},
                                             {"mopdl", ethertype::mop_dump_load},
                                             {"moprc", ethertype::mop_remote_console},
                                             {"loopback", ethertype::loopback},
                                             {"atalk", ethertype::appletalk},
                                             {"aarp", ethertype::appletalk_arp},
                                             {"iso", llc_sap::iso},
                                             {"stp", llc_sap::stp},
                                             {"ipx", llc_sap::ipx},
                                             {"netbeui", llc_sap::netbeui}};
/// OSI network-layer protocols (`iso proto \\isis`; gen_proto with Q_ISO).
inline constexpr named iso_protocol_names[] = {{"clnp", 0x81}, {"esis", 0x82}, {"isis", 0x83}};

/// The OSI protocol of a name, false for no such name.
constexpr bool lookup_iso_protocol_name(std::string_view name, std::uint32_t& out) noexcept {
    for (const named& n : iso_protocol_names)
        if (n.name == name) {
            out = n.value;
            return true;
        }
    return false;
}

inline constexpr word_index constant_index = index_of(constants, name_of);
inline constexpr word_index protocol_name_index = index_of(protocol_names, name_of);
inline constexpr word_index ether_type_name_index = index_of(ether_type_names, name_of);
/// The Ethernet type (or LLC SAP) of a name, false for no such name.
constexpr bool lookup_ether_type_name(std::string_view name, std::uint32_t& out) noexcept {
    const int i = find_word(ether_type_name_index, ether_type_names, name_of, name);
    if (i >= 0) out = ether_type_names[i].value;
    return i >= 0;
}
/// The value of a named constant (`tcp-syn`) or of a protocol name (`\tcp`).
constexpr bool lookup_constant(std::string_view name, std::uint32_t& out) noexcept {
    const int i = find_word(constant_index, constants, name_of, name);
    if (i >= 0) out = constants[i].value;
    return i >= 0;
}
constexpr bool lookup_protocol_name(std::string_view name, std::uint32_t& out) noexcept {
    const int i = find_word(protocol_name_index, protocol_names, name_of, name);
    if (i >= 0) out = protocol_names[i].value;
    return i >= 0;
}

struct proto_name {
    std::string_view name;
    proto p;
};
inline constexpr proto_name protos[] = {
    {"ether", proto::ether}, {"ip", proto::ip},        {"ip6", proto::ip6},   {"arp", proto::arp},
    {"rarp", proto::rarp},   {"tcp", proto::tcp},      {"udp", proto::udp},   {"sctp", proto::sctp},
    {"icmp", proto::icmp},   {"icmp6", proto::icmp6},  {"igmp", proto::igmp}, {"pim", proto::pim},
    {"vrrp", proto::vrrp},   {"ah", proto::ah},        {"esp", proto::esp},   {"link", proto::link},
    {"carp", proto::vrrp},   {"decnet", proto::decnet}};  // libpcap compiles CARP as VRRP: IP protocol 112
inline constexpr word_index proto_index = index_of(protos, name_of);
constexpr proto proto_of(std::string_view w) noexcept {
    const int i = find_word(proto_index, protos, name_of, w);
    return i < 0 ? proto::none : protos[i].p;
}

/// Words pcap-filter knows that ctbpf does not compile yet (not_supported rather than a name).
inline constexpr std::string_view unsupported_words[] = {
    "geneve",      "protochain", "ifname", "on",    "rnr",         "rulenum", "reason", "rset",  "ruleset",
    "srnr",        "subrulenum", "action", "type",  "subtype",     "dir",     "wlan",   "ra",    "ta",
    "addr1",       "addr2",      "addr3",  "addr4", "lat",         "sca",     "moprc",  "mopdl", "fddi",
    "tr",          "slip",       "radio",  "fisu",  "lssu",        "msu",     "hfisu",  "hlssu", "hmsu",
    "sio",         "opc",        "dpc",    "sls",   "hsio",        "hopc",    "hdpc",   "hsls",  "lane",
    "oamf4",       "oamf4e",     "oamf4s", "oam",   "metac",       "bcc",     "sc",     "ilmic", "connectmsg",
    "metaconnect", "vpi",        "vci",    "atm",   "ip6multicast"};

inline constexpr word_index unsupported_index = index_of(unsupported_words, word_of);
constexpr bool unsupported(std::string_view w) noexcept {
    return find_word(unsupported_index, unsupported_words, word_of, w) >= 0;
}

/// The words of pcap-filter's grammar that are no protocol: qualifiers and operators.
inline constexpr std::string_view grammar_words[] = {
    "src",       "dst",       "host", "net",  "port", "portrange", "proto", "gateway", "less",    "greater", "len",
    "broadcast", "multicast", "and",  "or",   "not",  "mask",      "vlan",  "mpls",    "pppoed",  "pppoes",  "inbound",
    "outbound",  "llc",       "iso",  "esis", "isis", "clnp",      "stp",   "ipx",     "netbeui", "atalk",   "aarp",
    "l1",        "l2",        "iih",  "lsp",  "snp",  "csnp",      "psnp",  "ifindex"};
inline constexpr word_index grammar_index = index_of(grammar_words, word_of);
/// A word pcap-filter reserves (a protocol, a qualifier, an operator, an unsupported primitive).
constexpr bool keyword(std::string_view w) noexcept {
    return proto_of(w) != proto::none || find_word(grammar_index, grammar_words, word_of, w) >= 0 || unsupported(w);
}

}  // namespace CTBPF_NAMESPACE::detail::pcap_filter
