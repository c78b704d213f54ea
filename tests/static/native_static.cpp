// The native path's block analysis, checked at compile time: where blocks start and end, how
// many edges enter each, and which are compiled into the block that enters them.
#include <ctbpf/ctbpf.hpp>
#include <ctbpf/native.hpp>

#include "../cases/long_programs.hpp"

namespace {

using namespace ctbpf;  // NOLINT
using detail::native::graph_v;

// ldh [12]; jeq #0x806, 0, 1; ret #4096; ret #0
constexpr auto arp = assemble(ldh(12), jeq(0x806, 0, 1), ret(4096), ret(0));
constexpr const auto& arp_graph = graph_v<arp>;
static_assert(arp_graph.leader[0] && !arp_graph.leader[1] && arp_graph.leader[2] && arp_graph.leader[3]);
static_assert(arp_graph.end[0] == 2 && arp_graph.end[2] == 3 && arp_graph.end[3] == 4);
static_assert(arp_graph.edges[2] == 1 && arp_graph.edges[3] == 1);
static_assert(arp_graph.inlined[0] && arp_graph.inlined[2] && arp_graph.inlined[3]);

// Two paths meet at `add #2`: a join, so a function of its own; `add #1` is entered once.
constexpr auto diamond = assemble(ldb(0), jeq(1, 0, 1), add(1), add(2), ret(a));
constexpr const auto& diamond_graph = graph_v<diamond>;
static_assert(diamond_graph.leader[2] && diamond_graph.leader[3] && diamond_graph.edges[3] == 2);
static_assert(diamond_graph.inlined[2] && !diamond_graph.inlined[3]);

// A conditional whose targets coincide is one edge: its target stays compiled into it.
constexpr auto same_targets = assemble(ldb(0), jeq(1, 0, 0), add(1), ret(a));
static_assert(graph_v<same_targets>.edges[2] == 1 && graph_v<same_targets>.inlined[2]);

// A lone return that many jumps reach is copied into each of them.
constexpr auto shared_return = assemble(ldb(0), jeq(1, 2, 0), jeq(2, 1, 0), ret(0), ret(7));
static_assert(graph_v<shared_return>.edges[4] == 2 && graph_v<shared_return>.inlined[4]);

// A straight run longer than longest_block is cut into blocks that fall through, and a chain of
// blocks entered once becomes a new function every longest_chain blocks.
template <std::size_t N>
constexpr auto straight = [] {
    std::array<sock_filter, N> p{};
    for (auto& f : p) f = {bpf::alu | bpf::add | bpf::k, 0, 0, 1};
    p.back() = {bpf::ret | bpf::a, 0, 0, 0};
    return p;
}();
static_assert(detail::native::longest_block == 64 && detail::native::longest_chain == 8);
static_assert(graph_v<straight<150>>.leader[64] && graph_v<straight<150>>.leader[128]);
static_assert(graph_v<straight<150>>.end[0] == 64 && !graph_v<straight<150>>.leader[100]);
static_assert(graph_v<straight<1000>>.inlined[448] && !graph_v<straight<1000>>.inlined[512]);
static_assert(graph_v<straight<1000>>.inlined[576]);

// Each join of the ladder is a function; nothing else is.
constexpr auto ladder = cases::join_ladder<max_instructions>();
constexpr int functions = [] {
    int n = 0;
    for (std::size_t i = 0; i < ladder.size(); ++i) n += graph_v<ladder>.leader[i] && !graph_v<ladder>.inlined[i];
    return n;
}();
static_assert(functions == 1023);  // each `add #2`

}  // namespace
