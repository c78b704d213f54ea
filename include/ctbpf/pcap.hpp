// ctbpf/pcap.hpp — libpcap interop (only with libpcap): hand an image to pcap_setfilter as a
// struct bpf_program (a view, no copy), and take pcap_compile's output into ctbpf (then verify it
// for the kernel).
// Usage: auto prog = ctbpf::pcap::as_bpf_program(image); pcap_setfilter(handle, &prog);
#pragma once

#include <pcap/pcap.h>

#include <cstddef>
#include <ranges>
#include <vector>

#include "detail/config.hpp"
#include "concepts.hpp"
#include "encoding.hpp"

namespace CTBPF_NAMESPACE::pcap {

static_assert(sizeof(bpf_insn) == sizeof(sock_filter) && offsetof(bpf_insn, k) == offsetof(sock_filter, k),
              "struct bpf_insn and sock_filter have the same layout");

/// A struct bpf_program over `program`'s storage (keep the program alive while libpcap uses it).
template <ctbpf::program_range Program>
bpf_program as_bpf_program(const Program& program) noexcept {
    return bpf_program{static_cast<u_int>(std::ranges::size(program)),
                       reinterpret_cast<bpf_insn*>(const_cast<sock_filter*>(std::ranges::data(program)))};
}

/// A view of a temporary would dangle: keep the program in a variable.
template <ctbpf::program_range Program>
requires(!std::ranges::borrowed_range<Program>) bpf_program as_bpf_program(const Program&&)
= delete;

/// The instructions of a bpf_program (from pcap_compile), copied.
inline std::vector<sock_filter> from_bpf_program(const bpf_program& prog) {
    std::vector<sock_filter> out;
    out.reserve(prog.bf_len);
    for (u_int i = 0; i < prog.bf_len; ++i)
        out.push_back(sock_filter{prog.bf_insns[i].code, prog.bf_insns[i].jt, prog.bf_insns[i].jf, prog.bf_insns[i].k});
    return out;
}

}  // namespace CTBPF_NAMESPACE::pcap
