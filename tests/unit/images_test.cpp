// Every image the test corpora make, pinned byte for byte: the tcpdump expressions on every link
// type (optimized and not, or the problem and its column), the filter language's cases and
// tcpdump pairs, the seccomp policies, the optimizer's cases and the protocol-header filters,
// each as its size and a 64-bit FNV-1a digest of its instructions, against
// tests/cases/images.golden. A change to any front end, the pipeline or the optimizer that alters
// a program fails here with the image named. To take a deliberate change:
//   CTBPF_WRITE_IMAGES=tests/cases/images.golden build/gcc12/tests/ctbpf_unit_tests --gtest_filter='Images.*'
#include <ctbpf/ctbpf.hpp>
#include <ctbpf/optimize_vector.hpp>
#include <ctbpf/pcap_filter_vector.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <span>
#include <sstream>
#include <string>
#include <vector>

#include "../cases/dsl_cases.hpp"
#include "../cases/optimize_cases.hpp"
#include "../cases/pcap_expressions.hpp"
#include "../cases/pcap_images.hpp"
#include "../cases/seccomp_policies.hpp"
#include "../cases/tcpdump_expressions.hpp"
#include "../cases/tcpdump_pairs.hpp"

namespace {

std::string digest(std::span<const ctbpf::sock_filter> p) {
    std::uint64_t h = 0xcbf29ce484222325ull;
    const auto mix = [&h](std::uint32_t v, int bytes) {
        for (int i = 0; i < bytes; ++i) {
            h ^= (v >> (8 * i)) & 0xffu;
            h *= 0x100000001b3ull;
        }
    };
    for (const auto& i : p) {
        mix(i.code, 2);
        mix(i.jt, 1);
        mix(i.jf, 1);
        mix(i.k, 4);
    }
    char buf[40];
    std::snprintf(buf, sizeof buf, "%zu %016llx", p.size(), static_cast<unsigned long long>(h));
    return buf;
}

struct collector {
    std::ostringstream out;
    void add(const std::string& what, std::span<const ctbpf::sock_filter> p) {
        out << what << '\t' << digest(p) << '\n';
    }
};

constexpr const char* link_names[] = {"ethernet", "raw_ip", "linux_sll", "linux_sll2"};

void pcap_corpus(collector& c, const char* const* first, std::size_t n, std::uint32_t netmask) {
    for (std::size_t i = 0; i < n; ++i) {
        for (std::uint8_t l = 0; l < 4; ++l) {
            for (const bool opt : {false, true}) {
                const auto r =
                    ctbpf::compile_pcap_filter(first[i], static_cast<ctbpf::link_type>(l), 262144, opt, netmask);
                const std::string what = std::string("pcap ") + link_names[l] + (opt ? " -O " : " -O0 ") + first[i];
                if (r) {
                    c.add(what, r.program);
                } else {
                    c.out << what << "\terror " << static_cast<int>(r.error) << " column " << r.column << '\n';
                }
            }
        }
    }
}

template <auto Policy>
void policy(collector& c, const char* name) {
    static constexpr auto optimized = ctbpf::compile<Policy>();
    static constexpr auto emitted = ctbpf::compile<Policy, ctbpf::no_optimize>();
    if constexpr (requires { optimized.code; }) {  // a policy with placeholders: the image before binding
        c.add(std::string("seccomp ") + name, optimized.code);
        c.add(std::string("seccomp -O0 ") + name, emitted.code);
    } else {
        c.add(std::string("seccomp ") + name, optimized);
        c.add(std::string("seccomp -O0 ") + name, emitted);
    }
}

std::string all_images() {
    collector c;
    pcap_corpus(c, cases::pcap_expressions, std::size(cases::pcap_expressions), ctbpf::netmask_unknown);
    pcap_corpus(c, cases::tcpdump_expressions, std::size(cases::tcpdump_expressions), ctbpf::netmask_unknown);
    pcap_corpus(c, cases::pcap_cooked_expressions, std::size(cases::pcap_cooked_expressions), ctbpf::netmask_unknown);
    pcap_corpus(c, cases::pcap_broadcast_expressions, std::size(cases::pcap_broadcast_expressions), 0xffffff00u);
    for (const auto& r : cases::pcap_refusals) {
        for (const bool opt : {false, true}) {
            const auto got = ctbpf::compile_pcap_filter(r.expression, r.link, 262144, opt);
            const std::string what =
                std::string("refusal ") + link_names[static_cast<int>(r.link)] + ' ' + r.expression;
            if (got) {
                c.add(what, got.program);
            } else {
                c.out << what << "\terror " << static_cast<int>(got.error) << " column " << got.column << '\n';
            }
        }
    }
    for (const auto& d : cases::dsl_cases) c.add(std::string("dsl ") + std::string(d.name), d.prog());
    {
        using namespace ctbpf::tcpdump;  // NOLINT
#define CTBPF_PAIR_IMAGE(cpp, text) c.add("tcpdump pair " text, ctbpf::compile<(cpp)>());
        CTBPF_TCPDUMP_PAIRS(CTBPF_PAIR_IMAGE)
#undef CTBPF_PAIR_IMAGE
    }
    namespace sp = cases::seccomp_policies;
    policy<sp::example>(c, "example");
    policy<sp::arguments>(c, "arguments");
    policy<sp::placeholders>(c, "placeholders");
    policy<sp::i386>(c, "i386");
    policy<sp::aarch64>(c, "aarch64");
    policy<sp::x32>(c, "x32");
    policy<sp::p1>(c, "p1");
    policy<sp::p2>(c, "p2");
    policy<sp::live>(c, "live");
    policy<sp::live_stacked>(c, "live_stacked");
    for (const auto& o : cases::optimizer::optimize_cases) {
        c.add(std::string("optimize ") + std::string(o.name), ctbpf::optimize(o.in, o.prof));
    }
    namespace pi = cases::pcap::images;
    c.add("headers arp", pi::arp);
    c.add("headers ip", pi::ip);
    c.add("headers tcp_dst_port_80", pi::tcp_dst_port_80);
    c.add("headers udp_and_port_53", pi::udp_and_port_53);
    c.add("headers ip_host_and_tcp", pi::ip_host_and_tcp);
    c.add("headers vlan_and_tcp_port_443", pi::vlan_and_tcp_port_443);
    c.add("headers ip6_tcp_syn_raw", pi::ip6_tcp_syn_raw);
    c.add("headers syn_without_ack", pi::syn_without_ack);
    c.add("headers net_and_udp_ports_or_icmp", pi::net_and_udp_ports_or_icmp);
    c.add("headers tcp_ports_1_to_50", pi::tcp_ports_1_to_50);
    return c.out.str();
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

TEST(Images, EveryCorpusImageIsAsPinned) {
    const std::string got = all_images();
    if (const char* path = std::getenv("CTBPF_WRITE_IMAGES")) {
        std::ofstream(path) << got;
        GTEST_SKIP() << "wrote " << path;
    }
    std::ifstream in(CTBPF_SOURCE_DIR "/tests/cases/images.golden");
    ASSERT_TRUE(in) << "tests/cases/images.golden is missing";
    std::stringstream want;
    want << in.rdbuf();
    const auto w = lines_of(want.str());
    const auto g = lines_of(got);
    ASSERT_EQ(w.size(), g.size()) << "the corpora changed: write the file anew (see the header comment)";
    std::size_t differences = 0;
    for (std::size_t i = 0; i < w.size(); ++i) {
        EXPECT_EQ(w[i], g[i]) << "image " << i + 1;
        differences += w[i] != g[i];
    }
    EXPECT_EQ(differences, 0u);
}

}  // namespace
