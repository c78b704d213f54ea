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
"$ctbpf" asm "$work/arp.bpf" --binary >"$work/arp.raw"
check "asm --binary size" test "$(stat -c %s "$work/arp.raw")" = 32
# disasm: default is exactly tcpdump -d; raw and stdin inputs; bpf_asm back to the same image
tcpdump -y EN10MB -d arp 2>/dev/null >"$work/tcpdump-d.txt"
tcpdump -y EN10MB -dd arp 2>/dev/null >"$work/arp.dd"
check "disasm = tcpdump -d" bash -c "'$ctbpf' disasm '$work/arp.dd' | diff -q - '$work/tcpdump-d.txt'"
check "disasm raw" bash -c "'$ctbpf' disasm '$work/arp.raw' | grep -q 'ret      #4096'"
check "disasm --from raw" bash -c "'$ctbpf' disasm --from raw - < '$work/arp.raw' | grep -q 'ret      #4096'"
check "disasm --binary round trip" bash -c "'$ctbpf' disasm '$work/arp.raw' --binary | cmp -s - '$work/arp.raw'"
check "--from dd on a raw image" status_is 1 "$ctbpf" disasm --from dd "$work/arp.raw"
check "disasm stdin" bash -c "'$ctbpf' disasm - < '$work/arp.dd' | diff -q - '$work/tcpdump-d.txt'"
"$ctbpf" disasm "$work/arp.dd" --asm >"$work/back.bpf"
check "disasm --asm round trip" bash -c "'$ctbpf' asm '$work/back.bpf' | diff -q - '$work/arp.dd'"
# verify: accepted, rejected with rule, index and line:column, seccomp profile
check "verify ok" status_is 0 "$ctbpf" verify "$work/arp.bpf"
printf 'ld #1\n  div #0\n  ret a\n' >"$work/bad.bpf"
check "verify rejects" status_is 1 "$ctbpf" verify "$work/bad.bpf"
check "verify message" grep -qx "$work/bad.bpf:2:3: rejected: instruction 1: division or modulo by constant zero" "$work/err"
printf 'ld [0]\n mod #3\n ret a\n' >"$work/seccomp.bpf"
check "verify socket ok" status_is 0 "$ctbpf" verify "$work/seccomp.bpf"
check "verify --seccomp rejects mod" status_is 1 "$ctbpf" verify "$work/seccomp.bpf" --seccomp
# optimize: libpcap's unoptimized program gets no longer, keeps its verdicts (the campaign
# checks that); analyze: the verdicts, paths, snap length
tcpdump -y EN10MB -O -dd 'ip and tcp' 2>/dev/null >"$work/unopt.dd"
check "optimize" status_is 0 "$ctbpf" optimize "$work/unopt.dd"
check "optimize shrinks" bash -c "[ \$('$ctbpf' optimize '$work/unopt.dd' --d 2>/dev/null | wc -l) -le \$(grep -c '{' '$work/unopt.dd') ]"
check "optimize says sizes" grep -q "instructions" "$work/err"
check "optimize rejects" status_is 1 "$ctbpf" optimize "$work/bad.bpf"
check "analyze" status_is 0 "$ctbpf" analyze "$work/arp.bpf"
check "analyze returns" grep -qx "returns: 0x0 0x1000 (0 when the run ends early)" "$work/out"
check "analyze paths" grep -qx "paths: 3 to 3 instructions" "$work/out"
check "analyze snap length" grep -qx "snap length: 14 bytes" "$work/out"
check "analyze ends early" grep -qx "ends early: a packet load past the end" "$work/out"
printf 'ld [0]\n jeq #0, allow, kill\nallow: ret #0x7fff0000\nkill: ret #0\n' >"$work/allow-read.bpf"
check "analyze seccomp" status_is 0 "$ctbpf" analyze --seccomp "$work/allow-read.bpf"
check "analyze seccomp never ends early" grep -qx "ends early: never" "$work/out"
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
# usage and I/O errors: exit 2, with the reason on standard error
usage_is() {  # usage_is REASON COMMAND... : exit 2 and REASON (a fixed string) on standard error
  local reason=$1; shift
  status_is 2 "$@" && grep -qF -- "$reason" "$work/err" || { echo "  stderr was:"; cat "$work/err"; return 1; }
}
check "unknown command" usage_is "unknown command \`frobnicate\`" "$ctbpf" frobnicate "$work/arp.bpf"
check "no command" usage_is "A subcommand is required" "$ctbpf"
check "unknown flag" usage_is "not expected: --bogus" "$ctbpf" asm "$work/arp.bpf" --bogus
check "two output formats" usage_is "excludes" "$ctbpf" asm "$work/arp.bpf" --dd --c
check "unknown input format" usage_is "xyz not in" "$ctbpf" verify --from xyz "$work/arp.bpf"
check "missing FILE" usage_is "FILE is required" "$ctbpf" verify
check "missing file" usage_is "nope.bpf: cannot read: No such file or directory" "$ctbpf" verify "$work/nope.bpf"
check "directory as FILE" usage_is "cannot read: is a directory" "$ctbpf" verify "$work"
check "missing capture" usage_is "nope.pcap: No such file" "$ctbpf" run "$work/arp.bpf" "$work/nope.pcap"
check "missing capture: its path once" test "$(grep -o nope.pcap "$work/err" | wc -l)" = 1
check "run without a capture" usage_is "which capture?" "$ctbpf" run "$work/arp.bpf"
check "run with two captures" usage_is "one capture file at a time" "$ctbpf" run "$work/arp.bpf" a.pcap b.pcap
check "nr= without --seccomp" usage_is "add --seccomp" "$ctbpf" run "$work/arp.bpf" nr=1
printf 'ld [0]\njeq #39, allow\nret #0x50001\nallow: ret #0x7fff0000\n' >"$work/getpid.bpf"
check "nr out of range" usage_is "nr=99999999999: out of range" "$ctbpf" run "$work/getpid.bpf" --seccomp nr=99999999999
check "nr not a number" usage_is "nr=abc: not a number" "$ctbpf" run "$work/getpid.bpf" --seccomp nr=abc
check "nr empty" usage_is "nr=: no value" "$ctbpf" run "$work/getpid.bpf" --seccomp nr=
check "nr missing" usage_is "give nr=N" "$ctbpf" run "$work/getpid.bpf" --seccomp arch=i386
check "nr twice" usage_is "nr is given twice" "$ctbpf" run "$work/getpid.bpf" --seccomp nr=1 nr=2
check "seven args" usage_is "at most 6 values" "$ctbpf" run "$work/getpid.bpf" --seccomp nr=1 args=1,2,3,4,5,6,7
check "arg out of range" usage_is "out of range: args is 64 bits" "$ctbpf" run "$work/getpid.bpf" --seccomp nr=1 args=18446744073709551616
check "unknown key" usage_is "unknown key \`foo\`" "$ctbpf" run "$work/getpid.bpf" --seccomp nr=1 foo=2
check "not KEY=VALUE" usage_is "expected KEY=VALUE" "$ctbpf" run "$work/getpid.bpf" --seccomp 39
check "unknown arch" usage_is "arch=sparc: unknown architecture" "$ctbpf" run "$work/getpid.bpf" --seccomp nr=1 arch=sparc
# help: per command, exit 0, on standard output
check "--help" bash -c "'$ctbpf' --help | grep -q 'Exit status'"
for command in asm disasm verify run dot; do
  check "$command --help" bash -c "'$ctbpf' $command --help | grep -q 'Usage: ctbpf $command'"
