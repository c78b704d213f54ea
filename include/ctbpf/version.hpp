// ctbpf/version.hpp — the library version as macros and constants.
#pragma once

#define CTBPF_VERSION_MAJOR 0
#define CTBPF_VERSION_MINOR 1
#define CTBPF_VERSION_PATCH 0

#include "detail/config.hpp"

namespace CTBPF_NAMESPACE {
inline constexpr int version_major = CTBPF_VERSION_MAJOR;
inline constexpr int version_minor = CTBPF_VERSION_MINOR;
inline constexpr int version_patch = CTBPF_VERSION_PATCH;
}  // namespace CTBPF_NAMESPACE
