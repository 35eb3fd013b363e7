// luaL_Buffer: string building on the C stack, plus luaL_gsub/luaL_addgsub.
// Stack discipline (what modules rely on): luaL_buffinit pushes one placeholder value (a light
// userdata), so while a buffer is in use it owns exactly one stack slot, which is the top except
// inside luaL_addvalue (the value to add sits above it). Data lives in B->init until it outgrows
// it; then the slot is replaced by a "box": a full userdata holding a block from the state's
// allocator, marked to-be-closed so that an error releases the block at once, and with a __gc
// as a fallback. luaL_pushresult closes the box and leaves the string in the buffer's slot.
// Written only against lua.h/lauxlib.h.
#include <cstdint>
#include <cstring>

#include "capi/auxlib_internal.h"

namespace luna::auxlib {
namespace {

// Memory of a grown buffer, owned through a userdata on the Lua stack.
struct Box {
  void* memory;
  size_t size;
};

constexpr const char* box_metatable_name = "_UBOX*";

// Resizes the box at `index` to `new_size` bytes (0 frees it); raises a memory error on failure.
void* resize_box(lua_State* L, int index, size_t new_size) {
  void* allocator_data;
  lua_Alloc allocate = lua_getallocf(L, &allocator_data);
  Box* box = static_cast<Box*>(lua_touserdata(L, index));
  void* memory = allocate(allocator_data, box->memory, box->size, new_size);
  if (luai_unlikely(memory == nullptr && new_size > 0)) {
    lua_pushliteral(L, "not enough memory");
    lua_error(L);
  }
  box->memory = memory;
  box->size = new_size;
  return memory;
}

int release_box(lua_State* L) {
  resize_box(L, 1, 0);
  return 0;
}

const luaL_Reg box_metamethods[] = {{"__gc", release_box}, {"__close", release_box}, {nullptr, nullptr}};

void push_new_box(lua_State* L) {
  Box* box = static_cast<Box*>(lua_newuserdatauv(L, sizeof(Box), 0));
  box->memory = nullptr;
  box->size = 0;
  if (luaL_newmetatable(L, box_metatable_name)) luaL_setfuncs(L, box_metamethods, 0);
  lua_setmetatable(L, -2);
}

bool uses_box(const luaL_Buffer* B) { return B->b != B->init.b; }

// Capacity for at least `extra` more bytes: grow by half, or to the exact need if that is larger.
size_t grown_size(luaL_Buffer* B, size_t extra) {
  if (luai_unlikely(SIZE_MAX - extra < B->n)) luaL_error(B->L, "buffer too large");
  size_t size = (B->size / 2) * 3;
  if (size < B->n + extra) size = B->n + extra;  // also covers overflow of the multiplication
  return size;
}

// Returns room for `extra` bytes after the current content. `slot` is the (negative) stack index
// of the buffer's placeholder or box.
char* reserve(luaL_Buffer* B, size_t extra, int slot) {
  if (B->size - B->n >= extra) return B->b + B->n;
  lua_State* L = B->L;
  size_t new_size = grown_size(B, extra);
  char* memory;
  if (uses_box(B)) {
    memory = static_cast<char*>(resize_box(L, slot, new_size));
  } else {
    // First growth: swap the placeholder for a box. (Creating the box may run an emergency
    // collection, which is why luaL_addvalue's string stays on the stack until now.)
    lua_remove(L, slot);
    push_new_box(L);
    lua_insert(L, slot);
    lua_toclose(L, slot);
    memory = static_cast<char*>(resize_box(L, slot, new_size));
    std::memcpy(memory, B->b, B->n);
  }
  B->b = memory;
  B->size = new_size;
  return memory + B->n;
}

}  // namespace
}  // namespace luna::auxlib

using luna::auxlib::reserve;

void luaL_buffinit(lua_State* L, luaL_Buffer* B) {
  B->L = L;
  B->b = B->init.b;
  B->n = 0;
  B->size = LUAL_BUFFERSIZE;
  lua_pushlightuserdata(L, static_cast<void*>(B));  // the placeholder slot
}

char* luaL_buffinitsize(lua_State* L, luaL_Buffer* B, size_t sz) {
  luaL_buffinit(L, B);
  return reserve(B, sz, -1);
}

char* luaL_prepbuffsize(luaL_Buffer* B, size_t sz) { return reserve(B, sz, -1); }

void luaL_addlstring(luaL_Buffer* B, const char* s, size_t l) {
  if (l == 0) return;  // s may be NULL then
  char* destination = reserve(B, l, -1);
  std::memcpy(destination, s, l);
  luaL_addsize(B, l);
}

void luaL_addstring(luaL_Buffer* B, const char* s) { luaL_addlstring(B, s, std::strlen(s)); }

void luaL_addvalue(luaL_Buffer* B) {
  lua_State* L = B->L;
  size_t length;
  const char* s = lua_tolstring(L, -1, &length);
  char* destination = reserve(B, length, -2);  // the buffer's slot is below the value
  if (length > 0) std::memcpy(destination, s, length);
  luaL_addsize(B, length);
  lua_pop(L, 1);
}

void luaL_pushresult(luaL_Buffer* B) {
  lua_State* L = B->L;
  lua_pushlstring(L, B->b, B->n);
  if (luna::auxlib::uses_box(B)) lua_closeslot(L, -2);  // free the memory now, not at the next GC
  lua_remove(L, -2);
}

void luaL_pushresultsize(luaL_Buffer* B, size_t sz) {
  luaL_addsize(B, sz);
  luaL_pushresult(B);
}

void luaL_addgsub(luaL_Buffer* b, const char* s, const char* p, const char* r) {
  size_t pattern_length = std::strlen(p);
  if (pattern_length == 0) {  // an empty pattern would match forever without advancing
    luaL_addstring(b, s);
    return;
  }
  const char* match;
  while ((match = std::strstr(s, p)) != nullptr) {
    luaL_addlstring(b, s, static_cast<size_t>(match - s));
    luaL_addstring(b, r);
    s = match + pattern_length;
  }
  luaL_addstring(b, s);
}

const char* luaL_gsub(lua_State* L, const char* s, const char* p, const char* r) {
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  luaL_addgsub(&b, s, p, r);
  luaL_pushresult(&b);
  return lua_tostring(L, -1);
}
