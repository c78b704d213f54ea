// The attach helpers against the real kernel, in the private network namespace of the oracle
// tests: a packet socket filters, detaches, locks; a SO_REUSEPORT group of UDP sockets picks
// by the filter's result; a packet fanout group picks by the filter's result; a filter too
// large for optmem_max gets ENOMEM with a message that says so; libpcap interop.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pcap/pcap.h>

#include <cstdio>
#include <string>
#include <vector>

#include <ctbpf/ctbpf.hpp>
#include <ctbpf/linux/attach.hpp>
#include <ctbpf/pcap.hpp>

#include "../support/kernel.hpp"
#include "oracle.hpp"

#ifndef PACKET_FANOUT_FLAG_IGNORE_OUTGOING
#define PACKET_FANOUT_FLAG_IGNORE_OUTGOING 0x4000  // Linux 6.10; Debian 12's headers predate it
#endif

namespace {
using namespace ctbpf;  // NOLINT

constexpr auto arp_only = assemble(ldh(12), jeq(0x0806, 0, 1), ret(4096), ret(0));

std::vector<std::uint8_t> frame(std::uint16_t ethertype, std::uint8_t first_payload_byte = 0) {
    std::vector<std::uint8_t> f(60);
    f[12] = static_cast<std::uint8_t>(ethertype >> 8);
    f[13] = static_cast<std::uint8_t>(ethertype);
    f[14] = first_payload_byte;
    return f;
}

bool send_on_lo(const std::vector<std::uint8_t>& f) {
    const int tx = ::socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
    sockaddr_ll to{};
    to.sll_family = AF_PACKET;
    to.sll_ifindex = static_cast<int>(::if_nametoindex("lo"));
    const bool ok = ::sendto(tx, f.data(), f.size(), 0, reinterpret_cast<sockaddr*>(&to), sizeof to) ==
                    static_cast<ssize_t>(f.size());
    ::close(tx);
    return ok;
}

/// How many frames are waiting on `fd` (after a short wait for delivery).
int pending(int fd) {
    int n = 0;
    pollfd p{fd, POLLIN, 0};
    ::poll(&p, 1, 200);
    char buf[2048];
    while (::recv(fd, buf, sizeof buf, MSG_DONTWAIT) >= 0) ++n;
    return n;
}

TEST(Attach, PacketSocketFiltersDetachesAndLocks) {
    CTBPF_NEED_NETNS();
    const int fd = ctbpf_test::open_loopback_packet_socket();
    ASSERT_GE(fd, 0);
    ASSERT_TRUE(os::attach(fd, arp_only));
    ctbpf_test::drain(fd);
    send_on_lo(frame(0x0806));
    send_on_lo(frame(0x0800));
    send_on_lo(frame(0x0806));
    EXPECT_EQ(pending(fd), 2);  // the two ARP frames
    ASSERT_TRUE(os::detach(fd));
    send_on_lo(frame(0x0800));
    EXPECT_EQ(pending(fd), 1);
    EXPECT_EQ(os::detach(fd).error, ENOENT);
    ASSERT_TRUE(os::attach(fd, arp_only));
    ASSERT_TRUE(os::lock(fd));
    const auto replaced = os::attach(fd, assemble(ret(0xffff)));
    EXPECT_EQ(replaced.error, EPERM);
    EXPECT_NE(replaced.message().find("SO_LOCK_FILTER"), std::string_view::npos);
    EXPECT_EQ(os::detach(fd).error, EPERM);
    ctbpf_test::drain(fd);
    send_on_lo(frame(0x0800));
    send_on_lo(frame(0x0806));
    EXPECT_EQ(pending(fd), 1);  // still the ARP filter
    ::close(fd);
}

TEST(Attach, KernelRejectionIsEinval) {
    const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    const std::vector<sock_filter> bad{{0x15, 5, 0, 0}, {0x06, 0, 0, 0}};
    ASSERT_FALSE(verify(bad));
    const auto r = os::attach(fd, bad);
    EXPECT_EQ(r.error, EINVAL);
    EXPECT_NE(r.message().find("ctbpf::verify"), std::string_view::npos);
    ::close(fd);
}

TEST(Attach, OptmemLimitIsENOMEMWithAMessage) {
    CTBPF_NEED_NETNS();  // optmem_max is per network namespace: lower it in ours only
    FILE* f = std::fopen("/proc/sys/net/core/optmem_max", "r+");
    ASSERT_NE(f, nullptr);
    long saved = 0;
    ASSERT_EQ(std::fscanf(f, "%ld", &saved), 1);
    std::fclose(f);
    const auto set = [](long v) {
        FILE* g = std::fopen("/proc/sys/net/core/optmem_max", "w");
        std::fprintf(g, "%ld", v);
        std::fclose(g);
    };
    set(2048);
    const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    std::vector<sock_filter> big(1000, sock_filter{0x00, 0, 0, 1});
    big.back() = sock_filter{0x06, 0, 0, 0};
    ASSERT_TRUE(verify(big));
    const auto r = os::attach(fd, big);
    set(saved);
    EXPECT_EQ(r.error, ENOMEM);
    EXPECT_NE(r.message().find("optmem_max"), std::string_view::npos);
    ::close(fd);
}

/// Two UDP sockets in a SO_REUSEPORT group on 127.0.0.1: the program returns the first payload
/// byte, which picks the socket.
TEST(Attach, ReuseportGroupChoosesByTheFiltersResult) {
    CTBPF_NEED_NETNS();
    constexpr auto by_first_byte = assemble(ldb(0), ret(a));
    int socks[2];
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(47001);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    for (int& s : socks) {
        s = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        const int one = 1;
        ASSERT_EQ(::setsockopt(s, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one), 0);
        ASSERT_EQ(::bind(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    }
    ASSERT_TRUE(os::attach_reuseport(socks[0], by_first_byte))
        << os::attach_reuseport(socks[0], by_first_byte).message();
    const int tx = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    const std::uint8_t payloads[] = {0, 1, 1, 0, 1};
    for (std::uint8_t p : payloads) {
        const std::uint8_t msg[4] = {p, 'x', 'y', 'z'};
        ::sendto(tx, msg, sizeof msg, 0, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    }
    EXPECT_EQ(pending(socks[0]), 2);
    EXPECT_EQ(pending(socks[1]), 3);
    for (int s : socks) ::close(s);
    ::close(tx);
}

/// Two packet sockets in a fanout group: the program returns the first byte after the Ethernet
/// header, which picks the member. (On receive the fanout program sees the packet from the
/// network header: the link-layer header is already pulled, so that byte is at offset 0.)
TEST(Attach, FanoutGroupChoosesByTheFiltersResult) {
    CTBPF_NEED_NETNS();
    constexpr auto by_first_payload_byte = assemble(ldb(0), ret(a));
    int members[2];
    for (int& m : members) {
        m = ctbpf_test::open_loopback_packet_socket();
        ASSERT_GE(m, 0);
        const auto r = os::fanout(m, 77, by_first_payload_byte, PACKET_FANOUT_FLAG_IGNORE_OUTGOING);
        ASSERT_TRUE(r) << r.message();
        ctbpf_test::drain(m);
    }
    for (std::uint8_t who : {1, 0, 1, 1, 0, 1}) send_on_lo(frame(0x88b5, who));
    EXPECT_EQ(pending(members[0]), 2);
    EXPECT_EQ(pending(members[1]), 4);
    for (int m : members) ::close(m);
}

TEST(Pcap, CompiledProgramsComeInAndImagesGoOut) {
    pcap_t* dead = pcap_open_dead(DLT_EN10MB, 262144);
    bpf_program compiled{};
    ASSERT_EQ(pcap_compile(dead, &compiled, "arp", 1, PCAP_NETMASK_UNKNOWN), 0);
    const std::vector<sock_filter> in = ctbpf::pcap::from_bpf_program(compiled);
    pcap_freecode(&compiled);
    EXPECT_TRUE(verify(in));
    ASSERT_EQ(in.size(), arp_only.size());
    EXPECT_EQ(in[1].k, 0x806u);
    // an image handed to libpcap: pcap_offline_filter applies it
    bpf_program out = ctbpf::pcap::as_bpf_program(arp_only);
    EXPECT_EQ(out.bf_len, 4u);
    EXPECT_EQ(static_cast<const void*>(out.bf_insns), static_cast<const void*>(arp_only.data()));  // a view
    pcap_pkthdr h{};
    const auto arp_frame = frame(0x0806), ip_frame = frame(0x0800);
    h.caplen = h.len = static_cast<bpf_u_int32>(arp_frame.size());
    EXPECT_NE(pcap_offline_filter(&out, &h, arp_frame.data()), 0);
    EXPECT_EQ(pcap_offline_filter(&out, &h, ip_frame.data()), 0);
    // and through pcap_setfilter on a capture file: only the ARP frame comes back
    const std::string file = ::testing::TempDir() + "ctbpf_attach_test.pcap";
    pcap_dumper_t* dumper = pcap_dump_open(dead, file.c_str());
    ASSERT_NE(dumper, nullptr);
    pcap_dump(reinterpret_cast<u_char*>(dumper), &h, ip_frame.data());
    pcap_dump(reinterpret_cast<u_char*>(dumper), &h, arp_frame.data());
    pcap_dump_close(dumper);
    pcap_close(dead);
    char error[PCAP_ERRBUF_SIZE];
    pcap_t* capture = pcap_open_offline(file.c_str(), error);
    ASSERT_NE(capture, nullptr) << error;
    ASSERT_EQ(pcap_setfilter(capture, &out), 0) << pcap_geterr(capture);
    pcap_pkthdr* header = nullptr;
    const u_char* data = nullptr;
    int seen = 0;
    while (pcap_next_ex(capture, &header, &data) == 1) {
        ++seen;
        EXPECT_EQ(data[13], 0x06);
    }
    EXPECT_EQ(seen, 1);
    pcap_close(capture);
}

}  // namespace
