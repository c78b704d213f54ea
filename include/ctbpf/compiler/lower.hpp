// ctbpf/compiler/lower.hpp (internal) — the lowering toolkit every front end shares: a condition
// is lowered backwards into code that continues at `t` when it holds and at `f` when it does not
// (each returns its entry), so that every jump is forward and its offset known. Here: the
// comparisons and the conditional jump each is (classic BPF has no jne, jlt or jle: those swap
// the targets of jeq, jge, jgt), and the walk of a boolean tree of all/any/negate nodes, a
// left-deep chain in a loop, its right operands first. The filter language's predicates walk the
// same way over their types (dsl/codegen.hpp), the tcpdump expressions' and the seccomp
// policies' trees through lower_condition.
#pragma once

#include <cstddef>
#include <cstdint>

#include "../detail/config.hpp"
#include "../encoding.hpp"

namespace CTBPF_NAMESPACE::detail::compiler {

/// A comparison of A with an operand, in the order the filter language and the seccomp policies
/// write theirs (dsl::cmp, seccomp::cmp begin with these six).
enum class comparison : std::uint8_t { eq, ne, lt, le, gt, ge };

/// The jump that decides `A op operand`: its operation (bpf::jeq, jgt, jge) and whether the
/// targets swap.
struct jump_form {
    std::uint16_t op;
    bool swap;
};
constexpr jump_form form_of(comparison op) noexcept {
    switch (op) {
        case comparison::eq: return {bpf::jeq, false};
        case comparison::ne: return {bpf::jeq, true};
        case comparison::gt: return {bpf::jgt, false};
        case comparison::ge: return {bpf::jge, false};
        case comparison::lt: return {bpf::jge, true};
        case comparison::le: return {bpf::jgt, true};
    }
    return {bpf::jeq, false};
}
/// Whether a op b holds.
constexpr bool holds(comparison op, std::uint32_t a, std::uint32_t b) noexcept {
    switch (op) {
        case comparison::eq: return a == b;
        case comparison::ne: return a != b;
        case comparison::lt: return a < b;
        case comparison::le: return a <= b;
        case comparison::gt: return a > b;
        case comparison::ge: return a >= b;
    }
    return false;
}

/// A node of a boolean tree as lower_condition sees it.
enum class condition_kind : std::uint8_t { always, all, any, negate, leaf };
struct condition_node {
    condition_kind kind;
    std::size_t left, right;  ///< all, any: left && right, left || right; negate: !left
};

/// Node i of a tree (node_of(i) gives its condition_node) lowered: continues at t when it holds,
/// else at f; leaf(i, t, f) lowers a leaf. `a || b || c` is a left-deep tree: its left spine is
/// walked in a loop, the right operand first (emission is backwards), so a long chain does not
/// nest calls.
template <class NodeOf, class Leaf>
constexpr std::uint32_t lower_condition(std::size_t i, std::uint32_t t, std::uint32_t f, NodeOf& node_of, Leaf& leaf) {
    for (;;) {
        const condition_node n = node_of(i);
        switch (n.kind) {
            case condition_kind::always: return t;
            case condition_kind::all: t = lower_condition(n.right, t, f, node_of, leaf); break;
            case condition_kind::any: f = lower_condition(n.right, t, f, node_of, leaf); break;
            case condition_kind::negate: {
                const std::uint32_t swap = t;
                t = f;
                f = swap;
                break;
            }
            default: return leaf(i, t, f);
        }
        i = n.left;
    }
}

}  // namespace CTBPF_NAMESPACE::detail::compiler
