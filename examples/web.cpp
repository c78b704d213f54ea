// HTTP and HTTPS over IPv4 and IPv6, and the same filter for frames with or without a VLAN tag
// (capture files) or with the tag in kernel metadata (live sockets). Written with the filter
// language and the protocol headers: no offset, count or jump by hand.
#include <ctbpf/text_string.hpp>

#include <iostream>

#include "filters.hpp"

using namespace examples;  // NOLINT

constexpr auto web_image = ctbpf::compile<web>();
static_assert(ctbpf::run(web_image, ipv4_frame(ip_proto::tcp, 443)) == whole);
static_assert(ctbpf::run(web_image, ipv4_frame(ip_proto::tcp, 80, 7)) == whole);  // IPv4 options
static_assert(ctbpf::run(web_image, ipv6_frame(ip_proto::tcp, 80)) == whole);
static_assert(ctbpf::run(web_image, ipv4_frame(ip_proto::tcp, 22)) == 0);
static_assert(ctbpf::run(web_image, ipv4_frame(ip_proto::udp, 443)) == 0);

constexpr auto vlan_image = ctbpf::compile<web_any_vlan>();
static_assert(ctbpf::run(vlan_image, tagged(ipv4_frame(ip_proto::tcp, 80), 100)) == whole);
static_assert(ctbpf::run(vlan_image, ipv4_frame(ip_proto::tcp, 80)) == whole);
static_assert(ctbpf::run(vlan_image, tagged(ipv4_frame(ip_proto::tcp, 25), 100)) == 0);

constexpr auto live_image = ctbpf::compile<web_on_vlan_100>();
constexpr ctbpf::packet_context on_vlan_100{.vlan_tci = 100, .vlan_present = true};
static_assert(ctbpf::run(live_image, ipv4_frame(ip_proto::tcp, 80), on_vlan_100) == whole);
static_assert(ctbpf::run(live_image, ipv4_frame(ip_proto::tcp, 80)) == 0);  // untagged

int main() {
    std::cout << "web (" << web_image.size() << " instructions):\n"
              << ctbpf::to_string(web_image) << "\nweb, VLAN-tagged or not (" << vlan_image.size() << " instructions)\n"
              << "web on VLAN 100, live socket view (" << live_image.size() << " instructions)\n";
}
