// libFuzzer target: the text parsers (bpf_asm source, -dd, -ddd, bytecode) on arbitrary bytes.
// A parsed program must have positions for every instruction; an error must have a position.
// On inputs small enough for a constant evaluation, the compile-time path (chunks resuming where
// the previous one stopped, then gathered and linked: parse<>()) must agree with the one-pass
// run-time parse: the same program and origins, or the same problem at the same place.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <ctbpf/parse_vector.hpp>

#include "../support/chunked_parse.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    for (auto f : {ctbpf::text_format::bpf_asm, ctbpf::text_format::tcpdump_dd, ctbpf::text_format::tcpdump_ddd,
                   ctbpf::text_format::bpf_bytecode}) {
        const auto r = ctbpf::parse_program(text, f);
        if (r && (r.program.empty() || r.program.size() > 4096 || r.origin.size() != r.program.size()))
            __builtin_trap();
        if (!r && (r.where.line == 0 || !r.program.empty())) __builtin_trap();
        if (size <= 4096 && (!ctbpf_test::same_outcome(ctbpf_test::parse_in_chunks<1>(text, f), r) ||
                             !ctbpf_test::same_outcome(ctbpf_test::parse_in_chunks<3>(text, f), r)))
            __builtin_trap();
    }
    (void)ctbpf::guess_format(text);
    return 0;
}
