// The C API through the public header, as a C module sees it: stack discipline, conversions,
// pushes, tables and metatables, userdata, closures and upvalues, operators, the GC interface,
// dump/load, and the debug interface (names in error messages and lua_getinfo).
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <string>

#include "lua.h"

namespace {

void* test_alloc(void* ud, void* ptr, size_t osize, size_t nsize) {
  static_cast<void>(ud);
  static_cast<void>(osize);
  if (nsize == 0) {
    std::free(ptr);
    return nullptr;
  }
  return std::realloc(ptr, nsize);
}

struct StringReader {
  const char* text;
  size_t size;
  bool done = false;
};

const char* read_string(lua_State* L, void* data, size_t* size) {
  static_cast<void>(L);
  auto* r = static_cast<StringReader*>(data);
  if (r->done) {
    *size = 0;
    return nullptr;
  }
  r->done = true;
  *size = r->size;
  return r->text;
}

int write_string(lua_State* L, const void* p, size_t sz, void* ud) {
  static_cast<void>(L);
  static_cast<std::string*>(ud)->append(static_cast<const char*>(p), sz);
  return 0;
}

class Api : public ::testing::Test {
 protected:
  void SetUp() override {
    L = lua_newstate(test_alloc, nullptr);
    ASSERT_NE(L, nullptr);
    // The one library function the scripts below need, written against the API under test.
    lua_register(L, "setmetatable", [](lua_State* L1) {
      lua_settop(L1, 2);
      lua_setmetatable(L1, 1);
      return 1;
    });
  }
  void TearDown() override { lua_close(L); }

  int load(const std::string& code, const char* name = "=test") {
    StringReader r{code.data(), code.size()};
    return lua_load(L, read_string, &r, name, nullptr);
  }
  // Runs code; returns "" or the error message.
  std::string run(const std::string& code) {
    if (load(code) != LUA_OK || lua_pcall(L, 0, 0, 0) != LUA_OK) {
      std::string message = lua_tostring(L, -1) ? lua_tostring(L, -1) : "(non-string error)";
      lua_pop(L, 1);
      return message;
    }
    return "";
  }

