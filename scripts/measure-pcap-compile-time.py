#!/usr/bin/env python3
"""Compile time of tcpdump expressions at compile time (docs/pcap-filter.md, "Compile time"):
50 typical expressions in one translation unit, and expressions of 200 primitives, each with
g++-12 and clang++-19 at their default limits (-O0 -c; wall time and peak memory).
usage: scripts/measure-pcap-compile-time.py"""
import os
import subprocess
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TYPICAL = [
    "tcp dst port 80", "udp port 53", "host 10.0.0.1", "net 192.168.0.0/16", "arp", "icmp", "ip6",
    "tcp port 22 and not src net 10.0.0.0/8", "port 80 or port 443", "tcp[tcpflags] & tcp-syn != 0",
    "src host 10.1.2.3 and dst port 1234", "vlan 100 and tcp", "ether host 00:11:22:33:44:55", "ip and len > 100",
    "icmp[icmptype] = icmp-echo", "udp and (port 67 or port 68)", "portrange 5000-6000", "ip6 net fe80::/10",
    "not (tcp or udp)", "tcp and port 443 and host 192.168.1.1", "greater 1000", "less 64", "ether broadcast",
    "ip multicast", "dst net 10.0.0.0/8", "tcp src port 1024", "udp dst port 123", "host 2001:db8::1", "sctp",
    "igmp", "ip proto 47", "ether proto 0x88cc", "tcp port 80 or tcp port 8080", "src net 172.16.0.0/12",
    "mpls and ip", "pppoes and ip", "vlan and udp port 53", "tcp[13] & 2 != 0 and tcp[13] & 16 = 0", "ip[8] < 5",
    "udp port 161 or udp port 162", "host 10.0.0.1 and not port 22", "tcp and src portrange 1-1023", "icmp6",
    "ip6 and tcp port 80", "arp host 10.0.0.1", "net 10 and not net 10.1", "ether multicast and not ether broadcast",
    "tcp dst port 25 or tcp dst port 587", "udp src port 53 and ip", "ip host 8.8.8.8 or ip host 8.8.4.4"]
LARGE = {
    "200 primitives: 50 x (tcp dst port N and src net A/16)":
        " or ".join(f"(tcp dst port {1000 + i} and src net 10.{i}.0.0/16)" for i in range(50)),
    "200 primitives: tcp port 1 or ... or tcp port 200": " or ".join(f"tcp port {i + 1}" for i in range(200)),
    "200 primitives: ip host 10.0.0.1 or ... (200 addresses)":
        " or ".join(f"ip host 10.0.{i // 250}.{i % 250 + 1}" for i in range(200)),
}


def source(expressions):
    lines = ["#include <ctbpf/pcap_filter.hpp>", "#include <cstddef>"]
    lines += [f'constexpr auto f{i} = ctbpf::pcap_filter<"{e}">();' for i, e in enumerate(expressions)]
    lines.append("std::size_t total() { return " + " + ".join(f"f{i}.size()" for i in range(len(expressions))) + "; }")
    return "\n".join(lines) + "\n"


def measure(name, text):
    with tempfile.NamedTemporaryFile("w", suffix=".cpp", delete=False) as f:
        f.write(text)
    cells = []
    for cxx in ["g++-12", "clang++-19"]:
        r = subprocess.run(["/usr/bin/time", "-f", "%e %M", cxx, "-std=c++20", "-O0", "-I", os.path.join(ROOT, "include"),
                            "-c", f.name, "-o", os.devnull], capture_output=True, text=True)
        seconds, kb = r.stderr.strip().splitlines()[-1].split()
        cells.append(f"{float(seconds):.1f} s, {int(kb) // 1024} MB" + ("" if r.returncode == 0 else " (fails)"))
    os.unlink(f.name)
    print(f"| {name} | {cells[0]} | {cells[1]} |")


print("| translation unit | g++ 12 | clang++ 19 |\n|---|---|---|")
measure("the header alone", source([]).replace("return ;", "return 0;"))
measure("50 typical expressions", source(TYPICAL))
for name, e in LARGE.items():
    measure(name, source([e]))
