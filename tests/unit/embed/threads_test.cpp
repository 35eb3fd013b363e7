// luna.h thread rules: many independent states running on many threads at once (this test is
// also run under ThreadSanitizer, see docs/embedding.md).
#include <atomic>
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

}  // namespace
}  // namespace luna::embed_test
