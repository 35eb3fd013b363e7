// Strings: creation, interning of short strings, hashing, equality.
// Contract: new_string returns the unique object for a short string (interned, seeded hash) and a
// fresh object for a long one; contents are copied, data[len] = '\0'. Raises LUA_ERRMEM on failure.
#pragma once

#include <cstddef>
#include <string_view>

#include "object/objects.h"
#include "object/state.h"

namespace luna::strings {

void init_table(lua_State* L);                 // create the intern table of a new global state
void resize_table(lua_State* L, int new_size); // used by the collector to shrink/grow buckets
String* new_string(lua_State* L, const char* s, std::size_t len);
String* new_string(lua_State* L, std::string_view s);
String* new_cstring(lua_State* L, const char* s);   // goes through the API string cache
String* new_long_uninit(lua_State* L, std::size_t len);  // long string to be filled by the caller
std::uint32_t hash_bytes(const char* s, std::size_t len, unsigned int seed);
std::uint32_t hash_of(String* s);              // computes lazily for long strings
bool equal(const String* a, const String* b);  // pointer equality for short, contents for long
void remove_dead(lua_State* L, String* s);     // unlink a dead short string (collector)
void clear_cache(GlobalState* g);              // drop API-cache entries about to be collected

}  // namespace luna::strings
