#!/usr/bin/env bash
# The demo: builds the examples with the installed g++ and runs each of them.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh" demo
build=${CTBPF_BUILD_DIR:-$root/build}/demo
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DCTBPF_BUILD_TESTS=OFF -DCTBPF_BUILD_BENCH=OFF >/dev/null
cmake --build "$build" -j "$(nproc)"
for example in arp sample seccomp_policy attach_arp web dns; do
  echo "== examples/$example.cpp"
  "$build/examples/example_$example"
done
