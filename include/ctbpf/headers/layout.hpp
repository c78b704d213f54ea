// ctbpf/headers/layout.hpp — protocol header layouts for the filter language. A header is a
// BOOST_HANA_DEFINE_STRUCT whose members are fields; at<Header>(offset) places it in the
// packet, computing every field's wire offset from the reflected members (sizes come from the
// field types, nothing is written by hand). Fields are values of the language: ip.proto == 6.
// Usage:
//   template <class Base> struct my_proto {
//       BOOST_HANA_DEFINE_STRUCT(my_proto, (ctbpf::headers::field<2, Base>, kind),
//                                          (ctbpf::headers::field<4, Base>, seq));
//   };
//   constexpr auto mine = ctbpf::headers::at<my_proto>(42);  // mine.seq is u32(44)
#pragma once

#include <cstdint>
#include <type_traits>

#include <boost/hana/accessors.hpp>
#include <boost/hana/for_each.hpp>
#include <boost/hana/second.hpp>

#include "../detail/config.hpp"
#include "../dsl.hpp"

namespace CTBPF_NAMESPACE::headers {}  // namespace CTBPF_NAMESPACE::headers

namespace CTBPF_NAMESPACE::detail::headers {
/// The offset node for `base + k`: a constant, or (value + constant) with the constants merged.
template <class Base>
struct offset {
    using type = ctbpf::dsl::binary<ctbpf::dsl::alu::add, Base, ctbpf::dsl::constant>;
};
template <>
struct offset<ctbpf::dsl::constant> {
    using type = ctbpf::dsl::constant;
};
template <class X>
struct offset<ctbpf::dsl::binary<ctbpf::dsl::alu::add, X, ctbpf::dsl::constant>> {
    using type = ctbpf::dsl::binary<ctbpf::dsl::alu::add, X, ctbpf::dsl::constant>;
};
template <class Base>
using offset_t = typename offset<Base>::type;

template <class Base>
constexpr offset_t<Base> add(const Base& base, std::uint32_t k) {
    if constexpr (std::is_same_v<Base, ctbpf::dsl::constant>) {
        return ctbpf::dsl::constant{{}, base.v + k, ctbpf::dsl::fold_error::none, 0, 0, 0, 0};
    } else if constexpr (std::is_same_v<offset_t<Base>, Base>) {
        return Base{{}, base.l, ctbpf::dsl::constant{{}, base.r.v + k, ctbpf::dsl::fold_error::none, 0, 0, 0, 0}};
    } else {
        return offset_t<Base>{{}, base, ctbpf::dsl::constant{{}, k, ctbpf::dsl::fold_error::none, 0, 0, 0, 0}};
    }
}
}  // namespace CTBPF_NAMESPACE::detail::headers

namespace CTBPF_NAMESPACE::headers {

/// A big-endian field of N bytes (1, 2 or 4) of a header placed at Base: a value of the language.
template <std::uint32_t N, class Base>
using field = dsl::load<N, detail::headers::offset_t<Base>>;

/// N bytes that are not one number (a MAC or IPv6 address): read them by parts.
template <std::uint32_t N, class Base>
struct octets {
    static constexpr std::uint32_t bytes = N;
    detail::headers::offset_t<Base> offset;
    constexpr auto u8(std::uint32_t i) const {
        return dsl::load<1, detail::headers::offset_t<Base>>{{}, detail::headers::add(offset, i)};
    }
    constexpr auto u16(std::uint32_t i) const {
        return dsl::load<2, detail::headers::offset_t<Base>>{{}, detail::headers::add(offset, i)};
    }
    constexpr auto u32(std::uint32_t i) const {
        return dsl::load<4, detail::headers::offset_t<Base>>{{}, detail::headers::add(offset, i)};
    }
};

/// Wire size of a header: the sum of its fields' sizes.
template <class Header>
constexpr std::uint32_t size_of() {
    std::uint32_t total = 0;
    boost::hana::for_each(boost::hana::accessors<Header>(), [&](auto pair) {
        using member = std::remove_cvref_t<decltype(boost::hana::second(pair)(std::declval<Header&>()))>;
        total += member::bytes;
    });
    return total;
}

/// Places header H at `base` (an offset: an integer, or a value of the language such as
/// ipv4_payload(14)): every field's offset is base + the sizes of the fields before it.
template <template <class> class H, dsl::operand B>
constexpr auto at(B base) {
    using base_t = dsl::lifted<B>;
    const base_t b = dsl::lift(base);
    H<base_t> header{};
    std::uint32_t offset = 0;
    boost::hana::for_each(boost::hana::accessors<H<base_t>>(), [&](auto pair) {
        auto& member = boost::hana::second(pair)(header);
        using member_t = std::remove_cvref_t<decltype(member)>;
        member.offset = detail::headers::add(b, offset);
        offset += member_t::bytes;
    });
    return header;
}

}  // namespace CTBPF_NAMESPACE::headers
