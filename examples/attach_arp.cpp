// The ARP filter attached to a real AF_PACKET socket with SO_ATTACH_FILTER, in a private network
// namespace (needs root): frames sent on loopback reach the socket exactly when ctbpf::run says
// so, truncated to the verdict.
#include <ctbpf/ctbpf.hpp>

#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <poll.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstring>

using namespace ctbpf;  // NOLINT

constexpr auto arp_only = assemble(ldh(12), jeq(0x0806, 0, 1), ret(4096), ret(0));

namespace {

bool loopback_up() {
    const int fd = socket(AF_INET, SOCK_DGRAM, 0);
    ifreq ifr{};
    std::strncpy(ifr.ifr_name, "lo", IFNAMSIZ - 1);
    const bool ok = fd >= 0 && ioctl(fd, SIOCGIFFLAGS, &ifr) == 0 &&
                    (ifr.ifr_flags = static_cast<short>(ifr.ifr_flags | IFF_UP), ioctl(fd, SIOCSIFFLAGS, &ifr) == 0);
    if (fd >= 0) close(fd);
    return ok;
}

int packet_socket_on_lo() {
    const int fd = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
    const int one = 1;
    setsockopt(fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one, sizeof one);  // see each frame once
    sockaddr_ll addr{};
    addr.sll_family = AF_PACKET;
    addr.sll_protocol = htons(ETH_P_ALL);
    addr.sll_ifindex = static_cast<int>(if_nametoindex("lo"));
    bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    return fd;
}

}  // namespace

int main() {
    if (unshare(CLONE_NEWNET) != 0 || !loopback_up()) {
        std::puts("attach_arp: needs root (a private network namespace); skipped");
        return 0;
    }
    const int witness = packet_socket_on_lo();  // no filter: tells us each frame went by
    const int filtered = packet_socket_on_lo();
    sock_fprog fprog{static_cast<unsigned short>(arp_only.size()), const_cast<sock_filter*>(arp_only.data())};
    if (setsockopt(filtered, SOL_SOCKET, SO_ATTACH_FILTER, &fprog, sizeof fprog) != 0) {
        std::perror("SO_ATTACH_FILTER");
        return 1;
    }
    const int tx = socket(AF_PACKET, SOCK_RAW, 0);
    sockaddr_ll to{};
    to.sll_family = AF_PACKET;
    to.sll_ifindex = static_cast<int>(if_nametoindex("lo"));

    int disagreements = 0;
    for (const std::uint16_t ethertype : {0x0806, 0x0800, 0x86dd, 0x0806}) {
        std::array<std::uint8_t, 60> frame{};
        frame[12] = static_cast<std::uint8_t>(ethertype >> 8);
        frame[13] = static_cast<std::uint8_t>(ethertype);
        sendto(tx, frame.data(), frame.size(), 0, reinterpret_cast<sockaddr*>(&to), sizeof to);
        std::array<std::uint8_t, 2048> buf{};
        pollfd p{witness, POLLIN, 0};
        if (poll(&p, 1, 1000) != 1 || recv(witness, buf.data(), buf.size(), 0) < 0) return 1;
        const ssize_t got = recv(filtered, buf.data(), buf.size(), MSG_DONTWAIT);  // delivered first
        const std::uint32_t kernel = got < 0 ? 0 : static_cast<std::uint32_t>(got);
        const std::uint32_t verdict = run(arp_only, frame);
        const std::uint32_t expected = verdict < frame.size() ? verdict : static_cast<std::uint32_t>(frame.size());
        std::printf("ethertype 0x%04x: kernel delivered %3u bytes, ctbpf::run says %4u -> %s\n", ethertype, kernel,
                    verdict, kernel == expected ? "agree" : "DISAGREE");
        disagreements += kernel != expected;
    }
    return disagreements == 0 ? 0 : 1;
}
