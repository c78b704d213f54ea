// Firmware example (ARM Cortex-M4, no operating system, no heap, no exceptions, no RTTI): a
// filter compiled and verified at compile time, run by the VM at run time on frames in a buffer.
// Built by the test suite with arm-none-eabi-g++ (tests/CMakeLists.txt, firmware.cortex_m4).
#include <ctbpf/ctbpf.hpp>

#include <array>
#include <cstdint>

using namespace ctbpf::dsl;  // NOLINT

// ARP, or IPv4 UDP to port 5683 (CoAP): what a small device might accept.
constexpr auto filter = u16(12) == 0x0806 ||
                        (u16(12) == 0x0800 && u8(23) == 17 && (u16(20) & 0x1fff) == 0 && u16(ip_hlen(14) + 16) == 5683);
constexpr auto image = ctbpf::compile<filter>();
static_assert(ctbpf::verify(image));

namespace {
// A receive ring as a driver would fill it (here: one ARP frame, one CoAP datagram, one other).
std::array<std::array<std::uint8_t, 64>, 3> ring = [] {
    std::array<std::array<std::uint8_t, 64>, 3> r{};
    r[0][12] = 0x08;
    r[0][13] = 0x06;
    r[1][12] = 0x08;
    r[1][13] = 0x00;
    r[1][14] = 0x45;
    r[1][23] = 17;
    r[1][36] = 0x16;
    r[1][37] = 0x33;
    r[2][12] = 0x86;
    r[2][13] = 0xdd;
    return r;
}();
}  // namespace

volatile std::uint32_t accepted_frames = 0;  // observable with a debugger

int main() {
    for (;;) {
        std::uint32_t accepted = 0;
        for (const auto& frame : ring)
            if (ctbpf::run(image, frame) != 0) ++accepted;
        accepted_frames = accepted;  // 2
    }
}