  lua_State* L = nullptr;
};

TEST_F(Api, StackManipulation) {
  EXPECT_EQ(lua_gettop(L), 0);
  for (int i = 1; i <= 5; i++) lua_pushinteger(L, i);
  EXPECT_EQ(lua_gettop(L), 5);
  EXPECT_EQ(lua_absindex(L, -1), 5);
  EXPECT_EQ(lua_absindex(L, LUA_REGISTRYINDEX), LUA_REGISTRYINDEX);
  lua_rotate(L, 2, 1);  // 1 5 2 3 4
  EXPECT_EQ(lua_tointeger(L, 2), 5);
  EXPECT_EQ(lua_tointeger(L, 5), 4);
  lua_rotate(L, 2, -1);  // back to 1 2 3 4 5
  EXPECT_EQ(lua_tointeger(L, 2), 2);
  lua_insert(L, 1);  // 5 1 2 3 4
  EXPECT_EQ(lua_tointeger(L, 1), 5);
  lua_remove(L, 1);  // 1 2 3 4
  EXPECT_EQ(lua_gettop(L), 4);
  lua_pushinteger(L, 9);
  lua_replace(L, 1);  // 9 2 3 4
  EXPECT_EQ(lua_tointeger(L, 1), 9);
  lua_copy(L, 1, 4);
  EXPECT_EQ(lua_tointeger(L, 4), 9);
  lua_pushvalue(L, 2);
  EXPECT_EQ(lua_tointeger(L, -1), 2);
  lua_settop(L, 7);
  EXPECT_TRUE(lua_isnil(L, 7));
  EXPECT_EQ(lua_type(L, 8), LUA_TNONE);
  lua_settop(L, 0);
  EXPECT_EQ(lua_gettop(L), 0);
}

TEST_F(Api, CheckStack) {
  EXPECT_TRUE(lua_checkstack(L, 100));
  for (int i = 0; i < 100; i++) lua_pushinteger(L, i);
  EXPECT_EQ(lua_tointeger(L, -1), 99);
  EXPECT_FALSE(lua_checkstack(L, 2000000));  // beyond LUAI_MAXSTACK: refused, no error
  EXPECT_EQ(lua_gettop(L), 100);
}

TEST_F(Api, XMoveBetweenThreads) {
  lua_State* co = lua_newthread(L);
  EXPECT_EQ(lua_type(L, -1), LUA_TTHREAD);
  EXPECT_EQ(lua_tothread(L, -1), co);
  lua_pushinteger(L, 1);
  lua_pushstring(L, "two");
  lua_xmove(L, co, 2);
  EXPECT_EQ(lua_gettop(L), 1);
  EXPECT_EQ(lua_gettop(co), 2);
  EXPECT_STREQ(lua_tostring(co, 2), "two");
  EXPECT_EQ(lua_pushthread(co), 0);
  EXPECT_EQ(lua_pushthread(L), 1);
}

TEST_F(Api, TypesAndNames) {
  lua_pushnil(L);
  lua_pushboolean(L, 1);
  lua_pushlightuserdata(L, &L);
  lua_pushinteger(L, 3);
  lua_pushstring(L, "s");
  lua_newtable(L);
  lua_pushcfunction(L, [](lua_State*) { return 0; });
  lua_newuserdatauv(L, 8, 0);
  lua_pushthread(L);
  const int expected[] = {LUA_TNIL, LUA_TBOOLEAN, LUA_TLIGHTUSERDATA, LUA_TNUMBER, LUA_TSTRING,
                          LUA_TTABLE, LUA_TFUNCTION, LUA_TUSERDATA, LUA_TTHREAD};
  for (int i = 0; i < 9; i++) EXPECT_EQ(lua_type(L, i + 1), expected[i]);
  const char* names[] = {"no value", "nil",      "boolean",  "userdata", "number",
                         "string",   "table",    "function", "userdata", "thread"};
  for (int t = LUA_TNONE; t < LUA_NUMTYPES; t++) EXPECT_STREQ(lua_typename(L, t), names[t + 1]);
  EXPECT_TRUE(lua_iscfunction(L, 7));
  EXPECT_TRUE(lua_isuserdata(L, 3));
  EXPECT_TRUE(lua_isuserdata(L, 8));
  EXPECT_TRUE(lua_isinteger(L, 4));
  EXPECT_TRUE(lua_isstring(L, 4));
  EXPECT_FALSE(lua_isstring(L, 6));
  EXPECT_NE(lua_topointer(L, 6), nullptr);
  EXPECT_EQ(lua_topointer(L, 3), &L);
  EXPECT_EQ(lua_touserdata(L, 8), lua_topointer(L, 8));
}

TEST_F(Api, NumberConversions) {
  int ok = 0;
  lua_pushstring(L, " 0x10 ");
  EXPECT_EQ(lua_tointegerx(L, -1, &ok), 16);
  EXPECT_TRUE(ok);
  lua_pushstring(L, "3.0");
  EXPECT_EQ(lua_tointegerx(L, -1, &ok), 3);
  EXPECT_TRUE(ok);
  lua_pushstring(L, "3.5");
  EXPECT_EQ(lua_tointegerx(L, -1, &ok), 0);
  EXPECT_FALSE(ok);
  EXPECT_EQ(lua_tonumberx(L, -1, &ok), 3.5);
  EXPECT_TRUE(ok);
  lua_pushstring(L, "1e2");
  EXPECT_EQ(lua_tonumber(L, -1), 100.0);
  EXPECT_FALSE(lua_isinteger(L, -1));
  lua_pushstring(L, "abc");
  EXPECT_EQ(lua_tonumberx(L, -1, &ok), 0.0);
  EXPECT_FALSE(ok);
  EXPECT_FALSE(lua_isnumber(L, -1));
  lua_pushnumber(L, 2.0);
  EXPECT_EQ(lua_tointegerx(L, -1, &ok), 2);
  EXPECT_TRUE(ok);
  EXPECT_EQ(lua_stringtonumber(L, "42"), 3u);
  EXPECT_TRUE(lua_isinteger(L, -1));
  EXPECT_EQ(lua_stringtonumber(L, "4 2"), 0u);
  EXPECT_EQ(lua_stringtonumber(L, "0x1p4"), 6u);
  EXPECT_EQ(lua_tonumber(L, -1), 16.0);
  lua_pushnil(L);
  EXPECT_FALSE(lua_toboolean(L, -1));
  lua_pushboolean(L, 0);
  EXPECT_FALSE(lua_toboolean(L, -1));
  lua_pushinteger(L, 0);
  EXPECT_TRUE(lua_toboolean(L, -1));
}

TEST_F(Api, ToLStringConvertsNumbersInPlace) {
  lua_pushnumber(L, 1.0);
  size_t len = 0;
  EXPECT_STREQ(lua_tolstring(L, -1, &len), "1.0");
  EXPECT_EQ(len, 3u);
  EXPECT_EQ(lua_type(L, -1), LUA_TSTRING);
  lua_pushinteger(L, -7);
  EXPECT_STREQ(lua_tostring(L, -1), "-7");
  lua_pushnumber(L, 1e100);
  EXPECT_STREQ(lua_tostring(L, -1), "1e+100");
  lua_newtable(L);
  EXPECT_EQ(lua_tolstring(L, -1, &len), nullptr);
  EXPECT_EQ(len, 0u);
  lua_pushlstring(L, "a\0b", 3);
  EXPECT_EQ(lua_rawlen(L, -1), 3u);
}

TEST_F(Api, PushFString) {
  int x = 0;
  const char* s = lua_pushfstring(L, "%d|%s|%f|%I|%c|%U|%%|%s", 42, "str", 1.0,
                                  static_cast<lua_Integer>(1) << 40, 'z', 0x20AC, nullptr);
  EXPECT_STREQ(s, "42|str|1.0|1099511627776|z|\xE2\x82\xAC|%|(null)");
  EXPECT_STREQ(lua_pushfstring(L, "%f %f", 0.1, 1e300 * 1e10), "0.1 inf");
  char expected[64];
  std::snprintf(expected, sizeof expected, "%p", static_cast<void*>(&x));
  EXPECT_STREQ(lua_pushfstring(L, "%p", static_cast<void*>(&x)), expected);
  std::string long_text(500, 'x');
  EXPECT_EQ(std::string(lua_pushfstring(L, "<%s>", long_text.c_str())), "<" + long_text + ">");
  lua_pushcfunction(L, [](lua_State* L1) {
    lua_pushfstring(L1, "bad %q");
    return 1;
  });
  EXPECT_EQ(lua_pcall(L, 0, 1, 0), LUA_ERRRUN);
  EXPECT_NE(std::string(lua_tostring(L, -1)).find("invalid option '%q' to 'lua_pushfstring'"),
            std::string::npos);
}

TEST_F(Api, TablesAndGlobals) {
  lua_createtable(L, 4, 4);
  lua_pushinteger(L, 10);
  lua_setfield(L, 1, "x");
  EXPECT_EQ(lua_getfield(L, 1, "x"), LUA_TNUMBER);
  EXPECT_EQ(lua_tointeger(L, -1), 10);
  lua_pop(L, 1);
  lua_pushstring(L, "one");
  lua_seti(L, 1, 1);
  EXPECT_EQ(lua_geti(L, 1, 1), LUA_TSTRING);
  lua_pop(L, 1);
  lua_pushstring(L, "k");
  lua_pushboolean(L, 1);
  lua_rawset(L, 1);
  lua_pushstring(L, "k");
  EXPECT_EQ(lua_rawget(L, 1), LUA_TBOOLEAN);
  lua_pop(L, 1);
  lua_pushinteger(L, 5);
  lua_rawseti(L, 1, 2);
  EXPECT_EQ(lua_rawgeti(L, 1, 2), LUA_TNUMBER);
  lua_pop(L, 1);
  static int key;
  lua_pushstring(L, "by pointer");
  lua_rawsetp(L, 1, &key);
  EXPECT_EQ(lua_rawgetp(L, 1, &key), LUA_TSTRING);
  lua_pop(L, 1);
  EXPECT_EQ(lua_rawgeti(L, 1, 99), LUA_TNIL);
  lua_pop(L, 1);
  EXPECT_EQ(lua_rawlen(L, 1), 2u);
  int count = 0;
  lua_pushnil(L);
  while (lua_next(L, 1)) {
    count++;
    lua_pop(L, 1);
  }
  EXPECT_EQ(count, 5);
  lua_pushvalue(L, 1);
  lua_setglobal(L, "t");
  EXPECT_EQ(lua_getglobal(L, "t"), LUA_TTABLE);
  EXPECT_TRUE(lua_rawequal(L, 1, -1));
  lua_pop(L, 1);
  EXPECT_EQ(lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS), LUA_TTABLE);
  EXPECT_EQ(lua_getfield(L, -1, "t"), LUA_TTABLE);
  lua_pop(L, 2);
  EXPECT_EQ(lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_MAINTHREAD), LUA_TTHREAD);
  EXPECT_EQ(lua_tothread(L, -1), L);
  lua_pop(L, 1);
  EXPECT_EQ(lua_getglobal(L, "nothing"), LUA_TNIL);
}

