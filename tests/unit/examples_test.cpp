// The language examples' verdicts (examples/filters.hpp; static_asserted in examples/web.cpp
// and examples/dns.cpp) on run-time copies of programs and frames.
#include <gtest/gtest.h>

#include <vector>

#include "../../examples/filters.hpp"

namespace {
using namespace examples;  // NOLINT

template <std::size_t N, std::size_t P>
std::uint32_t run_copy(const std::array<ctbpf::sock_filter, N>& image, const std::array<std::uint8_t, P>& frame,
                       const ctbpf::packet_context& ctx = {}) {
    const std::vector<ctbpf::sock_filter> program(image.begin(), image.end());
    const std::vector<std::uint8_t> packet(frame.begin(), frame.end());
    EXPECT_TRUE(ctbpf::verify(program));
    return ctbpf::run(program, packet, ctx);
}

TEST(Examples, Web) {
    constexpr auto image = ctbpf::compile<web>();
    EXPECT_EQ(run_copy(image, ipv4_frame(ip_proto::tcp, 443)), whole);
    EXPECT_EQ(run_copy(image, ipv4_frame(ip_proto::tcp, 80, 7)), whole);
    EXPECT_EQ(run_copy(image, ipv6_frame(ip_proto::tcp, 80)), whole);
    EXPECT_EQ(run_copy(image, ipv4_frame(ip_proto::tcp, 22)), 0u);
    EXPECT_EQ(run_copy(image, ipv4_frame(ip_proto::udp, 443)), 0u);
}

TEST(Examples, WebWithOrWithoutVlan) {
    constexpr auto image = ctbpf::compile<web_any_vlan>();
    EXPECT_EQ(run_copy(image, tagged(ipv4_frame(ip_proto::tcp, 80), 100)), whole);
    EXPECT_EQ(run_copy(image, ipv4_frame(ip_proto::tcp, 80)), whole);
    EXPECT_EQ(run_copy(image, tagged(ipv4_frame(ip_proto::tcp, 25), 100)), 0u);
    constexpr auto live = ctbpf::compile<web_on_vlan_100>();
    EXPECT_EQ(
        run_copy(live, ipv4_frame(ip_proto::tcp, 80), ctbpf::packet_context{.vlan_tci = 100, .vlan_present = true}),
        whole);
    EXPECT_EQ(run_copy(live, ipv4_frame(ip_proto::tcp, 80)), 0u);
}

TEST(Examples, DnsTelemetryAndHeaderCapture) {
    constexpr auto dns_image = ctbpf::compile<dns>();
    EXPECT_EQ(run_copy(dns_image, ipv4_frame(ip_proto::udp, 53)), whole);
    EXPECT_EQ(run_copy(dns_image, ipv6_frame(ip_proto::udp, 53)), whole);
    EXPECT_EQ(run_copy(dns_image, ipv4_frame(ip_proto::tcp, 53)), 0u);
    constexpr auto alarm_image = ctbpf::compile<alarms>();
    EXPECT_EQ(run_copy(alarm_image, telemetry_frame(1, 7)), 46u);
    EXPECT_EQ(run_copy(alarm_image, telemetry_frame(2, 7)), 0u);
    constexpr auto headers_image = ctbpf::compile<tcp_headers>();
    EXPECT_EQ(run_copy(headers_image, ipv4_frame(ip_proto::tcp, 80)), 66u);
    EXPECT_EQ(run_copy(headers_image, ipv4_frame(ip_proto::tcp, 80, 6)), 70u);
    EXPECT_EQ(run_copy(headers_image, ipv6_frame(ip_proto::tcp, 80)), 14u);
}

}  // namespace
