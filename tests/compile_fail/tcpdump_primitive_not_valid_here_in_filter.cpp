// Compile-fail test of the filter language's tcpdump primitives: over MPLS only IPv4 and IPv6
// (libpcap refuses `mpls and arp`), so the second primitive written is refused where it stands;
// the other branch is its compiling twin.
#include <ctbpf/dsl.hpp>

using namespace ctbpf::tcpdump;  // NOLINT

#ifdef CTBPF_COMPILE_FAIL
constexpr auto filter = mpls(100) && arp;
#else
constexpr auto filter = mpls(100) && ip;
#endif
[[maybe_unused]] constexpr auto image = ctbpf::compile<filter>();
