// libFuzzer target: for every image that verifies, print it in each format and parse it back:
// the same image, or a crash (for bpf_asm, when every instruction can be spelled).
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include <ctbpf/ctbpf.hpp>
#include <ctbpf/parse_vector.hpp>
#include <ctbpf/text_string.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::vector<ctbpf::sock_filter> program(size / sizeof(ctbpf::sock_filter));
    if (program.empty()) return 0;
    std::memcpy(program.data(), data, program.size() * sizeof(ctbpf::sock_filter));
    if (!ctbpf::verify(program)) return 0;
    for (auto f : {ctbpf::text_format::tcpdump_dd, ctbpf::text_format::tcpdump_ddd, ctbpf::text_format::bpf_bytecode,
                   ctbpf::text_format::bpf_asm}) {
        const std::string text = ctbpf::to_string(program, f);
        if (f == ctbpf::text_format::bpf_asm && text.find("not expressible") != std::string::npos) continue;
        const auto back = ctbpf::parse_program(text, f);
        if (!back || back.program.size() != program.size()) __builtin_trap();
        for (std::size_t i = 0; i < program.size(); ++i)
            if (!ctbpf::same_instruction(back.program[i], program[i])) __builtin_trap();
    }
    return 0;
}
