// tcpdump expressions whose optimized size is pinned: each no longer than libpcap -O's program, which
// keeps every verdict on them (tests/oracle/pcap_filter_test.cpp checks sizes against libpcap at
// large; these guard the optimizer rules that reach those sizes). X(expression, link type, size).
#pragma once

// clang-format off
#define CTBPF_PCAP_SIZE_CASES(X)                                                                         \
    /* regrouped tests into ret #0, each port's group loaded once */                                    \
    X("not (port 22 or port 443)", ethernet, 27)                                                        \
    X("not (port 3306 or port 80 or port 161 or port 53)", ethernet, 33)                                \
    /* the EtherType still known after two IPv6 addresses decides the `tcp` after them */               \
    X("src net 192.168.0.0/16 || ip6 src and dst host fe80::1 && portrange 1204-1884 && tcp", ethernet, 46) \
    /* A's value tested first: its reload goes */                                                       \
    X("not (rarp dst host 192.168.1.1) and not not rarp src or dst host 10", ethernet, 9)              \
    X("tcp port 80", ethernet, 20)                                                                      \
    /* runs of ports become range tests once both ports are loaded (libpcap -O: 41 and 44) */           \
    X("tcp port 1 or tcp port 2 or tcp port 3 or tcp port 4 or tcp port 5 or tcp port 6 or tcp port 7 or tcp port 8", ethernet, 30) \
    X("tcp port 1 or tcp port 2 or tcp port 3 or tcp port 4 or tcp port 5 or tcp port 6 or tcp port 7 or tcp port 8", raw_ip, 41)
// clang-format on
