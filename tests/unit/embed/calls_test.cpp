// luna.h calls both ways: host -> Lua calls, host callbacks (results, errors with any value,
// destructors), errors carrying the original value and a structured traceback.
#include <cstring>
#include <stdexcept>

#include "embed_support.h"

namespace luna::embed_test {
namespace {

using EmbedCalls = StateTest;

luna_status add(void*, luna_state*, const luna_value* args, std::size_t n, luna_results* out) {
  std::int64_t sum = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (args[i].type != LUNA_TINTEGER) {
      luna_value msg = str("add: integers only");
      luna_results_error(out, &msg);
      return LUNA_ERROR_TYPE;
    }
    sum += args[i].integer;
  }
  luna_value r = luna_integer(sum), c = luna_integer(static_cast<std::int64_t>(n));
  luna_results_push(out, &r);
  luna_results_push(out, &c);
  return LUNA_OK;
}

void register_function(luna_state* S, const char* name, luna_callback fn, void* ud = nullptr,
                       luna_destructor destroy = nullptr) {
  luna_value f{};
  ASSERT_EQ(luna_new_function(S, fn, ud, destroy, &f), LUNA_OK);
  ASSERT_EQ(f.type, LUNA_TFUNCTION);
  ASSERT_EQ(luna_set_global(S, name, std::strlen(name), &f, nullptr), LUNA_OK);
  luna_value_release(&f);
}

TEST_F(EmbedCalls, HostCallsLuaWithArgumentAndResultArrays) {
  OwnedValues f;
  ASSERT_EQ(run("return function(a, b, ...) return b, a, select('#', ...), ... end", &f), LUNA_OK);
  luna_value args[] = {luna_integer(1), str("two"), luna_nil(), luna_float(4.5)};
  OwnedValues r;
  ASSERT_EQ(luna_call(S, &f[0], args, 4, &r.v, nullptr), LUNA_OK);
  ASSERT_EQ(r.size(), 5u);
  EXPECT_EQ(text(r[0]), "two");
  EXPECT_EQ(r[1].integer, 1);
  EXPECT_EQ(r[2].integer, 2);
  EXPECT_EQ(r[3].type, LUNA_TNIL);
  EXPECT_EQ(r[4].number, 4.5);
  ASSERT_EQ(luna_call(S, &f[0], nullptr, 0, nullptr, nullptr), LUNA_OK);  // results dropped
}

TEST_F(EmbedCalls, ExecutePassesVarargsAndLoadCompilesOnly) {
  luna_value args[] = {luna_integer(20), luna_integer(22)};
  OwnedValues r;
  const char code[] = "local a, b = ... return a + b";
  ASSERT_EQ(luna_execute(S, code, sizeof code - 1, "=sum", args, 2, &r.v, nullptr), LUNA_OK);
  EXPECT_EQ(r[0].integer, 42);
  Owned fn;
  const char body[] = "counter = (counter or 0) + 1";
  ASSERT_EQ(luna_load(S, body, sizeof body - 1, "=load", LUNA_LOAD_TEXT, &fn.v, nullptr), LUNA_OK);
  Owned counter;
  ASSERT_EQ(luna_get_global(S, "counter", 7, &counter.v, nullptr), LUNA_OK);
  EXPECT_EQ(counter.v.type, LUNA_TNIL);  // not run yet
  ASSERT_EQ(luna_call(S, &fn.v, nullptr, 0, nullptr, nullptr), LUNA_OK);
  ASSERT_EQ(luna_call(S, &fn.v, nullptr, 0, nullptr, nullptr), LUNA_OK);
  Owned after;
  ASSERT_EQ(luna_get_global(S, "counter", 7, &after.v, nullptr), LUNA_OK);
  EXPECT_EQ(after.v.integer, 2);
}

TEST_F(EmbedCalls, SyntaxErrorsHaveTheirOwnStatus) {
  OwnedError e;
  EXPECT_EQ(run("x = = 1", nullptr, &e), LUNA_ERROR_SYNTAX);
  EXPECT_EQ(luna_error_status(e.e), LUNA_ERROR_SYNTAX);
  EXPECT_NE(e.message().find("test:1:"), std::string::npos) << e.message();
  Owned fn;
  OwnedError e2;
  EXPECT_EQ(luna_load(S, "return +", 8, "=x", LUNA_LOAD_TEXT, &fn.v, &e2.e), LUNA_ERROR_SYNTAX);
  EXPECT_EQ(fn.v.type, LUNA_TNIL);
}

TEST_F(EmbedCalls, LuaCallsHostCallbacks) {
  register_function(S, "add", add);
  OwnedValues r;
  ASSERT_EQ(run("local s, n = add(1, 2, 39) return s, n, add()", &r), LUNA_OK);
  ASSERT_EQ(r.size(), 4u);
  EXPECT_EQ(r[0].integer, 42);
  EXPECT_EQ(r[1].integer, 3);
  EXPECT_EQ(r[2].integer, 0);
  EXPECT_EQ(r[3].integer, 0);
  // A callback error is a normal Lua error: pcall catches it with the value the host gave.
  OwnedValues caught;
  ASSERT_EQ(run("return pcall(add, 1, 'x')", &caught), LUNA_OK);
  EXPECT_EQ(caught[0].boolean, 0);
  EXPECT_EQ(text(caught[1]), "add: integers only");
}

luna_status raise_table(void*, luna_state* S, const luna_value*, std::size_t, luna_results* out) {
  Owned t;
  if (luna_new_table(S, 0, 1, &t.v) != LUNA_OK) return LUNA_ERROR_MEMORY;
  luna_value k = str("code"), v = luna_integer(404);
  luna_rawset(S, &t.v, &k, &v);
  luna_results_error(out, &t.v);
  return LUNA_ERROR_RUNTIME;
}

TEST_F(EmbedCalls, CallbacksRaiseAnyValueAndTheHostGetsItBack) {
  register_function(S, "fail", raise_table);
  OwnedValues r;
  ASSERT_EQ(run("local ok, e = pcall(fail) return ok, type(e), e.code", &r), LUNA_OK);
  EXPECT_EQ(r[0].boolean, 0);
  EXPECT_EQ(text(r[1]), "table");
  EXPECT_EQ(r[2].integer, 404);
  OwnedError e;
  ASSERT_EQ(run("local function inner() fail() end\ninner()", nullptr, &e), LUNA_ERROR_RUNTIME);
  const luna_value* value = luna_error_value(e.e);
  ASSERT_EQ(value->type, LUNA_TTABLE);  // the original value, not a string
  Owned code;
  luna_value k = str("code");
  ASSERT_EQ(luna_get(S, value, &k, &code.v, nullptr), LUNA_OK);
  EXPECT_EQ(code.v.integer, 404);
  EXPECT_EQ(e.message(), "(error object is a table value)");
}

TEST_F(EmbedCalls, ErrorsCarryAStructuredTraceback) {
  OwnedError e;
  const char code[] =
      "local function deepest() error({reason = 'deep'}) end\n"  // line 1
      "local function middle() deepest() end\n"                  // line 2
      "function outer() middle() end\n"                          // line 3
      "outer()\n";                                               // line 4
  ASSERT_EQ(luna_execute(S, code, sizeof code - 1, "@script.lua", nullptr, 0, nullptr, &e.e),
            LUNA_ERROR_RUNTIME);
  ASSERT_EQ(luna_error_value(e.e)->type, LUNA_TTABLE);
  std::size_t n = luna_error_frame_count(e.e);
  ASSERT_GE(n, 5u);
  luna_frame f{};
  ASSERT_EQ(luna_error_frame(e.e, 0, &f), LUNA_OK);  // error itself, a C function
  EXPECT_STREQ(f.what, "C");
  EXPECT_STREQ(f.name, "error");
  struct Expected {
    int line;
    const char* name;
  } expected[] = {{1, "deepest"}, {2, "middle"}, {3, "outer"}};
  for (std::size_t i = 0; i < 3; ++i) {
    ASSERT_EQ(luna_error_frame(e.e, i + 1, &f), LUNA_OK);
    EXPECT_STREQ(f.source, "script.lua");
    EXPECT_STREQ(f.what, "Lua");
    EXPECT_EQ(f.line, expected[i].line) << i;
    EXPECT_STREQ(f.name, expected[i].name) << i;
  }
  ASSERT_EQ(luna_error_frame(e.e, 4, &f), LUNA_OK);
  EXPECT_STREQ(f.what, "main");
  EXPECT_EQ(f.line, 4);
  EXPECT_EQ(luna_error_frame(e.e, n, &f), LUNA_ERROR_ARGUMENT);
}

TEST_F(EmbedCalls, StringErrorsKeepTheirMessage) {
  OwnedError e;
  ASSERT_EQ(run("local x = nil; return x.field", nullptr, &e), LUNA_ERROR_RUNTIME);
  EXPECT_EQ(e.message(), "test:1: attempt to index a nil value (local 'x')");
  EXPECT_EQ(luna_error_value(e.e)->type, LUNA_TSTRING);
  OwnedError e2;
  ASSERT_EQ(run("error(42)", nullptr, &e2), LUNA_ERROR_RUNTIME);
  EXPECT_EQ(luna_error_value(e2.e)->type, LUNA_TINTEGER);
  EXPECT_EQ(e2.message(), "42");
}

struct Counter {
  int calls = 0;
  int destroyed = 0;
};

luna_status count_call(void* ud, luna_state*, const luna_value*, std::size_t, luna_results*) {
  static_cast<Counter*>(ud)->calls++;
  return LUNA_OK;
}
void count_destroy(void* ud) { static_cast<Counter*>(ud)->destroyed++; }

TEST_F(EmbedCalls, DestructorsRunOnCollectionAndOnClose) {
  Counter collected, closed;
  {
    Owned f;
    ASSERT_EQ(luna_new_function(S, count_call, &collected, count_destroy, &f.v), LUNA_OK);
    ASSERT_EQ(luna_call(S, &f.v, nullptr, 0, nullptr, nullptr), LUNA_OK);
  }
  ASSERT_EQ(run("collectgarbage() collectgarbage()"), LUNA_OK);
  EXPECT_EQ(collected.calls, 1);
  EXPECT_EQ(collected.destroyed, 1);
  register_function(S, "kept", count_call, &closed, count_destroy);
  ASSERT_EQ(run("kept() kept() collectgarbage()"), LUNA_OK);
  EXPECT_EQ(closed.calls, 2);
  EXPECT_EQ(closed.destroyed, 0);
  luna_state_close(S);
  S = nullptr;
  EXPECT_EQ(closed.destroyed, 1);
}

luna_status reenter(void*, luna_state* S, const luna_value* args, std::size_t n, luna_results* out) {
  // Calls back into Lua from inside a callback: the function given as argument, with 10.
  if (n != 1) return LUNA_ERROR_ARGUMENT;
  luna_value ten = luna_integer(10);
  luna_values r{0, nullptr};
  luna_error* e = nullptr;
  luna_status st = luna_call(S, &args[0], &ten, 1, &r, &e);
  if (st != LUNA_OK) {
    luna_results_error(out, luna_error_value(e));
    luna_error_release(e);
    return st;
  }
  for (std::size_t i = 0; i < r.count; ++i) luna_results_push(out, &r.items[i]);
  luna_values_release(&r);
  return LUNA_OK;
}

TEST_F(EmbedCalls, CallbacksMayCallBackIntoLua) {
  register_function(S, "reenter", reenter);
  OwnedValues r;
  ASSERT_EQ(run("return reenter(function(x) return x * 3, 'ok' end)", &r), LUNA_OK);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].integer, 30);
  EXPECT_EQ(text(r[1]), "ok");
  OwnedValues r2;
  ASSERT_EQ(run("return pcall(reenter, function(x) error('inner ' .. x, 0) end)", &r2), LUNA_OK);
  EXPECT_EQ(r2[0].boolean, 0);
  EXPECT_EQ(text(r2[1]), "inner 10");
  // works from inside coroutines too (the callback runs on the coroutine's thread)
  OwnedValues r3;
  ASSERT_EQ(run("local co = coroutine.wrap(function() return reenter(function(x)"
                " return coroutine.isyieldable(), x end) end) return co()",
                &r3),
            LUNA_OK);
  ASSERT_EQ(r3.size(), 2u);
  EXPECT_EQ(r3[0].boolean, 0);  // a host callback is a C boundary: no yield across it
  EXPECT_EQ(r3[1].integer, 10);
}

luna_status throws(void*, luna_state*, const luna_value*, std::size_t, luna_results*) {
  throw std::runtime_error("host bug");
}

TEST_F(EmbedCalls, CxxExceptionsInCallbacksBecomeLuaErrors) {
  register_function(S, "throws", throws);
  OwnedValues r;
  ASSERT_EQ(run("return pcall(throws)", &r), LUNA_OK);
  EXPECT_EQ(r[0].boolean, 0);
  EXPECT_NE(text(r[1]).find("host function failed"), std::string::npos);
}

TEST_F(EmbedCalls, CallingANonFunctionFailsCleanly) {
  luna_value five = luna_integer(5);
  OwnedError e;
  EXPECT_EQ(luna_call(S, &five, nullptr, 0, nullptr, &e.e), LUNA_ERROR_RUNTIME);
  EXPECT_NE(e.message().find("attempt to call a number value"), std::string::npos) << e.message();
}

}  // namespace
}  // namespace luna::embed_test
