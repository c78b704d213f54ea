// app_headers.cpp: the protocol headers (Boost.Hana) name the fields.
#include <ctbpf/headers.hpp>

#include <cstdio>

namespace h = ctbpf::headers;
using h::at;

constexpr auto ipv4_tcp =
    at<h::ethernet_header>(0).type == h::ethertype::ipv4 && at<h::ipv4_header>(14).proto == h::ip_proto::tcp;
constexpr auto image = ctbpf::compile<ipv4_tcp>();
static_assert(ctbpf::verify(image));

int main() { std::printf("ipv4 and tcp: %zu instructions\n", image.size()); }
