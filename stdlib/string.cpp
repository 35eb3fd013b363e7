// The string library (manual §6.4): the simple functions, the string metatable with its
// arithmetic metamethods, and luaopen_string. Pattern matching, format and pack live in
// string_pattern.cpp, string_format.cpp and string_pack.cpp.
#include "string_lib.h"

#include <cctype>
#include <cstdint>
#include <cstring>

#include "vm/interrupt_lib.h"

namespace luna::stdlib::string_lib {

std::size_t end_position(lua_State* L, int arg, lua_Integer fallback, std::size_t length) {
  const lua_Integer position = luaL_optinteger(L, arg, fallback);
  if (position > static_cast<lua_Integer>(length)) return length;
  if (position >= 0) return static_cast<std::size_t>(position);
  if (position < -static_cast<lua_Integer>(length)) return 0;
  return length + static_cast<std::size_t>(position) + 1;
}

namespace {

int length(lua_State* L) {
  std::size_t size = 0;
  luaL_checklstring(L, 1, &size);
  lua_pushinteger(L, static_cast<lua_Integer>(size));
  return 1;
}

int substring(lua_State* L) {
  std::size_t size = 0;
  const char* text = luaL_checklstring(L, 1, &size);
  const std::size_t first = start_position(luaL_checkinteger(L, 2), size);
  const std::size_t last = end_position(L, 3, -1, size);
  if (first <= last)
    lua_pushlstring(L, text + first - 1, last - first + 1);
  else
    lua_pushliteral(L, "");
  return 1;
}

int reverse(lua_State* L) {
  std::size_t size = 0;
  const char* text = luaL_checklstring(L, 1, &size);
  luaL_Buffer buffer;
  char* out = luaL_buffinitsize(L, &buffer, size);
  for (std::size_t i = 0; i < size; ++i) out[i] = text[size - 1 - i];
  luaL_pushresultsize(&buffer, size);
  return 1;
}

// Shared body of lower/upper: maps every byte through the current locale's conversion, read
// once per call as a table. glibc's tolower/toupper are out-of-line calls in C++ that only read
// the tables __ctype_tolower_loc()/__ctype_toupper_loc() point at, so the answers are the same.
#if defined(__GLIBC__)
using CaseTable = const std::int32_t*;
CaseTable lower_table() { return *__ctype_tolower_loc(); }
CaseTable upper_table() { return *__ctype_toupper_loc(); }
int convert_case(CaseTable table, int c) { return table[c]; }
#else
using CaseTable = int (*)(int);
CaseTable lower_table() { return [](int c) { return std::tolower(c); }; }
CaseTable upper_table() { return [](int c) { return std::toupper(c); }; }
int convert_case(CaseTable convert, int c) { return convert(c); }
#endif

template <CaseTable (*table_of)()>
int map_bytes(lua_State* L) {
  std::size_t size = 0;
  const char* text = luaL_checklstring(L, 1, &size);
  luaL_Buffer buffer;
  char* out = luaL_buffinitsize(L, &buffer, size);
  const CaseTable table = table_of();
  for (std::size_t i = 0; i < size; ++i)
    out[i] = static_cast<char>(convert_case(table, static_cast<unsigned char>(text[i])));
  luaL_pushresultsize(&buffer, size);
  return 1;
}

int repeat(lua_State* L) {
  std::size_t size = 0;
  std::size_t separator_size = 0;
  const char* text = luaL_checklstring(L, 1, &size);
  lua_Integer count = luaL_checkinteger(L, 2);
  const char* separator = luaL_optlstring(L, 3, "", &separator_size);
  if (count <= 0) {
    lua_pushliteral(L, "");
    return 1;
  }
  const std::size_t unit = size + separator_size;
  if (unit < size || unit > max_result_size / static_cast<std::size_t>(count))
    return luaL_error(L, "resulting string too large");
  const std::size_t total =
      static_cast<std::size_t>(count) * size + static_cast<std::size_t>(count - 1) * separator_size;
  luaL_Buffer buffer;
  char* out = luaL_buffinitsize(L, &buffer, total);
  for (; count > 1; --count) {
    if ((count & 0x3FF) == 0) luna::vm::interrupt::poll(L, 1);  // huge results take a while
    std::memcpy(out, text, size);
    out += size;
    if (separator_size > 0) {
      std::memcpy(out, separator, separator_size);
      out += separator_size;
    }
  }
  std::memcpy(out, text, size);
  luaL_pushresultsize(&buffer, total);
  return 1;
}

int byte(lua_State* L) {
  std::size_t size = 0;
  const char* text = luaL_checklstring(L, 1, &size);
  const lua_Integer start_argument = luaL_optinteger(L, 2, 1);
  const std::size_t first = start_position(start_argument, size);
  const std::size_t last = end_position(L, 3, start_argument, size);
  if (first > last) return 0;
  if (last - first >= static_cast<std::size_t>(INT_MAX)) return luaL_error(L, "string slice too long");
  const int count = static_cast<int>(last - first) + 1;
  luaL_checkstack(L, count, "string slice too long");
  for (int i = 0; i < count; ++i)
    lua_pushinteger(L, static_cast<unsigned char>(text[first - 1 + static_cast<std::size_t>(i)]));
  return count;
}

int character(lua_State* L) {
  const int count = lua_gettop(L);
  luaL_Buffer buffer;
  char* out = luaL_buffinitsize(L, &buffer, static_cast<std::size_t>(count));
  for (int i = 1; i <= count; ++i) {
    const auto code = static_cast<lua_Unsigned>(luaL_checkinteger(L, i));
    luaL_argcheck(L, code <= UCHAR_MAX, i, "value out of range");
    out[i - 1] = static_cast<char>(code);
  }
  luaL_pushresultsize(&buffer, static_cast<std::size_t>(count));
  return 1;
}

// lua_dump needs the function on top of the stack, and luaL_buffinit may push a placeholder,
// so the buffer is started lazily by the first chunk written.
struct DumpSink {
  bool started;
  luaL_Buffer buffer;
};

int dump_writer(lua_State* L, const void* chunk, std::size_t size, void* user_data) {
  auto* sink = static_cast<DumpSink*>(user_data);
  if (!sink->started) {
    sink->started = true;
    luaL_buffinit(L, &sink->buffer);
  }
  luaL_addlstring(&sink->buffer, static_cast<const char*>(chunk), size);
  return 0;
}

int dump(lua_State* L) {
  const int strip = lua_toboolean(L, 2);
  luaL_checktype(L, 1, LUA_TFUNCTION);
  lua_settop(L, 1);
  DumpSink sink;
  sink.started = false;
  if (lua_dump(L, dump_writer, &sink, strip) != 0 || !sink.started)
    return luaL_error(L, "unable to dump given function");
  luaL_pushresult(&sink.buffer);
  return 1;
}

// ---- arithmetic on strings: "10" + 1 ----------------------------------------------------------

// Pushes the numeric value of argument 'arg' if it is a number or a string holding a numeral.
bool push_as_number(lua_State* L, int arg) {
  if (lua_type(L, arg) == LUA_TNUMBER) {
    lua_pushvalue(L, arg);
    return true;
  }
  std::size_t size = 0;
  const char* text = lua_tolstring(L, arg, &size);
  return text != nullptr && lua_stringtonumber(L, text) == size + 1;
}

// The operands are not both numeric: defer to the second operand's metamethod, if any.
void try_other_metamethod(lua_State* L, const char* event) {
  lua_settop(L, 2);
  if (lua_type(L, 2) == LUA_TSTRING || !luaL_getmetafield(L, 2, event))
    luaL_error(L, "attempt to %s a '%s' with a '%s'", event + 2, luaL_typename(L, -2), luaL_typename(L, -1));
  lua_insert(L, -3);
  lua_call(L, 2, 1);
}

template <int operation>
int arithmetic(lua_State* L, const char* event) {
  if (push_as_number(L, 1) && push_as_number(L, 2))
    lua_arith(L, operation);
  else
    try_other_metamethod(L, event);
  return 1;
}

int add(lua_State* L) { return arithmetic<LUA_OPADD>(L, "__add"); }
int subtract(lua_State* L) { return arithmetic<LUA_OPSUB>(L, "__sub"); }
int multiply(lua_State* L) { return arithmetic<LUA_OPMUL>(L, "__mul"); }
int modulo(lua_State* L) { return arithmetic<LUA_OPMOD>(L, "__mod"); }
int power(lua_State* L) { return arithmetic<LUA_OPPOW>(L, "__pow"); }
int divide(lua_State* L) { return arithmetic<LUA_OPDIV>(L, "__div"); }
int floor_divide(lua_State* L) { return arithmetic<LUA_OPIDIV>(L, "__idiv"); }
int negate(lua_State* L) { return arithmetic<LUA_OPUNM>(L, "__unm"); }

constexpr luaL_Reg metamethods[] = {
    {"__add", add},       {"__sub", subtract},        {"__mul", multiply}, {"__mod", modulo},
    {"__pow", power},     {"__div", divide},          {"__idiv", floor_divide},
    {"__unm", negate},    {"__index", nullptr},  // filled with the library table below
    {nullptr, nullptr},
};

constexpr luaL_Reg functions[] = {
    {"byte", byte},       {"char", character},   {"dump", dump},         {"find", find},
    {"format", format},   {"gmatch", gmatch},    {"gsub", gsub},         {"len", length},
    {"lower", map_bytes<lower_table>},              {"match", match},       {"rep", repeat},
    {"reverse", reverse}, {"sub", substring},    {"upper", map_bytes<upper_table>},
    {"pack", pack},       {"packsize", packsize}, {"unpack", unpack},    {nullptr, nullptr},
};

// Expects the library table on top; installs the shared metatable of all strings.
void install_string_metatable(lua_State* L) {
  lua_createtable(L, 0, static_cast<int>(sizeof(metamethods) / sizeof(metamethods[0]) - 1));
  luaL_setfuncs(L, metamethods, 0);
  lua_pushliteral(L, "");
  lua_pushvalue(L, -2);
  lua_setmetatable(L, -2);
  lua_pop(L, 1);
  lua_pushvalue(L, -2);
  lua_setfield(L, -2, "__index");
  lua_pop(L, 1);
}

}  // namespace
}  // namespace luna::stdlib::string_lib

extern "C" LUAMOD_API int luaopen_string(lua_State* L) {
  using namespace luna::stdlib::string_lib;
  luaL_checkversion(L);
  lua_createtable(L, 0, static_cast<int>(sizeof(functions) / sizeof(functions[0]) - 1));
  luaL_setfuncs(L, functions, 0);
  install_string_metatable(L);
  return 1;
}
