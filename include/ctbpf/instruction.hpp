// ctbpf/instruction.hpp — one instruction before linking: an opcode, k, and jump targets that are
// relative skips or label names. The builders (builders.hpp) make them, the bpf_asm parser
// (parse/) makes them, the linker (compiler/link.hpp) resolves and encodes them.
// Usage: ctbpf::instruction i{ctbpf::bpf::jmp | ctbpf::bpf::jeq | ctbpf::bpf::k, 0x800, 0, "drop"};
#pragma once

#include <concepts>
#include <cstdint>
#include <string_view>

#include "detail/config.hpp"
#include "encoding.hpp"

namespace CTBPF_NAMESPACE {

/// A jump destination: a relative skip (0 = next instruction) or the name of a label.
struct target {
    std::int64_t skip = 0;
    std::string_view label{};

    constexpr target() = default;
    template <std::integral I>
    constexpr target(I n) : skip(static_cast<std::int64_t>(n)) {}  // NOLINT: implicit by design
    constexpr target(const char* name) : label(name) {}            // NOLINT
    constexpr target(std::string_view name) : label(name) {}       // NOLINT
    constexpr bool is_label() const noexcept { return !label.empty(); }
};

/// One instruction before assembly. For JA the target is `jt`; `raw` instructions are
/// copied verbatim (any code, jt, jf and k), for tests and hand-made images.
struct instruction {
    std::uint16_t code = 0;
    std::uint32_t k = 0;
    target jt{};
    target jf{};
    bool raw = false;
    std::uint8_t raw_jt = 0;
    std::uint8_t raw_jf = 0;
};

}  // namespace CTBPF_NAMESPACE
