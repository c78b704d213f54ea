// libFuzzer target: the tcpdump-expression compiler (ctbpf::compile_pcap_filter) on arbitrary text,
// for every link type. A refusal has a problem and a column within the text (or just after it) and
// no program; a program verifies, fits 4096 instructions, is no longer optimized than not, and the
// optimized and unoptimized programs give the same verdict on a few frames at every capture length
// (the optimizer keeps the meaning on truncated captures).
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include <ctbpf/pcap_filter_vector.hpp>
#include <ctbpf/vm.hpp>

namespace {
// IPv4 TCP 10.0.0.1:1234 -> 192.168.1.1:80 behind a VLAN tag (id 100)
constexpr std::array<std::uint8_t, 58> tagged{
    0, 1,  2, 3, 4,    5, 6,  7, 8, 9, 10,   11,   0x81, 0x00, 0x00, 100, 0x08, 0x00, 0x45, 0,
    0, 40, 0, 1, 0x40, 0, 64, 6, 0, 0, 10,   0,    0,    1,    192,  168, 1,    1,    0x04, 0xd2,
    0, 80, 0, 0, 0,    0, 0,  0, 0, 0, 0x50, 0x02, 0xff, 0xff, 0,    0,   0,    0};
/// The tagged frame, the same untagged, and its IPv4 packet alone.
std::array<std::span<const std::uint8_t>, 3> frames() {
    static const auto untagged = [] {
        std::array<std::uint8_t, 54> f{};
        for (std::size_t i = 0, j = 0; i < tagged.size(); ++i)
            if (i < 12 || i >= 16) f[j++] = tagged[i];
        return f;
    }();
    return {std::span<const std::uint8_t>(tagged), std::span<const std::uint8_t>(untagged),
            std::span<const std::uint8_t>(tagged).subspan(18)};
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    for (const ctbpf::link_type link : {ctbpf::link_type::ethernet, ctbpf::link_type::raw_ip,
                                        ctbpf::link_type::linux_sll, ctbpf::link_type::linux_sll2}) {
        const auto raw = ctbpf::compile_pcap_filter(text, link, 262144, false);
        if (!raw) {
            if (raw.column < 1 || raw.column > size + 1 || !raw.program.empty()) __builtin_trap();
            continue;
        }
        const auto optimized = ctbpf::compile_pcap_filter(text, link);
        if (!optimized || !ctbpf::verify(raw.program) || !ctbpf::verify(optimized.program) ||
            raw.program.size() > 4096 || optimized.program.size() > raw.program.size())
            __builtin_trap();
        for (const std::span<const std::uint8_t> whole : frames())
            for (std::size_t caplen = 0; caplen <= whole.size(); ++caplen) {
                const auto frame = whole.first(caplen);
                if (ctbpf::run(raw.program, frame) != ctbpf::run(optimized.program, frame)) __builtin_trap();
            }
    }
    return 0;
}
