// The incremental collector: marking (gray lists), traversal of every object kind, weak tables and
// ephemerons, the atomic phase, sweeping, pacing and the public entry points.
// Phases and pacing follow Lua 5.4: pause -> propagate -> atomic -> sweep lists -> call finalizers.
// Work is counted in "slots traversed" and converted to bytes with work_to_bytes.
#include <cstring>

#include "gc/internal.h"
#include "object/functions.h"
#include "object/sizes.h"
#include "object/state_init.h"
#include "object/strings.h"
#include "object/tables.h"

namespace luna::gc {

using namespace detail;

namespace {

constexpr int sweep_max = 100;        // objects swept per step
constexpr int finalizers_per_step = 10;
constexpr int finalizer_cost = 50;    // work units charged per finalizer
constexpr std::ptrdiff_t work_to_bytes = sizeof(Value);
constexpr std::ptrdiff_t pause_adjust = 100;
constexpr std::ptrdiff_t max_mem = PTRDIFF_MAX >> 1;

GCObject** gc_list_of(GCObject* o) {
  switch (o->tt) {
    case tag::table: return &static_cast<Table*>(o)->gc_list;
    case tag::lua_closure: return &static_cast<LClosure*>(o)->gc_list;
    case tag::c_closure: return &static_cast<CClosure*>(o)->gc_list;
    case tag::thread: return &static_cast<lua_State*>(o)->gc_list;
    case tag::proto: return &static_cast<Proto*>(o)->gc_list;
    case tag::userdata: return &static_cast<Udata*>(o)->gc_list;
    default: return nullptr;
  }
}

void link_gray(GCObject* o, GCObject** list) {
  GCObject** field = gc_list_of(o);
  *field = *list;
  *list = o;
  set_gray(o);
}

// ---- tables --------------------------------------------------------------------------------------
struct WeakMode {
  bool keys;
  bool values;
};

WeakMode weak_mode(GlobalState* g, Table* t) {
  Table* mt = t->metatable;
  constexpr auto mode_bit = 1u << static_cast<unsigned>(Event::Mode);
  if (mt == nullptr || (mt->flags & mode_bit)) return {false, false};
  const Value* mode = tables::get_short_str(mt, g->tm_name[static_cast<int>(Event::Mode)]);
  if (mode->is_nil()) {
    mt->flags |= mode_bit;
    return {false, false};
  }
  if (!mode->is_short_string()) return {false, false};
  const char* s = as_string(*mode)->chars();
  return {std::strchr(s, 'k') != nullptr, std::strchr(s, 'v') != nullptr};
}

Node* nodes_end(Table* t) { return t->node + tables::node_count(t); }
bool node_empty(const Node* n) { return tag::basic_of(n->u.value_tt) == tag::t_nil; }
bool key_collectable(const Node* n) { return (n->u.key_tt & tag::collectable_bit) != 0; }
GCObject* key_object(const Node* n) { return key_collectable(n) ? n->u.key_payload.gc : nullptr; }
GCObject* value_object(const Value& v) { return v.is_collectable() ? v.as_gc() : nullptr; }
bool value_white(const Value& v) { return v.is_collectable() && is_white(v.as_gc()); }

// An empty entry keeps its node (chains and traversals stay intact) but no longer holds its key
// object alive: the key becomes dead.
void clear_key(Node* n) {
  if (key_collectable(n)) n->u.key_tt = tables::dead_key_tag;
}

void mark_key(GlobalState* g, Node* n) {
  if (key_collectable(n) && is_white(n->u.key_payload.gc)) mark_object(g, n->u.key_payload.gc);
}

// Whether a weak entry referring to o may be removed. Strings are values, never weak.
bool is_cleared(GlobalState* g, GCObject* o) {
  if (o == nullptr) return false;
  if (tag::basic_of(o->tt) == tag::t_string) {
    if (is_white(o)) mark_object(g, o);
    return false;
  }
  return is_white(o);
}

void traverse_weak_values(GlobalState* g, Table* t) {
  bool has_clears = t->array_size > 0;  // the array part may hold white values
  for (Node* n = t->node; n < nodes_end(t); n++) {
    if (node_empty(n)) {
      clear_key(n);
    } else {
      mark_key(g, n);
      if (!has_clears && is_cleared(g, value_object(n->value))) has_clears = true;
    }
  }
  if (g->gc_state == phase::atomic && has_clears) link_gray(t, &g->weak);
  else link_gray(t, &g->gray_again);
}

// Returns whether anything was marked (ephemeron convergence must go on).
bool traverse_ephemeron(GlobalState* g, Table* t, bool reverse) {
  bool marked = false, has_clears = false, has_white_white = false;
  unsigned int asize = tables::array_capacity(t);
  for (unsigned int i = 0; i < asize; i++) {
    if (value_white(t->array[i])) {
      marked = true;
      mark_object(g, t->array[i].as_gc());
    }
  }
  unsigned int nsize = tables::node_count(t);
  for (unsigned int i = 0; i < nsize; i++) {
    Node* n = reverse ? &t->node[nsize - 1 - i] : &t->node[i];
    if (node_empty(n)) {
      clear_key(n);
    } else if (is_cleared(g, key_object(n))) {
      has_clears = true;
      if (value_white(n->value)) has_white_white = true;
    } else if (value_white(n->value)) {
      marked = true;
      mark_object(g, n->value.as_gc());
    }
  }
  if (g->gc_state == phase::propagate) link_gray(t, &g->gray_again);
  else if (has_white_white) link_gray(t, &g->ephemeron);
  else if (has_clears) link_gray(t, &g->all_weak);
  return marked;
}

void traverse_strong_table(GlobalState* g, Table* t) {
  unsigned int asize = tables::array_capacity(t);
  for (unsigned int i = 0; i < asize; i++) mark_value(g, t->array[i]);
  for (Node* n = t->node; n < nodes_end(t); n++) {
    if (node_empty(n)) {
      clear_key(n);
    } else {
      mark_key(g, n);
      mark_value(g, n->value);
    }
  }
}

std::size_t traverse_table(GlobalState* g, Table* t) {
  mark_nullable(g, t->metatable);
  WeakMode mode = weak_mode(g, t);
  if (mode.keys && mode.values) link_gray(t, &g->all_weak);
  else if (mode.values) traverse_weak_values(g, t);
  else if (mode.keys) traverse_ephemeron(g, t, false);
  else traverse_strong_table(g, t);
  return 1 + t->array_size + 2 * tables::hash_size(t);
}

// ---- other kinds ---------------------------------------------------------------------------------
std::size_t traverse_udata(GlobalState* g, Udata* u) {
  mark_nullable(g, u->metatable);
  for (int i = 0; i < u->nuvalue; i++) mark_value(g, u->uv[i]);
  return 1 + u->nuvalue;
}

std::size_t traverse_proto(GlobalState* g, Proto* p) {
  mark_nullable(g, p->source);
  for (int i = 0; i < p->size_k; i++) mark_value(g, p->k[i]);
  for (int i = 0; i < p->size_upvalues; i++) mark_nullable(g, p->upvalues[i].name);
  for (int i = 0; i < p->size_p; i++) mark_nullable(g, p->p[i]);
  for (int i = 0; i < p->size_loc_vars; i++) mark_nullable(g, p->loc_vars[i].name);
  return 1 + static_cast<std::size_t>(p->size_k + p->size_upvalues + p->size_p + p->size_loc_vars);
}

std::size_t traverse_cclosure(GlobalState* g, CClosure* cl) {
  for (int i = 0; i < cl->nupvalues; i++) mark_value(g, cl->upvalue[i]);
  return 1 + cl->nupvalues;
}

std::size_t traverse_lclosure(GlobalState* g, LClosure* cl) {
  mark_nullable(g, cl->p);
  for (int i = 0; i < cl->nupvalues; i++) mark_nullable(g, cl->upvals[i]);
  return 1 + cl->nupvalues;
}

// Threads have no barriers: during propagation they go back to gray_again to be traversed again
// in the atomic phase, which also clears the dead part of the stack.
std::size_t traverse_thread(GlobalState* g, lua_State* th) {
  if (g->gc_state == phase::propagate) link_gray(th, &g->gray_again);
  if (th->stack == nullptr) return 1;  // not completely built yet
  for (StackId o = th->stack; o < th->top; o++) mark_value(g, *o);
  for (UpVal* uv = th->open_upval; uv != nullptr; uv = uv->u.open.next) mark_nullable(g, uv);
  if (g->gc_state == phase::atomic) {
    for (StackId o = th->top; o < th->stack_last + extra_stack; o++) o->set_nil();
    if (th->twups == th && th->open_upval != nullptr) {  // back into the list it may have left
      th->twups = g->twups;
      g->twups = th;
    }
  }
  return 1 + static_cast<std::size_t>(th->stack_last - th->stack);
}

std::size_t propagate_one(GlobalState* g) {
  GCObject* o = g->gray;
  o->marked |= mark::black;
  g->gray = *gc_list_of(o);
  switch (o->tt) {
    case tag::table: return traverse_table(g, static_cast<Table*>(o));
    case tag::userdata: return traverse_udata(g, static_cast<Udata*>(o));
    case tag::lua_closure: return traverse_lclosure(g, static_cast<LClosure*>(o));
    case tag::c_closure: return traverse_cclosure(g, static_cast<CClosure*>(o));
    case tag::proto: return traverse_proto(g, static_cast<Proto*>(o));
    case tag::thread: return traverse_thread(g, static_cast<lua_State*>(o));
    default: return 0;
  }
}

std::size_t propagate_all(GlobalState* g) {
  std::size_t work = 0;
  while (g->gray) work += propagate_one(g);
  return work;
}

void converge_ephemerons(GlobalState* g) {
  bool changed;
  bool reverse = false;
  do {
    GCObject* next = g->ephemeron;
    g->ephemeron = nullptr;
    changed = false;
    while (next != nullptr) {
      auto* t = static_cast<Table*>(next);
      next = t->gc_list;
      t->marked |= mark::black;  // out of the list for now
      if (traverse_ephemeron(g, t, reverse)) {
        propagate_all(g);
        changed = true;
      }
    }
    reverse = !reverse;  // alternate directions: chains of ephemerons converge faster
  } while (changed);
}

void clear_by_keys(GlobalState* g, GCObject* list) {
  for (; list; list = static_cast<Table*>(list)->gc_list) {
    auto* t = static_cast<Table*>(list);
    for (Node* n = t->node; n < nodes_end(t); n++) {
      if (is_cleared(g, key_object(n))) n->value.set_empty();
      if (node_empty(n)) clear_key(n);
    }
  }
}

void clear_by_values(GlobalState* g, GCObject* list, GCObject* stop_at) {
  for (; list != stop_at; list = static_cast<Table*>(list)->gc_list) {
    auto* t = static_cast<Table*>(list);
    unsigned int asize = tables::array_capacity(t);
    for (unsigned int i = 0; i < asize; i++)
      if (is_cleared(g, value_object(t->array[i]))) t->array[i].set_empty();
    for (Node* n = t->node; n < nodes_end(t); n++) {
      if (is_cleared(g, value_object(n->value))) n->value.set_empty();
      if (node_empty(n)) clear_key(n);
    }
  }
}

// For each unmarked thread (or one without upvalues), its open upvalues that were marked keep
// their values alive: the thread will not be traversed again, and the values would be lost.
std::size_t remark_upvalues(GlobalState* g) {
  std::size_t work = 0;
  lua_State** p = &g->twups;
  while (lua_State* th = *p) {
    work++;
    if (!is_white(th) && th->open_upval != nullptr) {
      p = &th->twups;
    } else {
      *p = th->twups;
      th->twups = th;  // out of the list
      for (UpVal* uv = th->open_upval; uv != nullptr; uv = uv->u.open.next) {
        work++;
        if (!is_white(uv)) mark_value(g, *uv->v.p);
      }
    }
  }
  return work;
}

void mark_roots(GlobalState* g) {
  g->gray = g->gray_again = nullptr;
  g->weak = g->all_weak = g->ephemeron = nullptr;
  mark_nullable(g, g->main_thread);
  mark_value(g, g->registry);
  for (Table* mt : g->metatables) mark_nullable(g, mt);
  mark_being_finalized(g);
}

std::size_t atomic(lua_State* L) {
  GlobalState* g = L->global;
  std::size_t work = 0;
  GCObject* gray_again = g->gray_again;
  g->gray_again = nullptr;
  g->gc_state = phase::atomic;
  mark_nullable(g, L);  // the running thread
  mark_value(g, g->registry);  // registry and type metatables may have changed through the API
  for (Table* mt : g->metatables) mark_nullable(g, mt);
  work += propagate_all(g);
  work += remark_upvalues(g);
  work += propagate_all(g);
  g->gray = gray_again;
  work += propagate_all(g);
  converge_ephemerons(g);
  // Everything strongly reachable is marked. Clear weak values before resurrecting finalizables.
  clear_by_values(g, g->weak, nullptr);
  clear_by_values(g, g->all_weak, nullptr);
  GCObject* original_weak = g->weak;
  GCObject* original_all = g->all_weak;
  separate_unreachable(g, false);
  work += mark_being_finalized(g);
  work += propagate_all(g);  // resurrection
  converge_ephemerons(g);
  clear_by_keys(g, g->ephemeron);
  clear_by_keys(g, g->all_weak);
  clear_by_values(g, g->weak, original_weak);  // tables reached only through resurrected objects
  clear_by_values(g, g->all_weak, original_all);
  strings::clear_cache(g);
  g->current_white ^= mark::whites;
  return work;
}

void enter_sweep(lua_State* L) {
  GlobalState* g = L->global;
  g->gc_state = phase::sweep_all;
  g->sweep_gc = sweep_to_live(L, &g->all_gc);
}

std::size_t sweep_step(lua_State* L, GlobalState* g, std::uint8_t next_state, GCObject** next_list) {
  if (g->sweep_gc) {
    std::ptrdiff_t old_debt = g->gc_debt;
    int count;
    g->sweep_gc = sweep_list(L, g->sweep_gc, sweep_max, &count);
    g->gc_estimate += static_cast<std::size_t>(g->gc_debt - old_debt);
    return static_cast<std::size_t>(count);
  }
  g->gc_state = next_state;
  g->sweep_gc = next_list;
  return 0;
}

void check_sizes(lua_State* L, GlobalState* g) {
  if (g->gc_emergency) return;
  if (g->strings.count < g->strings.size / 4) {
    std::ptrdiff_t old_debt = g->gc_debt;
    strings::resize_table(L, g->strings.size / 2);
    g->gc_estimate += static_cast<std::size_t>(g->gc_debt - old_debt);
  }
}

std::size_t single_step(lua_State* L) {
  GlobalState* g = L->global;
  std::size_t work = 0;
  g->gc_stop_em = 1;  // no emergency collections while collecting
  switch (g->gc_state) {
    case phase::pause:
      mark_roots(g);
      g->gc_state = phase::propagate;
      work = 1;
      break;
    case phase::propagate:
      if (g->gray == nullptr) g->gc_state = phase::enter_atomic;
      else work = propagate_one(g);
      break;
    case phase::enter_atomic:
      work = atomic(L);
      enter_sweep(L);
      g->gc_estimate = in_use(g);
      break;
    case phase::sweep_all: work = sweep_step(L, g, phase::sweep_finobj, &g->finobj); break;
    case phase::sweep_finobj: work = sweep_step(L, g, phase::sweep_tobefnz, &g->tobefnz); break;
    case phase::sweep_tobefnz: work = sweep_step(L, g, phase::sweep_end, nullptr); break;
    case phase::sweep_end:
      check_sizes(L, g);
      g->gc_state = phase::call_fin;
      break;
    case phase::call_fin:
      if (g->tobefnz && !g->gc_emergency) {
        g->gc_stop_em = 0;  // finalizers may allocate freely
        work = static_cast<std::size_t>(run_finalizers(L, finalizers_per_step) * finalizer_cost);
      } else {
        g->gc_state = phase::pause;
      }
      break;
    default: break;
  }
  g->gc_stop_em = 0;
  return work;
}

void run_until(lua_State* L, std::uint8_t state) {
  while (L->global->gc_state != state) single_step(L);
}

// Wait until memory use reaches estimate * pause / 100 before starting the next cycle.
void set_pause_threshold(GlobalState* g) {
  std::ptrdiff_t pause = g->gc_pause * 4;
  std::ptrdiff_t estimate = static_cast<std::ptrdiff_t>(g->gc_estimate) / pause_adjust;
  if (estimate <= 0) estimate = 1;
  std::ptrdiff_t threshold = (pause < max_mem / estimate) ? estimate * pause : max_mem;
  std::ptrdiff_t debt = static_cast<std::ptrdiff_t>(in_use(g)) - threshold;
  if (debt > 0) debt = 0;
  if (g->gc_stress) debt = 1;  // stress mode: every safe point collects
  set_debt(g, debt);
}

void incremental_step(lua_State* L, GlobalState* g) {
  std::ptrdiff_t step_mul = (g->gc_step_mul * 4) | 1;
  std::ptrdiff_t debt = (g->gc_debt / work_to_bytes) * step_mul;
  std::ptrdiff_t step_size = g->gc_step_size <= 61
                                 ? ((std::ptrdiff_t{1} << g->gc_step_size) / work_to_bytes) * step_mul
                                 : max_mem;
  do {
    debt -= static_cast<std::ptrdiff_t>(single_step(L));
  } while (debt > -step_size && g->gc_state != phase::pause);
  if (g->gc_state == phase::pause) {
    set_pause_threshold(g);
  } else {
    set_debt(g, (debt / step_mul) * work_to_bytes);
  }
}

void full_incremental(lua_State* L, GlobalState* g) {
  if (keeps_invariant(g)) enter_sweep(L);  // sweep everything back to white
  run_until(L, phase::pause);
  run_until(L, phase::propagate);  // start a new cycle
  g->gc_state = phase::enter_atomic;  // and go straight to the atomic phase
  run_until(L, phase::call_fin);
  run_until(L, phase::pause);
  set_pause_threshold(g);
}

}  // namespace

namespace detail {

void mark_object(GlobalState* g, GCObject* o) {
  switch (o->tt) {
    case tag::short_string:
    case tag::long_string: set_black(o); break;
    case tag::upval: {
      auto* uv = static_cast<UpVal*>(o);
      if (uv->is_open()) set_gray(uv);  // kept gray: their values are revisited through the thread
      else set_black(uv);
      mark_value(g, *uv->v.p);
      break;
    }
    case tag::userdata: {
      auto* u = static_cast<Udata*>(o);
      if (u->nuvalue == 0) {
        mark_nullable(g, u->metatable);
        set_black(u);
        break;
      }
      link_gray(o, &g->gray);
      break;
    }
    default: link_gray(o, &g->gray); break;
  }
}

void free_object(lua_State* L, GCObject* o) {
  switch (o->tt) {
    case tag::proto: functions::free_proto(L, static_cast<Proto*>(o)); break;
    case tag::upval: functions::free_upval(L, static_cast<UpVal*>(o)); break;
    case tag::lua_closure: {
      auto* cl = static_cast<LClosure*>(o);
      mem_free(L, cl, sizes::lclosure_bytes(cl->nupvalues));
      break;
    }
    case tag::c_closure: {
      auto* cl = static_cast<CClosure*>(o);
      mem_free(L, cl, sizes::cclosure_bytes(cl->nupvalues));
      break;
    }
    case tag::table: tables::free_table(L, static_cast<Table*>(o)); break;
    case tag::thread: state::free_thread(L, static_cast<lua_State*>(o)); break;
    case tag::userdata: {
      auto* u = static_cast<Udata*>(o);
      mem_free(L, u, Udata::memory_offset(u->nuvalue) + u->len);
      break;
    }
    case tag::short_string: {
      auto* s = static_cast<String*>(o);
      strings::remove_dead(L, s);
      mem_free(L, s, sizes::string_bytes(s->short_len));
      break;
    }
    case tag::long_string: {
      auto* s = static_cast<String*>(o);
      mem_free(L, s, sizes::string_bytes(s->u.long_len));
      break;
    }
    default: break;
  }
}

GCObject** sweep_list(lua_State* L, GCObject** p, int budget, int* visited) {
  GlobalState* g = L->global;
  const std::uint8_t other_white = (g->current_white ^ mark::whites) & mark::whites;
  const std::uint8_t white = current_white(g);
  int i = 0;
  for (; *p != nullptr && i < budget; i++) {
    GCObject* curr = *p;
    if (curr->marked & other_white) {  // dead
      *p = curr->next;
      free_object(L, curr);
    } else {
      curr->marked = static_cast<std::uint8_t>((curr->marked & ~mark::colors) | white);
      p = &curr->next;
    }
  }
  if (visited) *visited = i;
  return *p == nullptr ? nullptr : p;
}

GCObject** sweep_to_live(lua_State* L, GCObject** p) {
  GCObject** old = p;
  do {
    p = sweep_list(L, p, 1, nullptr);
  } while (p == old);
  return p;
}

}  // namespace detail

// ---- public entry points ---------------------------------------------------------------------------

void step(lua_State* L) {
  GlobalState* g = L->global;
  if (!is_running(g)) {
    set_debt(g, -2000);
    return;
  }
  incremental_step(L, g);
}

void check_slow(lua_State* L) {
  GlobalState* g = L->global;
  if (g->gc_stress) {
    if (is_running(g)) full(L, false);
    set_debt(g, 1);  // collect again at the next safe point
    return;
  }
  step(L);
}

void full(lua_State* L, bool emergency) {
  GlobalState* g = L->global;
  g->gc_emergency = emergency ? 1 : 0;
  full_incremental(L, g);
  g->gc_emergency = 0;
}

bool step_api(lua_State* L, int kb) {
  GlobalState* g = L->global;
  std::ptrdiff_t debt = 1;  // 1: an actual step was done
  std::uint8_t old_stop = g->gc_stp;
  g->gc_stp = 0;  // allow the collector to run for this call
  if (kb == 0) {
    set_debt(g, 0);
    step(L);
  } else {
    debt = static_cast<std::ptrdiff_t>(kb) * 1024 + g->gc_debt;
    set_debt(g, debt);
    if (g->gc_debt > 0) step(L);
  }
  g->gc_stp = old_stop;
  return debt > 0 && g->gc_state == phase::pause;
}

GcKind set_incremental(lua_State* L) {
  GlobalState* g = L->global;
  GcKind previous = g->gc_kind;
  g->gc_kind = GcKind::incremental;
  return previous;
}

// The generational mode is accepted and reported, but collections remain incremental cycles.
GcKind set_generational(lua_State* L) {
  GlobalState* g = L->global;
  GcKind previous = g->gc_kind;
  g->gc_kind = GcKind::generational;
  return previous;
}

namespace {
// Stores a collector parameter the way 5.4 does (some in units of 4, in a byte); 0 keeps it.
int exchange_parameter(std::uint8_t& field, int value, int unit) {
  int previous = field * unit;
  if (value != 0) field = static_cast<std::uint8_t>(value / unit);
  return previous;
}
}  // namespace

int set_pause(GlobalState* g, int pause) { return exchange_parameter(g->gc_pause, pause, 4); }
int set_step_mul(GlobalState* g, int step_mul) { return exchange_parameter(g->gc_step_mul, step_mul, 4); }
int set_step_size(GlobalState* g, int step_size) {
  return exchange_parameter(g->gc_step_size, step_size, 1);
}
int set_gen_minor_mul(GlobalState* g, int minor_mul) {
  return exchange_parameter(g->gen_minor_mul, minor_mul, 1);
}
int set_gen_major_mul(GlobalState* g, int major_mul) {
  return exchange_parameter(g->gen_major_mul, major_mul, 4);
}

bool stress_enabled(const GlobalState* g) { return g->gc_stress != 0; }

void fix_object(lua_State* L, GCObject* o) {
  GlobalState* g = L->global;
  GCObject** p = &g->all_gc;
  while (*p != nullptr && *p != o) p = &(*p)->next;
  if (*p == nullptr) return;  // already fixed
  *p = o->next;
  set_gray(o);  // gray forever: never collected, never the source of a barrier
  o->next = g->fixed_gc;
  g->fixed_gc = o;
}

void barrier_forward(lua_State* L, GCObject* o, GCObject* v) {
  GlobalState* g = L->global;
  if (keeps_invariant(g)) mark_object(g, v);
  else make_white(g, o);  // sweep phase: whiten o to avoid more barriers on it
}

void barrier_back_slow(lua_State* L, GCObject* o) {
  GlobalState* g = L->global;
  link_gray(o, &g->gray_again);
}

}  // namespace luna::gc
