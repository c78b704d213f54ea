// Compile-fail test: pcap::as_bpf_program and os::as_fprog are views, so views of a temporary
// would dangle and do not compile; the twin keeps the program in a variable.
#include <ctbpf/linux/attach.hpp>
#include <ctbpf/pcap.hpp>

#include <vector>

[[maybe_unused]] static unsigned check() {
#ifdef CTBPF_COMPILE_FAIL
    const bpf_program p = ctbpf::pcap::as_bpf_program(std::vector<ctbpf::sock_filter>{{0x06, 0, 0, 0}});
    const ::sock_fprog f = ctbpf::os::as_fprog(std::vector<ctbpf::sock_filter>{{0x06, 0, 0, 0}});
#else
    const std::vector<ctbpf::sock_filter> image{{0x06, 0, 0, 0}};
    const bpf_program p = ctbpf::pcap::as_bpf_program(image);
    const ::sock_fprog f = ctbpf::os::as_fprog(image);
#endif
    return p.bf_len + f.len;
}
