// Raising and catching errors. The runtime unwinds with longjmp (see DESIGN.md §3): between a
// protected call and any raise point no object with a non-trivial destructor may be alive.
// raise() never returns; the error value is on top of the stack (or implied by the status).
// error() is what lua_error does: it runs the current message handler (L->err_func, a stack
// offset; the handler runs at the raise point, as in 5.4) and then raises LUA_ERRRUN.
#pragma once

#include <cstdarg>
#include <cstddef>

#include "object/state.h"

namespace luna::runtime {

[[noreturn]] void raise(lua_State* L, int status);
// Formats like lua_pushfstring (%s %d %I %f %p %c %U %%), prefixes "chunk:line:" of the current Lua
// function (if any) and raises LUA_ERRRUN.
[[noreturn]] void run_error(lua_State* L, const char* fmt, ...);
[[noreturn]] void type_error(lua_State* L, const Value* v, const char* operation);  // "attempt to index a nil value (local 't')"
using ProtectedFn = void (*)(lua_State* L, void* ud);
int run_protected(lua_State* L, ProtectedFn f, void* ud);   // returns a status; never raises

[[noreturn]] void error(lua_State* L);           // error object on top; runs the message handler
[[noreturn]] void error_in_error(lua_State* L);  // "error in error handling" (LUA_ERRERR)
[[noreturn]] void memory_error(lua_State* L);    // LUA_ERRMEM with the preallocated message
// Specific messages of the VM (all with variable info, as 5.4).
[[noreturn]] void call_error(lua_State* L, const Value* v);             // "attempt to call ..."
[[noreturn]] void arith_error(lua_State* L, const Value* a, const Value* b, bool bitwise);
[[noreturn]] void to_int_error(lua_State* L, const Value* a, const Value* b);  // no integer rep.
[[noreturn]] void concat_error(lua_State* L, const Value* a, const Value* b);
[[noreturn]] void order_error(lua_State* L, const Value* a, const Value* b);
[[noreturn]] void for_error(lua_State* L, const Value* v, const char* what);

// Put the error object for `status` at old_top (the memory message, nil for LUA_OK, else the value
// on top) and set L->top = old_top + 1.
void set_error_object(lua_State* L, int status, StackId old_top);
// Close upvalues/tbc variables >= the stack offset `level` in protected mode, repeating while the
// __close handlers raise; returns the final status (an error in __close replaces the error).
int close_protected(lua_State* L, std::ptrdiff_t level, int status);
// Name for messages: __name of the metatable (tables, full userdata) or the basic type name.
const char* object_type_name(lua_State* L, const Value* v);
const char* basic_type_name(int basic_type);
// "chunk:line: msg" for the Lua function of ci: pushes the result on the stack and returns it.
const char* add_position(lua_State* L, const char* msg, CallInfo* ci);

}  // namespace luna::runtime