done
# run --seccomp on seccomp_data from the command line: architectures by name or number
check "run --seccomp allow" bash -c "'$ctbpf' run '$work/getpid.bpf' --seccomp nr=39 | grep -q '(ALLOW)'"
check "run --seccomp errno" bash -c "'$ctbpf' run '$work/getpid.bpf' --seccomp nr=2 args=1,2 | grep -q '(ERRNO 1)'"
check "run --seccomp hexadecimal" bash -c "'$ctbpf' run '$work/getpid.bpf' --seccomp nr=0x27 | grep -q '(ALLOW)'"
check "nr=-1 is 0xffffffff" bash -c "'$ctbpf' run '$work/getpid.bpf' --seccomp nr=-1 | grep -q 'nr -1 arch'"
for arch in x86_64:0xc000003e i386:0x40000003 aarch64:0xc00000b7 arm:0x40000028 riscv64:0xc00000f3 0x40000003:0x40000003; do
  check "arch=${arch%%:*}" bash -c "'$ctbpf' run '$work/getpid.bpf' --seccomp nr=39 arch=${arch%%:*} | grep -q 'arch ${arch#*:}'"
done
# --exit-code: 1 when the filter says no
check "--exit-code allow" status_is 0 "$ctbpf" run "$work/getpid.bpf" --seccomp nr=39 --exit-code
check "--exit-code errno" status_is 1 "$ctbpf" run "$work/getpid.bpf" --seccomp nr=2 --exit-code
check "without --exit-code" status_is 0 "$ctbpf" run "$work/getpid.bpf" --seccomp nr=2
# dot
check "dot" bash -c "'$ctbpf' dot '$work/arp.bpf' | grep -q 'label=\"true\"'"

