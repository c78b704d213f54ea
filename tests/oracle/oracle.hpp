// Shared state of the oracle tests.
#pragma once

#include <cstdlib>
#include <string_view>

#include <gtest/gtest.h>

namespace ctbpf_oracle {
extern bool in_private_netns;

inline bool kernel_required() {
    const char* v = std::getenv("CTBPF_REQUIRE_KERNEL");
    return v != nullptr && std::string_view(v) == "1";
}
}  // namespace ctbpf_oracle

/// Skips (or, under CTBPF_REQUIRE_KERNEL=1, fails) a test that needs the private namespace.
#define CTBPF_NEED_NETNS()                                                                     \
    do {                                                                                       \
        if (!ctbpf_oracle::in_private_netns) {                                                 \
            if (ctbpf_oracle::kernel_required()) FAIL() << "cannot enter a network namespace"; \
            GTEST_SKIP() << "needs root for a private network namespace";                      \
        }                                                                                      \
    } while (0)
