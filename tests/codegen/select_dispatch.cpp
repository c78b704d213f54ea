// The check of tests/codegen/decoded_dispatch.cpp can fail (tests/CMakeLists.txt): a small
// direct-threaded loop whose `jeq` picks the next instruction with `?:`, which compilers turn into
// a select of the next instruction followed by the dispatch: cmake/check_branches.cmake must
// report it.
#include <cstdint>

struct instruction {
    std::uint8_t code, jt, jf;
    std::uint32_t k;
};

std::uint32_t select_dispatch(const instruction* f, const std::uint8_t* data) {
    static const void* const handlers[] = {&&load, &&jeq, &&ret};
    std::uint32_t a = 0;
    goto* handlers[f->code];
load:
    a = data[f->k];
    ++f;
    goto* handlers[f->code];
jeq:
    f += 1 + (a == f->k ? f->jt : f->jf);
    goto* handlers[f->code];
ret:
    return f->k;
}
