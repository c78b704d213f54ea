// tcpdump expressions compiled by ctbpf against libpcap: for every expression of
// tests/cases/pcap_expressions.hpp, libpcap's unoptimized program (pcap_compile on
// pcap_open_dead(DLT_EN10MB, 262144), optimize 0: it defines the meaning) and ctbpf's, optimized and
// not, must return the same value through bpf_filter() and ctbpf::run on every frame of a generated
// corpus (with VLAN, QinQ, MPLS and PPPoE frames) at every capture length (truncations); ctbpf's
// optimized program must be no larger than libpcap's optimized one. The same on raw IP and Linux
// cooked captures (v1 and v2), where what libpcap refuses ctbpf refuses too. Refused expressions
// give their problem and column.
#include <gtest/gtest.h>

#include <pcap/pcap.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <ctbpf/pcap_filter_vector.hpp>
#include <ctbpf/text_string.hpp>
#include <ctbpf/vm.hpp>

#include "../cases/pcap_expressions.hpp"
#include "../support/corpus.hpp"
#include "../support/hex.hpp"

namespace {

int dlt_of(ctbpf::link_type link) {
    switch (link) {
        case ctbpf::link_type::raw_ip: return DLT_RAW;
        case ctbpf::link_type::linux_sll: return DLT_LINUX_SLL;
        case ctbpf::link_type::linux_sll2: return DLT_LINUX_SLL2;
        default: return DLT_EN10MB;
    }
}

std::vector<bpf_insn> libpcap_program(const char* expression, int optimize,
                                      ctbpf::link_type link = ctbpf::link_type::ethernet,
                                      std::uint32_t netmask = PCAP_NETMASK_UNKNOWN) {
    std::vector<bpf_insn> out;
    pcap_t* dead = pcap_open_dead(dlt_of(link), 262144);
    bpf_program prog{};
    if (pcap_compile(dead, &prog, expression, optimize, netmask) == 0) {
        out.assign(prog.bf_insns, prog.bf_insns + prog.bf_len);
        pcap_freecode(&prog);
    }
    pcap_close(dead);
    return out;
}

using ctbpf_test::hex;

/// Frames: crafted ones (the addresses, ports and prefixes the expressions name; IPv6 behind
/// extension headers), untagged and tagged, then encapsulated ones, then a generated corpus; the first 600 at every capture length,
/// the others whole.
std::vector<std::uint8_t> crafted_ipv4(std::uint8_t proto, std::uint32_t src, std::uint32_t dst, std::uint16_t sport,
                                       std::uint16_t dport) {
    std::vector<std::uint8_t> f(14, 0x02);
    f[12] = 0x08;
    f[13] = 0x00;
    const std::uint8_t ip[20] = {0x45,
                                 0,
                                 0,
                                 40,
                                 0,
                                 1,
                                 0x40,
                                 0,
                                 64,
                                 proto,
                                 0,
                                 0,
                                 static_cast<std::uint8_t>(src >> 24),
                                 static_cast<std::uint8_t>(src >> 16),
                                 static_cast<std::uint8_t>(src >> 8),
                                 static_cast<std::uint8_t>(src),
                                 static_cast<std::uint8_t>(dst >> 24),
                                 static_cast<std::uint8_t>(dst >> 16),
                                 static_cast<std::uint8_t>(dst >> 8),
                                 static_cast<std::uint8_t>(dst)};
    f.insert(f.end(), ip, ip + 20);
    const std::uint8_t ports[8] = {static_cast<std::uint8_t>(sport >> 8),
                                   static_cast<std::uint8_t>(sport),
                                   static_cast<std::uint8_t>(dport >> 8),
                                   static_cast<std::uint8_t>(dport),
                                   0x50,
                                   0x02,
                                   0,
                                   0};
    f.insert(f.end(), ports, ports + 8);
    f.resize(f.size() + 12, 0);
    return f;
}
std::vector<std::uint8_t> crafted_ipv6(std::uint8_t next, const std::uint8_t (&src)[16], std::uint16_t port) {
    std::vector<std::uint8_t> f(14, 0x02);
    f[12] = 0x86;
    f[13] = 0xdd;
    const std::uint8_t head[8] = {0x60, 0, 0, 0, 0, 20, next, 64};
    f.insert(f.end(), head, head + 8);
    f.insert(f.end(), src, src + 16);
    f.insert(f.end(), src, src + 16);
    const std::uint8_t ports[4] = {static_cast<std::uint8_t>(port >> 8), static_cast<std::uint8_t>(port),
                                   static_cast<std::uint8_t>(port >> 8), static_cast<std::uint8_t>(port)};
    f.insert(f.end(), ports, ports + 4);
    f.resize(f.size() + 16, 0);
    return f;
}
/// Untagged IPv4 and IPv6 frames of the corpus, put behind MPLS labels (one, two, a bottom bit
/// clear), a PPPoE session header (alone, behind a VLAN tag, with MPLS inside) and a PPPoE
/// discovery header.
std::vector<std::vector<std::uint8_t>> encapsulated(const std::vector<std::vector<std::uint8_t>>& plain) {
    std::vector<std::vector<std::uint8_t>> v;
    const auto wrap = [](const std::vector<std::uint8_t>& f, std::initializer_list<std::uint8_t> between) {
        std::vector<std::uint8_t> out(f.begin(), f.begin() + 12);
        out.insert(out.end(), between);
        out.insert(out.end(), f.begin() + 14, f.end());
        return out;
    };
    int n = 0;
    for (const auto& f : plain) {
        if (f.size() < 34 || f[12] != (f[13] == 0x00 ? 0x08 : 0x86) || (f[13] != 0x00 && f[13] != 0xdd)) continue;
        const bool v6 = f[13] == 0xdd;
        const std::uint8_t session = n % 2 ? 3 : 4, ppp = v6 ? 0x57 : 0x21;
        const std::uint8_t label_low = n % 2 ? 0x05 : 0x64;  // labels 5 and 100: 0x00005, 0x00064
        v.push_back(wrap(f, {0x88, 0x47, 0x00, static_cast<std::uint8_t>(label_low >> 4),
                             static_cast<std::uint8_t>(label_low << 4 | 1), 64}));
        v.push_back(wrap(f, {0x88, 0x47, 0x00, 0x06, 0x40, 64, 0x00, 0x00, 0x51, 64}));
        v.push_back(wrap(f, {0x88, 0x47, 0x00, 0x06, 0x40, 64}));
        v.push_back(wrap(f, {0x88, 0x64, 0x11, 0x00, 0x00, session, 0x00, 0x40, 0x00, ppp}));
        v.push_back(wrap(f, {0x81, 0x00, 0x00, 0x64, 0x88, 0x64, 0x11, 0x00, 0x00, session, 0x00, 0x40, 0x00, ppp}));
        v.push_back(wrap(f, {0x88, 0x64, 0x11, 0x00, 0x00, 0x03, 0x00, 0x40, 0x02, 0x81, 0x00, 0x00, 0x31, 64}));
        v.push_back(wrap(f, {0x88, 0x63, 0x11, 0x09, 0x00, 0x00, 0x00, 0x00}));
        if (++n == 25) break;
    }
    return v;
}

std::vector<std::uint8_t> crafted_arp(std::uint32_t sender, std::uint32_t target) {
    std::vector<std::uint8_t> f(12, 0x02);
    const std::uint8_t arp[30] = {0x08,
                                  0x06,
                                  0,
                                  1,
                                  0x08,
                                  0,
                                  6,
                                  4,
                                  0,
                                  1,
                                  2,
                                  2,
                                  2,
                                  2,
                                  2,
                                  2,
                                  static_cast<std::uint8_t>(sender >> 24),
                                  static_cast<std::uint8_t>(sender >> 16),
                                  static_cast<std::uint8_t>(sender >> 8),
                                  static_cast<std::uint8_t>(sender),
                                  0,
                                  0,
                                  0,
                                  0,
                                  0,
                                  0,
                                  static_cast<std::uint8_t>(target >> 24),
                                  static_cast<std::uint8_t>(target >> 16),
                                  static_cast<std::uint8_t>(target >> 8),
                                  static_cast<std::uint8_t>(target)};
    f.insert(f.end(), arp, arp + 30);
    f.resize(60, 0);
    return f;
}
/// 802.3 frames (a length where Ethernet II has its type) with an 802.2 LLC header: DSAP, SSAP,
/// control, then `payload`; and Ethernet II frames of the protocols that also come that way.
std::vector<std::uint8_t> crafted_802_3(std::initializer_list<std::uint8_t> llc_and_payload) {
    std::vector<std::uint8_t> f = {0x01, 0x80, 0xc2, 0, 0, 0, 0x02, 0x02, 0x02, 0x02, 0x02, 0x02, 0, 0};
    f.insert(f.end(), llc_and_payload);
    f.resize(std::max<std::size_t>(f.size(), 60), 0);
    const std::size_t length = f.size() - 14;
    f[12] = static_cast<std::uint8_t>(length >> 8);
    f[13] = static_cast<std::uint8_t>(length);
    return f;
}
std::vector<std::vector<std::uint8_t>> crafted_llc() {
    std::vector<std::vector<std::uint8_t>> v = {
        crafted_802_3({0x42, 0x42, 0x03, 0, 0, 0, 0}),                    // spanning tree
        crafted_802_3({0xf0, 0xf0, 0x03, 0x2c, 0x00}),                    // NetBEUI
        crafted_802_3({0x06, 0x06, 0x03, 0x45, 0x00}),                    // IPv4 over 802.2
        crafted_802_3({0xfe, 0xfe, 0x03, 0x83, 0x1b, 0x01, 0x00, 0x10}),  // IS-IS
        crafted_802_3({0xfe, 0xfe, 0x03, 0x81, 0x1b, 0x01, 0x00, 0x1c}),  // CLNP
        crafted_802_3({0xfe, 0xfe, 0x03, 0x82, 0x1b, 0x01, 0x00, 0x02}),  // ES-IS
        crafted_802_3({0xfe, 0x42, 0x03, 0x83}),                          // DSAP of OSI, SSAP of STP
        crafted_802_3({0xe0, 0xe0, 0x03, 0xff, 0xff, 0x00, 0x1e}),        // IPX over 802.2
        crafted_802_3({0xff, 0xff, 0x00, 0x1e, 0x00, 0x04}),              // Novell's raw 802.3
        crafted_802_3({0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00, 0x81, 0x37}),  // SNAP: IPX
        crafted_802_3({0xaa, 0xaa, 0x03, 0x08, 0x00, 0x07, 0x80, 0x9b}),  // SNAP: AppleTalk
        crafted_802_3({0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00, 0x80, 0xf3}),  // SNAP: AARP
        crafted_802_3({0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00, 0x80, 0x9b}),  // SNAP: AppleTalk, wrong organization
        crafted_802_3({0xaa, 0xaa, 0x03, 0x00, 0x00, 0x0c, 0x20, 0x00}),  // SNAP: Cisco's CDP
    };
    for (std::uint8_t pdu : {0x0f, 0x10, 0x11, 0x12, 0x14, 0x18, 0x19, 0x1a, 0x1b, 0x01})  // IS-IS PDU types
        v.push_back(crafted_802_3({0xfe, 0xfe, 0x03, 0x83, 0x1b, 0x01, 0x00, pdu}));
    // the control byte of each frame format and command, with and without the poll/final bit
    for (std::uint8_t control : {0x00, 0x02, 0x01, 0x05, 0x09, 0x03, 0x13, 0x63, 0x43, 0x0f, 0x6f, 0xe3, 0xaf, 0x87})
        v.push_back(crafted_802_3({0x42, 0x42, control, 0}));
    for (std::uint16_t type : {0x8137, 0x809b, 0x80f3, 0x05dc, 0x05dd, 0x0000}) {
        std::vector<std::uint8_t> f = crafted_802_3({0xe0, 0xe0, 0x03, 0x00});
        f[12] = static_cast<std::uint8_t>(type >> 8);
        f[13] = static_cast<std::uint8_t>(type);
        v.push_back(std::move(f));
    }
    return v;
}
/// DECnet Phase IV packets (EtherType 0x6003, the 2-byte length, the routing header): short
/// (flags 2: destination, source) and long (flags 6: areas, HIORD AA-00-04-00 and address for
/// each), each without and with a pad byte (0x81) before the flags; addresses little-endian. Each
/// also inside a PPPoE session (PPP protocol 0x27).
std::vector<std::vector<std::uint8_t>> crafted_decnet() {
    std::vector<std::vector<std::uint8_t>> v;
    const std::uint16_t pairs[][2] = {{0x0402, 0x0403}, {0x0403, 0x0402}, {0xffff, 0x0402}};  // 1.2, 1.3, 63.1023
    for (const auto& pair : pairs)
        for (const bool pad : {false, true})
            for (const bool long_header : {false, true}) {
                const auto lo = [](std::uint16_t a) { return static_cast<std::uint8_t>(a); };
                const auto hi = [](std::uint16_t a) { return static_cast<std::uint8_t>(a >> 8); };
                const std::uint16_t dst = pair[0], src = pair[1];
                std::vector<std::uint8_t> route;
                if (pad) route.push_back(0x81);
                if (long_header)
                    route.insert(route.end(), {0x06, 0,    0,    0xaa, 0x00, 0x04,    0x00,    lo(dst), hi(dst), 0,
                                               0,    0xaa, 0x00, 0x04, 0x00, lo(src), hi(src), 0,       0,       0});
                else
                    route.insert(route.end(), {0x02, lo(dst), hi(dst), lo(src), hi(src), 0});
                std::vector<std::uint8_t> f = {0xaa, 0, 4, 0, 0x02, 0x04, 0xaa, 0, 4, 0, 0x03, 0x04, 0x60, 0x03};
                f.push_back(0);
                f.push_back(static_cast<std::uint8_t>(route.size()));
                f.insert(f.end(), route.begin(), route.end());
                f.resize(std::max<std::size_t>(f.size(), 60), 0);
                std::vector<std::uint8_t> ppp(f.begin(), f.begin() + 12);
                ppp.insert(ppp.end(), {0x88, 0x64, 0x11, 0x00, 0x00, 0x03, 0x00, 0x40, 0x00, 0x27});
                ppp.insert(ppp.end(), f.begin() + 14, f.end());
                v.push_back(std::move(f));
                v.push_back(std::move(ppp));
            }
    return v;
}
const std::vector<std::vector<std::uint8_t>>& frames() {
    static const auto all = [] {
        std::vector<std::vector<std::uint8_t>> v;
        for (std::uint32_t src : {0x0a000001u, 0x0a000002u, 0xc0a80101u})
            for (std::uint8_t proto : {6, 17, 132, 1})
                for (std::uint16_t port : {22, 23, 67, 68, 80, 443, 8080}) {
                    const std::uint32_t dst = src == 0x0a000001u ? 0x0a000002u : 0x0a000001u;
                    v.push_back(crafted_ipv4(proto, src, dst, port, 1234));
                    v.push_back(crafted_ipv4(proto, src, dst, 1234, port));
                }
        for (std::uint32_t dst : {0x0a0000ffu, 0x0a000000u, 0xffffffffu, 0xc0a8ffffu, 0x0a00ff00u})  // broadcasts
            v.push_back(crafted_ipv4(17, 0x0a000001u, dst, 68, 67));
        const std::uint8_t doc[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
        const std::uint8_t link_local[16] = {0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
        for (std::uint8_t next : {6, 17, 58}) {
            v.push_back(crafted_ipv6(next, doc, 80));
            v.push_back(crafted_ipv6(next, link_local, 443));
        }
        for (std::uint8_t next : {6, 17, 58}) {  // behind a fragment header (44) or hop-by-hop options (0)
            for (std::uint8_t extension : {44, 0}) {
                std::vector<std::uint8_t> f = crafted_ipv6(extension, doc, 80);
                const std::uint8_t header[8] = {next, 0, 0, 0, 0, 0, 0, 1};
                f.insert(f.begin() + 54, header, header + 8);
                v.push_back(std::move(f));
            }
        }
        for (std::uint32_t sender : {0x0a000001u, 0x0a000002u})  // ARP between the hosts the expressions name
            for (std::uint32_t target : {0x0a000002u, 0xc0a80101u}) v.push_back(crafted_arp(sender, target));
        for (auto& f : crafted_llc()) v.push_back(std::move(f));
        for (auto& f : crafted_decnet()) v.push_back(std::move(f));
        const std::size_t crafted = v.size();
        for (std::size_t i = 0; i < crafted; ++i) {  // and each behind a VLAN tag (id 100)
            std::vector<std::uint8_t> tagged(v[i].begin(), v[i].begin() + 12);
            tagged.insert(tagged.end(), {0x81, 0x00, 0x00, 0x64});
            tagged.insert(tagged.end(), v[i].begin() + 12, v[i].end());
            v.push_back(std::move(tagged));
        }
        const auto generated = ctbpf_test::corpus_generator(20261130).make(3000);
        const auto wrapped = encapsulated(generated);
        v.insert(v.end(), wrapped.begin(), wrapped.end());
        v.insert(v.end(), generated.begin(), generated.end());
        return v;
    }();
    return all;
}

/// The corpus as captured on `link`: Ethernet as it is; raw IP without the Ethernet header; Linux
/// cooked captures with the EtherType as their protocol (for an 802.3 frame, the kernel's 802.2
/// (4), or 802.3 (1) where Novell's 0xffff follows) and the packet types in turn (host, broadcast,
/// multicast, other host, outgoing).
std::vector<std::vector<std::uint8_t>> frames_on(ctbpf::link_type link) {
    if (link == ctbpf::link_type::ethernet) return frames();
    std::vector<std::vector<std::uint8_t>> v;
    std::uint8_t packet_type = 0;
    for (const auto& f : frames()) {
        if (f.size() < 14) continue;
        std::vector<std::uint8_t> out;
        packet_type = static_cast<std::uint8_t>((packet_type + 1) % 5);
        std::uint8_t type[2] = {f[12], f[13]};
        if ((f[12] << 8 | f[13]) <= 1500) {  // the kernel's ETH_P_802_2 / ETH_P_802_3
            type[0] = 0;
            type[1] = f.size() >= 16 && f[14] == 0xff && f[15] == 0xff ? 1 : 4;
        }
        if (link == ctbpf::link_type::linux_sll)
            out = {0, packet_type, 0, 1, 0, 6, f[6], f[7], f[8], f[9], f[10], f[11], 0, 0, type[0], type[1]};
        if (link == ctbpf::link_type::linux_sll2)
            out = {type[0],     type[1], 0,    0,    0,    0,    0,     2,     0, 1,
                   packet_type, 6,       f[6], f[7], f[8], f[9], f[10], f[11], 0, 0};
        out.insert(out.end(), f.begin() + 14, f.end());
        v.push_back(std::move(out));
    }
    return v;
}

/// While steering: the field A holds, bytes [offset, offset + size) of the frame under `mask`.
struct steered_field {
    std::uint32_t offset = 0, size = 0, mask = 0;
    std::uint32_t read(const std::vector<std::uint8_t>& f) const {
        std::uint32_t v = 0;
        for (std::uint32_t b = 0; b < size; ++b) v = v << 8 | f[offset + b];
        return v & mask;
    }
    bool fixed_in(const std::vector<bool>& fixed) const {
        for (std::uint32_t b = 0; b < size; ++b)
            if (!fixed[offset + b]) return false;
        return true;
    }
    /// Writes the masked bits of v; `fix`: later tests read the field rather than write it.
    void write(std::vector<std::uint8_t>& f, std::vector<bool>& fixed, std::uint32_t v, bool fix) const {
        for (std::uint32_t b = 0; b < size; ++b) {
            const unsigned shift = 8 * (size - 1 - b);
            const auto m = static_cast<std::uint8_t>(mask >> shift);
            f[offset + b] = static_cast<std::uint8_t>((f[offset + b] & ~m) | ((v >> shift) & m));
            fixed[offset + b] = fixed[offset + b] || fix;
        }
    }
};

/// Whether the conditional jump `op #k` is taken with A = value.
bool jump_taken(std::uint16_t op, std::uint32_t value, std::uint32_t k) {
    switch (op) {
        case BPF_JEQ: return value == k;
        case BPF_JGT: return value > k;
        case BPF_JGE: return value >= k;
        default: return (value & k) != 0;  // jset
    }
}

/// A value under `mask` (from `current`) that sends `op #k` the `taken` way, where one exists.
std::uint32_t value_taking(std::uint16_t op, bool taken, std::uint32_t k, std::uint32_t mask, std::uint32_t current) {
    const std::uint32_t low = mask & (~mask + 1);  // the mask's lowest bit
    switch (op) {
        case BPF_JEQ: return taken ? k & mask : (k ^ low) & mask;
        case BPF_JGT: return taken && k < mask ? k + 1 : k;
        case BPF_JGE: return !taken && k > 0 ? k - 1 : k;
        default: return taken ? (current | (k & mask)) : (current & ~k);  // jset
    }
}

/// A frame steered down a random path of `program`: from `f`, each conditional jump on a fixed
/// field (`ld{,h,b} [k]` or `[x + k]` with X known, perhaps masked by `and #m`) takes a random
/// branch, and the field is written so that it does (once written, a field decides later tests
/// of it; a jeq not taken leaves it free for a later test to set: `host A or host B` tests [26]
/// against both); other jumps take a random branch without writing. Reaches what a fixed corpus
/// rarely does (a frame that matches a long address, then ends just before a load the other
/// program dropped).
std::vector<std::uint8_t> steered_frame(const std::vector<bpf_insn>& program, std::vector<std::uint8_t> f,
                                        std::uint64_t& seed) {
    const auto coin = [&seed] {
        seed = seed * 6364136223846793005u + 1442695040888963407u;
        return (seed >> 40) & 1;
    };
    std::vector<bool> fixed(f.size());
    bool field = false;  // A holds `at`
    steered_field at;
    bool x_known = false;  // X's value, from `ldx #k` or `ldxb 4*([k]&0xf)` on the frame so far
    std::uint32_t x = 0;
    for (std::size_t pc = 0; pc < program.size();) {
        const bpf_insn& in = program[pc];
        const auto cls = BPF_CLASS(in.code);
        if (cls == BPF_RET) break;
        if (cls == BPF_JMP && BPF_OP(in.code) == BPF_JA) {
            pc += 1 + in.k;
            continue;
        }
        if (cls != BPF_JMP) {
            const bool indexed = cls == BPF_LD && BPF_MODE(in.code) == BPF_IND && x_known;
            if (cls == BPF_LDX) {
                x_known = BPF_MODE(in.code) == BPF_IMM || (BPF_MODE(in.code) == BPF_MSH && in.k < f.size());
                x = BPF_MODE(in.code) == BPF_IMM ? in.k : x_known ? 4u * (f[in.k] & 0xfu) : 0;
            } else if (cls == BPF_MISC && BPF_MISCOP(in.code) == BPF_TAX) {
                x_known = false;
            }
            if (cls == BPF_LD && (BPF_MODE(in.code) == BPF_ABS || indexed) && in.k < 4096) {
                field = true;
                at.offset = in.k + (indexed ? x : 0);
                at.size = BPF_SIZE(in.code) == BPF_W ? 4 : BPF_SIZE(in.code) == BPF_H ? 2 : 1;
                at.mask = at.size == 4 ? 0xffffffffu : (1u << (8 * at.size)) - 1;
                if (f.size() < at.offset + at.size) f.resize(at.offset + at.size), fixed.resize(at.offset + at.size);
            } else if (cls == BPF_ALU && BPF_SRC(in.code) == BPF_K && BPF_OP(in.code) == BPF_AND) {
                at.mask &= in.k;
            } else if (cls == BPF_LD || cls == BPF_ALU || (cls == BPF_MISC && BPF_MISCOP(in.code) == BPF_TXA)) {
                field = false;
            }
            ++pc;
            continue;
        }
        bool taken = coin();
        if (field && BPF_SRC(in.code) == BPF_K) {
            const std::uint16_t op = BPF_OP(in.code);
            std::uint32_t value = at.read(f);
            const bool jeq_not_taken = op == BPF_JEQ && !taken;
            if (!at.fixed_in(fixed) && !(jeq_not_taken && value != (in.k & at.mask))) {
                value = value_taking(op, taken, in.k, at.mask, value);
                at.write(f, fixed, value, !jeq_not_taken);
            }
            taken = jump_taken(op, value, in.k);
        }
        pc += 1 + (taken ? in.jt : in.jf);
    }
    return f;
}

/// Whether the two programs give `f` other verdicts at some capture length, the wire length being
/// the frame's or the capture's (a short packet captured whole: `len` tests meet truncations):
/// the capture (hex, capture length / wire length), or "".
std::string verdicts_differ(const std::vector<bpf_insn>& a, const std::vector<bpf_insn>& b,
                            std::span<const std::uint8_t> f) {
    for (std::size_t caplen = 0; caplen <= f.size(); ++caplen)
        for (const std::size_t wire : {f.size(), caplen}) {
            const auto wirelen = static_cast<u_int>(wire), cap = static_cast<u_int>(caplen);
            if (bpf_filter(a.data(), f.data(), wirelen, cap) != bpf_filter(b.data(), f.data(), wirelen, cap))
                return hex(f.first(caplen)) + " (" + std::to_string(caplen) + " of " + std::to_string(wirelen) +
                       " bytes captured)";
        }
    return "";
}

/// A capture on which libpcap's optimized program gives another verdict than its unoptimized one
/// (hex, capture length / wire length), or "" if none found: the corpus at every capture length,
/// then frames steered down random paths of the unoptimized program (blank and corpus frames).
std::string libpcap_optimizer_changes_a_verdict(const std::vector<bpf_insn>& exact,
                                                const std::vector<bpf_insn>& optimized,
                                                const std::vector<std::vector<std::uint8_t>>& corpus) {
    for (const auto& f : corpus)
        if (std::string d = verdicts_differ(exact, optimized, f); !d.empty()) return d;
    std::vector<std::vector<std::uint8_t>> bases = {std::vector<std::uint8_t>(80), std::vector<std::uint8_t>(160)};
    for (std::size_t n = 0; n < corpus.size(); n += corpus.size() / 12 + 1) bases.push_back(corpus[n]);
    std::uint64_t seed = 0x9e3779b97f4a7c15u;
    for (const auto& base : bases)
        for (int round = 0; round < 64; ++round)
            if (std::string d = verdicts_differ(exact, optimized, steered_frame(exact, base, seed)); !d.empty())
                return d;
    return "";
}

/// Sizes against libpcap -O: the geometric mean of the ratios, and how many are smaller.
struct size_table {
    double log_ratio = 0;
    int compared = 0, larger = 0, smaller = 0;
    void print(const char* link) const {
        std::printf(
            "%s: %d expressions; geometric mean of ctbpf / libpcap -O sizes: %.3f; %d smaller, %d larger "
            "(libpcap -O inexact)\n",
            link, compared, std::exp(log_ratio / compared), smaller, larger);
    }
    double geomean() const { return std::exp(log_ratio / compared); }
};

/// Compiles `expression` for `link` with libpcap (-O0) and ctbpf (optimized and not), expects the
/// same verdict from all three on every frame of `corpus` (the first `truncated` at every capture
/// length, the others whole), then compares the size with libpcap -O.
void expect_libpcap_verdicts(const char* expression, ctbpf::link_type link,
                             const std::vector<std::vector<std::uint8_t>>& corpus, std::size_t truncated,
                             size_table& sizes, std::uint32_t netmask = PCAP_NETMASK_UNKNOWN) {
    SCOPED_TRACE(expression);
    const std::vector<bpf_insn> theirs = libpcap_program(expression, 0, link, netmask);
    ASSERT_FALSE(theirs.empty()) << "libpcap refuses " << expression;
    const ctbpf::pcap_filter_result ours = ctbpf::compile_pcap_filter(expression, link, 262144, true, netmask);
    ASSERT_TRUE(ours) << ours.error_message();
    const ctbpf::pcap_filter_result raw = ctbpf::compile_pcap_filter(expression, link, 262144, false, netmask);
    ASSERT_TRUE(raw);
    ASSERT_TRUE(ctbpf::verify(ours.program));
    ASSERT_TRUE(ctbpf::verify(raw.program));
    // bpf_filter()'s semantics, which ctbpf's libpcap dialect follows: no ancillary data (what
    // `inbound` and `outbound` load where the capture has no packet type), and a shift by X of 32
    // or more gives 0 (`ip[0] >> ip[31]`; the kernel takes the count modulo 32)
    ctbpf::packet_context ctx;
    ctx.dialect = ctbpf::dialect::libpcap;
    int mismatches = 0;
    std::size_t checked = 0;
    for (std::size_t n = 0; n < corpus.size(); ++n) {
        const auto& f = corpus[n];
        const std::size_t shortest = n < truncated ? 0 : f.size();
        for (std::size_t caplen = shortest; caplen <= f.size(); ++caplen) {
            const auto wirelen = static_cast<u_int>(f.size());
            const u_int want = bpf_filter(theirs.data(), f.data(), wirelen, static_cast<u_int>(caplen));
            ctx.len = wirelen;
            const std::span<const std::uint8_t> captured(f.data(), caplen);
            const std::uint32_t got[] = {ctbpf::run(ours.program, captured, ctx),
                                         ctbpf::run(raw.program, captured, ctx)};
            ++checked;
            for (std::uint32_t g : got)
                if (g != want && ++mismatches <= 3)
                    ADD_FAILURE() << "libpcap " << want << ", ctbpf " << got[0] << " (unoptimized " << got[1] << ") on "
                                  << hex(captured) << " (wire length " << wirelen << ")\n"
                                  << ctbpf::to_string(raw.program);
        }
    }
    EXPECT_GT(checked, 2000u);
    // size: no larger than libpcap's optimizer, unless libpcap's optimized program is not exact
    // (it drops or reorders loads, so that a truncated capture gets another verdict: shown)
    const std::vector<bpf_insn> optimized = libpcap_program(expression, 1, link, netmask);
    if (optimized.empty()) return;  // libpcap -O: "expression rejects all packets"
    if (ours.program.size() > optimized.size()) {
        const std::string inexact = libpcap_optimizer_changes_a_verdict(theirs, optimized, corpus);
        EXPECT_FALSE(inexact.empty()) << ours.program.size() << " instructions, libpcap -O " << optimized.size()
                                      << " with the same verdicts everywhere";
        ++sizes.larger;
        std::printf(
            "larger than libpcap -O (%zu vs %zu), whose verdict differs from its unoptimized program's: %s: %s\n",
            ours.program.size(), optimized.size(), expression, inexact.c_str());
    }
    sizes.log_ratio += std::log(static_cast<double>(ours.program.size()) / static_cast<double>(optimized.size()));
    sizes.smaller += ours.program.size() < optimized.size();
    std::printf("size | `%s` | %zu | %zu |\n", expression, ours.program.size(), optimized.size());
    ++sizes.compared;
}

TEST(PcapFilter, SameVerdictsAsLibpcapOnEveryCaptureLength) {
    size_table sizes;
    for (const char* expression : cases::pcap_expressions)
        expect_libpcap_verdicts(expression, ctbpf::link_type::ethernet, frames(), 600, sizes);
    for (const char* expression : cases::pcap_cooked_expressions)
        if (const std::string_view e(expression); !e.starts_with("pppoes"))  // the others are Ethernet's list's
            expect_libpcap_verdicts(expression, ctbpf::link_type::ethernet, frames(), 600, sizes);
    sizes.print("Ethernet");
    EXPECT_LT(sizes.geomean(), 1.02);  // 1.008 measured: docs/pcap-filter.md
}

/// Raw IP and Linux cooked captures: every expression of the corpus libpcap compiles for the link
/// type gives the same verdicts (on the corpus as captured there: fewer truncations); every one it
/// refuses, ctbpf refuses.
TEST(PcapFilter, SameVerdictsAsLibpcapOnRawIpAndCookedCaptures) {
    for (const ctbpf::link_type link :
         {ctbpf::link_type::raw_ip, ctbpf::link_type::linux_sll, ctbpf::link_type::linux_sll2}) {
        const auto corpus = frames_on(link);
        size_table sizes;
        int refused = 0;
        const auto check = [&](const char* expression) {
            if (libpcap_program(expression, 0, link).empty()) {
                ++refused;
                const ctbpf::pcap_filter_result ours = ctbpf::compile_pcap_filter(expression, link);
                EXPECT_FALSE(ours) << expression << " on link " << dlt_of(link) << ": libpcap refuses it";
                EXPECT_EQ(ours.error, ctbpf::pcap_filter_problem::not_on_this_link) << expression;
                return;
            }
            expect_libpcap_verdicts(expression, link, corpus, 120, sizes);
        };
        for (const char* expression : cases::pcap_expressions) check(expression);
        for (const char* expression : cases::pcap_cooked_expressions) check(expression);
        const char* name = link == ctbpf::link_type::raw_ip      ? "raw IP"
                           : link == ctbpf::link_type::linux_sll ? "SLL"
                                                                 : "SLL2";
        std::printf("%s: libpcap refuses %d of the expressions; ctbpf too\n", name, refused);
        sizes.print(name);
        EXPECT_GT(refused, 5);
        EXPECT_LT(sizes.geomean(), 1.05);
    }
}

/// `ip broadcast` with the network masks pcap_compile is given (/24, /16, /0, /32), on every link
/// type: the same verdicts as libpcap's; without a mask both refuse it.
TEST(PcapFilter, IpBroadcastWithANetmaskAsLibpcap) {
    for (const ctbpf::link_type link : {ctbpf::link_type::ethernet, ctbpf::link_type::raw_ip,
                                        ctbpf::link_type::linux_sll, ctbpf::link_type::linux_sll2}) {
        const auto corpus = frames_on(link);
        size_table sizes;
        for (const std::uint32_t netmask : {0xffffff00u, 0xffff0000u, 0u, 0xfffffffeu})
            for (const char* e : cases::pcap_broadcast_expressions) {
                if (libpcap_program(e, 0, link, netmask).empty()) {
                    EXPECT_FALSE(ctbpf::compile_pcap_filter(e, link, 262144, true, netmask)) << e;
                    continue;
                }
                expect_libpcap_verdicts(e, link, corpus, link == ctbpf::link_type::ethernet ? 600 : 120, sizes,
                                        netmask);
            }
        EXPECT_GE(sizes.compared, 16) << dlt_of(link);  // 4 masks by at least 4 expressions
        EXPECT_TRUE(libpcap_program("ip broadcast", 0, link).empty());
        EXPECT_EQ(ctbpf::compile_pcap_filter("ip broadcast", link).error, ctbpf::pcap_filter_problem::needs_the_system);
    }
}

/// Any expressions, one per line, from the file named by CTBPF_PCAP_EXPRESSIONS (a developer's
/// check of new expressions; skipped without it), on every link type: where libpcap compiles one,
/// the same verdicts as above; where it refuses one, ctbpf refuses it too.
TEST(PcapFilter, ExpressionsFromAFileAgreeWithLibpcap) {
    const char* path = std::getenv("CTBPF_PCAP_EXPRESSIONS");
    if (path == nullptr) GTEST_SKIP() << "CTBPF_PCAP_EXPRESSIONS names no file";
    std::ifstream in(path);
    ASSERT_TRUE(in) << path;
    std::vector<std::string> expressions;
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) expressions.push_back(line);
    for (const ctbpf::link_type link : {ctbpf::link_type::ethernet, ctbpf::link_type::raw_ip,
                                        ctbpf::link_type::linux_sll, ctbpf::link_type::linux_sll2}) {
        const auto corpus = frames_on(link);
        size_table sizes;
        for (const std::string& e : expressions) {
            if (libpcap_program(e.c_str(), 0, link).empty()) {
                const ctbpf::pcap_filter_result ours = ctbpf::compile_pcap_filter(e, link);
                EXPECT_FALSE(ours) << e << " on link " << dlt_of(link) << ": libpcap refuses it";
                if (!ours)
                    std::printf("refused on link %d: %s: %s\n", dlt_of(link), e.c_str(), ours.error_message().c_str());
                continue;
            }
            expect_libpcap_verdicts(e.c_str(), link, corpus, link == ctbpf::link_type::ethernet ? 600 : 120, sizes);
        }
        if (sizes.compared > 0) sizes.print(std::to_string(dlt_of(link)).c_str());
    }
}

TEST(PcapFilter, RefusalsNameTheProblemAndColumn) {
    for (const auto& r : cases::pcap_refusals) {
        const ctbpf::pcap_filter_result got = ctbpf::compile_pcap_filter(r.expression, r.link);
        EXPECT_FALSE(got) << r.expression;
        EXPECT_EQ(got.error, r.problem) << r.expression << ": " << got.error_message();
        EXPECT_EQ(got.column, r.column) << r.expression << ": " << got.error_message();
        // what is no pcap-filter (rather than what ctbpf does not compile), libpcap refuses too;
        // `inbound` or `ifindex` after `pppoes` libpcap compiles into a load that is neither (past its
        // ancillary base, or the hardware type: docs/pcap-filter.md), which ctbpf refuses
        using enum ctbpf::pcap_filter_problem;
        const std::string_view e(r.expression);
        const bool ctbpf_only = r.problem == not_supported || r.problem == needs_the_system ||
                                r.problem == too_complex || e.ends_with("bound") ||
                                (e.starts_with("pppoes") && e.find("ifindex") != std::string_view::npos);
        if (!ctbpf_only) {
            EXPECT_TRUE(libpcap_program(r.expression, 0, r.link).empty()) << r.expression << ": libpcap compiles it";
        }
    }
}

}  // namespace
