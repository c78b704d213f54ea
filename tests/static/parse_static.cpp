// Text input at compile time: bpf_asm source, -dd, -ddd and bytecode images.
#include <ctbpf/assemble.hpp>
#include <ctbpf/vm.hpp>

#include "../cases/parse_cases.hpp"

#include <utility>

namespace {
using ctbpf::text_format;

constexpr bool same(auto a, auto b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (!ctbpf::same_instruction(a[i], b[i])) return false;
    return true;
}

// docs/text-input.md's example: the kernel documentation's ARP filter in bpf_asm.
constexpr auto arp = ctbpf::assemble<"ldh [12]\n jeq #0x806, ok, drop\n ok: ret #4096\n drop: ret #0">();
static_assert(arp.size() == 4 && arp[1].code == 0x15 && arp[1].jt == 0 && arp[1].jf == 1 && arp[2].k == 4096);
constexpr std::string_view every = cases::every_form;
static_assert(same(ctbpf::parse<"ldb #type\nldh vlan_pr\nret a">(),
                   std::array<ctbpf::sock_filter, 3>{
                       {{0x30, 0, 0, 0xfffff004}, {0x28, 0, 0, 0xfffff030}, {0x16, 0, 0, 0}}}));

// every_form, through parse_text (constexpr) since fixed_string needs a literal.
constexpr auto parsed_every = ctbpf::parse_text(every, text_format::bpf_asm);
static_assert(parsed_every && parsed_every.size == cases::every_form_image.size());
constexpr bool every_matches() {
    for (std::size_t i = 0; i < parsed_every.size; ++i)
        if (!ctbpf::same_instruction(parsed_every.image[i], cases::every_form_image[i])) return false;
    return true;
}
static_assert(every_matches());
static_assert(parsed_every.origin[0].line == 5 && parsed_every.origin[0].column == 3);

// Images in the three formats.
constexpr auto from_dd = ctbpf::parse<
    "{ 0x28, 0, 0, 0x0000000c },\n{ 0x15, 0, 1, 0x00000806 },\n{ 0x6, 0, 0, 0x00040000 },\n{ 0x6, 0, 0, 0x00000000 "
    "},\n",
    text_format::tcpdump_dd>();
constexpr auto from_ddd =
    ctbpf::parse<"4\n40 0 0 12\n21 0 1 2054\n6 0 0 262144\n6 0 0 0\n", text_format::tcpdump_ddd>();
constexpr auto from_bytecode =
    ctbpf::parse<"4,40 0 0 12,21 0 1 2054,6 0 0 262144,6 0 0 0,\n", text_format::bpf_bytecode>();
static_assert(same(from_dd, from_ddd) && same(from_ddd, from_bytecode) && from_dd.size() == 4 &&
              from_dd[2].k == 262144);

// Every parse error, with its line and column: in one evaluation (parse_text) and through the
// chunked compile-time path (text_v, what parse<>() reports); and each corrected text (the
// compile-fail tests' twin) parses and verifies with parse<>().
// (A function, not parse_text(parse_errors[I]...) in the initializer below: clang 14 does not
// evaluate that immediate call in a class template's static member.)
template <std::size_t I>
consteval ctbpf::parsed_text parse_case() {
    return ctbpf::parse_text(cases::parse_errors[I].source, cases::parse_errors[I].format);
}
template <std::size_t I>
struct error_case_holds {
    static constexpr ctbpf::parsed_text one = parse_case<I>();
    static_assert(one.problem == cases::parse_errors[I].problem && one.where.line == cases::parse_errors[I].line &&
                      one.where.column == cases::parse_errors[I].column,
                  "parse error case failed (one evaluation): see cases::parse_errors[I]");
    static constexpr ctbpf::parse_status chunked =
        ctbpf::detail::text_v<cases::parse_error_text<I, false>(), cases::parse_errors[I].format>.status;
    static_assert(chunked.problem == cases::parse_errors[I].problem && chunked.where == one.where && chunked.size == 0,
                  "parse error case failed (chunked): see cases::parse_errors[I]");
    static constexpr auto twin = ctbpf::parse<cases::parse_error_text<I, true>(), cases::parse_errors[I].format>();
    static constexpr bool value = twin.size() > 0;
};
template <std::size_t... I>
constexpr bool all_errors(std::index_sequence<I...>) {
    return (error_case_holds<I>::value && ...);
}
static_assert(all_errors(std::make_index_sequence<cases::parse_errors.size()>{}));

// A computed string as a template argument: to_fixed_string (the label and variable names in
// errors, the generated sources of the tests).
static_assert(ctbpf::to_fixed_string<3>("ret").view() == "ret" && ctbpf::to_fixed_string<3>("ret").size() == 3);
static_assert(ctbpf::parse<ctbpf::to_fixed_string<6>(std::string_view("ret #0"))>().size() == 1);

// tcpdump -d output is for reading by people, not an input format.
static_assert(ctbpf::parse_text("(000) ret      #0", text_format::tcpdump_d).problem ==
              ctbpf::parse_problem::not_an_input_format);

// A label 300 instructions ahead of a conditional jump: a ja trampoline right after it.
constexpr auto far_source = cases::far_jump_source<300>();
constexpr auto far = ctbpf::assemble<ctbpf::fixed_string<far_source.size()>(far_source)>();
static_assert(far.size() == 305 && far[1].jt == 0 && far[1].jf == 1 && far[2].code == 0x05 && far[2].k == 300 + 1);
static_assert(ctbpf::run(far, std::array<std::uint8_t, 14>{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 8, 6}) == 2);
static_assert(ctbpf::run(far, std::array<std::uint8_t, 14>{}) == 1);

// Seccomp profile.
constexpr auto allow = ctbpf::assemble<"ld [0]\njeq #39, ok\nret #0\nok: ret #0x7fff0000", ctbpf::profile::seccomp>();
static_assert(ctbpf::run(allow, ctbpf::seccomp_data{39, 0, 0, {}}) == ctbpf::seccomp::ret_allow);
}  // namespace