# run on a real capture: tcpdump -w on loopback in a private network namespace
# seccomp-table: ranges of numbers, fixed actions, the action cache, argument rules, other arches
cat >"$work/policy.bpf" <<'SRC'
  ld [4]
  jeq #0xc000003e, good, kill
good: ld [0]
  jeq #0, allow
  jeq #41, socket
  jeq #59, kill
  ret #0x50001
socket: ld [16]
  jeq #2, allow
  ret #0x50001
allow: ret #0x7fff0000
kill: ret #0x80000000
SRC
check "seccomp-table" status_is 0 "$ctbpf" seccomp-table "$work/policy.bpf" --count 64
check "seccomp-table: allowed and cached" grep -qx "0           ALLOW  (action cache: allowed without running the filter)" "$work/out"
check "seccomp-table: a range" grep -qx "1-40        ERRNO 1" "$work/out"
check "seccomp-table: arguments" grep -qx "41          depends on the arguments" "$work/out"
check "seccomp-table: kill" grep -qx "59          KILL_PROCESS" "$work/out"
check "seccomp-table: the last range" grep -qx "60-63       ERRNO 1" "$work/out"
check "seccomp-table --arch i386" status_is 0 "$ctbpf" seccomp-table "$work/policy.bpf" --arch i386 --count 3
check "seccomp-table: a foreign arch" grep -qx "0-2         KILL_PROCESS" "$work/out"
check "seccomp-table: unknown arch" usage_is "arch=foo: unknown architecture" "$ctbpf" seccomp-table "$work/policy.bpf" --arch foo
check "seccomp-table: not seccomp" status_is 1 "$ctbpf" seccomp-table "$work/seccomp.bpf"
# compile: a tcpdump expression; --no-optimize prints libpcap's unoptimized program exactly
check "compile = tcpdump -O -d" bash -c "'$ctbpf' compile 'tcp port 80' --no-optimize | diff -q - <(tcpdump -y EN10MB -O -d 'tcp port 80' 2>/dev/null)"
check "compile --dd" bash -c "'$ctbpf' compile 'arp' --dd | grep -q '{ 0x15, 0, 1, 0x00000806 },'"
check "compile optimizes" bash -c "test \$('$ctbpf' compile 'tcp port 80' | wc -l) -lt 22"
check "compile error" status_is 1 "$ctbpf" compile "tcp port"
check "compile error: column and message" grep -q "column 9: expected a port number or a service name" "$work/err"
check "compile: a host name needs the system" status_is 1 "$ctbpf" compile "host www.example.com"
check "compile: ip broadcast needs the netmask" status_is 1 "$ctbpf" compile "ip broadcast"
# tcpdump -d without an interface compiles with the netmask 0
check "compile --netmask = tcpdump -O -d" bash -c "'$ctbpf' compile 'ip broadcast' --netmask 0.0.0.0 --no-optimize | diff -q - <(tcpdump -y EN10MB -O -d 'ip broadcast' 2>/dev/null)"
check "compile --netmask: a malformed mask" usage_is "--netmask: an IPv4 mask" "$ctbpf" compile "ip broadcast" --netmask 300.1.1.1
for link in raw:RAW sll:LINUX_SLL sll2:LINUX_SLL2 ethernet:EN10MB; do
  for expr in 'tcp port 80' 'vlan 100 and udp' 'pppoes and ip host 10.0.0.1' 'mpls and ip6' 'stp' 'ipx' 'atalk' \
              'llc s' 'isis' 'ether proto 6' 'vlan and ipx' 'pppoes and iso' 'l1' 'decnet src 1.2'; do
    theirs=$(tcpdump -y "${link#*:}" -O -d "$expr" 2>/dev/null) || theirs="refused"
    ours=$("$ctbpf" compile --link "${link%:*}" --no-optimize "$expr" 2>/dev/null) || ours="refused"
    if [ "$theirs" != refused ] && [ "${link%:*}" = raw ]; then ours=$theirs; fi  # raw: arranged otherwise, tested in the oracle
    check "compile --link ${link%:*} '$expr' = tcpdump -y ${link#*:} -O -d (or both refuse)" test "$ours" = "$theirs"
  done
