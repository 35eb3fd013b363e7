// The two interrupt calls the standard library makes (it is otherwise written against the public
// C API only, so this header needs nothing but lua.h). See vm/interrupt.h for the mechanism.
//  - reraise_if_stopped: at a protected boundary (pcall, xpcall, coroutine.resume/wrap/close),
//    after the protected part returned: if a budget/timeout/cancel stop is being raised, raise it
//    again in L, so Lua code cannot catch it. Returns normally otherwise.
//  - poll: inside a long loop of a C function (pattern matching, string.rep, table.concat...):
//    charges `instructions` and raises a stop that is due. Cost when nothing is armed: one load.
//    The caller must hold nothing that needs a destructor (the raise is a longjmp).
#pragma once

#include "lua.h"

namespace luna::vm::interrupt {

void reraise_if_stopped(lua_State* L);
void poll(lua_State* L, int instructions);

}  // namespace luna::vm::interrupt
