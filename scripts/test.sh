#!/usr/bin/env bash
# The whole test suite: g++ 12, clang++ 19 and clang++ 14 (Debian 12's clang++) with -Wall -Wextra
# -Werror -pedantic, a -fno-exceptions -fno-rtti build, the run-time tests under ASan+UBSan, and
# the libFuzzer targets for CTBPF_FUZZ_SECONDS (30) each. CTest drives each configuration;
# CTBPF_CONFIGS="gcc12 clang14" runs only those.
# As root, the kernel oracle tests are required to run (CTBPF_REQUIRE_KERNEL=1).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh" test
build=${CTBPF_BUILD_DIR:-$root/build}
jobs=$(nproc)
if [ "$(id -u)" -eq 0 ]; then export CTBPF_REQUIRE_KERNEL=${CTBPF_REQUIRE_KERNEL:-1}; fi
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1

# Every part is asked for (ON): a missing package is a configure error, never a skipped test.
parts="-DCTBPF_BUILD_TESTS=ON -DCTBPF_BUILD_EXAMPLES=ON -DCTBPF_BUILD_BENCH=ON -DCTBPF_BUILD_TOOLS=ON"
# The slices run in fewer configurations (docs/testing.md): the compiler-independent slow tests
# (campaign, packaging, firmware, format) and the benchmarks' build in gcc12 only; the programs at the 4096 limit in gcc12 and
# clang19, the two compilers whose default limits they are measured against.
# The lean configurations build and run what depends on the compiler and its flags: the static,
# unit and compile-fail tests (the program, filter and policy errors; the text and tcpdump-expression
# errors are the constant-evaluated parsers' results, checked on g++ 12 and clang++ 19).
lean="-DCTBPF_BUILD_BENCH=OFF -DCTBPF_SLOW_TESTS=OFF -DCTBPF_LIMIT_TESTS=OFF -DCTBPF_ORACLE_TESTS=OFF"
lean_targets="ctbpf_static_tests ctbpf_unit_tests ctbpf_portable_static ctbpf_headers_alone ctbpf_compile_fail_twins ctbpf_compile_fail_template_twins"
# Optimisation: no configuration but the sanitizer build keeps -g (a fifth of the compile time;
# the sanitizers' stack traces need it); gcc12 and clang19 build -O2 (the benchmarks, the native
# path as optimised, the -O2 warnings), the lean ones -O1 (the tests' compile time is mostly the
# optimiser's and the constant evaluator's; -O2 and -g double it). The native path is tested on
# 80 random programs in gcc12 and 50 in each clang++ 19 build, each build with its own seed.
# clang19 builds and runs what tests the compiler at compile time and the native path; the run-time
# unit and oracle tests run on clang++ 19 in the sanitizer build.
o1="-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1"
o2="-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2"
native50="-DCTBPF_NATIVE_PROGRAM_COUNT=50"
# name @ compiler @ flags @ targets ("all" or a list) @ ctest filter @ extra cmake options
configs=(
  "gcc12@g++-12@@all@@$parts $o2"
  "clang19@clang++-19@@all@@$parts -DCTBPF_SLOW_TESTS=OFF -DCTBPF_BUILD_BENCH=OFF -DCTBPF_RUNTIME_TESTS=OFF -DCTBPF_ORACLE_TESTS=OFF $o2 $native50 -DCTBPF_NATIVE_SEED=20261128"
  "gcc12-noexcept-nortti@g++-12@-fno-exceptions -fno-rtti@$lean_targets@^(static|unit|compile_fail\\.[^tp])@$parts $lean $o1"
  "clang14@clang++-14@@$lean_targets@^(static|unit|compile_fail\\.[^tp])@$parts $lean $o1"
  "clang19-asan-ubsan@clang++-19@-g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer@ctbpf_unit_tests ctbpf_native_tests ctbpf_oracle_tests@^(unit|native|oracle\\.all)@$parts -DCTBPF_SLOW_TESTS=OFF -DCTBPF_LIMIT_TESTS=OFF $o1 $native50 -DCTBPF_NATIVE_SEED=20261129"
  "clang19-fuzz@clang++-19@@all@@-DCTBPF_BUILD_TESTS=OFF -DCTBPF_BUILD_EXAMPLES=OFF -DCTBPF_BUILD_BENCH=OFF -DCTBPF_BUILD_TOOLS=OFF -DCTBPF_BUILD_FUZZERS=ON -DCTBPF_FUZZ_SECONDS=${CTBPF_FUZZ_SECONDS:-30}"
)
only=${CTBPF_CONFIGS:-}
start=$SECONDS
for entry in "${configs[@]}"; do
  IFS='@' read -r name cxx flags targets filter extra <<<"$entry"
  if [ -n "$only" ] && [[ " $only " != *" $name "* ]]; then continue; fi
  echo "=== $name: $cxx $flags"
  config_start=$SECONDS
  dir=$build/$name
  # shellcheck disable=SC2086  # $extra holds several options
  cmake -S "$root" -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER="$cxx" \
        -DCMAKE_CXX_FLAGS="$flags" -DCTBPF_WERROR=ON $extra >/dev/null
  if [ "$targets" = all ]; then
    cmake --build "$dir" -j "$jobs"
  else
    cmake --build "$dir" -j "$jobs" --target $targets
  fi
  if [ -n "$filter" ]; then
    (cd "$dir" && ctest --output-on-failure --no-tests=error -j "$jobs" -R "$filter")
  else
    (cd "$dir" && ctest --output-on-failure --no-tests=error -j "$jobs")
  fi
  echo "=== $name passed in $((SECONDS - config_start)) s"
done
echo "=== all configurations passed in $((SECONDS - start)) s"
