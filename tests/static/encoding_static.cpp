// The encoding constants and builders, checked against the kernel's own headers and against
// hand-encoded instructions.
#include <ctbpf/ctbpf.hpp>

#include <cstddef>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <asm/unistd.h>

namespace {
namespace b = ctbpf::bpf;

static_assert(CTBPF_HAS_LINUX_HEADERS == 1);
static_assert(std::is_same_v<ctbpf::sock_filter, ::sock_filter>);

// Opcode fields.
static_assert(b::ld == BPF_LD && b::ldx == BPF_LDX && b::st == BPF_ST && b::stx == BPF_STX && b::alu == BPF_ALU &&
              b::jmp == BPF_JMP && b::ret == BPF_RET && b::misc == BPF_MISC);
static_assert(b::w == BPF_W && b::h == BPF_H && b::b == BPF_B);
static_assert(b::imm == BPF_IMM && b::abs == BPF_ABS && b::ind == BPF_IND && b::mem == BPF_MEM && b::len == BPF_LEN &&
              b::msh == BPF_MSH);
static_assert(b::add == BPF_ADD && b::sub == BPF_SUB && b::mul == BPF_MUL && b::div == BPF_DIV && b::or_ == BPF_OR &&
              b::and_ == BPF_AND && b::lsh == BPF_LSH && b::rsh == BPF_RSH && b::neg == BPF_NEG && b::mod == BPF_MOD &&
              b::xor_ == BPF_XOR);
static_assert(b::ja == BPF_JA && b::jeq == BPF_JEQ && b::jgt == BPF_JGT && b::jge == BPF_JGE && b::jset == BPF_JSET);
static_assert(b::k == BPF_K && b::x == BPF_X && b::a == BPF_A && b::tax == BPF_TAX && b::txa == BPF_TXA);
static_assert(b::class_of(0x35) == BPF_CLASS(0x35) && b::size_of(0x28) == BPF_SIZE(0x28) &&
              b::mode_of(0xb1) == BPF_MODE(0xb1) && b::op_of(0x9c) == BPF_OP(0x9c) &&
              b::src_of(0x1d) == BPF_SRC(0x1d) && b::rval_of(0x16) == BPF_RVAL(0x16) &&
              b::miscop_of(0x87) == BPF_MISCOP(0x87));
static_assert(ctbpf::max_instructions == BPF_MAXINSNS && ctbpf::memory_words == BPF_MEMWORDS);

// Ancillary offsets.
static_assert(ctbpf::ancillary_offset == static_cast<std::uint32_t>(SKF_AD_OFF));
static_assert(ctbpf::net_offset == static_cast<std::uint32_t>(SKF_NET_OFF) &&
              ctbpf::ll_offset == static_cast<std::uint32_t>(SKF_LL_OFF));
using ctbpf::ext;
static_assert(static_cast<int>(ext::proto) == SKF_AD_PROTOCOL && static_cast<int>(ext::type) == SKF_AD_PKTTYPE &&
              static_cast<int>(ext::ifidx) == SKF_AD_IFINDEX && static_cast<int>(ext::nla) == SKF_AD_NLATTR &&
              static_cast<int>(ext::nlan) == SKF_AD_NLATTR_NEST && static_cast<int>(ext::mark) == SKF_AD_MARK &&
              static_cast<int>(ext::queue) == SKF_AD_QUEUE && static_cast<int>(ext::hatype) == SKF_AD_HATYPE &&
              static_cast<int>(ext::rxhash) == SKF_AD_RXHASH && static_cast<int>(ext::cpu) == SKF_AD_CPU &&
              static_cast<int>(ext::xor_x) == SKF_AD_ALU_XOR_X && static_cast<int>(ext::vlan_tci) == SKF_AD_VLAN_TAG &&
              static_cast<int>(ext::vlan_avail) == SKF_AD_VLAN_TAG_PRESENT &&
              static_cast<int>(ext::poff) == SKF_AD_PAY_OFFSET && static_cast<int>(ext::rand) == SKF_AD_RANDOM &&
              static_cast<int>(ext::vlan_tpid) == SKF_AD_VLAN_TPID && ctbpf::ancillary_max == SKF_AD_MAX);
static_assert(ctbpf::is_ancillary(SKF_AD_OFF + SKF_AD_VLAN_TPID) && !ctbpf::is_ancillary(SKF_AD_OFF + SKF_AD_MAX) &&
              !ctbpf::is_ancillary(SKF_AD_OFF + 2) && !ctbpf::is_ancillary(12));

// Seccomp.
namespace s = ctbpf::seccomp;
static_assert(s::ret_kill_process == SECCOMP_RET_KILL_PROCESS && s::ret_kill_thread == SECCOMP_RET_KILL_THREAD &&
              s::ret_trap == SECCOMP_RET_TRAP && s::ret_errno == SECCOMP_RET_ERRNO &&
              s::ret_user_notif == SECCOMP_RET_USER_NOTIF && s::ret_trace == SECCOMP_RET_TRACE &&
              s::ret_log == SECCOMP_RET_LOG && s::ret_allow == SECCOMP_RET_ALLOW &&
              s::ret_action_full == SECCOMP_RET_ACTION_FULL && s::ret_action == SECCOMP_RET_ACTION &&
              s::ret_data == SECCOMP_RET_DATA);
static_assert(s::errno_(13) == (SECCOMP_RET_ERRNO | 13));
static_assert(sizeof(ctbpf::seccomp_data) == sizeof(::seccomp_data) &&
              offsetof(ctbpf::seccomp_data, nr) == offsetof(::seccomp_data, nr) &&
              offsetof(ctbpf::seccomp_data, arch) == offsetof(::seccomp_data, arch) &&
              offsetof(ctbpf::seccomp_data, instruction_pointer) == offsetof(::seccomp_data, instruction_pointer) &&
              offsetof(ctbpf::seccomp_data, args) == offsetof(::seccomp_data, args));
static_assert(s::nr_offset == offsetof(::seccomp_data, nr) && s::arch_offset == offsetof(::seccomp_data, arch) &&
              s::instruction_pointer_offset == offsetof(::seccomp_data, instruction_pointer) &&
              s::arg_offset(5) == offsetof(::seccomp_data, args) + 5 * sizeof(__u64));
static_assert(s::audit_arch_x86_64 == AUDIT_ARCH_X86_64 && s::audit_arch_i386 == AUDIT_ARCH_I386 &&
              s::audit_arch_aarch64 == AUDIT_ARCH_AARCH64 && s::audit_arch_arm == AUDIT_ARCH_ARM &&
              s::audit_arch_riscv64 == AUDIT_ARCH_RISCV64 && s::audit_arch_s390x == AUDIT_ARCH_S390X);
#ifdef __X32_SYSCALL_BIT
static_assert(s::x32_syscall_bit == __X32_SYSCALL_BIT);
#endif

// Builders encode what the kernel's BPF_STMT/BPF_JUMP would.
using namespace ctbpf;  // NOLINT
constexpr bool encodes(const instruction& i, std::uint16_t code, std::uint32_t k) {
    return i.code == code && i.k == k && !i.raw;
}
static_assert(encodes(ld(12), BPF_LD | BPF_W | BPF_ABS, 12) && encodes(ldh(12), BPF_LD | BPF_H | BPF_ABS, 12) &&
              encodes(ldb(12), BPF_LD | BPF_B | BPF_ABS, 12));
static_assert(encodes(ld(x + 3), BPF_LD | BPF_W | BPF_IND, 3) && encodes(ldh(x + 3), BPF_LD | BPF_H | BPF_IND, 3) &&
              encodes(ldb(x + 3), BPF_LD | BPF_B | BPF_IND, 3));
static_assert(encodes(ldi(7), BPF_LD | BPF_IMM, 7) && encodes(ld(imm{7}), BPF_LD | BPF_IMM, 7) &&
              encodes(ld(M[2]), BPF_LD | BPF_MEM, 2) && encodes(ld(len), BPF_LD | BPF_W | BPF_LEN, 0));
static_assert(encodes(ld(ext::proto), BPF_LD | BPF_W | BPF_ABS, SKF_AD_OFF + SKF_AD_PROTOCOL) &&
              encodes(ldh(ext::vlan_tci), BPF_LD | BPF_H | BPF_ABS, SKF_AD_OFF + SKF_AD_VLAN_TAG) &&
              encodes(ldb(ext::type), BPF_LD | BPF_B | BPF_ABS, SKF_AD_OFF + SKF_AD_PKTTYPE));
static_assert(encodes(ldxi(7), BPF_LDX | BPF_IMM, 7) && encodes(ldx(imm{7}), BPF_LDX | BPF_IMM, 7) &&
              encodes(ldx(M[2]), BPF_LDX | BPF_MEM, 2) && encodes(ldx(len), BPF_LDX | BPF_W | BPF_LEN, 0) &&
              encodes(ldxb(14), BPF_LDX | BPF_B | BPF_MSH, 14) && encodes(ldx(msh{14}), BPF_LDX | BPF_B | BPF_MSH, 14));
static_assert(encodes(st(M[1]), BPF_ST, 1) && encodes(stx(M[1]), BPF_STX, 1));
static_assert(encodes(add(1), BPF_ALU | BPF_ADD | BPF_K, 1) && encodes(add(x), BPF_ALU | BPF_ADD | BPF_X, 0) &&
              encodes(sub(1), BPF_ALU | BPF_SUB | BPF_K, 1) && encodes(sub(x), BPF_ALU | BPF_SUB | BPF_X, 0) &&
              encodes(mul(1), BPF_ALU | BPF_MUL | BPF_K, 1) && encodes(mul(x), BPF_ALU | BPF_MUL | BPF_X, 0) &&
              encodes(ctbpf::div(1), BPF_ALU | BPF_DIV | BPF_K, 1) &&
              encodes(ctbpf::div(x), BPF_ALU | BPF_DIV | BPF_X, 0) && encodes(mod(1), BPF_ALU | BPF_MOD | BPF_K, 1) &&
              encodes(mod(x), BPF_ALU | BPF_MOD | BPF_X, 0) && encodes(and_(1), BPF_ALU | BPF_AND | BPF_K, 1) &&
              encodes(and_(x), BPF_ALU | BPF_AND | BPF_X, 0) && encodes(or_(1), BPF_ALU | BPF_OR | BPF_K, 1) &&
              encodes(or_(x), BPF_ALU | BPF_OR | BPF_X, 0) && encodes(xor_(1), BPF_ALU | BPF_XOR | BPF_K, 1) &&
              encodes(xor_(x), BPF_ALU | BPF_XOR | BPF_X, 0) && encodes(lsh(1), BPF_ALU | BPF_LSH | BPF_K, 1) &&
              encodes(lsh(x), BPF_ALU | BPF_LSH | BPF_X, 0) && encodes(rsh(1), BPF_ALU | BPF_RSH | BPF_K, 1) &&
              encodes(rsh(x), BPF_ALU | BPF_RSH | BPF_X, 0) && encodes(neg(), BPF_ALU | BPF_NEG, 0));
static_assert(encodes(ret(5), BPF_RET | BPF_K, 5) && encodes(ret(a), BPF_RET | BPF_A, 0) &&
              encodes(tax(), BPF_MISC | BPF_TAX, 0) && encodes(txa(), BPF_MISC | BPF_TXA, 0));

// Conditional jumps: jt/jf as given, or swapped for the opcodes that do not exist.
constexpr bool jump(const instruction& i, std::uint16_t code, std::uint32_t k, std::int64_t jt, std::int64_t jf) {
    return i.code == code && i.k == k && i.jt.skip == jt && i.jf.skip == jf;
}
static_assert(jump(jeq(5, 1, 2), BPF_JMP | BPF_JEQ | BPF_K, 5, 1, 2) &&
              jump(jeq(x, 1), BPF_JMP | BPF_JEQ | BPF_X, 0, 1, 0) &&
              jump(jgt(5, 1, 2), BPF_JMP | BPF_JGT | BPF_K, 5, 1, 2) &&
              jump(jge(x, 1, 2), BPF_JMP | BPF_JGE | BPF_X, 0, 1, 2) &&
              jump(jset(5, 1, 2), BPF_JMP | BPF_JSET | BPF_K, 5, 1, 2));
static_assert(jump(jne(5, 1, 2), BPF_JMP | BPF_JEQ | BPF_K, 5, 2, 1) &&
              jump(jneq(5, 3), BPF_JMP | BPF_JEQ | BPF_K, 5, 0, 3) &&
              jump(jlt(5, 1, 2), BPF_JMP | BPF_JGE | BPF_K, 5, 2, 1) &&
              jump(jle(x, 1, 2), BPF_JMP | BPF_JGT | BPF_X, 0, 2, 1));
static_assert(ja(3).code == (BPF_JMP | BPF_JA) && ja(3).jt.skip == 3 && ja("end").jt.label == "end");
static_assert(raw(0x21, 1, 2, 3).raw && raw(0x21, 1, 2, 3).raw_jt == 1);

}  // namespace