TEST_F(Api, MetatablesAndMetamethods) {
  EXPECT_EQ(run("mt = {__index = function(t, k) return k .. '!' end,"
                "      __len = function() return 42 end,"
                "      __add = function(a, b) return 'added' end,"
                "      __eq = function() return true end,"
                "      __lt = function() return true end,"
                "      __concat = function(a, b) return 'cat' end}"
                "a = setmetatable({}, mt); b = setmetatable({}, mt)"),
            "");
  lua_getglobal(L, "a");
  EXPECT_EQ(lua_getfield(L, 1, "hi"), LUA_TSTRING);
  EXPECT_STREQ(lua_tostring(L, -1), "hi!");
  lua_pop(L, 1);
  lua_len(L, 1);
  EXPECT_EQ(lua_tointeger(L, -1), 42);
  lua_pop(L, 1);
  EXPECT_EQ(lua_rawlen(L, 1), 0u);
  lua_getglobal(L, "b");
  EXPECT_TRUE(lua_compare(L, 1, 2, LUA_OPEQ));
  EXPECT_FALSE(lua_rawequal(L, 1, 2));
  EXPECT_TRUE(lua_compare(L, 1, 2, LUA_OPLT));
  EXPECT_FALSE(lua_compare(L, 1, 5, LUA_OPEQ));  // invalid index compares false
  lua_pushvalue(L, 1);
  lua_pushinteger(L, 1);
  lua_arith(L, LUA_OPADD);
  EXPECT_STREQ(lua_tostring(L, -1), "added");
  lua_pop(L, 1);
  lua_pushvalue(L, 1);
  lua_pushstring(L, "x");
  lua_concat(L, 2);
  EXPECT_STREQ(lua_tostring(L, -1), "cat");
  lua_pop(L, 1);
  EXPECT_TRUE(lua_getmetatable(L, 1));
  lua_pop(L, 1);
  lua_pushinteger(L, 1);
  EXPECT_FALSE(lua_getmetatable(L, -1));
  lua_newtable(L);
  lua_setmetatable(L, -2);  // metatable for all numbers
  EXPECT_TRUE(lua_getmetatable(L, -1));
  lua_pop(L, 2);
  lua_pushnil(L);
  lua_setmetatable(L, 1);
  EXPECT_FALSE(lua_getmetatable(L, 1));
}

