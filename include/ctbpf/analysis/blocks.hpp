// ctbpf/analysis/blocks.hpp (internal) — the basic blocks of a verified program: a block starts
// at the entry, at every jump target and after every jump or return, and ends before the next
// start. ctbpf::native compiles each block into a function (with long straight runs cut), the
// tool's `dot` draws them.
// Usage (internal): analysis::blocks<N> b{}; analysis::find_blocks(p, n, b);
//                   for (std::size_t l = 0; l < n; l = b.end[l]) ... block [l, b.end[l])
#pragma once

#include <cstddef>
#include <cstdint>

#include "../detail/config.hpp"
#include "../encoding.hpp"
#include "instruction.hpp"

namespace CTBPF_NAMESPACE::detail::analysis {

/// Which instructions start a block, and where the block holding each instruction ends.
/// (Built-in arrays: each std::array subscript is a call that Clang's constant-evaluation budget
/// counts, and the blocks of 4096 instructions are found in one evaluation.)
template <std::size_t Capacity>
struct blocks {
    bool leader[Capacity];
    std::uint16_t end[Capacity];  ///< one past the last instruction of the block holding i
};

/// Fills b (value-initialized) for p[0, n), n <= Capacity. A straight run longer than `longest`
/// (0: no limit) is cut into blocks that fall into each other, counted from every start, in
/// index order. Targets at or past n are ignored (verify first).
template <std::size_t Capacity>
constexpr void find_blocks(const sock_filter* p, std::size_t n, blocks<Capacity>& b, std::size_t longest = 0) noexcept {
    if (n == 0) return;
    b.leader[0] = true;
    for (std::size_t i = 0; i < n; ++i) {
        if (!ends_block(p[i].code)) continue;
        const successors s = successors_of(p[i], i);
        for (std::size_t j = 0; j < s.count; ++j)
            if (s.to[j] < n) b.leader[s.to[j]] = true;
        if (i + 1 < n) b.leader[i + 1] = true;
    }
    if (longest != 0)
        for (std::size_t i = 0, run = 0; i < n; ++i, ++run) {
            if (b.leader[i]) run = 0;
            if (run == longest) {
                b.leader[i] = true;
                run = 0;
            }
        }
    for (std::size_t i = n; i-- > 0;)
        b.end[i] = static_cast<std::uint16_t>(i + 1 < n && !b.leader[i + 1] ? b.end[i + 1] : i + 1);
}

}  // namespace CTBPF_NAMESPACE::detail::analysis
