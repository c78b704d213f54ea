// Label resolution and assembly at compile time.
#include "../cases/link_cases.hpp"

#include <array>
#include <type_traits>

namespace {
using namespace ctbpf;  // NOLINT
using ctbpf::link_error;

// Labels become relative skips; a label names the instruction after it.
static_assert(cases::labelled && cases::labelled.image.size() == 6);
static_assert(cases::labelled.image[1].jt == 0 && cases::labelled.image[1].jf == 1);
static_assert(cases::labelled.image[3].code == 0x05 && cases::labelled.image[3].k == 1);

// Link errors and the instruction they are reported at.
static_assert(cases::unknown_label.error == link_error::unknown_label && cases::unknown_label.index == 1);
static_assert(cases::duplicate_label.error == link_error::duplicate_label && cases::duplicate_label.index == 1);
static_assert(cases::backward_jump.error == link_error::backward_jump && cases::backward_jump.index == 1);
static_assert(cases::self_jump.error == link_error::backward_jump && cases::self_jump.index == 1);
static_assert(cases::negative_skip.error == link_error::negative_skip && cases::negative_skip.index == 0);
static_assert(cases::skip_too_large.error == link_error::skip_too_large && cases::skip_too_large.index == 0);
static_assert(cases::label_too_far && cases::label_too_far.image[0].jt == 16);
static_assert(cases::label_255_ahead && cases::label_255_ahead.image[0].jt == 255);
static_assert(cases::label_256_ahead.error == link_error::conditional_too_far && cases::label_256_ahead.index == 0);
// A link error names the label it is about (the template-argument form of assemble puts it in the error).
static_assert(cases::unknown_label.label == "nowhere" && cases::duplicate_label.label == "a");
static_assert(cases::backward_jump.label == "top" && cases::self_jump.label == "self");
static_assert(cases::negative_skip.label.empty() && cases::label_256_ahead.label == "far");
static_assert(cases::raw_kept && cases::raw_kept.image[0].jt == 7 && cases::raw_kept.image[0].jf == 9);

// assemble(): exact size, verified, usable for seccomp.
constexpr auto prog = assemble(ldh(12), jeq(0x806, "yes"), ret(0), label("yes"), ret(4096));
static_assert(std::is_same_v<decltype(prog), const std::array<sock_filter, 4>>);
static_assert(prog[1].jt == 1 && prog[1].jf == 0);
constexpr auto allow = assemble<profile::seccomp>(ld(seccomp::nr_offset), ret(seccomp::ret_allow));
static_assert(allow.size() == 2 && verify(allow, profile::seccomp));
// A 4096-instruction program assembles within the default constexpr limits.
template <std::size_t... I>
consteval auto longest(std::index_sequence<I...>) {
    return assemble((static_cast<void>(I), ldi(1))..., ret(a));
}
static_assert(longest(std::make_index_sequence<4095>{}).size() == 4096);
}  // namespace