TEST_F(Api, Arithmetic) {
  struct Case {
    int op;
    lua_Integer a, b, expected;
  } cases[] = {{LUA_OPADD, 7, 2, 9},  {LUA_OPSUB, 7, 2, 5},   {LUA_OPMUL, 7, 2, 14},
               {LUA_OPMOD, -7, 2, 1}, {LUA_OPIDIV, -7, 2, -4}, {LUA_OPBAND, 6, 3, 2},
               {LUA_OPBOR, 6, 3, 7},  {LUA_OPBXOR, 6, 3, 5},  {LUA_OPSHL, 1, 4, 16},
               {LUA_OPSHR, 16, 4, 1}};
  for (const Case& c : cases) {
    lua_pushinteger(L, c.a);
    lua_pushinteger(L, c.b);
    lua_arith(L, c.op);
    EXPECT_TRUE(lua_isinteger(L, -1)) << c.op;
    EXPECT_EQ(lua_tointeger(L, -1), c.expected) << c.op;
    lua_pop(L, 1);
  }
  lua_pushinteger(L, 7);
  lua_pushinteger(L, 2);
  lua_arith(L, LUA_OPDIV);
  EXPECT_EQ(lua_tonumber(L, -1), 3.5);
  lua_pushinteger(L, 2);
  lua_pushinteger(L, 10);
  lua_arith(L, LUA_OPPOW);
  EXPECT_EQ(lua_tonumber(L, -1), 1024.0);
  lua_pushinteger(L, 5);
  lua_arith(L, LUA_OPUNM);
  EXPECT_EQ(lua_tointeger(L, -1), -5);
  lua_pushinteger(L, 0);
  lua_arith(L, LUA_OPBNOT);
  EXPECT_EQ(lua_tointeger(L, -1), -1);
  lua_pushstring(L, "10");
  lua_pushinteger(L, 1);
  lua_arith(L, LUA_OPADD);
  EXPECT_EQ(lua_tointeger(L, -1), 11);
  lua_settop(L, 0);
  lua_pushinteger(L, 1);
  lua_pushnumber(L, 1.0);
  EXPECT_TRUE(lua_rawequal(L, 1, 2));
  EXPECT_TRUE(lua_compare(L, 1, 2, LUA_OPLE));
  EXPECT_FALSE(lua_compare(L, 1, 2, LUA_OPLT));
}

TEST_F(Api, Concat) {
  lua_concat(L, 0);
  EXPECT_STREQ(lua_tostring(L, -1), "");
  lua_pushstring(L, "a");
  lua_pushinteger(L, 1);
  lua_pushnumber(L, 2.5);
  lua_concat(L, 3);
  EXPECT_STREQ(lua_tostring(L, -1), "a12.5");
  EXPECT_EQ(lua_gettop(L), 2);
  lua_concat(L, 1);
  EXPECT_EQ(lua_gettop(L), 2);
}

TEST_F(Api, UserdataAndUserValues) {
  void* p = lua_newuserdatauv(L, 100, 2);
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(p) % alignof(std::max_align_t), 0u);
  std::memset(p, 0xAB, 100);
  EXPECT_EQ(lua_rawlen(L, 1), 100u);
  lua_pushstring(L, "first");
  EXPECT_EQ(lua_setiuservalue(L, 1, 1), 1);
  lua_pushinteger(L, 2);
  EXPECT_EQ(lua_setiuservalue(L, 1, 2), 1);
  lua_pushinteger(L, 3);
  EXPECT_EQ(lua_setiuservalue(L, 1, 3), 0);
  EXPECT_EQ(lua_getiuservalue(L, 1, 1), LUA_TSTRING);
  EXPECT_EQ(lua_getiuservalue(L, 1, 2), LUA_TNUMBER);
  EXPECT_EQ(lua_getiuservalue(L, 1, 3), LUA_TNONE);
  EXPECT_TRUE(lua_isnil(L, -1));
  EXPECT_EQ(lua_gettop(L), 4);
}

int counter(lua_State* L) {
  lua_Integer n = lua_tointeger(L, lua_upvalueindex(1)) + 1;
  lua_pushinteger(L, n);
  lua_copy(L, -1, lua_upvalueindex(1));
  EXPECT_EQ(lua_type(L, lua_upvalueindex(3)), LUA_TNONE);
  return 1;
}

