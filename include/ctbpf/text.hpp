// ctbpf/text.hpp — programs as text: tcpdump's -d, -dd and -ddd formats (byte for byte what
// libpcap's bpf_image/bpf_dump print), bpf_asm source with labels, and bpf_asm's bytecode line.
// constexpr: to_text() writes into a fixed-capacity buffer usable in static_assert; the
// run-time std::string version is ctbpf::to_string in text_string.hpp.
// Usage: static_assert(ctbpf::to_text(arp) == "(000) ldh      [12]\n...");
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <ranges>
#include <string_view>

#include "detail/config.hpp"
#include "concepts.hpp"
#include "encoding.hpp"

namespace CTBPF_NAMESPACE {

enum class text_format : std::uint8_t {
    tcpdump_d,     ///< `tcpdump -d`: "(000) ldh      [12]"
    tcpdump_dd,    ///< `tcpdump -dd`: "{ 0x28, 0, 0, 0x0000000c },"
    tcpdump_ddd,   ///< `tcpdump -ddd`: the count, then "40 0 0 12" per instruction
    bpf_asm,       ///< bpf_asm source with labels: "l1: jeq #0x806, l2, l3"
    bpf_bytecode,  ///< bpf_asm's default output / xt_bpf: "4,40 0 0 12,21 0 1 2054,..."
};

/// A fixed-capacity string built at compile time; compares equal to string views.
template <std::size_t Capacity>
struct text {
    std::array<char, Capacity> chars{};
    std::size_t length = 0;
    bool truncated = false;

    constexpr void put(char c) noexcept {
        if (length < Capacity)
            chars[length++] = c;
        else
            truncated = true;
    }
    constexpr std::string_view view() const noexcept { return {chars.data(), length}; }
    constexpr operator std::string_view() const noexcept { return view(); }  // NOLINT
    friend constexpr bool operator==(const text& t, std::string_view s) noexcept { return t.view() == s; }
};

namespace detail {

/// Appends formatted pieces to any sink with put(char).
template <class Sink>
struct writer {
    Sink& out;

