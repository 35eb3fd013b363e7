// The size-class pool allocator (gc/pool.h) as a lua_Alloc: alignment, contents kept across
// resizes between small classes and malloc, reuse of freed blocks, many slabs, and a whole state
// (luaL_newstate) that runs on it and destroys it at lua_close.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <vector>

#include "gc/pool.h"
#include "lauxlib.h"
#include "lua.h"
#include "lualib.h"

namespace luna::testing {
namespace {

using gc::pool::allocate;

void fill(void* block, std::size_t size, unsigned char seed) {
  auto* bytes = static_cast<unsigned char*>(block);
  for (std::size_t i = 0; i < size; i++) bytes[i] = static_cast<unsigned char>(seed + i);
}

bool holds(const void* block, std::size_t size, unsigned char seed) {
  auto* bytes = static_cast<const unsigned char*>(block);
  for (std::size_t i = 0; i < size; i++)
    if (bytes[i] != static_cast<unsigned char>(seed + i)) return false;
  return true;
}

TEST(Pool, BlocksAreAlignedAndDistinct) {
  gc::pool::Pool* pool = gc::pool::create();
  ASSERT_NE(pool, nullptr);
  std::vector<std::pair<void*, std::size_t>> blocks;
  for (std::size_t size = 1; size <= 2 * gc::pool::max_small; size += 7) {
    void* b = allocate(pool, nullptr, 5 /* a type tag */, size);
    ASSERT_NE(b, nullptr);
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(b) % alignof(std::max_align_t), 0u) << size;
    fill(b, size, static_cast<unsigned char>(size));
    blocks.emplace_back(b, size);
  }
  for (auto [b, size] : blocks) EXPECT_TRUE(holds(b, size, static_cast<unsigned char>(size))) << size;
  for (auto [b, size] : blocks) EXPECT_EQ(allocate(pool, b, size, 0), nullptr);
  gc::pool::destroy(pool);
}

TEST(Pool, ResizeKeepsContentsAcrossClassesAndMalloc) {
  gc::pool::Pool* pool = gc::pool::create();
  std::size_t size = 10;
  void* b = allocate(pool, nullptr, 0, size);
  fill(b, size, 3);
  // Grow through several small classes, the same class, past max_small, then shrink back.
  for (std::size_t next : {12, 40, 100, 512, 513, 4000, 600, 300, 17, 1}) {
    void* moved = allocate(pool, b, size, next);
    ASSERT_NE(moved, nullptr);
    std::size_t kept = size < next ? size : next;
    EXPECT_TRUE(holds(moved, kept, 3)) << size << " -> " << next;
    fill(moved, next, 3);
    b = moved;
    size = next;
  }
  void* same = allocate(pool, b, size, size);  // same class: the block stays where it is
  EXPECT_EQ(same, b);
  allocate(pool, b, size, 0);
  gc::pool::destroy(pool);
}

TEST(Pool, FreedBlocksAreReusedAndEmptySlabsReturned) {
  gc::pool::Pool* pool = gc::pool::create();
  void* a = allocate(pool, nullptr, 0, 48);
  allocate(pool, a, 48, 0);
  void* b = allocate(pool, nullptr, 0, 40);  // same 48-byte class: the freed block comes back
  EXPECT_EQ(a, b);
  allocate(pool, b, 40, 0);
  // Enough blocks for many slabs; free them in two interleaved halves and allocate again.
  constexpr int count = 20000;
  std::vector<void*> blocks(count);
  for (int i = 0; i < count; i++) {
    blocks[i] = allocate(pool, nullptr, 0, 64);
    ASSERT_NE(blocks[i], nullptr);
    std::memset(blocks[i], i & 0xFF, 64);
  }
  for (int i = 0; i < count; i += 2) allocate(pool, blocks[i], 64, 0);
  for (int i = 1; i < count; i += 2) {
    auto* bytes = static_cast<unsigned char*>(blocks[i]);
    EXPECT_EQ(bytes[0], i & 0xFF);
    EXPECT_EQ(bytes[63], i & 0xFF);
    allocate(pool, blocks[i], 64, 0);
  }
  for (int i = 0; i < count; i++) blocks[i] = allocate(pool, nullptr, 0, 200);
  for (int i = 0; i < count; i++) allocate(pool, blocks[i], 200, 0);
  gc::pool::destroy(pool);
}

TEST(Pool, ArmedPoolDestroysItselfWithItsLastBlock) {
  gc::pool::Pool* pool = gc::pool::create();
  void* small = allocate(pool, nullptr, 0, 32);
  void* large = allocate(pool, nullptr, 0, 10000);
  gc::pool::release_when_empty(pool);
  allocate(pool, small, 32, 0);
  allocate(pool, large, 10000, 0);  // frees the pool too (ASan/LSan report a leak otherwise)
}

TEST(PoolDeathTest, WrongOldSizeAborts) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  gc::pool::Pool* pool = gc::pool::create();
  void* b = allocate(pool, nullptr, 0, 24);
  EXPECT_DEATH(allocate(pool, b, 100, 0), "allocator misuse");
  allocate(pool, b, 24, 0);
  gc::pool::destroy(pool);
}

TEST(Pool, DefaultStateRunsOnThePoolOutsideASan) {
  lua_State* L = luaL_newstate();
  ASSERT_NE(L, nullptr);
  void* ud = nullptr;
  lua_Alloc allocator = lua_getallocf(L, &ud);
  if (gc::pool::default_for_states) {
    EXPECT_EQ(allocator, &gc::pool::allocate);
    EXPECT_NE(ud, nullptr);
  } else {  // AddressSanitizer build: plain malloc blocks
    EXPECT_NE(allocator, &gc::pool::allocate);
  }
  luaL_openlibs(L);
  ASSERT_EQ(luaL_dostring(L, "local t = {} for i = 1, 50000 do t[i] = {i, tostring(i)} end "
                             "t = nil collectgarbage() "
                             "local s = {} for i = 1, 1000 do s[#s + 1] = string.rep('x', i) end "
                             "return #table.concat(s)"),
            LUA_OK);
  EXPECT_EQ(lua_tointeger(L, -1), 500500);
  lua_close(L);
}

}  // namespace
}  // namespace luna::testing
