// The comparison policies P1 and P2 of tests/cases/seccomp_policies.hpp as libseccomp builds them
// (the seccomp oracle tests and bench/seccomp_bench.cpp).
#pragma once

#include <vector>

#include <linux/filter.h>
#include <seccomp.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../cases/seccomp_policies.hpp"

namespace ctbpf_test {
using namespace cases::seccomp_policies;  // NOLINT

/// libseccomp's program for P1 (or P2), default or binary-tree layout, bad arch: kill thread.
/// One argument comparison (SCMP_A0(...) and friends are C compound literals, which -pedantic
/// refuses in C++).
inline scmp_arg_cmp compare(unsigned arg, scmp_compare op, scmp_datum_t a, scmp_datum_t b = 0) {
    return scmp_arg_cmp{arg, op, a, b};
}

inline std::vector<sock_filter> libseccomp_program(bool with_arguments, bool tree) {
    scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ERRNO(eperm));
    seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL);
    if (tree) seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, 2);
    const int checked[] = {nr::socket, nr::ioctl, nr::mmap, nr::mprotect, nr::openat,
                           nr::kill,   nr::fcntl, nr::dup2, nr::clone};
    for (int n : p1_calls) {
        bool skip = false;
        for (int c : checked) skip = skip || (with_arguments && c == n);
        if (!skip) seccomp_rule_add(ctx, SCMP_ACT_ALLOW, n, 0);
    }
    if (with_arguments) {
        for (scmp_datum_t v : {scmp_datum_t{af_unix}, scmp_datum_t{af_inet}, scmp_datum_t{af_inet6}})
            seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr::socket, 1, compare(0, SCMP_CMP_EQ, v));
        for (unsigned long v : {tcgets, fionread, fionbio, fioclex})
            seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr::ioctl, 1, compare(1, SCMP_CMP_EQ, v));
        seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr::mmap, 1, compare(2, SCMP_CMP_MASKED_EQ, prot_exec, 0));
        seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr::mprotect, 1, compare(2, SCMP_CMP_MASKED_EQ, prot_exec, 0));
        seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr::openat, 1, compare(2, SCMP_CMP_MASKED_EQ, o_creat, 0));
        seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr::kill, 1, compare(0, SCMP_CMP_EQ, 4242));
        for (scmp_datum_t v : {scmp_datum_t{f_getfl}, scmp_datum_t{f_setfl}})
            seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr::fcntl, 1, compare(1, SCMP_CMP_EQ, v));
        seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr::prctl, 1, compare(0, SCMP_CMP_EQ, pr_set_name));
        seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr::dup2, 1, compare(1, SCMP_CMP_LT, 1024));
        seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr::clone, 1, compare(0, SCMP_CMP_MASKED_EQ, clone_newuser, 0));
    }
    const int fd = ::memfd_create("libseccomp", 0);
    std::vector<sock_filter> out;
    if (fd >= 0 && seccomp_export_bpf(ctx, fd) == 0) {
        const off_t bytes = ::lseek(fd, 0, SEEK_CUR);
        out.resize(static_cast<std::size_t>(bytes) / sizeof(sock_filter));
        if (::pread(fd, out.data(), static_cast<std::size_t>(bytes), 0) != bytes) out.clear();
    }
    if (fd >= 0) ::close(fd);
    seccomp_release(ctx);
    return out;
}

}  // namespace ctbpf_test