done
check "compile --link: an unknown link type" usage_is "--link: ethernet, raw, sll or sll2" "$ctbpf" compile ip --link foo
check "compile --link raw: no link-layer address" status_is 1 "$ctbpf" compile --link raw "ether host 1:2:3:4:5:6"
check "compile --link raw: says why" grep -q "not available on this link type" "$work/err"
check "run --expr and --seccomp" usage_is "no --seccomp" "$ctbpf" run --expr tcp --seccomp x.pcap
check "run --expr and two files" usage_is "give the capture only" "$ctbpf" run --expr tcp a.pcap b.pcap
check "run --expr: a missing capture" usage_is "nope.pcap: No such file" "$ctbpf" run --expr tcp "$work/nope.pcap"
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null && command -v ip >/dev/null; then
  cat >"$work/capture.sh" <<'CAP'
set -e
ip link set lo up
tcpdump -i lo -w "$1/capture.pcap" -U 2>/dev/null &
pid=$!
tcpdump -i any -w "$1/any.pcap" -U 2>/dev/null &
any=$!
sleep 1
for i in $(seq 1 12); do echo "hello $i" >/dev/udp/127.0.0.1/$((9000 + i)) || true; done
for i in $(seq 1 5); do (echo x >/dev/tcp/127.0.0.1/$((7000 + i))) 2>/dev/null || true; done
sleep 1
kill $pid $any
wait $pid $any 2>/dev/null || true
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
  for expr in 'udp' 'tcp and dst portrange 7001-7003' 'udp and dst port 9005' 'ip and not udp' 'arp or icmp or len > 100'; do
    expected=$(tcpdump -r "$work/capture.pcap" -n "$expr" 2>/dev/null | wc -l)
    total=$(tcpdump -r "$work/capture.pcap" -n 2>/dev/null | wc -l)
    line=$("$ctbpf" run --expr "$expr" "$work/capture.pcap" --quiet)
    check "run --expr '$expr' on a tcpdump capture ($line; tcpdump -r: $expected of $total)" \
      test "$line" = "$total packets: $expected accepted, $((total - expected)) dropped"
    expected=$(tcpdump -r "$work/any.pcap" -n "$expr" 2>/dev/null | wc -l)
    total=$(tcpdump -r "$work/any.pcap" -n 2>/dev/null | wc -l)
    line=$("$ctbpf" run --expr "$expr" "$work/any.pcap" --quiet)
    check "run --expr '$expr' on a Linux cooked capture ($line; tcpdump -r: $expected of $total)" \
      test "$line" = "$total packets: $expected accepted, $((total - expected)) dropped"
  done
  check "run --expr: an error" status_is 1 "$ctbpf" run --expr "tcp port" "$work/capture.pcap"
  check "run --expr: an error, its column" grep -q "column 9" "$work/err"
  echo 'ret #0' >"$work/none.bpf"
  check "run --exit-code, nothing accepted" status_is 1 "$ctbpf" run "$work/none.bpf" "$work/capture.pcap" --quiet --exit-code
  echo 'ret #-1' >"$work/all.bpf"
  check "run --exit-code, something accepted" status_is 0 "$ctbpf" run "$work/all.bpf" "$work/capture.pcap" --quiet --exit-code
  check "capture has packets" test "$(tcpdump -r "$work/capture.pcap" -n 2>/dev/null | wc -l)" -ge 12
elif [ "${CTBPF_REQUIRE_KERNEL:-0}" = 1 ]; then
  echo "FAIL: capture test needs root, unshare and ip"; failures=$((failures + 1))
fi

echo "$passes passed, $failures failed"
[ "$failures" = 0 ]
