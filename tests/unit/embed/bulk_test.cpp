// luna.h fast paths: bulk array access (luna_rawset_array / luna_rawget_array), luna_call_into,
// luna_get_fast / luna_set_fast and luna_results_push_many.
#include <cmath>
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

namespace luna::embed_test {
namespace {

using EmbedFastAccess = StateTest;

TEST_F(EmbedFastAccess, PlainTableGetAndSet) {
  Owned t;
  ASSERT_EQ(luna_new_table(S, 0, 0, &t.v), LUNA_OK);
  luna_value key = str("k");
  luna_value one = luna_integer(1);
  ASSERT_EQ(luna_set_fast(S, &t.v, &key, &one, nullptr), LUNA_OK);  // a new key: the general path
  luna_value two = luna_integer(2);
  ASSERT_EQ(luna_set_fast(S, &t.v, &key, &two, nullptr), LUNA_OK);  // an existing slot
  Owned got;
  ASSERT_EQ(luna_get_fast(S, &t.v, &key, &got.v, nullptr), LUNA_OK);
  EXPECT_EQ(got.v.type, LUNA_TINTEGER);
  EXPECT_EQ(got.v.integer, 2);
  luna_value never = str("a key this state has never seen 8f3a");
  Owned missing;
  ASSERT_EQ(luna_get_fast(S, &t.v, &never, &missing.v, nullptr), LUNA_OK);
  EXPECT_EQ(missing.v.type, LUNA_TNIL);
  // Integer and integral float keys are the same key; strings and tables come back owned.
  luna_value i3 = luna_integer(3);
  luna_value f3 = luna_float(3.0);
  luna_value hello = str("hello");
  ASSERT_EQ(luna_set_fast(S, &t.v, &i3, &hello, nullptr), LUNA_OK);
  Owned s;
  ASSERT_EQ(luna_get_fast(S, &t.v, &f3, &s.v, nullptr), LUNA_OK);
  EXPECT_EQ(text(s.v), "hello");
  ASSERT_EQ(luna_set_fast(S, &t.v, &f3, &t.v, nullptr), LUNA_OK);
  Owned self;
  ASSERT_EQ(luna_get_fast(S, &t.v, &i3, &self.v, nullptr), LUNA_OK);
  EXPECT_EQ(luna_rawequal(S, &self.v, &t.v), 1);
  // Assigning nil through an existing slot removes the field.
  luna_value nil = luna_nil();
  ASSERT_EQ(luna_set_fast(S, &t.v, &key, &nil, nullptr), LUNA_OK);
  OwnedValues checked;
  std::string code = "local t = ... return t.k, t[3] == t";
  ASSERT_EQ(luna_execute(S, code.data(), code.size(), "=fast", &t.v, 1, &checked.v, nullptr), LUNA_OK);
  EXPECT_EQ(checked[0].type, LUNA_TNIL);
  EXPECT_EQ(checked[1].boolean, 1);
}

TEST_F(EmbedFastAccess, MetamethodsStillRun) {
  OwnedValues made;
  ASSERT_EQ(run("written = nil return setmetatable({}, {__index = function(_, k) return 'meta ' .. k end,"
                "  __newindex = function(_, k, v) written = k .. '=' .. v end})",
                &made),
            LUNA_OK);
  luna_value key = str("x");
  Owned got;
  ASSERT_EQ(luna_get_fast(S, &made[0], &key, &got.v, nullptr), LUNA_OK);
  EXPECT_EQ(text(got.v), "meta x");
  luna_value seven = luna_integer(7);
  ASSERT_EQ(luna_set_fast(S, &made[0], &key, &seven, nullptr), LUNA_OK);
  Owned written;
  ASSERT_EQ(luna_get_global(S, "written", 7, &written.v, nullptr), LUNA_OK);
  EXPECT_EQ(text(written.v), "x=7");
}

TEST_F(EmbedFastAccess, SameStatusesAsTheGeneralCalls) {
  Owned t;
  ASSERT_EQ(luna_new_table(S, 0, 0, &t.v), LUNA_OK);
  luna_value nil = luna_nil();
  luna_value nan = luna_float(std::nan(""));
  luna_value one = luna_integer(1);
  EXPECT_EQ(luna_set_fast(S, &t.v, &nil, &one, nullptr), luna_set(S, &t.v, &nil, &one, nullptr));
  EXPECT_EQ(luna_set_fast(S, &t.v, &nan, &one, nullptr), luna_set(S, &t.v, &nan, &one, nullptr));
  EXPECT_NE(luna_set_fast(S, &t.v, &nan, &one, nullptr), LUNA_OK);
  Owned out;
  EXPECT_EQ(luna_get_fast(S, &t.v, &nan, &out.v, nullptr), LUNA_OK);
  EXPECT_EQ(out.v.type, LUNA_TNIL);
  OwnedError error;
  EXPECT_EQ(luna_get_fast(S, &one, &one, &out.v, &error.e), LUNA_ERROR_RUNTIME);  // index a number
  EXPECT_NE(error.e, nullptr);
  EXPECT_EQ(luna_get_fast(S, &t.v, &one, nullptr, nullptr), LUNA_ERROR_ARGUMENT);
  EXPECT_EQ(luna_set_fast(S, nullptr, &one, &one, nullptr), LUNA_ERROR_ARGUMENT);
  EXPECT_EQ(luna_get_fast(nullptr, &t.v, &one, &out.v, nullptr), LUNA_ERROR_ARGUMENT);
}

TEST_F(EmbedFastAccess, StoresKeepNewObjectsAlive) {
  Owned t;
  ASSERT_EQ(luna_new_table(S, 0, 0, &t.v), LUNA_OK);
  luna_value key = str("slot");
  luna_value zero = luna_integer(0);
  ASSERT_EQ(luna_set_fast(S, &t.v, &key, &zero, nullptr), LUNA_OK);
  ASSERT_EQ(run("collectgarbage()"), LUNA_OK);  // t is old (black) now
  for (int i = 0; i < 300; ++i) {
    Owned fresh;
    ASSERT_EQ(luna_new_table(S, 0, 0, &fresh.v), LUNA_OK);
    luna_value n = luna_integer(i);
    ASSERT_EQ(luna_set_fast(S, &fresh.v, &n, &n, nullptr), LUNA_OK);  // a new key: general path
    ASSERT_EQ(luna_set_fast(S, &t.v, &key, &fresh.v, nullptr), LUNA_OK);  // existing slot: barrier
    luna_value_release(&fresh.v);  // now only t.slot holds it
    ASSERT_EQ(run("collectgarbage('step', 1) local s = {} for i = 1, 20 do s[i] = {i} end"), LUNA_OK);
  }
  OwnedValues checked;
  std::string code = "local t = ... collectgarbage() return t.slot[299]";
  ASSERT_EQ(luna_execute(S, code.data(), code.size(), "=fast", &t.v, 1, &checked.v, nullptr), LUNA_OK);
  EXPECT_EQ(checked[0].integer, 299);
}

TEST_F(EmbedFastAccess, MemoryLimitFailsCleanly) {
  open(LUNA_LIB_BASE, 256 * 1024);
  Owned t;
  ASSERT_EQ(luna_new_table(S, 0, 0, &t.v), LUNA_OK);
  std::string big(1024, 'x');
  luna_status st = LUNA_OK;
  for (int i = 0; i < 1000 && st == LUNA_OK; ++i) {
    luna_value key = luna_integer(i + 1);
    luna_value value = luna_string(big.data(), big.size() - static_cast<std::size_t>(i % 7));
    st = luna_set_fast(S, &t.v, &key, &value, nullptr);
  }
  EXPECT_EQ(st, LUNA_ERROR_MEMORY);
  luna_value one = luna_integer(1);
  EXPECT_EQ(luna_set_fast(S, &t.v, &one, &one, nullptr), LUNA_OK);  // the state is still usable
}

TEST_F(EmbedFastAccess, PendingCancelWaitsForCodeToRun) {
  Owned t;
  ASSERT_EQ(luna_new_table(S, 0, 0, &t.v), LUNA_OK);
  luna_value key = luna_integer(1);
  luna_value value = luna_integer(9);
  ASSERT_EQ(luna_set_fast(S, &t.v, &key, &value, nullptr), LUNA_OK);
  luna_cancel(S);
  Owned got;
  EXPECT_EQ(luna_get_fast(S, &t.v, &key, &got.v, nullptr), LUNA_OK);  // direct: runs no code
  EXPECT_EQ(got.v.integer, 9);
  EXPECT_EQ(luna_set_fast(S, &t.v, &key, &key, nullptr), LUNA_OK);
  EXPECT_EQ(run("return 1"), LUNA_CANCELLED);  // the cancel reaches the next call that runs code
  EXPECT_EQ(run("return 1"), LUNA_OK);
}

luna_status push_three(void*, luna_state*, const luna_value* args, std::size_t nargs, luna_results* out) {
  luna_value values[3] = {nargs > 0 ? args[0] : luna_nil(), luna_integer(42), luna_boolean(1)};
  return luna_results_push_many(out, values, 3);
}

TEST_F(EmbedFastAccess, ResultsPushMany) {
  Owned fn;
  ASSERT_EQ(luna_new_function(S, push_three, nullptr, nullptr, &fn.v), LUNA_OK);
  ASSERT_EQ(luna_set_global(S, "three", 5, &fn.v, nullptr), LUNA_OK);
  OwnedValues checked;
  ASSERT_EQ(run("local a, b, c = three('text') local d, e, f = three({7})"
                " return a, b, c, d[1], select('#', three())",
                &checked),
            LUNA_OK);
  EXPECT_EQ(text(checked[0]), "text");  // a string: the protected path
  EXPECT_EQ(checked[1].integer, 42);
  EXPECT_EQ(checked[2].boolean, 1);
  EXPECT_EQ(checked[3].integer, 7);  // a table: pushed directly
  EXPECT_EQ(checked[4].integer, 3);
  EXPECT_EQ(luna_results_push_many(nullptr, nullptr, 0), LUNA_ERROR_ARGUMENT);
}

}  // namespace
}  // namespace luna::embed_test
