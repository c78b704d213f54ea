#include <ctbpf/dsl.hpp>
#include <ctbpf/pcap_filter.hpp>
using namespace ctbpf::tcpdump;

constexpr auto web = tcp && dst_port(80) && !src_net("10.0.0.0/8");
constexpr auto image = ctbpf::compile<web>();  // the program of the tcpdump expression:
constexpr auto same = ctbpf::pcap_filter<"tcp and dst port 80 and not src net 10.0.0.0/8", ctbpf::link_type::ethernet,
                                         ctbpf::optimization::on, 0xffffffff>();
static_assert(image.size() == same.size() && image.back().k == same.back().k);

// mixed with the language's own predicates and statements; vlan() moves what follows it
constexpr auto mixed = ctbpf::dsl::if_(vlan(100) && tcp.dst_port(80), ctbpf::dsl::accept(64))
                           .else_if(ctbpf::dsl::u16(12) == ctbpf::ethertype::arp, arp.host("10.0.0.1"))
                           .else_(ctbpf::dsl::drop());
constexpr auto mixed_image = ctbpf::compile<mixed>();
static_assert(mixed_image.back().k == 0);
