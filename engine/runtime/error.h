// Raising and catching errors. The runtime unwinds with longjmp (see DESIGN.md §3): between a
// protected call and any raise point no object with a non-trivial destructor may be alive.
// raise() never returns; the error value is on top of the stack (or implied by the status).
#pragma once

#include <cstdarg>

#include "object/state.h"

namespace luna::runtime {

[[noreturn]] void raise(lua_State* L, int status);
// Formats like lua_pushfstring (%s %d %I %f %p %c %U %%), prefixes "chunk:line:" of the current Lua
// function (if any) and raises LUA_ERRRUN.
[[noreturn]] void run_error(lua_State* L, const char* fmt, ...);
[[noreturn]] void type_error(lua_State* L, const Value* v, const char* operation);  // "attempt to index a nil value (local 't')"
using ProtectedFn = void (*)(lua_State* L, void* ud);
int run_protected(lua_State* L, ProtectedFn f, void* ud);   // returns a status; never raises

}  // namespace luna::runtime
