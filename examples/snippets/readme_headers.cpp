#include <ctbpf/headers.hpp>
using namespace ctbpf::dsl;
using namespace ctbpf::headers;

constexpr auto web = at<ethernet_header>(0).type == ethertype::ipv4 && at<ipv4_header>(14).proto == ip_proto::tcp &&
                     in(after_ipv4<tcp_header>(14).dport, {80, 443});
constexpr auto image = ctbpf::compile<web>();
static_assert(ctbpf::verify(image));
