// app.cpp: ARP frames only, verified at compile time, checked at compile time and at run time.
#include <ctbpf/ctbpf.hpp>

#include <array>
#include <cstdint>
#include <cstdio>

constexpr auto arp = ctbpf::assemble(ctbpf::ldh(12), ctbpf::jeq(0x0806, 0, 1), ctbpf::ret(4096), ctbpf::ret(0));
constexpr std::array<std::uint8_t, 14> frame{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x08, 0x06};
static_assert(ctbpf::run(arp, frame) == 4096);

int main() {
    std::printf("%zu instructions; an ARP frame gets %u\n", arp.size(), static_cast<unsigned>(ctbpf::run(arp, frame)));
    return ctbpf::run(arp, frame) == 4096 ? 0 : 1;
}
