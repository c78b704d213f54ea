// ctbpf::analyze as static_asserts (the run-time twins are in tests/unit/optimize_test.cpp).
#include <ctbpf/analyze.hpp>
#include <ctbpf/assemble.hpp>
#include <ctbpf/builders.hpp>
#include <ctbpf/dsl.hpp>

#include "../cases/analysis_cases.hpp"
#include "../cases/pcap_filters.hpp"

namespace {
using namespace ctbpf;  // NOLINT: the builders

// ldh [12]; jeq #0x800 -> ldb [23]; jeq #6 -> accept; drop; and one instruction nothing reaches
constexpr auto tcp4 = assemble(ldh(12), jeq(0x800, 0, 4), ldb(23), jeq(6, 0, 2), ret(0xffff), ldi(1), ret(0));
constexpr analysis facts = analyze(tcp4);
static_assert(facts);
static_assert(facts.return_count == 2 && facts.returns[0] == 0 && facts.returns[1] == 0xffff && !facts.returns_a);
static_assert(facts.returns_only({0, 0xffff}) && !facts.returns_only({0xffff}));
static_assert(facts.shortest_path == 3 && facts.longest_path == 5);
static_assert(facts.unreachable_count == 1 && facts.never_executes(5) && !facts.never_executes(4));
static_assert(facts.snap_length == 24 && !facts.snap_length_unbounded);
static_assert(facts.can_fail_load && !facts.can_divide_by_zero && !facts.can_exit_with_a);
static_assert(facts.ancillary_used == 0 && facts.scratch_read == 0 && facts.scratch_written == 0);

// indexed loads: X from ldxb 4*([14]&0xf) is at most 60
constexpr auto port = assemble(ldxb(14), ldh(x + 16), ret(a));
static_assert(analyze(port).snap_length == 60 + 16 + 2 && analyze(port).returns_a);
constexpr auto unbounded = assemble(ldb(14), tax(), ldh(x + 16), ret(a));
static_assert(analyze(unbounded).snap_length_unbounded);

// ancillary values, scratch cells, early exits
constexpr auto meta = assemble(ld(ext::ifidx), st(M[2]), ld(ext::proto), ldx(M[2]), div(x), ret(a));
static_assert(analyze(meta).ancillary_used == ((1u << 2) | (1u << 0)));
static_assert(analyze(meta).scratch_read == (1u << 2) && analyze(meta).scratch_written == (1u << 2));
static_assert(analyze(meta).can_exit_with_a && analyze(meta).can_divide_by_zero && !analyze(meta).can_fail_load);

// seccomp: loads of seccomp_data cannot fail
constexpr auto allow_read = assemble<profile::seccomp>(ld(0), jeq(0, 0, 1), ret(0x7fff0000u), ret(0));
static_assert(!analyze(allow_read, profile::seccomp).can_fail_load);
static_assert(analyze(allow_read, profile::seccomp).returns_only({0, 0x7fff0000u}));

// not verified: the reason
static_assert(!analyze(std::array<sock_filter, 1>{{{0x28, 0, 0, 12}}}));
static_assert(analyze(std::array<sock_filter, 1>{{{0x28, 0, 0, 12}}}).verified.error == rule::last_not_return);

// a filter-language program: the bytes a capture of it needs
static_assert(analyze(ctbpf::compile<cases::pcap::tcp_dst_port_80>()).snap_length <= 60 + 14 + 4);
// the analysis layer's ALU semantics are the VM's, operation by operation, in both dialects
#define CTBPF_ALU_AGREES(op)                                                               \
    static_assert(cases::analysis::alu_agrees_with_the_vm(bpf::op, dialect::kernel), #op); \
    static_assert(cases::analysis::alu_agrees_with_the_vm(bpf::op, dialect::libpcap), #op);
CTBPF_ALU_AGREES(add)
CTBPF_ALU_AGREES(sub)
CTBPF_ALU_AGREES(mul)
CTBPF_ALU_AGREES(div)
CTBPF_ALU_AGREES(mod)
CTBPF_ALU_AGREES(or_)
CTBPF_ALU_AGREES(and_)
CTBPF_ALU_AGREES(xor_)
CTBPF_ALU_AGREES(lsh)
CTBPF_ALU_AGREES(rsh)
CTBPF_ALU_AGREES(neg)
#undef CTBPF_ALU_AGREES

}  // namespace
