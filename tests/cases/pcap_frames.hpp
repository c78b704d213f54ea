// Frames of the link-layer protocols beside IP and the tcpdump expressions that look for them:
// 802.3 frames with 802.2 LLC headers (libpcap's gen_ether_linktype, gen_llc, OSI) and DECnet
// (gen_dnhostop). X(expression, frame, verdict). The frames are Ethernet captures; the verdicts
// are libpcap's (tests/oracle/pcap_filter_test.cpp compares every expression with libpcap on
// frames like these at every capture length).
#pragma once

#include <array>
#include <cstdint>

namespace cases::frames {

/// An 802.3 frame to the spanning-tree address: the length, then DSAP, SSAP, control, then `rest`.
constexpr std::array<std::uint8_t, 24> frame(std::uint8_t dsap, std::uint8_t ssap, std::uint8_t control,
                                             std::array<std::uint8_t, 7> rest = {}) {
    std::array<std::uint8_t, 24> f{0x01, 0x80, 0xc2, 0, 0, 0, 2, 2, 2, 2, 2, 2, 0, 10, dsap, ssap, control};
    for (std::size_t i = 0; i < rest.size(); ++i) f[17 + i] = rest[i];
    return f;
}
inline constexpr auto bpdu = frame(0x42, 0x42, 0x03);
inline constexpr auto isis = frame(0xfe, 0xfe, 0x03, {0x83, 0x1b, 0x01, 0x00, 0x10});  // a level-2 LAN hello
inline constexpr auto ipx_802_2 = frame(0xe0, 0xe0, 0x03);
inline constexpr auto novell = frame(0xff, 0xff, 0x00);
inline constexpr auto snap_ipx = frame(0xaa, 0xaa, 0x03, {0x00, 0x00, 0x00, 0x81, 0x37});
inline constexpr auto snap_appletalk = frame(0xaa, 0xaa, 0x03, {0x08, 0x00, 0x07, 0x80, 0x9b});
inline constexpr auto snap_cdp = frame(0xaa, 0xaa, 0x03, {0x00, 0x00, 0x0c, 0x20, 0x00});
inline constexpr auto s_frame_rr = frame(0x42, 0x42, 0x01);  // supervisory: receiver ready
inline constexpr auto i_frame = frame(0x42, 0x42, 0x02);
/// Ethernet II with the IPX EtherType: the same 24 bytes, 0x8137 where the length was.
inline constexpr auto ethernet_ipx = [] {
    auto f = ipx_802_2;
    f[12] = 0x81;
    f[13] = 0x37;
    return f;
}();

/// DECnet from 1.3 to 1.2 (little-endian 0x0402 and 0x0403), a short routing header after a pad.
inline constexpr std::array<std::uint8_t, 24> decnet = {0xaa, 0,    4, 0, 2,    4,    0xaa, 0,    4,    0,    3, 4,
                                                        0x60, 0x03, 0, 7, 0x81, 0x02, 0x02, 0x04, 0x03, 0x04, 0, 0};

/// A Linux cooked (v2) capture from interface 2: protocol 0x0800, then an IPv4 header's start.
inline constexpr std::array<std::uint8_t, 24> sll2_from_interface_2 = {0x08, 0x00, 0, 0, 0, 0, 0, 2, 0,    1, 0, 6,
                                                                       2,    2,    2, 2, 2, 2, 0, 0, 0x45, 0, 0, 20};

}  // namespace cases::frames

// clang-format off
#define CTBPF_PCAP_FRAME_CASES(X)                                                   \
    X("stp", bpdu, 262144)             X("stp", isis, 0)                           \
    X("ether proto 0x42", bpdu, 262144) X("ether proto \\stp", ethernet_ipx, 0)    \
    X("iso", isis, 262144)             X("isis", isis, 262144)                     \
    X("clnp", isis, 0)                 X("iso proto 0x83", isis, 262144)           \
    X("ipx", ipx_802_2, 262144)        X("ipx", novell, 262144)                    \
    X("ipx", snap_ipx, 262144)         X("ipx", ethernet_ipx, 262144)              \
    X("ipx", snap_cdp, 0)              X("ipx", bpdu, 0)                           \
    X("atalk", snap_appletalk, 262144) X("atalk", snap_ipx, 0)                     \
    X("llc", bpdu, 262144)             X("llc", novell, 0)                         \
    X("llc", ethernet_ipx, 0)          X("llc u", bpdu, 262144)                    \
    X("llc s", s_frame_rr, 262144)     X("llc rr", s_frame_rr, 262144)             \
    X("llc i", i_frame, 262144)        X("llc i", bpdu, 0)                         \
    X("llc ui", bpdu, 262144)          X("llc xid", bpdu, 0)                       \
    X("not llc", ethernet_ipx, 262144)   X("l2", isis, 262144)                      \
    X("iih", isis, 262144)             X("l1", isis, 0)                            \
    X("isis proto 16", isis, 262144)   X("csnp or psnp or lsp", isis, 0)           \
    X("decnet", decnet, 262144)        X("decnet dst 1.2", decnet, 262144)         \
    X("decnet src 1.3", decnet, 262144) X("decnet src 1.2", decnet, 0)             \
    X("decnet host 1026", decnet, 262144) X("decnet host 63.1023", decnet, 0)      \
    X("decnet[3] = 2", decnet, 262144)
// clang-format on
