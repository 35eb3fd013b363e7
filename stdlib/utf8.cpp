// The utf8 library (manual §6.5). Decoding accepts sequences of up to 6 bytes (values up to
// 0x7FFFFFFF) in lax mode; strict mode also rejects surrogates and values above 0x10FFFF.
// Overlong encodings are always invalid.
#include <lua.hpp>

#include <climits>
#include <cstdint>

namespace luna::stdlib::utf8_lib {
namespace {

constexpr std::uint32_t max_unicode = 0x10FFFFu;
constexpr std::uint32_t max_lax = 0x7FFFFFFFu;
constexpr const char* invalid_code = "invalid UTF-8 code";
// Matches exactly one UTF-8 sequence; the pattern contains a zero byte, hence the explicit size.
constexpr char character_pattern[] = "[\0-\x7F\xC2-\xFD][\x80-\xBF]*";

constexpr bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }
bool is_continuation_at(const char* p) { return is_continuation(static_cast<unsigned char>(*p)); }

// Relative position: negative counts from the end; too negative becomes 0.
lua_Integer relative_position(lua_Integer position, std::size_t length) {
  if (position >= 0) return position;
  if (0u - static_cast<std::size_t>(position) > length) return 0;
  return static_cast<lua_Integer>(length) + position + 1;
}

// Decodes the sequence at 's' (the string is zero-terminated, so reading stops at its end).
// Returns the byte after it, or null when the sequence is invalid.
const char* decode(const char* s, std::uint32_t* value, bool strict) {
  // Smallest value that needs each number of continuation bytes (to reject overlong forms);
  // the first entry rejects a lone byte >= 0x80.
  static constexpr std::uint32_t minimum_for_count[] = {~std::uint32_t{0}, 0x80, 0x800, 0x10000u, 0x200000u,
                                                        0x4000000u};
  unsigned int lead = static_cast<unsigned char>(s[0]);
  std::uint32_t result = 0;
  if (lead < 0x80) {
    result = lead;
  } else {
    int count = 0;
    for (; lead & 0x40; lead <<= 1) {
      const auto next = static_cast<unsigned char>(s[++count]);
      if (!is_continuation(next)) return nullptr;
      result = (result << 6) | (next & 0x3Fu);
    }
    if (count > 5) return nullptr;
    result |= static_cast<std::uint32_t>(lead & 0x7F) << (count * 5);
    if (result > max_lax || result < minimum_for_count[count]) return nullptr;
    s += count;
  }
  if (strict && (result > max_unicode || (0xD800u <= result && result <= 0xDFFFu))) return nullptr;
  if (value != nullptr) *value = result;
  return s + 1;
}

int length(lua_State* L) {
  std::size_t size = 0;
  const char* s = luaL_checklstring(L, 1, &size);
  lua_Integer first = relative_position(luaL_optinteger(L, 2, 1), size);
  lua_Integer last = relative_position(luaL_optinteger(L, 3, -1), size);
  const bool lax = lua_toboolean(L, 4);
  luaL_argcheck(L, 1 <= first && --first <= static_cast<lua_Integer>(size), 2, "initial position out of bounds");
  luaL_argcheck(L, --last < static_cast<lua_Integer>(size), 3, "final position out of bounds");
  lua_Integer count = 0;
  while (first <= last) {
    const char* next = decode(s + first, nullptr, !lax);
    if (next == nullptr) {
      luaL_pushfail(L);
      lua_pushinteger(L, first + 1);
      return 2;
    }
    first = next - s;
    ++count;
  }
  lua_pushinteger(L, count);
  return 1;
}

int codepoint(lua_State* L) {
  std::size_t size = 0;
  const char* s = luaL_checklstring(L, 1, &size);
  const lua_Integer first = relative_position(luaL_optinteger(L, 2, 1), size);
  const lua_Integer last = relative_position(luaL_optinteger(L, 3, first), size);
  const bool lax = lua_toboolean(L, 4);
  luaL_argcheck(L, first >= 1, 2, "out of bounds");
  luaL_argcheck(L, last <= static_cast<lua_Integer>(size), 3, "out of bounds");
  if (first > last) return 0;
  if (last - first >= INT_MAX) return luaL_error(L, "string slice too long");
  luaL_checkstack(L, static_cast<int>(last - first) + 1, "string slice too long");
  int results = 0;
  const char* end = s + last;
  for (const char* p = s + first - 1; p < end;) {
    std::uint32_t code = 0;
    p = decode(p, &code, !lax);
    if (p == nullptr) return luaL_error(L, invalid_code);
    lua_pushinteger(L, code);
    ++results;
  }
  return results;
}

void push_character(lua_State* L, int arg) {
  const auto code = static_cast<lua_Unsigned>(luaL_checkinteger(L, arg));
  luaL_argcheck(L, code <= max_lax, arg, "value out of range");
  lua_pushfstring(L, "%U", static_cast<long>(code));
}

int character(lua_State* L) {
  const int count = lua_gettop(L);
  if (count == 1) {
    push_character(L, 1);
    return 1;
  }
  luaL_Buffer buffer;
  luaL_buffinit(L, &buffer);
  for (int i = 1; i <= count; ++i) {
    push_character(L, i);
    luaL_addvalue(&buffer);
  }
  luaL_pushresult(&buffer);
  return 1;
}

int offset(lua_State* L) {
  std::size_t size = 0;
  const char* s = luaL_checklstring(L, 1, &size);
  lua_Integer n = luaL_checkinteger(L, 2);
  const lua_Integer fallback = (n >= 0) ? 1 : static_cast<lua_Integer>(size) + 1;
  lua_Integer position = relative_position(luaL_optinteger(L, 3, fallback), size);
  luaL_argcheck(L, 1 <= position && --position <= static_cast<lua_Integer>(size), 3, "position out of bounds");
  if (n == 0) {
    while (position > 0 && is_continuation_at(s + position)) --position;  // start of this character
  } else {
    if (is_continuation_at(s + position)) return luaL_error(L, "initial position is a continuation byte");
    if (n < 0) {
      for (; n < 0 && position > 0; ++n) {
        do {
          --position;
        } while (position > 0 && is_continuation_at(s + position));
      }
    } else {
      for (--n; n > 0 && position < static_cast<lua_Integer>(size); --n) {
        do {
          ++position;
        } while (is_continuation_at(s + position));  // stops at the terminating zero at the latest
      }
    }
  }
  if (n == 0)
    lua_pushinteger(L, position + 1);
  else
    luaL_pushfail(L);
  return 1;
}

// Iterator step of utf8.codes: control value is the byte position of the previous character.
template <bool strict>
int codes_step(lua_State* L) {
  std::size_t size = 0;
  const char* s = luaL_checklstring(L, 1, &size);
  auto position = static_cast<lua_Unsigned>(lua_tointeger(L, 2));
  if (position < size) {
    while (is_continuation_at(s + position)) ++position;  // skip the previous character's tail
  }
  if (position >= size) return 0;  // also covers a negative control value
  std::uint32_t code = 0;
  const char* next = decode(s + position, &code, strict);
  if (next == nullptr || is_continuation_at(next)) return luaL_error(L, invalid_code);
  lua_pushinteger(L, static_cast<lua_Integer>(position) + 1);
  lua_pushinteger(L, code);
  return 2;
}

int codes(lua_State* L) {
  const bool lax = lua_toboolean(L, 2);
  const char* s = luaL_checkstring(L, 1);
  luaL_argcheck(L, !is_continuation_at(s), 1, invalid_code);
  lua_pushcfunction(L, lax ? codes_step<false> : codes_step<true>);
  lua_pushvalue(L, 1);
  lua_pushinteger(L, 0);
  return 3;
}

constexpr luaL_Reg functions[] = {
    {"offset", offset}, {"codepoint", codepoint}, {"char", character},
    {"len", length},    {"codes", codes},         {nullptr, nullptr},
};

}  // namespace
}  // namespace luna::stdlib::utf8_lib

extern "C" LUAMOD_API int luaopen_utf8(lua_State* L) {
  using namespace luna::stdlib::utf8_lib;
  luaL_checkversion(L);
  lua_createtable(L, 0, static_cast<int>(sizeof(functions) / sizeof(functions[0])));
  luaL_setfuncs(L, functions, 0);
  lua_pushlstring(L, character_pattern, sizeof(character_pattern) - 1);
  lua_setfield(L, -2, "charpattern");
  return 1;
}
