// Collector internals shared by the marking/sweeping code (collector.cpp) and the finalizer code
// (finalizers.cpp). Not for use outside engine/gc.
#pragma once

#include "gc/gc.h"

namespace luna::gc::detail {

inline void make_white(GlobalState* g, GCObject* o) {
  o->marked = static_cast<std::uint8_t>((o->marked & ~mark::colors) | current_white(g));
}
inline void set_gray(GCObject* o) { o->marked &= static_cast<std::uint8_t>(~mark::colors); }
inline void set_black(GCObject* o) {
  o->marked = static_cast<std::uint8_t>((o->marked & ~mark::whites) | mark::black);
}
inline void set_age(GCObject* o, std::uint8_t a) {
  o->marked = static_cast<std::uint8_t>((o->marked & ~age::mask) | a);
}
inline bool to_finalize(const GCObject* o) { return (o->marked & mark::finalized) != 0; }

void mark_object(GlobalState* g, GCObject* o);  // o white -> gray/black
inline void mark_value(GlobalState* g, const Value& v) {
  if (v.is_collectable() && is_white(v.as_gc())) mark_object(g, v.as_gc());
}
inline void mark_nullable(GlobalState* g, GCObject* o) {
  if (o != nullptr && is_white(o)) mark_object(g, o);
}

void free_object(lua_State* L, GCObject* o);
// Sweep up to `budget` objects of the list at *p: frees dead ones, whitens survivors. Returns the
// position to continue from (null at the end) and writes the number of objects visited.
GCObject** sweep_list(lua_State* L, GCObject** p, int budget, int* visited);
GCObject** sweep_to_live(lua_State* L, GCObject** p);

// Leaves generational mode (no-op in incremental mode): every object young and white, the
// generational sub-list boundaries cleared, the collector in the pause phase.
void enter_incremental(GlobalState* g);

// Finalizers (finalizers.cpp).
void separate_unreachable(GlobalState* g, bool all);  // finobj (young part in minor cycles) -> tobefnz
std::size_t mark_being_finalized(GlobalState* g);
int run_finalizers(lua_State* L, int max_count);        // returns how many ran
void run_all_finalizers(lua_State* L);

}  // namespace luna::gc::detail
