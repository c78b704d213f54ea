// Compile-fail test of the filter language: an if_ chain without .else_ is no filter (a filter
// returns on every path); the other branch is its compiling twin, whose branches are predicates.
#include <ctbpf/dsl.hpp>

using namespace ctbpf::dsl;  // NOLINT

// the error counts the branches written: if_ and each else_if
static_assert(decltype(if_(u8(0) == 1, accept()).else_if(u8(1) == 2, drop()).else_if(u8(2) == 3, drop()))::branches() ==
              3);
#ifdef CTBPF_COMPILE_FAIL
constexpr auto filter = if_(u16(12) == 0x0800, accept());
#else
constexpr auto filter = if_(u16(12) == 0x0800, u8(23) == 6).else_if(u16(12) == 0x86dd, drop()).else_(u8(0) == 1);
#endif
[[maybe_unused]] constexpr auto image = ctbpf::compile<filter>();
