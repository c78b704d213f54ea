#include <ctbpf/ctbpf.hpp>  // includes ctbpf/dsl.hpp
using namespace ctbpf::dsl;

constexpr auto filter = u16(12) == 0x0800 && u8(23) == 6 && (u16(20) & 0x1fff) == 0 &&
                        u16(ip_hlen(14) + 16) == 80;  // IPv4 TCP to port 80, not a fragment
constexpr auto image = ctbpf::compile<filter>();      // std::array<sock_filter, 11>, verified
static_assert(image.size() == 11);