TEST_F(Api, CClosuresAndUpvalues) {
  lua_pushinteger(L, 10);
  lua_pushstring(L, "tag");
  lua_pushcclosure(L, counter, 2);
  EXPECT_EQ(lua_gettop(L), 1);
  for (int i = 1; i <= 3; i++) {
    lua_pushvalue(L, 1);
    ASSERT_EQ(lua_pcall(L, 0, 1, 0), LUA_OK);
    EXPECT_EQ(lua_tointeger(L, -1), 10 + i);
    lua_pop(L, 1);
  }
  EXPECT_STREQ(lua_getupvalue(L, 1, 1), "");
  EXPECT_EQ(lua_tointeger(L, -1), 13);
  lua_pop(L, 1);
  lua_pushinteger(L, 100);
  EXPECT_STREQ(lua_setupvalue(L, 1, 1), "");
  EXPECT_EQ(lua_getupvalue(L, 1, 3), nullptr);
  EXPECT_NE(lua_upvalueid(L, 1, 1), nullptr);
  EXPECT_NE(lua_upvalueid(L, 1, 1), lua_upvalueid(L, 1, 2));
  EXPECT_EQ(lua_tocfunction(L, 1), counter);
  lua_pushcfunction(L, counter);
  EXPECT_EQ(lua_upvalueid(L, -1, 1), nullptr);
}

TEST_F(Api, LuaUpvalues) {
  ASSERT_EQ(run("local a, b = 1, 2; function f() return a end; function g() return b end"), "");
  lua_getglobal(L, "f");
  lua_getglobal(L, "g");
  EXPECT_STREQ(lua_getupvalue(L, 1, 1), "a");
  EXPECT_EQ(lua_tointeger(L, -1), 1);
  lua_pop(L, 1);
  EXPECT_NE(lua_upvalueid(L, 1, 1), lua_upvalueid(L, 2, 1));
  lua_upvaluejoin(L, 1, 1, 2, 1);  // f's 'a' is now g's 'b'
  EXPECT_EQ(lua_upvalueid(L, 1, 1), lua_upvalueid(L, 2, 1));
  lua_pushvalue(L, 1);
  ASSERT_EQ(lua_pcall(L, 0, 1, 0), LUA_OK);
  EXPECT_EQ(lua_tointeger(L, -1), 2);
  lua_pop(L, 1);
  lua_pushinteger(L, 7);
  EXPECT_STREQ(lua_setupvalue(L, 2, 1), "b");
  lua_pushvalue(L, 1);
  ASSERT_EQ(lua_pcall(L, 0, 1, 0), LUA_OK);
  EXPECT_EQ(lua_tointeger(L, -1), 7);
}

TEST_F(Api, GarbageCollectorInterface) {
  EXPECT_GT(lua_gc(L, LUA_GCCOUNT), 0);
  EXPECT_GE(lua_gc(L, LUA_GCCOUNTB), 0);
  EXPECT_EQ(lua_gc(L, LUA_GCISRUNNING), 1);
  lua_gc(L, LUA_GCSTOP);
  EXPECT_EQ(lua_gc(L, LUA_GCISRUNNING), 0);
  lua_gc(L, LUA_GCRESTART);
  EXPECT_EQ(lua_gc(L, LUA_GCISRUNNING), 1);
  for (int i = 0; i < 1000; i++) {
    lua_newtable(L);
    lua_pop(L, 1);
  }
  lua_settop(L, 0);
  int before = lua_gc(L, LUA_GCCOUNT);
  lua_gc(L, LUA_GCCOLLECT);
  EXPECT_LE(lua_gc(L, LUA_GCCOUNT), before);
  EXPECT_EQ(lua_gc(L, LUA_GCGEN, 0, 0), LUA_GCINC);
  EXPECT_EQ(lua_gc(L, LUA_GCINC, 0, 0, 0), LUA_GCGEN);
  EXPECT_EQ(lua_gc(L, LUA_GCINC, 0, 0, 0), LUA_GCINC);
  lua_gc(L, LUA_GCSTEP, 0);
  EXPECT_EQ(lua_gc(L, 12345), -1);
}

TEST_F(Api, VersionIdentAndAllocator) {
  EXPECT_EQ(lua_version(L), 504);
  EXPECT_EQ(std::string(lua_ident).rfind("$LuaVersion: ", 0), 0u);
  void* ud = &ud;
  EXPECT_EQ(lua_getallocf(L, &ud), test_alloc);
  EXPECT_EQ(ud, nullptr);
}

TEST_F(Api, Warnings) {
  std::string seen;
  lua_setwarnf(L, [](void* ud, const char* msg, int tocont) {
    *static_cast<std::string*>(ud) += msg;
    if (!tocont) *static_cast<std::string*>(ud) += "|";
  }, &seen);
  lua_warning(L, "a", 1);
  lua_warning(L, "b", 0);
  EXPECT_EQ(seen, "ab|");
}

