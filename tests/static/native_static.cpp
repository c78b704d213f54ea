// The native path's block analysis, checked at compile time: where blocks start and end, how
// many edges enter each, and which are compiled into the block that enters them.
#include <ctbpf/ctbpf.hpp>
#include <ctbpf/native.hpp>

#include <array>
#include <cstdint>
#include <utility>

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
constexpr auto diamond = assemble(ldb(0), jeq(1, 0, 1), add(1), add(2), add(3), add(4), add(5), ret(a));
constexpr const auto& diamond_graph = graph_v<diamond>;
static_assert(diamond_graph.leader[2] && diamond_graph.leader[3] && diamond_graph.edges[3] == 2);
static_assert(diamond_graph.inlined[2] && !diamond_graph.inlined[3]);
// A join of at most longest_copied_test instructions that only returns is copied into each path.
constexpr auto short_join = assemble(ldb(0), jeq(1, 0, 1), add(1), add(2), ret(a));
static_assert(graph_v<short_join>.edges[3] == 2 && graph_v<short_join>.inlined[3]);
// So is a short test between returns (`ip host H and tcp`: the tcp test after either address).
constexpr auto shared_test = assemble(ldb(0), jeq(1, 1, 0), jeq(2, 0, 3), ldb(5), jeq(6, 0, 1), ret(9), ret(0));
static_assert(graph_v<shared_test>.edges[3] == 2 && graph_v<shared_test>.end[3] == 5 &&
              graph_v<shared_test>.inlined[3]);
// A short block that goes on to more than returns is not copied.
constexpr auto shared_step = assemble(ldb(0), jeq(1, 1, 0), jeq(2, 0, 4), ldb(5), jeq(6, 0, 1), add(1), ret(a), ret(0));
static_assert(graph_v<shared_step>.edges[3] == 2 && !graph_v<shared_step>.inlined[3]);

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

// A run of jeq #k with one true target (`port 1 or port 2 or ...`) is one set test: the block
// before it ends in it, the blocks inside it are entered from nowhere, its true and false targets
// once each; a jump into its middle runs the rest one comparison at a time. The decoded interpreter finds the same runs (detail/jeq_runs.hpp).
constexpr auto ports =
    assemble(ldh(12), jeq(9, 5, 0), jeq(3, 4, 0), jeq(1, 3, 0), jeq(2, 2, 0), jeq(7, 1, 0), ret(0), ret(5));
static_assert(graph_v<ports>.run[0] == 5 && graph_v<ports>.end[0] == 2);
static_assert(graph_v<ports>.edges[2] == 0 && graph_v<ports>.edges[6] == 1 && graph_v<ports>.edges[7] == 1);
static_assert(detail::jeq_run_length(ports.data(), ports.size(), 1) == 5);
static_assert(detail::jeq_run_length(ports.data(), ports.size(), 3) == 0);  // inside: no run of its own
static_assert(detail::jeq_run_length(ports.data(), ports.size(), 0) == 0);  // not a jeq
// a different true target ends the run; so does a false branch that does not fall through
constexpr auto broken = assemble(ldh(12), jeq(1, 4, 0), jeq(2, 3, 0), jeq(3, 1, 0), jeq(4, 1, 0), ret(0), ret(5));
static_assert(detail::jeq_run_length(broken.data(), broken.size(), 1) == 2);
constexpr auto skips = assemble(ldh(12), jeq(1, 4, 1), jeq(2, 3, 0), jeq(3, 2, 0), jeq(4, 1, 0), ret(0), ret(5));
static_assert(detail::jeq_run_length(skips.data(), skips.size(), 1) == 1);
static_assert(graph_v<broken>.run[0] == 0 && graph_v<skips>.run[0] == 0);  // shorter than 4

// The run's values as sorted, merged ranges; the set test on them.
template <std::size_t Length>
constexpr auto ranges_of(const std::array<std::uint32_t, Length>& values) {
    std::array<sock_filter, Length + 1> p{};
    for (std::size_t i = 0; i < Length; ++i)
        p[i] = {bpf::jmp | bpf::jeq | bpf::k, static_cast<std::uint8_t>(Length - i - 1), 0, values[i]};
    p[Length] = {bpf::ret | bpf::k, 0, 0, 0};
    std::pair<std::array<std::uint32_t, 2 * Length>, std::size_t> out{};
    out.second = detail::jeq_run_ranges(p.data(), 0, Length, out.first.data());
    return out;
}
constexpr auto merged = ranges_of(std::array<std::uint32_t, 7>{9, 3, 1, 2, 7, 2, 8});
static_assert(merged.second == 2 && merged.first[0] == 1 && merged.first[1] == 3 && merged.first[2] == 7 &&
              merged.first[3] == 9);
constexpr auto ends = ranges_of(std::array<std::uint32_t, 4>{0xffffffffu, 0, 0xfffffffeu, 5});
static_assert(ends.second == 3 && ends.first[0] == 0 && ends.first[1] == 0 && ends.first[2] == 5 &&
              ends.first[4] == 0xfffffffeu && ends.first[5] == 0xffffffffu);
static_assert(detail::in_ranges(ends.first.data(), ends.second, 0xffffffffu) &&
              detail::in_ranges(ends.first.data(), ends.second, 5) && detail::in_ranges(ends.first.data(), 3, 0) &&
              !detail::in_ranges(ends.first.data(), 3, 4) && !detail::in_ranges(ends.first.data(), 3, 6) &&
              !detail::in_ranges(ends.first.data(), 3, 0xfffffffdu));
static_assert(detail::native::in_set<detail::native::run_ranges_v<ports, 1, 5>, 0, 2>(2) &&
              !detail::native::in_set<detail::native::run_ranges_v<ports, 1, 5>, 0, 2>(4));
static_assert(run(ports, std::array<std::uint8_t, 14>{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7}) == 5);
static_assert(run(ports, std::array<std::uint8_t, 14>{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 8}) == 0);

// Each join of the ladder is a function; nothing else is.
constexpr auto ladder = cases::join_ladder<max_instructions>();
constexpr int functions = [] {
    int n = 0;
    for (std::size_t i = 0; i < ladder.size(); ++i) n += graph_v<ladder>.leader[i] && !graph_v<ladder>.inlined[i];
    return n;
}();
static_assert(functions == 1023);  // each `add #2`

}  // namespace
