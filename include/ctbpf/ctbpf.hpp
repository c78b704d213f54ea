// ctbpf/ctbpf.hpp — umbrella header: classic BPF as a compile-time language.
#pragma once

#include "analyze.hpp"
#include "assemble.hpp"
#include "builders.hpp"
#include "dsl.hpp"
#include "encoding.hpp"
#include "native.hpp"
#include "optimize.hpp"
#include "seccomp.hpp"
#include "text.hpp"
#include "verify.hpp"
#include "version.hpp"
#include "vm.hpp"
