// ctbpf/encoding.hpp — the classic BPF instruction encoding: sock_filter, opcode fields,
// limits, ancillary offsets, seccomp actions and seccomp_data, audit architectures.
// Everything here is constexpr data; nothing needs an operating system.
// Usage: ctbpf::sock_filter f{ctbpf::bpf::ld | ctbpf::bpf::h | ctbpf::bpf::abs, 0, 0, 12};
#pragma once

#include <cstddef>
#include <cstdint>

#include "detail/config.hpp"

// On Linux, ctbpf::sock_filter *is* ::sock_filter, so images pass straight to setsockopt.
// Define CTBPF_NO_LINUX_HEADERS to get the layout-identical portable aggregate instead
// (firmware, other systems, or to prove the core does not depend on Linux headers).
#if CTBPF_HAS_LINUX_HEADERS  // detail/config.hpp
#include <linux/filter.h>
#endif

namespace CTBPF_NAMESPACE {

#if CTBPF_HAS_LINUX_HEADERS
using sock_filter = ::sock_filter;
#else
/// One classic BPF instruction, laid out exactly as Linux's `struct sock_filter`.
struct sock_filter {
    std::uint16_t code;
    std::uint8_t jt;
    std::uint8_t jf;
    std::uint32_t k;
};
#endif
static_assert(sizeof(sock_filter) == 8 && offsetof(sock_filter, k) == 4);

/// Equality of two instructions, field by field (usable in static_assert).
constexpr bool same_instruction(const sock_filter& a, const sock_filter& b) noexcept {
    return a.code == b.code && a.jt == b.jt && a.jf == b.jf && a.k == b.k;
}

/// Opcode fields, named as in <linux/bpf_common.h> without the BPF_ prefix
/// (`bpf::ld` is BPF_LD, `bpf::jeq` is BPF_JEQ, ...). The kernel macros stay usable beside them.
namespace bpf {
// instruction classes
inline constexpr std::uint16_t ld = 0x00, ldx = 0x01, st = 0x02, stx = 0x03, alu = 0x04, jmp = 0x05, ret = 0x06,
                               misc = 0x07;
// load sizes
inline constexpr std::uint16_t w = 0x00, h = 0x08, b = 0x10;
// addressing modes
inline constexpr std::uint16_t imm = 0x00, abs = 0x20, ind = 0x40, mem = 0x60, len = 0x80, msh = 0xa0;
// ALU operations
inline constexpr std::uint16_t add = 0x00, sub = 0x10, mul = 0x20, div = 0x30, or_ = 0x40, and_ = 0x50, lsh = 0x60,
                               rsh = 0x70, neg = 0x80, mod = 0x90, xor_ = 0xa0;
// jump operations
inline constexpr std::uint16_t ja = 0x00, jeq = 0x10, jgt = 0x20, jge = 0x30, jset = 0x40;
// operand source (ALU, JMP) and return value source (RET)
inline constexpr std::uint16_t k = 0x00, x = 0x08, a = 0x10;
// MISC operations
inline constexpr std::uint16_t tax = 0x00, txa = 0x80;

/// Field extractors, as BPF_CLASS(), BPF_SIZE(), ...
constexpr std::uint16_t class_of(std::uint16_t code) noexcept { return code & 0x07; }
constexpr std::uint16_t size_of(std::uint16_t code) noexcept { return code & 0x18; }
constexpr std::uint16_t mode_of(std::uint16_t code) noexcept { return code & 0xe0; }
constexpr std::uint16_t op_of(std::uint16_t code) noexcept { return code & 0xf0; }
constexpr std::uint16_t src_of(std::uint16_t code) noexcept { return code & 0x08; }
constexpr std::uint16_t rval_of(std::uint16_t code) noexcept { return code & 0x18; }
constexpr std::uint16_t miscop_of(std::uint16_t code) noexcept { return code & 0xf8; }
/// The bytes a load of this size reads: 4 (w), 2 (h) or 1 (b).
constexpr std::uint32_t bytes_of(std::uint16_t code) noexcept {
    return size_of(code) == w ? 4 : size_of(code) == h ? 2 : 1;
}

/// Whole opcodes, one name each (the 49 the kernel takes, and bpf_asm's `ret x`): what a `case`
/// label names. `bpf::opcode::ld_h_abs` is BPF_LD | BPF_H | BPF_ABS (0x28).
namespace opcode {
inline constexpr std::uint16_t ld_w_abs = ld | w | abs;  // 0x20
inline constexpr std::uint16_t ld_h_abs = ld | h | abs;  // 0x28
inline constexpr std::uint16_t ld_b_abs = ld | b | abs;  // 0x30
inline constexpr std::uint16_t ld_w_ind = ld | w | ind;  // 0x40
inline constexpr std::uint16_t ld_h_ind = ld | h | ind;  // 0x48
inline constexpr std::uint16_t ld_b_ind = ld | b | ind;  // 0x50
inline constexpr std::uint16_t ld_imm = ld | imm;        // 0x00
inline constexpr std::uint16_t ld_mem = ld | mem;        // 0x60
inline constexpr std::uint16_t ld_len = ld | w | len;    // 0x80
inline constexpr std::uint16_t ldx_imm = ldx | imm;      // 0x01
inline constexpr std::uint16_t ldx_mem = ldx | mem;      // 0x61
inline constexpr std::uint16_t ldx_len = ldx | w | len;  // 0x81
inline constexpr std::uint16_t ldx_msh = ldx | b | msh;  // 0xb1
inline constexpr std::uint16_t st = bpf::st;             // 0x02
inline constexpr std::uint16_t stx = bpf::stx;           // 0x03
inline constexpr std::uint16_t add_k = alu | add | k;    // 0x04
inline constexpr std::uint16_t add_x = alu | add | x;    // 0x0c
inline constexpr std::uint16_t sub_k = alu | sub | k;    // 0x14
inline constexpr std::uint16_t sub_x = alu | sub | x;    // 0x1c
inline constexpr std::uint16_t mul_k = alu | mul | k;    // 0x24
inline constexpr std::uint16_t mul_x = alu | mul | x;    // 0x2c
inline constexpr std::uint16_t div_k = alu | div | k;    // 0x34
inline constexpr std::uint16_t div_x = alu | div | x;    // 0x3c
inline constexpr std::uint16_t mod_k = alu | mod | k;    // 0x94
inline constexpr std::uint16_t mod_x = alu | mod | x;    // 0x9c
inline constexpr std::uint16_t and_k = alu | and_ | k;   // 0x54
inline constexpr std::uint16_t and_x = alu | and_ | x;   // 0x5c
inline constexpr std::uint16_t or_k = alu | or_ | k;     // 0x44
inline constexpr std::uint16_t or_x = alu | or_ | x;     // 0x4c
inline constexpr std::uint16_t xor_k = alu | xor_ | k;   // 0xa4
inline constexpr std::uint16_t xor_x = alu | xor_ | x;   // 0xac
inline constexpr std::uint16_t lsh_k = alu | lsh | k;    // 0x64
inline constexpr std::uint16_t lsh_x = alu | lsh | x;    // 0x6c
inline constexpr std::uint16_t rsh_k = alu | rsh | k;    // 0x74
inline constexpr std::uint16_t rsh_x = alu | rsh | x;    // 0x7c
inline constexpr std::uint16_t neg = alu | bpf::neg;     // 0x84
inline constexpr std::uint16_t ja = jmp | bpf::ja;       // 0x05
inline constexpr std::uint16_t jeq_k = jmp | jeq | k;    // 0x15
inline constexpr std::uint16_t jeq_x = jmp | jeq | x;    // 0x1d
inline constexpr std::uint16_t jgt_k = jmp | jgt | k;    // 0x25
inline constexpr std::uint16_t jgt_x = jmp | jgt | x;    // 0x2d
inline constexpr std::uint16_t jge_k = jmp | jge | k;    // 0x35
inline constexpr std::uint16_t jge_x = jmp | jge | x;    // 0x3d
inline constexpr std::uint16_t jset_k = jmp | jset | k;  // 0x45
inline constexpr std::uint16_t jset_x = jmp | jset | x;  // 0x4d
inline constexpr std::uint16_t ret_k = ret | k;          // 0x06
inline constexpr std::uint16_t ret_a = ret | a;          // 0x16
inline constexpr std::uint16_t ret_x = ret | x;          // 0x0e
inline constexpr std::uint16_t tax = misc | bpf::tax;    // 0x07
inline constexpr std::uint16_t txa = misc | bpf::txa;    // 0x87
}  // namespace opcode
}  // namespace bpf

/// BPF_MAXINSNS: the longest program the kernel accepts.
inline constexpr std::size_t max_instructions = 4096;
/// BPF_MEMWORDS: number of 32-bit scratch cells M[0..15].
inline constexpr std::uint32_t memory_words = 16;

/// SKF_AD_OFF: `ld [k]` with k = ancillary_offset + ext::... loads kernel metadata.
inline constexpr std::uint32_t ancillary_offset = 0xfffff000u;  // (u32)-0x1000
/// SKF_NET_OFF / SKF_LL_OFF: negative load offsets relative to the network / link-layer header.
inline constexpr std::uint32_t net_offset = 0xfff00000u;  // (u32)-0x100000
inline constexpr std::uint32_t ll_offset = 0xffe00000u;   // (u32)-0x200000

/// The 16 Linux ancillary values (SKF_AD_*), as offsets from ancillary_offset.
enum class ext : std::uint32_t {
    proto = 0,        // SKF_AD_PROTOCOL: ntohs(skb->protocol)
    type = 4,         // SKF_AD_PKTTYPE: skb->pkt_type
    ifidx = 8,        // SKF_AD_IFINDEX: skb->dev->ifindex
    nla = 12,         // SKF_AD_NLATTR: netlink attribute X from offset A
    nlan = 16,        // SKF_AD_NLATTR_NEST: nested netlink attribute
    mark = 20,        // SKF_AD_MARK: skb->mark
    queue = 24,       // SKF_AD_QUEUE: skb->queue_mapping
    hatype = 28,      // SKF_AD_HATYPE: skb->dev->type
    rxhash = 32,      // SKF_AD_RXHASH: skb->hash
    cpu = 36,         // SKF_AD_CPU: current CPU
    xor_x = 40,       // SKF_AD_ALU_XOR_X: A ^= X
    vlan_tci = 44,    // SKF_AD_VLAN_TAG: skb->vlan_tci
    vlan_avail = 48,  // SKF_AD_VLAN_TAG_PRESENT: 1 if a VLAN tag is in metadata
    poff = 52,        // SKF_AD_PAY_OFFSET: payload offset (flow dissector)
    rand = 56,        // SKF_AD_RANDOM: a random 32-bit value
    vlan_tpid = 60,   // SKF_AD_VLAN_TPID: ntohs(skb->vlan_proto)
};
/// SKF_AD_MAX: one past the last ancillary offset.
inline constexpr std::uint32_t ancillary_max = 64;

/// True when `k` (the operand of an LD ABS) names one of the 16 ancillary values.
constexpr bool is_ancillary(std::uint32_t k) noexcept {
    return k >= ancillary_offset && k - ancillary_offset < ancillary_max && (k - ancillary_offset) % 4 == 0;
}

namespace seccomp {
/// SECCOMP_RET_* actions, SECCOMP_RET_ACTION_FULL and SECCOMP_RET_DATA.
inline constexpr std::uint32_t ret_kill_process = 0x80000000u;
inline constexpr std::uint32_t ret_kill_thread = 0x00000000u;
inline constexpr std::uint32_t ret_kill = ret_kill_thread;
inline constexpr std::uint32_t ret_trap = 0x00030000u;
inline constexpr std::uint32_t ret_errno = 0x00050000u;
inline constexpr std::uint32_t ret_user_notif = 0x7fc00000u;
inline constexpr std::uint32_t ret_trace = 0x7ff00000u;
inline constexpr std::uint32_t ret_log = 0x7ffc0000u;
inline constexpr std::uint32_t ret_allow = 0x7fff0000u;
inline constexpr std::uint32_t ret_action_full = 0xffff0000u;
inline constexpr std::uint32_t ret_action = 0x7fff0000u;
inline constexpr std::uint32_t ret_data = 0x0000ffffu;

/// SECCOMP_RET_ERRNO | errno, SECCOMP_RET_TRACE | data, SECCOMP_RET_TRAP | data.
constexpr std::uint32_t errno_(std::uint16_t e) noexcept { return ret_errno | e; }
constexpr std::uint32_t trace(std::uint16_t data) noexcept { return ret_trace | data; }
constexpr std::uint32_t trap(std::uint16_t data) noexcept { return ret_trap | data; }

/// Byte offsets of the 32-bit words of struct seccomp_data that `ld [k]` can read.
inline constexpr std::uint32_t nr_offset = 0;
inline constexpr std::uint32_t arch_offset = 4;
inline constexpr std::uint32_t instruction_pointer_offset = 8;
constexpr std::uint32_t arg_offset(std::uint32_t i) noexcept { return 16 + 8 * i; }

/// AUDIT_ARCH_* values for seccomp_data::arch.
inline constexpr std::uint32_t audit_arch_64bit = 0x80000000u;  // __AUDIT_ARCH_64BIT
inline constexpr std::uint32_t audit_arch_le = 0x40000000u;     // __AUDIT_ARCH_LE
inline constexpr std::uint32_t audit_arch_x86_64 = 62u | audit_arch_64bit | audit_arch_le;
inline constexpr std::uint32_t audit_arch_i386 = 3u | audit_arch_le;
inline constexpr std::uint32_t audit_arch_aarch64 = 183u | audit_arch_64bit | audit_arch_le;
inline constexpr std::uint32_t audit_arch_arm = 40u | audit_arch_le;
inline constexpr std::uint32_t audit_arch_riscv64 = 243u | audit_arch_64bit | audit_arch_le;
inline constexpr std::uint32_t audit_arch_s390x = 22u | audit_arch_64bit;
/// __X32_SYSCALL_BIT: set in seccomp_data::nr for x32 system calls on x86_64.
inline constexpr std::uint32_t x32_syscall_bit = 0x40000000u;
}  // namespace seccomp

/// struct seccomp_data, byte for byte (64 bytes). 64-bit fields are read by the filter as two
/// 32-bit words in host byte order.
struct seccomp_data {
    std::int32_t nr;
    std::uint32_t arch;
    std::uint64_t instruction_pointer;
    std::uint64_t args[6];
};
static_assert(sizeof(seccomp_data) == 64 && offsetof(seccomp_data, args) == 16);

}  // namespace CTBPF_NAMESPACE
