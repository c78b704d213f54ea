#!/usr/bin/env python3
"""Random pcap-filter expressions, one per line, for the oracle's developer check:
    scripts/random-pcap-expressions.py SEED COUNT > e.txt
    CTBPF_PCAP_EXPRESSIONS=e.txt build/tests/ctbpf_oracle_tests --gtest_filter='*FromAFile*'
(every expression on four link types against libpcap: the same verdicts at every capture length,
or both refuse). Primitives with qualifiers, continuations, relations over loads and arithmetic,
encapsulations, and/or/not with parentheses; some are refused by both, which is checked too."""
import random, sys
r = random.Random(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
n = int(sys.argv[2]) if len(sys.argv) > 2 else 500
ipv4 = ["10.0.0.1", "10.0.0.2", "192.168.1.1", "10.1", "172.16", "10", "0x0a000001", "192.168.0.0"]
nets = ["10.0.0.0/8", "192.168.0.0/16", "10.0.0.0/24", "172.16", "10", "192.168.1.0 mask 255.255.255.0", "0.0.0.0/0"]
ipv6 = ["::1", "2001:db8::1", "fe80::1", "::ffff:10.0.0.1"]
nets6 = ["2001:db8::/32", "fe80::/10", "::/0", "2001:db8:1::/48"]
macs = ["00:11:22:33:44:55", "02:02:02:02:02:02", "ff:ff:ff:ff:ff:ff", "00-01-02-03-04-05", "0001.0203.0405"]
ports = ["22", "53", "80", "443", "1234", "http", "domain", "ssh", "8080", "0x50"]
def dirq(): return r.choice(["", "src ", "dst ", "src or dst ", "src and dst "])
def prim():
    k = r.randrange(22)
    if k == 0: return r.choice(["ip", "ip6", "arp", "rarp", "tcp", "udp", "icmp", "icmp6", "sctp", "igmp", "pim", "vrrp", "ah", "esp"])
    if k == 1: return r.choice(["", "ip ", "arp ", "rarp "]) + dirq() + "host " + r.choice(ipv4)
    if k == 2: return r.choice(["", "ip6 "]) + dirq() + "host " + r.choice(ipv6)
    if k == 3: return dirq() + "net " + r.choice(nets)
    if k == 4: return r.choice(["", "ip6 "]) + dirq() + "net " + r.choice(nets6)
    if k == 5: return r.choice(["", "tcp ", "udp ", "sctp "]) + dirq() + "port " + r.choice(ports)
    if k == 6:
        a, b = sorted(r.sample(range(0, 2000), 2)); return r.choice(["", "tcp ", "udp "]) + dirq() + f"portrange {a}-{b}"
    if k == 7: return "ether " + r.choice(["", "src ", "dst "]) + "host " + r.choice(macs)
    if k == 8: return r.choice(["ether broadcast", "ether multicast", "broadcast", "multicast", "ip multicast", "ip6 multicast"])
    if k == 9: return r.choice(["less ", "greater "]) + str(r.choice([40, 54, 60, 64, 100, 1500]))
    if k == 10: return r.choice(["ip proto ", "ip6 proto ", "proto "]) + r.choice(["6", "17", "1", "58", "\\tcp", "\\udp", "47"])
    if k == 11: return "ether proto " + r.choice(["0x800", "0x86dd", "0x806", "\\ip", "\\arp", "\\ip6", "0x8100", "\\decnet"])
    if k == 12: return r.choice(["vlan", "vlan 100", "vlan 200", "mpls", "mpls 5", "pppoes", "pppoes 3", "pppoed"])
    if k in (13, 14, 15, 16): return relation()
    if k == 17: return r.choice(["tcp[tcpflags] & tcp-syn != 0", "tcp[tcpflags] & (tcp-syn|tcp-ack) == tcp-syn", "icmp[icmptype] = icmp-echo", "icmp6[icmp6type] = icmp6-echo", "tcp[tcpflags] & tcp-rst != 0"])
    if k == 18: return r.choice(["decnet", "lat", "sca", "moprc", "mopdl"])
    if k == 20 and r.random() < 0.5:  # 802.3 and 802.2 LLC
        return r.choice(["stp", "ipx", "netbeui", "atalk", "aarp", "iso", "isis", "esis", "clnp", "carp", "llc",
                         "llc i", "llc s", "llc u", "llc ui", "llc rr", "llc xid", "ether proto 0x42",
                         "ether proto 6", "ether proto 1500", "ether proto \\ipx", "iso proto 0x83", "l1", "psnp",
                         "isis proto 16", "decnet host 1.2", "decnet src 1.3", "decnet dst 63.1023",
                         "decnet src and dst 1.2", "decnet[2] & 7 = 2"])
    if k == 19: return prim() + " or " + r.choice(ipv4 + ports[:4])  # continuations (may be refused)
    return r.choice(["ip", "tcp", "udp", "arp"])
def operand(d=0):
    k = r.randrange(8 if d < 2 else 4)
    if k == 0: return str(r.choice([0, 1, 2, 4, 6, 17, 20, 0x45, 0xff, 1500, 0x1fff]))
    if k == 1: return "len"
    if k in (2, 3):
        p = r.choice(["ether", "ip", "ip6", "tcp", "udp", "icmp", "arp", "link", "igmp", "icmp6"])
        off = operand(d + 1) if d < 1 and r.random() < 0.2 else str(r.randrange(0, 42))
        size = r.choice(["", ":1", ":2", ":4"])
        return f"{p}[{off}{size}]"
    if k == 4: return "(" + operand(d + 1) + ")"
    op = r.choice(["+", "-", "*", "/", "%", "&", "|", "^", "<<", ">>"])
    right = operand(d + 1)
    if op in ("/", "%") and right == "0": right = "3"
    if op in ("<<", ">>"): right = str(r.randrange(0, 8))
    return f"{operand(d + 1)} {op} {right}"
def relation(): return f"{operand()} {r.choice(['=', '==', '!=', '<', '<=', '>', '>='])} {operand()}"
def expr(d=0):
    k = r.randrange(6 if d < 3 else 1)
    if k == 0: return prim()
    if k == 1: return "not " + expr(d + 1)
    if k == 2: return "(" + expr(d + 1) + ")"
    return expr(d + 1) + r.choice([" and ", " or ", " && ", " || "]) + expr(d + 1)
seen = set()
while len(seen) < n:
    e = expr()
    if e not in seen:
        seen.add(e); print(e)
