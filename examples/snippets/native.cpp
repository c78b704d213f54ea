#include <ctbpf/ctbpf.hpp>

#include <span>
using namespace ctbpf::dsl;

constexpr auto image = ctbpf::compile<u16(12) == 0x0806>();  // static storage: a template argument

// ARP frames only, as compiled C++: no interpreter, no dispatch, the verdicts of ctbpf::run.
std::uint32_t arp_only(std::span<const std::uint8_t> frame) { return ctbpf::native<image>(frame); }