TEST_F(Api, DumpAndLoadBinary) {
  ASSERT_EQ(load("local a, b = ... return a * b, 'x' .. a"), LUA_OK);
  for (int strip = 0; strip <= 1; strip++) {
    std::string bytes;
    lua_pushvalue(L, 1);
    EXPECT_EQ(lua_dump(L, write_string, &bytes, strip), 0);
    lua_pop(L, 1);
    ASSERT_EQ(bytes.substr(0, 5), "\x1bLua\x54");
    ASSERT_EQ(load(bytes, "=binary"), LUA_OK) << lua_tostring(L, -1);
    lua_pushinteger(L, 6);
    lua_pushinteger(L, 7);
    ASSERT_EQ(lua_pcall(L, 2, 2, 0), LUA_OK);
    EXPECT_EQ(lua_tointeger(L, -2), 42);
    EXPECT_STREQ(lua_tostring(L, -1), "x6");
    lua_pop(L, 2);
    ASSERT_EQ(load(bytes.substr(0, bytes.size() / 2), "=half"), LUA_ERRSYNTAX);
    EXPECT_STREQ(lua_tostring(L, -1), "half: bad binary format (truncated chunk)");
    lua_pop(L, 1);
  }
  lua_pushcfunction(L, counter);
  std::string ignored;
  EXPECT_EQ(lua_dump(L, write_string, &ignored, 0), 1);  // not a Lua function
}

TEST_F(Api, ErrorMessagesNameVariables) {
  EXPECT_EQ(run("undefinedfn()"), "test:1: attempt to call a nil value (global 'undefinedfn')");
  EXPECT_EQ(run("local t = {} t.x.y = 1"), "test:1: attempt to index a nil value (field 'x')");
  EXPECT_EQ(run("local t = {} t:nomethod()"), "test:1: attempt to call a nil value (method 'nomethod')");
  EXPECT_EQ(run("local up; (function() up() end)()"), "test:1: attempt to call a nil value (upvalue 'up')");
  EXPECT_EQ(run("local l; l()"), "test:1: attempt to call a nil value (local 'l')");
  EXPECT_EQ(run("return 1 + {}"), "test:1: attempt to perform arithmetic on a table value");
  EXPECT_EQ(run("local t = {} return t.a.b.c"), "test:1: attempt to index a nil value (field 'a')");
}

int inspect(lua_State* L) {
  lua_Debug ar;
  EXPECT_TRUE(lua_getstack(L, 0, &ar));
  EXPECT_TRUE(lua_getinfo(L, "nSlu", &ar));
  EXPECT_STREQ(ar.what, "C");
  EXPECT_STREQ(ar.namewhat, "global");
  EXPECT_STREQ(ar.name, "inspect");
  EXPECT_EQ(ar.currentline, -1);
  EXPECT_STREQ(ar.short_src, "[C]");
  EXPECT_TRUE(lua_getstack(L, 1, &ar));
  EXPECT_TRUE(lua_getinfo(L, "nSltuf", &ar));
  EXPECT_STREQ(ar.what, "Lua");
  EXPECT_STREQ(ar.namewhat, "local");
  EXPECT_STREQ(ar.name, "probe");
  EXPECT_EQ(ar.currentline, 3);
  EXPECT_EQ(ar.linedefined, 2);
  EXPECT_EQ(ar.lastlinedefined, 4);
  EXPECT_EQ(ar.nparams, 2);
  EXPECT_FALSE(ar.isvararg);
  EXPECT_STREQ(ar.short_src, "chunk");
  EXPECT_EQ(lua_type(L, -1), LUA_TFUNCTION);
  lua_pop(L, 1);
  EXPECT_STREQ(lua_getlocal(L, &ar, 1), "x");
  EXPECT_EQ(lua_tointeger(L, -1), 10);
  lua_pop(L, 1);
  EXPECT_STREQ(lua_getlocal(L, &ar, 3), "inner");
  lua_pop(L, 1);
  lua_pushinteger(L, 99);
  EXPECT_STREQ(lua_setlocal(L, &ar, 2), "y");
  EXPECT_EQ(lua_getlocal(L, &ar, 50), nullptr);
  EXPECT_TRUE(lua_getstack(L, 2, &ar));
  EXPECT_TRUE(lua_getinfo(L, "S", &ar));
  EXPECT_STREQ(ar.what, "main");
  EXPECT_FALSE(lua_getstack(L, 3, &ar));
  EXPECT_FALSE(lua_getinfo(L, "X", &ar));  // unknown option
  return 0;
}

