#include <ctbpf/assemble.hpp>      // assemble<"source">(): at compile time, verified
#include <ctbpf/parse.hpp>         // parse<>(), parse_text(): no heap
#include <ctbpf/parse_vector.hpp>  // parse_program(): run-time convenience (std::vector, messages)

#include <iostream>
#include <span>
#include <string_view>

constexpr auto arp = ctbpf::assemble<"ldh [12]\n jeq #0x806, ok, drop\n ok: ret #4096\n drop: ret #0">();
constexpr auto img = ctbpf::parse<"{ 0x6, 0, 0, 0x00040000 },", ctbpf::text_format::tcpdump_dd>();
static_assert(arp.size() == 4 && img.size() == 1);

bool load(std::string_view text) {
    const auto r = ctbpf::parse_program(text, ctbpf::text_format::bpf_asm);  // at run time
    if (!r) std::cerr << r.error_message() << '\n';                          // "3:8: expected `]`"
    return r && ctbpf::verify(r.program);
}

bool load_without_heap(std::string_view text) {
    static ctbpf::text_workspace ws;  // about 700 KB: static storage, never the stack
    const ctbpf::parse_status s = ctbpf::parse_text(text, ctbpf::text_format::bpf_asm, ws);
    return s && ctbpf::verify(std::span(ws.image, s.size));
}
