// ctbpf/linux/seccomp.hpp — installing a seccomp filter on the calling thread (or, with tsync,
// on every thread of the process): no_new_privs, seccomp(2) with its flags, prctl(2) where
// seccomp(2) does not exist, placeholders bound first. Errors are values carrying errno.
// Usage: if (auto r = ctbpf::os::install_seccomp(image); !r) std::fprintf(stderr, "%s\n", r.message());
//        ctbpf::os::install_seccomp(image, {ctbpf::seccomp::bound("fd", fd)});
#pragma once

#include <cerrno>
#include <cstring>
#include <initializer_list>
#include <ranges>

#include <linux/filter.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "../concepts.hpp"
#include "../detail/config.hpp"
#include "../seccomp/compile.hpp"

namespace CTBPF_NAMESPACE::os {

// <linux/seccomp.h> is not included: its struct seccomp_data would be ambiguous with
// ctbpf::seccomp_data under `using namespace ctbpf;`. Its values, which are kernel ABI:
inline constexpr unsigned seccomp_set_mode_filter = 1;   ///< SECCOMP_SET_MODE_FILTER (seccomp(2))
inline constexpr unsigned long seccomp_mode_filter = 2;  ///< SECCOMP_MODE_FILTER (prctl(2))

/// SECCOMP_FILTER_FLAG_*: or them into install_seccomp's `flags`.
namespace seccomp_flag {
inline constexpr unsigned tsync = 1u << 0;         ///< every thread of the process, or none
inline constexpr unsigned log = 1u << 1;           ///< log the actions taken (but allow)
inline constexpr unsigned spec_allow = 1u << 2;    ///< keep speculative store bypass mitigation off
inline constexpr unsigned new_listener = 1u << 3;  ///< return a user-notification fd (listener)
}  // namespace seccomp_flag

/// The outcome of install_seccomp: true when the filter is in force.
struct seccomp_result {
    int error = 0;      ///< errno, 0 on success
    int listener = -1;  ///< with seccomp_flag::new_listener: the notification fd
    int thread = 0;     ///< with seccomp_flag::tsync: the thread that could not be synchronised
    seccomp::bind_problem binding = seccomp::bind_problem::none;  ///< why a placeholder was not bound

    constexpr explicit operator bool() const noexcept { return error == 0; }
    const char* message() const noexcept {
        if (binding == seccomp::bind_problem::unknown_placeholder)
            return "a binding names no placeholder of the policy";
        if (binding == seccomp::bind_problem::bound_twice) return "a placeholder is bound twice";
        if (binding == seccomp::bind_problem::not_bound) return "a placeholder of the policy is not bound";
        if (thread != 0) return "another thread has a filter this thread's chain does not contain (tsync)";
        switch (error) {
            case 0: return "installed";
            case EINVAL: return "the kernel rejected the filter or a flag (ctbpf::verify names a program's rule)";
            case EACCES: return "no_new_privs is off and the caller lacks CAP_SYS_ADMIN";
            case ENOMEM: return "too many filter instructions on this thread (all filters together)";
            case EBUSY: return "a user-notification listener is already installed (new_listener)";
            case ENOSYS: return "this kernel has no seccomp filters";
            default: return std::strerror(error);
        }
    }
};

/// Installs `image` as a seccomp filter: prctl(PR_SET_NO_NEW_PRIVS) first unless
/// `no_new_privs` is false (then the caller needs CAP_SYS_ADMIN), then seccomp(2) with `flags`,
/// or prctl(PR_SET_SECCOMP) on kernels before 3.17 (flags 0 only).
template <program_range Program>
seccomp_result install_seccomp(const Program& image, unsigned flags = 0, bool no_new_privs = true) noexcept {
    ::sock_fprog prog{static_cast<unsigned short>(std::ranges::size(image)),
                      const_cast<::sock_filter*>(std::ranges::data(image))};
    if (no_new_privs && ::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return {errno};
    const long rc = ::syscall(SYS_seccomp, seccomp_set_mode_filter, flags, &prog);
    if (rc < 0 && errno == ENOSYS && flags == 0) {
        if (::prctl(PR_SET_SECCOMP, seccomp_mode_filter, &prog, 0, 0) != 0) return {errno};
        return {};
    }
    if (rc < 0) return {errno};
    seccomp_result r{};
    if (flags & seccomp_flag::new_listener)
        r.listener = static_cast<int>(rc);
    else if ((flags & seccomp_flag::tsync) && rc > 0)
        r = {ESRCH, -1, static_cast<int>(rc)};
    return r;
}

/// Binds every placeholder of a compiled policy (each exactly once), then installs it.
template <std::size_t N, std::size_t K, std::size_t C>
seccomp_result install_seccomp(const seccomp::bindable_image<N, K, C>& image,
                               std::initializer_list<seccomp::binding> values, unsigned flags = 0,
                               bool no_new_privs = true) noexcept {
    const seccomp::bound_image<N> bound = image.bind(values);
    if (!bound) return {EINVAL, -1, 0, bound.problem};
    return install_seccomp(bound.code, flags, no_new_privs);
}

}  // namespace CTBPF_NAMESPACE::os
