// luaL_argerror / luaL_typeerror / luaL_check* / luaL_opt* / luaL_where / luaL_error /
// luaL_checkoption / luaL_checkstack / luaL_checkversion_: messages exactly as Lua 5.4.8.
#include "auxlib_fixture.h"

namespace luna::auxlib_test {
namespace {

int check_integer(lua_State* L) {
  lua_pushinteger(L, luaL_checkinteger(L, 1));
  return 1;
}
int check_number_second(lua_State* L) {
  lua_pushnumber(L, luaL_checknumber(L, 2));
  return 1;
}
int check_string(lua_State* L) {
  lua_pushstring(L, luaL_checkstring(L, 1));
  return 1;
}
int check_table(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  return 0;
}
int check_any(lua_State* L) {
  luaL_checkany(L, 1);
  return 0;
}
int options(lua_State* L) {
  static const char* const names[] = {"alpha", "beta", "gamma", nullptr};
  lua_pushinteger(L, luaL_checkoption(L, 1, "beta", names));
  return 1;
}
int options_no_default(lua_State* L) {
  static const char* const names[] = {"alpha", "beta", nullptr};
  lua_pushinteger(L, luaL_checkoption(L, 1, nullptr, names));
  return 1;
}
int optionals(lua_State* L) {
  size_t length = 0;
  const char* s = luaL_optlstring(L, 1, "default", &length);
  lua_Integer i = luaL_optinteger(L, 2, -5);
  lua_Number n = luaL_optnumber(L, 3, 0.25);
  lua_pushfstring(L, "%s/%d/%I/%f", s, static_cast<int>(length), static_cast<LUAI_UACINT>(i),
                  static_cast<LUAI_UACNUMBER>(n));
  return 1;
}
int opt_null_default(lua_State* L) {
  size_t length = 99;
  const char* s = luaL_optlstring(L, 1, nullptr, &length);
  lua_pushboolean(L, s == nullptr && length == 0);
  return 1;
}
int raise_formatted(lua_State* L) { return luaL_error(L, "boom %d %s %%", 42, "x"); }
int where_level(lua_State* L) {
  luaL_where(L, static_cast<int>(luaL_checkinteger(L, 1)));
  return 1;
}
int huge_stack(lua_State* L) {
  luaL_checkstack(L, 2000000, "too many values");
  return 0;
}
int huge_stack_no_message(lua_State* L) {
  luaL_checkstack(L, 2000000, nullptr);
  return 0;
}
int small_stack(lua_State* L) {
  luaL_checkstack(L, 100, "never");
  lua_pushboolean(L, 1);
  return 1;
}
int bad_version(lua_State* L) {
  luaL_checkversion_(L, 503, LUAL_NUMSIZES);
  return 0;
}
int bad_numsizes(lua_State* L) {
  luaL_checkversion_(L, LUA_VERSION_NUM, LUAL_NUMSIZES + 1);
  return 0;
}
int good_version(lua_State* L) {
  luaL_checkversion(L);
  lua_pushboolean(L, 1);
  return 1;
}
int argcheck_macro(lua_State* L) {
  luaL_argcheck(L, lua_gettop(L) == 2, 2, "exactly two values wanted");
  luaL_argexpected(L, lua_isstring(L, 1), 1, "stringy thing");
  return 0;
}

class ErrorsTest : public AuxlibTest {
 protected:
  void SetUp() override {
    AuxlibTest::SetUp();
    global_function("checkint", check_integer);
    global_function("checknum2", check_number_second);
    global_function("checkstr", check_string);
    global_function("checktable", check_table);
    global_function("checkany", check_any);
    global_function("options", options);
    global_function("options_nodef", options_no_default);
    global_function("optionals", optionals);
    global_function("optnull", opt_null_default);
    global_function("raise", raise_formatted);
    global_function("where", where_level);
    global_function("hugestack", huge_stack);
    global_function("hugestack0", huge_stack_no_message);
    global_function("smallstack", small_stack);
    global_function("badversion", bad_version);
    global_function("badnumsizes", bad_numsizes);
    global_function("goodversion", good_version);
    global_function("argcheck", argcheck_macro);
  }
};

TEST_F(ErrorsTest, ArgumentErrorNamesTheGlobalFunction) {
  EXPECT_EQ(run("checkint()"), "test:1: bad argument #1 to 'checkint' (number expected, got no value)");
  EXPECT_EQ(run("checkint(nil)"), "test:1: bad argument #1 to 'checkint' (number expected, got nil)");
  EXPECT_EQ(run("checkint({})"), "test:1: bad argument #1 to 'checkint' (number expected, got table)");
  EXPECT_EQ(run("checkint('x')"), "test:1: bad argument #1 to 'checkint' (number expected, got string)");
  EXPECT_EQ(run("checknum2(1, true)"), "test:1: bad argument #2 to 'checknum2' (number expected, got boolean)");
  EXPECT_EQ(run("checkstr({})"), "test:1: bad argument #1 to 'checkstr' (string expected, got table)");
  EXPECT_EQ(run("checktable(1)"), "test:1: bad argument #1 to 'checktable' (table expected, got number)");
  EXPECT_EQ(run("checkany()"), "test:1: bad argument #1 to 'checkany' (value expected)");
  EXPECT_EQ(run("checkany(nil)"), "");
}

TEST_F(ErrorsTest, IntegerChecksDistinguishNonIntegralNumbers) {
  EXPECT_EQ(run("checkint(3.5)"), "test:1: bad argument #1 to 'checkint' (number has no integer representation)");
  EXPECT_EQ(run("checkint(2^63)"), "test:1: bad argument #1 to 'checkint' (number has no integer representation)");
  EXPECT_EQ(run("checkint('3.5')"), "test:1: bad argument #1 to 'checkint' (number has no integer representation)");
  EXPECT_EQ(eval("checkint(3.0)"), "3");
  EXPECT_EQ(eval("checkint('10')"), "10");
  EXPECT_EQ(eval("checknum2(0, '0x10')"), "16.0");
  EXPECT_EQ(eval("checkstr(12)"), "12");
}

TEST_F(ErrorsTest, LocalAndFieldNamesComeFromTheCallingCode) {
  EXPECT_EQ(run("local f = checkint; f()"), "test:1: bad argument #1 to 'f' (number expected, got no value)");
  EXPECT_EQ(run("local t = {g = checkint}; t.g()"), "test:1: bad argument #1 to 'g' (number expected, got no value)");
}

TEST_F(ErrorsTest, MethodCallsDoNotCountSelf) {
  EXPECT_EQ(run("local t = {m = checknum2}; t:m('x')"),
            "test:1: bad argument #1 to 'm' (number expected, got string)");
  EXPECT_EQ(run("local t = {m = checkint}; t:m()"),
            "test:1: calling 'm' on bad self (number expected, got table)");
}

TEST_F(ErrorsTest, UnnamedCallsFallBackToLoadedModules) {
  // Called through pcall the calling code gives no name, so the function is looked up in
  // package.loaded: globals through "_G" (prefix dropped), library functions qualified.
  EXPECT_EQ(eval("select(2, pcall(checkint))"), "bad argument #1 to 'checkint' (number expected, got no value)");
  EXPECT_EQ(run("mylib = {check = checkint}; package.loaded.mylib = mylib; checkint = nil\n"
                "local ok, e = pcall(mylib.check); error(e, 0)"),
            "bad argument #1 to 'mylib.check' (number expected, got no value)");
  EXPECT_EQ(eval("select(2, pcall(string.rep))"), "bad argument #1 to 'string.rep' (string expected, got no value)");
}

TEST_F(ErrorsTest, UnknownFunctionsAreQuestionMarks) {
  EXPECT_EQ(run("local f = checkint; checkint = nil; local ok, e = pcall(f); error(e, 0)"),
            "bad argument #1 to '?' (number expected, got no value)");
}

TEST_F(ErrorsTest, TypeErrorUsesNameMetafieldAndLightUserdata) {
  EXPECT_EQ(run("checkint(setmetatable({}, {__name = 'My.Type'}))"),
            "test:1: bad argument #1 to 'checkint' (number expected, got My.Type)");
  EXPECT_EQ(run("checkint(setmetatable({}, {__name = 42}))"),
            "test:1: bad argument #1 to 'checkint' (number expected, got table)");
  lua_pushlightuserdata(L, this);
  lua_setglobal(L, "light");
  EXPECT_EQ(run("checkint(light)"), "test:1: bad argument #1 to 'checkint' (number expected, got light userdata)");
  EXPECT_EQ(run("checkint(io.stdout)"), "test:1: bad argument #1 to 'checkint' (number expected, got FILE*)");
}

TEST_F(ErrorsTest, ArgcheckMacros) {
  EXPECT_EQ(run("argcheck('a')"), "test:1: bad argument #2 to 'argcheck' (exactly two values wanted)");
  EXPECT_EQ(run("argcheck({}, 1)"), "test:1: bad argument #1 to 'argcheck' (stringy thing expected, got table)");
  EXPECT_EQ(run("argcheck('a', 1)"), "");
}

TEST_F(ErrorsTest, CheckOption) {
  EXPECT_EQ(eval("options('alpha')"), "0");
  EXPECT_EQ(eval("options('gamma')"), "2");
  EXPECT_EQ(eval("options()"), "1");
  EXPECT_EQ(eval("options(nil)"), "1");
  EXPECT_EQ(run("options('delta')"), "test:1: bad argument #1 to 'options' (invalid option 'delta')");
  EXPECT_EQ(run("options_nodef()"), "test:1: bad argument #1 to 'options_nodef' (string expected, got no value)");
  EXPECT_EQ(run("options_nodef('Alpha')"), "test:1: bad argument #1 to 'options_nodef' (invalid option 'Alpha')");
}

TEST_F(ErrorsTest, OptionalArguments) {
  EXPECT_EQ(eval("optionals()"), "default/7/-5/0.25");
  EXPECT_EQ(eval("optionals(nil, nil, nil)"), "default/7/-5/0.25");
  EXPECT_EQ(eval("optionals('ab', 3, 1)"), "ab/2/3/1.0");
  EXPECT_EQ(run("optionals(nil, 'x')"), "test:1: bad argument #2 to 'optionals' (number expected, got string)");
  EXPECT_EQ(run("optionals(nil, 1.5)"), "test:1: bad argument #2 to 'optionals' (number has no integer representation)");
  EXPECT_EQ(run("optionals({})"), "test:1: bad argument #1 to 'optionals' (string expected, got table)");
  EXPECT_EQ(eval("optnull()"), "true");
}

TEST_F(ErrorsTest, ErrorAddsThePositionOfTheCaller) {
  EXPECT_EQ(run("\n\nraise()"), "test:3: boom 42 x %");
  // Called from C (pcall) there is no Lua position to add.
  EXPECT_EQ(eval("select(2, pcall(raise))"), "boom 42 x %");
}

TEST_F(ErrorsTest, Where) {
  EXPECT_EQ(eval("where(1)"), "eval:1: ");
  EXPECT_EQ(eval("where(0)"), "");   // level 0 is the C function itself
  EXPECT_EQ(eval("where(10)"), "");  // no such level
  EXPECT_EQ(run("local function f()\n  return where(2)\nend\nlocal s = f()\nassert(s == 'test:4: ', s)"), "");
}

TEST_F(ErrorsTest, CheckStack) {
  EXPECT_EQ(run("hugestack()"), "test:1: stack overflow (too many values)");
  EXPECT_EQ(run("hugestack0()"), "test:1: stack overflow");
  EXPECT_EQ(eval("smallstack()"), "true");
}

TEST_F(ErrorsTest, CheckVersion) {
  EXPECT_EQ(run("badversion()"), "test:1: version mismatch: app. needs 503.0, Lua core provides 504.0");
  EXPECT_EQ(run("badnumsizes()"), "test:1: core and library have incompatible numeric types");
  EXPECT_EQ(eval("goodversion()"), "true");
}

TEST_F(ErrorsTest, ArgumentErrorInAFunctionCalledByTheHost) {
  // Level 0 is the C function itself; no calling code names it and it is not in package.loaded,
  // and there is no Lua level above it to give a position.
  lua_pushcfunction(L, [](lua_State* L1) { return luaL_argerror(L1, 3, "custom"); });
  ASSERT_EQ(lua_pcall(L, 0, 0, 0), LUA_ERRRUN);
  EXPECT_STREQ(lua_tostring(L, -1), "bad argument #3 to '?' (custom)");
}

}  // namespace
}  // namespace luna::auxlib_test
