// luna.h limits: memory limit (clean LUNA_ERROR_MEMORY, state usable afterwards), instruction
// budget, timeout and cross-thread cancel — none of which Lua code can catch.
#include <atomic>
#include <chrono>
#include <thread>

#include "embed_support.h"

namespace luna::embed_test {
namespace {

using EmbedLimits = StateTest;

TEST_F(EmbedLimits, MemoryLimitGivesACleanErrorAndTheStateStaysUsable) {
  std::uint64_t base = luna_memory_used(S);
  EXPECT_GT(base, 0u);
  ASSERT_EQ(luna_set_memory_limit(S, base + 512 * 1024), LUNA_OK);
  OwnedError e;
  EXPECT_EQ(run("local t = {} for i = 1, 1e8 do t[i] = string.rep('x', 64) .. i end", nullptr, &e),
            LUNA_ERROR_MEMORY);
  EXPECT_EQ(luna_error_status(e.e), LUNA_ERROR_MEMORY);
  EXPECT_EQ(e.message(), "not enough memory");
  EXPECT_LE(luna_memory_used(S), base + 512 * 1024);
  OwnedValues r;
  ASSERT_EQ(run("collectgarbage() return 6 * 7, #string.rep('ab', 1000)", &r), LUNA_OK);
  EXPECT_EQ(r[0].integer, 42);
  EXPECT_EQ(r[1].integer, 2000);
  OwnedError e2;  // one huge allocation fails too
  EXPECT_EQ(run("return string.rep('x', 1 << 30)", nullptr, &e2), LUNA_ERROR_MEMORY);
  ASSERT_EQ(luna_set_memory_limit(S, 0), LUNA_OK);
  OwnedValues big;
  ASSERT_EQ(run("return #string.rep('x', 1 << 20)", &big), LUNA_OK);
  EXPECT_EQ(big[0].integer, 1 << 20);
}

TEST_F(EmbedLimits, ScriptsMayCatchMemoryErrorsAsInLua) {
  ASSERT_EQ(luna_set_memory_limit(S, luna_memory_used(S) + 256 * 1024), LUNA_OK);
  OwnedValues r;
  ASSERT_EQ(run("local ok, e = pcall(string.rep, 'x', 1 << 24) return ok, e", &r), LUNA_OK);
  EXPECT_EQ(r[0].boolean, 0);
  EXPECT_EQ(text(r[1]), "not enough memory");
}

TEST(EmbedLimitsNew, TooSmallALimitFailsStateCreation) {
  luna_config config{sizeof(luna_config), LUNA_LIBS_FULL, 2048, 0, 0};
  luna_state* S = nullptr;
  EXPECT_EQ(luna_state_new(&config, &S), LUNA_ERROR_MEMORY);
  EXPECT_EQ(S, nullptr);
}

TEST_F(EmbedLimits, InstructionBudgetStopsLoops) {
  ASSERT_EQ(luna_set_instruction_limit(S, 100000), LUNA_OK);
  OwnedError e;
  EXPECT_EQ(run("while true do end", nullptr, &e), LUNA_ERROR_BUDGET);
  EXPECT_EQ(luna_error_status(e.e), LUNA_ERROR_BUDGET);
  EXPECT_GE(luna_instructions_used(S), 100000u);
  EXPECT_LT(luna_instructions_used(S), 100000u + 2 * LUNA_CHECK_INTERVAL);
  OwnedValues r;  // the budget is per call: a short call still runs
  ASSERT_EQ(run("local s = 0 for i = 1, 1000 do s = s + i end return s", &r), LUNA_OK);
  EXPECT_EQ(r[0].integer, 500500);
}

TEST_F(EmbedLimits, BudgetCannotBeCaughtByPcallXpcallOrCoroutines) {
  ASSERT_EQ(luna_set_instruction_limit(S, 50000), LUNA_OK);
  EXPECT_EQ(run("while true do pcall(function() while true do end end) end"), LUNA_ERROR_BUDGET);
  EXPECT_EQ(run("while true do xpcall(function() while true do end end, function(m) return m end) end"),
            LUNA_ERROR_BUDGET);
  EXPECT_EQ(run("while true do coroutine.resume(coroutine.create(function() while true do end end)) end"),
            LUNA_ERROR_BUDGET);
  EXPECT_EQ(run("local ok = pcall(function() while true do end end) caught = true"), LUNA_ERROR_BUDGET);
  Owned caught;
  ASSERT_EQ(luna_get_global(S, "caught", 6, &caught.v, nullptr), LUNA_OK);
  EXPECT_EQ(caught.v.type, LUNA_TNIL);  // no Lua statement ran after the catch
  EXPECT_EQ(run("local t = setmetatable({}, {__close = function() while true do end end})\n"
                "do local x <close> = t end"),
            LUNA_ERROR_BUDGET);
  ASSERT_EQ(luna_set_instruction_limit(S, 0), LUNA_OK);
  OwnedValues r;
  ASSERT_EQ(run("return pcall(error, 'normal errors are still catchable')", &r), LUNA_OK);
  EXPECT_EQ(r[0].boolean, 0);
}

TEST_F(EmbedLimits, TimeoutStopsACallAfterItsDeadline) {
  ASSERT_EQ(luna_set_timeout(S, 50000), LUNA_OK);  // 50 ms
  auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(run("while true do pcall(function() while true do end end) end"), LUNA_ERROR_TIMEOUT);
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_GE(elapsed, std::chrono::milliseconds(50));
  EXPECT_LT(elapsed, std::chrono::seconds(20));
  ASSERT_EQ(luna_set_timeout(S, 0), LUNA_OK);
  EXPECT_EQ(run("return 1"), LUNA_OK);
}

luna_status mark_started(void* ud, luna_state*, const luna_value*, std::size_t, luna_results*) {
  static_cast<std::atomic<bool>*>(ud)->store(true);
  return LUNA_OK;
}

TEST_F(EmbedLimits, CancelFromAnotherThreadIsNotCatchable) {
  std::atomic<bool> started{false};
  luna_value f{};
  ASSERT_EQ(luna_new_function(S, mark_started, &started, nullptr, &f), LUNA_OK);
  ASSERT_EQ(luna_set_global(S, "started", 7, &f, nullptr), LUNA_OK);
  luna_value_release(&f);
  std::thread canceller([&] {
    while (!started.load()) std::this_thread::yield();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    luna_cancel(S);
  });
  OwnedError e;
  luna_status st = run("started() while true do pcall(function() while true do end end) end", nullptr, &e);
  canceller.join();
  EXPECT_EQ(st, LUNA_CANCELLED);
  EXPECT_EQ(e.message(), "cancelled");
  EXPECT_EQ(run("return 1"), LUNA_OK);  // consumed: the next call runs
}

TEST_F(EmbedLimits, CancelWhileIdleCancelsTheNextCallOnly) {
  luna_cancel(S);
  OwnedError e;
  EXPECT_EQ(run("return 1", nullptr, &e), LUNA_CANCELLED);
  EXPECT_EQ(luna_error_status(e.e), LUNA_CANCELLED);
  EXPECT_EQ(run("return 1"), LUNA_OK);
  luna_cancel(S);
  luna_clear_cancel(S);
  EXPECT_EQ(run("return 1"), LUNA_OK);
}

luna_status cancel_all(void*, luna_state*, const luna_value*, std::size_t, luna_results*) {
  return LUNA_CANCELLED;
}

TEST_F(EmbedLimits, CallbacksCanStopTheWholeCall) {
  luna_value f{};
  ASSERT_EQ(luna_new_function(S, cancel_all, nullptr, nullptr, &f), LUNA_OK);
  ASSERT_EQ(luna_set_global(S, "stop", 4, &f, nullptr), LUNA_OK);
  luna_value_release(&f);
  EXPECT_EQ(run("for i = 1, 10 do pcall(stop) end reached = true"), LUNA_CANCELLED);
  Owned reached;
  ASSERT_EQ(luna_get_global(S, "reached", 7, &reached.v, nullptr), LUNA_OK);
  EXPECT_EQ(reached.v.type, LUNA_TNIL);
}

TEST_F(EmbedLimits, CoroutinesFromTheHostAreLimitedToo) {
  OwnedValues f;
  ASSERT_EQ(run("return function() coroutine.yield(1) while true do pcall(function() while true do end end) end end", &f),
            LUNA_OK);
  Owned co;
  ASSERT_EQ(luna_coroutine_new(S, &f[0], &co.v), LUNA_OK);
  ASSERT_EQ(luna_resume(S, &co.v, nullptr, 0, nullptr, nullptr), LUNA_YIELD);
  ASSERT_EQ(luna_set_instruction_limit(S, 20000), LUNA_OK);
  EXPECT_EQ(luna_resume(S, &co.v, nullptr, 0, nullptr, nullptr), LUNA_ERROR_BUDGET);
}

TEST_F(EmbedLimits, ASecondThreadGetsBusyNotACrash) {
  std::atomic<bool> started{false};
  luna_value f{};
  ASSERT_EQ(luna_new_function(S, mark_started, &started, nullptr, &f), LUNA_OK);
  ASSERT_EQ(luna_set_global(S, "started", 7, &f, nullptr), LUNA_OK);
  luna_value_release(&f);
  luna_status other = LUNA_OK;
  std::thread intruder([&] {
    while (!started.load()) std::this_thread::yield();
    other = luna_execute(S, "return 1", 8, "=x", nullptr, 0, nullptr, nullptr);
    luna_cancel(S);
  });
  ASSERT_EQ(luna_set_timeout(S, 10000000), LUNA_OK);  // a safety net: 10 s
  EXPECT_EQ(run("started() while true do end"), LUNA_CANCELLED);
  intruder.join();
  EXPECT_EQ(other, LUNA_ERROR_BUSY);
}

}  // namespace
}  // namespace luna::embed_test

