// A 4096-instruction builder program with 1001 labels assembles within the compilers' default
// constant-evaluation limits (the linker's label table is a hash table: linear), in the
// function-call form or, with CTBPF_TEMPLATE_FORM, the template-argument form. Its own
// translation unit: it takes a few seconds (docs/limits.md).
#include <ctbpf/assemble.hpp>

#include <utility>

#include "../cases/long_sources.hpp"

namespace {
template <std::size_t... I>
consteval auto long_builders(std::index_sequence<I...>) {
#ifdef CTBPF_TEMPLATE_FORM
    return ctbpf::assemble<[] { return ctbpf::link(cases::builder_item<I>()...); }>();
#else
    return ctbpf::assemble(cases::builder_item<I>()...);
#endif
}
constexpr auto image = long_builders(std::make_index_sequence<cases::builder_items>{});
static_assert(image.size() == 4096);
// group g: [5g - g] ldb, jeq #g to group g+1 (skip 2: add, tax) or g+2 (skip 6)
static_assert(image[1].code == 0x15 && image[1].jt == 2 && image[1].jf == 6);
static_assert(image[4 * 999 + 1].jt == 2 + 95 && image[4 * 999 + 1].jf == 2 + 95);  // the last group: L1000 twice
static_assert(image[4095].code == 0x16);
}  // namespace
