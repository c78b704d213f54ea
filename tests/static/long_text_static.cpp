// A 4096-line bpf_asm source of shape CTBPF_LONG_SHAPE (tests/cases/long_sources.hpp, generated as
// a string literal) assembles within the compilers' default constant-evaluation limits. One
// translation unit per shape (tests/CMakeLists.txt): each takes a few seconds (docs/limits.md).
#include <ctbpf/assemble.hpp>

#define CTBPF_STRINGIFY(x) #x
#define CTBPF_FILE(shape) CTBPF_STRINGIFY(long_source_##shape.inc)
#define CTBPF_SHAPE_FILE(shape) CTBPF_FILE(shape)
#define CTBPF_NAME(shape) long_source_##shape
#define CTBPF_SHAPE_NAME(shape) CTBPF_NAME(shape)
#include CTBPF_SHAPE_FILE(CTBPF_LONG_SHAPE)

namespace {
constexpr int shape = CTBPF_LONG_SHAPE;
constexpr auto image = ctbpf::assemble<CTBPF_SHAPE_NAME(CTBPF_LONG_SHAPE)>();

static_assert(shape != 0 || (image.size() == 4096 && image[4095].code == 0x06));
static_assert(shape != 1 || (image.size() == 4096 && image[1].jt == 0 && image[1].jf == 1));
static_assert(shape != 2 || (image.size() == 2048 && image[2047].code == 0x16));
static_assert(shape != 3 || (image.size() == 4096 && image[0].jt == 0 && image[0].jf == 1));
// far jumps: all 1300 jumps reach `far` (more than 255 ahead) through a trampoline each
static_assert(shape != 4 || (image.size() == 1601 + 1300 && image[1].code == 0x05));
}  // namespace
