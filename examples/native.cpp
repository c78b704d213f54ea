// A filter known at compile time, run without an interpreter: ctbpf::native turns the verified
// image into C++ that the compiler optimizes like a hand-written predicate. Here, `tcp dst port 22`
// as tcpdump -dd printed it, and the same filter in the language; both agree with ctbpf::run.
#include <ctbpf/ctbpf.hpp>

#include <array>
#include <cstdint>
#include <iostream>
#include <vector>

// tcpdump -dd 'tcp dst port 22', pasted: checked against the kernel's rules when native<> is used.
constexpr std::array<ctbpf::sock_filter, 16> ssh_image{{
    {0x28, 0, 0, 0x0000000c},
    {0x15, 0, 4, 0x000086dd},
    {0x30, 0, 0, 0x00000014},
    {0x15, 0, 11, 0x00000006},
    {0x28, 0, 0, 0x00000038},
    {0x15, 8, 9, 0x00000016},
    {0x15, 0, 8, 0x00000800},
    {0x30, 0, 0, 0x00000017},
    {0x15, 0, 6, 0x00000006},
    {0x28, 0, 0, 0x00000014},
    {0x45, 4, 0, 0x00001fff},
    {0xb1, 0, 0, 0x0000000e},
    {0x48, 0, 0, 0x00000010},
    {0x15, 0, 1, 0x00000016},
    {0x06, 0, 0, 0x00040000},
    {0x06, 0, 0, 0x00000000},
}};

// The IPv4 half of it in the filter language (a variable with static storage, as native<> needs).
using namespace ctbpf::dsl;  // NOLINT
constexpr auto ssh_v4 = u16(12) == 0x0800 && u8(23) == 6 && (u16(20) & 0x1fff) == 0 && u16(ip_hlen(14) + 16) == 22;
constexpr auto ssh_v4_image = ctbpf::compile<ssh_v4>();

int main() {
    std::vector<std::uint8_t> frame(54, 0);
    frame[12] = 0x08;  // IPv4
    frame[14] = 0x45;  // version 4, 20-byte header
    frame[23] = 6;     // TCP
    frame[36] = 0;     // destination port 22
    frame[37] = 22;
    const std::uint32_t imported = ctbpf::native<ssh_image>(frame);
    const std::uint32_t language = ctbpf::native<ssh_v4_image>(frame);
    std::cout << "tcp dst port 22, native: " << imported << " (run: " << ctbpf::run(ssh_image, frame) << ")\n"
              << "the language's version, native: " << language << " (run: " << ctbpf::run(ssh_v4_image, frame)
              << ")\n";
    frame[37] = 23;  // another port
    const bool dropped = ctbpf::native<ssh_image>(frame) == 0 && ctbpf::native<ssh_v4_image>(frame) == 0;
    std::cout << "port 23: " << (dropped ? "dropped by both" : "NOT dropped") << '\n';
    return imported == 0x40000 && language != 0 && dropped ? 0 : 1;
}
