// A tcpdump expression of 200 primitives compiles within the default limits of g++ 12 and
// clang++ 19 (docs/pcap-filter.md, "Compile time"): 50 x (tcp dst port N and src net
// A/16), about 1,500 instructions before the optimizer. Built with CTBPF_LIMIT_TESTS.
#include <ctbpf/pcap_filter.hpp>
#include <ctbpf/vm.hpp>

#include <array>
#include <cstdint>

namespace {

// clang-format off
constexpr auto large = ctbpf::pcap_filter<"(tcp dst port 1000 and src net 10.0.0.0/16) or (tcp dst port 1001 and src net 10.1.0.0/16) or (tcp dst port 1002 and src net 10.2.0.0/16) or (tcp dst port 1003 and src net 10.3.0.0/16) or (tcp dst port 1004 and src net 10.4.0.0/16) or (tcp dst port 1005 and src net 10.5.0.0/16) or (tcp dst port 1006 and src net 10.6.0.0/16) or (tcp dst port 1007 and src net 10.7.0.0/16) or (tcp dst port 1008 and src net 10.8.0.0/16) or (tcp dst port 1009 and src net 10.9.0.0/16) or (tcp dst port 1010 and src net 10.10.0.0/16) or (tcp dst port 1011 and src net 10.11.0.0/16) or (tcp dst port 1012 and src net 10.12.0.0/16) or (tcp dst port 1013 and src net 10.13.0.0/16) or (tcp dst port 1014 and src net 10.14.0.0/16) or (tcp dst port 1015 and src net 10.15.0.0/16) or (tcp dst port 1016 and src net 10.16.0.0/16) or (tcp dst port 1017 and src net 10.17.0.0/16) or (tcp dst port 1018 and src net 10.18.0.0/16) or (tcp dst port 1019 and src net 10.19.0.0/16) or (tcp dst port 1020 and src net 10.20.0.0/16) or (tcp dst port 1021 and src net 10.21.0.0/16) or (tcp dst port 1022 and src net 10.22.0.0/16) or (tcp dst port 1023 and src net 10.23.0.0/16) or (tcp dst port 1024 and src net 10.24.0.0/16) or (tcp dst port 1025 and src net 10.25.0.0/16) or (tcp dst port 1026 and src net 10.26.0.0/16) or (tcp dst port 1027 and src net 10.27.0.0/16) or (tcp dst port 1028 and src net 10.28.0.0/16) or (tcp dst port 1029 and src net 10.29.0.0/16) or (tcp dst port 1030 and src net 10.30.0.0/16) or (tcp dst port 1031 and src net 10.31.0.0/16) or (tcp dst port 1032 and src net 10.32.0.0/16) or (tcp dst port 1033 and src net 10.33.0.0/16) or (tcp dst port 1034 and src net 10.34.0.0/16) or (tcp dst port 1035 and src net 10.35.0.0/16) or (tcp dst port 1036 and src net 10.36.0.0/16) or (tcp dst port 1037 and src net 10.37.0.0/16) or (tcp dst port 1038 and src net 10.38.0.0/16) or (tcp dst port 1039 and src net 10.39.0.0/16) or (tcp dst port 1040 and src net 10.40.0.0/16) or (tcp dst port 1041 and src net 10.41.0.0/16) or (tcp dst port 1042 and src net 10.42.0.0/16) or (tcp dst port 1043 and src net 10.43.0.0/16) or (tcp dst port 1044 and src net 10.44.0.0/16) or (tcp dst port 1045 and src net 10.45.0.0/16) or (tcp dst port 1046 and src net 10.46.0.0/16) or (tcp dst port 1047 and src net 10.47.0.0/16) or (tcp dst port 1048 and src net 10.48.0.0/16) or (tcp dst port 1049 and src net 10.49.0.0/16)">();
// clang-format on

// IPv4 TCP from 10.49.0.1 to port 1049 (accepted), or to port 1048 (whose source net is 10.48/16)
constexpr std::array<std::uint8_t, 54> frame(std::uint8_t port_low) {
    return {0,    1,        2,    3, 4,  5, 6, 7, 8,  9,  10,   11,   0x08, 0x00, 0x45, 0, 0,    40,
            0,    1,        0x40, 0, 64, 6, 0, 0, 10, 49, 0,    1,    192,  168,  1,    1, 0x04, 0xd2,
            0x04, port_low, 0,    0, 0,  0, 0, 0, 0,  0,  0x50, 0x02, 0xff, 0xff, 0,    0, 0,    0};
}
static_assert(ctbpf::verify(large));
static_assert(ctbpf::run(large, frame(0x19)) == 262144);  // 1049 = 0x419
static_assert(ctbpf::run(large, frame(0x18)) == 0);

}  // namespace
