#!/usr/bin/env bash
# Compile time and peak memory of programs at the kernel's limit: a 4096-line bpf_asm source of
# each shape of tests/cases/long_sources.hpp (tests/static/long_text_static.cpp) and 4096
# builders with 1001 labels (tests/static/long_builders_static.cpp), with g++-12 and clang++-19
# at -O2 and the compilers' default limits; the fastest of 3 runs. Prints the markdown table of
# docs/limits.md (needs the `time` package).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
g++-12 -std=c++20 -O1 -I"$root/include" "$root/tests/static/generate_long_sources.cpp" -o "$out/generate"
"$out/generate" "$out"
measure() {  # compiler flags... -> "seconds | MiB"
  local best=999 mem=0
  for _ in 1 2 3; do
    /usr/bin/time -o "$out/time" -f "%e %M" "$@" -c -o "$out/a.o" >/dev/null
    local s m
    read -r s m <"$out/time"
    if awk "BEGIN{exit !($s < $best)}"; then best=$s; mem=$m; fi
  done
  echo "$best | $((mem / 1024))"
}
echo "| program | g++ 12: seconds | g++ 12: peak MiB | clang++ 19: seconds | clang++ 19: peak MiB |"
echo "|---|---|---|---|---|"
names=("4096 × \`ret #0\`" "4096 lines: loads, jumps, 2046 labels" "2048 label lines + 2048 instructions"
       "4096 labelled jumps (4096 labels)" "1300 far jumps (2901 instructions)")
for shape in 0 1 2 3 4; do
  row="| ${names[$shape]} |"
  for cxx in g++-12 clang++-19; do
    row="$row $(measure "$cxx" -std=c++20 -O2 -I"$root/include" -I"$out" -DCTBPF_LONG_SHAPE=$shape \
                "$root/tests/static/long_text_static.cpp") |"
  done
  echo "$row"
done
for form in "function-call form:" "template-argument form:-DCTBPF_TEMPLATE_FORM"; do
  row="| 4096 builders, 1001 labels, ${form%%:*} |"
  for cxx in g++-12 clang++-19; do
    # shellcheck disable=SC2046  # the form's define, if any
    row="$row $(measure "$cxx" -std=c++20 -O2 -I"$root/include" $(echo "${form#*:}") \
                "$root/tests/static/long_builders_static.cpp") |"
  done
  echo "$row"
done
row="| (baseline: the header alone) |"
echo '#include <ctbpf/assemble.hpp>' >"$out/header.cpp"
for cxx in g++-12 clang++-19; do
  row="$row $(measure "$cxx" -std=c++20 -O2 -I"$root/include" "$out/header.cpp") |"
done
echo "$row"
