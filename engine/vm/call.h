// Calls: the one entry for calling any value from C++ (API, metamethods, finalizers, library code).
// Lua-to-Lua calls inside the interpreter never come through here (they do not recurse in C).
//
// Frame layout (as Lua 5.4): a call frame is `func` followed by its arguments; registers of a Lua
// function start at func + 1. A vararg function's frame is moved up at entry: the caller's copy of
// the function and *all* arguments stay below, the function and its fixed parameters are copied
// above them, and ci->u.l.n_extra_args records how many extra arguments sit just below ci->func
// (they are ci->func - n_extra_args .. ci->func - 1). On return ci->func is moved back down.
// ci->u.l.saved_pc points at the instruction *after* the one executing (current pc = saved_pc -
// code - 1), as PUC's savedpc does; the debug code relies on this.
// Stack pointers (StackId) are invalidated by anything that can grow the stack; code that keeps a
// stack position across a call saves it as an offset (save_stack / restore_stack).
#pragma once

#include <cstddef>

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

inline std::ptrdiff_t save_stack(lua_State* L, const Value* p) {
  return reinterpret_cast<const char*>(p) - reinterpret_cast<const char*>(L->stack);
}
inline StackId restore_stack(lua_State* L, std::ptrdiff_t n) {
  return reinterpret_cast<StackId>(reinterpret_cast<char*>(L->stack) + n);
}

// Reallocate the stack to `new_size` usable slots (plus extra_stack); rebases every pointer into it.
// When `raise_error` is false, returns false on memory failure instead of raising.
bool realloc_stack(lua_State* L, int new_size, bool raise_error);
void shrink_stack(lua_State* L);        // give back unused stack (after errors; the collector)
CallInfo* extend_ci(lua_State* L);      // append a CallInfo to the list
void free_ci_list(lua_State* L);        // free every CallInfo after base_ci (thread teardown)
void shrink_ci_list(lua_State* L);      // free half of the unused CallInfos (collector)
inline CallInfo* next_ci(lua_State* L) {
  return L->ci->next ? L->ci->next : extend_ci(L);
}

// Prepare a call to the value at func (arguments up to L->top). A C function is run to completion
// (results moved, returns null); for a Lua function the new CallInfo is returned, ready for
// execute(). __call metamethods are resolved here.
CallInfo* precall(lua_State* L, StackId func, int n_results);
// Tail call from Lua frame ci: the function at func with narg1 - 1 arguments; delta is the vararg
// displacement of ci's frame. Returns -1 when a Lua frame was set up in ci (execute continues it),
// else the number of results a C function left on the stack.
int pretail_call(lua_State* L, CallInfo* ci, StackId func, int narg1, int delta);
// Vararg entry of the Lua frame ci (its arguments up to L->top, fixed ones nil-filled): the
// function and its fixed parameters are copied above the actual arguments, so the extra
// arguments stay just below the frame; ci->func/top move up. May grow the stack.
void adjust_varargs(lua_State* L, CallInfo* ci, const Proto* p);
// Finish a call: move n_res results from the top to ci->func, adjust to ci->n_results, pop ci.
void postcall(lua_State* L, CallInfo* ci, int n_res);
// Put the __call metamethod of the value at func below it (shifting the arguments); raises
// "attempt to call a ... value" when there is none. Returns func (possibly rebased).
StackId try_call_tm(lua_State* L, StackId func);

// C-call depth: low 16 bits count nested C calls, high 16 bits non-yieldable calls.
inline constexpr std::uint32_t non_yield_inc = 0x10000u;
inline int c_calls(const lua_State* L) { return static_cast<int>(L->n_c_calls & 0xFFFFu); }
inline bool is_yieldable(const lua_State* L) { return (L->n_c_calls & 0xFFFF0000u) == 0; }
void check_c_stack(lua_State* L);       // raise "C stack overflow" / "error in error handling"
inline void inc_c_stack(lua_State* L) {
  ++L->n_c_calls;
  if (c_calls(L) >= max_c_calls) check_c_stack(L);
}

// Hooks. call_hook runs L->hook for `event` if allowed (line = current line or -1; ftransfer and
// ntransfer describe transferred values for call/return events).
void call_hook(lua_State* L, int event, int line, int ftransfer, int ntransfer);
void hook_call(lua_State* L, CallInfo* ci);        // call (or tail call) hook at function entry
void return_hook(lua_State* L, CallInfo* ci, int n_res);
// Line/count hooks before executing the instruction at pc (not yet incremented). Returns the
// new trap value. May yield (hook yields) by raising LUA_YIELD.
int trace_exec(lua_State* L, const bytecode::Instruction* pc);

// VARARG: copy `wanted` (multret = all, setting L->top) extra arguments of frame ci to `where`.
void get_varargs(lua_State* L, CallInfo* ci, StackId where, int wanted);
// Run f(ud) protected as a pcall: on error restore ci/hooks, close tbc variables >= old_top (a
// stack offset), put the error object at old_top and shrink the stack. Returns the status.
int protected_call(lua_State* L, void (*f)(lua_State*, void*), void* ud, std::ptrdiff_t old_top,
                   std::ptrdiff_t err_func);

// Extra CallInfo::call_status bits used by the VM (the low ones are in object/state.h).
namespace cist_ext {
inline constexpr int recover_shift = 10;           // 3 bits: status of an error being recovered
inline constexpr std::uint16_t recover_mask = 7u << recover_shift;
}  // namespace cist_ext
inline int get_recover_status(const CallInfo* ci) {
  return (ci->call_status & cist_ext::recover_mask) >> cist_ext::recover_shift;
}
inline void set_recover_status(CallInfo* ci, int st) {
  ci->call_status = static_cast<std::uint16_t>((ci->call_status & ~cist_ext::recover_mask) |
                                               (st << cist_ext::recover_shift));
}

// C functions with to-be-closed slots encode their wanted results as -(n) - 3 (lua_toclose).
inline bool has_tbc_c(int n_results) { return n_results < -1; }
inline int encode_tbc_results(int n) { return -n - 3; }
inline int decode_tbc_results(int n) { return -n - 3; }

}  // namespace luna::vm
