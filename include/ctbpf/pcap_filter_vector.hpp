// ctbpf/pcap_filter_vector.hpp — run-time convenience beside the core: a tcpdump expression
// compiled when the program runs (the same parser, code generator and optimizer as
// ctbpf::pcap_filter<"...">()), into a std::vector, or an error with its column and a message.
// Usage: auto r = ctbpf::compile_pcap_filter(argv[1]);
//        if (!r) std::cerr << r.error_message() << '\n'; else attach(fd, r.program);
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "detail/config.hpp"
#include "optimize_vector.hpp"
#include "pcap_filter/lower.hpp"
#include "pcap_filter/parse.hpp"
#include "verify.hpp"

namespace CTBPF_NAMESPACE {

/// A compiled expression, or the problem and its column (from 1).
struct pcap_filter_result {
    std::vector<sock_filter> program;
    pcap_filter_problem error = pcap_filter_problem::none;
    std::uint32_t column = 0;

    explicit operator bool() const noexcept { return error == pcap_filter_problem::none; }
    /// "column 17: expected a port number or a service name"
    std::string error_message() const {
        return "column " + std::to_string(column) + ": " + std::string(describe(error));
    }
};

/// Compiles `expression` for `link`, accepting with `snaplen` (tcpdump's 262144 by default),
/// optimized unless `optimize_it` is false, for a network with mask `netmask` (pcap_compile's
/// argument: only `ip broadcast` needs it). Never throws for bad input: it returns the problem.
inline pcap_filter_result compile_pcap_filter(std::string_view expression, link_type link = link_type::ethernet,
                                              std::uint32_t snaplen = 262144, bool optimize_it = true,
                                              std::uint32_t netmask = netmask_unknown) {
    pcap_filter_result r;
    struct workspace {  // about 400 KB: on the heap
        detail::pcap_filter::expression x;
        detail::compiler::emitter e;
        detail::pcap_filter::generated g;
    };
    const auto w = std::make_unique<workspace>();
    detail::pcap_filter::generate(expression, link, snaplen, netmask, w->x, w->e, w->g);
    r.error = w->g.error;
    r.column = w->g.column;
    if (r.error != pcap_filter_problem::none) return r;
    r.program.assign(w->g.code.begin(), w->g.code.begin() + static_cast<std::ptrdiff_t>(w->g.size));
    if (optimize_it) r.program = optimize(r.program);
    return r;
}

}  // namespace CTBPF_NAMESPACE
