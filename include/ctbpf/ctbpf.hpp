// ctbpf/ctbpf.hpp — umbrella header: classic BPF as a compile-time language. Every public header
// that needs only the standard library: the encoding, verifier, VM and the two fast engines, the
// optimizer and analysis, and every front end (builders, text, the filter language, tcpdump
// expressions, seccomp policies). Beside it, not in it: the run-time conveniences that return
// std::vector or std::string (*_vector.hpp, text_string.hpp), the protocol headers (headers.hpp,
// Boost.Hana), and what needs Linux or libpcap (linux/, pcap.hpp).
#pragma once

#include "analyze.hpp"
#include "assemble.hpp"
#include "builders.hpp"
#include "concepts.hpp"
#include "decoded.hpp"
#include "dsl.hpp"
#include "encoding.hpp"
#include "errors.hpp"
#include "fixed_string.hpp"
#include "instruction.hpp"
#include "native.hpp"
#include "numbers.hpp"
#include "optimize.hpp"
#include "parse.hpp"
#include "pcap_filter.hpp"
#include "seccomp.hpp"
#include "text.hpp"
#include "verify.hpp"
#include "version.hpp"
#include "vm.hpp"
