// The engine calls the coroutine library makes besides the public C API (which it is otherwise
// written against; this header needs nothing but lua.h):
//  - resume_moving: the value transfer of coroutine.resume and of a wrap function's call, fused
//    with lua_resume. Doing it through lua_checkstack, lua_xmove (twice), lua_resume and
//    lua_pushboolean + lua_insert cost a fifth of a resume/yield round trip.
//  - yield: coroutine.yield. When the interpreter called it inline from the Lua code that resume
//    is running, it suspends the thread by returning (the interpreter then returns to resume)
//    instead of longjmp-ing there, which keeps the CPU's return predictions intact. Otherwise it
//    is lua_yield.
#pragma once

#include "lua.h"

namespace luna::vm::coroutine_lib {

// Moves the top `argument_count` values of L to `coroutine`, resumes it (lua_resume semantics,
// `from` = L) and moves the values it yielded or returned onto L, preceded by `true` when
// `with_flag` is set. Returns the number of values pushed (the flag included). On failure (the
// coroutine raised, cannot be resumed, or either stack cannot take the values) returns -1 with
// the error object on top of L and no flag.
int resume_moving(lua_State* L, lua_State* coroutine, int argument_count, bool with_flag);

// lua_yield(L, n_results) for a C function whose return value is its caller's (`return yield(...)`).
int yield(lua_State* L, int n_results);

}  // namespace luna::vm::coroutine_lib
