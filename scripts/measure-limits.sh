#!/usr/bin/env bash
# Measures compile time and peak memory of filters of growing size with g++-12 and clang++-19
# (-O2, default constexpr and template limits) and prints a markdown table for docs/limits.md.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=$(mktemp -d)
echo "| filter | instructions | g++ 12: seconds | g++ 12: peak MiB | clang++ 19: seconds | clang++ 19: peak MiB |"
echo "|---|---|---|---|---|---|"
for def in CTBPF_CONSTANTS=4 CTBPF_CONSTANTS=70 CTBPF_CONSTANTS=740 CTBPF_PORTS=300 CTBPF_CONSTANTS=3000; do
  row="| \`$def\` |"
  size=""
  cells=""
  for cxx in g++-12 clang++-19; do
    stats=$( { /usr/bin/time -f "%e %M" "$cxx" -std=c++20 -O2 -I"$root/include" -D"$def" \
               "$root/bench/compile_time/filter_size.cpp" -o "$out/a.out"; } 2>&1 | tail -n 1)
    seconds=${stats% *}
    kib=${stats#* }
    size=$("$out/a.out")
    cells="$cells $seconds | $((kib / 1024)) |"
  done
  echo "$row $size |$cells"
done
rm -rf "$out"
