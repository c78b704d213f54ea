#!/usr/bin/env bash
# Installs, on Debian 12 as root, the packages the demo (`demo`) or the test suite (`test`)
# needs; does nothing when they are all present already.
set -euo pipefail
case "${1:-test}" in
  demo) packages=(g++ cmake make libboost-dev libpcap-dev) ;;
  test) packages=(g++ clang-19 clang-14 libclang-rt-19-dev cmake make git libgtest-dev libbenchmark-dev libpcap-dev libseccomp-dev libcli11-dev tcpdump libboost-dev netsniff-ng iproute2 pkg-config python3 gcc-arm-none-eabi libstdc++-arm-none-eabi-newlib libnewlib-arm-none-eabi clang-format) ;;
  *) echo "usage: $0 [demo|test]" >&2; exit 2 ;;
esac
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "missing packages: ${missing[*]} (run as root, or install them)" >&2
  exit 1
fi
echo "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
