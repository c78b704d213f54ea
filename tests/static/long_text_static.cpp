// A 4096-line bpf_asm source of shape CTBPF_LONG_SHAPE (tests/cases/long_sources.hpp) assembles
// within the compilers' default constant-evaluation limits. One translation unit per shape (see
// tests/CMakeLists.txt): each takes a few seconds, measured in docs/limits.md.
#include <ctbpf/assemble.hpp>

#include "../cases/long_sources.hpp"

namespace {
using cases::long_shape;
constexpr auto shape = static_cast<long_shape>(CTBPF_LONG_SHAPE);
constexpr auto source = cases::long_source<shape>();
constexpr auto image = ctbpf::assemble<ctbpf::fixed_string<source.size()>(source)>();

static_assert(shape != long_shape::rets || (image.size() == 4096 && image[4095].code == 0x06));
static_assert(shape != long_shape::labelled || (image.size() == 4096 && image[1].jt == 0 && image[1].jf == 1));
static_assert(shape != long_shape::label_lines || (image.size() == 2048 && image[2047].code == 0x16));
static_assert(shape != long_shape::every_labelled || (image.size() == 4096 && image[0].jt == 0 && image[0].jf == 1));
// far_jumps: all 1300 jumps reach `far` (more than 255 ahead) through a trampoline each
static_assert(shape != long_shape::far_jumps || (image.size() == 1601 + 1300 && image[1].code == 0x05));
}  // namespace
