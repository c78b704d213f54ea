// Test support: seeded generators of classic BPF programs, biased toward programs the kernel
// accepts (valid opcodes, in-range jumps, M[] stored before it is read) but free to produce
// out-of-bounds loads, zero divisors in X and every instruction class.
#pragma once

#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

#include <ctbpf/encoding.hpp>

namespace ctbpf_test {

struct program_generator {
    std::mt19937 rng;
    bool with_ancillary = true;      ///< include ancillary loads
    bool deterministic_only = true;  ///< leave out rand, cpu, rxhash, poff

    explicit program_generator(std::uint32_t seed) : rng(seed) {}

    std::uint32_t pick(std::uint32_t n) { return std::uniform_int_distribution<std::uint32_t>(0, n - 1)(rng); }
    std::uint32_t offset() {
        switch (pick(6)) {
            case 0: return pick(80);
            case 1: return pick(16) + 10;
            case 2: return ctbpf::net_offset + pick(40);
            case 3: return ctbpf::ll_offset + pick(40);
            case 4: return 0xfffffff0u + pick(16);
            default: return pick(1600);
        }
    }
    std::uint32_t constant() {
        switch (pick(5)) {
            case 0: return pick(4);
            case 1: return pick(256);
            case 2: return 0xffffffffu - pick(4);
            case 3: return 0x80000000u + pick(4);
            default: return static_cast<std::uint32_t>(rng());
        }
    }
    std::uint32_t ancillary() {
        static constexpr std::uint32_t deterministic[] = {0, 4, 8, 12, 16, 20, 24, 28, 40, 44, 48, 60};
        static constexpr std::uint32_t all[] = {0, 4, 8, 12, 16, 20, 24, 28, 32, 36, 40, 44, 48, 52, 56, 60};
        return ctbpf::ancillary_offset + (deterministic_only ? deterministic[pick(12)] : all[pick(16)]);
    }

    /// A program of `length` instructions (>= 2) the kernel should accept.
    std::vector<sock_filter> valid(std::size_t length) {
        std::vector<sock_filter> p(length);
        std::uint16_t stored = 0;
        for (std::size_t i = 0; i + 1 < length; ++i) {
            const std::size_t room = length - i - 1;  // instructions after this one
            sock_filter& f = p[i];
            f = {0, 0, 0, 0};
            // clang-format off
            switch (pick(14)) {
                case 0: {
                    static constexpr std::uint16_t codes[] = {0x20, 0x28, 0x30};
                    f.code = codes[pick(3)];
                    f.k = (with_ancillary && pick(4) == 0) ? ancillary() : offset();
                    break;
                }
                case 1: {
                    static constexpr std::uint16_t codes[] = {0x40, 0x48, 0x50};
                    f.code = codes[pick(3)];
                    f.k = offset();
                    break;
                }
                case 2: f.code = pick(2) ? 0x00 : 0x01; f.k = constant(); break;
                case 3: f.code = pick(2) ? 0x80 : 0x81; break;
                case 4: f.code = 0xb1; f.k = pick(3) ? 14 : offset(); break;
                case 5: {
                    f.code = pick(2) ? 0x02 : 0x03;
                    f.k = pick(16);
                    stored = static_cast<std::uint16_t>(stored | (1u << f.k));
                    break;
                }
                case 6: {
                    if (stored == 0) { f.code = 0x07; break; }
                    std::uint32_t cell = pick(16);
                    while (!(stored & (1u << cell))) cell = (cell + 1) % 16;
                    f.code = pick(2) ? 0x60 : 0x61;
                    f.k = cell;
                    break;
                }
                case 7: case 8: {
                    static constexpr std::uint16_t ops[] = {0x00, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0x90, 0xa0};
                    const std::uint16_t op = ops[pick(10)];
                    const bool use_x = pick(2) == 1;
                    f.code = static_cast<std::uint16_t>(0x04 | op | (use_x ? 0x08 : 0));
                    if (!use_x) {
                        f.k = constant();
                        if ((op == 0x30 || op == 0x90) && f.k == 0) f.k = pick(2) ? 1 : 0xffffffffu;
                        if (op == 0x60 || op == 0x70) f.k = pick(3) ? pick(32) : 31 - pick(2);  // near the edge
                    }
                    break;
                }
                case 9: f.code = 0x84; break;
                case 10: f.code = pick(2) ? 0x07 : 0x87; break;
                case 11: {
                    // jumps merge paths: forget which cells are known to be stored
                    f.code = 0x05;
                    f.k = pick(static_cast<std::uint32_t>(room));
                    stored = 0;
                    break;
                }
                case 12: case 13: {
                    static constexpr std::uint16_t ops[] = {0x10, 0x20, 0x30, 0x40};
                    const bool use_x = pick(2) == 1;
                    f.code = static_cast<std::uint16_t>(0x05 | ops[pick(4)] | (use_x ? 0x08 : 0));
                    f.k = use_x ? 0 : constant();  // compilers leave k 0 where it is unused
                    const std::uint32_t span = static_cast<std::uint32_t>(room < 256 ? room : 256);
                    f.jt = static_cast<std::uint8_t>(pick(4) ? pick(span) : span - 1);  // now and then to the far end
                    f.jf = static_cast<std::uint8_t>(pick(4) ? pick(span) : span - 1);
                    stored = 0;
                    break;
                }
            }
            // clang-format on
            if (pick(12) == 0 && i + 2 < length) {  // an early return now and then
                f = pick(2) ? sock_filter{0x06, 0, 0, constant()} : sock_filter{0x16, 0, 0, 0};
                stored = 0;
            }
        }
        p[length - 1] =
            pick(2) ? sock_filter{0x06, 0, 0, pick(2) ? 0xffffffffu : pick(100)} : sock_filter{0x16, 0, 0, 0};
        return p;
    }

