// luaL_traceback: the exact Lua 5.4.8 layout, function descriptions, tail calls, level elision
// and tracebacks of other threads.
#include <cstring>
#include <string>

#include "auxlib_fixture.h"

namespace luna::auxlib_test {
namespace {

// traceback([msg [, level]]) -> luaL_traceback(L, L, msg, level or 1)
int traceback_here(lua_State* L) {
  const char* msg = lua_isnoneornil(L, 1) ? nullptr : lua_tostring(L, 1);
  luaL_traceback(L, L, msg, static_cast<int>(luaL_optinteger(L, 2, 1)));
  return 1;
}

// cotraceback(co [, msg [, level]]) -> luaL_traceback(L, co, msg, level or 0)
int traceback_of_thread(lua_State* L) {
  lua_State* co = lua_tothread(L, 1);
  luaL_argexpected(L, co != nullptr, 1, "thread");
  const char* msg = lua_isnoneornil(L, 2) ? nullptr : lua_tostring(L, 2);
  luaL_traceback(L, co, msg, static_cast<int>(luaL_optinteger(L, 3, 0)));
  return 1;
}

class TracebackTest : public AuxlibTest {
 protected:
  void SetUp() override {
    AuxlibTest::SetUp();
    global_function("traceback", traceback_here);
    global_function("cotraceback", traceback_of_thread);
  }

