// The collector: reachability, weak tables and ephemerons, finalizer order and resurrection,
// errors in __gc as warnings, barriers during incremental cycles, pacing entry points, emergency
// collections, stress mode.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "object/functions.h"
#include "object/userdata.h"
#include "runtime/error.h"
#include "../object/test_support.h"

namespace luna::testing {
namespace {

std::vector<GCObject*> finalized;  // objects in the order their finalizers ran

int record_finalizer(lua_State* L) {
  finalized.push_back((L->top - 1)->as_gc());
  return 0;
}

int resurrecting_finalizer(lua_State* L) {
  finalized.push_back((L->top - 1)->as_gc());
  Table* registry = as_table(L->global->registry);
  Value key;
  set_string(key, strings::new_string(L, "saved"));
  tables::set(L, registry, key, *(L->top - 1));
  return 0;
}

int failing_finalizer(lua_State* L) {
  set_string(*L->top, strings::new_string(L, "boom"));
  L->top++;
  runtime::raise(L, 2);
}

class Collector : public ::testing::Test, public StateFixture {
 protected:
  void SetUp() override { finalized.clear(); }

  Table* anchored_table() {
    Table* t = tables::new_table(L);
    push(tval(t));
    return t;
  }
  Table* weak_table(const char* mode) {
    Table* t = anchored_table();
    Table* mt = tables::new_table(L);
    t->metatable = mt;
    tables::set(L, mt, sval("__mode"), sval(mode));
    return t;
  }
  // A table whose metatable has __gc = f, registered for finalization (as setmetatable does).
  Table* finalizable(lua_CFunction f) {
    Table* t = tables::new_table(L);
    push(tval(t));
    Table* mt = tables::new_table(L);
    Value fn;
    fn.set_cfunction(f);
    tables::set(L, mt, sval("__gc"), fn);
    t->metatable = mt;
    gc::check_finalizer(L, t, mt);
    pop();
    return t;
  }
  std::size_t in_use() const { return gc::in_use(L->global); }
  // Memory in use without the string table's bucket vector (which shrinks over several cycles).
  std::size_t objects_in_use() const {
    return in_use() - static_cast<std::size_t>(L->global->strings.size) * sizeof(String*);
  }
  // One collector step per step_api(L, 0) call, to observe the phases.
  void single_steps() { L->global->gc_step_size = 0; }
  Value registry_field(const char* name) {
    return *tables::get(as_table(L->global->registry), sval(name));
  }
};

TEST_F(Collector, UnreachableObjectsAreFreed) {
  gc::full(L, false);
  std::size_t baseline = objects_in_use();
  for (int i = 0; i < 1000; i++) {
    Table* t = tables::new_table(L);
    tables::set_int(L, t, 1, sval("value " + std::to_string(i)));
    functions::new_cclosure(L, 3);
    userdata::new_udata(L, 64, 2);
  }
  EXPECT_GT(objects_in_use(), baseline + 1000 * sizeof(Table));
  gc::full(L, false);
  EXPECT_EQ(objects_in_use(), baseline);
  EXPECT_EQ(in_use(), allocator.live);
}

TEST_F(Collector, ReachableObjectsSurvive) {
  Table* root = anchored_table();
  Table* chain = root;
  for (int i = 0; i < 100; i++) {
    Table* next = tables::new_table(L);
    tables::set(L, chain, sval("next"), tval(next));
    tables::set_int(L, next, 1, sval("payload " + std::to_string(i)));
    chain = next;
  }
  Table* globals = as_table(*tables::get_int(as_table(L->global->registry), state::ridx_globals));
  Udata* u = userdata::new_udata(L, 16, 1);
  Value uv;
  set_udata(uv, u);
  tables::set(L, globals, sval("ud"), uv);
  u->uv[0] = sval("user value");
  gc::full(L, false);
  gc::full(L, false);
  chain = root;
  for (int i = 0; i < 100; i++) {
    chain = as_table(*tables::get(chain, sval("next")));
    ASSERT_EQ(std::string(as_string(*tables::get_int(chain, 1))->chars()), "payload " + std::to_string(i));
  }
  EXPECT_STREQ(as_string(u->uv[0])->chars(), "user value");
}

TEST_F(Collector, WeakValuesAreCleared) {
  Table* t = weak_table("v");
  Table* kept = anchored_table();
  tables::set_int(L, t, 1, tval(tables::new_table(L)));  // only weakly referenced
  tables::set_int(L, t, 2, tval(kept));
  tables::set_int(L, t, 3, sval("strings are values"));
  tables::set_int(L, t, 4, ival(42));
  tables::set(L, t, sval("k"), tval(tables::new_table(L)));
  gc::full(L, false);
  EXPECT_TRUE(tables::get_int(t, 1)->is_nil());
  EXPECT_TRUE(tables::get_int(t, 2)->is_table());
  EXPECT_TRUE(tables::get_int(t, 3)->is_string());
  EXPECT_EQ(tables::get_int(t, 4)->as_int(), 42);
  EXPECT_TRUE(tables::get(t, sval("k"))->is_nil());
}

TEST_F(Collector, WeakKeysAreCleared) {
  Table* t = weak_table("k");
  Table* kept = anchored_table();
  tables::set(L, t, tval(tables::new_table(L)), ival(1));
  tables::set(L, t, tval(kept), ival(2));
  tables::set(L, t, sval("string key"), ival(3));
  gc::full(L, false);
  int count = 0;
  Value kv[2];
  kv[0].set_nil();
  while (tables::next(L, t, kv)) count++;
  EXPECT_EQ(count, 2);
  EXPECT_EQ(tables::get(t, tval(kept))->as_int(), 2);
  EXPECT_EQ(tables::get(t, sval("string key"))->as_int(), 3);
}

TEST_F(Collector, FullyWeakTable) {
  Table* t = weak_table("kv");
  Table* kept = anchored_table();
  tables::set(L, t, tval(tables::new_table(L)), tval(kept));  // dead key
  tables::set(L, t, tval(kept), tval(tables::new_table(L)));  // dead value
  tables::set(L, t, tval(kept), tval(kept));
  tables::set(L, t, sval("x"), tval(kept));
  gc::full(L, false);
  int count = 0;
  Value kv[2];
  kv[0].set_nil();
  while (tables::next(L, t, kv)) count++;
  EXPECT_EQ(count, 2);
}

TEST_F(Collector, EphemeronValueReferringToItsKeyDoesNotKeepIt) {
  Table* e = weak_table("k");
  Table* key = tables::new_table(L);
  Table* value = tables::new_table(L);
  tables::set(L, value, sval("back"), tval(key));
  tables::set(L, e, tval(key), tval(value));
  // A cycle through two entries: k1 -> k2, k2 -> k1.
  Table* k1 = tables::new_table(L);
  Table* k2 = tables::new_table(L);
  tables::set(L, e, tval(k1), tval(k2));
  tables::set(L, e, tval(k2), tval(k1));
  gc::full(L, false);
  Value kv[2];
  kv[0].set_nil();
  EXPECT_FALSE(tables::next(L, e, kv));
}

TEST_F(Collector, EphemeronChainsConverge) {
  Table* e = weak_table("k");
  Table* root = anchored_table();
  // root -> a -> b -> ... only through ephemeron entries, inserted in an order that needs
  // several convergence rounds.
  std::vector<Table*> keys{root};
  for (int i = 0; i < 20; i++) keys.push_back(tables::new_table(L));
  for (int i = 20; i >= 1; i--) tables::set(L, e, tval(keys[i - 1]), tval(keys[i]));
  Table* orphan = tables::new_table(L);
  tables::set(L, e, tval(orphan), sval("gone"));
  gc::full(L, false);
  Table* k = root;
  for (int i = 1; i <= 20; i++) {
    const Value* v = tables::get(e, tval(k));
    ASSERT_TRUE(v->is_table()) << i;
    k = as_table(*v);
  }
  int count = 0;
  Value kv[2];
  kv[0].set_nil();
  while (tables::next(L, e, kv)) count++;
  EXPECT_EQ(count, 20);
}

TEST_F(Collector, FinalizersRunInReverseRegistrationOrder) {
  Table* a = finalizable(record_finalizer);
  Table* b = finalizable(record_finalizer);
  Table* c = finalizable(record_finalizer);
  gc::full(L, false);
  ASSERT_EQ(finalized.size(), 3u);
  EXPECT_EQ(finalized[0], c);
  EXPECT_EQ(finalized[1], b);
  EXPECT_EQ(finalized[2], a);
  gc::full(L, false);  // finalized objects are now ordinary garbage: freed, not finalized again
  EXPECT_EQ(finalized.size(), 3u);
}

TEST_F(Collector, ReachableFinalizableObjectsAreNotFinalized) {
  Table* t = finalizable(record_finalizer);
  push(tval(t));
  gc::full(L, false);
  EXPECT_TRUE(finalized.empty());
  pop();
  gc::full(L, false);
  EXPECT_EQ(finalized.size(), 1u);
}

TEST_F(Collector, ResurrectedObjectKeepsWhatItReferences) {
  Table* t = finalizable(resurrecting_finalizer);
  Table* inner = tables::new_table(L);
  tables::set(L, t, sval("inner"), tval(inner));
  tables::set_int(L, inner, 1, sval("still here"));
  gc::full(L, false);
  ASSERT_EQ(finalized.size(), 1u);
  Value saved = registry_field("saved");
  ASSERT_TRUE(saved.is_table());
  EXPECT_EQ(as_table(saved), t);
  Table* got = as_table(*tables::get(as_table(saved), sval("inner")));
  EXPECT_STREQ(as_string(*tables::get_int(got, 1))->chars(), "still here");
  gc::full(L, false);
  EXPECT_EQ(finalized.size(), 1u);  // finalizers run once
  EXPECT_TRUE(registry_field("saved").is_table());
}

TEST_F(Collector, UserdataFinalizerAndMetatable) {
  Udata* u = userdata::new_udata(L, 24, 0);
  Value uv;
  set_udata(uv, u);
  push(uv);
  Table* mt = tables::new_table(L);
  Value fn;
  fn.set_cfunction(record_finalizer);
  tables::set(L, mt, sval("__gc"), fn);
  u->metatable = mt;
  gc::check_finalizer(L, u, mt);
  pop();
  gc::full(L, false);
  ASSERT_EQ(finalized.size(), 1u);
  EXPECT_EQ(finalized[0], u);
}

std::string warnings;
void capture_warning(void*, const char* msg, int tocont) {
  warnings += msg;
  if (!tocont) warnings += "|";
}

TEST_F(Collector, ErrorInFinalizerBecomesWarning) {
  warnings.clear();
  L->global->warnf = capture_warning;
  finalizable(failing_finalizer);
  StackId top = L->top;
  gc::full(L, false);
  EXPECT_EQ(warnings, "error in __gc (boom)|");
  EXPECT_EQ(L->top, top);
}

TEST_F(Collector, MetatableWithoutGcDoesNotRegister) {
  Table* t = anchored_table();
  Table* mt = tables::new_table(L);
  t->metatable = mt;
  gc::check_finalizer(L, t, mt);
  EXPECT_EQ(L->global->finobj, nullptr);
}

TEST_F(Collector, BackwardBarrierDuringIncrementalCycle) {
  Table* t = anchored_table();
  gc::full(L, false);
  GlobalState* g = L->global;
  single_steps();
  // Run the cycle until t has been traversed (black) and marking is still going on.
  while (!(g->gc_state == gc::phase::propagate && gc::is_black(t))) gc::step_api(L, 0);
  // A new (white) object stored in a black table must survive the cycle.
  tables::set(L, t, sval("fresh"), tval(tables::new_table(L)));
  tables::set_int(L, as_table(*tables::get(t, sval("fresh"))), 1, sval("deep"));
  while (!gc::step_api(L, 0)) {
  }
  gc::full(L, false);
  Table* fresh = as_table(*tables::get(t, sval("fresh")));
  EXPECT_STREQ(as_string(*tables::get_int(fresh, 1))->chars(), "deep");
}

TEST_F(Collector, ForwardBarrierForClosureUpvalues) {
  CClosure* cl = functions::new_cclosure(L, 1);
  Value v;
  set_cclosure(v, cl);
  push(v);
  GlobalState* g = L->global;
  gc::full(L, false);
  single_steps();
  while (!(g->gc_state == gc::phase::propagate && gc::is_black(cl))) gc::step_api(L, 0);
  Table* fresh = tables::new_table(L);
  set_table(cl->upvalue[0], fresh);
  gc::barrier(L, cl, cl->upvalue[0]);
  tables::set_int(L, fresh, 1, sval("kept by barrier"));
  while (!gc::step_api(L, 0)) {
  }
  EXPECT_STREQ(as_string(*tables::get_int(fresh, 1))->chars(), "kept by barrier");
}

TEST_F(Collector, ClosedUpvaluesKeepValues) {
  LClosure* cl = functions::new_lclosure(L, 2);
  Value v;
  set_lclosure(v, cl);
  push(v);
  functions::init_upvalues(L, cl);
  set_table(*cl->upvals[0]->v.p, tables::new_table(L));
  gc::barrier(L, cl->upvals[0], *cl->upvals[0]->v.p);
  Proto* p = functions::new_proto(L);
  cl->p = p;
  gc::full(L, false);
  EXPECT_TRUE(cl->upvals[0]->v.p->is_table());
  EXPECT_TRUE(cl->upvals[1]->v.p->is_nil());
  EXPECT_FALSE(cl->upvals[0]->is_open());
}

// An upvalue marked while open is gray and in no gray list; the value it receives when it is
// closed must be marked by the barrier, or the cycle frees it while the upvalue still refers to it.
TEST_F(Collector, UpvalueMarkedOpenKeepsTheValueItReceivesWhenClosed) {
  LClosure* cl = functions::new_lclosure(L, 1);
  Value v;
  set_lclosure(v, cl);
  push(v);
  StackId slot = L->top;  // a local variable the closure captures
  L->top->set_nil();
  L->top++;
  UpVal* uv = functions::find_upval(L, slot);
  cl->upvals[0] = uv;
  GlobalState* g = L->global;
  gc::full(L, false);
  single_steps();
  while (!(g->gc_state == gc::phase::propagate && gc::is_black(cl) && !gc::is_white(uv)))
    gc::step_api(L, 0);
  Table* fresh = finalizable(record_finalizer);  // white, and reports if it is found unreachable
  set_table(*slot, fresh);
  functions::close_upvals(L, slot);
  pop();  // the variable goes out of scope: only the closed upvalue refers to the table
  while (!gc::step_api(L, 0)) {
  }
  EXPECT_TRUE(finalized.empty());
  ASSERT_TRUE(uv->v.p->is_table());
  EXPECT_EQ(as_table(*uv->v.p), fresh);
}

TEST_F(Collector, StepApiFinishesCycles) {
  for (int i = 0; i < 200; i++) tables::new_table(L);
  single_steps();
  int steps = 0;
  while (!gc::step_api(L, 0)) steps++;
  EXPECT_GT(steps, 0);
  EXPECT_EQ(L->global->gc_state, gc::phase::pause);
  EXPECT_TRUE(gc::step_api(L, 100000));  // a large step completes a whole cycle
}

TEST_F(Collector, IncrementalStepsCollectGarbage) {
  gc::full(L, false);
  std::size_t baseline = in_use();
  Table* keep = anchored_table();
  for (int round = 0; round < 200; round++) {
    for (int i = 0; i < 100; i++) {
      Table* t = tables::new_table(L);
      tables::set_int(L, t, 1, ival(i));
      if (i == 0) tables::set_int(L, keep, round + 1, tval(t));
      gc::check(L);
    }
  }
  // Memory stays bounded (about pause% of the live data), far below all that was allocated.
  EXPECT_LT(in_use(), baseline + 200 * 100 * sizeof(Table) / 4);
  for (int round = 0; round < 200; round++) ASSERT_TRUE(tables::get_int(keep, round + 1)->is_table());
}

TEST_F(Collector, StopAndRestart) {
  GlobalState* g = L->global;
  g->gc_stp |= gc::stop::user;
  std::size_t before = in_use();
  for (int i = 0; i < 5000; i++) {
    tables::new_table(L);
    gc::check(L);
  }
  EXPECT_GE(in_use(), before + 5000 * sizeof(Table));
  g->gc_stp &= static_cast<std::uint8_t>(~gc::stop::user);
  gc::full(L, false);
  EXPECT_LE(in_use(), before);
}

TEST_F(Collector, ParametersReturnPreviousValues) {
  GlobalState* g = L->global;
  EXPECT_EQ(gc::set_pause(g, 150), 200);
  EXPECT_EQ(gc::set_pause(g, 200), 148);  // stored in units of 4, as 5.4
  EXPECT_EQ(gc::set_step_mul(g, 400), 100);
  EXPECT_EQ(gc::set_step_mul(g, 100), 400);
  EXPECT_EQ(gc::set_step_size(g, 10), 13);
  EXPECT_EQ(gc::set_gen_minor_mul(g, 30), 20);
  EXPECT_EQ(gc::set_gen_major_mul(g, 200), 100);
  EXPECT_EQ(gc::set_pause(g, 0), 200);  // 0 keeps the current value (lua_gc LUA_GCINC)
  EXPECT_EQ(gc::set_pause(g, 0), 200);
  EXPECT_EQ(gc::set_generational(L), GcKind::incremental);
  EXPECT_EQ(gc::set_generational(L), GcKind::generational);
  tables::new_table(L);
  gc::full(L, false);  // still collects in this mode
  EXPECT_EQ(gc::set_incremental(L), GcKind::generational);
  EXPECT_EQ(gc::set_incremental(L), GcKind::incremental);
}

TEST_F(Collector, CountIsExactInKilobytes) {
  std::size_t bytes = in_use();
  EXPECT_DOUBLE_EQ(gc::count_kb(L->global), static_cast<double>(bytes) / 1024.0);
  EXPECT_EQ(bytes, allocator.live);
}

TEST_F(Collector, EmergencyCollectionOnAllocationFailure) {
  gc::full(L, false);
  std::size_t baseline = in_use();
  for (int i = 0; i < 100; i++) tables::new_table(L);  // garbage
  EXPECT_GT(in_use(), baseline);
  allocator.fail_after = 0;  // the next allocation fails...
  struct Once {
    static void* alloc(void* ud, void* ptr, std::size_t osize, std::size_t nsize) {
      auto* a = static_cast<CountingAllocator*>(ud);
      if (nsize > 0 && a->fail_after == 0) {
        a->fail_after = -1;  // ...only once
        return nullptr;
      }
      return CountingAllocator::alloc(ud, ptr, osize, nsize);
    }
  };
  L->global->frealloc = Once::alloc;
  Table* t = tables::new_table(L);  // succeeds after the emergency collection
  push(tval(t));
  L->global->frealloc = CountingAllocator::alloc;
  EXPECT_LE(in_use(), baseline + sizeof(Table));
}

TEST_F(Collector, PersistentAllocationFailureRaisesMemoryError) {
  allocator.fail_after = 0;
  struct Args {
    lua_State* L;
  } args{L};
  int status = runtime::run_protected(
      L, [](lua_State* L1, void*) { tables::new_table(L1); }, &args);
  allocator.fail_after = -1;
  EXPECT_EQ(status, 4);  // LUA_ERRMEM
}

TEST_F(Collector, DeadThreadsAndTheirStacksAreFreed) {
  gc::full(L, false);
  std::size_t baseline = in_use();
  lua_State* co = state::new_thread(L);
  Table* on_stack = tables::new_table(L);
  set_table(*co->top++, on_stack);
  tables::set_int(L, on_stack, 1, sval("held by the coroutine"));
  gc::full(L, false);
  EXPECT_STREQ(as_string(*tables::get_int(on_stack, 1))->chars(), "held by the coroutine");
  pop();  // the thread was anchored on L's stack
  gc::full(L, false);
  EXPECT_EQ(in_use(), baseline);
}

TEST_F(Collector, StressModeCollectsAtEverySafePoint) {
  GlobalState* g = L->global;
  g->gc_stress = 1;
  gc::set_debt(g, 1);
  Table* keep = anchored_table();
  std::size_t after_first = 0;
  for (int i = 0; i < 300; i++) {
    Table* t = tables::new_table(L);
    tables::set_int(L, t, 1, sval("item " + std::to_string(i)));
    if (i % 3 == 0) tables::set_int(L, keep, i + 1, tval(t));
    gc::check(L);  // full collection: the unanchored table is gone right away
    if (i == 0) after_first = in_use();
  }
  int alive = 0;
  for (int i = 0; i < 300; i++)
    if (i % 3 == 0) {
      ASSERT_EQ(std::string(as_string(*tables::get_int(as_table(*tables::get_int(keep, i + 1)), 1))->chars()),
                "item " + std::to_string(i));
      alive++;
    }
  EXPECT_EQ(alive, 100);
  EXPECT_GT(after_first, 0u);
  EXPECT_EQ(in_use(), allocator.live);
  g->gc_stress = 0;
}

TEST_F(Collector, CloseRunsPendingFinalizers) {
  CountingAllocator a;
  lua_State* L2 = state::new_state(&CountingAllocator::alloc, &a);
  ASSERT_NE(L2, nullptr);
  finalized.clear();
  Table* reg = as_table(L2->global->registry);
  for (int i = 0; i < 3; i++) {
    Table* t = tables::new_table(L2);
    Value tv;
    set_table(tv, t);
    tables::set_int(L2, reg, 10 + i, tv);  // reachable until the end
    Table* mt = tables::new_table(L2);
    Value fn, key;
    fn.set_cfunction(record_finalizer);
    set_string(key, strings::new_string(L2, "__gc"));
    tables::set(L2, mt, key, fn);
    t->metatable = mt;
    gc::check_finalizer(L2, t, mt);
  }
  state::close_state(L2);
  EXPECT_EQ(finalized.size(), 3u);
  EXPECT_EQ(a.live, 0u);
}

}  // namespace
}  // namespace luna::testing
