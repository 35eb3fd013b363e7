// Tables: keys of every kind, float normalisation, array/hash migration, `#` borders, `next`,
// resize, metamethod cache. Expected borders and traversal orders of the "Reference" tests were
// produced by running the same assignments under Lua 5.4 (lua5.4 -e ...), see each comment.
#include <gtest/gtest.h>

#include <cmath>
#include <csetjmp>
#include <cstring>
#include <string>
#include <vector>

#include "runtime/error.h"
#include "test_support.h"

namespace luna::testing {
namespace {

class Tables : public ::testing::Test, public StateFixture {
 protected:
  Table* fresh() {
    Table* t = tables::new_table(L);
    push(tval(t));  // reachable while the test runs
    return t;
  }
  void seti(Table* t, std::int64_t k, const Value& v) { tables::set_int(L, t, k, v); }
  void set(Table* t, const Value& k, const Value& v) { tables::set(L, t, k, v); }
  const Value* get(Table* t, const Value& k) { return tables::get(t, k); }

  // Runs the traversal and renders the keys as Lua's tostring would (numbers and booleans only).
  std::string keys_in_order(Table* t) {
    std::string out;
    Value kv[2];
    kv[0].set_nil();
    while (tables::next(L, t, kv)) {
      if (kv[0].is_integer()) out += std::to_string(kv[0].as_int());
      else if (kv[0].is_float()) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.14g", kv[0].as_float());
        out += buf;
      } else if (kv[0].is_boolean()) out += kv[0].is_true() ? "true" : "false";
      else out += "?";
      out += " ";
    }
    return out;
  }

