// Memory accounting and the collector's interface for the rest of the engine.
// Allocation: every engine allocation goes through mem_* (the state's lua_Alloc), which keeps
// GlobalState::total_bytes/gc_debt exact; on failure it runs an emergency full collection and retries
// once, then raises LUA_ERRMEM. The collector is incremental, tri-colour and non-moving.
// Safe points: gc::check(L) may run a step; callers ensure everything live is reachable (on a stack,
// in a table, ...) when they call it. Barriers keep the tri-colour invariant for stores into black
// objects: barrier() for a store of `v` into object `o` (closures, userdata, upvalues), barrier_back()
// for tables (re-grays the table).
#pragma once

#include <cstddef>

#include "object/state.h"

namespace luna::gc {

void* mem_alloc(lua_State* L, std::size_t size);                 // raises on failure
void* mem_realloc(lua_State* L, void* p, std::size_t old_size, std::size_t new_size);  // raises
void mem_free(lua_State* L, void* p, std::size_t size);
void* mem_try_alloc(lua_State* L, std::size_t size);             // null on failure (no raise)

// New collectable object of `size` bytes and tag `tt`, linked into all_gc, coloured current white.
GCObject* new_object(lua_State* L, std::uint8_t tt, std::size_t size);

void check(lua_State* L);          // run a step if the debt is positive
void step(lua_State* L);           // one incremental step (or a minor collection)
void full(lua_State* L, bool emergency);
void free_all(lua_State* L);       // lua_close: run pending finalizers, then free every object
void set_incremental(lua_State* L);
void set_generational(lua_State* L);
void set_pause(GlobalState* g, int pause);  // etc.: parameters for collectgarbage/lua_gc live here
void check_finalizer(lua_State* L, GCObject* o, Table* mt);  // called by setmetatable with __gc

void barrier_forward(lua_State* L, GCObject* o, GCObject* v);
void barrier_back_slow(lua_State* L, GCObject* o);
bool is_black(const GCObject* o);
bool is_white(const GCObject* o);

inline void barrier(lua_State* L, GCObject* o, const Value& v) {
  if (v.is_collectable() && is_black(o) && is_white(v.as_gc())) barrier_forward(L, o, v.as_gc());
}
inline void barrier_back(lua_State* L, GCObject* o, const Value& v) {
  if (v.is_collectable() && is_black(o) && is_white(v.as_gc())) barrier_back_slow(L, o);
}
inline void object_barrier(lua_State* L, GCObject* o, GCObject* v) {
  if (is_black(o) && is_white(v)) barrier_forward(L, o, v);
}

}  // namespace luna::gc
