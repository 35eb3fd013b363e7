// luna.h values: every type crosses the boundary both ways with its exact type and payload.
#include <cmath>
#include <cstdint>
#include <limits>
#include <thread>

#include "embed_support.h"

namespace luna::embed_test {
namespace {

TEST(EmbedAbi, VersionAndStatusNames) {
  EXPECT_EQ(luna_abi_version(), static_cast<std::uint32_t>(LUNA_ABI_VERSION));
  EXPECT_EQ(luna_abi_version() >> 16, 1u);
  EXPECT_STREQ(luna_status_name(LUNA_OK), "LUNA_OK");
  EXPECT_STREQ(luna_status_name(LUNA_ERROR_MEMORY), "LUNA_ERROR_MEMORY");
  EXPECT_STREQ(luna_status_name(LUNA_CANCELLED), "LUNA_CANCELLED");
  EXPECT_STREQ(luna_status_name(99), "LUNA_UNKNOWN");
}

TEST(EmbedAbi, NullArgumentsAreRefused) {
  EXPECT_EQ(luna_state_new(nullptr, nullptr), LUNA_ERROR_ARGUMENT);
  luna_config bad{4, LUNA_LIBS_FULL, 0, 0, 0};
  luna_state* S = nullptr;
  EXPECT_EQ(luna_state_new(&bad, &S), LUNA_ERROR_ARGUMENT);
  EXPECT_EQ(S, nullptr);
  luna_value nil = luna_nil();
  EXPECT_EQ(luna_call(nullptr, &nil, nullptr, 0, nullptr, nullptr), LUNA_ERROR_ARGUMENT);
  luna_state_close(nullptr);
}

class EmbedValues : public StateTest {
 protected:
  void SetUp() override {
    StateTest::SetUp();
    OwnedValues r;
    ASSERT_EQ(run("return function(...) return ... end", &r), LUNA_OK);
    ASSERT_EQ(r.size(), 1u);
    ASSERT_EQ(luna_value_copy(S, &r[0], &identity.v), LUNA_OK);
  }
  void TearDown() override {
    luna_value_release(&identity.v);
    StateTest::TearDown();
  }
  Owned identity;
};

TEST_F(EmbedValues, ScalarsRoundTripWithExactTypes) {
  const char bytes[] = {'a', '\0', 'b', '\xff', '\xfe'};
  int anchor = 0;
  luna_value in[] = {luna_nil(),
                     luna_boolean(1),
                     luna_boolean(0),
                     luna_integer(std::numeric_limits<std::int64_t>::min()),
                     luna_integer(42),
                     luna_float(3.0),
                     luna_float(std::nan("")),
                     luna_float(-0.0),
                     luna_string(bytes, sizeof bytes),
                     luna_string(nullptr, 0),
                     luna_lightuserdata(&anchor)};
  OwnedValues out;
  ASSERT_EQ(luna_call(S, &identity.v, in, std::size(in), &out.v, nullptr), LUNA_OK);
  ASSERT_EQ(out.size(), std::size(in));
  EXPECT_EQ(out[0].type, LUNA_TNIL);
  EXPECT_EQ(out[1].type, LUNA_TBOOLEAN);
  EXPECT_EQ(out[1].boolean, 1);
  EXPECT_EQ(out[2].boolean, 0);
  EXPECT_EQ(out[3].type, LUNA_TINTEGER);
  EXPECT_EQ(out[3].integer, std::numeric_limits<std::int64_t>::min());
  EXPECT_EQ(out[4].integer, 42);
  EXPECT_EQ(out[5].type, LUNA_TFLOAT);  // 3.0 stays a float
  EXPECT_EQ(out[5].number, 3.0);
  EXPECT_TRUE(std::isnan(out[6].number));
  EXPECT_TRUE(std::signbit(out[7].number));
  ASSERT_EQ(out[8].type, LUNA_TSTRING);
  ASSERT_EQ(out[8].length, sizeof bytes);
  EXPECT_EQ(std::string(out[8].string, out[8].length), std::string(bytes, sizeof bytes));
  EXPECT_EQ(out[8].string[out[8].length], '\0');  // NUL-terminated for convenience
  EXPECT_EQ(out[9].type, LUNA_TSTRING);
  EXPECT_EQ(out[9].length, 0u);
  EXPECT_EQ(out[10].type, LUNA_TLIGHTUSERDATA);
  EXPECT_EQ(out[10].pointer, &anchor);
}

TEST_F(EmbedValues, IntegersAndFloatsFromLuaStayDistinct) {
  OwnedValues r;
  ASSERT_EQ(run("return 3, 3.0, 2^53, 7 // 2, 7 / 2, math.maxinteger, '10'", &r), LUNA_OK);
  ASSERT_EQ(r.size(), 7u);
  EXPECT_EQ(r[0].type, LUNA_TINTEGER);
  EXPECT_EQ(r[1].type, LUNA_TFLOAT);
  EXPECT_EQ(r[2].type, LUNA_TFLOAT);
  EXPECT_EQ(r[2].number, 9007199254740992.0);
  EXPECT_EQ(r[3].type, LUNA_TINTEGER);
  EXPECT_EQ(r[3].integer, 3);
  EXPECT_EQ(r[4].type, LUNA_TFLOAT);
  EXPECT_EQ(r[4].number, 3.5);
  EXPECT_EQ(r[5].integer, std::numeric_limits<std::int64_t>::max());
  EXPECT_EQ(r[6].type, LUNA_TSTRING);  // no silent conversion
  EXPECT_EQ(text(r[6]), "10");
}

TEST_F(EmbedValues, ReferenceTypesRoundTripByIdentity) {
  OwnedValues made;
  ASSERT_EQ(run("t = {}; f = function() end; u = io.stdout; c = coroutine.create(f)\n"
                "return t, f, u, c",
                &made),
            LUNA_OK);
  ASSERT_EQ(made.size(), 4u);
  EXPECT_EQ(made[0].type, LUNA_TTABLE);
  EXPECT_EQ(made[1].type, LUNA_TFUNCTION);
  EXPECT_EQ(made[2].type, LUNA_TUSERDATA);
  EXPECT_NE(made[2].pointer, nullptr);
  EXPECT_EQ(made[3].type, LUNA_TTHREAD);
  OwnedValues back;
  ASSERT_EQ(luna_call(S, &identity.v, made.v.items, made.size(), &back.v, nullptr), LUNA_OK);
  ASSERT_EQ(back.size(), 4u);
  for (std::size_t i = 0; i < 4; ++i) EXPECT_EQ(luna_rawequal(S, &made[i], &back[i]), 1) << i;
  // and Lua sees the very same objects
  OwnedValues check;
  luna_value args[] = {back[0], back[1], back[2], back[3]};
  OwnedValues f;
  ASSERT_EQ(run("return function(p, q, r, s) return p == t and q == f and r == u and s == c end", &f),
            LUNA_OK);
  ASSERT_EQ(luna_call(S, &f[0], args, 4, &check.v, nullptr), LUNA_OK);
  ASSERT_EQ(check.size(), 1u);
  EXPECT_EQ(check[0].boolean, 1);
}

TEST_F(EmbedValues, OwnedValuesOutliveTheLuaReferences) {
  OwnedValues r;
  ASSERT_EQ(run("local t = {answer = 42}; return t", &r), LUNA_OK);
  ASSERT_EQ(run("collectgarbage(); collectgarbage()"), LUNA_OK);
  Owned v;
  luna_value key = str("answer");
  ASSERT_EQ(luna_get(S, &r[0], &key, &v, nullptr), LUNA_OK);  // anchored: not collected
  EXPECT_EQ(v.v.integer, 42);
}

TEST_F(EmbedValues, ForeignOrDeadHandlesAreArgumentErrors) {
  luna_state* other = nullptr;
  ASSERT_EQ(luna_state_new(nullptr, &other), LUNA_OK);
  luna_value t{};
  ASSERT_EQ(luna_new_table(other, 0, 0, &t), LUNA_OK);
  OwnedError e;
  EXPECT_EQ(luna_call(S, &identity.v, &t, 1, nullptr, &e.e), LUNA_ERROR_ARGUMENT);
  EXPECT_EQ(luna_error_status(e.e), LUNA_ERROR_ARGUMENT);
  luna_value bogus = luna_nil();
  bogus.type = LUNA_TTABLE;  // no ref
  EXPECT_EQ(luna_call(S, &identity.v, &bogus, 1, nullptr, nullptr), LUNA_ERROR_ARGUMENT);
  luna_state_close(other);
  // Released after its state closed: only the handle is freed.
  luna_value_release(&t);
  EXPECT_EQ(t.type, LUNA_TNIL);
}

TEST_F(EmbedValues, ReleasesFromAnotherThreadAreQueued) {
  OwnedValues r;
  ASSERT_EQ(run("local r = {} for i = 1, 100 do r[i] = {} end return table.unpack(r)", &r), LUNA_OK);
  ASSERT_EQ(r.size(), 100u);
  std::thread releaser([&] { luna_values_release(&r.v); });
  releaser.join();
  EXPECT_EQ(r.size(), 0u);
  OwnedValues after;
  EXPECT_EQ(run("collectgarbage() return 1", &after), LUNA_OK);  // drains the queue
  ASSERT_EQ(after.size(), 1u);
}

TEST_F(EmbedValues, CopyAndUserdata) {
  Owned u;
  void* block = nullptr;
  ASSERT_EQ(luna_new_userdata(S, 16, &u.v, &block), LUNA_OK);
  ASSERT_NE(block, nullptr);
  EXPECT_EQ(luna_userdata_block(S, &u.v), block);
  Owned copy;
  ASSERT_EQ(luna_value_copy(S, &u.v, &copy.v), LUNA_OK);
  EXPECT_EQ(luna_rawequal(S, &u.v, &copy.v), 1);
  EXPECT_NE(copy.v.ref, u.v.ref);  // a distinct anchor, released on its own
  luna_value s = str("bytes");
  Owned scopy;
  ASSERT_EQ(luna_value_copy(S, &s, &scopy.v), LUNA_OK);
  EXPECT_NE(scopy.v.string, s.string);
  EXPECT_EQ(text(scopy.v), "bytes");
}

}  // namespace
}  // namespace luna::embed_test
