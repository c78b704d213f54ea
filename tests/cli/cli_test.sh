#!/usr/bin/env bash
# Tests of the ctbpf tool: every subcommand and exit code, and `run` on a real capture written
# by tcpdump -w in a private network namespace (as root), compared with tcpdump -r.
# usage: cli_test.sh PATH/TO/ctbpf
set -euo pipefail
ctbpf=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
passes=0
check() {  # check NAME COMMAND... : the command must succeed
  local name=$1; shift
  if "$@"; then passes=$((passes + 1)); else echo "FAIL: $name"; failures=$((failures + 1)); fi
}
status_is() {  # status_is EXPECTED COMMAND...
  local expected=$1; shift
  local status=0
  "$@" >"$work/out" 2>"$work/err" || status=$?
  [ "$status" = "$expected" ] || { echo "  exit $status, expected $expected: $*"; cat "$work/err"; return 1; }
}

cat >"$work/arp.bpf" <<'SRC'
; ARP only
  ldh [12]
  jeq #0x806, ok, drop
ok:   ret #4096
drop: ret #0
SRC

# asm: every output format; the raw image is 4 records of 8 bytes
check "asm -dd" bash -c "'$ctbpf' asm '$work/arp.bpf' | grep -q '{ 0x15, 0, 1, 0x00000806 },'"
check "asm --ddd" bash -c "'$ctbpf' asm '$work/arp.bpf' --ddd | head -1 | grep -qx 4"
check "asm --bytecode" bash -c "'$ctbpf' asm '$work/arp.bpf' --bytecode | grep -qx '4,40 0 0 12,21 0 1 2054,6 0 0 4096,6 0 0 0'"
check "asm --c" bash -c "'$ctbpf' asm '$work/arp.bpf' --c | grep -q 'struct sock_fprog'"
"$ctbpf" asm "$work/arp.bpf" --raw >"$work/arp.raw"
check "asm --raw size" test "$(stat -c %s "$work/arp.raw")" = 32
# disasm: default is exactly tcpdump -d; raw and stdin inputs; bpf_asm back to the same image
tcpdump -y EN10MB -d arp 2>/dev/null >"$work/tcpdump-d.txt"
tcpdump -y EN10MB -dd arp 2>/dev/null >"$work/arp.dd"
check "disasm = tcpdump -d" bash -c "'$ctbpf' disasm '$work/arp.dd' | diff -q - '$work/tcpdump-d.txt'"
check "disasm raw" bash -c "'$ctbpf' disasm '$work/arp.raw' | grep -q 'ret      #4096'"
check "disasm stdin" bash -c "'$ctbpf' disasm - < '$work/arp.dd' | diff -q - '$work/tcpdump-d.txt'"
"$ctbpf" disasm "$work/arp.dd" --asm >"$work/back.bpf"
check "disasm --asm round trip" bash -c "'$ctbpf' asm '$work/back.bpf' | diff -q - '$work/arp.dd'"
# verify: accepted, rejected with rule, index and line:column, seccomp profile
check "verify ok" status_is 0 "$ctbpf" verify "$work/arp.bpf"
printf 'ld #1\n  div #0\n  ret a\n' >"$work/bad.bpf"
check "verify rejects" status_is 1 "$ctbpf" verify "$work/bad.bpf"
check "verify message" grep -q "bad.bpf:2:3: rejected: instruction 1: division or modulo by constant zero" "$work/err"
printf 'ld [0]\n mod #3\n ret a\n' >"$work/seccomp.bpf"
check "verify socket ok" status_is 0 "$ctbpf" verify "$work/seccomp.bpf"
check "verify --seccomp rejects mod" status_is 1 "$ctbpf" verify "$work/seccomp.bpf" --seccomp
# syntax errors: line and column, exit 1
printf 'ldh [12]\n  jump ok\n' >"$work/syntax.bpf"
check "syntax error" status_is 1 "$ctbpf" asm "$work/syntax.bpf"
check "syntax error position" grep -q "syntax.bpf:2:3: unknown instruction" "$work/err"
printf 'ld #1\nld #2\nldb [23\nret a\n' >"$work/bracket.bpf"
check "syntax error: what was expected" status_is 1 "$ctbpf" verify "$work/bracket.bpf"
check "syntax error: where it was expected" grep -q 'bracket.bpf:3:8: expected `]`' "$work/err"
# never truncated: 4097 instructions are an error naming where the 4097th starts
for i in $(seq 4097); do echo 'ret #0'; done >"$work/long.bpf"
check "4097 instructions rejected" status_is 1 "$ctbpf" verify "$work/long.bpf"
check "4097 instructions message" grep -q "long.bpf:4097:1: more than 4096 instructions" "$work/err"
head -n 4096 "$work/long.bpf" >"$work/longest.bpf"
check "4096 instructions accepted" status_is 0 "$ctbpf" verify "$work/longest.bpf"
# usage and I/O errors: exit 2
check "usage" status_is 2 "$ctbpf" frobnicate "$work/arp.bpf"
check "missing file" status_is 1 "$ctbpf" verify "$work/nope.bpf"
check "missing capture" status_is 2 "$ctbpf" run "$work/arp.bpf" "$work/nope.pcap"
# run --seccomp on seccomp_data from the command line
printf 'ld [0]\njeq #39, allow\nret #0x50001\nallow: ret #0x7fff0000\n' >"$work/getpid.bpf"
check "run --seccomp allow" bash -c "'$ctbpf' run '$work/getpid.bpf' --seccomp nr=39 | grep -q '(ALLOW)'"
check "run --seccomp errno" bash -c "'$ctbpf' run '$work/getpid.bpf' --seccomp nr=2 args=1,2 | grep -q '(ERRNO 1)'"
# dot
check "dot" bash -c "'$ctbpf' dot '$work/arp.bpf' | grep -q 'label=\"true\"'"

# run on a real capture: tcpdump -w on loopback in a private network namespace
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null && command -v ip >/dev/null; then
  cat >"$work/capture.sh" <<'CAP'
set -e
ip link set lo up
tcpdump -i lo -w "$1/capture.pcap" -U 2>/dev/null &
pid=$!
sleep 1
for i in $(seq 1 12); do echo "hello $i" >/dev/udp/127.0.0.1/$((9000 + i)) || true; done
for i in $(seq 1 5); do (echo x >/dev/tcp/127.0.0.1/$((7000 + i))) 2>/dev/null || true; done
sleep 1
kill $pid
wait $pid 2>/dev/null || true
CAP
  unshare -n bash "$work/capture.sh" "$work"
  for expr in 'udp' 'tcp' 'udp and dst port 9005' 'ip and not udp'; do
    tcpdump -y EN10MB -dd "$expr" 2>/dev/null >"$work/filter.dd"
    expected=$(tcpdump -r "$work/capture.pcap" -n "$expr" 2>/dev/null | wc -l)
    total=$(tcpdump -r "$work/capture.pcap" -n 2>/dev/null | wc -l)
    line=$("$ctbpf" run "$work/filter.dd" "$work/capture.pcap" --quiet)
    check "run '$expr' on a tcpdump capture ($line; tcpdump -r: $expected of $total)" \
      test "$line" = "$total packets: $expected accepted, $((total - expected)) dropped"
  done
  check "capture has packets" test "$(tcpdump -r "$work/capture.pcap" -n 2>/dev/null | wc -l)" -ge 12
elif [ "${CTBPF_REQUIRE_KERNEL:-0}" = 1 ]; then
  echo "FAIL: capture test needs root, unshare and ip"; failures=$((failures + 1))
fi

echo "$passes passed, $failures failed"
[ "$failures" = 0 ]
