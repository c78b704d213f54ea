// ctbpf/vm/context.hpp — what a run of the virtual machine (ctbpf/vm.hpp) reads besides its
// program: the packet and what the kernel knows about it (packet_context, the dialect whose
// semantics to follow), or the seccomp_data; and the environments the interpreters load through
// (detail::packet_env, detail::seccomp_env), shared by run(), the decoded interpreter and the
// native path. Included by ctbpf/vm.hpp.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "../concepts.hpp"
#include "../detail/config.hpp"
#include "../encoding.hpp"

namespace CTBPF_NAMESPACE {

/// Whose semantics run() follows where the engines differ (see docs/run.md).
enum class dialect : std::uint8_t {
    kernel,   ///< Linux: shifts by X use X & 31, LD IND wraps at 32 bits, ancillary loads, ...
    libpcap,  ///< bpf_filter(): shifts by >= 32 give 0, overflow-checked IND, no ancillary data
};

/// What the kernel knows about a packet besides its bytes: the values of the ancillary loads,
/// the header offsets for SKF_NET_OFF/SKF_LL_OFF loads and the length.
struct packet_context {
    std::optional<std::uint32_t> len{};               ///< skb->len; defaults to the packet's size
    std::uint16_t protocol = 0;                       ///< SKF_AD_PROTOCOL, host order (e.g. 0x0800)
    std::uint8_t pkttype = 0;                         ///< SKF_AD_PKTTYPE (PACKET_HOST = 0, ... OUTGOING = 4)
    std::uint32_t ifindex = 0;                        ///< SKF_AD_IFINDEX
    std::uint16_t hatype = 0;                         ///< SKF_AD_HATYPE (ARPHRD_*)
    bool has_device = true;                           ///< false: ifindex/hatype loads end the program with A
    std::uint32_t mark = 0;                           ///< SKF_AD_MARK
    std::uint16_t queue = 0;                          ///< SKF_AD_QUEUE
    std::uint32_t rxhash = 0;                         ///< SKF_AD_RXHASH
    std::uint32_t cpu = 0;                            ///< SKF_AD_CPU
    std::uint16_t vlan_tci = 0;                       ///< SKF_AD_VLAN_TAG
    bool vlan_present = false;                        ///< SKF_AD_VLAN_TAG_PRESENT
    std::uint16_t vlan_tpid = 0;                      ///< SKF_AD_VLAN_TPID, host order
    std::uint32_t payload_offset = 0;                 ///< SKF_AD_PAY_OFFSET
    std::uint32_t random_seed = 0;                    ///< seeds the deterministic SKF_AD_RANDOM generator
    std::int32_t network_offset = 14;                 ///< network header, from the packet's first byte
    std::int32_t mac_offset = 0;                      ///< link-layer header, from the packet's first byte
    bool mac_header_set = true;                       ///< false: SKF_LL_OFF loads fail
    ctbpf::dialect dialect = ctbpf::dialect::kernel;  ///< whose semantics to follow
};

/// The context run() uses when given none: no ancillary data, kernel semantics.
inline constexpr packet_context default_context{};

namespace detail {

/// How a load ended: a value, or the end of the program (with 0, or with the current A).
enum class load_status : std::uint8_t { value, exit_zero, exit_with_a };
struct load_result {
    std::uint32_t value = 0;
    load_status status = load_status::value;
};
inline constexpr load_result load_fails{0, load_status::exit_zero};

/// Whether a program reads or writes scratch memory (the fast paths keep M[] only then).
constexpr bool uses_scratch_memory(const sock_filter* p, std::size_t n) noexcept {
    for (std::size_t i = 0; i < n; ++i)
        if (p[i].code == bpf::st || p[i].code == bpf::stx || p[i].code == (bpf::ld | bpf::mem) ||
            p[i].code == (bpf::ldx | bpf::mem))
            return true;
    return false;
}

/// xorshift32: the deterministic stand-in for get_random_u32().
constexpr std::uint32_t next_random(std::uint32_t& state) noexcept {
    if (state == 0) state = 0x9e3779b9u;
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    return state;
}

/// Big-endian value of the `Bytes` bytes at p (the compilers make it one load and a byte swap).
template <std::uint32_t Bytes, class Byte>
constexpr std::uint32_t read_big_endian(const Byte* p) noexcept {
    if constexpr (Bytes == 4)
        return (std::uint32_t{to_u8(p[0])} << 24) | (std::uint32_t{to_u8(p[1])} << 16) |
               (std::uint32_t{to_u8(p[2])} << 8) | std::uint32_t{to_u8(p[3])};
    else if constexpr (Bytes == 2)
        return (std::uint32_t{to_u8(p[0])} << 8) | std::uint32_t{to_u8(p[1])};
    else
        return to_u8(p[0]);
}

template <class Byte>
class packet_env {
public:
    constexpr packet_env(const Byte* data, std::size_t size, const packet_context& ctx) noexcept
        : data_(data),
          size_(size),
          ctx_(ctx),
          rng_(ctx.random_seed),
          len_(ctx.len ? *ctx.len : static_cast<std::uint32_t>(size)),
          fast_limit_(size < 0x80000000u ? size : 0x80000000u) {}

