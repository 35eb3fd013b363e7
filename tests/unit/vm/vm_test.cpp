// End-to-end tests of the VM through the public API: Lua code is compiled, run, and its results
// read back. Each test states the Lua 5.4 behaviour it checks (results checked against lua5.4).
#include <gtest/gtest.h>

#include <string>

extern "C" {
#include "lauxlib.h"
#include "lua.h"
#include "lualib.h"
}

namespace {

class VmTest : public ::testing::Test {
 protected:
  void SetUp() override {
    L = luaL_newstate();
    ASSERT_NE(L, nullptr);
    luaL_openlibs(L);
  }
  void TearDown() override { lua_close(L); }

  // Runs `code`; returns its results joined by "," (tostring of each), or "ERR:<message>".
  std::string run(const char* code) {
    int base = lua_gettop(L);
    if (luaL_loadstring(L, code) != LUA_OK || lua_pcall(L, 0, LUA_MULTRET, 0) != LUA_OK) {
      std::string msg = std::string("ERR:") + (lua_tostring(L, -1) ? lua_tostring(L, -1) : "?");
      lua_settop(L, base);
      return msg;
    }
    std::string out;
    int top = lua_gettop(L);
    for (int i = base + 1; i <= top; i++) {
      if (i > base + 1) out += ",";
      out += luaL_tolstring(L, i, nullptr);
      lua_pop(L, 1);
    }
    lua_settop(L, base);
    return out;
  }

