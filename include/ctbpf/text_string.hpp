// ctbpf/text_string.hpp — run-time convenience beside the core: any program as std::string in
// one of the text formats of text.hpp.
// Usage: std::cout << ctbpf::to_string(image, ctbpf::text_format::bpf_asm);
#pragma once

#include <ranges>
#include <string>

#include "detail/config.hpp"
#include "text.hpp"

namespace CTBPF_NAMESPACE {

namespace detail {
struct string_sink {
    std::string& s;
    void put(char c) { s.push_back(c); }
};
}  // namespace detail

/// The program (std::array, span, vector... of sock_filter) as text in `format`.
template <program_range Program>
std::string to_string(const Program& program, text_format format = text_format::tcpdump_d) {
    std::string s;
    detail::string_sink sink{s};
    detail::write_text(sink, std::ranges::data(program), std::ranges::size(program), format);
    return s;
}

}  // namespace CTBPF_NAMESPACE
