// libFuzzer target: disassembly of arbitrary images in every format, at run time and through
// the compile-time writer (which must agree).
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include <ctbpf/text_string.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::vector<ctbpf::sock_filter> program(size / sizeof(ctbpf::sock_filter));
    if (!program.empty()) std::memcpy(program.data(), data, program.size() * sizeof(ctbpf::sock_filter));
    for (auto f : {ctbpf::text_format::tcpdump_d, ctbpf::text_format::tcpdump_dd, ctbpf::text_format::tcpdump_ddd,
                   ctbpf::text_format::bpf_asm, ctbpf::text_format::bpf_bytecode})
        (void)ctbpf::to_string(program, f);
    if (program.size() >= 4) {
        std::array<ctbpf::sock_filter, 4> four{program[0], program[1], program[2], program[3]};
        const auto fixed = ctbpf::to_text<ctbpf::text_format::bpf_asm>(four);
        if (fixed.truncated || fixed.view() != ctbpf::to_string(four, ctbpf::text_format::bpf_asm)) __builtin_trap();
    }
    return 0;
}
