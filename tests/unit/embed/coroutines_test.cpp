// luna.h coroutines driven from the host: values out on yield, values in on resume, status.
#include "embed_support.h"

namespace luna::embed_test {
namespace {

using EmbedCoroutines = StateTest;

TEST_F(EmbedCoroutines, YieldedValuesOutResumeValuesIn) {
  OwnedValues f;
  ASSERT_EQ(run("return function(a)\n"
                "  local b = coroutine.yield(a + 1, 'first')\n"
                "  local c = coroutine.yield(b * 2)\n"
                "  return 'done', c\n"
                "end",
                &f),
            LUNA_OK);
  Owned co;
  ASSERT_EQ(luna_coroutine_new(S, &f[0], &co.v), LUNA_OK);
  ASSERT_EQ(co.v.type, LUNA_TTHREAD);
  EXPECT_EQ(luna_coroutine_status_of(S, &co.v), LUNA_CO_SUSPENDED);

  luna_value one = luna_integer(1);
  OwnedValues y1;
  ASSERT_EQ(luna_resume(S, &co.v, &one, 1, &y1.v, nullptr), LUNA_YIELD);
  ASSERT_EQ(y1.size(), 2u);
  EXPECT_EQ(y1[0].integer, 2);
  EXPECT_EQ(text(y1[1]), "first");
  EXPECT_EQ(luna_coroutine_status_of(S, &co.v), LUNA_CO_SUSPENDED);

  luna_value twenty = luna_integer(20);
  OwnedValues y2;
  ASSERT_EQ(luna_resume(S, &co.v, &twenty, 1, &y2.v, nullptr), LUNA_YIELD);
  ASSERT_EQ(y2.size(), 1u);
  EXPECT_EQ(y2[0].integer, 40);

  luna_value last = str("end");
  OwnedValues done;
  ASSERT_EQ(luna_resume(S, &co.v, &last, 1, &done.v, nullptr), LUNA_OK);
  ASSERT_EQ(done.size(), 2u);
  EXPECT_EQ(text(done[0]), "done");
  EXPECT_EQ(text(done[1]), "end");
  EXPECT_EQ(luna_coroutine_status_of(S, &co.v), LUNA_CO_DEAD);
  OwnedError e;
  EXPECT_EQ(luna_resume(S, &co.v, nullptr, 0, nullptr, &e.e), LUNA_ERROR_ARGUMENT);
  EXPECT_NE(e.message().find("non-suspended"), std::string::npos);
}

TEST_F(EmbedCoroutines, ErrorsKeepValueAndTheCoroutinesTraceback) {
  OwnedValues f;
  const char code[] =
      "return function()\n"
      "  coroutine.yield(1)\n"
      "  local t = setmetatable({}, {__name = 'Thing'})\n"
      "  error(t)\n"
      "end";
  ASSERT_EQ(luna_execute(S, code, sizeof code - 1, "@co.lua", nullptr, 0, &f.v, nullptr), LUNA_OK);
  Owned co;
  ASSERT_EQ(luna_coroutine_new(S, &f[0], &co.v), LUNA_OK);
  ASSERT_EQ(luna_resume(S, &co.v, nullptr, 0, nullptr, nullptr), LUNA_YIELD);
  OwnedError e;
  ASSERT_EQ(luna_resume(S, &co.v, nullptr, 0, nullptr, &e.e), LUNA_ERROR_RUNTIME);
  EXPECT_EQ(luna_error_value(e.e)->type, LUNA_TTABLE);
  EXPECT_EQ(e.message(), "(error object is a table value)");
  bool found = false;
  for (std::size_t i = 0; i < luna_error_frame_count(e.e); ++i) {
    luna_frame fr{};
    ASSERT_EQ(luna_error_frame(e.e, i, &fr), LUNA_OK);
    if (std::string(fr.source) == "co.lua" && fr.line == 4) found = true;
  }
  EXPECT_TRUE(found) << "the frame of error(t) at co.lua:4";
  EXPECT_EQ(luna_coroutine_status_of(S, &co.v), LUNA_CO_DEAD);
}

TEST_F(EmbedCoroutines, LuaCreatedCoroutinesAndGenerators) {
  OwnedValues gen;
  ASSERT_EQ(run("return coroutine.create(function() for i = 1, 3 do coroutine.yield(i) end end)", &gen),
            LUNA_OK);
  std::int64_t sum = 0;
  for (;;) {
    OwnedValues y;
    luna_status st = luna_resume(S, &gen[0], nullptr, 0, &y.v, nullptr);
    if (st == LUNA_OK) break;
    ASSERT_EQ(st, LUNA_YIELD);
    sum += y[0].integer;
  }
  EXPECT_EQ(sum, 6);
  luna_value five = luna_integer(5);
  EXPECT_EQ(luna_coroutine_status_of(S, &five), -1);
}

}  // namespace
}  // namespace luna::embed_test
