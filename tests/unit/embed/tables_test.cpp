// luna.h tables: get/set with and without metamethods, length, iteration, globals, metatables.
#include <map>

#include "embed_support.h"

namespace luna::embed_test {
namespace {

using EmbedTables = StateTest;

TEST_F(EmbedTables, SetGetRawAndMetamethods) {
  Owned t;
  ASSERT_EQ(luna_new_table(S, 4, 4, &t.v), LUNA_OK);
  luna_value k1 = luna_integer(1), v1 = str("one");
  ASSERT_EQ(luna_set(S, &t.v, &k1, &v1, nullptr), LUNA_OK);
  luna_value kf = luna_float(2.0), v2 = luna_integer(2);
  ASSERT_EQ(luna_rawset(S, &t.v, &kf, &v2), LUNA_OK);  // 2.0 normalises to key 2
  Owned got;
  luna_value k2 = luna_integer(2);
  ASSERT_EQ(luna_rawget(S, &t.v, &k2, &got.v), LUNA_OK);
  EXPECT_EQ(got.v.integer, 2);
  uint64_t n = 0;
  ASSERT_EQ(luna_rawlen(S, &t.v, &n), LUNA_OK);
  EXPECT_EQ(n, 2u);

  OwnedValues mt;
  ASSERT_EQ(run("return { __index = function(_, k) return 'dflt:' .. tostring(k) end,"
                "         __len = function() return 99 end }",
                &mt),
            LUNA_OK);
  ASSERT_EQ(luna_set_metatable(S, &t.v, &mt[0]), LUNA_OK);
  Owned missing;
  luna_value km = str("zz");
  ASSERT_EQ(luna_get(S, &t.v, &km, &missing.v, nullptr), LUNA_OK);
  EXPECT_EQ(text(missing.v), "dflt:zz");
  Owned raw;
  ASSERT_EQ(luna_rawget(S, &t.v, &km, &raw.v), LUNA_OK);
  EXPECT_EQ(raw.v.type, LUNA_TNIL);
  Owned len;
  ASSERT_EQ(luna_len(S, &t.v, &len.v, nullptr), LUNA_OK);
  EXPECT_EQ(len.v.integer, 99);
  ASSERT_EQ(luna_rawlen(S, &t.v, &n), LUNA_OK);
  EXPECT_EQ(n, 2u);
  Owned back;
  ASSERT_EQ(luna_get_metatable(S, &t.v, &back.v), LUNA_OK);
  EXPECT_EQ(luna_rawequal(S, &back.v, &mt[0]), 1);
  luna_value nil = luna_nil();
  ASSERT_EQ(luna_set_metatable(S, &t.v, &nil), LUNA_OK);
  Owned none;
  ASSERT_EQ(luna_get_metatable(S, &t.v, &none.v), LUNA_OK);
  EXPECT_EQ(none.v.type, LUNA_TNIL);
}

TEST_F(EmbedTables, ErrorsInMetamethodsAndBadKeys) {
  OwnedValues r;
  ASSERT_EQ(run("return setmetatable({}, {__index = function() error('no such field') end})", &r), LUNA_OK);
  Owned out;
  OwnedError e;
  luna_value k = str("x");
  EXPECT_EQ(luna_get(S, &r[0], &k, &out.v, &e.e), LUNA_ERROR_RUNTIME);
  EXPECT_NE(e.message().find("no such field"), std::string::npos);
  luna_value nil = luna_nil(), one = luna_integer(1);
  EXPECT_EQ(luna_rawset(S, &r[0], &nil, &one), LUNA_ERROR_ARGUMENT);
  luna_value notable = luna_integer(5);
  EXPECT_EQ(luna_rawget(S, &notable, &one, &out.v), LUNA_ERROR_TYPE);
  OwnedError e2;
  EXPECT_EQ(luna_get(S, &notable, &one, &out.v, &e2.e), LUNA_ERROR_RUNTIME);  // Lua's own message
  EXPECT_NE(e2.message().find("attempt to index a number value"), std::string::npos);
}

TEST_F(EmbedTables, NextVisitsEveryEntryOnce) {
  OwnedValues r;
  ASSERT_EQ(run("return {10, 20, 30, x = 'a', [2.5] = true, [false] = 0}", &r), LUNA_OK);
  std::map<std::string, int> seen;
  luna_value key = luna_nil();
  Owned k, v;
  for (int guard = 0; guard < 100; ++guard) {
    Owned nk, nv;
    ASSERT_EQ(luna_next(S, &r[0], &key, &nk.v, &nv.v), LUNA_OK);
    if (nk.v.type == LUNA_TNIL) break;
    std::string name;
    switch (nk.v.type) {
      case LUNA_TINTEGER: name = "i" + std::to_string(nk.v.integer); break;
      case LUNA_TFLOAT: name = "f" + std::to_string(nk.v.number); break;
      case LUNA_TSTRING: name = "s" + text(nk.v); break;
      case LUNA_TBOOLEAN: name = "b"; break;
      default: name = "?";
    }
    seen[name]++;
    luna_value_release(&k.v);
    k.v = nk.v;  // keep the key alive for the next step
    nk.v = luna_nil();
    key = k.v;
  }
  EXPECT_EQ(seen.size(), 6u);
  for (auto& [name, count] : seen) EXPECT_EQ(count, 1) << name;
  EXPECT_EQ(seen.count("i1") + seen.count("i2") + seen.count("i3") + seen.count("sx") + seen.count("b"), 5u);
  Owned a, b;
  luna_value absent = str("not a key");
  EXPECT_EQ(luna_next(S, &r[0], &absent, &a.v, &b.v), LUNA_ERROR_RUNTIME);
}

TEST_F(EmbedTables, GlobalsAndToString) {
  luna_value v = luna_integer(7);
  ASSERT_EQ(luna_set_global(S, "seven", 5, &v, nullptr), LUNA_OK);
  OwnedValues r;
  ASSERT_EQ(run("return seven * 2", &r), LUNA_OK);
  EXPECT_EQ(r[0].integer, 14);
  Owned g;
  ASSERT_EQ(luna_get_global(S, "math", 4, &g.v, nullptr), LUNA_OK);
  EXPECT_EQ(g.v.type, LUNA_TTABLE);
  const char odd[] = {'a', '\0', 'b'};  // global names are byte strings too
  ASSERT_EQ(luna_set_global(S, odd, 3, &v, nullptr), LUNA_OK);
  Owned back;
  ASSERT_EQ(luna_get_global(S, odd, 3, &back.v, nullptr), LUNA_OK);
  EXPECT_EQ(back.v.integer, 7);
  Owned G;
  ASSERT_EQ(luna_globals(S, &G.v), LUNA_OK);
  Owned viaG;
  luna_value key = str("seven");
  ASSERT_EQ(luna_rawget(S, &G.v, &key, &viaG.v), LUNA_OK);
  EXPECT_EQ(viaG.v.integer, 7);

  OwnedValues obj;
  ASSERT_EQ(run("return setmetatable({}, {__tostring = function() return 'I am obj' end}), 1.5, 10", &obj),
            LUNA_OK);
  Owned s1, s2, s3;
  ASSERT_EQ(luna_tostring(S, &obj[0], &s1.v, nullptr), LUNA_OK);
  EXPECT_EQ(text(s1.v), "I am obj");
  ASSERT_EQ(luna_tostring(S, &obj[1], &s2.v, nullptr), LUNA_OK);
  EXPECT_EQ(text(s2.v), "1.5");
  ASSERT_EQ(luna_tostring(S, &obj[2], &s3.v, nullptr), LUNA_OK);
  EXPECT_EQ(text(s3.v), "10");
}

}  // namespace
}  // namespace luna::embed_test
