// ctbpf/optimize_vector.hpp — run-time convenience beside the core: the optimizer
// (ctbpf/optimize.hpp, docs/optimizer.md) on any program held in a range, into a std::vector.
// Usage: std::vector<sock_filter> small = ctbpf::optimize(program);   // span, vector, array...
#pragma once

#include <memory>
#include <span>
#include <vector>

#include "compiler/optimizer.hpp"
#include "detail/config.hpp"
#include "encoding.hpp"
#include "verify.hpp"

namespace CTBPF_NAMESPACE {

/// `program` optimized for `prof`: no longer than it, verified, the same verdict on every input.
/// A program that does not verify comes back unchanged (check ctbpf::verify first).
inline std::vector<sock_filter> optimize(std::span<const sock_filter> program, profile prof = profile::socket_filter) {
    // The working storage (about 2 MB) lives on the heap, once per thread.
    thread_local const std::unique_ptr<detail::compiler::optimizer> o(new detail::compiler::optimizer);
    detail::compiler::optimize_all(*o, program.data(), program.size(), prof);
    const detail::compiler::image_buffer& out = o->result();
    if (out.size > max_instructions) return {program.begin(), program.end()};
    return {out.code.begin(), out.code.begin() + static_cast<std::ptrdiff_t>(out.size)};
}

}  // namespace CTBPF_NAMESPACE
