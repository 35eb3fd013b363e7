// Operating-system library (manual §6.9): clock, date, difftime, execute, exit, getenv, remove,
// rename, setlocale, time, tmpname.
//
// Contract: public C API only, POSIX underneath. os.date accepts exactly the C99/POSIX strftime
// conversions that Lua 5.4.8 accepts (one-char, then E- and O-modified two-char ones) and rejects
// anything else with "invalid conversion specifier". os.time normalises its table argument via mktime
// and writes the normalised fields back, as 5.4 does.
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>

#include "lua.hpp"

namespace luna::stdlib::os {
namespace {

// Valid conversions: first the one-character ones, then (after '|') the two-character ones.
constexpr const char* kStrftimeConversions =
    "aAbBcCdDeFgGhHIjmMnprRStTuUVwWxXyYzZ%"
    "||"
    "EcECExEXEyEY"
    "OdOeOHOIOmOMOSOuOUOVOwOWOy";

// Longest expansion a single conversion may produce.
constexpr size_t kMaxConversionOutput = 250;

int os_execute(lua_State* L) {
  const char* command = luaL_optstring(L, 1, nullptr);
  errno = 0;
  const int status = std::system(command);
  if (command != nullptr) return luaL_execresult(L, status);
  lua_pushboolean(L, status);  // without a command: is a shell available?
  return 1;
}

int os_remove(lua_State* L) {
  const char* file_name = luaL_checkstring(L, 1);
  errno = 0;
  return luaL_fileresult(L, std::remove(file_name) == 0, file_name);
}

int os_rename(lua_State* L) {
  const char* from_name = luaL_checkstring(L, 1);
  const char* to_name = luaL_checkstring(L, 2);
  errno = 0;
  return luaL_fileresult(L, std::rename(from_name, to_name) == 0, nullptr);
}

int os_tmpname(lua_State* L) {
  char name[32];
  std::strcpy(name, "/tmp/lua_XXXXXX");
  const int descriptor = mkstemp(name);
  if (descriptor == -1) return luaL_error(L, "unable to generate a unique filename");
  ::close(descriptor);
  lua_pushstring(L, name);
  return 1;
}

int os_getenv(lua_State* L) {
  lua_pushstring(L, std::getenv(luaL_checkstring(L, 1)));  // a null pointer pushes nil (fail)
  return 1;
}

int os_clock(lua_State* L) {
  lua_pushnumber(L, static_cast<lua_Number>(std::clock()) / static_cast<lua_Number>(CLOCKS_PER_SEC));
  return 1;
}

// ---- time and date ---------------------------------------------------------------------------

void set_integer_field(lua_State* L, const char* key, int value, int delta) {
  lua_pushinteger(L, static_cast<lua_Integer>(value) + delta);
  lua_setfield(L, -2, key);
}

void set_boolean_field(lua_State* L, const char* key, int value) {
  if (value < 0) return;  // undefined (e.g. isdst unknown): leave the field absent
  lua_pushboolean(L, value);
  lua_setfield(L, -2, key);
}

void set_all_fields(lua_State* L, const std::tm* time) {
  set_integer_field(L, "year", time->tm_year, 1900);
  set_integer_field(L, "month", time->tm_mon, 1);
  set_integer_field(L, "day", time->tm_mday, 0);
  set_integer_field(L, "hour", time->tm_hour, 0);
  set_integer_field(L, "min", time->tm_min, 0);
  set_integer_field(L, "sec", time->tm_sec, 0);
  set_integer_field(L, "yday", time->tm_yday, 1);
  set_integer_field(L, "wday", time->tm_wday, 1);
  set_boolean_field(L, "isdst", time->tm_isdst);
}

int get_boolean_field(lua_State* L, const char* key) {
  const int result = lua_getfield(L, -1, key) == LUA_TNIL ? -1 : lua_toboolean(L, -1);
  lua_pop(L, 1);
  return result;
}

// Reads an integer field of the date table at the top; 'default_value' < 0 means it is required.
// The stored value minus 'delta' must fit a C int.
int get_integer_field(lua_State* L, const char* key, int default_value, int delta) {
  int is_number = 0;
  const int type = lua_getfield(L, -1, key);
  lua_Integer value = lua_tointegerx(L, -1, &is_number);
  if (!is_number) {
    if (type != LUA_TNIL) return luaL_error(L, "field '%s' is not an integer", key);
    if (default_value < 0) return luaL_error(L, "field '%s' missing in date table", key);
    value = default_value;
  } else {
    const bool fits =
        value >= 0 ? value - delta <= INT_MAX : static_cast<lua_Integer>(INT_MIN) + delta <= value;
    if (!fits) return luaL_error(L, "field '%s' is out-of-bound", key);
    value -= delta;
  }
  lua_pop(L, 1);
  return static_cast<int>(value);
}

std::time_t check_time(lua_State* L, int argument) {
  const lua_Integer value = luaL_checkinteger(L, argument);
  luaL_argcheck(L, static_cast<lua_Integer>(static_cast<std::time_t>(value)) == value, argument,
                "time out-of-bounds");
  return static_cast<std::time_t>(value);
}

// Validates the conversion at 'conversion' (just after a '%') and copies it into 'specifier' after the
// '%'. Returns the position after the conversion.
const char* check_conversion(lua_State* L, const char* conversion, ptrdiff_t available, char* specifier) {
  int option_length = 1;
  for (const char* option = kStrftimeConversions; *option != '\0' && option_length <= available;
       option += option_length) {
    if (*option == '|') {
      ++option_length;  // the following block lists longer options
    } else if (std::memcmp(conversion, option, static_cast<size_t>(option_length)) == 0) {
      std::memcpy(specifier, conversion, static_cast<size_t>(option_length));
      specifier[option_length] = '\0';
      return conversion + option_length;
    }
  }
  luaL_argerror(L, 1, lua_pushfstring(L, "invalid conversion specifier '%%%s'", conversion));
  return conversion;
}

int os_date(lua_State* L) {
  size_t format_length = 0;
  const char* format = luaL_optlstring(L, 1, "%c", &format_length);
  const std::time_t moment = lua_isnoneornil(L, 2) ? std::time(nullptr) : check_time(L, 2);
  const char* format_end = format + format_length;
  std::tm broken_down;
  std::tm* converted;
  if (*format == '!') {
    converted = gmtime_r(&moment, &broken_down);
    ++format;
  } else {
    converted = localtime_r(&moment, &broken_down);
  }
  if (converted == nullptr) return luaL_error(L, "date result cannot be represented in this installation");
  if (std::strcmp(format, "*t") == 0) {
    lua_createtable(L, 0, 9);
    set_all_fields(L, converted);
    return 1;
  }
  char specifier[4];
  specifier[0] = '%';
  luaL_Buffer buffer;
  luaL_buffinit(L, &buffer);
  while (format < format_end) {
    if (*format != '%') {
      luaL_addchar(&buffer, *format++);
      continue;
    }
    char* output = luaL_prepbuffsize(&buffer, kMaxConversionOutput);
    ++format;
    format = check_conversion(L, format, format_end - format, specifier + 1);
    const size_t written = std::strftime(output, kMaxConversionOutput, specifier, converted);
    luaL_addsize(&buffer, written);
  }
  luaL_pushresult(&buffer);
  return 1;
}

int os_time(lua_State* L) {
  std::time_t result;
  if (lua_isnoneornil(L, 1)) {
    result = std::time(nullptr);
  } else {
    std::tm fields;
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 1);
    fields.tm_year = get_integer_field(L, "year", -1, 1900);
    fields.tm_mon = get_integer_field(L, "month", -1, 1);
    fields.tm_mday = get_integer_field(L, "day", -1, 0);
    fields.tm_hour = get_integer_field(L, "hour", 12, 0);
    fields.tm_min = get_integer_field(L, "min", 0, 0);
    fields.tm_sec = get_integer_field(L, "sec", 0, 0);
    fields.tm_isdst = get_boolean_field(L, "isdst");
    result = std::mktime(&fields);
    set_all_fields(L, &fields);  // write the normalised date back into the table
  }
  if (result == static_cast<std::time_t>(-1))
    return luaL_error(L, "time result cannot be represented in this installation");
  lua_pushinteger(L, static_cast<lua_Integer>(result));
  return 1;
}

int os_difftime(lua_State* L) {
  const std::time_t later = check_time(L, 1);
  const std::time_t earlier = check_time(L, 2);
  lua_pushnumber(L, static_cast<lua_Number>(std::difftime(later, earlier)));
  return 1;
}

// ---- locale and exit -------------------------------------------------------------------------

int os_setlocale(lua_State* L) {
  static const int categories[] = {LC_ALL, LC_COLLATE, LC_CTYPE, LC_MONETARY, LC_NUMERIC, LC_TIME};
  static const char* const category_names[] = {"all",     "collate", "ctype", "monetary",
                                               "numeric", "time",    nullptr};
  const char* locale = luaL_optstring(L, 1, nullptr);
  const int category = luaL_checkoption(L, 2, "all", category_names);
  lua_pushstring(L, std::setlocale(categories[category], locale));
  return 1;
}

int os_exit(lua_State* L) {
  int status;
  if (lua_isboolean(L, 1))
    status = lua_toboolean(L, 1) ? EXIT_SUCCESS : EXIT_FAILURE;
  else
    status = static_cast<int>(luaL_optinteger(L, 1, EXIT_SUCCESS));
  if (lua_toboolean(L, 2)) lua_close(L);  // run finalizers and __close handlers first
  std::exit(status);
}

constexpr luaL_Reg kFunctions[] = {
    {"clock", os_clock},         {"date", os_date},     {"difftime", os_difftime}, {"execute", os_execute},
    {"exit", os_exit},           {"getenv", os_getenv}, {"remove", os_remove},     {"rename", os_rename},
    {"setlocale", os_setlocale}, {"time", os_time},     {"tmpname", os_tmpname},   {nullptr, nullptr},
};

}  // namespace
}  // namespace luna::stdlib::os

LUAMOD_API int luaopen_os(lua_State* L) {
  luaL_newlib(L, luna::stdlib::os::kFunctions);
  return 1;
}
