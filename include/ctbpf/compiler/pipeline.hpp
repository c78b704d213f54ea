// ctbpf/compiler/pipeline.hpp (internal) — the one pipeline of every front end at compile time:
// what a front end generated is verified, optimized (compiler/optimizer.hpp, over as many constant
// evaluations as the program needs) and returned as an exact-size std::array. The filter language,
// tcpdump expressions, seccomp policies and ctbpf::optimize<image>() all end in detail::finish.
// Usage (internal): return detail::finish<unoptimized_v<...>, profile::socket_filter, Optimization>();
#pragma once

#include <array>
#include <cstddef>

#include "../detail/config.hpp"
#include "../detail/report.hpp"
#include "../encoding.hpp"
#include "../errors.hpp"
#include "../verify.hpp"
#include "optimizer.hpp"

namespace CTBPF_NAMESPACE {

/// Whether a front end runs the optimizer: ctbpf::compile<filter, profile, ctbpf::no_optimize>().
enum class optimization : bool { off, on };
inline constexpr optimization no_optimize = optimization::off;

namespace detail {
/// Work per constant evaluation (compiler/round.hpp counts it): a long program is optimized
/// over several evaluations, each within Clang's default 1,048,576 steps and GCC's 33M operations.
/// Measured on 4096-instruction programs, the costliest evaluation took about half of Clang's
/// limit with 6000 units (an indivisible phase; 9000 units took 70 %) and a quarter of GCC's with
/// 16000; every evaluation copies the optimizer's state, so GCC's larger limit is spent on fewer
/// of them (docs/optimizer.md, "Compile time").
#if defined(__clang__)
inline constexpr std::size_t optimizer_budget = 6000;
#else
inline constexpr std::size_t optimizer_budget = 16000;
#endif

template <const auto& Image, profile Profile, std::size_t K>
consteval compiler::optimizer optimizer_stage();
/// The optimizer of Image (verified for Profile) after K + 1 evaluations.
template <const auto& Image, profile Profile, std::size_t K>
inline constexpr compiler::optimizer optimizer_stage_v = optimizer_stage<Image, Profile, K>();

template <const auto& Image, profile Profile, std::size_t K>
consteval compiler::optimizer optimizer_stage() {
    if constexpr (K == 0) {
        compiler::optimizer o{};
        o.start(Image.data(), Image.size(), Profile, true);  // the callers verify it first
        o.advance(optimizer_budget);
        return o;
    } else {
        compiler::optimizer o = optimizer_stage_v<Image, Profile, K - 1>;
        o.advance(optimizer_budget);
        return o;
    }
}

/// Image optimized (its size and instructions), computed over as many evaluations as it needs.
template <const auto& Image, profile Profile, std::size_t K = 0>
consteval const compiler::image_buffer& optimized() {
    if constexpr (optimizer_stage_v<Image, Profile, K>.done())
        return optimizer_stage_v<Image, Profile, K>.result();
    else
        return optimized<Image, Profile, K + 1>();
}

/// The first N instructions of r (N = r.size: the caller names it, since clang++ 14 takes no
/// function call as a reference template argument).
template <std::size_t N>
consteval std::array<sock_filter, N> image_of_buffer(const compiler::image_buffer& r) {
    std::array<sock_filter, N> out{};
    for (std::size_t i = 0; i < N; ++i) out[i] = r.code[i];
    return out;
}
/// The steps every front end ends with, once it has generated Image (a constexpr
/// std::array<sock_filter, N> with static storage): verify it for Profile (a rejection is the
/// compile error naming the rule and the instruction), optimize it unless Optimization is off,
/// and return the exact-size std::array. A constexpr (not consteval) function template, so that
/// a rejection is one error line, not a second one that prints the program.
template <const auto& Image, profile Profile, optimization Optimization>
constexpr auto finish() {
    if constexpr (constexpr verify_result v = verify(Image, Profile); !v) {
        (void)rejected<instruction_problem{link_error::none, v.error}, culprit_index(v, Image.size())>;
        return Image;
    } else if constexpr (Optimization == optimization::on) {
        constexpr const compiler::image_buffer& r = optimized<Image, Profile>();
        return image_of_buffer<r.size>(r);
    } else {
        return Image;
    }
}
}  // namespace detail

}  // namespace CTBPF_NAMESPACE
