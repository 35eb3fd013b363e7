// luaL_newmetatable/setmetatable/testudata/checkudata, luaL_getmetafield/callmeta, luaL_len,
// luaL_tolstring, luaL_setfuncs/newlib, luaL_getsubtable, luaL_requiref, luaL_ref/unref,
// luaL_fileresult/execresult.
#include <cerrno>
#include <csignal>
#include <cstring>
#include <set>
#include <string>

#include <sys/wait.h>

#include "auxlib_fixture.h"

namespace luna::auxlib_test {
namespace {

using LibraryTest = AuxlibTest;

TEST_F(LibraryTest, NewMetatableRegistersOnceWithName) {
  int top = lua_gettop(L);
  EXPECT_EQ(luaL_newmetatable(L, "Test.Point"), 1);
  EXPECT_EQ(lua_gettop(L), top + 1);
  EXPECT_EQ(lua_getfield(L, -1, "__name"), LUA_TSTRING);
  EXPECT_STREQ(lua_tostring(L, -1), "Test.Point");
  lua_pop(L, 1);
  EXPECT_EQ(luaL_newmetatable(L, "Test.Point"), 0);  // already there: pushes the existing one
  EXPECT_TRUE(lua_rawequal(L, -1, -2));
  EXPECT_EQ(luaL_getmetatable(L, "Test.Point"), LUA_TTABLE);
  EXPECT_TRUE(lua_rawequal(L, -1, -2));
  EXPECT_EQ(luaL_getmetatable(L, "Test.Missing"), LUA_TNIL);
  lua_settop(L, top);
}

int point_x(lua_State* L) {
  auto* p = static_cast<double*>(luaL_checkudata(L, 1, "Test.Point"));
  lua_pushnumber(L, *p);
  return 1;
}

TEST_F(LibraryTest, UserdataTypeChecks) {
  luaL_newmetatable(L, "Test.Point");
  luaL_newmetatable(L, "Test.Other");
  lua_settop(L, 0);
  auto* p = static_cast<double*>(lua_newuserdatauv(L, sizeof(double), 0));
  *p = 2.5;
  luaL_setmetatable(L, "Test.Point");
  lua_setglobal(L, "point");
  lua_newuserdatauv(L, 8, 0);
  luaL_setmetatable(L, "Test.Other");
  lua_setglobal(L, "other");
  lua_newuserdatauv(L, 8, 0);
  lua_setglobal(L, "plain");
  global_function("x", point_x);

  lua_getglobal(L, "point");
  EXPECT_EQ(luaL_testudata(L, -1, "Test.Point"), p);
  EXPECT_EQ(luaL_testudata(L, -1, "Test.Other"), nullptr);
  EXPECT_EQ(luaL_testudata(L, -1, "Test.Missing"), nullptr);
  EXPECT_EQ(lua_gettop(L), 1);
  lua_pushinteger(L, 1);
  EXPECT_EQ(luaL_testudata(L, -1, "Test.Point"), nullptr);
  lua_settop(L, 0);

  EXPECT_EQ(eval("x(point)"), "2.5");
  EXPECT_EQ(run("x(other)"), "test:1: bad argument #1 to 'x' (Test.Point expected, got Test.Other)");
  EXPECT_EQ(run("x(plain)"), "test:1: bad argument #1 to 'x' (Test.Point expected, got userdata)");
  EXPECT_EQ(run("x(setmetatable({}, getmetatable(point)))"),
            "test:1: bad argument #1 to 'x' (Test.Point expected, got Test.Point)");
  EXPECT_EQ(run("x()"), "test:1: bad argument #1 to 'x' (Test.Point expected, got no value)");
}

TEST_F(LibraryTest, MetafieldsAndCallmeta) {
  ASSERT_EQ(run("obj = setmetatable({}, {__kind = 'k', __call9 = function(self) return 'called' end,"
                " __index = function() return 'not raw' end})"),
            "");
  int top = lua_gettop(L);
  lua_getglobal(L, "obj");
  EXPECT_EQ(luaL_getmetafield(L, -1, "__kind"), LUA_TSTRING);
  EXPECT_STREQ(lua_tostring(L, -1), "k");
  lua_pop(L, 1);
  EXPECT_EQ(luaL_getmetafield(L, -1, "__absent"), LUA_TNIL);
  EXPECT_EQ(lua_gettop(L), top + 1);  // nothing pushed
  lua_pushinteger(L, 3);
  EXPECT_EQ(luaL_getmetafield(L, -1, "__kind"), LUA_TNIL);
  lua_pop(L, 1);
  EXPECT_EQ(luaL_callmeta(L, -1, "__call9"), 1);
  EXPECT_STREQ(lua_tostring(L, -1), "called");
  lua_pop(L, 1);
  EXPECT_EQ(luaL_callmeta(L, -1, "__nothing"), 0);
  EXPECT_EQ(lua_gettop(L), top + 1);
  lua_settop(L, top);
}

int length_of(lua_State* L) {
  lua_pushinteger(L, luaL_len(L, 1));
  return 1;
}

TEST_F(LibraryTest, Len) {
  global_function("len", length_of);
  EXPECT_EQ(eval("len({1, 2, 3})"), "3");
  EXPECT_EQ(eval("len('abcd')"), "4");
  EXPECT_EQ(eval("len(setmetatable({}, {__len = function() return 7 end}))"), "7");
  EXPECT_EQ(eval("len(setmetatable({}, {__len = function() return 7.0 end}))"), "7");
  EXPECT_EQ(run("len(setmetatable({}, {__len = function() return 2.5 end}))"),
            "test:1: object length is not an integer");
  EXPECT_EQ(run("len(setmetatable({}, {__len = function() return 'x' end}))"),
            "test:1: object length is not an integer");
  // The error comes from the core's lua_len, raised in a C function: no position.
  EXPECT_EQ(run("len(5)"), "attempt to get length of a number value");
}

int to_string(lua_State* L) {
  size_t length;
  const char* s = luaL_tolstring(L, 1, &length);
  lua_pushinteger(L, static_cast<lua_Integer>(length));
  lua_pushboolean(L, std::strlen(s) <= length);
  return 3;
}

TEST_F(LibraryTest, ToLString) {
  global_function("tls", to_string);
  EXPECT_EQ(eval("tls(42)"), "42");
  EXPECT_EQ(eval("tls(-0.0)"), "-0.0");
  EXPECT_EQ(eval("tls(1e100)"), "1e+100");
  EXPECT_EQ(eval("tls(2^53)"), "9.007199254741e+15");
  EXPECT_EQ(eval("tls(math.mininteger)"), "-9223372036854775808");
  EXPECT_EQ(eval("tls(1/0)"), "inf");
  EXPECT_EQ(eval("tls(true)"), "true");
  EXPECT_EQ(eval("tls(false)"), "false");
  EXPECT_EQ(eval("tls(nil)"), "nil");
  EXPECT_EQ(eval("tls('a\\0b')"), std::string("a\0b", 3));
  EXPECT_EQ(eval("select(2, tls('a\\0b'))"), "3");
  EXPECT_EQ(eval("tls({}):match('^table: 0x%x+$') ~= nil"), "true");
  EXPECT_EQ(eval("tls(print):match('^builtin: 0x%x+$') or tls(print):match('^function: ')"), "function: ");
  EXPECT_EQ(eval("tls(setmetatable({}, {__name = 'My.Type'})):match('^My.Type: 0x%x+$') ~= nil"), "true");
  EXPECT_EQ(eval("tls(setmetatable({}, {__name = 3})):match('^table: ') ~= nil"), "true");
  EXPECT_EQ(eval("tls(setmetatable({}, {__tostring = function() return 'custom' end}))"), "custom");
  EXPECT_EQ(eval("tls(setmetatable({}, {__tostring = function() return 12 end}))"), "12");
  EXPECT_EQ(run("tls(setmetatable({}, {__tostring = function() return {} end}))"),
            "test:1: '__tostring' must return a string");
  EXPECT_EQ(eval("select(3, tls(coroutine.create(print)))"), "true");
}

int counter(lua_State* L) {
  lua_Integer n = lua_tointeger(L, lua_upvalueindex(1)) + 1;
  lua_pushinteger(L, n);
  lua_copy(L, -1, lua_upvalueindex(1));
  lua_pushvalue(L, lua_upvalueindex(2));
  return 2;
}

TEST_F(LibraryTest, SetFuncsWithUpvaluesAndPlaceholders) {
  static const luaL_Reg functions[] = {{"a", counter}, {"b", counter}, {"placeholder", nullptr}, {nullptr, nullptr}};
  int top = lua_gettop(L);
  lua_newtable(L);
  lua_pushinteger(L, 10);
  lua_pushliteral(L, "tag");
  luaL_setfuncs(L, functions, 2);
  EXPECT_EQ(lua_gettop(L), top + 1);  // upvalues popped
  lua_setglobal(L, "lib");
  EXPECT_EQ(eval("lib.a()"), "11");
  EXPECT_EQ(eval("lib.a()"), "12");
  EXPECT_EQ(eval("lib.b()"), "11");  // its own copy of the upvalue
  EXPECT_EQ(eval("select(2, lib.b())"), "tag");
  EXPECT_EQ(eval("lib.placeholder"), "false");
}

int open_counted(lua_State* L) {
  lua_getfield(L, LUA_REGISTRYINDEX, "test.opens");
  lua_Integer opens = lua_tointeger(L, -1) + 1;
  lua_pushinteger(L, opens);
  lua_setfield(L, LUA_REGISTRYINDEX, "test.opens");
  static const luaL_Reg functions[] = {{"f", counter}, {nullptr, nullptr}};
  luaL_newlib(L, functions);
  lua_pushvalue(L, 1);  // the module name passed by luaL_requiref
  lua_setfield(L, -2, "name");
  return 1;
}

TEST_F(LibraryTest, RequirefAndNewlib) {
  int top = lua_gettop(L);
  luaL_requiref(L, "testmod", open_counted, 1);
  EXPECT_EQ(lua_gettop(L), top + 1);
  EXPECT_EQ(lua_type(L, -1), LUA_TTABLE);
  lua_pop(L, 1);
  luaL_requiref(L, "testmod", open_counted, 0);  // already loaded: not opened again
  lua_pop(L, 1);
  luaL_requiref(L, "testmod2", open_counted, 0);
  lua_pop(L, 1);
  EXPECT_EQ(lua_gettop(L), top);
  EXPECT_EQ(eval("testmod.name"), "testmod");
  EXPECT_EQ(eval("package.loaded.testmod == testmod"), "true");
  EXPECT_EQ(eval("package.loaded.testmod2.name"), "testmod2");
  EXPECT_EQ(eval("testmod2"), "nil");
  EXPECT_EQ(eval("require('testmod') == testmod"), "true");
  EXPECT_EQ(eval("debug.getregistry()['test.opens']"), "2");
  EXPECT_EQ(eval("type(testmod.f)"), "function");
}

TEST_F(LibraryTest, GetSubtable) {
  int top = lua_gettop(L);
  lua_newtable(L);
  EXPECT_EQ(luaL_getsubtable(L, -1, "sub"), 0);  // created
  lua_pushinteger(L, 5);
  lua_setfield(L, -2, "five");
  lua_pop(L, 1);
  EXPECT_EQ(luaL_getsubtable(L, -1, "sub"), 1);  // found
  EXPECT_EQ(lua_getfield(L, -1, "five"), LUA_TNUMBER);
  lua_pop(L, 2);
  lua_pushinteger(L, 1);
  lua_setfield(L, -2, "notatable");
  EXPECT_EQ(luaL_getsubtable(L, -1, "notatable"), 0);  // replaced by a table
  EXPECT_EQ(lua_type(L, -1), LUA_TTABLE);
  EXPECT_EQ(lua_gettop(L), top + 2);
  lua_settop(L, top);
}

TEST_F(LibraryTest, ReferencesInAUserTable) {
  lua_newtable(L);
  int t = lua_gettop(L);
  lua_pushnil(L);
  EXPECT_EQ(luaL_ref(L, t), LUA_REFNIL);
  EXPECT_EQ(lua_gettop(L), t);  // nil popped too
  std::set<int> refs;
  for (int i = 0; i < 10; ++i) {
    lua_pushinteger(L, 100 + i);
    int r = luaL_ref(L, t);
    EXPECT_GT(r, 0);
    EXPECT_EQ(lua_gettop(L), t);
    EXPECT_TRUE(refs.insert(r).second) << "duplicate reference " << r;
    EXPECT_EQ(lua_rawgeti(L, t, r), LUA_TNUMBER);
    EXPECT_EQ(lua_tointeger(L, -1), 100 + i);
    lua_pop(L, 1);
  }
  int first = *refs.begin();
  int last = *refs.rbegin();
  luaL_unref(L, t, first);
  luaL_unref(L, t, last);
  luaL_unref(L, t, LUA_NOREF);  // no effect
  luaL_unref(L, t, LUA_REFNIL);
  lua_pushliteral(L, "again");
  EXPECT_EQ(luaL_ref(L, t), last);  // freed references are reused, last freed first
  lua_pushliteral(L, "again2");
  EXPECT_EQ(luaL_ref(L, t), first);
  lua_pushliteral(L, "new");
  int fresh = luaL_ref(L, t);
  EXPECT_EQ(refs.count(fresh), 0u);
  EXPECT_EQ(lua_rawgeti(L, t, first), LUA_TSTRING);
  EXPECT_STREQ(lua_tostring(L, -1), "again2");
  lua_settop(L, t - 1);
}

TEST_F(LibraryTest, ReferencesInTheRegistryKeepPredefinedSlots) {
  lua_pushliteral(L, "value");
  int r = luaL_ref(L, LUA_REGISTRYINDEX);
  EXPECT_GT(r, LUA_RIDX_LAST);
  EXPECT_EQ(lua_rawgeti(L, LUA_REGISTRYINDEX, r), LUA_TSTRING);
  lua_pop(L, 1);
  luaL_unref(L, LUA_REGISTRYINDEX, r);
  EXPECT_EQ(lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS), LUA_TTABLE);
  lua_pushglobaltable(L);
  EXPECT_TRUE(lua_rawequal(L, -1, -2));
  EXPECT_EQ(lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_MAINTHREAD), LUA_TTHREAD);
  lua_pop(L, 3);
}

