// State creation/destruction: registry layout, fixed strings, memory accounting, threads.
#include <gtest/gtest.h>

#include <cstring>

#include "object/metamethods.h"
#include "test_support.h"

namespace luna::testing {
namespace {

TEST(State, RegistryHoldsMainThreadAndGlobals) {
  StateFixture f;
  ASSERT_NE(f.L, nullptr);
  GlobalState* g = f.L->global;
  ASSERT_TRUE(g->registry.is_table());
  Table* registry = as_table(g->registry);
  const Value* main = tables::get_int(registry, state::ridx_main_thread);
  ASSERT_TRUE(main->is_thread());
  EXPECT_EQ(as_thread(*main), f.L);
  const Value* globals = tables::get_int(registry, state::ridx_globals);
  EXPECT_TRUE(globals->is_table());
  EXPECT_TRUE(g->nil_value.is_strict_nil());
}

TEST(State, EventNamesInOrderAndFixed) {
  StateFixture f;
  GlobalState* g = f.L->global;
  EXPECT_STREQ(g->tm_name[0]->chars(), "__index");
  EXPECT_STREQ(g->tm_name[static_cast<int>(Event::Eq)]->chars(), "__eq");
  EXPECT_STREQ(g->tm_name[static_cast<int>(Event::Concat)]->chars(), "__concat");
  EXPECT_STREQ(g->tm_name[event_count - 1]->chars(), "__close");
  EXPECT_STREQ(g->memory_error_msg->chars(), "not enough memory");
  gc::full(f.L, false);
  gc::full(f.L, false);
  // Still the same interned objects after collections.
  EXPECT_EQ(f.str("__index"), g->tm_name[0]);
  EXPECT_EQ(f.str("not enough memory"), g->memory_error_msg);
}

TEST(State, StackAndBaseFrame) {
  StateFixture f;
  lua_State* L = f.L;
  EXPECT_EQ(L->ci, &L->base_ci);
  EXPECT_EQ(L->stack_last - L->stack, basic_stack_size);
  EXPECT_EQ(L->top, L->stack + 1);
  EXPECT_EQ(L->base_ci.func, L->stack);
  EXPECT_TRUE(L->base_ci.call_status & cist::c);
}

TEST(State, AccountingMatchesAllocator) {
  StateFixture f;
  EXPECT_EQ(gc::in_use(f.L->global), f.allocator.live);
  Table* t = tables::new_table(f.L);
  f.push(f.tval(t));
  for (int i = 1; i <= 100; i++) tables::set_int(f.L, t, i, ival(i));
  EXPECT_EQ(gc::in_use(f.L->global), f.allocator.live);
  double kb = gc::count_kb(f.L->global);
  EXPECT_DOUBLE_EQ(kb * 1024.0, static_cast<double>(f.allocator.live));
}

TEST(State, CloseFreesEverything) {
  CountingAllocator a;
  lua_State* L = state::new_state(&CountingAllocator::alloc, &a);
  ASSERT_NE(L, nullptr);
  for (int i = 0; i < 50; i++) {
    Table* t = tables::new_table(L);
    tables::set(L, t, Value::from_int(1), Value::from_bool(true));
    strings::new_string(L, "a long string that is definitely longer than forty bytes!!");
  }
  state::close_state(L);
  EXPECT_EQ(a.live, 0u);
}

TEST(State, AllocationFailureAtCreationReturnsNull) {
  for (long n = 0; n < 12; n++) {
    CountingAllocator a;
    a.fail_after = n;
    lua_State* L = state::new_state(&CountingAllocator::alloc, &a);
    if (L) state::close_state(L);
    EXPECT_EQ(a.live, 0u) << "after " << n << " allocations";
  }
}

TEST(State, ThreadsShareGlobalAndCopyExtraSpace) {
  StateFixture f;
  void* marker = &f;
  std::memcpy(state::extra_space_of(f.L), &marker, sizeof marker);
  StackId before = f.L->top;
  lua_State* co = state::new_thread(f.L);
  EXPECT_EQ(f.L->top, before + 1);
  EXPECT_TRUE(before->is_thread());
  EXPECT_EQ(co->global, f.L->global);
  void* copied;
  std::memcpy(&copied, state::extra_space_of(co), sizeof copied);
  EXPECT_EQ(copied, marker);
  EXPECT_EQ(co->stack_last - co->stack, basic_stack_size);
  std::size_t with_thread = gc::in_use(f.L->global);
  f.pop();
  gc::full(f.L, false);
  EXPECT_LT(gc::in_use(f.L->global), with_thread);
}

}  // namespace
}  // namespace luna::testing
