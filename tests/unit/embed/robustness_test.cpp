// luna.h under stress: stack overflows, errors in finalizers and metamethods, failures inside
// callbacks, limits reached inside nested calls, binary-safe error values.
#include "embed_support.h"

namespace luna::embed_test {
namespace {

using EmbedRobustness = StateTest;

TEST_F(EmbedRobustness, StackOverflowIsAnOrdinaryError) {
  OwnedError e;
  EXPECT_EQ(run("local function f() return 1 + f() end return f()", nullptr, &e), LUNA_ERROR_RUNTIME);
  EXPECT_NE(e.message().find("stack overflow"), std::string::npos) << e.message();
  EXPECT_LE(luna_error_frame_count(e.e), 64u);
  OwnedValues r;
  ASSERT_EQ(run("return 1", &r), LUNA_OK);
}

TEST_F(EmbedRobustness, ErrorValuesAreBinarySafe) {
  OwnedError e;
  ASSERT_EQ(run("error('a\\0b\\255', 0)", nullptr, &e), LUNA_ERROR_RUNTIME);
  EXPECT_EQ(e.message(), std::string("a\0b\xff", 4));
  const luna_value* v = luna_error_value(e.e);
  ASSERT_EQ(v->type, LUNA_TSTRING);
  EXPECT_EQ(std::string(v->string, v->length), std::string("a\0b\xff", 4));
}

TEST_F(EmbedRobustness, FinalizerErrorsDoNotEscape) {
  OwnedValues r;
  ASSERT_EQ(run("setmetatable({}, {__gc = function() error('in gc') end}) collectgarbage() return 5", &r),
            LUNA_OK);
  EXPECT_EQ(r[0].integer, 5);
}

TEST_F(EmbedRobustness, HandlerErrorsHaveTheirStatus) {
  OwnedValues r;  // a script's own xpcall with a failing handler: Lua's own semantics
  ASSERT_EQ(run("return xpcall(error, function() error('again') end)", &r), LUNA_OK);
  EXPECT_EQ(r[0].boolean, 0);
}

luna_status nested_budget(void*, luna_state* S, const luna_value*, std::size_t, luna_results* out) {
  // A nested call hits the budget of the outer call; even if the callback ignores the status,
  // the stop goes on to the host.
  luna_status st = luna_execute(S, "while true do end", 17, "=inner", nullptr, 0, nullptr, nullptr);
  luna_value r = luna_integer(st);
  luna_results_push(out, &r);
  return LUNA_OK;
}

TEST_F(EmbedRobustness, AStopInsideANestedCallReachesTheHost) {
  luna_value f{};
  ASSERT_EQ(luna_new_function(S, nested_budget, nullptr, nullptr, &f), LUNA_OK);
  ASSERT_EQ(luna_set_global(S, "nested", 6, &f, nullptr), LUNA_OK);
  luna_value_release(&f);
  ASSERT_EQ(luna_set_instruction_limit(S, 30000), LUNA_OK);
  EXPECT_EQ(run("inner_status = nested() after = true"), LUNA_ERROR_BUDGET);
  ASSERT_EQ(luna_set_instruction_limit(S, 0), LUNA_OK);
  Owned after;
  ASSERT_EQ(luna_get_global(S, "after", 5, &after.v, nullptr), LUNA_OK);
  EXPECT_EQ(after.v.type, LUNA_TNIL);
}

luna_status memory_hungry(void*, luna_state* S, const luna_value*, std::size_t, luna_results* out) {
  // Pushing a big string fails under the limit: the callback sees a status, not a longjmp.
  static char big[1 << 20];
  luna_value v = luna_string(big, sizeof big);
  luna_status st = luna_results_push(out, &v);
  luna_value code = luna_integer(st);
  luna_results_push(out, &code);
  static_cast<void>(S);
  return LUNA_OK;
}

TEST_F(EmbedRobustness, AllocationFailuresInsideCallbacksAreStatuses) {
  luna_value f{};
  ASSERT_EQ(luna_new_function(S, memory_hungry, nullptr, nullptr, &f), LUNA_OK);
  ASSERT_EQ(luna_set_global(S, "hungry", 6, &f, nullptr), LUNA_OK);
  luna_value_release(&f);
  ASSERT_EQ(luna_set_memory_limit(S, luna_memory_used(S) + 256 * 1024), LUNA_OK);
  OwnedValues r;
  ASSERT_EQ(run("return hungry()", &r), LUNA_OK);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].integer, LUNA_ERROR_MEMORY);
}

TEST_F(EmbedRobustness, ValuesOfAClosedStateAreRejectedNotDereferenced) {
  luna_state* other = nullptr;
  ASSERT_EQ(luna_state_new(nullptr, &other), LUNA_OK);
  luna_value t{};
  ASSERT_EQ(luna_new_table(other, 0, 0, &t), LUNA_OK);
  luna_state_close(other);
  luna_value k = luna_integer(1);
  Owned out;
  EXPECT_EQ(luna_rawget(S, &t, &k, &out.v), LUNA_ERROR_ARGUMENT);
  luna_value_release(&t);
}

TEST_F(EmbedRobustness, ManyRefsAndReleasesKeepTheRegistrySmall) {
  std::uint64_t before = 0;
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < 2000; ++i) {
      Owned t;
      ASSERT_EQ(luna_new_table(S, 0, 0, &t.v), LUNA_OK);
    }
    ASSERT_EQ(run("collectgarbage() collectgarbage()"), LUNA_OK);
    if (round == 0) before = luna_memory_used(S);
  }
  EXPECT_LT(luna_memory_used(S), before + 64 * 1024);  // released slots are reused
}

}  // namespace
}  // namespace luna::embed_test
