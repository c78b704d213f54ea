// ctbpf/pcap_filter/syntax.hpp (internal) — what a parsed tcpdump expression is: its problems,
// qualifiers, primitives, arithmetic and boolean nodes, in fixed-size arrays (no heap).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "../detail/config.hpp"
#include "../errors.hpp"
#include "../net/vocabulary.hpp"

namespace CTBPF_NAMESPACE {

/// What pcap_filter_problem p means, one sentence (docs/pcap-filter.md lists them).
constexpr std::string_view describe(pcap_filter_problem p) noexcept {
    using problem = pcap_filter_problem;
    switch (p) {
        case problem::none: return "no problem";
        case problem::unexpected_character: return "unexpected character";
        case problem::expected_expression: return "expected a primitive, `not` or `(`";
        case problem::expected_close_parenthesis: return "expected `)`";
        case problem::expected_close_bracket: return "expected `]`";
        case problem::expected_number: return "expected a number";
        case problem::expected_address: return "expected an address";
        case problem::expected_port_number: return "expected a port number or a service name";
        case problem::expected_relation: return "expected a relation (`=`, `!=`, `<`, `<=`, `>`, `>=`)";
        case problem::number_out_of_range: return "number out of range";
        case problem::bad_address: return "malformed address";
        case problem::bad_mask: return "malformed network mask (or address bits outside it)";
        case problem::unknown_name: return "unknown name";
        case problem::needs_the_system:
            return "needs the system's databases at run time (host names, gateway, /etc/ethers): use an address; "
                   "`ip broadcast` needs the network's mask given (docs/pcap-filter.md)";
        case problem::not_supported: return "not supported by ctbpf yet (docs/pcap-filter.md lists what is)";
        case problem::qualifier_not_allowed: return "this qualifier does not apply here";
        case problem::text_after_the_expression: return "text after the expression";
        case problem::too_complex:
            return "expression too complex (more than 512 nodes, 16 nested values, or 4096 instructions before "
                   "optimization)";
        case problem::division_by_zero: return "division by zero";
        case problem::not_on_this_link:
            return "not available on this link type or after this encapsulation (libpcap refuses it too: e.g. `ether "
                   "host` on raw IP, `vlan` after `mpls` or `pppoes`, `arp` over MPLS)";
    }
    return "unknown problem";
}

/// What `pcap_compile` takes for a network mask it does not know (PCAP_NETMASK_UNKNOWN): then
/// `ip broadcast` cannot be compiled.
inline constexpr std::uint32_t netmask_unknown = 0xffffffffu;

}  // namespace CTBPF_NAMESPACE

namespace CTBPF_NAMESPACE::detail::pcap_filter {
using namespace ctbpf::net;  // NOLINT: the primitives' vocabulary
using problem = pcap_filter_problem;

/// Arithmetic of relations: numbers, `len`, loads `proto[expr:size]`, operators.
enum class arith_kind : std::uint8_t { number, length, load, binary, negate };
struct arith {
    arith_kind k = arith_kind::number;
    char op = 0;            ///< binary: + - * / % & | ^ < (<<) > (>>)
    proto p = proto::none;  ///< load: the protocol whose header the index is relative to
    std::uint8_t size = 1;  ///< load: 1, 2 or 4
    std::uint16_t l = 0, r = 0;
    std::uint32_t value = 0;
    layout at{};  ///< load: the link layer where it was written
};

enum class node_kind : std::uint8_t { accept_all, all, any, negate, prim, relation };
/// A node of the boolean tree: all/any (a, b), negate (a), prim (index into prims), relation
/// (op, arithmetic a and b).
struct node {
    node_kind k = node_kind::accept_all;
    char op = 0;  ///< relation: = ! (!=) < l (<=) > g (>=)
    std::uint16_t a = 0, b = 0, prim = 0;
};

inline constexpr std::size_t max_nodes = 512;

/// A parsed expression: nodes, primitives and arithmetic in arrays; `root` is its tree.
struct expression {
    std::array<node, max_nodes> nodes{};
    std::array<primitive, max_nodes> prims{};
    std::array<arith, max_nodes> ariths{};
    std::uint16_t node_count = 0, prim_count = 0, arith_count = 0, root = 0;
    problem error = problem::none;
    std::uint32_t column = 0;                 ///< of the problem, from 1
    std::uint32_t netmask = netmask_unknown;  ///< the capture's network mask (`ip broadcast`)
};

}  // namespace CTBPF_NAMESPACE::detail::pcap_filter

/// The names of the tcpdump expressions' problems as they were first spelled.
namespace CTBPF_NAMESPACE::pcap_expr {
using problem = pcap_filter_problem;
using ctbpf::netmask_unknown;
constexpr std::string_view message(problem p) noexcept { return describe(p); }
}  // namespace CTBPF_NAMESPACE::pcap_expr
