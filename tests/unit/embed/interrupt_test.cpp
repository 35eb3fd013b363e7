// luna.h limits enforced by the engine's safepoints (vm/interrupt.h): every kind of loop and of
// unbounded recursion stops, debug hooks cannot disable the limits, the budget counts instructions,
// the C pattern matcher is interruptible, and stops stay uncatchable at every protected boundary.
#include <atomic>
#include <chrono>
#include <cstring>
#include <thread>

#include "embed_support.h"

namespace luna::embed_test {
namespace {

using EmbedInterrupt = StateTest;

luna_status mark_started(void* ud, luna_state*, const luna_value*, std::size_t, luna_results*) {
  static_cast<std::atomic<bool>*>(ud)->store(true);
  return LUNA_OK;
}

// Runs `code` while another thread cancels the call 20 ms after the script calls started().
luna_status run_and_cancel(luna_state* S, const char* code) {
  std::atomic<bool> started{false};
  luna_value f{};
  if (luna_new_function(S, mark_started, &started, nullptr, &f) != LUNA_OK) return LUNA_ERROR_MEMORY;
  luna_set_global(S, "started", 7, &f, nullptr);
  luna_value_release(&f);
  std::thread canceller([&] {
    while (!started.load()) std::this_thread::yield();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    luna_cancel(S);
  });
  luna_status st = luna_execute(S, code, std::strlen(code), "=cancel", nullptr, 0, nullptr, nullptr);
  canceller.join();
  return st;
}

TEST_F(EmbedInterrupt, DebugSethookCannotDisableTheLimits) {
  const char* clear = "debug.sethook() debug.sethook(nil) while true do end";
  const char* own = "local n = 0 debug.sethook(function() n = n + 1 end, '', 1) while true do end";
  const char* lines = "debug.sethook(function() end, 'crl') while true do end";
  ASSERT_EQ(luna_set_instruction_limit(S, 200000), LUNA_OK);
  EXPECT_EQ(run(clear), LUNA_ERROR_BUDGET);
  EXPECT_EQ(run(own), LUNA_ERROR_BUDGET);
  EXPECT_EQ(run(lines), LUNA_ERROR_BUDGET);
  ASSERT_EQ(luna_set_instruction_limit(S, 0), LUNA_OK);
  ASSERT_EQ(luna_set_timeout(S, 30000), LUNA_OK);
  EXPECT_EQ(run(clear), LUNA_ERROR_TIMEOUT);
  EXPECT_EQ(run(own), LUNA_ERROR_TIMEOUT);
  EXPECT_EQ(run(lines), LUNA_ERROR_TIMEOUT);
  ASSERT_EQ(luna_set_timeout(S, 0), LUNA_OK);
  EXPECT_EQ(run_and_cancel(S, "debug.sethook(nil) started() while true do end"), LUNA_CANCELLED);
  EXPECT_EQ(run_and_cancel(S, "debug.sethook(function() end, '', 1) started() while true do end"),
            LUNA_CANCELLED);
  EXPECT_EQ(run("debug.sethook() return 1"), LUNA_OK);
}

TEST_F(EmbedInterrupt, EveryLoopShapeAndUnboundedRecursionStops) {
  ASSERT_EQ(luna_set_instruction_limit(S, 100000), LUNA_OK);
  const char* scripts[] = {
      "while true do end",
      "repeat local x = 1 until x == 2",                         // conditional back edge
      "local x repeat x = nil until x",
      "::top:: goto top",
      "for i = 1, math.maxinteger do end",
      "for i = 1.0, math.huge do end",
      "for k in function() return 1 end do end",                 // generic for, C-free iterator
      "for k in next, {1} do end while true do end",
      "local function f() return f() end f()",                   // tail calls, constant stack
      "local function f(n) if n == 0 then return end f(n - 1) f(n - 1) end f(80)",  // no loops
      "local function f() pcall(f) pcall(f) end f()",            // recursion through pcall
      "string.gsub('x', 'x', function() while true do end end)",  // Lua code called from C
      "table.sort({3, 2, 1}, function(a, b) while true do end end)",
  };
  for (const char* code : scripts) {
    OwnedError e;
    EXPECT_EQ(run(code, nullptr, &e), LUNA_ERROR_BUDGET) << code;
    EXPECT_EQ(e.message(), "instruction budget exhausted") << code;
    OwnedValues r;
    ASSERT_EQ(run("return 6 * 7", &r), LUNA_OK) << "state unusable after: " << code;
    EXPECT_EQ(r[0].integer, 42);
  }
}

TEST_F(EmbedInterrupt, TheBudgetCountsInstructions) {
  ASSERT_EQ(luna_set_instruction_limit(S, 1000000000), LUNA_OK);
  // An empty numeric loop is one FORLOOP per iteration. (The count samples safepoints: the last
  // window of at most 64 safepoints of a call goes uncounted.)
  ASSERT_EQ(run("for i = 1, 100000 do end"), LUNA_OK);
  EXPECT_GE(luna_instructions_used(S), 100000u - 64);
  EXPECT_LT(luna_instructions_used(S), 100100u);
  // A three-instruction body: about three times as much.
  ASSERT_EQ(run("local s = 0 for i = 1, 100000 do s = s + i * 2 end"), LUNA_OK);
  EXPECT_GE(luna_instructions_used(S), 300000u - 4 * 64);
  EXPECT_LT(luna_instructions_used(S), 400100u);
  // Deterministic: the same code counts the same.
  ASSERT_EQ(run("local function f(n) if n < 2 then return n end return f(n - 1) + f(n - 2) end f(15)"),
            LUNA_OK);
  std::uint64_t first = luna_instructions_used(S);
  ASSERT_EQ(run("local function f(n) if n < 2 then return n end return f(n - 1) + f(n - 2) end f(15)"),
            LUNA_OK);
  EXPECT_EQ(luna_instructions_used(S), first);
  EXPECT_GT(first, 1973u * 4);  // f(15) makes 1973 calls of about ten instructions
  // Enforced at the granularity of one safepoint charge.
  ASSERT_EQ(luna_set_instruction_limit(S, 54321), LUNA_OK);
  EXPECT_EQ(run("while true do end"), LUNA_ERROR_BUDGET);
  EXPECT_EQ(luna_instructions_used(S), 54321u);
}

TEST_F(EmbedInterrupt, StopsStayUncatchableAtEveryBoundary) {
  ASSERT_EQ(luna_set_instruction_limit(S, 50000), LUNA_OK);
  const char* scripts[] = {
      "local co = coroutine.wrap(function() while true do end end) pcall(co) caught = true",
      "local co = coroutine.create(function() while true do end end) coroutine.resume(co) caught = true",
      "local co = coroutine.create(function() local x <close> = setmetatable({}, {__close = "
      "function() while true do end end}) coroutine.yield() end) coroutine.resume(co) "
      "coroutine.close(co) caught = true",
      "xpcall(function() while true do end end, function(m) while true do end end) caught = true",
      "local co = coroutine.wrap(function() pcall(function() while true do end end) caught = true end) "
      "co() caught = true",
      "pcall(pcall, pcall, function() while true do end end) caught = true",
  };
  for (const char* code : scripts) {
    EXPECT_EQ(run(code), LUNA_ERROR_BUDGET) << code;
    Owned caught;
    ASSERT_EQ(luna_get_global(S, "caught", 6, &caught.v, nullptr), LUNA_OK);
    EXPECT_EQ(caught.v.type, LUNA_TNIL) << code;
  }
  // A boundary that swallows errors in C (load's reader) cannot keep the script alive either.
  EXPECT_EQ(run("while true do load(function() while true do end end) end"), LUNA_ERROR_BUDGET);
}

TEST_F(EmbedInterrupt, ThePatternMatcherIsInterruptible) {
  ASSERT_EQ(luna_set_timeout(S, 50000), LUNA_OK);
  auto start = std::chrono::steady_clock::now();
  // Backtracking in O(n^k): hours without the matcher's safepoint.
  EXPECT_EQ(run("return string.find(string.rep('a', 3000), string.rep('a*', 12) .. 'b')"),
            LUNA_ERROR_TIMEOUT);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  ASSERT_EQ(luna_set_timeout(S, 0), LUNA_OK);
  OwnedValues r;
  ASSERT_EQ(run("return string.find('xaab', 'a*b')", &r), LUNA_OK);
  EXPECT_EQ(r[0].integer, 2);
}

TEST_F(EmbedInterrupt, NoLimitsStatesStillCancelRunningCode) {
  open(LUNA_LIBS_FULL, 0, LUNA_OPTION_NO_LIMITS);
  EXPECT_EQ(run_and_cancel(S, "started() while true do pcall(function() while true do end end) end"),
            LUNA_CANCELLED);
  EXPECT_EQ(run("return 1"), LUNA_OK);
}

TEST_F(EmbedInterrupt, CancelReachesCoroutinesAndIsConsumed) {
  // (Few yields: under ThreadSanitizer every yield's longjmp leaks shadow-stack frames.)
  EXPECT_EQ(run_and_cancel(S, "started() local co = coroutine.wrap(function() coroutine.yield() "
                              "while true do end end) co() co()"),
            LUNA_CANCELLED);
  EXPECT_EQ(run_and_cancel(S, "started() local function f(n) if n < 2 then return n end "
                              "return f(n - 1) + f(n - 2) end return f(100)"),
            LUNA_CANCELLED);
  OwnedValues r;
  ASSERT_EQ(run("return 2", &r), LUNA_OK);
  EXPECT_EQ(r[0].integer, 2);
}

}  // namespace
}  // namespace luna::embed_test
