// Compile-fail tests of text input, one per case of cases::parse_errors (named by
// CTBPF_TEXT_CASE): with CTBPF_COMPILE_FAIL the case's text must not compile, and the error
// (problem, line, column) listed in tests/CMakeLists.txt must be printed; without it, the case's
// corrected text is the compiling twin (every twin also compiles in tests/static/parse_static.cpp).
#include <ctbpf/parse.hpp>

#include "../cases/parse_cases.hpp"

#ifndef CTBPF_TEXT_CASE
#define CTBPF_TEXT_CASE "unknown mnemonic"
#endif

namespace {
constexpr std::size_t index = cases::parse_error_index(CTBPF_TEXT_CASE);
static_assert(index < cases::parse_errors.size(), "CTBPF_TEXT_CASE names no case of cases::parse_errors");
#ifdef CTBPF_COMPILE_FAIL
constexpr bool fixed = false;
#else
constexpr bool fixed = true;
#endif
[[maybe_unused]] constexpr auto image =
    ctbpf::parse<cases::parse_error_text<index, fixed>(), cases::parse_errors[index].format>();
}  // namespace
