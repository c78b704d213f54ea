#include <ctbpf/ctbpf.hpp>
#include <sys/socket.h>
using namespace ctbpf::dsl;

// ARP frames only: compiled, jump-resolved and verified with the kernel's rules at compile time.
constexpr auto arp_only = u16(12) == 0x0806;        // the EtherType field
constexpr auto image = ctbpf::compile<arp_only>();  // std::array<sock_filter, 4>
constexpr std::array<std::uint8_t, 14> arp_frame{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x08, 0x06};
static_assert(ctbpf::run(image, arp_frame) != 0);  // the kernel's semantics, at compile time

int main() {
    sock_fprog prog{static_cast<unsigned short>(image.size()), const_cast<sock_filter*>(image.data())};
    const int fd = socket(AF_INET, SOCK_DGRAM, 0);
    return setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof prog);
}