    constexpr void str(std::string_view s) {
        for (char c : s) out.put(c);
    }
    constexpr void ch(char c) { out.put(c); }
    constexpr void udec(std::uint64_t v, int width = 0, char fill = ' ') {
        char digits[20]{};
        int n = 0;
        do {
            digits[n++] = static_cast<char>('0' + v % 10);
            v /= 10;
        } while (v != 0);
        for (int i = n; i < width; ++i) out.put(fill);
        while (n > 0) out.put(digits[--n]);
    }
    constexpr void dec(std::int64_t v, int width = 0, char fill = ' ') {
        if (v < 0) {
            out.put('-');
            udec(static_cast<std::uint64_t>(-v), width - 1, fill);
        } else {
            udec(static_cast<std::uint64_t>(v), width, fill);
        }
    }
    constexpr void hex(std::uint64_t v, int width = 0) {
        char digits[16]{};
        int n = 0;
        do {
            digits[n++] = "0123456789abcdef"[v % 16];
            v /= 16;
        } while (v != 0);
        for (int i = n; i < width; ++i) out.put('0');
        while (n > 0) out.put(digits[--n]);
    }
};

/// A short scratch line for one operand.
struct line_buffer {
    std::array<char, 80> chars{};
    std::size_t length = 0;
    constexpr void put(char c) noexcept {
        if (length < chars.size()) chars[length++] = c;
    }
    constexpr std::string_view view() const noexcept { return {chars.data(), length}; }
};

/// libpcap's names for the ancillary values (bpf_image.c), empty where it has none.
constexpr std::string_view pcap_ancillary_name(std::uint32_t k) noexcept {
    if (!is_ancillary(k)) return {};
    switch (static_cast<ext>(k - ancillary_offset)) {
        case ext::proto: return "proto";
        case ext::type: return "type";
        case ext::ifidx: return "ifidx";
        case ext::nla: return "nla";
        case ext::nlan: return "nlan";
        case ext::mark: return "mark";
        case ext::queue: return "queue";
        case ext::hatype: return "hatype";
        case ext::rxhash: return "rxhash";
        case ext::cpu: return "cpu";
        case ext::xor_x: return "xor_x";
        case ext::vlan_tci: return "vlan_tci";
        case ext::vlan_avail: return "vlanp";
        case ext::poff: return "poff";
        case ext::rand: return "random";
        case ext::vlan_tpid: return "vlan_tpid";
    }
    return {};
}

/// bpf_asm's names for the ancillary values (tools/bpf/bpf_exp.l); xor_x has none.
constexpr std::string_view asm_ancillary_name(std::uint32_t k) noexcept {
    if (!is_ancillary(k)) return {};
    switch (static_cast<ext>(k - ancillary_offset)) {
        case ext::vlan_avail: return "vlan_pr";  // bpf_asm also takes vlan_avail; netsniff-ng's bpfc only this
        case ext::rand: return "rand";
        case ext::xor_x: return {};
        default: return pcap_ancillary_name(k);
    }
}

constexpr std::string_view mnemonic(std::uint16_t code) noexcept {
    // clang-format off
    switch (code) {
        case bpf::opcode::ld_w_abs: case bpf::opcode::ld_w_ind: case bpf::opcode::ld_len: case bpf::opcode::ld_imm:
        case bpf::opcode::ld_mem: return "ld";
        case bpf::opcode::ld_h_abs: case bpf::opcode::ld_h_ind: return "ldh";
        case bpf::opcode::ld_b_abs: case bpf::opcode::ld_b_ind: return "ldb";
        case bpf::opcode::ldx_imm: case bpf::opcode::ldx_mem: case bpf::opcode::ldx_len: return "ldx";
        case bpf::opcode::ldx_msh: return "ldxb";
        case bpf::opcode::st: return "st";
        case bpf::opcode::stx: return "stx";
        case bpf::opcode::ja: return "ja";
        case bpf::opcode::jeq_k: case bpf::opcode::jeq_x: return "jeq";
        case bpf::opcode::jgt_k: case bpf::opcode::jgt_x: return "jgt";
        case bpf::opcode::jge_k: case bpf::opcode::jge_x: return "jge";
        case bpf::opcode::jset_k: case bpf::opcode::jset_x: return "jset";
        case bpf::opcode::add_k: case bpf::opcode::add_x: return "add";
        case bpf::opcode::sub_k: case bpf::opcode::sub_x: return "sub";
        case bpf::opcode::mul_k: case bpf::opcode::mul_x: return "mul";
        case bpf::opcode::div_k: case bpf::opcode::div_x: return "div";
        case bpf::opcode::mod_k: case bpf::opcode::mod_x: return "mod";
        case bpf::opcode::and_k: case bpf::opcode::and_x: return "and";
        case bpf::opcode::or_k: case bpf::opcode::or_x: return "or";
        case bpf::opcode::xor_k: case bpf::opcode::xor_x: return "xor";
        case bpf::opcode::lsh_k: case bpf::opcode::lsh_x: return "lsh";
        case bpf::opcode::rsh_k: case bpf::opcode::rsh_x: return "rsh";
        case bpf::opcode::neg: return "neg";
        case bpf::opcode::ret_k: case bpf::opcode::ret_a: case bpf::opcode::ret_x: return "ret";
        case bpf::opcode::tax: return "tax";
        case bpf::opcode::txa: return "txa";
        default: return {};
    }
    // clang-format on
}

/// One line of `tcpdump -d` (libpcap 1.10 bpf_image), without the newline.
template <class Sink>
constexpr void write_tcpdump_line(writer<Sink>& w, const sock_filter& f, std::size_t n) {
    line_buffer operand;
    writer<line_buffer> o{operand};
    const auto sk = static_cast<std::int32_t>(f.k);
    std::string_view op = mnemonic(f.code);
    // clang-format off
    switch (f.code) {
        case bpf::opcode::ret_k: o.ch('#'); o.dec(sk); break;
        case bpf::opcode::ld_w_abs: case bpf::opcode::ld_h_abs: case bpf::opcode::ld_b_abs:
            o.ch('[');
            if (const auto name = pcap_ancillary_name(f.k); !name.empty()) o.str(name);
            else o.dec(sk);
            o.ch(']');
            break;
        case bpf::opcode::ld_len: o.str("#pktlen"); break;
        case bpf::opcode::ld_w_ind: case bpf::opcode::ld_h_ind: case bpf::opcode::ld_b_ind:
            o.str("[x + "); o.dec(sk); o.ch(']'); break;
        case bpf::opcode::ld_imm: case bpf::opcode::ldx_imm: case bpf::opcode::jeq_k: case bpf::opcode::jgt_k:
        case bpf::opcode::jge_k: case bpf::opcode::jset_k: case bpf::opcode::and_k: case bpf::opcode::or_k:
        case bpf::opcode::xor_k:
            o.str("#0x"); o.hex(f.k); break;
        case bpf::opcode::ldx_msh: o.str("4*(["); o.dec(sk); o.str("]&0xf)"); break;
        case bpf::opcode::ld_mem: case bpf::opcode::ldx_mem: case bpf::opcode::st: case bpf::opcode::stx:
            o.str("M["); o.dec(sk); o.ch(']'); break;
        case bpf::opcode::ja: o.dec(static_cast<std::int32_t>(static_cast<std::uint32_t>(n) + 1u + f.k)); break;
        case bpf::opcode::jeq_x: case bpf::opcode::jgt_x: case bpf::opcode::jge_x: case bpf::opcode::jset_x:
        case bpf::opcode::add_x: case bpf::opcode::sub_x: case bpf::opcode::mul_x: case bpf::opcode::div_x:
        case bpf::opcode::mod_x: case bpf::opcode::and_x: case bpf::opcode::or_x: case bpf::opcode::xor_x:
        case bpf::opcode::lsh_x: case bpf::opcode::rsh_x:
            o.ch('x'); break;
        case bpf::opcode::add_k: case bpf::opcode::sub_k: case bpf::opcode::mul_k: case bpf::opcode::div_k:
        case bpf::opcode::mod_k: case bpf::opcode::lsh_k: case bpf::opcode::rsh_k:
            o.ch('#'); o.dec(sk); break;
        case bpf::opcode::ret_a: case bpf::opcode::neg: case bpf::opcode::tax: case bpf::opcode::txa: break;
        default: op = "unimp"; o.str("0x"); o.hex(f.code); break;
    }
    // clang-format on
    w.ch('(');
    w.udec(n, 3, '0');
    w.str(") ");
    w.str(op);
    for (std::size_t i = op.size(); i < 8; ++i) w.ch(' ');
    w.ch(' ');
    w.str(operand.view());
    if (bpf::class_of(f.code) == bpf::jmp && bpf::op_of(f.code) != bpf::ja) {
        for (std::size_t i = operand.length; i < 16; ++i) w.ch(' ');
        w.str(" jt ");
        w.dec(static_cast<std::int64_t>(n) + 1 + f.jt);
        w.str("\tjf ");
        w.dec(static_cast<std::int64_t>(n) + 1 + f.jf);
    }
}

/// Is instruction `i` a jump target (needs a label in bpf_asm output)?
constexpr void mark_targets(const sock_filter* p, std::size_t n, bool* is_target) {
    for (std::size_t i = 0; i < n; ++i) {
        const sock_filter& f = p[i];
        if (f.code == bpf::opcode::ja) {
            if (f.k < n - i - 1) is_target[i + 1 + f.k] = true;
        } else if (bpf::class_of(f.code) == bpf::jmp && !mnemonic(f.code).empty()) {
            if (i + 1 + f.jt < n) is_target[i + 1 + f.jt] = true;
            if (f.jf != 0 && i + 1 + f.jf < n) is_target[i + 1 + f.jf] = true;
        }
    }
}

template <class Sink>
constexpr void write_label(writer<Sink>& w, std::size_t target) {
    w.ch('l');
    w.udec(target);
}

template <class Sink>
constexpr void write_raw_dd(writer<Sink>& w, const sock_filter& f) {
    w.str("{ 0x");
    w.hex(f.code);
    w.str(", ");
    w.udec(f.jt);
    w.str(", ");
    w.udec(f.jf);
    w.str(", 0x");
    w.hex(f.k, 8);
    w.str(" },");
}

/// One instruction in bpf_asm syntax. Returns false when bpf_asm cannot express it (then a
/// comment with the -dd encoding is written instead).
template <class Sink>
constexpr bool write_asm_line(writer<Sink>& w, const sock_filter& f, std::size_t i, std::size_t n) {
    const std::string_view op = mnemonic(f.code);
    const bool is_jump = bpf::class_of(f.code) == bpf::jmp;
    const bool jump_ok =
        !is_jump || (f.code == bpf::opcode::ja ? f.k < n - i - 1 : (i + 1 + f.jt < n && i + 1 + f.jf < n));
    const bool fields_ok = is_jump ? (f.code != bpf::opcode::ja || (f.jt == 0 && f.jf == 0)) : (f.jt == 0 && f.jf == 0);
    // operands bpf_asm has no place for must be 0 (X forms, len, neg, ret a, tax, txa)
    const bool x_form = bpf::src_of(f.code) == bpf::x && (bpf::class_of(f.code) == bpf::alu || is_jump);
    const bool no_operand = f.code == bpf::opcode::ld_len || f.code == bpf::opcode::ldx_len ||
                            f.code == bpf::opcode::neg || f.code == bpf::opcode::ret_a ||
                            f.code == bpf::opcode::ret_x || f.code == bpf::opcode::tax || f.code == bpf::opcode::txa;
    const bool k_ok = f.k == 0 || !(x_form || no_operand);
    if (op.empty() || !jump_ok || !fields_ok || !k_ok) {
        w.str("; not expressible in bpf_asm: ");
        write_raw_dd(w, f);
        return false;
    }
    w.str(op);
    if (f.code != bpf::opcode::neg && f.code != bpf::opcode::tax && f.code != bpf::opcode::txa) w.ch(' ');
    // clang-format off
    switch (f.code) {
        case bpf::opcode::ld_w_abs: case bpf::opcode::ld_h_abs: case bpf::opcode::ld_b_abs:
            if (const auto name = asm_ancillary_name(f.k); !name.empty()) { w.ch('#'); w.str(name); }
            else { w.ch('['); w.udec(f.k); w.ch(']'); }
            break;
        case bpf::opcode::ld_w_ind: case bpf::opcode::ld_h_ind: case bpf::opcode::ld_b_ind:
            w.str("[x + "); w.udec(f.k); w.ch(']'); break;
        case bpf::opcode::ld_len: case bpf::opcode::ldx_len: w.str("#len"); break;
        case bpf::opcode::ld_imm: case bpf::opcode::ldx_imm: w.str("#0x"); w.hex(f.k); break;
        case bpf::opcode::ld_mem: case bpf::opcode::ldx_mem: case bpf::opcode::st: case bpf::opcode::stx:
            w.str("M["); w.udec(f.k); w.ch(']'); break;
        case bpf::opcode::ldx_msh: w.str("4*(["); w.udec(f.k); w.str("]&0xf)"); break;
        case bpf::opcode::ja: write_label(w, i + 1 + f.k); break;
        case bpf::opcode::ret_k: case bpf::opcode::add_k: case bpf::opcode::sub_k: case bpf::opcode::mul_k:
        case bpf::opcode::div_k: case bpf::opcode::mod_k: case bpf::opcode::lsh_k: case bpf::opcode::rsh_k:
            // counts and lengths: decimal while small, as tcpdump prints them
            w.ch('#');
            if (f.k < (1u << 20)) w.udec(f.k);
            else { w.str("0x"); w.hex(f.k); }
            break;
        case bpf::opcode::ret_a: w.ch('a'); break;
        case bpf::opcode::ret_x: w.ch('x'); break;
        case bpf::opcode::neg: case bpf::opcode::tax: case bpf::opcode::txa: break;
        default:
            if (bpf::src_of(f.code) == bpf::x) w.ch('x');
            else { w.str("#0x"); w.hex(f.k); }
            if (is_jump) {
                w.str(", ");
                write_label(w, i + 1 + f.jt);
                if (f.jf != 0) {
                    w.str(", ");
                    write_label(w, i + 1 + f.jf);
                }
            }
            break;
    }
    // clang-format on
    return true;
}

/// "code jt jf k" in decimal: one instruction of -ddd and of bpf bytecode.
template <class Sink>
constexpr void write_decimal_quad(writer<Sink>& w, const sock_filter& f) {
    w.udec(f.code);
    w.ch(' ');
    w.udec(f.jt);
    w.ch(' ');
    w.udec(f.jf);
    w.ch(' ');
    w.udec(f.k);
}

template <class Sink>
constexpr void write_text(Sink& sink, const sock_filter* p, std::size_t n, text_format format) {
    writer<Sink> w{sink};
    switch (format) {
        case text_format::tcpdump_d:
            for (std::size_t i = 0; i < n; ++i) {
                write_tcpdump_line(w, p[i], i);
                w.ch('\n');
            }
            break;
        case text_format::tcpdump_dd:
            for (std::size_t i = 0; i < n; ++i) {
                write_raw_dd(w, p[i]);
                w.ch('\n');
            }
            break;
        case text_format::tcpdump_ddd:
            w.udec(n);
            w.ch('\n');
            for (std::size_t i = 0; i < n; ++i) {
                write_decimal_quad(w, p[i]);
                w.ch('\n');
            }
            break;
        case text_format::bpf_bytecode:
            w.udec(n);
            for (std::size_t i = 0; i < n; ++i) {
                w.ch(',');
                write_decimal_quad(w, p[i]);
            }
            w.ch('\n');
            break;
        case text_format::bpf_asm: {
            std::array<bool, max_instructions> is_target{};
            if (n <= max_instructions) mark_targets(p, n, is_target.data());
            for (std::size_t i = 0; i < n; ++i) {
                if (i < max_instructions && is_target[i]) {
                    write_label(w, i);
                    w.str(": ");
                }
                write_asm_line(w, p[i], i, n);
                w.ch('\n');
            }
            break;
        }
    }
}

}  // namespace detail

/// Bytes of text one instruction can take in the widest format, plus a header line.
constexpr std::size_t text_capacity(std::size_t instructions) noexcept { return 64 * instructions + 16; }

/// The program as text in `Format`, built at compile time into a fixed buffer.
template <text_format Format = text_format::tcpdump_d, std::size_t N>
constexpr text<text_capacity(N)> to_text(const std::array<sock_filter, N>& program) {
    text<text_capacity(N)> out;
    detail::write_text(out, program.data(), N, Format);
    return out;
}

}  // namespace CTBPF_NAMESPACE
