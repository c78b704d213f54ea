// ctbpf/dsl/tcpdump.hpp — tcpdump's primitives in the filter language (namespace ctbpf::tcpdump),
// with pcap-filter's meaning (docs/pcap-filter.md): `tcp`, `host("10.0.0.1")`, `dst_port(80)`,
// `vlan(100)` ... are predicates that compile to what libpcap compiles for them, and mix with the
// language's own values and predicates. Primitives written after vlan(), mpls() or pppoes() look
// behind them, as in libpcap (their order in the filter is the order written). Address, network
// and MAC literals are checked at compile time. Ethernet (DLT_EN10MB) frames.
// Usage:
//   using namespace ctbpf::tcpdump;
//   constexpr auto web = tcp && dst_port(80) && !src_net("10.0.0.0/8");
//   constexpr auto image = ctbpf::compile<web>();  // the program of
//                                                  // pcap_filter<"tcp and dst port 80 and not src net 10.0.0.0/8">
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "../detail/config.hpp"
#include "../numbers.hpp"
#include "../net/addresses.hpp"
#include "../net/spelling.hpp"
#include "expr.hpp"

namespace CTBPF_NAMESPACE::tcpdump {

/// A literal a primitive cannot take: calling one of these in a constant expression is the compile
/// error, and its name says what is wrong (the call site is where).
namespace literal_error {
void malformed_address();                                  // not an IPv4, IPv6 or MAC address
void host_names_need_the_resolver_use_an_address();        // "www.example.com"
void malformed_network_mask_or_address_bits_outside_it();  // "10.0.0.1/8", "/33", an IPv6 net without /len
void address_family_does_not_match_the_protocol();         // ip6.host("10.0.0.1"), ip.host("::1")
void ethernet_address_needs_ether_host();                  // host("00:11:22:33:44:55")
void number_out_of_range();                                // port(70000), vlan(4096), mpls(1 << 20)
}  // namespace literal_error

}  // namespace CTBPF_NAMESPACE::tcpdump

namespace CTBPF_NAMESPACE::detail::tcpdump {
using ctbpf::net::dir;
using ctbpf::net::kind;
using ctbpf::net::primitive;
using ctbpf::net::proto;
using problem = ctbpf::pcap_filter_problem;

consteval void refuse(problem p) {
    namespace e = ctbpf::tcpdump::literal_error;
    switch (p) {
        case problem::none: return;
        case problem::needs_the_system: e::host_names_need_the_resolver_use_an_address(); return;
        case problem::bad_mask: e::malformed_network_mask_or_address_bits_outside_it(); return;
        case problem::qualifier_not_allowed: e::address_family_does_not_match_the_protocol(); return;
        case problem::not_supported: e::ethernet_address_needs_ether_host(); return;
        case problem::number_out_of_range: e::number_out_of_range(); return;
        default: e::malformed_address(); return;
    }
}

consteval dsl::tcpdump_test test(primitive p) { return dsl::tcpdump_test{{}, p}; }
consteval primitive make(proto p, dir d, kind k) {
    primitive out{};
    out.p = p;
    out.d = d;
    out.k = k;
    return out;
}

/// host or net `text` (an address, `a/len` for a net) under protocol p, direction d: the parser's
/// reading of the same words.
consteval dsl::tcpdump_test address(std::string_view text, proto p, dir d, kind k) {
    primitive out = make(p, d, k);
    const std::size_t slash = text.find('/');
    refuse(ctbpf::net::address(text.substr(0, slash), out));
    if (slash != std::string_view::npos) {
        std::uint32_t bits = 0;
        if (k != kind::net || out.mac || !detail::net::parse_number(text.substr(slash + 1), bits))
            refuse(problem::bad_mask);
        refuse(ctbpf::net::with_prefix(out, bits));
    } else if (k == kind::net && out.v6) {
        refuse(problem::bad_mask);  // an IPv6 net needs its /len
    }
    if (k == kind::net && !ctbpf::net::inside_mask(out)) refuse(problem::bad_mask);
    return test(out);
}

consteval dsl::tcpdump_test ports(std::uint32_t lo, std::uint32_t hi, proto p, dir d, kind k) {
    if (lo > 65535 || hi > 65535) refuse(problem::number_out_of_range);
    primitive out = make(p, d, k);
    out.lo = lo < hi ? lo : hi;
    out.hi = lo < hi ? hi : lo;
    return test(out);
}

consteval dsl::tcpdump_test number(proto p, kind k, std::uint32_t n, std::uint32_t most, bool has_number = true) {
    if (n > most) refuse(problem::number_out_of_range);
    primitive out = make(p, dir::none, k);
    out.lo = n;
    out.has_number = has_number;
    return test(out);
}

}  // namespace CTBPF_NAMESPACE::detail::tcpdump

