// string.pack, string.packsize and string.unpack (manual §6.4.2): binary serialisation
// driven by a format string. Integers of 1..16 bytes in either endianness, native floats,
// fixed, length-prefixed and zero-terminated strings, and alignment padding.
#include "string_lib.h"

#include <bit>
#include <cstdint>
#include <cstring>

namespace luna::stdlib::string_lib {
namespace {

constexpr int max_integer_size = 16;
constexpr int lua_integer_size = static_cast<int>(sizeof(lua_Integer));
constexpr char padding_byte = 0x00;
constexpr bool native_little = (std::endian::native == std::endian::little);

// The strictest alignment of the scalar types C would use ("!" with no number).
struct AlignmentProbe {
  char c;
  union {
    lua_Number n;
    double d;
    void* p;
    lua_Integer i;
    long l;
  } u;
};
constexpr int native_max_alignment = static_cast<int>(offsetof(AlignmentProbe, u));

enum class Kind {
  signed_integer,
  unsigned_integer,
  float32,
  lua_number,
  float64,
  fixed_string,
  length_prefixed_string,
  zero_terminated_string,
  padding,
  align_padding,
  no_operation,
};

struct FormatState {
  lua_State* L;
  bool little;
  int max_alignment;
};

bool is_digit(char c) { return '0' <= c && c <= '9'; }

// Reads an optional decimal number from the format, 'fallback' when absent.
int read_number(const char** format, int fallback) {
  if (!is_digit(**format)) return fallback;
  int value = 0;
  do {
    value = value * 10 + (*(*format)++ - '0');
  } while (is_digit(**format) && value <= (static_cast<int>(max_result_size) - 9) / 10);
  return value;
}

int read_size_limited(FormatState& state, const char** format, int fallback) {
  const int size = read_number(format, fallback);
  if (size > max_integer_size || size <= 0)
    return luaL_error(state.L, "integral size (%d) out of limits [1,%d]", size, max_integer_size);
  return size;
}

// Reads one option; '*size' receives its size in bytes.
Kind read_option(FormatState& state, const char** format, int* size) {
  const char option = *(*format)++;
  *size = 0;
  switch (option) {
    case 'b': *size = sizeof(char); return Kind::signed_integer;
    case 'B': *size = sizeof(char); return Kind::unsigned_integer;
    case 'h': *size = sizeof(short); return Kind::signed_integer;
    case 'H': *size = sizeof(short); return Kind::unsigned_integer;
    case 'l': *size = sizeof(long); return Kind::signed_integer;
    case 'L': *size = sizeof(long); return Kind::unsigned_integer;
    case 'j': *size = sizeof(lua_Integer); return Kind::signed_integer;
    case 'J': *size = sizeof(lua_Integer); return Kind::unsigned_integer;
    case 'T': *size = sizeof(std::size_t); return Kind::unsigned_integer;
    case 'f': *size = sizeof(float); return Kind::float32;
    case 'n': *size = sizeof(lua_Number); return Kind::lua_number;
    case 'd': *size = sizeof(double); return Kind::float64;
    case 'i': *size = read_size_limited(state, format, sizeof(int)); return Kind::signed_integer;
    case 'I': *size = read_size_limited(state, format, sizeof(int)); return Kind::unsigned_integer;
    case 's': *size = read_size_limited(state, format, sizeof(std::size_t)); return Kind::length_prefixed_string;
    case 'c':
      *size = read_number(format, -1);
      if (*size == -1) luaL_error(state.L, "missing size for format option 'c'");
      return Kind::fixed_string;
    case 'z': return Kind::zero_terminated_string;
    case 'x': *size = 1; return Kind::padding;
    case 'X': return Kind::align_padding;
    case ' ': break;
    case '<': state.little = true; break;
    case '>': state.little = false; break;
    case '=': state.little = native_little; break;
    case '!': state.max_alignment = read_size_limited(state, format, native_max_alignment); break;
    default: luaL_error(state.L, "invalid format option '%c'", option);
  }
  return Kind::no_operation;
}

// Reads one option and computes the padding needed before it at offset 'total'.
Kind read_item(FormatState& state, std::size_t total, const char** format, int* size, int* padding) {
  const Kind kind = read_option(state, format, size);
  int alignment = *size;
  if (kind == Kind::align_padding) {  // 'X' aligns to the size of the option after it
    if (**format == '\0' || read_option(state, format, &alignment) == Kind::fixed_string || alignment == 0)
      luaL_argerror(state.L, 1, "invalid next option for option 'X'");
  }
  if (alignment <= 1 || kind == Kind::fixed_string) {
    *padding = 0;
  } else {
    if (alignment > state.max_alignment) alignment = state.max_alignment;
    if ((alignment & (alignment - 1)) != 0) luaL_argerror(state.L, 1, "format asks for alignment not power of 2");
    *padding = (alignment - static_cast<int>(total & static_cast<std::size_t>(alignment - 1))) & (alignment - 1);
  }
  return kind;
}

// Appends 'value' as a 'size'-byte integer; bytes beyond a lua_Integer repeat the sign.
void add_integer(luaL_Buffer* buffer, lua_Unsigned value, bool little, int size, bool negative) {
  char* out = luaL_prepbuffsize(buffer, static_cast<std::size_t>(size));
  for (int i = 0; i < size; ++i) {
    unsigned char byte_value;
    if (i < lua_integer_size)
      byte_value = static_cast<unsigned char>(value >> (8 * i));
    else
      byte_value = negative ? 0xFF : 0x00;
    out[little ? i : size - 1 - i] = static_cast<char>(byte_value);
  }
  luaL_addsize(buffer, static_cast<std::size_t>(size));
}

// Copies 'size' bytes, reversing them when the requested endianness is not the native one.
void copy_ordered(char* destination, const char* source, int size, bool little) {
  if (little == native_little) {
    std::memcpy(destination, source, static_cast<std::size_t>(size));
  } else {
    for (int i = 0; i < size; ++i) destination[i] = source[size - 1 - i];
  }
}

template <typename Float>
void add_float(luaL_Buffer* buffer, Float value, bool little) {
  char* out = luaL_prepbuffsize(buffer, sizeof value);
  copy_ordered(out, reinterpret_cast<const char*>(&value), sizeof value, little);
  luaL_addsize(buffer, sizeof value);
}

template <typename Float>
lua_Number read_float(const char* data, bool little) {
  Float value;
  copy_ordered(reinterpret_cast<char*>(&value), data, sizeof value, little);
  return static_cast<lua_Number>(value);
}

lua_Integer read_integer(lua_State* L, const char* data, bool little, int size, bool is_signed) {
  lua_Unsigned value = 0;
  const int used = size <= lua_integer_size ? size : lua_integer_size;
  for (int i = used - 1; i >= 0; --i) {
    value <<= 8;
    value |= static_cast<unsigned char>(data[little ? i : size - 1 - i]);
  }
  if (size < lua_integer_size) {
    if (is_signed) {  // sign-extend from the top bit of the field
      const lua_Unsigned sign_bit = lua_Unsigned{1} << (size * 8 - 1);
      value = (value ^ sign_bit) - sign_bit;
    }
  } else if (size > lua_integer_size) {
    // The extra bytes must be pure sign extension, or the value does not fit.
    const unsigned char expected = (is_signed && static_cast<lua_Integer>(value) < 0) ? 0xFF : 0x00;
    for (int i = used; i < size; ++i) {
      if (static_cast<unsigned char>(data[little ? i : size - 1 - i]) != expected)
        luaL_error(L, "%d-byte integer does not fit into Lua Integer", size);
    }
  }
  return static_cast<lua_Integer>(value);
}

}  // namespace

int pack(lua_State* L) {
  const char* format = luaL_checkstring(L, 1);
  FormatState state{L, native_little, 1};
  int arg = 1;
  std::size_t total = 0;
  lua_pushnil(L);  // separates the arguments from the buffer's stack slot
  luaL_Buffer buffer;
  luaL_buffinit(L, &buffer);
  while (*format != '\0') {
    int size = 0;
    int padding = 0;
    const Kind kind = read_item(state, total, &format, &size, &padding);
    total += static_cast<std::size_t>(padding + size);
    for (; padding > 0; --padding) luaL_addchar(&buffer, padding_byte);
    ++arg;
    switch (kind) {
      case Kind::signed_integer: {
        const lua_Integer n = luaL_checkinteger(L, arg);
        if (size < lua_integer_size) {
          const lua_Integer limit = lua_Integer{1} << (size * 8 - 1);
          luaL_argcheck(L, -limit <= n && n < limit, arg, "integer overflow");
        }
        add_integer(&buffer, static_cast<lua_Unsigned>(n), state.little, size, n < 0);
        break;
      }
      case Kind::unsigned_integer: {
        const lua_Integer n = luaL_checkinteger(L, arg);
        if (size < lua_integer_size)
          luaL_argcheck(L, static_cast<lua_Unsigned>(n) < (lua_Unsigned{1} << (size * 8)), arg, "unsigned overflow");
        add_integer(&buffer, static_cast<lua_Unsigned>(n), state.little, size, false);
        break;
      }
      case Kind::float32:
        add_float(&buffer, static_cast<float>(luaL_checknumber(L, arg)), state.little);
        break;
      case Kind::lua_number:
        add_float(&buffer, luaL_checknumber(L, arg), state.little);
        break;
      case Kind::float64:
        add_float(&buffer, static_cast<double>(luaL_checknumber(L, arg)), state.little);
        break;
      case Kind::fixed_string: {
        std::size_t length = 0;
        const char* s = luaL_checklstring(L, arg, &length);
        luaL_argcheck(L, length <= static_cast<std::size_t>(size), arg, "string longer than given size");
        luaL_addlstring(&buffer, s, length);
        for (; length < static_cast<std::size_t>(size); ++length) luaL_addchar(&buffer, padding_byte);
        break;
      }
      case Kind::length_prefixed_string: {
        std::size_t length = 0;
        const char* s = luaL_checklstring(L, arg, &length);
        luaL_argcheck(L, size >= static_cast<int>(sizeof(std::size_t)) || length < (std::size_t{1} << (size * 8)), arg,
                      "string length does not fit in given size");
        add_integer(&buffer, static_cast<lua_Unsigned>(length), state.little, size, false);
        luaL_addlstring(&buffer, s, length);
        total += length;
        break;
      }
      case Kind::zero_terminated_string: {
        std::size_t length = 0;
        const char* s = luaL_checklstring(L, arg, &length);
        luaL_argcheck(L, std::strlen(s) == length, arg, "string contains zeros");
        luaL_addlstring(&buffer, s, length);
        luaL_addchar(&buffer, '\0');
        total += length + 1;
        break;
      }
      case Kind::padding:
        luaL_addchar(&buffer, padding_byte);
        --arg;
        break;
      case Kind::align_padding:
      case Kind::no_operation:
        --arg;
        break;
    }
  }
  luaL_pushresult(&buffer);
  return 1;
}

int packsize(lua_State* L) {
  const char* format = luaL_checkstring(L, 1);
  FormatState state{L, native_little, 1};
  std::size_t total = 0;
  while (*format != '\0') {
    int size = 0;
    int padding = 0;
    const Kind kind = read_item(state, total, &format, &size, &padding);
    luaL_argcheck(L, kind != Kind::length_prefixed_string && kind != Kind::zero_terminated_string, 1,
                  "variable-length format");
    size += padding;
    luaL_argcheck(L, total <= max_result_size - static_cast<std::size_t>(size), 1, "format result too large");
    total += static_cast<std::size_t>(size);
  }
  lua_pushinteger(L, static_cast<lua_Integer>(total));
  return 1;
}

int unpack(lua_State* L) {
  const char* format = luaL_checkstring(L, 1);
  std::size_t data_size = 0;
  const char* data = luaL_checklstring(L, 2, &data_size);
  std::size_t position = start_position(luaL_optinteger(L, 3, 1), data_size) - 1;
  luaL_argcheck(L, position <= data_size, 3, "initial position out of string");
  FormatState state{L, native_little, 1};
  int results = 0;
  while (*format != '\0') {
    int size = 0;
    int padding = 0;
    const Kind kind = read_item(state, position, &format, &size, &padding);
    luaL_argcheck(L, static_cast<std::size_t>(padding) + static_cast<std::size_t>(size) <= data_size - position, 2,
                  "data string too short");
    position += static_cast<std::size_t>(padding);
    luaL_checkstack(L, 2, "too many results");  // this item and the final position
    ++results;
    const char* here = data + position;
    switch (kind) {
      case Kind::signed_integer:
      case Kind::unsigned_integer:
        lua_pushinteger(L, read_integer(L, here, state.little, size, kind == Kind::signed_integer));
        break;
      case Kind::float32: lua_pushnumber(L, read_float<float>(here, state.little)); break;
      case Kind::lua_number: lua_pushnumber(L, read_float<lua_Number>(here, state.little)); break;
      case Kind::float64: lua_pushnumber(L, read_float<double>(here, state.little)); break;
      case Kind::fixed_string: lua_pushlstring(L, here, static_cast<std::size_t>(size)); break;
      case Kind::length_prefixed_string: {
        const auto length = static_cast<std::size_t>(read_integer(L, here, state.little, size, false));
        luaL_argcheck(L, length <= data_size - position - static_cast<std::size_t>(size), 2, "data string too short");
        lua_pushlstring(L, here + size, length);
        position += length;
        break;
      }
      case Kind::zero_terminated_string: {
        const std::size_t length = std::strlen(here);
        luaL_argcheck(L, position + length < data_size, 2, "unfinished string for format 'z'");
        lua_pushlstring(L, here, length);
        position += length + 1;
        break;
      }
      case Kind::padding:
      case Kind::align_padding:
      case Kind::no_operation:
        --results;
        break;
    }
    position += static_cast<std::size_t>(size);
  }
  lua_pushinteger(L, static_cast<lua_Integer>(position) + 1);
  return results + 1;
}

}  // namespace luna::stdlib::string_lib