TEST_F(Api, DebugInterface) {
  lua_register(L, "inspect", inspect);
  ASSERT_EQ(load("\n"
                 "local function probe(x, y)\n"
                 "  local inner = x + y inspect() return y\n"
                 "end\n"
                 "local r = probe(10, 20) return r\n",
                 "=chunk"),
            LUA_OK);
  ASSERT_EQ(lua_pcall(L, 0, 1, 0), LUA_OK) << lua_tostring(L, -1);
  EXPECT_EQ(lua_tointeger(L, -1), 99);  // lua_setlocal changed y
  lua_pop(L, 1);

  ASSERT_EQ(load("local a = 1\nlocal b = 2\n\nreturn a + b\n", "@lines.lua"), LUA_OK);
  lua_Debug ar;
  lua_pushvalue(L, -1);
  ASSERT_TRUE(lua_getinfo(L, ">SLu", &ar));
  EXPECT_STREQ(ar.what, "main");
  EXPECT_STREQ(ar.source, "@lines.lua");
  EXPECT_STREQ(ar.short_src, "lines.lua");
  EXPECT_TRUE(ar.isvararg);
  EXPECT_EQ(ar.nups, 1);
  ASSERT_EQ(lua_type(L, -1), LUA_TTABLE);
  EXPECT_EQ(lua_rawgeti(L, -1, 1), LUA_TBOOLEAN);
  EXPECT_EQ(lua_rawgeti(L, -2, 3), LUA_TNIL);
  EXPECT_EQ(lua_rawgeti(L, -3, 4), LUA_TBOOLEAN);
  lua_pop(L, 4);
  EXPECT_STREQ(lua_getlocal(L, nullptr, 1), nullptr);  // a main chunk has no parameters
  EXPECT_STREQ(lua_getupvalue(L, -1, 1), "_ENV");
}

TEST_F(Api, Hooks) {
  static int calls;
  calls = 0;
  lua_Hook hook = [](lua_State*, lua_Debug* ar) {
    if (ar->event == LUA_HOOKCALL) calls++;
  };
  lua_sethook(L, hook, LUA_MASKCALL, 0);
  EXPECT_EQ(lua_gethook(L), hook);
  EXPECT_EQ(lua_gethookmask(L), LUA_MASKCALL);
  EXPECT_EQ(lua_gethookcount(L), 0);
  EXPECT_EQ(run("local function f() end f() f()"), "");
  EXPECT_GE(calls, 3);
  lua_sethook(L, hook, 0, 0);
  EXPECT_EQ(lua_gethook(L), nullptr);
  EXPECT_EQ(lua_gethookmask(L), 0);
}

TEST_F(Api, SetTopClosesToBeClosedSlots) {
  ASSERT_EQ(run("closed = 0 mt = {__close = function() closed = closed + 1 end}"), "");
  lua_pushcfunction(L, [](lua_State* L1) {
    lua_newtable(L1);
    lua_getglobal(L1, "mt");
    lua_setmetatable(L1, -2);
    lua_toclose(L1, -1);
    lua_pushinteger(L1, 1);
    lua_settop(L1, 0);  // removes the tbc slot: __close runs now
    lua_getglobal(L1, "closed");
    return 1;
  });
  ASSERT_EQ(lua_pcall(L, 0, 1, 0), LUA_OK) << lua_tostring(L, -1);
  EXPECT_EQ(lua_tointeger(L, -1), 1);
}

TEST(ApiState, CloseRunsPendingCloseHandlers) {
  static int closed;
  closed = 0;
  lua_State* L = lua_newstate(test_alloc, nullptr);
  lua_newtable(L);
  lua_newtable(L);
  lua_pushcfunction(L, [](lua_State*) {
    closed++;
    return 0;
  });
  lua_setfield(L, -2, "__close");
  lua_setmetatable(L, -2);
  lua_toclose(L, -1);
  lua_close(L);
  EXPECT_EQ(closed, 1);
}

}  // namespace