namespace CTBPF_NAMESPACE::tcpdump {
using dsl::tcpdump_test;

/// `tcp`, `udp`, `sctp`, `ip`, `ip6`, `arp`, `rarp`: the protocol alone, and its qualified
/// primitives as members: tcp.port(22), udp.dst_port(53), ip.host("10.0.0.1"), ip6.net("fe80::/10"),
/// ip.proto(47) (`tcp port 22`, `udp dst port 53`, `ip host 10.0.0.1`, ...).
struct protocol_test : tcpdump_test {
    template <std::size_t N>
    consteval tcpdump_test host(const char (&a)[N]) const {
        return detail::tcpdump::address(a, prim.p, ctbpf::net::dir::none, ctbpf::net::kind::host);
    }
    template <std::size_t N>
    consteval tcpdump_test src_host(const char (&a)[N]) const {
        return detail::tcpdump::address(a, prim.p, ctbpf::net::dir::src, ctbpf::net::kind::host);
    }
    template <std::size_t N>
    consteval tcpdump_test dst_host(const char (&a)[N]) const {
        return detail::tcpdump::address(a, prim.p, ctbpf::net::dir::dst, ctbpf::net::kind::host);
    }
    template <std::size_t N>
    consteval tcpdump_test net(const char (&a)[N]) const {
        return detail::tcpdump::address(a, prim.p, ctbpf::net::dir::none, ctbpf::net::kind::net);
    }
    template <std::size_t N>
    consteval tcpdump_test src_net(const char (&a)[N]) const {
        return detail::tcpdump::address(a, prim.p, ctbpf::net::dir::src, ctbpf::net::kind::net);
    }
    template <std::size_t N>
    consteval tcpdump_test dst_net(const char (&a)[N]) const {
        return detail::tcpdump::address(a, prim.p, ctbpf::net::dir::dst, ctbpf::net::kind::net);
    }
    consteval tcpdump_test port(std::uint32_t p) const { return ports(p, p, ctbpf::net::dir::none); }
    consteval tcpdump_test src_port(std::uint32_t p) const { return ports(p, p, ctbpf::net::dir::src); }
    consteval tcpdump_test dst_port(std::uint32_t p) const { return ports(p, p, ctbpf::net::dir::dst); }
    consteval tcpdump_test portrange(std::uint32_t lo, std::uint32_t hi) const {
        return ports(lo, hi, ctbpf::net::dir::none, ctbpf::net::kind::portrange);
    }
    consteval tcpdump_test src_portrange(std::uint32_t lo, std::uint32_t hi) const {
        return ports(lo, hi, ctbpf::net::dir::src, ctbpf::net::kind::portrange);
    }
    consteval tcpdump_test dst_portrange(std::uint32_t lo, std::uint32_t hi) const {
        return ports(lo, hi, ctbpf::net::dir::dst, ctbpf::net::kind::portrange);
    }
    /// `ip proto N`, `ip6 proto N` (the next header after one IPv6 fragment header too).
    consteval tcpdump_test proto(std::uint32_t n) const {
        if (prim.p != ctbpf::net::proto::ip && prim.p != ctbpf::net::proto::ip6)
            detail::tcpdump::refuse(pcap_filter_problem::qualifier_not_allowed);
        return detail::tcpdump::number(prim.p, ctbpf::net::kind::proto_number, n, 255);
    }

private:
    consteval tcpdump_test ports(std::uint32_t lo, std::uint32_t hi, ctbpf::net::dir d,
                                 ctbpf::net::kind k = ctbpf::net::kind::port) const {
        if (prim.p != ctbpf::net::proto::tcp && prim.p != ctbpf::net::proto::udp && prim.p != ctbpf::net::proto::sctp)
            detail::tcpdump::refuse(pcap_filter_problem::qualifier_not_allowed);
        return detail::tcpdump::ports(lo, hi, prim.p, d, k);
    }
};

}  // namespace CTBPF_NAMESPACE::tcpdump

