// ctbpf/headers.hpp — protocol headers for the filter language (needs Boost.Hana).
#pragma once

#include "headers/layout.hpp"
#include "headers/protocols.hpp"
