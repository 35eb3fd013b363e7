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
