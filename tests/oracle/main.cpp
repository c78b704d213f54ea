// Oracle tests: ctbpf against the running kernel, libpcap and tcpdump. The process moves into
// a private network namespace (root) so that the loopback traffic of the verdict tests is its
// own. Without root, kernel tests are skipped, unless CTBPF_REQUIRE_KERNEL=1 (the CI) makes
// that a failure.
#include <gtest/gtest.h>

#include "oracle.hpp"
#include "../support/kernel.hpp"

bool ctbpf_oracle::in_private_netns = false;

int main(int argc, char** argv) {
    ::testing::InitGoogleTest(&argc, argv);
    ctbpf_oracle::in_private_netns = ctbpf_test::enter_private_network_namespace();
    return RUN_ALL_TESTS();
}