namespace luna::embed_test {
namespace {

TEST_F(EmbedLimits, NoLimitsOptionRefusesLimitsButKeepsCancelAtEntryAndMemory) {
  open(LUNA_LIBS_FULL, 0, LUNA_OPTION_NO_LIMITS);
  EXPECT_EQ(luna_set_instruction_limit(S, 1000), LUNA_ERROR_ARGUMENT);
  EXPECT_EQ(luna_set_timeout(S, 1000), LUNA_ERROR_ARGUMENT);
  EXPECT_EQ(luna_set_instruction_limit(S, 0), LUNA_OK);
  OwnedValues r;
  ASSERT_EQ(run("local s = 0 for i = 1, 100000 do s = s + i end return s", &r), LUNA_OK);
  EXPECT_EQ(r[0].integer, 5000050000);
  luna_cancel(S);
  EXPECT_EQ(run("return 1"), LUNA_CANCELLED);
  ASSERT_EQ(luna_set_memory_limit(S, luna_memory_used(S) + 128 * 1024), LUNA_OK);
  EXPECT_EQ(run("return string.rep('x', 1 << 22)"), LUNA_ERROR_MEMORY);
  luna_config bad{sizeof(luna_config), LUNA_LIBS_FULL, 0, 0x80, 0};
  luna_state* other = nullptr;
  EXPECT_EQ(luna_state_new(&bad, &other), LUNA_ERROR_ARGUMENT);
}

}  // namespace
}  // namespace luna::embed_test
