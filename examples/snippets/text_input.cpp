#include <ctbpf/parse.hpp>         // constexpr, fixed buffers
#include <ctbpf/parse_vector.hpp>  // run-time convenience (std::vector, messages)

#include <iostream>
#include <string_view>

constexpr auto arp = ctbpf::assemble<"ldh [12]\n jeq #0x806, ok, drop\n ok: ret #4096\n drop: ret #0">();
constexpr auto img = ctbpf::parse<"{ 0x6, 0, 0, 0x00040000 },", ctbpf::text_format::tcpdump_dd>();
static_assert(arp.size() == 4 && img.size() == 1);

bool load(std::string_view text) {
    const auto r = ctbpf::parse_program(text, ctbpf::text_format::bpf_asm);  // at run time
    if (!r) std::cerr << r.error_message() << '\n';                          // "2:3: unknown instruction"
    return r && ctbpf::verify(r.program);
}
