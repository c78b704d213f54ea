#!/usr/bin/env python3
"""Markdown table of ctbpf_filters_bench's JSON output (--benchmark_format=json or
--benchmark_out): ns per packet per engine and filter (medians when repetitions were run), the
ratios to the hand-written predicate and to libpcap, and geometric means over the filters.

    scripts/bench-table.py bench.json
"""
import json
import math
import sys

def main(path):
    with open(path) as f:
        data = json.load(f)
    times = {}  # (filter, engine) -> ns
    order = []
    engines = []  # in the benchmark's order
    for b in data["benchmarks"]:
        if b.get("run_type") == "aggregate" and b.get("aggregate_name") != "median":
            continue
        name = b.get("run_name", b["name"])
        filt, engine = name.split("/", 1)
        if b.get("time_unit", "ns") != "ns":
            sys.exit(f"{name}: expected ns, got {b['time_unit']}")
        times[(filt, engine)] = b["cpu_time"]
        if filt not in order:
            order.append(filt)
        if engine not in engines:
            engines.append(engine)
    ENGINES = engines

    def cell(filt, engine):
        t = times[(filt, engine)]
        hand = times[(filt, "hand_written")]
        pcap = times[(filt, "libpcap_bpf_filter")]
        return f"{t:.2f} ({t / hand:.2f}× hand, {t / pcap:.2f}× libpcap)"

    print("| filter | " + " | ".join(ENGINES) + " |")
    print("|---" * (len(ENGINES) + 1) + "|")
    for filt in order:
        print(f"| {filt} | " + " | ".join(cell(filt, e) for e in ENGINES) + " |")

    def geomean(engine, base):
        logs = [math.log(times[(f, engine)] / times[(f, base)]) for f in order]
        return math.exp(sum(logs) / len(logs))

    print()
    print("| engine | geomean vs hand-written | geomean vs libpcap | worst vs libpcap |")
    print("|---|---|---|---|")
    for e in ENGINES:
        worst = max(order, key=lambda f: times[(f, e)] / times[(f, "libpcap_bpf_filter")])
        ratio = times[(worst, e)] / times[(worst, "libpcap_bpf_filter")]
        print(f"| {e} | {geomean(e, 'hand_written'):.2f}× | {geomean(e, 'libpcap_bpf_filter'):.2f}× | "
              f"{ratio:.2f}× ({worst}) |")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
