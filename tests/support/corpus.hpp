// Test support: a deterministic corpus of Ethernet frames with a realistic mix: untagged,
// 802.1Q/802.1ad and QinQ tags; IPv4 with and without options, fragments; IPv6; ARP; TCP, UDP,
// ICMP and ICMPv6 with ports and addresses that filters care about; truncated captures.
#pragma once

#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

namespace ctbpf_test {

class corpus_generator {
public:
    explicit corpus_generator(std::uint32_t seed) : rng_(seed) {}

    std::vector<std::vector<std::uint8_t>> make(std::size_t count) {
        std::vector<std::vector<std::uint8_t>> frames;
        frames.reserve(count);
        for (std::size_t i = 0; i < count; ++i) frames.push_back(frame());
        return frames;
    }

    std::vector<std::uint8_t> frame() {
        std::vector<std::uint8_t> f;
        for (int i = 0; i < 12; ++i) f.push_back(static_cast<std::uint8_t>(rng_()));
        switch (pick(8)) {  // VLAN tags
            case 0:
                put16(f, pick(2) ? 0x8100 : 0x88a8);
                put16(f, pick(4096) | (pick(8) << 13));
                break;
            case 1:
                put16(f, 0x88a8);
                put16(f, pick(4096));
                put16(f, 0x8100);
                put16(f, pick(4096));
                break;
            case 2:
                put16(f, 0x9100);
                put16(f, pick(4096));
                break;
            default: break;
        }
        // clang-format off
        switch (pick(10)) {
            case 0: case 1: case 2: case 3: put16(f, 0x0800); ipv4(f); break;
            case 4: case 5: put16(f, 0x86dd); ipv6(f); break;
            case 6: put16(f, 0x0806); arp(f); break;
            case 7: put16(f, pick(2) ? 0x8035 : 0x88cc); fill(f, pick(60)); break;
            case 8: put16(f, 0x0800); fill(f, pick(30)); break;  // garbage after an IPv4 EtherType
            default: put16(f, 0x0800); ipv4(f); break;
        }
        // clang-format on
        if (pick(7) == 0) f.resize(pick(static_cast<std::uint32_t>(f.size()) + 1));  // truncated capture
        return f;
    }

private:
    std::mt19937 rng_;

    std::uint32_t pick(std::uint32_t n) { return std::uniform_int_distribution<std::uint32_t>(0, n - 1)(rng_); }
    static void put16(std::vector<std::uint8_t>& f, std::uint32_t v) {
        f.push_back(static_cast<std::uint8_t>(v >> 8));
        f.push_back(static_cast<std::uint8_t>(v));
    }
    static void put32(std::vector<std::uint8_t>& f, std::uint32_t v) {
        put16(f, v >> 16);
        put16(f, v & 0xffff);
    }
    void fill(std::vector<std::uint8_t>& f, std::uint32_t n) {
        for (std::uint32_t i = 0; i < n; ++i) f.push_back(static_cast<std::uint8_t>(rng_()));
    }
    std::uint32_t port() {
        static constexpr std::uint32_t interesting[] = {53,   80,   443,  22,   8080, 4999, 5000,
                                                        5001, 5999, 6000, 6001, 0,    65535};
        // clang-format off
        switch (pick(5)) {
            case 0: case 4: return interesting[pick(13)];
            case 1: return 1 + pick(60);
            case 2: return 4990 + pick(1020);
            default: return pick(65536);
        }
        // clang-format on
    }
    std::uint32_t address() {
        switch (pick(4)) {
            case 0: return 0x0a000001;                // 10.0.0.1
            case 1: return 0xc0a80000 | pick(65536);  // 192.168.0.0/16
            case 2: return 0xc0a90000 | pick(65536);  // next to it
            default: return static_cast<std::uint32_t>(rng_());
        }
    }
    void transport(std::vector<std::uint8_t>& f, std::uint32_t proto) {
        switch (proto) {
            case 6:  // TCP
                put16(f, port());
                put16(f, port());
                put32(f, static_cast<std::uint32_t>(rng_()));
                put32(f, 0);
                f.push_back(static_cast<std::uint8_t>(0x50));
                f.push_back(static_cast<std::uint8_t>(pick(4) ? pick(64) : 0x02));
                put16(f, 65535);
                put16(f, 0);
                put16(f, 0);
                fill(f, pick(40));
                break;
            case 17:  // UDP
                put16(f, port());
                put16(f, port());
                put16(f, 8 + pick(100));
                put16(f, 0);
                fill(f, pick(40));
                break;
            default:  // ICMP, ICMPv6, others
                f.push_back(static_cast<std::uint8_t>(pick(20)));
                f.push_back(0);
                put16(f, 0);
                fill(f, pick(40));
                break;
        }
    }
    std::uint32_t protocol() {
        static constexpr std::uint32_t protos[] = {6, 6, 6, 17, 17, 1, 58, 132, 47, 2};
        return protos[pick(10)];
    }
    void ipv4(std::vector<std::uint8_t>& f) {
        const std::uint32_t ihl = pick(4) ? 5 : 5 + pick(11);  // options now and then
        const std::uint32_t proto = protocol();
        f.push_back(static_cast<std::uint8_t>(0x40 | ihl));
        f.push_back(0);
        put16(f, 20 + pick(1480));
        put16(f, pick(65536));
        const std::uint32_t frag =
            pick(5) == 0 ? (pick(2) ? 0x2000 : 0) | (1 + pick(0x1fff)) : (pick(3) ? 0x4000 : 0x2000);
        put16(f, frag);
        f.push_back(64);
        f.push_back(static_cast<std::uint8_t>(proto));
        put16(f, 0);
        put32(f, address());
        put32(f, address());
        fill(f, (ihl - 5) * 4);
        transport(f, proto);
    }
    void ipv6(std::vector<std::uint8_t>& f) {
        const std::uint32_t next = protocol();
        put32(f, 0x60000000);
        put16(f, 40 + pick(100));
        f.push_back(static_cast<std::uint8_t>(next));
        f.push_back(64);
        fill(f, 32);
        transport(f, next);
    }
    void arp(std::vector<std::uint8_t>& f) {
        put16(f, 1);
        put16(f, 0x0800);
        f.push_back(6);
        f.push_back(4);
        put16(f, 1 + pick(2));
        fill(f, 6);
        put32(f, address());
        fill(f, 6);
        put32(f, address());
    }
};

}  // namespace ctbpf_test
