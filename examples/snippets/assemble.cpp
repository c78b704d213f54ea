#include <ctbpf/ctbpf.hpp>

constexpr auto filter = ctbpf::assemble(ctbpf::ldh(12), ctbpf::jeq(0x0806, "arp", "drop"),  //
                                        ctbpf::label("arp"), ctbpf::ret(4096),              //
                                        ctbpf::label("drop"), ctbpf::ret(0));
constexpr auto policy = ctbpf::assemble<ctbpf::profile::seccomp>(ctbpf::ld(0), ctbpf::ret(ctbpf::seccomp::ret_allow));
static_assert(filter.size() == 4 && policy.size() == 2);