  lua_State* L = nullptr;
};

TEST_F(VmTest, IntegerArithmeticWrapsAndFloors) {
  EXPECT_EQ(run("return math.maxinteger + 1 == math.mininteger, 7 // 2, -7 // 2, 7 % -3, -7 % 3"),
            "true,3,-4,-2,2");
  EXPECT_EQ(run("return math.mininteger // -1, math.mininteger % -1"), "-9223372036854775808,0");
  EXPECT_EQ(run("return 3 / 2, 4 / 2, 2^2, 1 // 0.0, -1 // 0.0"), "1.5,2.0,4.0,inf,-inf");
  EXPECT_EQ(run("return 7.5 % 2, -7.5 % 2, 5 % math.huge, -5 % math.huge"), "1.5,0.5,5.0,inf");
}

TEST_F(VmTest, DivisionByZeroErrors) {
  EXPECT_EQ(run("local z = 0 return 1 // z"), "ERR:[string \"local z = 0 return 1 // z\"]:1: attempt to divide by zero");
  EXPECT_EQ(run("local z = 0 return 1 % z"), "ERR:[string \"local z = 0 return 1 % z\"]:1: attempt to perform 'n%0'");
}

TEST_F(VmTest, BitwiseOperations) {
  EXPECT_EQ(run("return 1 << 63, 1 << 64, -1 >> 1, 1 << -1, 3 & 5, 3 | 5, 3 ~ 5, ~0, 2.0 | 1"),
            "-9223372036854775808,0,9223372036854775807,0,1,7,6,-1,3");
  EXPECT_EQ(run("return 1.5 | 0"), "ERR:[string \"return 1.5 | 0\"]:1: number has no integer representation");
  EXPECT_EQ(run("local s = 'a' return s | 1"),
            "ERR:[string \"local s = 'a' return s | 1\"]:1: attempt to perform bitwise operation on a string value (local 's')");
}

TEST_F(VmTest, StringCoercionInArithmeticAndConcat) {
  EXPECT_EQ(run("return '10' + 1, '3' * '4', '0x10' + 0, 10 .. 20, 1.5 .. '', math.type('10' + 1)"),
            "11,12,16,1020,1.5,integer");
}

TEST_F(VmTest, ComparisonSemantics) {
  EXPECT_EQ(run("return 1 == 1.0, math.maxinteger < 2^63, 'a' < 'b', 'a\\0b' > 'a', 2^53 == 2^53 + 1"),
            "true,true,true,true,true");
  EXPECT_EQ(run("return {} < {}"), "ERR:[string \"return {} < {}\"]:1: attempt to compare two table values");
  EXPECT_EQ(run("return 1 < nil"), "ERR:[string \"return 1 < nil\"]:1: attempt to compare number with nil");
}

TEST_F(VmTest, ErrorMessagesNameVariables) {
  EXPECT_EQ(run("return x + 1"), "ERR:[string \"return x + 1\"]:1: attempt to perform arithmetic on a nil value (global 'x')");
  EXPECT_EQ(run("local t = {} return t.y.z"), "ERR:[string \"local t = {} return t.y.z\"]:1: attempt to index a nil value (field 'y')");
  EXPECT_EQ(run("undefinedf()"), "ERR:[string \"undefinedf()\"]:1: attempt to call a nil value (global 'undefinedf')");
  EXPECT_EQ(run("local t = {} return t .. 'x'"), "ERR:[string \"local t = {} return t .. 'x'\"]:1: attempt to concatenate a table value (local 't')");
  EXPECT_EQ(run("return #nil"), "ERR:[string \"return #nil\"]:1: attempt to get length of a nil value");
}

TEST_F(VmTest, MetamethodsArithmeticIndexCallConcatLenEq) {
  EXPECT_EQ(run(R"(
    local mt = {}
    mt.__add = function(a, b) return 'add' end
    mt.__unm = function(a, b) return rawequal(a, b) and 'unm-same' or 'unm' end
    mt.__index = function(t, k) return k .. '!' end
    mt.__call = function(self, x) return 'called ' .. x end
    mt.__concat = function(a, b) return 'cat' end
    mt.__len = function() return 42 end
    mt.__eq = function() return true end
    mt.__lt = function() return true end
    mt.__le = function() return false end
    local a, b = setmetatable({}, mt), setmetatable({}, mt)
    return a + 1, -a, a.foo, a(5), 'x' .. a, #a, a == b, a < b, a <= b
  )"), "add,unm-same,foo!,called 5,cat,42,true,true,false");
}

TEST_F(VmTest, IndexChainsAndLoops) {
  EXPECT_EQ(run("local a = setmetatable({}, {__index = setmetatable({}, {__index = {x = 1}})}) return a.x"), "1");
  EXPECT_EQ(run("local t = setmetatable({}, {}) getmetatable(t).__index = t return t.x"),
            "ERR:[string \"local t = setmetatable({}, {}) getmetatable(t...\"]:1: '__index' chain too long; possible loop");
  EXPECT_EQ(run("local log = {} local t = setmetatable({}, {__newindex = function(t, k, v) rawset(t, k, v * 2) end}) t.a = 2 return t.a"), "4");
}

TEST_F(VmTest, NumericForLoops) {
  EXPECT_EQ(run("local n = 0 for i = math.maxinteger - 2, math.maxinteger do n = n + 1 end return n"), "3");
  EXPECT_EQ(run("local s = '' for i = 1, 3, 0.5 do s = s .. i .. ' ' end return s"), "1.0 1.5 2.0 2.5 3.0 ");
  EXPECT_EQ(run("local n = 0 for i = 1, 0 do n = n + 1 end for i = 3, 1, -1 do n = n + i end return n"), "6");
  EXPECT_EQ(run("for i = 1, 10, 0 do end"), "ERR:[string \"for i = 1, 10, 0 do end\"]:1: 'for' step is zero");
  EXPECT_EQ(run("for i = 1, {} do end"),
            "ERR:[string \"for i = 1, {} do end\"]:1: bad 'for' limit (number expected, got table)");
}

TEST_F(VmTest, VarargsAndTailCalls) {
  EXPECT_EQ(run("local function va(...) return select('#', ...), ... end return va(nil, nil)"), "2,nil,nil");
  EXPECT_EQ(run("local function t(n, ...) if n == 0 then return ... end return t(n - 1, n, ...) end return t(4)"), "1,2,3,4");
  // Deep tail recursion does not grow the stack.
  EXPECT_EQ(run("local function loop(n) if n == 0 then return 'done' end return loop(n - 1) end return loop(1000000)"), "done");
}

TEST_F(VmTest, StackOverflowIsCatchable) {
  std::string r = run("local function rec() return 1 + rec() end return pcall(rec)");
  EXPECT_NE(r.find("false,"), std::string::npos) << r;
  EXPECT_NE(r.find("stack overflow"), std::string::npos) << r;
  // And the state is usable afterwards.
  EXPECT_EQ(run("return 1 + 1"), "2");
}

TEST_F(VmTest, CStackOverflowInMetamethodChain) {
  std::string r = run("local mt = {} mt.__index = function(t, k) return setmetatable({}, mt)[k] end "
                      "return pcall(function() return setmetatable({}, mt).x end)");
  EXPECT_NE(r.find("stack overflow"), std::string::npos) << r;
}

TEST_F(VmTest, ToBeClosedVariables) {
  EXPECT_EQ(run(R"(
    local log = {}
    local function closer(n) return setmetatable({}, {__close = function(o, e) log[#log + 1] = n .. ':' .. tostring(e) end}) end
    do local a <close> = closer('a') local b <close> = closer('b') end
    pcall(function() local c <close> = closer('c') error('E', 0) end)
    pcall(function()
      local d <close> = setmetatable({}, {__close = function(o, e) log[#log + 1] = 'd:' .. e error('F', 0) end})
      local f <close> = closer('f')
      error('G', 0)
    end)
    for i in function(s, i) if i < 2 then return i + 1 end end, nil, 0, closer('for') do end
    return table.concat(log, ' ')
  )"), "b:nil a:nil c:E f:G d:G for:nil");
  EXPECT_EQ(run("local x <close> = 42"),
            "ERR:[string \"local x <close> = 42\"]:1: variable 'x' got a non-closable value");
}

TEST_F(VmTest, ErrorObjectsAndHandlers) {
  EXPECT_EQ(run("local ok, e = pcall(error, {1}) return ok, type(e), e[1]"), "false,table,1");
  EXPECT_EQ(run("return pcall(error)"), "false,nil");
  EXPECT_EQ(run("local function f() error('lvl2', 2) end return pcall(function() f() end)"),
            "false,[string \"local function f() error('lvl2', 2) end retur...\"]:1: lvl2");
}

TEST_F(VmTest, XpcallHandlerRunsAtRaisePoint) {
  EXPECT_EQ(run("return xpcall(function() error('X') end, function(m) return 'handled: ' .. m end)"),
            "false,handled: [string \"return xpcall(function() error('X') end, func...\"]:1: X");
  EXPECT_EQ(run("return xpcall(function() error('X') end, function(m) error('Y') end)"), "false,error in error handling");
  EXPECT_EQ(run("return select('#', xpcall(function() return 1, 2, 3 end, print))"), "4");
}

TEST_F(VmTest, CoroutinesResumeYieldAndStatus) {
  EXPECT_EQ(run(R"(
    local co = coroutine.create(function(a, b)
      local c = coroutine.yield(a + b)
      local d, e = coroutine.yield(c * 2)
      return d .. e
    end)
    local r = {}
    local function add(...) for i = 1, select('#', ...) do r[#r + 1] = tostring((select(i, ...))) end end
    add(coroutine.resume(co, 1, 2)) add(coroutine.resume(co, 10)) add(coroutine.resume(co, 'x', 'y'))
    add(coroutine.resume(co)) add(coroutine.status(co))
    return table.concat(r, ' ')
  )"), "true 3 true 20 true xy false cannot resume dead coroutine dead");
  EXPECT_EQ(run("return pcall(coroutine.yield, 1)"), "false,attempt to yield from outside a coroutine");
  EXPECT_EQ(run("return coroutine.resume(coroutine.create(function() table.sort({3, 2, 1}, function(a, b) coroutine.yield() return a < b end) end))"),
            "false,attempt to yield across a C-call boundary");
}

TEST_F(VmTest, YieldAcrossPcallAndMetamethods) {
  EXPECT_EQ(run(R"(
    local mt = {__index = function(t, k) return coroutine.yield(k) end,
                __add = function() return coroutine.yield('add') end,
                __lt = function() return coroutine.yield('lt') end,
                __concat = function() return coroutine.yield('cat') end}
    local co = coroutine.wrap(function()
      local t = setmetatable({}, mt)
      local ok, v = pcall(function() return t.foo end)
      local s = t + 1
      local lt = t < t
      local c = 'a' .. t .. 'b'
      return tostring(ok) .. v .. s .. tostring(lt) .. c
    end)
    local out = {co(), co('V'), co('S'), co(true), co('C')}
    return table.concat(out, ' ')
  )"), "foo add lt cat trueVStrueaC");
  EXPECT_EQ(run(R"(
    local co = coroutine.create(function()
      local ok, err = pcall(function() coroutine.yield(1) error('boom', 0) end)
      coroutine.yield(tostring(ok) .. err)
      return 'end'
    end)
    local _, a = coroutine.resume(co) local _, b = coroutine.resume(co) local _, c = coroutine.resume(co)
    return a, b, c
  )"), "1,falseboom,end");
}

TEST_F(VmTest, CoroutineCloseRunsPendingClose) {
  EXPECT_EQ(run(R"(
    local closed
    local co = coroutine.create(function()
      local x <close> = setmetatable({}, {__close = function(o, e) closed = tostring(e) end})
      coroutine.yield(1)
    end)
    coroutine.resume(co)
    local ok = coroutine.close(co)
    return ok, closed, coroutine.status(co)
  )"), "true,nil,dead");
}

TEST_F(VmTest, HooksSeeCallsReturnsAndLines) {
  EXPECT_EQ(run(R"(
    local ev = {}
    debug.sethook(function(e, line) ev[#ev + 1] = e .. (line and (':' .. line) or '') end, 'crl')
    local function f(x)
      return x + 1
    end
    local y = f(1)
    debug.sethook()
    return table.concat(ev, ' ')
  )"), "return line:6 line:7 call line:5 return line:8 call");
}

TEST_F(VmTest, LoadModesAndReaders) {
  EXPECT_EQ(run("return load('return 1', '=n', 'b')"), "nil,attempt to load a text chunk (mode is 'b')");
  EXPECT_EQ(run("return load(string.dump(function() return 42 end), 'd', 't')"),
            "nil,attempt to load a binary chunk (mode is 't')");
  EXPECT_EQ(run("return load(string.dump(function() return 42 end), 'd', 'b')()"), "42");
  EXPECT_EQ(run("local p = {'return ', '1', ' + ', '2'} local k = 0 return load(function() k = k + 1 return p[k] end)()"), "3");
  EXPECT_EQ(run("return load('syntax error here')"), "nil,[string \"syntax error here\"]:1: syntax error near 'error'");
  EXPECT_EQ(run("local env = {} load('x = 5', 'c', 't', env)() return x, env.x"), "nil,5");
}

// ---- C API level: continuations, yields from C, to-be-closed slots ----------------------------

int continuation(lua_State* L, int status, lua_KContext ctx) {
  lua_pushinteger(L, static_cast<lua_Integer>(ctx));
  lua_pushboolean(L, status == LUA_YIELD);
  return 3;  // the callee's result + ctx + whether we came back from a yield
}

int call_with_k(lua_State* L) {
  lua_pushvalue(L, 1);
  lua_callk(L, 0, 1, 7, continuation);
  return continuation(L, LUA_OK, 7);
}

TEST_F(VmTest, LuaCallkContinuationAfterYield) {
  lua_register(L, "call_with_k", call_with_k);
  EXPECT_EQ(run(R"(
    local co = coroutine.wrap(function()
      return call_with_k(function() return coroutine.yield('y') end)
    end)
    local a = co()
    return a, co('R')
  )"), "y,R,7,true");
  EXPECT_EQ(run("return call_with_k(function() return 'plain' end)"), "plain,7,false");
}

int pcall_k_cont(lua_State* L, int status, lua_KContext) {
  lua_pushstring(L, status == LUA_OK ? "ok" : status == LUA_YIELD ? "yield" : "error");
  return 2;
}

int pcall_with_k(lua_State* L) {
  lua_pushvalue(L, 1);
  int st = lua_pcallk(L, 0, 1, 0, 0, pcall_k_cont);
  return pcall_k_cont(L, st, 0);
}

TEST_F(VmTest, LuaPcallkRecoversErrorsAfterYield) {
  lua_register(L, "pcall_with_k", pcall_with_k);
  EXPECT_EQ(run(R"(
    local co = coroutine.wrap(function()
      return pcall_with_k(function() coroutine.yield('first') error('after', 0) end)
    end)
    local a = co()
    return a, co()
  )"), "first,after,error");
  EXPECT_EQ(run("return pcall_with_k(function() error('now', 0) end)"), "now,error");
}

int yielding_c(lua_State* L) { return lua_yield(L, lua_gettop(L)); }

TEST_F(VmTest, LuaResumeFromC) {
  lua_State* co = lua_newthread(L);
  luaL_loadstring(co, "local a = ... local b = coroutine.yield(a * 2) return b + 1");
  lua_pushinteger(co, 5);
  int nres = 0;
  ASSERT_EQ(lua_resume(co, L, 1, &nres), LUA_YIELD);
  ASSERT_EQ(nres, 1);
  EXPECT_EQ(lua_tointeger(co, -1), 10);
  lua_pop(co, nres);
  lua_pushinteger(co, 41);
  ASSERT_EQ(lua_resume(co, L, 1, &nres), LUA_OK);
  ASSERT_EQ(nres, 1);
  EXPECT_EQ(lua_tointeger(co, -1), 42);
  EXPECT_EQ(lua_status(co), LUA_OK);
  // A dead coroutine cannot be resumed.
  lua_settop(co, 0);
  EXPECT_EQ(lua_resume(co, L, 0, &nres), LUA_ERRRUN);
  EXPECT_STREQ(lua_tostring(co, -1), "cannot resume dead coroutine");
  lua_pop(L, 1);
}

TEST_F(VmTest, YieldFromCFunctionWithoutContinuation) {
  lua_register(L, "yielding_c", yielding_c);
  EXPECT_EQ(run("local co = coroutine.wrap(function(...) local x, y = yielding_c(...) return x + y end) "
                "local a, b = co(1, 2) return a, b, co(10, 20)"),
            "1,2,30");
}

int close_slot_function(lua_State* L) {
  lua_settop(L, 1);
  lua_toclose(L, 1);
  lua_pushstring(L, "result");
  return 1;
}

TEST_F(VmTest, LuaToCloseClosesOnReturn) {
  lua_register(L, "close_slot_function", close_slot_function);
  EXPECT_EQ(run(R"(
    local log = {}
    local r = close_slot_function(setmetatable({}, {__close = function() log[#log + 1] = 'closed' end}))
    return r, log[1]
  )"), "result,closed");
}

TEST_F(VmTest, LuaErrorWithNonStringValue) {
  lua_pushcfunction(L, [](lua_State* S) -> int {
    lua_newtable(S);
    lua_pushinteger(S, 7);
    lua_setfield(S, -2, "code");
    return lua_error(S);
  });
  ASSERT_EQ(lua_pcall(L, 0, 0, 0), LUA_ERRRUN);
  ASSERT_TRUE(lua_istable(L, -1));
  lua_getfield(L, -1, "code");
  EXPECT_EQ(lua_tointeger(L, -1), 7);
  lua_pop(L, 2);
}

TEST_F(VmTest, MessageHandlerFromC) {
  lua_pushcfunction(L, [](lua_State* S) -> int {
    lua_pushfstring(S, "H(%s)", lua_tostring(S, 1));
    return 1;
  });
  luaL_loadstring(L, "error('m', 0)");
  ASSERT_EQ(lua_pcall(L, 0, 0, -2), LUA_ERRRUN);
  EXPECT_STREQ(lua_tostring(L, -1), "H(m)");
  lua_pop(L, 2);
}

TEST_F(VmTest, DroppedTemporariesAreCollectable) {
  // The finalizable table only ever lived in a temporary register above the loop's live locals;
  // the collector must not treat that stale register as a root (5.4 clears it).
  EXPECT_EQ(run(R"(
    local name
    setmetatable({}, {__gc = function() name = debug.getinfo(1, 'n').name end})
    local n = 0
    repeat local a = {} n = n + 1 until name or n > 10000000
    return name
  )"), "__gc");
}

TEST_F(VmTest, GenericForCallsIteratorWithStateAndControl) {
  EXPECT_EQ(run("local s = '' for k, v in ipairs({'a', 'b', 'c'}) do s = s .. k .. v end return s"), "1a2b3c");
  EXPECT_EQ(run("local n = 0 for k in pairs({x = 1, y = 2, 3}) do n = n + 1 end return n"), "3");
  EXPECT_EQ(run("local t = setmetatable({}, {__call = function(self, s, c) if c < 3 then return c + 1 end end}) "
                "local s = 0 for i in t, nil, 0 do s = s + i end return s"), "6");
}

TEST_F(VmTest, CallMetamethodChainsAndTailCalls) {
  EXPECT_EQ(run("local c = setmetatable({}, {__call = function(self, a, b) return a + b end}) "
                "local function t() return c(1, 2) end return c(3, 4), t()"), "7,3");
}

TEST_F(VmTest, ResultAdjustmentForCalls) {
  EXPECT_EQ(run("local function f() return 1, 2, 3 end local a, b, c, d = f() local t = {f(), f()} return a, d, #t, (f())"),
            "1,nil,4,1");
}

}  // namespace