namespace CTBPF_NAMESPACE::detail::tcpdump {
consteval ctbpf::tcpdump::protocol_test protocol(proto p) {
    return ctbpf::tcpdump::protocol_test{{{}, make(p, ctbpf::net::dir::none, ctbpf::net::kind::proto_only)}};
}
consteval dsl::tcpdump_test only(proto p, kind k = kind::proto_only) { return test(make(p, ctbpf::net::dir::none, k)); }
}  // namespace CTBPF_NAMESPACE::detail::tcpdump

namespace CTBPF_NAMESPACE::tcpdump {

// ---- protocols -------------------------------------------------------------------------------
inline constexpr protocol_test ip = detail::tcpdump::protocol(ctbpf::net::proto::ip);
inline constexpr protocol_test ip6 = detail::tcpdump::protocol(ctbpf::net::proto::ip6);
inline constexpr protocol_test arp = detail::tcpdump::protocol(ctbpf::net::proto::arp);
inline constexpr protocol_test rarp = detail::tcpdump::protocol(ctbpf::net::proto::rarp);
inline constexpr protocol_test tcp = detail::tcpdump::protocol(ctbpf::net::proto::tcp);
inline constexpr protocol_test udp = detail::tcpdump::protocol(ctbpf::net::proto::udp);
inline constexpr protocol_test sctp = detail::tcpdump::protocol(ctbpf::net::proto::sctp);
inline constexpr tcpdump_test icmp = detail::tcpdump::only(ctbpf::net::proto::icmp);
inline constexpr tcpdump_test icmp6 = detail::tcpdump::only(ctbpf::net::proto::icmp6);
inline constexpr tcpdump_test igmp = detail::tcpdump::only(ctbpf::net::proto::igmp);
inline constexpr tcpdump_test pim = detail::tcpdump::only(ctbpf::net::proto::pim);
inline constexpr tcpdump_test vrrp = detail::tcpdump::only(ctbpf::net::proto::vrrp);
inline constexpr tcpdump_test ah = detail::tcpdump::only(ctbpf::net::proto::ah);
inline constexpr tcpdump_test esp = detail::tcpdump::only(ctbpf::net::proto::esp);
/// `proto N`: IPv4's protocol or IPv6's next header is N (ctbpf::ip_proto::gre ...).
consteval tcpdump_test proto(std::uint32_t n) {
    return detail::tcpdump::number(ctbpf::net::proto::none, ctbpf::net::kind::proto_number, n, 255);
}
/// `ether proto N`: the EtherType is N (ctbpf::ethertype::...); up to 1500 (an 802.3 length in
/// the type field), N is an 802.2 LLC SAP (ctbpf::llc_sap::stp ...), as libpcap compiles it.
consteval tcpdump_test ether_proto(std::uint32_t n) {
    return detail::tcpdump::number(ctbpf::net::proto::ether, ctbpf::net::kind::proto_number, n, 0xffff);
}

// ---- hosts, nets, ports (IPv4, ARP and RARP, or IPv6, as the address says) --------------------
template <std::size_t N>
consteval tcpdump_test host(const char (&a)[N]) {
    return detail::tcpdump::address(a, ctbpf::net::proto::none, ctbpf::net::dir::none, ctbpf::net::kind::host);
}
template <std::size_t N>
consteval tcpdump_test src_host(const char (&a)[N]) {
    return detail::tcpdump::address(a, ctbpf::net::proto::none, ctbpf::net::dir::src, ctbpf::net::kind::host);
}
template <std::size_t N>
consteval tcpdump_test dst_host(const char (&a)[N]) {
    return detail::tcpdump::address(a, ctbpf::net::proto::none, ctbpf::net::dir::dst, ctbpf::net::kind::host);
}
/// `src and dst host A`.
template <std::size_t N>
consteval tcpdump_test src_and_dst_host(const char (&a)[N]) {
    return detail::tcpdump::address(a, ctbpf::net::proto::none, ctbpf::net::dir::src_and_dst, ctbpf::net::kind::host);
}
/// `net A/len`, `net A` (classful by the parts written: "10", "192.168"), IPv6 `net A6/len`.
template <std::size_t N>
consteval tcpdump_test net(const char (&a)[N]) {
    return detail::tcpdump::address(a, ctbpf::net::proto::none, ctbpf::net::dir::none, ctbpf::net::kind::net);
}
template <std::size_t N>
consteval tcpdump_test src_net(const char (&a)[N]) {
    return detail::tcpdump::address(a, ctbpf::net::proto::none, ctbpf::net::dir::src, ctbpf::net::kind::net);
}
template <std::size_t N>
consteval tcpdump_test dst_net(const char (&a)[N]) {
    return detail::tcpdump::address(a, ctbpf::net::proto::none, ctbpf::net::dir::dst, ctbpf::net::kind::net);
}
/// `port P`: TCP, UDP or SCTP, IPv6 or IPv4 (not a later IPv4 fragment); tcp.port(P) for one.
consteval tcpdump_test port(std::uint32_t p) {
    return detail::tcpdump::ports(p, p, ctbpf::net::proto::none, ctbpf::net::dir::none, ctbpf::net::kind::port);
}
consteval tcpdump_test src_port(std::uint32_t p) {
    return detail::tcpdump::ports(p, p, ctbpf::net::proto::none, ctbpf::net::dir::src, ctbpf::net::kind::port);
}
consteval tcpdump_test dst_port(std::uint32_t p) {
    return detail::tcpdump::ports(p, p, ctbpf::net::proto::none, ctbpf::net::dir::dst, ctbpf::net::kind::port);
}
consteval tcpdump_test portrange(std::uint32_t lo, std::uint32_t hi) {
    return detail::tcpdump::ports(lo, hi, ctbpf::net::proto::none, ctbpf::net::dir::none, ctbpf::net::kind::portrange);
}
consteval tcpdump_test src_portrange(std::uint32_t lo, std::uint32_t hi) {
    return detail::tcpdump::ports(lo, hi, ctbpf::net::proto::none, ctbpf::net::dir::src, ctbpf::net::kind::portrange);
}
consteval tcpdump_test dst_portrange(std::uint32_t lo, std::uint32_t hi) {
    return detail::tcpdump::ports(lo, hi, ctbpf::net::proto::none, ctbpf::net::dir::dst, ctbpf::net::kind::portrange);
}

// ---- the link layer --------------------------------------------------------------------------
/// `ether host M`, `ether src M`, `ether dst M` ("00:1b:21:3a:4f:52").
template <std::size_t N>
consteval tcpdump_test ether_host(const char (&m)[N]) {
    return detail::tcpdump::address(m, ctbpf::net::proto::ether, ctbpf::net::dir::none, ctbpf::net::kind::host);
}
template <std::size_t N>
consteval tcpdump_test ether_src(const char (&m)[N]) {
    return detail::tcpdump::address(m, ctbpf::net::proto::ether, ctbpf::net::dir::src, ctbpf::net::kind::host);
}
template <std::size_t N>
consteval tcpdump_test ether_dst(const char (&m)[N]) {
    return detail::tcpdump::address(m, ctbpf::net::proto::ether, ctbpf::net::dir::dst, ctbpf::net::kind::host);
}
inline constexpr tcpdump_test ether_broadcast =
    detail::tcpdump::only(ctbpf::net::proto::ether, ctbpf::net::kind::ether_broadcast);
inline constexpr tcpdump_test ether_multicast =
    detail::tcpdump::only(ctbpf::net::proto::ether, ctbpf::net::kind::ether_multicast);
/// `ip multicast` (an IPv4 destination in 224.0.0.0/4), `ip6 multicast` (ff00::/8).
inline constexpr tcpdump_test ip_multicast =
    detail::tcpdump::only(ctbpf::net::proto::ip, ctbpf::net::kind::ip_multicast);
inline constexpr tcpdump_test ip6_multicast =
    detail::tcpdump::only(ctbpf::net::proto::ip6, ctbpf::net::kind::ip_multicast);
/// `len <= N`, `len >= N`.
consteval tcpdump_test less(std::uint32_t n) {
    return detail::tcpdump::number(ctbpf::net::proto::none, ctbpf::net::kind::less, n, 0xffffffffu, false);
}
consteval tcpdump_test greater(std::uint32_t n) {
    return detail::tcpdump::number(ctbpf::net::proto::none, ctbpf::net::kind::greater, n, 0xffffffffu, false);
}
/// The kernel's packet type is not / is PACKET_OUTGOING (a socket filter's SKF_AD_PKTTYPE).
inline constexpr tcpdump_test inbound = detail::tcpdump::only(ctbpf::net::proto::none, ctbpf::net::kind::inbound);
inline constexpr tcpdump_test outbound = detail::tcpdump::only(ctbpf::net::proto::none, ctbpf::net::kind::outbound);

// ---- 802.3 frames and 802.2 LLC (libpcap's gen_ether_linktype and gen_llc) --------------------
/// `stp`, `ipx`, `netbeui`, `atalk`, `aarp`, `iso`, `decnet`: `ether proto` of each (an LLC SAP or
/// an EtherType: IPX and AppleTalk also in SNAP).
inline constexpr tcpdump_test stp = ether_proto(llc_sap::stp);
inline constexpr tcpdump_test ipx = ether_proto(llc_sap::ipx);
inline constexpr tcpdump_test netbeui = ether_proto(llc_sap::netbeui);
inline constexpr tcpdump_test atalk = ether_proto(ethertype::appletalk);
inline constexpr tcpdump_test aarp = ether_proto(ethertype::appletalk_arp);
inline constexpr tcpdump_test iso = ether_proto(llc_sap::iso);
inline constexpr tcpdump_test decnet = ether_proto(ethertype::decnet);
/// `llc`: an 802.2 LLC frame (802.3, not Novell's raw 802.3).
inline constexpr tcpdump_test llc = detail::tcpdump::only(ctbpf::net::proto::none, ctbpf::net::kind::llc);
/// `isis`, `esis`, `clnp`, `iso proto N`: an OSI packet of that network-layer protocol.
consteval tcpdump_test iso_proto(std::uint32_t n) {
    return detail::tcpdump::number(ctbpf::net::proto::none, ctbpf::net::kind::iso_proto, n, 0xff, false);
}
inline constexpr tcpdump_test isis = iso_proto(0x83);
inline constexpr tcpdump_test esis = iso_proto(0x82);
inline constexpr tcpdump_test clnp = iso_proto(0x81);

// ---- encapsulations: what is written after them looks behind them -----------------------------
/// `vlan`, `vlan ID`: an 802.1Q/802.1ad/QinQ tag (with that 12-bit id); later primitives look 4
/// bytes further (vlan() && vlan(200) is QinQ).
consteval tcpdump_test vlan() { return detail::tcpdump::only(ctbpf::net::proto::none, ctbpf::net::kind::vlan); }
consteval tcpdump_test vlan(std::uint32_t id) {
    return detail::tcpdump::number(ctbpf::net::proto::none, ctbpf::net::kind::vlan, id, 0xfff);
}
/// `mpls`, `mpls LABEL`: an MPLS label (that 20-bit one); later network-layer offsets move by 4.
consteval tcpdump_test mpls() { return detail::tcpdump::only(ctbpf::net::proto::none, ctbpf::net::kind::mpls); }
consteval tcpdump_test mpls(std::uint32_t label) {
    return detail::tcpdump::number(ctbpf::net::proto::none, ctbpf::net::kind::mpls, label, 0xfffff);
}
/// `pppoed`; `pppoes`, `pppoes SESSION`: later primitives look into the session's PPP packet.
inline constexpr tcpdump_test pppoed = detail::tcpdump::only(ctbpf::net::proto::none, ctbpf::net::kind::pppoed);
consteval tcpdump_test pppoes() { return detail::tcpdump::only(ctbpf::net::proto::none, ctbpf::net::kind::pppoes); }
consteval tcpdump_test pppoes(std::uint32_t session) {
    return detail::tcpdump::number(ctbpf::net::proto::none, ctbpf::net::kind::pppoes, session, 0xffff);
}

}  // namespace CTBPF_NAMESPACE::tcpdump
