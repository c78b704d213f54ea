// Compile-time cost by program size, for scripts/measure-compile-time.sh. CTBPF_SIZE is about the
// number of instructions; CTBPF_WHAT selects what is compiled:
//   language          the filter language: an IPv4/TCP check and in(port, constants)
//   assemble          ctbpf::assemble of builders: groups `ldb; jeq; add; add` with a join each
//   assemble_template the same builders through assemble's template-argument form
//   native_language   ctbpf::native of the language's image
//   native_assemble   ctbpf::native of the assembled image (a function per join)
//   optimize          ctbpf::optimize<image>() of the same ladder as a raw image (prints its size,
//                     then the optimized one)
#include <ctbpf/ctbpf.hpp>

#include <array>
#include <cstdint>
#include <cstdio>
#include <utility>
#include <vector>

using namespace ctbpf::dsl;  // NOLINT

#define CTBPF_LANGUAGE 1
#define CTBPF_ASSEMBLE 2
#define CTBPF_ASSEMBLE_TEMPLATE 3
#define CTBPF_language CTBPF_LANGUAGE
#define CTBPF_assemble CTBPF_ASSEMBLE
#define CTBPF_assemble_template CTBPF_ASSEMBLE_TEMPLATE
#define CTBPF_native_language CTBPF_LANGUAGE
#define CTBPF_native_assemble CTBPF_ASSEMBLE
#define CTBPF_optimize CTBPF_ASSEMBLE
#define CTBPF_CAT(a, b) a##b
#define CTBPF_SOURCE(what) CTBPF_CAT(CTBPF_, what)

#if CTBPF_SOURCE(CTBPF_WHAT) == CTBPF_LANGUAGE
// in() over n constants compiles to about 1.36 n + 20 instructions
constexpr std::size_t constants_count = CTBPF_SIZE < 22 ? 1 : (CTBPF_SIZE - 20) * 100 / 136;
constexpr auto constants = [] {
    std::array<std::uint32_t, constants_count> a{};
    for (std::size_t i = 0; i < a.size(); ++i) a[i] = static_cast<std::uint32_t>(7 * i + 3);
    return a;
}();
constexpr auto tcp4 = u16(12) == 0x0800 && u8(23) == 6 && (u16(20) & 0x1fff) == 0;
constexpr auto image = ctbpf::compile < tcp4 && in(u16(ip_hlen(14) + 16), constants) > ();
#else
template <std::size_t I>
constexpr ctbpf::instruction group_member() {
    using namespace ctbpf;  // NOLINT
    switch (I % 4) {
        case 0: return ldb(static_cast<std::uint32_t>(I / 4 % 64));
        case 1: return jeq(static_cast<std::uint32_t>(I / 4 % 256), 0, 1);
        case 2: return add(1);
        default: return add(2);
    }
}
template <std::size_t... I>
consteval auto ladder(std::index_sequence<I...>) {
#if CTBPF_SOURCE(CTBPF_WHAT) == CTBPF_ASSEMBLE_TEMPLATE
    return ctbpf::assemble<[] { return ctbpf::link(group_member<I>()..., ctbpf::ret(ctbpf::a)); }>();
#else
    return ctbpf::assemble(group_member<I>()..., ctbpf::ret(ctbpf::a));
#endif
}
#ifdef CTBPF_OPTIMIZE
// The same ladder as a raw image (as a pasted `tcpdump -dd` program would be), so that only the
// optimizer is timed.
constexpr auto assembled = [] {
    namespace bpf = ctbpf::bpf;
    std::array<sock_filter, CTBPF_SIZE> a{};
    for (std::size_t i = 0; i + 1 < a.size(); ++i) {
        const auto group = static_cast<std::uint32_t>(i / 4);
        switch (i % 4) {
            case 0: a[i] = {bpf::ld | bpf::b | bpf::abs, 0, 0, group % 64}; break;
            case 1: a[i] = {bpf::jmp | bpf::jeq | bpf::k, 0, 1, group % 256}; break;
            default: a[i] = {bpf::alu | bpf::add | bpf::k, 0, 0, i % 4 == 2 ? 1u : 2u}; break;
        }
    }
    a[a.size() - 1] = {bpf::ret | bpf::a, 0, 0, 0};
    return a;
}();
constexpr auto image = ctbpf::optimize<assembled>();
#else
constexpr auto image = ladder(std::make_index_sequence<CTBPF_SIZE - 1>{});
#endif
#endif

int main() {
#ifdef CTBPF_NATIVE
    const std::vector<std::uint8_t> frame(100, 1);
    std::printf("%zu %u\n", image.size(), ctbpf::native<image>(frame));
#elif defined(CTBPF_OPTIMIZE)  // the size going in (the optimized size after it)
    std::printf("%zu %zu\n", assembled.size(), image.size());
#else
    std::printf("%zu %u\n", image.size(), image[0].k);
#endif
}
