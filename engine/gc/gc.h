// Memory accounting and the collector's interface for the rest of the engine.
// Allocation: every engine allocation goes through mem_* (the state's lua_Alloc), which keeps
// GlobalState::total_bytes/gc_debt exact; on failure it runs an emergency full collection and retries
// once, then raises LUA_ERRMEM. The collector is incremental, tri-colour and non-moving.
// Safe points: gc::check(L) may run a step; callers ensure everything live is reachable (on a stack,
// in a table, ...) when they call it. Barriers keep the tri-colour invariant for stores into black
// objects: barrier() for a store of `v` into object `o` (closures, userdata, upvalues), barrier_back()
// for tables (re-grays the table).
// Accounting: the bytes in use are total_bytes + gc_debt (see in_use()); a positive debt means a
// collection step is due.
// Stress mode: when the environment variable LUNA_GC_STRESS is set (to anything but "0") when a
// state is created, or the engine is compiled with -DLUNA_GC_STRESS, every allocation of a new
// collectable object by the mutator is preceded by a full collection (at the gc::check safe
// points, since new_object itself never collects: see objects.h). Used by the engine tests.
// Generational mode: collectgarbage("generational") switches the reported mode and keeps the
// parameters, but collections are still full incremental cycles (see set_generational).
#pragma once

#include <cstddef>

#include "object/state.h"

