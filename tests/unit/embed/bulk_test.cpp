// luna.h bulk array access: luna_rawset_array / luna_rawget_array.
#include <string>

#include "embed_support.h"

namespace luna::embed_test {
namespace {

using EmbedBulk = StateTest;

TEST_F(EmbedBulk, SetThenGetRoundTripsMixedValues) {
  Owned t;
  ASSERT_EQ(luna_new_table(S, 0, 0, &t.v), LUNA_OK);
  Owned inner;
  ASSERT_EQ(luna_new_table(S, 0, 0, &inner.v), LUNA_OK);
  luna_value values[5] = {luna_integer(7), luna_float(2.5), str("bytes\0x"), luna_boolean(1), inner.v};
  values[2].length = 7;  // the embedded NUL is kept
  ASSERT_EQ(luna_rawset_array(S, &t.v, 1, values, 5), LUNA_OK);
  OwnedValues checked;
  std::string code = "local t = ... return #t, t[1], math.type(t[2]), #t[3], t[4], type(t[5])";
  ASSERT_EQ(luna_execute(S, code.data(), code.size(), "=bulk", &t.v, 1, &checked.v, nullptr), LUNA_OK);
  EXPECT_EQ(checked[0].integer, 5);
  EXPECT_EQ(checked[1].integer, 7);
  EXPECT_EQ(text(checked[2]), "float");
  EXPECT_EQ(checked[3].integer, 7);
  EXPECT_EQ(checked[4].boolean, 1);
  EXPECT_EQ(text(checked[5]), "table");

  luna_value out[6];
  ASSERT_EQ(luna_rawget_array(S, &t.v, 1, 6, out), LUNA_OK);
  EXPECT_EQ(out[0].type, LUNA_TINTEGER);
  EXPECT_EQ(out[1].number, 2.5);
  EXPECT_EQ(std::string(out[2].string, out[2].length), std::string("bytes\0x", 7));
  EXPECT_EQ(out[4].type, LUNA_TTABLE);
  EXPECT_EQ(luna_rawequal(S, &out[4], &inner.v), 1);
  EXPECT_EQ(out[5].type, LUNA_TNIL);  // past the end
  for (luna_value& v : out) luna_value_release(&v);
}

TEST_F(EmbedBulk, OffsetsAndNilClearSlots) {
  Owned t;
  ASSERT_EQ(luna_new_table(S, 0, 0, &t.v), LUNA_OK);
  luna_value three[3] = {luna_integer(1), luna_integer(2), luna_integer(3)};
  ASSERT_EQ(luna_rawset_array(S, &t.v, 10, three, 3), LUNA_OK);
  luna_value clear = luna_nil();
  ASSERT_EQ(luna_rawset_array(S, &t.v, 11, &clear, 1), LUNA_OK);
  luna_value out[3];
  ASSERT_EQ(luna_rawget_array(S, &t.v, 10, 3, out), LUNA_OK);
  EXPECT_EQ(out[0].integer, 1);
  EXPECT_EQ(out[1].type, LUNA_TNIL);
  EXPECT_EQ(out[2].integer, 3);
}

TEST_F(EmbedBulk, RawAccessIgnoresMetamethods) {
  OwnedValues made;
  ASSERT_EQ(run("return setmetatable({}, {__newindex = function() error('no') end,"
                "                         __index = function() return 'meta' end})",
                &made),
            LUNA_OK);
  luna_value v = luna_integer(5);
  ASSERT_EQ(luna_rawset_array(S, &made[0], 1, &v, 1), LUNA_OK);
  luna_value out[2];
  ASSERT_EQ(luna_rawget_array(S, &made[0], 1, 2, out), LUNA_OK);
  EXPECT_EQ(out[0].integer, 5);
  EXPECT_EQ(out[1].type, LUNA_TNIL);  // raw: __index not consulted
}

TEST_F(EmbedBulk, Misuse) {
  luna_value n = luna_integer(1);
  luna_value out[1];
  EXPECT_EQ(luna_rawset_array(S, &n, 1, &n, 1), LUNA_ERROR_TYPE);
  EXPECT_EQ(luna_rawget_array(S, &n, 1, 1, out), LUNA_ERROR_TYPE);
  EXPECT_EQ(out[0].type, LUNA_TNIL);
  EXPECT_EQ(luna_rawset_array(S, nullptr, 1, &n, 1), LUNA_ERROR_ARGUMENT);
  Owned t;
  ASSERT_EQ(luna_new_table(S, 0, 0, &t.v), LUNA_OK);
  EXPECT_EQ(luna_rawset_array(S, &t.v, 1, nullptr, 1), LUNA_ERROR_ARGUMENT);
  EXPECT_EQ(luna_rawset_array(S, &t.v, 1, nullptr, 0), LUNA_OK);
}

TEST_F(EmbedBulk, MemoryLimitFailsCleanly) {
  open(LUNA_LIB_BASE, 256 * 1024);
  Owned t;
  ASSERT_EQ(luna_new_table(S, 0, 0, &t.v), LUNA_OK);
  std::string big(1024, 'x');
  luna_value values[1000];
  for (luna_value& v : values) v = luna_string(big.data(), big.size() - 1);
  for (std::size_t i = 0; i < 1000; ++i) values[i].length = 1000 - i % 7;  // distinct strings
  EXPECT_EQ(luna_rawset_array(S, &t.v, 1, values, 1000), LUNA_ERROR_MEMORY);
  luna_value one = luna_integer(1);
  EXPECT_EQ(luna_rawset_array(S, &t.v, 1, &one, 1), LUNA_OK);  // the state is still usable
}

}  // namespace
}  // namespace luna::embed_test

