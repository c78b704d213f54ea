// ctbpf/optimize.hpp — the optimizer for any classic BPF program, at compile time: a shorter (or
// equal) program with the same verdict on every packet, truncated ones included, and every
// context (docs/optimizer.md). The filter language runs it by default.
// Usage: constexpr auto small = ctbpf::optimize<image>();            // std::array<sock_filter, M>
//        constexpr auto policy = ctbpf::optimize<image, ctbpf::profile::seccomp>();
// At run time: ctbpf/optimize_vector.hpp, ctbpf::optimize(std::span<const sock_filter>).
#pragma once

#include <array>
#include <cstddef>

#include "compiler/pipeline.hpp"
#include "detail/config.hpp"
#include "verify.hpp"

namespace CTBPF_NAMESPACE {

/// `Image` (a constexpr std::array<sock_filter, N> with static storage, verified for `Profile`)
/// optimized: a std::array<sock_filter, M>, M <= N, that verifies for `Profile` and returns what
/// `Image` returns on every input. A program that does not verify is a compile error naming the
/// rule and the instruction, as verify reports it.
template <const auto& Image, profile Profile = profile::socket_filter>
constexpr auto optimize() {
    return detail::finish<Image, Profile, optimization::on>();
}

}  // namespace CTBPF_NAMESPACE
