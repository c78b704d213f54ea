// ctbpf/compiler/optimizer.hpp (internal) — the optimizer's driver: rounds of
// compiler/round.hpp until nothing changes, as a resumable computation so that a compile-time
// caller can spread a long program over several constant evaluations (ctbpf/optimize.hpp), and
// optimize_all for run time (ctbpf/optimize_vector.hpp). No heap.
#pragma once

#include <cstddef>
#include <cstdint>

#include "../detail/config.hpp"
#include "../encoding.hpp"
#include "../verify.hpp"
#include "emit.hpp"
#include "graph.hpp"
#include "round.hpp"

namespace CTBPF_NAMESPACE::detail::compiler {

/// The optimizer as a resumable computation: advance(budget) does about `budget` units of work
/// (one unit is roughly one instruction visited by one pass) and stops, so that a compile-time
/// caller can spread a long program over several constant evaluations, each within the
/// compilers' default limits. About 2 MB: the run-time API puts it on the heap.
class optimizer {
public:
    /// Starts on p[0, n). A program that does not verify for `prof` is the result as it is
    /// (`verified`: the caller has checked that it does).
    constexpr void start(const sock_filter* p, std::size_t n, profile prof, bool verified = false) {
        prof_ = prof;
        out_.size = n;
        for (std::size_t i = 0; i < n && i < max_instructions; ++i) out_.code[i] = p[i];
        input_ = out_;
        phase_ = (n == 0 || n > max_instructions) ? phase::done : verified ? phase::lift : phase::verify;
        rounds_ = 0;
    }

    /// Works until about `budget` units are done or the optimizer is finished; true when finished.
    constexpr bool advance(std::size_t budget) {
        std::size_t work = 0;
        while (phase_ != phase::done && work < budget) {
            switch (phase_) {
                case phase::verify:
                    work += 6 * out_.size;
                    phase_ = verify(out_.code.data(), out_.size, prof_) ? phase::lift : phase::done;
                    break;
                case phase::lift:
                    step_.reset(out_.code.data(), out_.size, prof_ == profile::seccomp);
                    work += 2 * out_.size;
                    cursor_ = 0;
                    phase_ = phase::forward;
                    break;
                case phase::forward:
                    while (cursor_ < step_.size() && work < budget) work += step_.forward(cursor_++);
                    if (cursor_ == step_.size()) phase_ = phase::backward;
                    break;
                case phase::backward:
                    for (; cursor_ > 0 && work < budget; ++work) {
                        step_.uniform_verdict(--cursor_);
                        step_.backward(cursor_);
                    }
                    if (cursor_ == 0) {
                        code_.reset(out_.size);
                        cursor_ = step_.size();
                        // a round of the emitter's own output that changes nothing reproduces it
                        phase_ = step_.changed() || rounds_ == 0 ? phase::emit : phase::check;
                    }
                    break;
                case phase::emit:
                    for (; cursor_ > 0 && work < budget; work += 4) step_.emit(code_, --cursor_);
                    if (cursor_ == 0) phase_ = phase::check;
                    break;
                case phase::check:  // keep the round when it fits and is no longer; another?
                    work += out_.size;
                    phase_ = conclude() ? phase::lift : phase::final_check;
                    break;
                default:  // final_check: a result that does not verify is replaced by the input
                    work += 6 * out_.size;
                    if (!verify(out_.code.data(), out_.size, prof_)) out_ = input_;
                    phase_ = phase::done;
                    break;
            }
        }
        return phase_ == phase::done;
    }

    constexpr bool done() const noexcept { return phase_ == phase::done; }
    constexpr const image_buffer& result() const noexcept { return out_; }

private:
    enum class phase : std::uint8_t { verify, lift, forward, backward, emit, check, final_check, done };

    /// Ends a round: true when another one may improve the result.
    constexpr bool conclude() {
        if (rounds_ > 0 && !step_.changed()) return false;
        if (!step_.finish(code_, next_) || next_.size > out_.size) return false;
        bool same = next_.size == out_.size;
        for (std::size_t i = 0; same && i < out_.size; ++i) same = same_instruction(next_.code[i], out_.code[i]);
        out_ = next_;
        return !same && ++rounds_ < max_rounds;
    }

    round step_{};
    emitter code_{};
    image_buffer input_{}, out_{}, next_{};
    profile prof_ = profile::socket_filter;
    phase phase_ = phase::done;
    std::size_t cursor_ = 0, rounds_ = 0;
};

/// Optimizes p[0, n) with `o` in one go: o.result() is the program.
constexpr void optimize_all(optimizer& o, const sock_filter* p, std::size_t n, profile prof) {
    o.start(p, n, prof);
    while (!o.advance(~std::size_t{0})) {}
}

}  // namespace CTBPF_NAMESPACE::detail::compiler
