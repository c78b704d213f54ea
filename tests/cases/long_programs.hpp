// Long programs for the native path's compile-time limits (tests/native/native_test.cpp,
// bench/compile_time/native_size.cpp): N instructions where every fourth is a join, the shape
// that made per-edge inlining explode.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include <ctbpf/encoding.hpp>

namespace cases {

/// Groups of `ldb [i % 64]; jeq #i, 0, 1; add #1; add #2` (both paths meet at `add #2`), padded
/// with `add #3` and closed by `ret a`. N >= 2.
template <std::size_t N>
constexpr std::array<ctbpf::sock_filter, N> join_ladder() {
    namespace op = ctbpf::bpf;
    const auto code = [](int c) { return static_cast<std::uint16_t>(c); };
    std::array<ctbpf::sock_filter, N> p{};
    std::size_t i = 0;
    for (std::uint32_t g = 0; i + 4 < N; ++g) {
        p[i++] = {code(op::ld | op::b | op::abs), 0, 0, g % 64};
        p[i++] = {code(op::jmp | op::jeq | op::k), 0, 1, g & 0xff};
        p[i++] = {code(op::alu | op::add | op::k), 0, 0, 1};
        p[i++] = {code(op::alu | op::add | op::k), 0, 0, 2};
    }
    while (i + 1 < N) p[i++] = {code(op::alu | op::add | op::k), 0, 0, 3};
    p[i] = {code(op::ret | op::a), 0, 0, 0};
    return p;
}

}  // namespace cases
