// Compile-fail tests of text the kernel's verifier rejects, one per rule (CTBPF_REJECTED_CASE
// names the case): the error names the rule, then the line and column where the instruction was
// written (errors.hpp: <problem>_at<Line, Column>). Without CTBPF_COMPILE_FAIL, each case's
// corrected text is its compiling twin (all of them when no case is named).
#include <ctbpf/parse.hpp>

#include <array>
#include <cstddef>
#include <string_view>
#include <utility>

namespace {
using ctbpf::profile;
using ctbpf::text_format;

// ja over `Loads` copies of `ld [1]` (14 eBPF instructions each in the kernel's conversion).
template <std::size_t Loads>
constexpr auto far_jump_source() {
    constexpr std::string_view head = "ja end\n", load = "ld [1]\n", tail = "end: ret a";
    std::array<char, head.size() + Loads * load.size() + tail.size()> out{};
    std::size_t at = 0;
    const auto put = [&](std::string_view s) {
        for (char c : s) out[at++] = c;
    };
    put(head);
    for (std::size_t i = 0; i < Loads; ++i) put(load);
    put(tail);
    return out;
}
constexpr auto too_far = far_jump_source<2341>();
constexpr auto not_too_far = far_jump_source<2340>();

struct rejected_case {
    std::string_view name;
    text_format format;
    profile prof;
    std::string_view source, fixed;
};
// clang-format off
constexpr std::array cases{
    rejected_case{"opcode not allowed", text_format::tcpdump_dd, profile::socket_filter,
                  "{ 0x0, 0, 0, 0x00000001 },\n{ 0x0e, 0, 0, 0x00000000 },\n", "{ 0x0, 0, 0, 0x00000001 },\n{ 0x16, 0, 0, 0x00000000 },\n"},
    rejected_case{"division by zero", text_format::bpf_asm, profile::socket_filter, "ld #1\n  div #0\nret a", "ld #1\n  div #1\nret a"},
    rejected_case{"shift by 32", text_format::bpf_asm, profile::socket_filter, "ld #1\nlsh #32\nret a", "ld #1\nlsh #31\nret a"},
    rejected_case{"scratch index 16", text_format::tcpdump_dd, profile::socket_filter,
                  "{ 0x2, 0, 0, 0x00000010 },\n{ 0x16, 0, 0, 0x00000000 },\n", "{ 0x2, 0, 0, 0x0000000f },\n{ 0x16, 0, 0, 0x00000000 },\n"},
    rejected_case{"jump past the end", text_format::tcpdump_dd, profile::socket_filter,
                  "{ 0x5, 0, 0, 0x00000001 },\n{ 0x6, 0, 0, 0x00000000 },\n", "{ 0x5, 0, 0, 0x00000000 },\n{ 0x6, 0, 0, 0x00000000 },\n"},
    rejected_case{"unknown ancillary", text_format::bpf_asm, profile::socket_filter, "ld [0xfffff0ff]\nret a", "ld [0xfffff004]\nret a"},
    rejected_case{"last is not a return", text_format::bpf_asm, profile::socket_filter, "ret #0\nld #1", "ld #1\nret #0"},
    rejected_case{"read before write", text_format::bpf_asm, profile::socket_filter, "ld M[3]\nret a", "st M[3]\nld M[3]\nret a"},
    rejected_case{"seccomp opcode", text_format::bpf_asm, profile::seccomp, "ldh [0]\nret a", "ld [0]\nret a"},
    rejected_case{"seccomp past the data", text_format::bpf_asm, profile::seccomp, "ld [64]\nret a", "ld [60]\nret a"},
    rejected_case{"jump too far after conversion", text_format::bpf_asm, profile::socket_filter,
                  {too_far.data(), too_far.size()}, {not_too_far.data(), not_too_far.size()}},
    rejected_case{"seccomp misaligned", text_format::bpf_asm, profile::seccomp, "ld [2]\nret a", "ld [4]\nret a"},
};
// clang-format on
template <std::size_t I, bool Fixed>
constexpr auto parsed() {
    constexpr std::string_view text = Fixed ? cases[I].fixed : cases[I].source;
    return ctbpf::parse<ctbpf::to_fixed_string<text.size()>(text), cases[I].format, cases[I].prof>();
}
#ifdef CTBPF_REJECTED_CASE
constexpr std::size_t find(std::string_view name) {
    for (std::size_t i = 0; i < cases.size(); ++i)
        if (cases[i].name == name) return i;
    return cases.size();
}
constexpr std::size_t index = find(CTBPF_REJECTED_CASE);
static_assert(index < cases.size(), "CTBPF_REJECTED_CASE names no case");
#ifdef CTBPF_COMPILE_FAIL
[[maybe_unused]] constexpr auto image = parsed<index, false>();
#else
[[maybe_unused]] constexpr auto image = parsed<index, true>();
#endif
#else
// The twins: every corrected text parses and verifies.
static_assert([]<std::size_t... I>(std::index_sequence<I...>) {
    return ((parsed<I, true>().size() > 0) && ...);
}(std::make_index_sequence<cases.size()>{}));
#endif
}  // namespace
