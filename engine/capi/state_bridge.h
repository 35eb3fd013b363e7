// State construction/teardown and protected closing, as the C API uses them. Defined by the object
// model (object/state_init.h) and the runtime (runtime/error.h); repeated here with the same
// signatures until those headers are in main (then include them instead).
#pragma once

#include <cstddef>

#include "object/state.h"

namespace luna::state {
lua_State* new_state(lua_Alloc f, void* ud);  // a complete state (registry, globals), or null
void close_state(lua_State* L);               // frees every object and the state itself
lua_State* new_thread(lua_State* L);          // a new thread sharing L's global state (not pushed)
}  // namespace luna::state

namespace luna::runtime {
// Close upvalues/tbc variables >= the stack offset `level` in protected mode; returns the status.
int close_protected(lua_State* L, std::ptrdiff_t level, int status);
}  // namespace luna::runtime
