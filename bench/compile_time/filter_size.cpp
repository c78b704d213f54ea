// Compile-time cost of the filter language: CTBPF_CONSTANTS constants in one membership test,
// after an IPv4/TCP check (about 1.3 instructions per constant), or CTBPF_PORTS ports as an
// any_of over (sport == p || dport == p). Built by scripts/measure-limits.sh.
#include <ctbpf/ctbpf.hpp>

#include <array>
#include <cstdint>
#include <cstdio>

using namespace ctbpf::dsl;  // NOLINT

constexpr auto tcp4 = u16(12) == 0x0800 && u8(23) == 6 && (u16(20) & 0x1fff) == 0;

#ifdef CTBPF_PORTS
constexpr auto filter = tcp4 && any_of<CTBPF_PORTS>([](auto i) {
                            return u16(ip_hlen(14) + 14) == i + 1 || u16(ip_hlen(14) + 16) == i + 1;
                        });
#else
constexpr auto constants = [] {
    std::array<std::uint32_t, CTBPF_CONSTANTS> a{};
    for (std::size_t i = 0; i < a.size(); ++i) a[i] = static_cast<std::uint32_t>(7 * i + 3);
    return a;
}();
constexpr auto filter = tcp4 && in(u16(ip_hlen(14) + 16), constants);
#endif

constexpr auto image = ctbpf::compile<filter>();

int main() { std::printf("%zu\n", image.size()); }
