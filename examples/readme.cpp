#include <ctbpf/ctbpf.hpp>
#include <sys/socket.h>
using namespace ctbpf;

// ARP frames only: assembled, jump-resolved and verified with the kernel's rules at compile time.
constexpr auto arp = assemble(ldh(12), jeq(0x0806, "keep", "drop"),
                              label("keep"), ret(4096), label("drop"), ret(0));
static_assert(arp.size() == 4);  // a std::array<sock_filter, 4>, nothing more
constexpr std::array<std::uint8_t, 14> frame{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x08, 0x06};
static_assert(run(arp, frame) == 4096);  // the kernel's semantics, in a constant expression

int main() {
    sock_fprog prog{static_cast<unsigned short>(arp.size()), const_cast<sock_filter*>(arp.data())};
    const int fd = socket(AF_INET, SOCK_DGRAM, 0);
    return setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof prog);
}
