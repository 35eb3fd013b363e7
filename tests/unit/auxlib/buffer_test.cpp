// luaL_Buffer: inline storage, growth into a box, the one-slot stack discipline modules rely on,
// luaL_addvalue, luaL_prepbuffsize/luaL_addsize, luaL_buffinitsize/luaL_pushresultsize,
// luaL_buffsub, "buffer too large", and luaL_gsub/luaL_addgsub.
#include <cstdint>
#include <string>

#include "auxlib_fixture.h"

namespace luna::auxlib_test {
namespace {

using BufferTest = AuxlibTest;

TEST_F(BufferTest, SmallContentStaysInline) {
  int top = lua_gettop(L);
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  EXPECT_EQ(lua_gettop(L), top + 1);  // the placeholder slot
  EXPECT_EQ(b.b, b.init.b);
  EXPECT_EQ(b.size, static_cast<size_t>(LUAL_BUFFERSIZE));
  luaL_addstring(&b, "hello");
  luaL_addchar(&b, ',');
  luaL_addlstring(&b, " world!!", 6);
  luaL_addlstring(&b, nullptr, 0);
  EXPECT_EQ(luaL_bufflen(&b), 12u);
  EXPECT_EQ(std::string(luaL_buffaddr(&b), luaL_bufflen(&b)), "hello, world");
  EXPECT_EQ(lua_gettop(L), top + 1);
  luaL_pushresult(&b);
  EXPECT_EQ(lua_gettop(L), top + 1);  // the result replaces the placeholder
  EXPECT_STREQ(lua_tostring(L, -1), "hello, world");
}

TEST_F(BufferTest, GrowsIntoABoxAndKeepsContent) {
  int top = lua_gettop(L);
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  std::string expected;
  for (int i = 0; i < 20000; ++i) {
    char c = static_cast<char>('a' + i % 26);
    luaL_addchar(&b, c);
    expected += c;
    if (i % 1000 == 0) {
      luaL_addlstring(&b, "\0zero\0", 6);
      expected.append("\0zero\0", 6);
    }
  }
  EXPECT_NE(b.b, b.init.b);
  EXPECT_GE(b.size, expected.size());
  EXPECT_EQ(lua_gettop(L), top + 1);
  EXPECT_EQ(lua_type(L, -1), LUA_TUSERDATA);  // the box replaced the placeholder
  luaL_pushresult(&b);
  EXPECT_EQ(lua_gettop(L), top + 1);
  size_t length;
  const char* s = lua_tolstring(L, -1, &length);
  EXPECT_EQ(std::string(s, length), expected);
}

TEST_F(BufferTest, AddValueTakesTheValueAboveTheBuffer) {
  int top = lua_gettop(L);
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  lua_pushstring(L, "abc");
  luaL_addvalue(&b);
  EXPECT_EQ(lua_gettop(L), top + 1);
  lua_pushinteger(L, 42);  // numbers are converted
  luaL_addvalue(&b);
  std::string big(3000, 'x');  // forces the box to be created below the value
  lua_pushlstring(L, big.data(), big.size());
  luaL_addvalue(&b);
  EXPECT_EQ(lua_gettop(L), top + 1);
  lua_pushliteral(L, "");
  luaL_addvalue(&b);
  luaL_pushresult(&b);
  EXPECT_EQ(lua_gettop(L), top + 1);
  EXPECT_EQ(std::string(lua_tostring(L, -1)), "abc42" + big);
}

TEST_F(BufferTest, PrepareAndCommit) {
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  char* area = luaL_prepbuffer(&b);
  for (int i = 0; i < LUAL_BUFFERSIZE; ++i) area[i] = 'p';
  luaL_addsize(&b, LUAL_BUFFERSIZE);
  area = luaL_prepbuffsize(&b, 10000);
  ASSERT_NE(area, nullptr);
  for (int i = 0; i < 10000; ++i) area[i] = 'q';
  luaL_addsize(&b, 10000);
  luaL_buffsub(&b, 9990);
  luaL_pushresult(&b);
  EXPECT_EQ(std::string(lua_tostring(L, -1)), std::string(LUAL_BUFFERSIZE, 'p') + std::string(10, 'q'));
}

TEST_F(BufferTest, InitSizeAndPushResultSize) {
  int top = lua_gettop(L);
  luaL_Buffer b;
  char* area = luaL_buffinitsize(L, &b, 5000);
  EXPECT_EQ(lua_gettop(L), top + 1);
  for (int i = 0; i < 5000; ++i) area[i] = static_cast<char>('0' + i % 10);
  luaL_pushresultsize(&b, 5000);
  EXPECT_EQ(lua_gettop(L), top + 1);
  size_t length;
  const char* s = lua_tolstring(L, -1, &length);
  ASSERT_EQ(length, 5000u);
  EXPECT_EQ(std::string(s, 10), "0123456789");
  char* small = luaL_buffinitsize(L, &b, 3);
  small[0] = 'x';
  small[1] = 'y';
  luaL_pushresultsize(&b, 2);
  EXPECT_STREQ(lua_tostring(L, -1), "xy");
}

TEST_F(BufferTest, OtherValuesBelowAreUntouched) {
  lua_pushliteral(L, "below");
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  for (int i = 0; i < 5000; ++i) luaL_addchar(&b, 'z');
  luaL_pushresult(&b);
  EXPECT_EQ(lua_rawlen(L, -1), 5000u);
  EXPECT_STREQ(lua_tostring(L, -2), "below");
}

int too_large(lua_State* L) {
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  luaL_addchar(&b, 'x');
  luaL_prepbuffsize(&b, SIZE_MAX);  // n + sz overflows
  return 0;
}

int unallocatable(lua_State* L) {
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  luaL_prepbuffsize(&b, SIZE_MAX / 2);
  return 0;
}

// Delegates to the state's original allocator but refuses blocks over 1 GiB, so that the test
// does not depend on how the C library (or a sanitizer) treats absurd requests.
struct LimitedAllocator {
  lua_Alloc original;
  void* original_data;
};

void* limited_allocate(void* ud, void* block, size_t old_size, size_t new_size) {
  auto* limits = static_cast<LimitedAllocator*>(ud);
  if (new_size > (size_t{1} << 30)) return nullptr;
  return limits->original(limits->original_data, block, old_size, new_size);
}

TEST_F(BufferTest, OversizedRequestsRaiseErrors) {
  LimitedAllocator limits;
  limits.original = lua_getallocf(L, &limits.original_data);
  lua_setallocf(L, limited_allocate, &limits);
  global_function("too_large", too_large);
  global_function("unallocatable", unallocatable);
  EXPECT_EQ(run("too_large()"), "test:1: buffer too large");
  EXPECT_EQ(run("unallocatable()"), "not enough memory");
  EXPECT_EQ(run("for i = 1, 3 do pcall(unallocatable) end collectgarbage()"), "");
  lua_setallocf(L, limits.original, limits.original_data);
}

int buffer_in_lua_call(lua_State* L) {
  // A buffer that grows, interleaved with calls back into Lua, as string.gsub does.
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  for (int i = 1; i <= 300; ++i) {
    lua_pushvalue(L, 1);
    lua_pushinteger(L, i);
    lua_call(L, 1, 1);
    luaL_addvalue(&b);
  }
  luaL_pushresult(&b);
  return 1;
}

TEST_F(BufferTest, SurvivesCallsAndCollections) {
  global_function("build", buffer_in_lua_call);
  EXPECT_EQ(eval("#build(function(i) collectgarbage() return string.rep('y', i % 7) .. ',' end)"), "1203");
  EXPECT_EQ(run("build(function(i) if i == 200 then error('stop') end return 'abcdefghij' end)"), "test:1: stop");
  EXPECT_EQ(eval("collectgarbage('count') > 0"), "true");
}

TEST_F(BufferTest, Gsub) {
  int top = lua_gettop(L);
  EXPECT_STREQ(luaL_gsub(L, "hello world", "o", "0"), "hell0 w0rld");
  EXPECT_STREQ(luaL_gsub(L, "a.b.c", ".", "::"), "a::b::c");
  EXPECT_STREQ(luaL_gsub(L, "nothing", "xyz", "!"), "nothing");
  EXPECT_STREQ(luaL_gsub(L, "aaaa", "aa", "b"), "bb");
  EXPECT_STREQ(luaL_gsub(L, "", "a", "b"), "");
  EXPECT_STREQ(luaL_gsub(L, "?;?.lua", "?", "mod/sub"), "mod/sub;mod/sub.lua");
  EXPECT_EQ(lua_gettop(L), top + 6);  // each call leaves its result
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  luaL_addstring(&b, "<");
  luaL_addgsub(&b, "x-y-z", "-", "+");
  luaL_addstring(&b, ">");
  luaL_pushresult(&b);
  EXPECT_STREQ(lua_tostring(L, -1), "<x+y+z>");
}

}  // namespace
}  // namespace luna::auxlib_test
