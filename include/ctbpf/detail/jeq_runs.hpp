// Internal: runs of `jeq #k` with one true target (`port 1 or port 2 or ...`, the sets of libpcap's
// and ctbpf's programs), which the fast engines test as one set of ranges instead of one
// comparison each: the decoded interpreter (decoded.hpp) and the native path (native.hpp).
// Needs only the standard library; constexpr, so both engines find the same runs.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "../encoding.hpp"
#include "config.hpp"
#include "sort.hpp"

namespace CTBPF_NAMESPACE::detail {

/// A run shorter than this stays a run of comparisons.
inline constexpr std::size_t shortest_jeq_run = 4;

/// Whether the `jeq #k` at j, when false, falls through to a `jeq #k` with the same true target.
constexpr bool jeq_run_continues(const sock_filter* p, std::size_t n, std::size_t j) noexcept {
    using bpf::opcode::jeq_k;
    return p[j].code == jeq_k && p[j].jf == 0 && j + 1 < n && p[j + 1].code == jeq_k &&
           j + 1 + p[j].jt == j + 2 + p[j + 1].jt;
}

/// How many instructions from i on form a run (1 for a lone `jeq #k`, 0 for anything else). Where
/// the run's comparison is false it goes to the false target of its last instruction; where it is
/// true, to the common true target. Only a run's first instruction starts one (0 inside a run, so
/// that a jump into the middle of a run runs its comparisons one by one, and each run is read
/// once: the engines stay linear in the program's length).
constexpr std::size_t jeq_run_length(const sock_filter* p, std::size_t n, std::size_t i) noexcept {
    if (i >= n || p[i].code != (bpf::jmp | bpf::jeq | bpf::k)) return 0;
    if (i > 0 && jeq_run_continues(p, n, i - 1)) return 0;
    std::size_t length = 1;
    while (jeq_run_continues(p, n, i + length - 1)) ++length;
    return length;
}

/// Where the run of `length` at i goes when its comparison holds (the common true target) and
/// when it does not (the false target of its last instruction).
constexpr std::size_t jeq_run_true_target(const sock_filter* p, std::size_t i) noexcept { return i + 1 + p[i].jt; }
constexpr std::size_t jeq_run_false_target(const sock_filter* p, std::size_t i, std::size_t length) noexcept {
    return i + length + p[i + length - 1].jf;
}

/// The values of the run of `length` at i as sorted, disjoint, non-adjacent ranges: lo and hi of
/// range r at out[2r] and out[2r + 1]. `out` holds 2 × length words; returns the number of ranges.
constexpr std::size_t jeq_run_ranges(const sock_filter* p, std::size_t i, std::size_t length,
                                     std::uint32_t* out) noexcept {
    std::uint32_t* const values = out + length;  // the values in the upper half, sorted there
    for (std::size_t j = 0; j < length; ++j) values[j] = p[i + j].k;
    sort_keys(values, out, length);  // the lower half is free until the ranges are written
    std::size_t ranges = 0;
    for (std::size_t j = 0; j < length; ++j) {
        const std::uint32_t v = values[j];  // read before range `ranges` is written (2r + 1 <= length + j)
        if (ranges > 0 && out[2 * ranges - 1] != 0xffffffffu && v <= out[2 * ranges - 1] + 1) {
            out[2 * ranges - 1] = std::max(out[2 * ranges - 1], v);
            continue;
        }
        out[2 * ranges] = v;
        out[2 * ranges + 1] = v;
        ++ranges;
    }
    return ranges;
}

/// Whether `a` lies in one of the `n` ranges at `r` (as jeq_run_ranges writes them).
constexpr bool in_ranges(const std::uint32_t* r, std::size_t n, std::uint32_t a) noexcept {
    while (n > 1) {  // the last range whose lo <= a
        const std::size_t half = n / 2;
        if (r[2 * half] <= a) {
            r += 2 * half;
            n -= half;
        } else {
            n = half;
        }
    }
    return r[0] <= a && a <= r[1];
}

}  // namespace CTBPF_NAMESPACE::detail
