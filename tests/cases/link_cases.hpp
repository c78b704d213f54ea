// Label resolution cases for ctbpf::link (what assemble() does before verifying).
#pragma once

#include <ctbpf/ctbpf.hpp>

namespace cases {

using namespace ctbpf;  // NOLINT

inline constexpr auto labelled = link(ldh(12), jeq(0x806, "arp", "other"), label("arp"), ret(1), label("other"),
                                      ja("end"), ret(2), label("end"), ret(3));
inline constexpr auto unknown_label = link(ldh(12), jeq(0x806, "nowhere"), ret(1), ret(0));
inline constexpr auto duplicate_label = link(label("a"), ret(1), label("a"), ret(0));
inline constexpr auto backward_jump = link(label("top"), ldh(12), ja("top"), ret(0));
inline constexpr auto self_jump = link(ldh(12), label("self"), ja("self"), ret(0));
inline constexpr auto negative_skip = link(jeq(1, -1), ret(0));
inline constexpr auto skip_too_large = link(jeq(1, 256), ret(0));
inline constexpr auto label_too_far = [] {
    return link(jeq(1, "far"), ja(0), ja(0), ja(0), ja(0), ja(0), ja(0), ja(0), ja(0), ja(0), ja(0), ja(0), ja(0),
                ja(0), ja(0), ja(0), ja(0), label("far"), ret(0));
}();
/// A label 256 instructions ahead of a conditional jump.
template <std::size_t... I>
constexpr auto far_label(std::index_sequence<I...>) {
    return link(jeq(1, "far"), (static_cast<void>(I), ldi(0))..., label("far"), ret(0));
}
inline constexpr auto label_255_ahead = far_label(std::make_index_sequence<255>{});
inline constexpr auto label_256_ahead = far_label(std::make_index_sequence<256>{});
inline constexpr auto raw_kept = link(raw(0x15, 7, 9, 3), ret(0));

}  // namespace cases