  // Calls f in protected mode and returns the error message (empty if none).
  template <typename F>
  std::string error_of(F f) {
    struct Box {
      F* f;
    } box{&f};
    StackId top = L->top;
    int status = runtime::run_protected(
        L, [](lua_State*, void* ud) { (*static_cast<Box*>(ud)->f)(); }, &box);
    std::string msg;
    if (status != 0 && L->top > top && (L->top - 1)->is_string()) msg = as_string(*(L->top - 1))->chars();
    L->top = top;
    return status != 0 && msg.empty() ? std::string("<status ") + std::to_string(status) + ">" : msg;
  }
};

TEST_F(Tables, EmptyTableLookups) {
  Table* t = fresh();
  EXPECT_TRUE(tables::is_absent(tables::get_int(t, 1)));
  EXPECT_TRUE(tables::is_absent(get(t, sval("x"))));
  EXPECT_TRUE(tables::is_absent(get(t, Value::nil_value())));
  EXPECT_TRUE(get(t, fval(1.5))->is_nil());
  EXPECT_EQ(tables::length(t), 0u);
  EXPECT_EQ(tables::hash_size(t), 0u);
  EXPECT_TRUE(tables::is_dummy(t));
}

TEST_F(Tables, EveryKeyKind) {
  Table* t = fresh();
  Table* other = fresh();
  String* long_key = str(std::string(100, 'k'));
  int c_function_tag = 0;
  Value light;
  light.set_light_userdata(&c_function_tag);
  Value cf;
  cf.set_cfunction([](lua_State*) { return 0; });
  Value long_value;
  set_string(long_value, long_key);
  std::vector<Value> keys = {ival(1),  ival(-7),          ival(INT64_MIN), fval(2.5),
                             fval(-0.25), Value::from_bool(true), Value::from_bool(false),
                             sval("short"), long_value, light, cf, tval(other)};
  for (std::size_t i = 0; i < keys.size(); i++) set(t, keys[i], ival(static_cast<std::int64_t>(i) + 100));
  for (std::size_t i = 0; i < keys.size(); i++) {
    const Value* v = get(t, keys[i]);
    ASSERT_TRUE(v->is_integer()) << "key " << i;
    EXPECT_EQ(v->as_int(), static_cast<std::int64_t>(i) + 100) << "key " << i;
  }
  // A different long string with the same contents finds the same entry.
  Value same_contents;
  set_string(same_contents, str(std::string(100, 'k')));
  EXPECT_NE(as_string(same_contents), long_key);
  EXPECT_EQ(get(t, same_contents)->as_int(), 108);
  EXPECT_EQ(tables::get_str(t, as_string(same_contents))->as_int(), 108);
  EXPECT_EQ(tables::get_short_str(t, str("short"))->as_int(), 107);
}

TEST_F(Tables, FloatKeysWithIntegralValuesAreIntegers) {
  Table* t = fresh();
  set(t, fval(3.0), sval("three"));
  EXPECT_TRUE(tables::get_int(t, 3)->is_string());
  set(t, ival(4), sval("four"));
  EXPECT_TRUE(get(t, fval(4.0))->is_string());
  set(t, fval(-0.0), sval("zero"));
  EXPECT_TRUE(tables::get_int(t, 0)->is_string());
  set(t, fval(std::ldexp(1.0, 62)), sval("big"));
  EXPECT_TRUE(tables::get_int(t, std::int64_t{1} << 62)->is_string());
  // 2^63 does not fit: stays a float key.
  set(t, fval(std::ldexp(1.0, 63)), sval("huge"));
  EXPECT_TRUE(get(t, fval(std::ldexp(1.0, 63)))->is_string());
  // The traversal reports the normalised integer key.
  Value kv[2];
  kv[0].set_nil();
  bool saw_int_three = false;
  while (tables::next(L, t, kv))
    if (kv[0].is_integer() && kv[0].as_int() == 3) saw_int_three = true;
  EXPECT_TRUE(saw_int_three);
}

TEST_F(Tables, NilAndNaNKeysRaise) {
  Table* t = fresh();
  EXPECT_NE(error_of([&] { set(t, Value::nil_value(), ival(1)); }).find("table index is nil"), std::string::npos);
  EXPECT_NE(error_of([&] { set(t, fval(std::nan("")), ival(1)); }).find("table index is NaN"), std::string::npos);
  EXPECT_NE(error_of([&] { set(t, Value::nil_value(), Value::nil_value()); }).find("index is nil"), std::string::npos);
  EXPECT_TRUE(get(t, fval(std::nan("")))->is_nil());
  EXPECT_EQ(error_of([&] { set(t, ival(1), ival(1)); }), "");
}

TEST_F(Tables, AssigningNilToAbsentKeyCreatesNothing) {
  Table* t = fresh();
  set(t, sval("a"), Value::nil_value());
  seti(t, 1, Value::nil_value());
  EXPECT_TRUE(tables::is_dummy(t));
  EXPECT_EQ(tables::array_capacity(t), 0u);
}

TEST_F(Tables, SequentialIntegersMigrateToArrayPart) {
  Table* t = fresh();
  for (int i = 1; i <= 1000; i++) seti(t, i, ival(i * 10));
  EXPECT_EQ(tables::array_capacity(t), 1024u);
  EXPECT_EQ(tables::hash_size(t), 0u);
  for (int i = 1; i <= 1000; i++) ASSERT_EQ(tables::get_int(t, i)->as_int(), i * 10);
  EXPECT_EQ(tables::length(t), 1000u);
}

TEST_F(Tables, SparseIntegersStayInHashPart) {
  Table* t = fresh();
  for (int i = 1; i <= 64; i++) seti(t, i * 1000, ival(i));
  EXPECT_EQ(tables::array_capacity(t), 0u);
  EXPECT_EQ(tables::hash_size(t), 64u);
  for (int i = 1; i <= 64; i++) ASSERT_EQ(tables::get_int(t, i * 1000)->as_int(), i);
}

TEST_F(Tables, ReverseInsertionEndsInArray) {
  Table* t = fresh();
  for (int i = 100; i >= 1; i--) seti(t, i, ival(i));
  for (int i = 1; i <= 100; i++) ASSERT_EQ(tables::get_int(t, i)->as_int(), i);
  EXPECT_EQ(tables::length(t), 100u);
  EXPECT_GT(tables::array_capacity(t), 0u);
}

TEST_F(Tables, ExplicitResizeMovesBetweenParts) {
  Table* t = fresh();
  for (int i = 1; i <= 20; i++) seti(t, i, ival(i));
  set(t, sval("name"), ival(-1));
  tables::resize(L, t, 4, 32);  // shrink the array: keys 5..20 go to the hash part
  EXPECT_EQ(tables::array_capacity(t), 4u);
  for (int i = 1; i <= 20; i++) ASSERT_EQ(tables::get_int(t, i)->as_int(), i);
  EXPECT_EQ(get(t, sval("name"))->as_int(), -1);
  tables::resize(L, t, 64, 4);  // grow it again: they come back
  EXPECT_EQ(tables::array_capacity(t), 64u);
  for (int i = 1; i <= 20; i++) ASSERT_EQ(t->array[i - 1].as_int(), i);
  EXPECT_EQ(get(t, sval("name"))->as_int(), -1);
  tables::resize_array(L, t, 0);
  for (int i = 1; i <= 20; i++) ASSERT_EQ(tables::get_int(t, i)->as_int(), i);
  EXPECT_EQ(tables::length(t), 20u);
}

TEST_F(Tables, ManyStringKeysAndOverwrite) {
  Table* t = fresh();
  for (int i = 0; i < 5000; i++) set(t, sval("key" + std::to_string(i)), ival(i));
  for (int i = 0; i < 5000; i += 2) set(t, sval("key" + std::to_string(i)), ival(-i));
  for (int i = 0; i < 5000; i++)
    ASSERT_EQ(get(t, sval("key" + std::to_string(i)))->as_int(), i % 2 ? i : -i);
  EXPECT_EQ(tables::hash_size(t), 8192u);
}

TEST_F(Tables, DeletionThenReinsertionReusesSlots) {
  Table* t = fresh();
  for (int i = 0; i < 100; i++) set(t, sval("k" + std::to_string(i)), ival(i));
  unsigned int size = tables::hash_size(t);
  for (int round = 0; round < 10; round++) {
    for (int i = 0; i < 100; i++) set(t, sval("k" + std::to_string(i)), Value::nil_value());
    for (int i = 0; i < 100; i++) set(t, sval("k" + std::to_string(i)), ival(i + round));
  }
  EXPECT_EQ(tables::hash_size(t), size);
  for (int i = 0; i < 100; i++) ASSERT_EQ(get(t, sval("k" + std::to_string(i)))->as_int(), i + 9);
}

// lua5.4: t={} for i=1,8 do t[i]=i end -> #t 8; t[8]=nil t[7]=nil -> 6; t[8]=1 -> 8
TEST_F(Tables, ReferenceBorderAfterRemovals) {
  Table* t = fresh();
  for (int i = 1; i <= 8; i++) seti(t, i, ival(i));
  EXPECT_EQ(tables::length(t), 8u);
  seti(t, 8, Value::nil_value());
  seti(t, 7, Value::nil_value());
  EXPECT_EQ(tables::length(t), 6u);
  seti(t, 8, ival(1));
  EXPECT_EQ(tables::length(t), 8u);
}

// lua5.4: b={} for i=1,16 do b[i]=i end b[5]=nil -> #b 16; b[16]=nil -> 15
TEST_F(Tables, ReferenceBorderWithHole) {
  Table* t = fresh();
  for (int i = 1; i <= 16; i++) seti(t, i, ival(i));
  seti(t, 5, Value::nil_value());
  EXPECT_EQ(tables::length(t), 16u);
  seti(t, 16, Value::nil_value());
  EXPECT_EQ(tables::length(t), 15u);
}

// lua5.4: c[1..5] in order -> 5; d[3],d[2],d[1] -> 3; e[2i]=i (i=1..100), e[1]=0 -> 200
TEST_F(Tables, ReferenceBordersThroughHashPart) {
  Table* c = fresh();
  for (int i = 1; i <= 5; i++) seti(c, i, ival(i));
  EXPECT_EQ(tables::length(c), 5u);
  Table* d = fresh();
  for (int i = 3; i >= 1; i--) seti(d, i, ival(i));
  EXPECT_EQ(tables::length(d), 3u);
  Table* e = fresh();
  for (int i = 1; i <= 100; i++) seti(e, i * 2, ival(i));
  seti(e, 1, ival(0));
  EXPECT_EQ(tables::length(e), 200u);
}

TEST_F(Tables, BorderIsAlwaysABorder) {
  Table* t = fresh();
  std::uint32_t seed = 12345;
  for (int step = 0; step < 3000; step++) {
    seed = seed * 1103515245u + 12345u;
    std::int64_t k = 1 + (seed >> 16) % 200;
    bool remove = ((seed >> 8) & 3) == 0;
    seti(t, k, remove ? Value::nil_value() : ival(k));
    std::uint64_t n = tables::length(t);
    if (n > 0) {
      ASSERT_FALSE(tables::get_int(t, static_cast<std::int64_t>(n))->is_nil()) << step;
    }
    ASSERT_TRUE(tables::get_int(t, static_cast<std::int64_t>(n) + 1)->is_nil()) << step;
  }
}

TEST_F(Tables, BorderAtMaxInteger) {
  Table* t = fresh();
  seti(t, 1, ival(1));
  seti(t, INT64_MAX, ival(2));
  std::uint64_t n = tables::length(t);
  EXPECT_TRUE(n == 1 || n == static_cast<std::uint64_t>(INT64_MAX));
}

// lua5.4: o[10],o[20],o[30],o[-1],o[2^40],o[1.5],o[true],o[false],o[0] assigned in that order;
// pairs order "false true 20 1.5 10 0 1099511627776 30 -1"
TEST_F(Tables, ReferenceTraversalOrderOfNumberAndBooleanKeys) {
  Table* o = fresh();
  seti(o, 10, ival(1));
  seti(o, 20, ival(2));
  seti(o, 30, ival(3));
  seti(o, -1, ival(4));
  set(o, fval(std::ldexp(1.0, 40)), ival(5));
  set(o, fval(1.5), ival(6));
  set(o, Value::from_bool(true), ival(7));
  set(o, Value::from_bool(false), ival(8));
  seti(o, 0, ival(9));
  EXPECT_EQ(keys_in_order(o), "false true 20 1.5 10 0 1099511627776 30 -1 ");
}

// lua5.4: p[i*7]=i for i=1,20
TEST_F(Tables, ReferenceTraversalOrderOfSparseIntegers) {
  Table* p = fresh();
  for (int i = 1; i <= 20; i++) seti(p, i * 7, ival(i));
  EXPECT_EQ(keys_in_order(p), "63 126 35 98 7 70 133 42 105 14 77 140 49 112 21 84 56 119 28 91 ");
}

// lua5.4: f[i+0.5]=i for i=1,10
TEST_F(Tables, ReferenceTraversalOrderOfFloats) {
  Table* f = fresh();
  for (int i = 1; i <= 10; i++) set(f, fval(i + 0.5), ival(i));
  EXPECT_EQ(keys_in_order(f), "4.5 5.5 6.5 7.5 9.5 1.5 3.5 8.5 10.5 2.5 ");
}

TEST_F(Tables, NextVisitsEverythingOnceWhileAssigning) {
  Table* t = fresh();
  for (int i = 1; i <= 50; i++) seti(t, i, ival(i));
  for (int i = 0; i < 200; i++) set(t, sval("s" + std::to_string(i)), ival(i));
  for (int i = 0; i < 30; i++) set(t, fval(i + 0.25), ival(i));
  int visited = 0;
  Value kv[2];
  kv[0].set_nil();
  while (tables::next(L, t, kv)) {
    visited++;
    // Assign existing fields during traversal: clear every other one, double the rest.
    if (visited % 2) set(t, kv[0], Value::nil_value());
    else set(t, kv[0], ival(kv[1].as_int() * 2));
  }
  EXPECT_EQ(visited, 280);
  int remaining = 0;
  kv[0].set_nil();
  while (tables::next(L, t, kv)) remaining++;
  EXPECT_EQ(remaining, 140);
}

TEST_F(Tables, NextWithUnknownKeyRaises) {
  Table* t = fresh();
  set(t, sval("a"), ival(1));
  Value kv[2];
  kv[0] = sval("not there");
  EXPECT_EQ(error_of([&] { tables::next(L, t, kv); }).rfind("invalid key to 'next'", 0), 0u);
  kv[0] = fval(1.0);  // floats are not normalised by next (as in 5.4)
  EXPECT_NE(error_of([&] { tables::next(L, t, kv); }), "");
}

TEST_F(Tables, NextFindsKeyAfterItsEntryWasCollected) {
  Table* t = fresh();
  Table* key = tables::new_table(L);
  set(t, tval(key), ival(1));
  set(t, sval("other"), ival(2));
  Value kv[2];
  kv[0].set_nil();
  ASSERT_TRUE(tables::next(L, t, kv));
  Value first = kv[0];
  push(first);
  set(t, first, Value::nil_value());  // cleared during traversal
  gc::full(L, false);                 // the collector turns empty entries' keys dead
  kv[0] = first;
  EXPECT_EQ(error_of([&] { tables::next(L, t, kv); }), "");
}

TEST_F(Tables, MetamethodAbsentCache) {
  Table* mt = fresh();
  EXPECT_EQ(tables::fast_tm(L, mt, Event::Index), nullptr);
  EXPECT_TRUE(mt->flags & (1u << static_cast<int>(Event::Index)));
  set(mt, sval("__index"), ival(1));
  const Value* tm = tables::fast_tm(L, mt, Event::Index);
  ASSERT_NE(tm, nullptr);
  EXPECT_EQ(tm->as_int(), 1);
  EXPECT_EQ(tables::fast_tm(L, nullptr, Event::Index), nullptr);
  EXPECT_EQ(tables::fast_tm(L, mt, Event::Add), nullptr);
  set(mt, sval("__add"), ival(2));
  ASSERT_NE(tables::fast_tm(L, mt, Event::Add), nullptr);
}

TEST_F(Tables, LimitHintKeepsArrayIntact) {
  Table* t = fresh();
  for (int i = 1; i <= 32; i++) seti(t, i, ival(i));
  for (int i = 32; i > 20; i--) seti(t, i, Value::nil_value());
  EXPECT_EQ(tables::length(t), 20u);
  EXPECT_EQ(tables::array_capacity(t), 32u);  // the hint never changes the allocation
  seti(t, 30, ival(30));
  EXPECT_EQ(tables::get_int(t, 30)->as_int(), 30);
  EXPECT_EQ(tables::array_capacity(t), 32u);
  EXPECT_EQ(tables::hash_size(t), 0u);
}

}  // namespace
}  // namespace luna::testing
