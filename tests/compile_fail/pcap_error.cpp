// Compile-fail test of tcpdump expressions: case CTBPF_PCAP_CASE of cases::pcap_refusals must not
// compile, with the error named in tests/CMakeLists.txt (the problem and its column); without
// CTBPF_COMPILE_FAIL, the compiling twin.
#include <ctbpf/pcap_filter.hpp>

#include <string_view>

#include "../cases/pcap_expressions.hpp"

#ifdef CTBPF_COMPILE_FAIL
constexpr std::string_view text = cases::pcap_refusals[CTBPF_PCAP_CASE].expression;
constexpr ctbpf::link_type link = cases::pcap_refusals[CTBPF_PCAP_CASE].link;
#else
constexpr std::string_view text = "tcp port 80 and not src net 10.0.0.0/8";
constexpr ctbpf::link_type link = ctbpf::link_type::ethernet;
#endif
constexpr auto expression = ctbpf::to_fixed_string<text.size()>(text);
[[maybe_unused]] constexpr auto image = ctbpf::pcap_filter<expression, link>();
