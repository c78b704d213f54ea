// Internal: the namespace every ctbpf header opens. Without Linux headers (CTBPF_NO_LINUX_HEADERS,
// or no <linux/filter.h>), sock_filter is ctbpf's own struct instead of ::sock_filter, and so are
// the layouts of the types that hold it; those builds put everything in the inline namespace
// ctbpf::portable, so that two translation units that disagree name different entities instead
// of breaking the one-definition rule. Users still write ctbpf::.
#pragma once

#if !defined(CTBPF_NO_LINUX_HEADERS) && defined(__linux__) && __has_include(<linux/filter.h>)
#define CTBPF_HAS_LINUX_HEADERS 1
#define CTBPF_NAMESPACE ctbpf
#else
#define CTBPF_HAS_LINUX_HEADERS 0
#define CTBPF_NAMESPACE ctbpf::inline portable
#endif
