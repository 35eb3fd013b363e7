// Internal interface of the string library (stdlib/string*.cpp).
// Contract: everything here is written against the public C API only (lua.h/lauxlib.h);
// functions follow the lua_CFunction protocol and raise errors with luaL_error/luaL_argerror,
// so none of them keeps an object with a non-trivial destructor alive across a call that can raise.
#pragma once

#include <lua.hpp>

#include <climits>
#include <cstddef>

namespace luna::stdlib::string_lib {

// Longest result any string function will build (lengths must fit in an 'int' too).
inline constexpr std::size_t max_result_size =
    sizeof(std::size_t) < sizeof(int) ? static_cast<std::size_t>(-1) : static_cast<std::size_t>(INT_MAX);

// Turns a relative start position (negative counts from the end) into one in [1, inf).
constexpr std::size_t start_position(lua_Integer position, std::size_t length) {
  if (position > 0) return static_cast<std::size_t>(position);
  if (position == 0) return 1;
  // Compare without negating 'position' (it may be mininteger).
  if (position < -static_cast<lua_Integer>(length)) return 1;
  return length + static_cast<std::size_t>(position) + 1;
}

// Reads optional end position argument 'arg' (default 'fallback'), clipped to [0, length].
std::size_t end_position(lua_State* L, int arg, lua_Integer fallback, std::size_t length);

// Pattern matching (string_pattern.cpp).
int find(lua_State* L);
int match(lua_State* L);
int gmatch(lua_State* L);
int gsub(lua_State* L);

// string.format (string_format.cpp).
int format(lua_State* L);

// Binary packing (string_pack.cpp).
int pack(lua_State* L);
int packsize(lua_State* L);
int unpack(lua_State* L);

}  // namespace luna::stdlib::string_lib
