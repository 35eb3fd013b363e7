// Debug-only consistency checks for the engine and the C API.
// LUNA_ASSERT(cond): internal invariant; LUNA_API_CHECK(L, cond, msg): a C API caller broke the
// manual's rules (bad index, too few elements, ...). Both cost nothing unless the build defines
// LUNA_API_CHECKS, where a failed check prints the message and aborts (so misuse is caught early in
// tests). Release builds rely on the API code returning a harmless result where misuse is cheap to
// detect (e.g. an out-of-frame index reads as "no value") instead of crashing.
#pragma once

#ifdef LUNA_API_CHECKS
#include <cstdio>
#include <cstdlib>

namespace luna::base {
[[noreturn]] inline void check_failed(const char* what, const char* file, int line) {
  std::fprintf(stderr, "luna: check failed: %s (%s:%d)\n", what, file, line);
  std::abort();
}
}  // namespace luna::base

#define LUNA_ASSERT(cond) \
  ((cond) ? static_cast<void>(0) : ::luna::base::check_failed(#cond, __FILE__, __LINE__))
#define LUNA_API_CHECK(L, cond, msg) \
  (static_cast<void>(L), (cond) ? static_cast<void>(0) : ::luna::base::check_failed(msg, __FILE__, __LINE__))
#else
#define LUNA_ASSERT(cond) static_cast<void>(0)
#define LUNA_API_CHECK(L, cond, msg) static_cast<void>(0)
#endif
