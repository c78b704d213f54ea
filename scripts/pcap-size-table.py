#!/usr/bin/env python3
"""The size tables of docs/pcap-filter.md, from the output of the pcap-filter oracle test:
    build/tests/ctbpf_oracle_tests --gtest_filter='PcapFilter.*' | scripts/pcap-size-table.py
Prints, per link type, the summary (smaller/equal/larger, geometric means over all expressions and
over those where libpcap -O is exact on the corpus) and the rows where ctbpf is larger; with
--all, every row of the Ethernet table too."""
import math
import re
import sys

link = "Ethernet"
rows = {}     # link -> [(expression, ours, theirs)]
larger = {}   # link -> {expression: capture on which libpcap -O is inexact, or ""}
pending = {}
for line in sys.stdin:
    m = re.match(r"larger than libpcap -O \((\d+) vs (\d+)\), whose verdict differs from its unoptimized "
                 r"program's: (.*): (.*)$", line.rstrip("\n"))
    if m:
        pending[m.group(3)] = m.group(4)
        continue
    m = re.match(r"size \| `(.*)` \| (\d+) \| (\d+) \|$", line.rstrip("\n"))
    if m:
        rows.setdefault(link, []).append((m.group(1), int(m.group(2)), int(m.group(3))))
        continue
    m = re.match(r"(Ethernet|raw IP|SLL|SLL2): \d+ expressions", line)
    if m:
        larger[m.group(1)] = pending
        pending = {}
        # rows printed before the summary belong to it
        if link != m.group(1):
            rows[m.group(1)] = rows.pop(link, [])
        link = {"Ethernet": "raw IP", "raw IP": "SLL", "SLL": "SLL2", "SLL2": "-"}[m.group(1)]

for name, table in rows.items():
    if not table:
        continue
    big = larger.get(name, {})
    exact = [(e, o, t) for e, o, t in table if big.get(e, "") == "" or e not in big]
    gm = math.exp(sum(math.log(o / t) for _, o, t in table) / len(table))
    gm_exact = math.exp(sum(math.log(o / t) for _, o, t in exact) / len(exact))
    smaller = sum(o < t for _, o, t in table)
    equal = sum(o == t for _, o, t in table)
    print(f"**{name}**: {len(table)} expressions compiled by libpcap -O; ctbpf smaller on {smaller}, "
          f"equal on {equal}, larger on {len(table) - smaller - equal} "
          f"({sum(1 for v in big.values() if v)} of them where libpcap -O is not exact). "
          f"Geometric mean ctbpf / libpcap -O: {gm:.3f}; {gm_exact:.3f} where libpcap -O is exact on the corpus.\n")
    if big:
        print("| expression | ctbpf | libpcap -O | capture on which libpcap -O differs from libpcap -O0 |")
        print("|---|---|---|---|")
        for e, o, t in table:
            if e in big:
                print(f"| `{e}` | {o} | {t} | {big[e] or '(none in the corpus)'} |")
        print()
if "--all" in sys.argv:
    print("| expression | ctbpf | libpcap -O |\n|---|---|---|")
    for e, o, t in rows.get("Ethernet", []):
        print(f"| `{e}` | {o} | {t} |")