namespace luna::gc {

// ---- mark bits (GCObject::marked) ------------------------------------------------------------
// Same bit positions as the reference collector: two whites so a sweep can tell "dead" (other
// white) from "new" (current white), black, and "separated for finalization".
namespace mark {
inline constexpr std::uint8_t white0 = 1u << 3;
inline constexpr std::uint8_t white1 = 1u << 4;
inline constexpr std::uint8_t whites = white0 | white1;
inline constexpr std::uint8_t black = 1u << 5;
inline constexpr std::uint8_t finalized = 1u << 6;  // in finobj/tobefnz (has a __gc to run)
inline constexpr std::uint8_t colors = whites | black;
}  // namespace mark

// Collector phases (GlobalState::gc_state), in the reference order.
namespace phase {
inline constexpr std::uint8_t propagate = 0, enter_atomic = 1, atomic = 2, sweep_all = 3,
                              sweep_finobj = 4, sweep_tobefnz = 5, sweep_end = 6, call_fin = 7,
                              pause = 8;
}  // namespace phase

// GlobalState::gc_stp bits: why the collector is stopped.
namespace stop {
inline constexpr std::uint8_t user = 1;      // collectgarbage("stop")
inline constexpr std::uint8_t internal = 2;  // running a finalizer / building the state
inline constexpr std::uint8_t closing = 4;   // lua_close: no new finalizers
}  // namespace stop

// Default parameters (collectgarbage / lua_gc), as 5.4.
inline constexpr int default_pause = 200;
inline constexpr int default_step_mul = 100;
inline constexpr int default_step_size = 13;  // log2 of bytes
inline constexpr int default_gen_minor_mul = 20;
inline constexpr int default_gen_major_mul = 100;

inline bool is_white(const GCObject* o) { return (o->marked & mark::whites) != 0; }
inline bool is_black(const GCObject* o) { return (o->marked & mark::black) != 0; }
inline bool is_gray(const GCObject* o) { return (o->marked & mark::colors) == 0; }
inline std::uint8_t current_white(const GlobalState* g) { return g->current_white & mark::whites; }
// An object is dead when it carries the "other" white during a sweep.
inline bool is_dead(const GlobalState* g, const GCObject* o) {
  return (o->marked & (g->current_white ^ mark::whites) & mark::whites) != 0;
}
inline bool is_running(const GlobalState* g) { return g->gc_stp == 0; }
inline bool keeps_invariant(const GlobalState* g) { return g->gc_state <= phase::atomic; }
inline bool is_sweep_phase(const GlobalState* g) {
  return g->gc_state >= phase::sweep_all && g->gc_state <= phase::sweep_end;
}
inline std::size_t in_use(const GlobalState* g) {
  return static_cast<std::size_t>(g->total_bytes + g->gc_debt);
}

// ---- allocation ------------------------------------------------------------------------------
void* mem_alloc(lua_State* L, std::size_t size);                 // raises on failure
void* mem_realloc(lua_State* L, void* p, std::size_t old_size, std::size_t new_size);  // raises
void mem_free(lua_State* L, void* p, std::size_t size);
void* mem_try_alloc(lua_State* L, std::size_t size);             // null on failure (no raise)
// realloc that returns null on failure (after the emergency collection) instead of raising.
void* mem_try_realloc(lua_State* L, void* p, std::size_t old_size, std::size_t new_size);

// New collectable object of `size` bytes and tag `tt`, linked into all_gc, coloured current white.
GCObject* new_object(lua_State* L, std::uint8_t tt, std::size_t size);
// Same, with the object `offset` bytes into the allocated block (threads: LUA_EXTRASPACE before).
GCObject* new_object_at(lua_State* L, std::uint8_t tt, std::size_t size, std::size_t offset);
void set_debt(GlobalState* g, std::ptrdiff_t debt);  // keeps in_use() unchanged
bool stress_enabled(const GlobalState* g);

// ---- collection ------------------------------------------------------------------------------
void check_slow(lua_State* L);     // the part of check() that runs the collector
// Safe point: run a step if the debt is positive (a full cycle in stress mode, which keeps the
// debt positive so that every check collects).
inline void check(lua_State* L) {
  if (L->global->gc_debt > 0) check_slow(L);
}
void step(lua_State* L);           // one incremental step as paced by the debt (luaC_step)
void full(lua_State* L, bool emergency);
// collectgarbage("step", kb) / lua_gc(LUA_GCSTEP, kb): kb == 0 does one basic step, otherwise adds
// kb KB of debt and runs the steps it pays for. Returns true when a cycle finished.
bool step_api(lua_State* L, int kb);
void free_all(lua_State* L);       // lua_close: run pending finalizers, then free every object
// Mode switches: return the previous mode.
GcKind set_incremental(lua_State* L);
GcKind set_generational(lua_State* L);
// Parameters: each setter takes the new value and returns the previous one. 0 keeps the current
// value, as lua_gc(LUA_GCINC/LUA_GCGEN) specifies (so the deprecated setpause/setstepmul options
// cannot set 0: they keep the value).
int set_pause(GlobalState* g, int pause);
int set_step_mul(GlobalState* g, int step_mul);
int set_step_size(GlobalState* g, int step_size);
int set_gen_minor_mul(GlobalState* g, int minor_mul);
int set_gen_major_mul(GlobalState* g, int major_mul);
// collectgarbage("count"): bytes in use in KB, exact (fraction included).
double count_kb(const GlobalState* g);
void check_finalizer(lua_State* L, GCObject* o, Table* mt);  // called by setmetatable with __gc
void fix_object(lua_State* L, GCObject* o);  // move a just-created object to fixed_gc (never freed)

void barrier_forward(lua_State* L, GCObject* o, GCObject* v);
void barrier_back_slow(lua_State* L, GCObject* o);

// Forward barriers fire for any non-white source, not only black ones: an upvalue marked while
// open stays gray (it is in no gray list and is never traversed again), so when it is closed, or
// later assigned, the value it receives must be marked here or it would be lost. For a gray object
// waiting in a gray list, marking the value early is merely conservative.
inline void barrier(lua_State* L, GCObject* o, const Value& v) {
  if (v.is_collectable() && !is_white(o) && is_white(v.as_gc())) barrier_forward(L, o, v.as_gc());
}
inline void barrier_back(lua_State* L, GCObject* o, const Value& v) {
  if (v.is_collectable() && is_black(o) && is_white(v.as_gc())) barrier_back_slow(L, o);
}
inline void object_barrier(lua_State* L, GCObject* o, GCObject* v) {
  if (is_black(o) && is_white(v)) barrier_forward(L, o, v);
}
inline void object_barrier_back(lua_State* L, GCObject* o, GCObject* v) {
  if (is_black(o) && is_white(v)) barrier_back_slow(L, o);
}

}  // namespace luna::gc
