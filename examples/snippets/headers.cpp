#include <ctbpf/headers.hpp>
using namespace ctbpf::dsl;
using namespace ctbpf::headers;

template <class Base>
struct telemetry {
    BOOST_HANA_DEFINE_STRUCT(telemetry, (field<1, Base>, version), (field<1, Base>, kind), (field<2, Base>, length),
                             (field<4, Base>, sequence), (octets<8, Base>, device));
};
constexpr auto tm = at<telemetry>(14);
constexpr auto alarms =
    if_(at<ethernet_header>(0).type == 0x88b5 && tm.version == 1 && tm.kind == 7, accept(46)).else_(drop());
constexpr auto image = ctbpf::compile<alarms>();
static_assert(ctbpf::verify(image));
