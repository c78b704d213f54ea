#!/usr/bin/env bash
# The long differential campaign (docs/testing.md records a run): at least 1,000,000 programs per
# verifier oracle and 1,000,000 verdicts against the running kernel and libpcap. As root.
#   scripts/campaign.sh [SEED]          (a new seed when none is given; it is printed)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh" test
build=${CTBPF_BUILD_DIR:-$root/build}/campaign
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=g++-12 >/dev/null
cmake --build "$build" -j "$(nproc)" --target ctbpf_campaign
seed=()
[ $# -ge 1 ] && seed=(--seed "$1")
time "$build/tests/ctbpf_campaign" "${seed[@]}" --socket 2000000 --seccomp 2000000 --verdicts 2000000 \
  --seccomp-verdicts 50000 --libpcap 2000000 --optimize 2000000
