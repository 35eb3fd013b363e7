// Protected closing as lua_close uses it. Defined by the runtime (runtime/error.h); repeated here
// with the same signature until that declaration is in main (then include runtime/error.h).
#pragma once

#include <cstddef>

#include "object/state.h"

namespace luna::runtime {
// Close upvalues/tbc variables >= the stack offset `level` in protected mode; returns the status.
int close_protected(lua_State* L, std::ptrdiff_t level, int status);
}  // namespace luna::runtime
