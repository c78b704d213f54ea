// The optimizer's cases, one or more per pass (docs/optimizer.md): an input program and the
// program ctbpf::optimize must make of it. tests/static/optimize_static.cpp checks them with
// static_assert, tests/unit/optimize_test.cpp at run time; both also run input and output on
// frames and require the same verdicts.
#pragma once

#include <ctbpf/assemble.hpp>
#include <ctbpf/builders.hpp>
#include <ctbpf/compiler/values.hpp>

#include <array>
#include <cstddef>
#include <span>
#include <string_view>

namespace cases::optimizer {
using namespace ctbpf;  // NOLINT: the builders

// constant propagation and folding
inline constexpr auto folding_in = assemble(ldi(2), add(3), mul(4), ret(a));
inline constexpr auto folding_out = assemble(ret(20));
inline constexpr auto identity_in = assemble(ldb(14), add(0), or_(0), mul(1), ret(a));
inline constexpr auto identity_out = assemble(ldb(14), ret(a));
inline constexpr auto known_x_in = assemble(ldb(14), ldxi(3), add(x), ret(a));
inline constexpr auto known_x_out = assemble(ldb(14), add(3), ret(a));
inline constexpr auto known_index_in = assemble(ldxi(14), ldh(x + 2), ret(a));
inline constexpr auto known_index_out = assemble(ldh(16), ret(a));
inline constexpr auto constant_return_in = assemble(ldi(7), tax(), txa(), ret(a));
inline constexpr auto constant_return_out = assemble(ret(7));
// value numbering: loads and stores of values already in place
inline constexpr auto reload_in = assemble(ldh(12), st(M[0]), ldh(12), ret(a));
inline constexpr auto reload_out = assemble(ldh(12), ret(a));
inline constexpr auto let_spill_in = assemble(ldb(23), st(M[15]), ld(M[15]), jeq(6, 0, 1), ret(1), ret(0));
inline constexpr auto let_spill_out = assemble(ldb(23), jeq(6, 0, 1), ret(1), ret(0));
// a computed offset folded into the load (libpcap: `ld #k; add x; tax; ldb [x + j]`), a mask
// folded into the test
inline constexpr auto offset_in = assemble(ldxb(14), ldi(13), add(x), tax(), ldb(x + 14), ret(a));
inline constexpr auto offset_out = assemble(ldxb(14), ldb(x + 27), ret(a));
inline constexpr auto mask_in = assemble(ldb(47), and_(7), jeq(0, 0, 1), ret(0), ret(1));
inline constexpr auto mask_out = assemble(ldb(47), jset(7, 1, 0), ret(0), ret(1));
// jump threading: a branch decided on an edge is jumped over
inline constexpr auto threading_in = assemble(ldh(12), jeq(0x800, 0, 3), ldh(12), jeq(0x800, 0, 1), ret(1), ret(0));
inline constexpr auto threading_out = assemble(ldh(12), jeq(0x800, 0, 1), ret(1), ret(0));
inline constexpr auto ranges_in = assemble(ldb(14), jge(10, 0, 2), jge(5, 0, 1), ret(1), ret(0));
inline constexpr auto ranges_out = assemble(ldb(14), jge(10, 0, 1), ret(1), ret(0));
// threading past a reload whose value is dead where the edge lands (libpcap's unoptimized shape)
inline constexpr auto past_reload_in =
    assemble(ldh(12), jeq(0x800, 0, 2), ldb(23), jeq(6, 3, 0), ldh(12), jeq(0x86dd, 0, 2), ret(2), ret(1), ret(0));
inline constexpr auto past_reload_out =
    assemble(ldh(12), jeq(0x800, 0, 2), ldb(23), jeq(6, 2, 3), jeq(0x86dd, 0, 2), ret(2), ret(1), ret(0));
// a chain of jeq over consecutive constants into one target: a range test
inline constexpr auto range_chain_in =
    assemble(ldb(23), jeq(7, 3, 0), jeq(5, 2, 0), jeq(6, 1, 0), jeq(8, 0, 1), ret(1), ret(0));
inline constexpr auto range_chain_out = assemble(ldb(23), jge(5, 0, 2), jgt(8, 1, 0), ret(1), ret(0));
// tests of values already loaded are regrouped by value (then reloads go and runs become ranges)
inline constexpr auto regroup_in =
    assemble(ldh(20), jeq(1, 12, 0), ldh(22), jeq(1, 10, 0), ldh(20), jeq(2, 8, 0), ldh(22), jeq(2, 6, 0), ldh(20),
             jeq(3, 4, 0), ldh(22), jeq(3, 2, 0), ret(0), ret(0), ret(1));
// (from the second ldh(20) on, both loads are covered and A holds [22], whose tests go first; the
// next round joins them with the first [22] test into one range)
inline constexpr auto regroup_out = assemble(ldh(20), jeq(1, 7, 0), ldh(22), jge(1, 0, 1), jgt(3, 0, 4), ldh(20),
                                             jeq(2, 2, 0), jeq(3, 1, 0), ret(0), ret(1));
// facts reach back past both IPv6 addresses: the EtherType tested first still decides the last
// test (IPv6 addresses, next header and ports, then `ip`: never), so every run returns 0
inline constexpr auto deep_facts_in = assemble(
    ldh(12), jeq(0x86dd, 0, 25), ld(22), jeq(0x20010db8, 0, 23), ld(26), jeq(0, 0, 21), ld(30), jeq(0, 0, 19), ld(34),
    jeq(1, 0, 17), ld(38), jeq(0x20010db8, 0, 15), ld(42), jeq(0, 0, 13), ld(46), jeq(0, 0, 11), ld(50), jeq(2, 0, 9),
    ldb(20), jeq(6, 0, 7), ldh(54), jeq(80, 0, 5), ldh(56), jeq(1234, 0, 3), ldh(12), jeq(0x800, 0, 1), ret(1), ret(0));
inline constexpr auto deep_facts_out = assemble(ret(0));
// a chain whose loads a farther one has covered tests A's value first, and its reload goes
// (`rarp src or dst host 10` after a test of the destination: libpcap -O's order)
inline constexpr auto a_first_in =
    assemble(ld(38), jeq(7, 5, 0), ld(28), jeq(10, 3, 0), ld(38), jeq(10, 1, 0), ret(0), ret(1));
inline constexpr auto a_first_out =
    assemble(ld(38), jeq(7, 4, 0), jeq(10, 3, 0), ld(28), jeq(10, 1, 0), ret(0), ret(1));
// ... and loads not yet certain too when the tests' target returns 0, as a failed load does
// (`not (port 1 or port 2)`)
inline constexpr auto regroup_zero_in = assemble(ldh(20), jeq(1, 6, 0), ldh(22), jeq(1, 4, 0), ldh(20), jeq(2, 2, 0),
                                                 ldh(22), jeq(2, 0, 1), ret(0), ret(1));
inline constexpr auto regroup_zero_out =
    assemble(ldh(20), jeq(1, 4, 0), jeq(2, 3, 0), ldh(22), jeq(1, 1, 0), jeq(2, 0, 1), ret(0), ret(1));
// 0 | X and 0 ^ X are X (the `tax` after them goes, then they die); 0 * X, 0 & X, 0 << X are 0
inline constexpr auto zero_op_in =
    assemble(ldb(14), tax(), ldi(0), xor_(x), tax(), ldi(0), jeq(x, 0, 1), ret(1), ret(2));
inline constexpr auto zero_op_out = assemble(ldb(14), tax(), ldi(0), jeq(x, 0, 1), ret(1), ret(2));
inline constexpr auto zero_times_in = assemble(ldb(14), tax(), ldi(0), mul(x), jeq(0, 0, 1), ret(1), ret(2));
inline constexpr auto zero_times_out = assemble(ldb(14), ret(1));
// A - X = 0 and A ^ X = 0 are A = X
inline constexpr auto sub_x_in = assemble(ldb(14), tax(), ldb(15), sub(x), jeq(0, 0, 1), ret(1), ret(2));
inline constexpr auto sub_x_out = assemble(ldb(14), tax(), ldb(15), jeq(x, 0, 1), ret(1), ret(2));
// dead code and ja elimination
inline constexpr auto dead_branch_in = assemble(ldi(1), jeq(1, 0, 1), ret(1), ldb(14), ret(a));
inline constexpr auto dead_branch_out = assemble(ret(1));
inline constexpr auto jumps_in = assemble(ja(1), ret(1), ja(0), ret(2));
inline constexpr auto jumps_out = assemble(ret(2));
// identical tails and returns merge (here the branch's two targets become one)
inline constexpr auto same_tails_in = assemble(ldb(14), jeq(1, 0, 1), ret(5), ret(5));
inline constexpr auto same_tails_out = assemble(ldb(14), ret(5));
// a node from which every run returns one constant is that return (a failed load returns 0)
inline constexpr auto uniform_in = assemble(ldb(40), jeq(1, 0, 1), ret(0), ret(0));
inline constexpr auto uniform_out = assemble(ret(0));
// dead stores go; dead loads only where a load as far has certainly run, or certainly runs
// after them on every way to a return other than `ret #0` (truncated packets: either way the
// verdict where the load would fail is 0)
inline constexpr auto dead_store_in = assemble(ldb(14), st(M[3]), ret(5));
inline constexpr auto dead_store_out = assemble(ldb(14), ret(5));
inline constexpr auto farther_first_in = assemble(ldb(50), ldb(20), ret(1));
inline constexpr auto farther_first_out = assemble(ldb(50), ret(1));
inline constexpr auto nearer_first_in = assemble(ldb(20), ldb(50), ret(1));
inline constexpr auto nearer_first_out = assemble(ldb(50), ret(1));
inline constexpr auto nearer_kept_in = assemble(ldb(20), ld(len), jgt(100, 0, 2), ldb(50), ret(1), ret(1));
inline constexpr auto nearer_kept_out = assemble(ldb(20), ld(len), jgt(100, 0, 1), ldb(50), ret(1));  // 1 without [50]
inline constexpr auto nearer_zero_in = assemble(ldb(20), ld(len), jgt(100, 0, 2), ldb(50), ret(1), ret(0));
inline constexpr auto nearer_zero_out = assemble(ld(len), jgt(100, 0, 2), ldb(50), ret(1), ret(0));
// ... and an ancillary load that may end the run with A (no device) is a return on that way
inline constexpr auto nearer_exit_in = assemble(ldxb(20), ldxi(1), ld(ext::hatype), ldb(50), ret(1));
inline constexpr auto nearer_exit_out = nearer_exit_in;
inline constexpr auto division_by_x_in = assemble(ldb(14), tax(), ldi(10), div(x), ret(1));
inline constexpr auto division_by_x_out = division_by_x_in;
inline constexpr auto random_in = assemble(ld(ext::rand), ld(ext::rand), ret(a));
inline constexpr auto random_out = random_in;
// seccomp: loads of seccomp_data cannot fail
inline constexpr auto seccomp_in = assemble<profile::seccomp>(ld(4), ld(0), ret(0x7fff0000u));
inline constexpr auto seccomp_out = assemble<profile::seccomp>(ret(0x7fff0000u));

struct optimize_case {
    std::string_view name;
    std::span<const sock_filter> in, out;
    profile prof = profile::socket_filter;
};

#define CTBPF_CASE(name) \
    optimize_case { #name, name##_in, name##_out }
inline constexpr std::array optimize_cases{
    CTBPF_CASE(folding),
    CTBPF_CASE(identity),
    CTBPF_CASE(known_x),
    CTBPF_CASE(known_index),
    CTBPF_CASE(constant_return),
    CTBPF_CASE(offset),
    CTBPF_CASE(mask),
    CTBPF_CASE(reload),
    CTBPF_CASE(let_spill),
    CTBPF_CASE(threading),
    CTBPF_CASE(ranges),
    CTBPF_CASE(range_chain),
    CTBPF_CASE(regroup),
    CTBPF_CASE(regroup_zero),
    CTBPF_CASE(a_first),
    CTBPF_CASE(deep_facts),
    CTBPF_CASE(sub_x),
    CTBPF_CASE(zero_op),
    CTBPF_CASE(zero_times),
    CTBPF_CASE(past_reload),
    CTBPF_CASE(dead_branch),
    CTBPF_CASE(jumps),
    CTBPF_CASE(same_tails),
    CTBPF_CASE(uniform),
    CTBPF_CASE(dead_store),
    CTBPF_CASE(farther_first),
    CTBPF_CASE(nearer_first),
    CTBPF_CASE(nearer_kept),
    CTBPF_CASE(nearer_zero),
    CTBPF_CASE(nearer_exit),
    CTBPF_CASE(division_by_x),
    CTBPF_CASE(random),
    optimize_case{"seccomp", seccomp_in, seccomp_out, profile::seccomp},
};
#undef CTBPF_CASE

/// The invariant fact_pool::meet relies on (compiler/values.hpp): the facts in reach of a list are
/// about distinct values. Random learning and meeting on eight lists over 40 values (more than a
/// list's reach of `program_size`'s depth, so that facts fall out of reach and come back), each
/// list checked after it changes. Takes the pool (3 MB) from the caller.
constexpr bool facts_in_reach_are_distinct(ctbpf::detail::compiler::fact_pool& pool, std::size_t program_size,
                                           std::uint32_t seed, std::size_t steps) {
    namespace c = ctbpf::detail::compiler;
    pool.clear(program_size);
    std::uint32_t lists[8]{};
    std::uint32_t r = seed;
    const auto next = [&r](std::uint32_t n) {
        r = r * 1103515245u + 12345u;
        return (r >> 8) % n;
    };
    constexpr std::uint16_t ops[] = {bpf::jeq, bpf::jgt, bpf::jge, bpf::jset};
    for (std::size_t step = 0; step < steps; ++step) {
        std::uint32_t& list = lists[next(8)];
        if (next(4) == 0) {
            list = pool.meet(list, lists[next(8)]);
        } else {
            c::state s{};
            s.facts = list;
            c::learn(pool, s, c::operation_tag | next(40), ops[next(4)], next(16), next(2) == 0);
            list = s.facts;
        }
        std::uint32_t at = list;
        for (std::size_t depth = 0; at != 0 && depth < pool.depth(); ++depth, at = pool.next_of(at))
            if (pool.find(list, pool.newest(at).v) != &pool.newest(at)) return false;
    }
    return true;
}

}  // namespace cases::optimizer
