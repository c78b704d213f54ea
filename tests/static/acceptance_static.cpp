// The acceptance block: the core's promises in one translation unit (assemble, run and verify an ARP
// filter, reject a jump past the end); tests/CMakeLists.txt also compiles it with exactly
// -std=c++20 -Wall -Wextra -Werror -fno-exceptions.
#include <ctbpf/ctbpf.hpp>
#include <array>
#include <cstdint>
#include <type_traits>
constexpr auto arp = ctbpf::assemble(ctbpf::ldh(12), ctbpf::jeq(0x0806, 0, 1), ctbpf::ret(4096), ctbpf::ret(0));
static_assert(std::is_same_v<decltype(arp), const std::array<ctbpf::sock_filter, 4>>);
static_assert(arp[1].code == 0x15 && arp[1].k == 0x806 && arp[1].jt == 0 && arp[1].jf == 1);
constexpr std::array<std::uint8_t, 14> arp_frame{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x08, 0x06};
constexpr std::array<std::uint8_t, 14> ip_frame{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x08, 0x00};
static_assert(ctbpf::run(arp, arp_frame) == 4096 && ctbpf::run(arp, ip_frame) == 0);
static_assert(ctbpf::verify(arp));
constexpr std::array<ctbpf::sock_filter, 2> bad{{{0x15, 5, 0, 0}, {0x06, 0, 0, 0}}};
static_assert(!ctbpf::verify(bad) && ctbpf::verify(bad).index == 0);
