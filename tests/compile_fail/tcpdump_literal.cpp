// Compile-fail tests of the tcpdump primitives' literals (checked at compile time): case
// CTBPF_TCPDUMP_CASE must not compile, naming the ctbpf::tcpdump::literal_error function that says
// what is wrong (tests/CMakeLists.txt); without CTBPF_COMPILE_FAIL, the compiling twin.
#include <ctbpf/dsl.hpp>

using namespace ctbpf::tcpdump;  // NOLINT

#if !defined(CTBPF_COMPILE_FAIL)
constexpr auto filter = host("10.0.0.1") && net("10.0.0.0/8") && ip6.net("fe80::/10") &&
                        ether_host("00:1b:21:3a:4f:52") && port(443) && vlan(4095);
#elif CTBPF_TCPDUMP_CASE == 0
constexpr auto filter = host("10.0.0.256");
#elif CTBPF_TCPDUMP_CASE == 1
constexpr auto filter = net("10.0.0.1/8");
#elif CTBPF_TCPDUMP_CASE == 2
constexpr auto filter = host("www.example.com");
#elif CTBPF_TCPDUMP_CASE == 3
constexpr auto filter = ip.host("fe80::1");
#elif CTBPF_TCPDUMP_CASE == 4
constexpr auto filter = host("00:1b:21:3a:4f:52");
#elif CTBPF_TCPDUMP_CASE == 5
constexpr auto filter = vlan(4096);
#endif
[[maybe_unused]] constexpr auto image = ctbpf::compile<filter>();
