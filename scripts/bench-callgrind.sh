#!/bin/sh
# Instructions per packet (callgrind, noise-free) for every filter and engine of
# ctbpf_filters_bench: each engine runs once over the 100,000-frame corpus with collection
# on only inside count_pass(). Prints a markdown table.
#   scripts/bench-callgrind.sh [path/to/ctbpf_filters_bench]
set -eu
bench=${1:-build/gcc12/bench/ctbpf_filters_bench}
frames=100000
engines="hand_written libpcap_bpf_filter ctbpf_run_libpcap_image ctbpf_run_dsl_image"
filters="arp ip tcp_dst_port_80 udp_and_port_53 ip_host_and_tcp vlan_tcp_443 ip6_syn_raw syn_without_ack net_udp_range_or_icmp tcp_ports_1_to_50"
out=$(mktemp)
trap 'rm -f "$out"' EXIT
printf '| filter |'; for e in $engines; do printf ' %s |' "$e"; done; printf ' ctbpf_run_libpcap_image / libpcap |\n'
printf '|---|---|---|---|---|---|\n'
for f in $filters; do
  printf '| %s |' "$f"
  pcap=0; ours=0
  for e in $engines; do
    n=$(valgrind --tool=callgrind --callgrind-out-file="$out" --toggle-collect='*count_pass*' \
          "$bench" --count="$f/$e" 2>&1 | sed -n 's/.*Collected : \([0-9]*\).*/\1/p')
    per=$(awk -v n="$n" -v f="$frames" 'BEGIN { printf "%.1f", n / f }')
    [ "$e" = libpcap_bpf_filter ] && pcap=$per
    [ "$e" = ctbpf_run_libpcap_image ] && ours=$per
    printf ' %s |' "$per"
  done
  awk -v a="$ours" -v b="$pcap" 'BEGIN { printf " %.2f× |\n", a / b }'
done
