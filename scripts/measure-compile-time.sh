#!/usr/bin/env bash
# Compile time and peak memory by program size (about 10, 100, 1000 and 4096 instructions) for the
# filter language, ctbpf::assemble and ctbpf::native of each, with g++-12 and clang++-19 at -O2 and
# the compilers' default limits. Prints the markdown table of docs/benchmarks.md (needs `time`).
# CTBPF_MEASURE_WHAT and CTBPF_MEASURE_SIZES narrow the run.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "| compiled | instructions | g++ 12: seconds | g++ 12: peak MiB | clang++ 19: seconds | clang++ 19: peak MiB |"
echo "|---|---|---|---|---|---|"
for what in ${CTBPF_MEASURE_WHAT:-language assemble assemble_template native_language native_assemble optimize}; do
  for size in ${CTBPF_MEASURE_SIZES:-10 100 1000 4096}; do
    flags="-DCTBPF_WHAT=$what -DCTBPF_SIZE=$size"
    case $what in native_*) flags="$flags -DCTBPF_NATIVE";; optimize) flags="$flags -DCTBPF_OPTIMIZE";; esac
    cells=""
    n=""
    for cxx in g++-12 clang++-19; do
      # shellcheck disable=SC2086  # $flags holds several options
      stats=$( { /usr/bin/time -f "%e %M" "$cxx" -std=c++20 -O2 -I"$root/include" $flags \
                 "$root/bench/compile_time/program_size.cpp" -o "$out/a.out"; } 2>&1 | tail -n 1)
      n=$("$out/a.out" | cut -d' ' -f1)
      if [ "$what" = optimize ]; then n="$n → $("$out/a.out" | cut -d' ' -f2)"; fi  # assembled → optimized
      cells="$cells ${stats% *} | $(( ${stats#* } / 1024 )) |"
    done
    echo "| $what | $n |$cells"
  done
done
