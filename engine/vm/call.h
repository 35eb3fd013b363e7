// Calls: the one entry for calling any value from C++ (API, metamethods, finalizers, library code).
// Lua-to-Lua calls inside the interpreter never come through here (they do not recurse in C).
#pragma once

#include "object/state.h"

namespace luna::vm {

// Call the value at `func` with the arguments above it up to L->top; leaves n_results results
// (LUA_MULTRET = all) starting at func. May raise; increments the C-call depth.
void call(lua_State* L, StackId func, int n_results);
void call_no_yield(lua_State* L, StackId func, int n_results);
// Protected: returns a status; on error the error value replaces the call at `func` (as lua_pcall).
int pcall(lua_State* L, StackId func, int n_results, std::ptrdiff_t err_func);
void grow_stack(lua_State* L, int n);   // ensure n free slots above top (may reallocate: rebases)
inline void check_stack(lua_State* L, int n) {
  if (L->stack_last - L->top <= n) grow_stack(L, n);
}

}  // namespace luna::vm
