// Coroutines: resuming and yielding threads (lua_resume / lua_yieldk semantics of 5.4), finishing
// interrupted C frames through their continuations (lua_KFunction) and Lua frames through
// finish_op, recovering from errors inside yieldable pcalls, and resetting a thread
// (lua_closethread), which runs pending __close handlers.
#pragma once

#include "object/state.h"

namespace luna::vm {

// lua_resume: nargs arguments on L's stack (plus the body when starting). Returns the status and
// sets *n_results to the number of values yielded or returned (left on top of L's stack).
int resume(lua_State* L, lua_State* from, int nargs, int* n_results);
// lua_yieldk: raises LUA_YIELD from C functions; returns 0 when called from a hook.
int yield(lua_State* L, int n_results, lua_KContext ctx, lua_KFunction k);
// Unwind L to its base frame, closing upvalues and running pending __close handlers with
// `status`; the error object (if any) is left at stack + 1. Returns the final status.
int reset_thread(lua_State* L, int status);
int close_thread(lua_State* L, lua_State* from);   // lua_closethread

}  // namespace luna::vm