    static constexpr bool seccomp = false;
    constexpr dialect semantics() const noexcept { return ctx_.dialect; }
    constexpr std::uint32_t length() const noexcept { return len_; }

    /// LD W/H/B ABS (and the byte load of LDX MSH).
    constexpr load_result load_abs(std::uint32_t bytes, std::uint32_t k, std::uint32_t a, std::uint32_t x) {
        if (in_packet(k, bytes)) return {big_endian(k, bytes), load_status::value};  // both dialects
        if (ctx_.dialect == dialect::libpcap) return load_unsigned(k, bytes);
        if (k >= ancillary_offset) return ancillary(k, a, x);
        return load_signed(static_cast<std::int32_t>(k), bytes);
    }
    /// LD W/H/B IND.
    constexpr load_result load_ind(std::uint32_t bytes, std::uint32_t k, std::uint32_t x) {
        const std::uint32_t sum = x + k;
        if (sum >= k && in_packet(sum, bytes)) return {big_endian(sum, bytes), load_status::value};  // both dialects
        if (ctx_.dialect == dialect::libpcap) {
            const std::uint64_t off = std::uint64_t{x} + k;
            if (off > 0xffffffffu) return load_fails;
            return load_unsigned(static_cast<std::uint32_t>(off), bytes);
        }
        return load_signed(static_cast<std::int32_t>(x + k), bytes);  // ALU32 add: wraps
    }
    /// LDX B MSH: the byte load as LD B ABS without the ancillary conversion.
    constexpr load_result load_msh(std::uint32_t k) {
        if (in_packet(k, 1)) return {byte(k), load_status::value};  // both dialects
        if (ctx_.dialect == dialect::libpcap) return load_unsigned(k, 1);
        return load_signed(static_cast<std::int32_t>(k), 1);
    }

    /// The common case of every load: an offset below 2^31 (so neither the kernel's negative
    /// offsets nor its ancillary area) whose bytes are all in the packet. Both dialects load there.
    constexpr bool in_packet(std::uint32_t off, std::uint32_t bytes) const noexcept {
        return std::uint64_t{off} + bytes <= fast_limit_;  // one comparison: fast_limit_ <= 2^31
    }

    constexpr std::uint32_t big_endian(std::size_t off, std::uint32_t bytes) const noexcept {
        switch (bytes) {
            case 4: return read_big_endian<4>(data_ + off);
            case 2: return read_big_endian<2>(data_ + off);
            default: return read_big_endian<1>(data_ + off);
        }
    }

private:
    constexpr std::uint8_t byte(std::size_t i) const noexcept { return to_u8(data_[i]); }

    constexpr load_result load_unsigned(std::uint32_t off, std::uint32_t bytes) const noexcept {
        if (off >= size_ || bytes > size_ - off) return load_fails;
        return {big_endian(off, bytes), load_status::value};
    }

    /// bpf_skb_load_helper_convert_offset, then the bounds check of the linear data.
    constexpr load_result load_signed(std::int32_t off, std::uint32_t bytes) const noexcept {
        std::int64_t at = off;
        if (off < 0) {
            if (off >= static_cast<std::int32_t>(net_offset))
                at = std::int64_t{off} - static_cast<std::int32_t>(net_offset) + ctx_.network_offset;
            else if (off >= static_cast<std::int32_t>(ll_offset) && ctx_.mac_header_set)
                at = std::int64_t{off} - static_cast<std::int32_t>(ll_offset) + ctx_.mac_offset;
            else
                return load_fails;
        }
        if (at < 0 || static_cast<std::uint64_t>(at) + bytes > size_) return load_fails;
        return {big_endian(static_cast<std::size_t>(at), bytes), load_status::value};
    }

    constexpr std::uint16_t host_u16(std::size_t off) const noexcept {
        const std::uint16_t lo = byte(off), hi = byte(off + 1);
        return std::endian::native == std::endian::little ? static_cast<std::uint16_t>(lo | (hi << 8))
                                                          : static_cast<std::uint16_t>((lo << 8) | hi);
    }

