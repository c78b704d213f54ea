// Force-included before every example and documentation snippet by the `docs.names_beside_libc`
// build: the documented using-directives at global scope, beside the standard and POSIX headers
// whose names (div, random, abs, accept, link, ...) a library's names could collide with.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <sys/socket.h>
#include <unistd.h>

#include <ctbpf/ctbpf.hpp>
#include <ctbpf/dsl.hpp>
#include <ctbpf/headers.hpp>

using namespace ctbpf;           // NOLINT
using namespace ctbpf::dsl;      // NOLINT
using namespace ctbpf::headers;  // NOLINT
