// The version macros match the CMake project version.
#include <ctbpf/version.hpp>

static_assert(CTBPF_VERSION_MAJOR == CTBPF_PROJECT_VERSION_MAJOR &&
              CTBPF_VERSION_MINOR == CTBPF_PROJECT_VERSION_MINOR && CTBPF_VERSION_PATCH == CTBPF_PROJECT_VERSION_PATCH);
static_assert(ctbpf::version_major == CTBPF_VERSION_MAJOR);