    /// nla_find over [start, start + rem): offset of the first attribute of type `type`, or 0.
    constexpr std::uint32_t nla_find(std::size_t start, std::int64_t rem, std::uint32_t type) const noexcept {
        std::size_t at = start;
        while (rem >= 4) {
            const std::uint16_t nla_len = host_u16(at);
            if (nla_len < 4 || nla_len > rem) break;
            const std::uint32_t nla_type = host_u16(at + 2) & 0x3fffu;
            if (static_cast<std::int32_t>(nla_type) == static_cast<std::int32_t>(type))
                return static_cast<std::uint32_t>(at);
            const std::uint32_t total = (nla_len + 3u) & ~3u;
            rem -= total;
            at += total;
        }
        return 0;
    }

    constexpr std::uint32_t netlink_attribute(std::uint32_t a, std::uint32_t x, bool nested) const noexcept {
        if (len_ > size_) return 0;  // skb_is_nonlinear
        const std::uint64_t skb_len = size_;
        if (skb_len < 4 || a > skb_len - 4) return 0;
        if (!nested) return nla_find(a, static_cast<std::int64_t>(skb_len - a), x);
        const std::uint16_t outer = host_u16(a);
        if (outer < 4 || outer > skb_len - a) return 0;  // nla_ok
        return nla_find(a + 4, std::int64_t{outer} - 4, x);
    }

    constexpr load_result ancillary(std::uint32_t k, std::uint32_t a, std::uint32_t x) {
        const auto value = [](std::uint32_t v) { return load_result{v, load_status::value}; };
        switch (static_cast<ext>(k - ancillary_offset)) {
            case ext::proto: return value(ctx_.protocol);
            case ext::type: return value(ctx_.pkttype & 7u);
            case ext::ifidx: return ctx_.has_device ? value(ctx_.ifindex) : load_result{0, load_status::exit_with_a};
            case ext::nla: return value(netlink_attribute(a, x, false));
            case ext::nlan: return value(netlink_attribute(a, x, true));
            case ext::mark: return value(ctx_.mark);
            case ext::queue: return value(ctx_.queue);
            case ext::hatype: return ctx_.has_device ? value(ctx_.hatype) : load_result{0, load_status::exit_with_a};
            case ext::rxhash: return value(ctx_.rxhash);
            case ext::cpu: return value(ctx_.cpu);
            case ext::xor_x: return value(a ^ x);
            case ext::vlan_tci: return value(ctx_.vlan_tci);
            case ext::vlan_avail: return value(ctx_.vlan_present ? 1u : 0u);
            case ext::poff: return value(ctx_.payload_offset);
            case ext::rand: return value(next_random(rng_));
            case ext::vlan_tpid: return value(ctx_.vlan_tpid);
        }
        return load_fails;  // an unknown ancillary offset: the kernel rejects the program
    }

    const Byte* data_;
    std::size_t size_;
    const packet_context& ctx_;
    std::uint32_t rng_;
    std::uint32_t len_;
    std::uint64_t fast_limit_;  ///< min(size, 2^31): loads ending at or below it take the fast path
};

/// seccomp_data as the filter sees it: 32-bit words in host byte order. An environment that
/// also has executes(pc) is told of every instruction before it runs.
class seccomp_env {
public:
    constexpr explicit seccomp_env(const seccomp_data& d) noexcept : d_(d) {}
    static constexpr bool seccomp = true;
    constexpr dialect semantics() const noexcept { return dialect::kernel; }
    constexpr std::uint32_t length() const noexcept { return sizeof(seccomp_data); }

    constexpr load_result load_abs(std::uint32_t bytes, std::uint32_t k, std::uint32_t, std::uint32_t) const noexcept {
        if (bytes != 4 || k >= sizeof(seccomp_data) || (k & 3)) return load_fails;
        return {word(k / 4), load_status::value};
    }
    constexpr load_result load_ind(std::uint32_t, std::uint32_t, std::uint32_t) const noexcept { return load_fails; }
    constexpr load_result load_msh(std::uint32_t) const noexcept { return load_fails; }

private:
    constexpr std::uint32_t half(std::uint64_t v, std::uint32_t which) const noexcept {
        const bool low_first = std::endian::native == std::endian::little;
        return static_cast<std::uint32_t>((which == 0) == low_first ? v : v >> 32);
    }
    constexpr std::uint32_t word(std::uint32_t w) const noexcept {
        // clang-format off
        switch (w) {
            case 0: return static_cast<std::uint32_t>(d_.nr);
            case 1: return d_.arch;
            case 2: case 3: return half(d_.instruction_pointer, w - 2);
            default: return half(d_.args[(w - 4) / 2], (w - 4) % 2);
        }
        // clang-format on
    }
    const seccomp_data& d_;
};

}  // namespace detail
}  // namespace CTBPF_NAMESPACE
