// The core without Linux headers: CTBPF_NO_LINUX_HEADERS selects the portable sock_filter.
#define CTBPF_NO_LINUX_HEADERS 1
#include <ctbpf/ctbpf.hpp>

#include <array>
#include <cstdint>
#include <type_traits>

static_assert(CTBPF_HAS_LINUX_HEADERS == 0);
// Everything is in the inline namespace ctbpf::portable: a translation unit built with Linux
// headers names different entities, not different definitions of the same ones (no ODR clash).
static_assert(std::is_same_v<ctbpf::sock_filter, ctbpf::portable::sock_filter>);
static_assert(std::is_same_v<ctbpf::verify_result, ctbpf::portable::verify_result>);
#ifdef BPF_LD
#error "<linux/filter.h> was included although CTBPF_NO_LINUX_HEADERS is set"
#endif
#ifdef SKF_AD_OFF
#error "<linux/filter.h> was included although CTBPF_NO_LINUX_HEADERS is set"
#endif

namespace {
static_assert(sizeof(ctbpf::sock_filter) == 8 && offsetof(ctbpf::sock_filter, jt) == 2 &&
              offsetof(ctbpf::sock_filter, jf) == 3 && offsetof(ctbpf::sock_filter, k) == 4);
constexpr auto arp = ctbpf::assemble(ctbpf::ldh(12), ctbpf::jeq(0x0806, 0, 1), ctbpf::ret(4096), ctbpf::ret(0));
constexpr std::array<std::uint8_t, 14> arp_frame{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x08, 0x06};
static_assert(ctbpf::run(arp, arp_frame) == 4096 && ctbpf::verify(arp));
static_assert(ctbpf::to_text(arp).view().starts_with("(000) ldh      [12]\n"));
}  // namespace
