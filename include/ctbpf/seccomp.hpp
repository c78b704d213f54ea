// ctbpf/seccomp.hpp — seccomp policies as C++: written as rules, compiled, optimized and verified
// at compile time, queried by static_assert, installed with one call (ctbpf/linux/seccomp.hpp).
// docs/seccomp.md.
//   namespace sc = ctbpf::seccomp;
//   constexpr auto policy = sc::policy<sc::arch::x86_64>(sc::errno_(EPERM), sc::allow(SYS_read));
//   constexpr auto image = ctbpf::compile<policy>();  // std::array<sock_filter, N>
//   static_assert(ctbpf::run(image, {SYS_read, sc::audit_arch_x86_64, 0, {}}) == sc::ret_allow);
#pragma once

#include "encoding.hpp"
#include "seccomp/compile.hpp"
#include "seccomp/policy.hpp"
#include "seccomp/query.hpp"
#include "vm.hpp"