namespace {

// Random corruption of a real chunk, loaded and run under an instruction budget: the verifier must
// stop every chunk that could make the VM misbehave; the rest run (or raise) normally.
TEST_F(Api, CorruptedChunksNeverCrashTheVm) {
  ASSERT_EQ(load("local t = {} for i = 1, 10 do t[i] = i * 2 end\n"
                 "local s = 0 for _, v in ipairs and pairs(t) or next, t do s = s + v end\n"
                 "local function f(a, ...) return select('#', ...) + a end\n"
                 "return s, f(1, 2, 3), #t, t[3] .. 'x'\n"),
            LUA_OK);
  std::string good;
  ASSERT_EQ(lua_dump(L, write_string, &good, 0), 0);
  lua_pop(L, 1);
  lua_sethook(L, [](lua_State* L1, lua_Debug*) {
    lua_pushstring(L1, "budget exhausted");
    lua_error(L1);
  }, LUA_MASKCOUNT, 10000);
  unsigned seed = 2024;
  auto next_random = [&seed]() {
    seed = seed * 1103515245u + 12345u;
    return seed >> 8;
  };
  int loaded = 0, rejected = 0;
  for (int trial = 0; trial < 3000; trial++) {
    std::string bytes = good;
    int flips = 1 + static_cast<int>(next_random() % 3);
    for (int f = 0; f < flips; f++) {
      std::size_t at = 32 + next_random() % (bytes.size() - 32);  // keep the header intact
      bytes[at] = static_cast<char>(bytes[at] ^ static_cast<char>(1u << (next_random() % 8)));
    }
    int top = lua_gettop(L);
    if (load(bytes, "=fuzz") != LUA_OK) {
      EXPECT_EQ(std::string(lua_tostring(L, -1)).rfind("fuzz: bad binary format (", 0), 0u);
      rejected++;
    } else {
      loaded++;
      lua_pcall(L, 0, 0, 0);  // any outcome is fine except a crash
    }
    lua_settop(L, top);
  }
  lua_sethook(L, nullptr, 0, 0);
  EXPECT_GT(rejected, 0);
  EXPECT_GT(loaded, 0);
}

TEST_F(Api, MorePushFStringConversions) {
  EXPECT_STREQ(lua_pushfstring(L, "%d", -2147483647 - 1), "-2147483648");
  EXPECT_STREQ(lua_pushfstring(L, "%I", static_cast<lua_Integer>(INT64_MIN)), "-9223372036854775808");
  EXPECT_STREQ(lua_pushfstring(L, "%f", -0.5), "-0.5");
  EXPECT_STREQ(lua_pushfstring(L, "%f", 1e15), "1e+15");
  EXPECT_STREQ(lua_pushfstring(L, "%f", 123456789012.0), "123456789012.0");
  EXPECT_STREQ(lua_pushfstring(L, "%U", 0x7FFFFFFFL), "\xFD\xBF\xBF\xBF\xBF\xBF");
  EXPECT_STREQ(lua_pushfstring(L, "%U", 0x41L), "A");
  EXPECT_STREQ(lua_pushfstring(L, "%U", 0x10FFFFL), "\xF4\x8F\xBF\xBF");
  EXPECT_STREQ(lua_pushfstring(L, "no conversions"), "no conversions");
  EXPECT_STREQ(lua_pushfstring(L, "%s%s", "", ""), "");
  lua_pushfstring(L, "%c%c", 'a', 0);
  size_t len = 0;
  lua_tolstring(L, -1, &len);
  EXPECT_EQ(len, 2u);
}

TEST_F(Api, SetTopNegativeAndTypesOfPseudoIndices) {
  for (int i = 0; i < 5; i++) lua_pushinteger(L, i);
  lua_settop(L, -3);  // pops 2
  EXPECT_EQ(lua_gettop(L), 3);
  lua_pop(L, 3);
  EXPECT_EQ(lua_type(L, LUA_REGISTRYINDEX), LUA_TTABLE);
  EXPECT_EQ(lua_type(L, lua_upvalueindex(1)), LUA_TNONE);  // the base frame is not a C closure
  EXPECT_EQ(lua_type(L, -1), LUA_TNONE);
}

TEST_F(Api, ToLStringOfAnUpvalueConvertsIt) {
  lua_pushnumber(L, 2.5);
  lua_pushcclosure(L, [](lua_State* L1) {
    EXPECT_STREQ(lua_tostring(L1, lua_upvalueindex(1)), "2.5");
    EXPECT_EQ(lua_type(L1, lua_upvalueindex(1)), LUA_TSTRING);
    lua_gc(L1, LUA_GCCOLLECT);
    EXPECT_STREQ(lua_tostring(L1, lua_upvalueindex(1)), "2.5");
    return 0;
  }, 1);
  ASSERT_EQ(lua_pcall(L, 0, 0, 0), LUA_OK);
}

}  // namespace

namespace {

// Variable descriptions in runtime errors, as Debian's lua5.4 prints them for the same chunks.
TEST_F(Api, ErrorMessageVariableKinds) {
  const char* cases[][2] = {
      {"for k in 1 do end", "c:1: attempt to call a number value (for iterator 'for iterator')"},
      // (no string library in this state, so indexing the folded constant itself fails)
      {"local x <const> = 'str'; return x.y.z", "c:1: attempt to index a string value (constant 'str')"},
      {"return ('abc')()", "c:1: attempt to call a string value (constant 'abc')"},
      {"local t = {} return t[1].x", "c:1: attempt to index a nil value (field 'integer index')"},
      {"local t = {} local k = 'key' return t[k].x", "c:1: attempt to index a nil value (field '?')"},
      {"local a = {} a.b.c.d = 1", "c:1: attempt to index a nil value (field 'b')"},
      {"local up = nil; local f = function() return up.x end return f()",
       "c:1: attempt to index a nil value (upvalue 'up')"},
      {"return #undefinedvar", "c:1: attempt to get length of a nil value (global 'undefinedvar')"},
      {"return -{}", "c:1: attempt to perform arithmetic on a table value"},
      {"return {} .. 'x'", "c:1: attempt to concatenate a table value"},
      {"return 1 < 'x'", "c:1: attempt to compare number with string"},
      {"return {} < {}", "c:1: attempt to compare two table values"},
      {"return (nil)()", "c:1: attempt to call a nil value"},
      {"return 1 & 1.5", "c:1: number has no integer representation"},
  };
  for (const auto& c : cases) {
    ASSERT_EQ(load(c[0], "=c"), LUA_OK) << c[0];
    EXPECT_EQ(lua_pcall(L, 0, 0, 0), LUA_ERRRUN) << c[0];
    EXPECT_STREQ(lua_tostring(L, -1), c[1]) << c[0];
    lua_pop(L, 1);
  }
}

}  // namespace
