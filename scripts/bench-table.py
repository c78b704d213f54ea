#!/usr/bin/env python3
"""Markdown table of ctbpf_filters_bench's JSON output (--benchmark_format=json or
--benchmark_out): ns per packet per engine and filter (medians when repetitions were run), the
ratios to the hand-written predicate and to libpcap, and geometric means over the filters.
With --targets: one table of the run-time comparisons (the interpreters against libpcap's
bpf_filter, native code against the hand-written predicate), geomean and worst filter.

    scripts/bench-table.py [--targets] bench.json
"""
import json
import math
import sys

def main(path, targets=False):
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

    if targets:
        return print_targets(times, order)
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


def print_targets(times, order):
    pcap, hand = "libpcap_bpf_filter", "hand_written"
    columns = [("ctbpf_run_verified_libpcap_image", pcap, "verified (libpcap image) / libpcap"),
               ("ctbpf_run_decoded_libpcap_image", pcap, "decoded (libpcap image) / libpcap"),
               ("ctbpf_run_decoded_dsl_image", pcap, "decoded (language image) / libpcap"),
               ("ctbpf_native_dsl_image", hand, "native (language image) / hand"),
               ("ctbpf_native_libpcap_image", hand, "native (libpcap image) / hand")]
    # the engines the run measured (a --benchmark_filter may leave some out)
    columns = [col for col in columns if all((f, col[0]) in times for f in order)]
    ratios = {c: [times[(f, c)] / times[(f, base)] for f in order] for c, base, _ in columns}
    print("| filter | libpcap ns | hand-written ns | " + " | ".join(title for _, _, title in columns) + " |")
    print("|---" * (len(columns) + 3) + "|")
    for i, f in enumerate(order):
        cells = [f"{ratios[c][i]:.2f}×" for c, _, _ in columns]
        print(f"| {f} | {times[(f, pcap)]:.2f} | {times[(f, hand)]:.2f} | " + " | ".join(cells) + " |")
    means = [math.exp(sum(map(math.log, ratios[c])) / len(order)) for c, _, _ in columns]
    print("| geometric mean | | | " + " | ".join(f"**{m:.2f}×**" for m in means) + " |")
    worst = [max(range(len(order)), key=lambda i, c=c: ratios[c][i]) for c, _, _ in columns]
    print("| worst | | | " + " | ".join(f"{ratios[c][i]:.2f}× ({order[i]})"
                                          for (c, _, _), i in zip(columns, worst)) + " |")


if __name__ == "__main__":
    args = sys.argv[1:]
    targets = "--targets" in args
    args = [a for a in args if a != "--targets"]
    if len(args) != 1:
        sys.exit(__doc__)
    main(args[0], targets)