  // Runs `code`, which must return a string, and returns that string.
  std::string result_of(const char* code) {
    int top = lua_gettop(L);
    std::string result;
    if (luaL_loadbuffer(L, code, std::char_traits<char>::length(code), "=test") != LUA_OK ||
        lua_pcall(L, 0, 1, 0) != LUA_OK)
      result = std::string("error: ") + lua_tostring(L, -1);
    else
      result = lua_tostring(L, -1);
    lua_settop(L, top);
    return result;
  }
};

TEST_F(TracebackTest, DescribesEachKindOfFunction) {
  const char* code =
      "local result\n"                                       // 1
      "local function inner() result = traceback('msg') end\n"  // 2
      "local t = {}\n"                                       // 3
      "function t.field() inner() end\n"                     // 4
      "local function viaupvalue() t.field() end\n"          // 5
      "function globalfn() viaupvalue() end\n"               // 6
      "globalfn()\n"                                         // 7
      "return result\n";
  EXPECT_EQ(result_of(code),
            "msg\n"
            "stack traceback:\n"
            "\ttest:2: in upvalue 'inner'\n"
            "\ttest:4: in field 'field'\n"
            "\ttest:5: in upvalue 'viaupvalue'\n"
            "\ttest:6: in function 'globalfn'\n"
            "\ttest:7: in main chunk");
}

TEST_F(TracebackTest, LevelsCountFromTheRunningFunction) {
  // Level 0 is the running C function; the chunk was called by the host, so nothing is below it.
  EXPECT_EQ(result_of("return traceback(nil, 0)"),
            "stack traceback:\n\t[C]: in function 'traceback'\n\ttest:1: in main chunk");
  EXPECT_EQ(result_of("return traceback(nil, 1)"), "stack traceback:\n\ttest:1: in main chunk");
  EXPECT_EQ(result_of("return traceback(nil, 2)"), "stack traceback:");
  EXPECT_EQ(result_of("return traceback('only message', 50)"), "only message\nstack traceback:");
  EXPECT_EQ(result_of("return traceback('', 1)"), "\nstack traceback:\n\ttest:1: in main chunk");
}

TEST_F(TracebackTest, MethodsLocalsAndAnonymousFunctions) {
  const char* code =
      "local obj = {}\n"
      "function obj:meth() return (traceback(nil, 1)) end\n"
      "local function lf() local s = obj:meth() return s end\n"
      "local s = lf()\n"
      "return s\n";
  EXPECT_EQ(result_of(code),
            "stack traceback:\n"
            "\ttest:2: in method 'meth'\n"
            "\ttest:3: in local 'lf'\n"
            "\ttest:4: in main chunk");
  // Called through a table slot, the calling code still names it; called as an expression
  // result, it has no name and is described by its definition line. (The call is attributed to
  // the line where the called expression starts.)
  const char* indexed =
      "local fs = {function() return (traceback(nil, 1)) end}\n"
      "local s = fs[1]()\n"
      "return s\n";
  EXPECT_EQ(result_of(indexed),
            "stack traceback:\n\ttest:1: in field 'integer index'\n\ttest:2: in main chunk");
  const char* anonymous =
      "local s = (function()\n"
      "  return (traceback(nil, 1))\n"
      "end)()\n"
      "return s\n";
  // 5.4.8 attributes a call to the line of its argument list (5.4.4 said line 1 here).
  EXPECT_EQ(result_of(anonymous), "stack traceback:\n\ttest:2: in function <test:1>\n\ttest:3: in main chunk");
}

TEST_F(TracebackTest, TailCallsAreMarked) {
  const char* code =
      "local function tail() local s = traceback(nil, 1) return s end\n"
      "local function calltail() return tail() end\n"
      "local s = calltail()\n"
      "return s\n";
  EXPECT_EQ(result_of(code),
            "stack traceback:\n"
            "\ttest:1: in function <test:1>\n"
            "\t(...tail calls...)\n"
            "\ttest:3: in main chunk");
}

TEST_F(TracebackTest, LibraryFunctionsAreNamedThroughLoadedModules) {
  const char* code =
      "local s\n"
      "local ok = pcall(string.gsub, 'x', 'x', function() s = traceback(nil, 1) end)\n"
      "return s\n";
  EXPECT_EQ(result_of(code),
            "stack traceback:\n"
            "\ttest:2: in function <test:2>\n"
            "\t[C]: in function 'string.gsub'\n"
            "\t[C]: in function 'pcall'\n"
            "\ttest:2: in main chunk");
}

// rec(n) recurses n levels below its first call; traceback(nil, 1) starts at the innermost rec.
constexpr const char* recursion =
    "local function rec(n) if n == 0 then return (traceback(nil, 1)) end local s = rec(n - 1) return s end\n"
    "local s = rec(...)\n"
    "return s\n";

std::string count_lines_and_skip(const std::string& text) {
  int lines = 0;
  for (char c : text) lines += c == '\n';
  std::size_t skip = text.find("(skipping ");
  if (skip == std::string::npos) return std::to_string(lines);
  return std::to_string(lines) + " " + text.substr(skip, text.find(')', skip) + 1 - skip);
}

TEST_F(TracebackTest, LongStacksKeepTheFirstTenAndTheLastElevenLevels) {
  lua_settop(L, 0);
  ASSERT_EQ(luaL_loadbuffer(L, recursion, std::strlen(recursion), "=test"), LUA_OK);
  lua_pushinteger(L, 40);
  ASSERT_EQ(lua_pcall(L, 1, 1, 0), LUA_OK) << lua_tostring(L, -1);
  // 42 levels from level 1 (41 x rec, main chunk). The first 10 are shown; the level reached
  // when the limit hits is dropped too, and the last 11 are shown, which the message counts as
  // "skipping 20 levels" (Lua 5.4's arithmetic, kept for identical output).
  std::string expected = "stack traceback:";
  for (int i = 0; i < 10; ++i) expected += "\n\ttest:1: in upvalue 'rec'";
  expected += "\n\t...\t(skipping 20 levels)";
  for (int i = 0; i < 9; ++i) expected += "\n\ttest:1: in upvalue 'rec'";
  expected += "\n\ttest:1: in local 'rec'\n\ttest:2: in main chunk";
  EXPECT_EQ(lua_tostring(L, -1), expected);
  lua_settop(L, 0);
}

TEST_F(TracebackTest, ElisionStartsAboveTwentyTwoLevels) {
  auto traceback_for_depth = [&](int n) {
    lua_settop(L, 0);
    EXPECT_EQ(luaL_loadbuffer(L, recursion, std::strlen(recursion), "=test"), LUA_OK);
    lua_pushinteger(L, n);
    EXPECT_EQ(lua_pcall(L, 1, 1, 0), LUA_OK);
    std::string text = lua_tostring(L, -1);
    lua_settop(L, 0);
    return count_lines_and_skip(text);
  };
  EXPECT_EQ(traceback_for_depth(20), "22");  // 21 x rec + main: all shown
  EXPECT_EQ(traceback_for_depth(21), "22 (skipping 1 levels)");
  EXPECT_EQ(traceback_for_depth(100), "22 (skipping 80 levels)");
}

TEST_F(TracebackTest, OtherThreads) {
  const char* code =
      "local co = coroutine.create(function(x)\n"
      "  local function deep() coroutine.yield(x) end\n"
      "  deep()\n"
      "end)\n"
      "coroutine.resume(co, 1)\n"
      "return cotraceback(co, 'in coroutine')\n";
  EXPECT_EQ(result_of(code),
            "in coroutine\n"
            "stack traceback:\n"
            "\t[C]: in function 'coroutine.yield'\n"
            "\ttest:2: in local 'deep'\n"
            "\ttest:3: in function <test:1>");
  EXPECT_EQ(result_of("return cotraceback(coroutine.create(print))"), "stack traceback:");
}

}  // namespace
}  // namespace luna::auxlib_test
