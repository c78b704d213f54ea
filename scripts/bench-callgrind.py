#!/usr/bin/env python3
"""Instructions per packet (callgrind, noise-free) for every filter and engine of
ctbpf_filters_bench, and host instructions per executed BPF instruction for the interpreters.
Each engine runs once over the 100,000-frame corpus with collection on only inside count_pass();
"harness" is that loop with an engine that does nothing, subtracted for the per-instruction figures
(the BPF instructions executed per frame come from `ctbpf_filters_bench --executed`).

    scripts/bench-callgrind.py [path/to/ctbpf_filters_bench]

With --ratios, the engines of the decoded-interpreter and native-code comparison (docs/benchmarks.md) on one
or more builds, their ratios (the interpreters against libpcap's bpf_filter, the native path
against the hand-written predicate, the harness subtracted from both sides), two valgrinds at a
time:

    scripts/bench-callgrind.py --ratios "g++ 12=build/gcc12/bench/ctbpf_filters_bench" \
                                        "clang++ 19=/tmp/bc/bench/ctbpf_filters_bench"
"""
import math
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

FRAMES = 100000
FILTERS = ["arp", "ip", "tcp_dst_port_80", "udp_and_port_53", "ip_host_and_tcp", "vlan_tcp_443", "ip6_syn_raw",
           "syn_without_ack", "net_udp_range_or_icmp", "tcp_ports_1_to_50"]
ENGINES = ["harness", "hand_written", "libpcap_bpf_filter", "ctbpf_run_libpcap_image",
           "ctbpf_run_verified_libpcap_image", "ctbpf_run_dsl_image", "ctbpf_run_verified_dsl_image",
           "ctbpf_native_dsl_image"]


def instructions(bench, filt, engine):
    with tempfile.NamedTemporaryFile() as out:
        run = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out.name}",
                              "--toggle-collect=*count_pass*", bench, f"--count={filt}/{engine}"],
                             capture_output=True, text=True, check=True)
    return int(re.search(r"Collected : (\d+)", run.stderr).group(1)) / FRAMES


def executed(bench):
    """filter -> (BPF instructions per frame on libpcap's image, on the language's image)"""
    out = subprocess.run([bench, "--executed"], capture_output=True, text=True, check=True).stdout
    rows = {}
    for m in re.finditer(r"\| (\w+) \| \d+ \(([\d.]+)\) \| \d+ \(([\d.]+)\) \|", out):
        rows[m.group(1)] = (float(m.group(2)), float(m.group(3)))
    return rows


def main(bench):
    counts = {(f, e): instructions(bench, f, e) for f in FILTERS for e in ENGINES}
    print("| filter | " + " | ".join(ENGINES) + " |")
    print("|---" * (len(ENGINES) + 1) + "|")
    for f in FILTERS:
        print(f"| {f} | " + " | ".join(f"{counts[(f, e)]:.1f}" for e in ENGINES) + " |")

    steps = executed(bench)
    per = [("libpcap_bpf_filter", 0), ("ctbpf_run_libpcap_image", 0), ("ctbpf_run_verified_libpcap_image", 0),
           ("ctbpf_run_verified_dsl_image", 1)]
    print()
    print("| filter | BPF instructions executed (libpcap image / language image) | "
          + " | ".join(f"{e}: host per BPF" for e, _ in per) + " |")
    print("|---" * (len(per) + 2) + "|")
    for f in FILTERS:
        cells = [f"{(counts[(f, e)] - counts[(f, 'harness')]) / steps[f][i]:.1f}" for e, i in per]
        print(f"| {f} | {steps[f][0]:.2f} / {steps[f][1]:.2f} | " + " | ".join(cells) + " |")

    # instructions per call = fixed + slope * BPF instructions executed, least squares over the filters
    print()
    print("| engine | fixed host instructions per call | host instructions per executed BPF instruction (slope) |")
    print("|---|---|---|")
    for e, i in per:
        xs = [steps[f][i] for f in FILTERS]
        ys = [counts[(f, e)] - counts[(f, "harness")] for f in FILTERS]
        mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
        slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
        print(f"| {e} | {my - slope * mx:.1f} | {slope:.1f} |")


INTERPRETERS = ["ctbpf_run_verified_libpcap_image", "ctbpf_run_verified_wirelen_libpcap_image",
                "ctbpf_run_decoded_libpcap_image", "ctbpf_run_verified_dsl_image", "ctbpf_run_decoded_dsl_image"]
NATIVE = ["ctbpf_native_dsl_image", "ctbpf_native_libpcap_image"]


def print_ratios(counts, engines, baseline, unit):
    for e in engines:
        r = [(counts[(f, e)] - counts[(f, "harness")]) / (counts[(f, baseline)] - counts[(f, "harness")])
             for f in FILTERS]
        geomean = math.exp(sum(math.log(x) for x in r) / len(r))
        worst, where = max(zip(r, FILTERS))
        print(f"- {e}: {geomean:.2f}× {unit}, worst {worst:.2f}× ({where})")


def ratios_main(builds):
    engines = ["harness", "libpcap_bpf_filter"] + INTERPRETERS + NATIVE + ["hand_written"]
    for build in builds:
        name, bench = build.split("=", 1)
        jobs = [(f, e) for f in FILTERS for e in engines]
        with ThreadPoolExecutor(2) as ex:
            counts = dict(zip(jobs, ex.map(lambda job: instructions(bench, *job), jobs)))
        print(f"#### {name}, instructions per packet (callgrind)\n")
        print("| filter | " + " | ".join(engines) + " |")
        print("|---" * (len(engines) + 1) + "|")
        for f in FILTERS:
            print(f"| {f} | " + " | ".join(f"{counts[(f, e)]:.1f}" for e in engines) + " |")
        print()
        print_ratios(counts, INTERPRETERS, "libpcap_bpf_filter", "libpcap's instructions")
        print_ratios(counts, NATIVE, "hand_written", "the hand-written predicate's instructions")
        print()


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--ratios":
        ratios_main(sys.argv[2:])
    else:
        main(sys.argv[1] if len(sys.argv) > 1 else "build/gcc12/bench/ctbpf_filters_bench")
