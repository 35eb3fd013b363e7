// Finalizers (__gc): registration, separation of unreachable finalizable objects in the atomic
// phase (they are resurrected: marked again), calls in protected mode with errors turned into
// warnings, and the shutdown sequence of lua_close.
// Order: finobj is a LIFO list (newest registration first) and separation appends to tobefnz in
// list order, so objects are finalized in the reverse order of their registration, as in 5.4.
#include "gc/internal.h"
#include "object/tables.h"
#include "vm/call.h"

namespace luna::gc {

using namespace detail;

namespace {

Table* metatable_of(GlobalState* g, GCObject* o) {
  switch (o->tt) {
    case tag::table: return static_cast<Table*>(o)->metatable;
    case tag::userdata: return static_cast<Udata*>(o)->metatable;
    default: return g->metatables[tag::basic_of(o->tt)];
  }
}

void warn(GlobalState* g, const char* message, bool to_continue) {
  if (g->warnf != nullptr) g->warnf(g->ud_warn, message, to_continue ? 1 : 0);
}

// Takes the first object off tobefnz and returns it to all_gc as a normal object.
GCObject* take_next_to_finalize(GlobalState* g) {
  GCObject* o = g->tobefnz;
  g->tobefnz = o->next;
  o->next = g->all_gc;
  g->all_gc = o;
  o->marked &= static_cast<std::uint8_t>(~mark::finalized);
  if (is_sweep_phase(g)) make_white(g, o);  // already "swept"
  else if (age_of(o) == age::old1) g->first_old1 = o;  // the minor collection must see it
  return o;
}

void call_one_finalizer(lua_State* L) {
  GlobalState* g = L->global;
  Value object;
  GCObject* o = take_next_to_finalize(g);
  object.set_gc(o, o->tt);
  Table* mt = metatable_of(g, o);
  if (mt == nullptr) return;
  const Value* tm = tables::get_short_str(mt, g->tm_name[static_cast<int>(Event::Gc)]);
  if (tm->is_nil()) return;
  std::uint8_t old_allow_hook = L->allow_hook;
  std::uint8_t old_stop = g->gc_stp;
  g->gc_stp |= stop::internal;  // no collector steps inside a finalizer
  L->allow_hook = 0;            // nor debug hooks
  StackId func = L->top;
  *L->top++ = *tm;
  *L->top++ = object;
  L->ci->call_status |= cist::finalizer;
  int status = vm::pcall(L, func, 0, 0);
  L->ci->call_status &= static_cast<std::uint16_t>(~cist::finalizer);
  L->allow_hook = old_allow_hook;
  g->gc_stp = old_stop;
  if (status != 0) {
    const Value& error = *(L->top - 1);
    const char* text = error.is_string() ? as_string(error)->chars() : "error object is not a string";
    warn(g, "error in ", true);
    warn(g, "__gc", true);
    warn(g, " (", true);
    warn(g, text, true);
    warn(g, ")", false);
    L->top--;
  }
}

// An object leaving all_gc must not stay the boundary of a generational sub-list.
void correct_pointers(GlobalState* g, GCObject* o) {
  for (GCObject** boundary : {&g->survival, &g->old1, &g->really_old, &g->first_old1})
    if (*boundary == o) *boundary = o->next;
}

GCObject** last_link(GCObject** p) {
  while (*p != nullptr) p = &(*p)->next;
  return p;
}

}  // namespace

namespace detail {

void separate_unreachable(GlobalState* g, bool all) {
  GCObject** p = &g->finobj;
  GCObject** last = last_link(&g->tobefnz);
  // Old finalizable objects (from finobj_old1 on) cannot be white in a minor collection.
  while (*p != g->finobj_old1) {
    GCObject* curr = *p;
    if (!(is_white(curr) || all)) {
      p = &curr->next;
    } else {
      if (curr == g->finobj_sur) g->finobj_sur = curr->next;
      *p = curr->next;
      curr->next = *last;
      *last = curr;
      last = &curr->next;
    }
  }
}

std::size_t mark_being_finalized(GlobalState* g) {
  std::size_t count = 0;
  for (GCObject* o = g->tobefnz; o != nullptr; o = o->next) {
    count++;
    mark_nullable(g, o);
  }
  return count;
}

int run_finalizers(lua_State* L, int max_count) {
  GlobalState* g = L->global;
  int i = 0;
  for (; i < max_count && g->tobefnz; i++) call_one_finalizer(L);
  return i;
}

void run_all_finalizers(lua_State* L) {
  while (L->global->tobefnz) call_one_finalizer(L);
}

}  // namespace detail

void check_finalizer(lua_State* L, GCObject* o, Table* mt) {
  GlobalState* g = L->global;
  if (to_finalize(o) || (g->gc_stp & stop::closing) || mt == nullptr) return;
  const Value* tm = tables::fast_tm(L, mt, Event::Gc);
  if (tm == nullptr) return;
  if (is_sweep_phase(g)) {
    make_white(g, o);  // "sweep" it now
    if (g->sweep_gc == &o->next) g->sweep_gc = sweep_to_live(L, g->sweep_gc);
  } else {
    correct_pointers(g, o);
  }
  GCObject** p = &g->all_gc;
  while (*p != o) p = &(*p)->next;
  *p = o->next;
  o->next = g->finobj;
  g->finobj = o;
  o->marked |= mark::finalized;
}

void free_all(lua_State* L) {
  GlobalState* g = L->global;
  g->gc_stp = stop::closing;  // no new finalizers from here on
  enter_incremental(g);  // plain lists: separation must see every finalizable object
  if (g->nil_value.is_strict_nil()) {  // finalizers need a complete state
    separate_unreachable(g, true);
    run_all_finalizers(L);
  }
  auto delete_list = [L](GCObject* o, GCObject* keep) {
    while (o != keep) {
      GCObject* following = o->next;
      free_object(L, o);
      o = following;
    }
  };
  // The main thread is the oldest object, hence the last one of all_gc.
  delete_list(g->all_gc, g->main_thread);
  g->all_gc = g->main_thread;
  delete_list(g->finobj, nullptr);  // only left when the state was incomplete
  g->finobj = nullptr;
  delete_list(g->fixed_gc, nullptr);
  g->fixed_gc = nullptr;
}

}  // namespace luna::gc