namespace luna::embed_test {
namespace {

class EmbedCallInto : public StateTest {
 protected:
  luna_value function_of(OwnedValues& holder, std::string_view code) {
    EXPECT_EQ(run(code, &holder), LUNA_OK);
    return holder[0];
  }
};

TEST_F(EmbedCallInto, PlainResultsGoToTheCallersArray) {
  OwnedValues holder;
  luna_value fn = function_of(holder, "return function(a, b) return a + b, a * 1.5, a < b, nil end");
  luna_value args[2] = {luna_integer(2), luna_integer(3)};
  luna_value results[4];
  std::size_t count = 0;
  luna_values overflow{};
  ASSERT_EQ(luna_call_into(S, &fn, args, 2, results, 4, &count, &overflow, nullptr), LUNA_OK);
  ASSERT_EQ(count, 4u);
  EXPECT_EQ(overflow.count, 0u);
  EXPECT_EQ(results[0].type, LUNA_TINTEGER);
  EXPECT_EQ(results[0].integer, 5);
  EXPECT_EQ(results[1].number, 3.0);
  EXPECT_EQ(results[2].boolean, 1);
  EXPECT_EQ(results[3].type, LUNA_TNIL);
}

TEST_F(EmbedCallInto, OwnedResultsStringsAndTables) {
  OwnedValues holder;
  luna_value fn = function_of(holder, "return function(t) return 'text', t, {1} end");
  Owned t;
  ASSERT_EQ(luna_new_table(S, 0, 0, &t.v), LUNA_OK);
  luna_value results[3];
  std::size_t count = 0;
  luna_values overflow{};
  ASSERT_EQ(luna_call_into(S, &fn, &t.v, 1, results, 3, &count, &overflow, nullptr), LUNA_OK);
  ASSERT_EQ(count, 3u);
  EXPECT_EQ(text(results[0]), "text");
  EXPECT_EQ(luna_rawequal(S, &results[1], &t.v), 1);
  EXPECT_EQ(results[2].type, LUNA_TTABLE);
  for (luna_value& v : results) luna_value_release(&v);
}

TEST_F(EmbedCallInto, TooManyResultsGoToOverflow) {
  OwnedValues holder;
  luna_value fn = function_of(holder, "return function() return 1, 2, 3 end");
  luna_value results[2] = {luna_nil(), luna_nil()};
  std::size_t count = 0;
  luna_values overflow{};
  ASSERT_EQ(luna_call_into(S, &fn, nullptr, 0, results, 2, &count, &overflow, nullptr), LUNA_OK);
  EXPECT_EQ(count, 3u);
  ASSERT_EQ(overflow.count, 3u);
  EXPECT_EQ(overflow.items[2].integer, 3);
  luna_values_release(&overflow);
}

TEST_F(EmbedCallInto, StringArgumentsTakeTheGeneralPath) {
  OwnedValues holder;
  luna_value fn = function_of(holder, "return function(s) return #s end");
  luna_value arg = str("four");
  luna_value result;
  std::size_t count = 0;
  luna_values overflow{};
  ASSERT_EQ(luna_call_into(S, &fn, &arg, 1, &result, 1, &count, &overflow, nullptr), LUNA_OK);
  ASSERT_EQ(count, 1u);
  EXPECT_EQ(result.integer, 4);
}

TEST_F(EmbedCallInto, ErrorsKeepValueAndTraceback) {
  OwnedValues holder;
  std::string_view code = "local function inner() error({code = 7}) end\nreturn function() inner() end";
  ASSERT_EQ(luna_execute(S, code.data(), code.size(), "@into.lua", nullptr, 0, &holder.v, nullptr), LUNA_OK);
  luna_value fn = holder[0];
  std::size_t count = 0;
  luna_values overflow{};
  OwnedError error;
  ASSERT_EQ(luna_call_into(S, &fn, nullptr, 0, nullptr, 0, &count, &overflow, &error.e), LUNA_ERROR_RUNTIME);
  ASSERT_NE(error.e, nullptr);
  EXPECT_EQ(luna_error_value(error.e)->type, LUNA_TTABLE);
  std::size_t frames = luna_error_frame_count(error.e);
  ASSERT_GE(frames, 3u);  // error, inner, the function
  luna_frame frame;
  ASSERT_EQ(luna_error_frame(error.e, 1, &frame), LUNA_OK);
  EXPECT_STREQ(frame.source, "into.lua");
  EXPECT_EQ(frame.line, 1);
  ASSERT_EQ(luna_error_frame(error.e, frames - 1, &frame), LUNA_OK);
  EXPECT_EQ(frame.line, 2);
}

TEST_F(EmbedCallInto, LimitsAndCancelApply) {
  OwnedValues holder;
  luna_value fn = function_of(holder, "return function() while true do pcall(function() while true do end end) end end");
  ASSERT_EQ(luna_set_instruction_limit(S, 100000), LUNA_OK);
  std::size_t count = 0;
  luna_values overflow{};
  EXPECT_EQ(luna_call_into(S, &fn, nullptr, 0, nullptr, 0, &count, &overflow, nullptr), LUNA_ERROR_BUDGET);
  ASSERT_EQ(luna_set_instruction_limit(S, 0), LUNA_OK);
  luna_cancel(S);
  EXPECT_EQ(luna_call_into(S, &fn, nullptr, 0, nullptr, 0, &count, &overflow, nullptr), LUNA_CANCELLED);
  OwnedValues again;
  luna_value ok = function_of(again, "return function() return 1 end");
  luna_value result;
  EXPECT_EQ(luna_call_into(S, &ok, nullptr, 0, &result, 1, &count, &overflow, nullptr), LUNA_OK);
}

TEST_F(EmbedCallInto, Misuse) {
  OwnedValues holder;
  luna_value fn = function_of(holder, "return print");
  luna_values overflow{};
  EXPECT_EQ(luna_call_into(S, &fn, nullptr, 0, nullptr, 0, nullptr, &overflow, nullptr), LUNA_ERROR_ARGUMENT);
  std::size_t count = 0;
  EXPECT_EQ(luna_call_into(S, &fn, nullptr, 0, nullptr, 0, &count, nullptr, nullptr), LUNA_ERROR_ARGUMENT);
}

}  // namespace
}  // namespace luna::embed_test
