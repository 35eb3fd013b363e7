// luna.h thread rules: many independent states running on many threads at once, limits and
// cancel requests from other threads, refs released from other threads. tools/test also runs
// these tests (ctest label "threads") in a ThreadSanitizer build, build/tsan.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <thread>
#include <vector>

#include "embed_support.h"

namespace luna::embed_test {
namespace {

luna_status twice(void*, luna_state*, const luna_value* args, std::size_t n, luna_results* out) {
  if (n != 1 || args[0].type != LUNA_TINTEGER) return LUNA_ERROR_ARGUMENT;
  luna_value r = luna_integer(args[0].integer * 2);
  return luna_results_push(out, &r);
}

// One worker: creates states one after another, each running Lua code that calls back into the
// host, builds tables and strings, resumes coroutines and collects garbage. (Few yields: under
// ThreadSanitizer each yield's longjmp leaks shadow-stack frames, and ~60k of them abort TSan.)
bool work(int seed) {
  for (int round = 0; round < 6; ++round) {
    luna_state* S = nullptr;
    luna_config config{sizeof(luna_config), LUNA_LIBS_SANDBOX, 16u << 20, 0, 0};
    if (luna_state_new(&config, &S) != LUNA_OK) return false;
    luna_value f{};
    if (luna_new_function(S, twice, nullptr, nullptr, &f) != LUNA_OK) return false;
    luna_set_global(S, "twice", 5, &f, nullptr);
    luna_value_release(&f);
    const char code[] =
        "local seed = ...\n"
        "local t = {}\n"
        "for i = 1, 2000 do t[i] = twice(i) + seed end\n"
        "local co = coroutine.wrap(function() for i = 1, 100 do coroutine.yield(t[i]) end end)\n"
        "local s = 0 for i = 1, 100 do s = s + co() end\n"
        "local parts = {} for i = 1, 200 do parts[i] = tostring(i) end\n"
        "collectgarbage()\n"
        "return s, #table.concat(parts)";
    luna_value arg = luna_integer(seed);
    luna_values r{0, nullptr};
    luna_status st = luna_execute(S, code, sizeof code - 1, "=worker", &arg, 1, &r, nullptr);
    bool ok = st == LUNA_OK && r.count == 2 && r.items[0].integer == 101 * 100 + 100LL * seed &&
              r.items[1].integer == 492;
    luna_values_release(&r);
    luna_state_close(S);
    if (!ok) return false;
  }
  return true;
}

TEST(EmbedThreads, ManyStatesOnManyThreadsAtOnce) {
  constexpr int threads = 8;
  std::atomic<int> good{0};
  std::vector<std::thread> pool;
  for (int i = 0; i < threads; ++i) pool.emplace_back([i, &good] { good += work(i) ? 1 : 0; });
  for (auto& t : pool) t.join();
  EXPECT_EQ(good.load(), threads);
}

TEST(EmbedThreads, OneStateHandedOverBetweenThreads) {
  luna_state* S = nullptr;
  ASSERT_EQ(luna_state_new(nullptr, &S), LUNA_OK);
  for (int i = 0; i < 4; ++i) {
    std::thread t([S] { EXPECT_EQ(luna_execute(S, "n = (n or 0) + 1", 16, "=t", nullptr, 0, nullptr, nullptr), LUNA_OK); });
    t.join();
  }
  luna_value n{};
  ASSERT_EQ(luna_get_global(S, "n", 1, &n, nullptr), LUNA_OK);
  EXPECT_EQ(n.integer, 4);
  luna_state_close(S);
}

// Many states on many threads, each stopped by its own limit or by a cancel from yet another
// thread, then reused: the stop of one state never leaks into another.
TEST(EmbedThreads, LimitsAndCancelsOnManyThreadsAtOnce) {
  constexpr int threads = 6;
  std::atomic<int> good{0};
  std::vector<luna_state*> states(threads, nullptr);
  for (auto& S : states) ASSERT_EQ(luna_state_new(nullptr, &S), LUNA_OK);
  std::atomic<int> running{0};
  std::vector<std::thread> pool;
  for (int i = 0; i < threads; ++i) {
    pool.emplace_back([i, &states, &good, &running] {
      luna_state* S = states[i];
      const char loop[] = "local n = 0 while true do n = n + 1 pcall(function() for i = 1, 10 do end end) end";
      luna_status expected = LUNA_CANCELLED;
      if (i % 3 == 0) {
        luna_set_instruction_limit(S, 200000);
        expected = LUNA_ERROR_BUDGET;
      } else if (i % 3 == 1) {
        luna_set_timeout(S, 20000);
        expected = LUNA_ERROR_TIMEOUT;
      }
      running.fetch_add(1);
      luna_status st = luna_execute(S, loop, sizeof loop - 1, "=loop", nullptr, 0, nullptr, nullptr);
      luna_set_instruction_limit(S, 0);
      luna_set_timeout(S, 0);
      luna_values r{0, nullptr};
      luna_status again = luna_execute(S, "return 5", 8, "=again", nullptr, 0, &r, nullptr);
      bool ok = st == expected && again == LUNA_OK && r.count == 1 && r.items[0].integer == 5;
      luna_values_release(&r);
      good += ok ? 1 : 0;
    });
  }
  std::thread canceller([&] {
    while (running.load() < threads) std::this_thread::yield();
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    for (int i = 2; i < threads; i += 3) luna_cancel(states[i]);
  });
  for (auto& t : pool) t.join();
  canceller.join();
  EXPECT_EQ(good.load(), threads);
  for (auto* S : states) luna_state_close(S);
}

// Refs made by the owner and released by other threads while the owner keeps calling.
TEST(EmbedThreads, RefsReleasedFromOtherThreads) {
  luna_state* S = nullptr;
  ASSERT_EQ(luna_state_new(nullptr, &S), LUNA_OK);
  constexpr int count = 400;
  std::vector<luna_value> values(count);
  for (int i = 0; i < count; ++i) {
    char code[64];
    int n = std::snprintf(code, sizeof code, "return {%d}, 'string %d'", i, i);
    luna_values r{0, nullptr};
    ASSERT_EQ(luna_execute(S, code, static_cast<std::size_t>(n), "=make", nullptr, 0, &r, nullptr), LUNA_OK);
    values[i] = r.items[0];
    luna_value_release(&r.items[1]);
    r.items[0] = luna_nil();
    luna_values_release(&r);
  }
  std::vector<std::thread> releasers;
  for (int t = 0; t < 4; ++t) {
    releasers.emplace_back([t, &values] {
      for (int i = t; i < count; i += 4) luna_value_release(&values[i]);
    });
  }
  int calls_ok = 0;
  for (int i = 0; i < 50; ++i) {
    if (luna_execute(S, "collectgarbage() return 1", 25, "=gc", nullptr, 0, nullptr, nullptr) == LUNA_OK)
      ++calls_ok;
  }
  for (auto& t : releasers) t.join();
  EXPECT_EQ(calls_ok, 50);
  EXPECT_EQ(luna_execute(S, "collectgarbage() return 1", 25, "=gc", nullptr, 0, nullptr, nullptr), LUNA_OK);
  luna_state_close(S);
}

}  // namespace
}  // namespace luna::embed_test
