// DNS over UDP (IPv4 and IPv6), a telemetry protocol declared by the user, and header-only
// capture: a filter that returns how many bytes to keep.
#include <ctbpf/text_string.hpp>

#include <iostream>

#include "filters.hpp"

using namespace examples;  // NOLINT

constexpr auto dns_image = ctbpf::compile<dns>();
static_assert(ctbpf::run(dns_image, ipv4_frame(ip_proto::udp, 53)) == whole);
static_assert(ctbpf::run(dns_image, ipv6_frame(ip_proto::udp, 53)) == whole);
static_assert(ctbpf::run(dns_image, ipv4_frame(ip_proto::tcp, 53)) == 0);

constexpr auto alarm_image = ctbpf::compile<alarms>();
static_assert(ctbpf::run(alarm_image, telemetry_frame(1, 7)) == 46);
static_assert(ctbpf::run(alarm_image, telemetry_frame(1, 3)) == 0);
static_assert(ctbpf::run(alarm_image, telemetry_frame(2, 7)) == 0);

constexpr auto headers_image = ctbpf::compile<tcp_headers>();
static_assert(ctbpf::run(headers_image, ipv4_frame(ip_proto::tcp, 80)) == 14 + 20 + 32);
static_assert(ctbpf::run(headers_image, ipv4_frame(ip_proto::tcp, 80, 6)) == 14 + 24 + 32);
static_assert(ctbpf::run(headers_image, ipv6_frame(ip_proto::tcp, 80)) == 14);

int main() {
    std::cout << "dns (" << dns_image.size() << " instructions)\n"
              << "telemetry alarms (" << alarm_image.size() << " instructions):\n"
              << ctbpf::to_string(alarm_image) << "tcp headers only (" << headers_image.size() << " instructions):\n"
              << ctbpf::to_string(headers_image, ctbpf::text_format::bpf_asm);
}
