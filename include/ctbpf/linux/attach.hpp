// ctbpf/linux/attach.hpp — putting an image to work on Linux sockets: SO_ATTACH_FILTER,
// SO_DETACH_FILTER, SO_LOCK_FILTER, SO_ATTACH_REUSEPORT_CBPF and PACKET_FANOUT_CBPF, with errors
// as values that carry errno and say what it means. The image is passed as a sock_fprog view of
// its own storage (no copy).
// Usage: if (auto r = ctbpf::os::attach(fd, image); !r) std::cerr << r.message() << '\n';
#pragma once

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <ranges>
#include <string_view>

#include <linux/filter.h>
#include <linux/if_packet.h>
#include <sys/socket.h>

#include "../detail/config.hpp"
#include "../encoding.hpp"
#include "../concepts.hpp"

namespace CTBPF_NAMESPACE::os {

/// The outcome of a socket operation: true on success, else errno and a message.
struct result {
    int error = 0;
    constexpr explicit operator bool() const noexcept { return error == 0; }
    /// What the error means for a filter.
    std::string_view message() const noexcept {
        // clang-format off
        switch (error) {
            case 0: return "done";
            case EINVAL: return "the kernel rejected the program (ctbpf::verify names the rule)";
            case ENOMEM: return "the filter does not fit the socket's option memory (sysctl net.core.optmem_max)";
            case EPERM: return "the socket's filter is locked (SO_LOCK_FILTER)";
            case ENOENT: return "no filter is attached";
            case EBADF: case ENOTSOCK: return "not a socket";
            default: return std::strerror(error);
        }
        // clang-format on
    }
};

}  // namespace CTBPF_NAMESPACE::os

namespace CTBPF_NAMESPACE::detail::os {
inline ctbpf::os::result outcome(int rc) noexcept { return ctbpf::os::result{rc == 0 ? 0 : errno}; }
}  // namespace CTBPF_NAMESPACE::detail::os

namespace CTBPF_NAMESPACE::os {

/// A sock_fprog describing `program` in place (it must outlive the call that uses it).
template <ctbpf::program_range Program>
::sock_fprog as_fprog(const Program& program) noexcept {
    return ::sock_fprog{static_cast<unsigned short>(std::ranges::size(program)),
                        const_cast<::sock_filter*>(std::ranges::data(program))};
}
/// A view of a temporary would dangle: keep the program in a variable.
template <ctbpf::program_range Program>
requires(!std::ranges::borrowed_range<Program>)::sock_fprog as_fprog(const Program&&)
= delete;

/// SO_ATTACH_FILTER: the socket sees only what `program` accepts (truncated to the verdict).
template <ctbpf::program_range Program>
result attach(int fd, const Program& program) noexcept {
    const ::sock_fprog prog = as_fprog(program);
    return detail::os::outcome(::setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof prog));
}

/// SO_DETACH_FILTER.
inline result detach(int fd) noexcept {
    const int unused = 0;
    return detail::os::outcome(::setsockopt(fd, SOL_SOCKET, SO_DETACH_FILTER, &unused, sizeof unused));
}

/// SO_LOCK_FILTER: from now on the filter can be neither replaced nor removed.
inline result lock(int fd) noexcept {
    const int one = 1;
    return detail::os::outcome(::setsockopt(fd, SOL_SOCKET, SO_LOCK_FILTER, &one, sizeof one));
}

/// SO_ATTACH_REUSEPORT_CBPF: in a SO_REUSEPORT group, the program's result is the index of the
/// socket that gets each packet (for UDP, the program sees the datagram's payload).
template <ctbpf::program_range Program>
result attach_reuseport(int fd, const Program& program) noexcept {
    const ::sock_fprog prog = as_fprog(program);
    return detail::os::outcome(::setsockopt(fd, SOL_SOCKET, SO_ATTACH_REUSEPORT_CBPF, &prog, sizeof prog));
}

/// PACKET_FANOUT with PACKET_FANOUT_CBPF: joins packet socket `fd` to fanout group `group`, and
/// (for the group's first socket) sets the program that picks the member for each packet.
template <ctbpf::program_range Program>
result fanout(int fd, std::uint16_t group, const Program& program, std::uint16_t flags = 0) noexcept {
    const int arg = static_cast<int>(group) | ((PACKET_FANOUT_CBPF | flags) << 16);
    if (::setsockopt(fd, SOL_PACKET, PACKET_FANOUT, &arg, sizeof arg) != 0) return result{errno};
    const ::sock_fprog prog = as_fprog(program);
    return detail::os::outcome(::setsockopt(fd, SOL_PACKET, PACKET_FANOUT_DATA, &prog, sizeof prog));
}

}  // namespace CTBPF_NAMESPACE::os
