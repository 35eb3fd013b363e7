// Creation and destruction of global states and threads (the object side of lua_newstate,
// lua_close, lua_newthread and collection of threads).
// Layout: every lua_State is preceded by extra_space (= LUA_EXTRASPACE = sizeof(void*)) bytes; the
// main thread and the GlobalState share one allocation. A new state has: a stack of
// basic_stack_size + extra_stack nil slots with base_ci as a C frame whose function slot is
// stack[0]; the registry with [1] = main thread and [2] = the globals table; the fixed event names
// and "not enough memory" message; the collector running in incremental mode.
// CallInfos after base_ci are owned by the VM but freed here: each is one
// gc::mem_alloc(sizeof(CallInfo)) block linked through CallInfo::next.
#pragma once

#include <cstddef>

#include "object/state.h"

namespace luna::state {

inline constexpr std::size_t extra_space = sizeof(void*);  // LUA_EXTRASPACE
inline constexpr int ridx_main_thread = 1;                 // LUA_RIDX_MAINTHREAD
inline constexpr int ridx_globals = 2;                     // LUA_RIDX_GLOBALS

inline void* extra_space_of(lua_State* L) { return reinterpret_cast<char*>(L) - extra_space; }

// Null when the allocation or the initialisation fails. Reads LUNA_GC_STRESS (see gc/gc.h).
lua_State* new_state(lua_Alloc f, void* ud);
// Frees everything (after running pending finalizers). The VM's lua_close closes the main
// thread's upvalues and to-be-closed variables before calling this. Accepts any thread of the state.
void close_state(lua_State* L);
// A new coroutine sharing L's global state; it is pushed on L's stack (anchored for the collector,
// as lua_newthread does) and also returned. Hooks and the extra space are copied from L / the
// main thread.
lua_State* new_thread(lua_State* L);
void free_thread(lua_State* L, lua_State* L1);   // collector only: closes L1's upvalues, frees it
void init_stack(lua_State* L1, lua_State* L);    // L1's first stack (allocated through L)
void free_stack(lua_State* L);                   // the stack and the CallInfo list

}  // namespace luna::state