TEST_F(LibraryTest, FileResult) {
  int top = lua_gettop(L);
  EXPECT_EQ(luaL_fileresult(L, 1, "x"), 1);
  EXPECT_TRUE(lua_toboolean(L, -1));
  lua_settop(L, top);
  errno = ENOENT;
  EXPECT_EQ(luaL_fileresult(L, 0, "some/file"), 3);
  EXPECT_TRUE(lua_isnil(L, -3));
  EXPECT_EQ(std::string(lua_tostring(L, -2)), std::string("some/file: ") + std::strerror(ENOENT));
  EXPECT_EQ(lua_tointeger(L, -1), ENOENT);
  lua_settop(L, top);
  errno = EACCES;
  EXPECT_EQ(luaL_fileresult(L, 0, nullptr), 3);
  EXPECT_STREQ(lua_tostring(L, -2), std::strerror(EACCES));
  lua_settop(L, top);
  errno = 0;
  EXPECT_EQ(luaL_fileresult(L, 0, "f"), 3);
  EXPECT_STREQ(lua_tostring(L, -2), "f: (no extra info)");
  EXPECT_EQ(lua_tointeger(L, -1), 0);
  lua_settop(L, top);
}

// Returns "<first>|<what>|<code>" for luaL_execresult(L, stat) with errno cleared.
std::string exec_result(lua_State* L, int stat, int error_number = 0) {
  int top = lua_gettop(L);
  errno = error_number;
  int n = luaL_execresult(L, stat);
  std::string out = std::to_string(n) + ":";
  for (int i = top + 1; i <= top + n; ++i) {
    if (i > top + 1) out += "|";
    out += luaL_tolstring(L, i, nullptr);
    lua_pop(L, 1);
  }
  lua_settop(L, top);
  return out;
}

TEST_F(LibraryTest, ExecResult) {
  EXPECT_EQ(exec_result(L, 0), "3:true|exit|0");
  EXPECT_EQ(exec_result(L, 3 << 8), "3:nil|exit|3");  // exit status 3 as wait() reports it
  EXPECT_EQ(exec_result(L, SIGKILL), "3:nil|signal|9");
  EXPECT_EQ(exec_result(L, -1, ECHILD), "3:nil|" + std::string(std::strerror(ECHILD)) + "|" + std::to_string(ECHILD));
  EXPECT_EQ(exec_result(L, 0, ECHILD), "3:true|exit|0");  // success ignores a stale errno
}

}  // namespace
}  // namespace luna::auxlib_test