    /// A length for valid(): mostly short, sometimes near the kernel's 4096.
    std::size_t length() {
        switch (pick(50)) {
            case 0: return 4096 - pick(8);
            case 1: return 1000 + pick(3000);
            default: return 2 + pick(pick(4) ? 30 : 200);
        }
    }

    /// One field of one instruction changed: near-valid programs, at the verifier's edges.
    std::vector<sock_filter> mutate(std::vector<sock_filter> p) {
        sock_filter& f = p[pick(static_cast<std::uint32_t>(p.size()))];
        switch (pick(6)) {
            case 0: f.code = static_cast<std::uint16_t>(pick(3) ? pick(256) : rng() & 0xffff); break;
            case 1: f.code = static_cast<std::uint16_t>(f.code ^ (1u << pick(8))); break;
            case 2: f.jt = static_cast<std::uint8_t>(pick(256)); break;
            case 3: f.jf = static_cast<std::uint8_t>(pick(256)); break;
            case 4: f.k = constant(); break;
            default: f.k = f.k + pick(3) - 1; break;
        }
        return p;
    }

    /// Arbitrary instruction words: for crash-freedom, not validity.
    std::vector<sock_filter> arbitrary(std::size_t length) {
        std::vector<sock_filter> p(length);
        for (auto& f : p)
            f = {static_cast<std::uint16_t>(pick(3) ? pick(256) : rng() & 0xffff), static_cast<std::uint8_t>(pick(256)),
                 static_cast<std::uint8_t>(pick(256)), pick(2) ? constant() : offset()};
        return p;
    }

    /// A frame of 14..160 bytes with a non-VLAN ethertype (the kernel untags VLAN frames).
    std::vector<std::uint8_t> frame() {
        std::vector<std::uint8_t> f(14 + pick(147));
        for (auto& b : f) b = static_cast<std::uint8_t>(rng());
        if (pick(3) == 0)
            for (int i = 0; i < 6; ++i) f[i] = 0;
        static constexpr std::uint16_t types[] = {0x0800, 0x0806, 0x86dd, 0x88b5, 0x0600};
        const std::uint16_t t = types[pick(5)];
        f[12] = static_cast<std::uint8_t>(t >> 8);
        f[13] = static_cast<std::uint8_t>(t);
        if (f.size() > 14 && pick(2)) f[14] = static_cast<std::uint8_t>(0x40 | pick(16));  // an IHL nibble
        return f;
    }
};

}  // namespace ctbpf_test
