// Basic library (manual §6.1): the global functions print, pcall, load, tonumber, ...
//
// Contract: written only against the public C API (lua.h/lauxlib.h), so it behaves the same over any
// conforming engine. Messages and results follow Lua 5.4.8 exactly, since scripts and the official test
// suite compare them. Functions here may raise (longjmp) at any luaL_check*/lua_error call, so no local
// with a non-trivial destructor is ever alive in them.
#include <cctype>
#include <cstring>

#include "lua.hpp"
#include "vm/interrupt_lib.h"

namespace luna::stdlib::base {
namespace {

int print(lua_State* L) {
  const int count = lua_gettop(L);
  for (int index = 1; index <= count; ++index) {
    size_t length = 0;
    const char* text = luaL_tolstring(L, index, &length);  // raises for a bad __tostring
    if (index > 1) lua_writestring("\t", 1);
    lua_writestring(text, length);
    lua_pop(L, 1);
  }
  lua_writeline();
  return 0;
}

// Checks every piece before emitting any, so an error cannot leave a warning half composed.
int warn(lua_State* L) {
  const int count = lua_gettop(L);
  luaL_checkstring(L, 1);
  for (int index = 2; index <= count; ++index) luaL_checkstring(L, index);
  for (int index = 1; index < count; ++index) lua_warning(L, lua_tostring(L, index), 1);
  lua_warning(L, lua_tostring(L, count), 0);
  return 0;
}

constexpr const char* kSpaceChars = " \f\n\r\t\v";

// Integer numeral in an arbitrary base; returns the end of what was consumed (trailing spaces
// included) or nullptr when there is no valid numeral. Wraps around on overflow as 5.4 does.
const char* parse_integer_in_base(const char* text, int numeric_base, lua_Integer* result) {
  lua_Unsigned accumulated = 0;
  bool negative = false;
  text += std::strspn(text, kSpaceChars);
  if (*text == '-') {
    ++text;
    negative = true;
  } else if (*text == '+') {
    ++text;
  }
  if (!std::isalnum(static_cast<unsigned char>(*text))) return nullptr;
  do {
    const unsigned char ch = static_cast<unsigned char>(*text);
    const int digit = std::isdigit(ch) ? ch - '0' : (std::toupper(ch) - 'A') + 10;
    if (digit >= numeric_base) return nullptr;
    accumulated = accumulated * static_cast<lua_Unsigned>(numeric_base) + static_cast<lua_Unsigned>(digit);
    ++text;
  } while (std::isalnum(static_cast<unsigned char>(*text)));
  text += std::strspn(text, kSpaceChars);
  *result = static_cast<lua_Integer>(negative ? (0u - accumulated) : accumulated);
  return text;
}

int tonumber(lua_State* L) {
  if (lua_isnoneornil(L, 2)) {
    if (lua_type(L, 1) == LUA_TNUMBER) {
      lua_settop(L, 1);
      return 1;
    }
    size_t length = 0;
    const char* text = lua_tolstring(L, 1, &length);
    if (text != nullptr && lua_stringtonumber(L, text) == length + 1) return 1;
    luaL_checkany(L, 1);  // a missing argument is an error, a non-numeral is not
  } else {
    const lua_Integer numeric_base = luaL_checkinteger(L, 2);
    luaL_checktype(L, 1, LUA_TSTRING);  // numbers are not re-read as strings in a base
    size_t length = 0;
    const char* text = lua_tolstring(L, 1, &length);
    luaL_argcheck(L, 2 <= numeric_base && numeric_base <= 36, 2, "base out of range");
    lua_Integer value = 0;
    if (parse_integer_in_base(text, static_cast<int>(numeric_base), &value) == text + length) {
      lua_pushinteger(L, value);
      return 1;
    }
  }
  luaL_pushfail(L);
  return 1;
}

// The common calls, error(message) and error(message, level), skip luaL_optinteger/lua_settop.
int error(lua_State* L) {
  const int top = lua_gettop(L);
  int level = 1;
  if (top >= 2) {
    level = static_cast<int>(lua_isinteger(L, 2) ? lua_tointeger(L, 2) : luaL_optinteger(L, 2, 1));
  }
  if (top != 1) lua_settop(L, 1);
  if (level > 0 && lua_type(L, 1) == LUA_TSTRING) {  // only string messages get a position
    luaL_where(L, level);
    lua_pushvalue(L, 1);
    lua_concat(L, 2);
  }
  return lua_error(L);
}

int getmetatable(lua_State* L) {
  luaL_checkany(L, 1);
  if (!lua_getmetatable(L, 1)) {
    lua_pushnil(L);
    return 1;
  }
  luaL_getmetafield(L, 1, "__metatable");  // a protected metatable answers with its field
  return 1;
}

int setmetatable(lua_State* L) {
  const int type = lua_type(L, 2);
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_argexpected(L, type == LUA_TNIL || type == LUA_TTABLE, 2, "nil or table");
  if (luaL_getmetafield(L, 1, "__metatable") != LUA_TNIL)
    return luaL_error(L, "cannot change a protected metatable");
  lua_settop(L, 2);
  lua_setmetatable(L, 1);
  return 1;
}

int rawequal(lua_State* L) {
  luaL_checkany(L, 1);
  luaL_checkany(L, 2);
  lua_pushboolean(L, lua_rawequal(L, 1, 2));
  return 1;
}

int rawlen(lua_State* L) {
  const int type = lua_type(L, 1);
  luaL_argexpected(L, type == LUA_TTABLE || type == LUA_TSTRING, 1, "table or string");
  lua_pushinteger(L, static_cast<lua_Integer>(lua_rawlen(L, 1)));
  return 1;
}

int rawget(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_checkany(L, 2);
  lua_settop(L, 2);
  lua_rawget(L, 1);
  return 1;
}

int rawset(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_checkany(L, 2);
  luaL_checkany(L, 3);
  lua_settop(L, 3);
  lua_rawset(L, 1);
  return 1;
}

// lua_gc answers -1 when the collector cannot take the request (e.g. from inside a finalizer).
int push_gc_mode(lua_State* L, int previous_mode) {
  if (previous_mode == -1)
    luaL_pushfail(L);
  else
    lua_pushstring(L, previous_mode == LUA_GCINC ? "incremental" : "generational");
  return 1;
}

int collectgarbage(lua_State* L) {
  static const char* const option_names[] = {"stop",         "restart",     "collect",    "count",
                                             "step",         "setpause",    "setstepmul", "isrunning",
                                             "generational", "incremental", nullptr};
  static const int option_codes[] = {LUA_GCSTOP, LUA_GCRESTART,  LUA_GCCOLLECT,    LUA_GCCOUNT,
                                     LUA_GCSTEP, LUA_GCSETPAUSE, LUA_GCSETSTEPMUL, LUA_GCISRUNNING,
                                     LUA_GCGEN,  LUA_GCINC};
  const int option = option_codes[luaL_checkoption(L, 1, "collect", option_names)];
  switch (option) {
    case LUA_GCCOUNT: {
      const int kilobytes = lua_gc(L, option);
      const int bytes = lua_gc(L, LUA_GCCOUNTB);
      if (kilobytes == -1) break;
      lua_pushnumber(L, static_cast<lua_Number>(kilobytes) + static_cast<lua_Number>(bytes) / 1024);
      return 1;
    }
    case LUA_GCSTEP: {
      const int step = static_cast<int>(luaL_optinteger(L, 2, 0));
      const int finished = lua_gc(L, option, step);
      if (finished == -1) break;
      lua_pushboolean(L, finished);
      return 1;
    }
    case LUA_GCSETPAUSE:
    case LUA_GCSETSTEPMUL: {
      const int value = static_cast<int>(luaL_optinteger(L, 2, 0));
      const int previous = lua_gc(L, option, value);
      if (previous == -1) break;
      lua_pushinteger(L, previous);
      return 1;
    }
    case LUA_GCISRUNNING: {
      const int running = lua_gc(L, option);
      if (running == -1) break;
      lua_pushboolean(L, running);
      return 1;
    }
    case LUA_GCGEN: {
      const int minor_multiplier = static_cast<int>(luaL_optinteger(L, 2, 0));
      const int major_multiplier = static_cast<int>(luaL_optinteger(L, 3, 0));
      return push_gc_mode(L, lua_gc(L, option, minor_multiplier, major_multiplier));
    }
    case LUA_GCINC: {
      const int pause = static_cast<int>(luaL_optinteger(L, 2, 0));
      const int step_multiplier = static_cast<int>(luaL_optinteger(L, 3, 0));
      const int step_size = static_cast<int>(luaL_optinteger(L, 4, 0));
      return push_gc_mode(L, lua_gc(L, option, pause, step_multiplier, step_size));
    }
    default: {
      const int result = lua_gc(L, option);
      if (result == -1) break;
      lua_pushinteger(L, result);
      return 1;
    }
  }
  luaL_pushfail(L);
  return 1;
}

int type(lua_State* L) {
  const int value_type = lua_type(L, 1);
  luaL_argcheck(L, value_type != LUA_TNONE, 1, "value expected");
  lua_pushstring(L, lua_typename(L, value_type));
  return 1;
}

int next(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_settop(L, 2);  // a missing key means "first"
  if (lua_next(L, 1)) return 2;
  lua_pushnil(L);
  return 1;
}

int pairs_continuation(lua_State* /*L*/, int /*status*/, lua_KContext /*context*/) { return 3; }

int pairs(lua_State* L) {
  luaL_checkany(L, 1);
  if (luaL_getmetafield(L, 1, "__pairs") == LUA_TNIL) {
    lua_pushcfunction(L, next);
    lua_pushvalue(L, 1);
    lua_pushnil(L);
  } else {
    lua_pushvalue(L, 1);
    lua_callk(L, 1, 3, 0, pairs_continuation);  // the metamethod may yield
  }
  return 3;
}

int ipairs_step(lua_State* L) {
  const lua_Integer index = luaL_intop(+, luaL_checkinteger(L, 2), 1);
  lua_pushinteger(L, index);
  return lua_geti(L, 1, index) == LUA_TNIL ? 1 : 2;  // lua_geti honours __index
}

int ipairs(lua_State* L) {
  luaL_checkany(L, 1);
  lua_pushcfunction(L, ipairs_step);
  lua_pushvalue(L, 1);
  lua_pushinteger(L, 0);
  return 3;
}

// After a load: on success install 'env' as the first upvalue (when given); on failure return fail + msg.
int finish_load(lua_State* L, int status, int env_index) {
  if (status != LUA_OK) {
    luaL_pushfail(L);
    lua_insert(L, -2);
    return 2;
  }
  if (env_index != 0) {
    lua_pushvalue(L, env_index);
    if (!lua_setupvalue(L, -2, 1)) lua_pop(L, 1);  // a chunk without upvalues keeps no env
  }
  return 1;
}

int loadfile(lua_State* L) {
  const char* file_name = luaL_optstring(L, 1, nullptr);
  const char* mode = luaL_optstring(L, 2, nullptr);
  const int env_index = lua_isnone(L, 3) ? 0 : 3;
  const int status = luaL_loadfilex(L, file_name, mode);
  return finish_load(L, status, env_index);
}

// Stack slot where the reader keeps the latest piece alive while the parser reads it.
constexpr int kReaderPieceSlot = 5;

const char* read_from_function(lua_State* L, void* /*unused*/, size_t* size) {
  luaL_checkstack(L, 2, "too many nested functions");
  lua_pushvalue(L, 1);
  lua_call(L, 0, 1);
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    *size = 0;
    return nullptr;
  }
  if (!lua_isstring(L, -1)) luaL_error(L, "reader function must return a string");
  lua_replace(L, kReaderPieceSlot);
  return lua_tolstring(L, kReaderPieceSlot, size);
}

int load(lua_State* L) {
  size_t length = 0;
  const char* text = lua_tolstring(L, 1, &length);
  const char* mode = luaL_optstring(L, 3, "bt");
  const int env_index = lua_isnone(L, 4) ? 0 : 4;
  int status;
  if (text != nullptr) {
    const char* chunk_name = luaL_optstring(L, 2, text);  // a string chunk names itself
    status = luaL_loadbufferx(L, text, length, chunk_name, mode);
  } else {
    const char* chunk_name = luaL_optstring(L, 2, "=(load)");
    luaL_checktype(L, 1, LUA_TFUNCTION);
    lua_settop(L, kReaderPieceSlot);
    status = lua_load(L, read_from_function, nullptr, chunk_name, mode);
  }
  return finish_load(L, status, env_index);
}

int dofile_continuation(lua_State* L, int /*status*/, lua_KContext /*context*/) { return lua_gettop(L) - 1; }

int dofile(lua_State* L) {
  const char* file_name = luaL_optstring(L, 1, nullptr);
  lua_settop(L, 1);
  if (luaL_loadfile(L, file_name) != LUA_OK) return lua_error(L);
  lua_callk(L, 0, LUA_MULTRET, 0, dofile_continuation);
  return dofile_continuation(L, 0, 0);
}

int assert_(lua_State* L) {
  if (lua_toboolean(L, 1)) return lua_gettop(L);  // success returns every argument
  luaL_checkany(L, 1);
  lua_remove(L, 1);
  lua_pushliteral(L, "assertion failed!");
  lua_settop(L, 1);  // the given message, or the default when none was given
  return error(L);
}

int select(lua_State* L) {
  const int count = lua_gettop(L);
  if (lua_type(L, 1) == LUA_TSTRING && *lua_tostring(L, 1) == '#') {
    lua_pushinteger(L, count - 1);
    return 1;
  }
  lua_Integer index = luaL_checkinteger(L, 1);
  if (index < 0)
    index = count + index;
  else if (index > count)
    index = count;
  luaL_argcheck(L, 1 <= index, 1, "index out of range");
  return count - static_cast<int>(index);
}

// Shared tail of pcall/xpcall, also their continuation after a yield: 'extra' counts the slots
// below the results that are not results (the handler for xpcall).
int finish_pcall(lua_State* L, int status, lua_KContext extra) {
  luna::vm::interrupt::reraise_if_stopped(L);  // budget/timeout/cancel stops are not catchable
  if (status != LUA_OK && status != LUA_YIELD) {
    lua_pushboolean(L, 0);
    lua_pushvalue(L, -2);
    return 2;
  }
  return lua_gettop(L) - static_cast<int>(extra);
}

int pcall(lua_State* L) {
  const int top = lua_gettop(L);
  if (top == 0) luaL_checkany(L, 1);  // raises "value expected"
  lua_pushboolean(L, 1);  // the first result on success
  lua_insert(L, 1);
  const int status = lua_pcallk(L, top - 1, LUA_MULTRET, 0, 0, finish_pcall);
  return finish_pcall(L, status, 0);
}

int xpcall(lua_State* L) {
  const int count = lua_gettop(L);
  luaL_checktype(L, 2, LUA_TFUNCTION);
  lua_pushboolean(L, 1);
  lua_pushvalue(L, 1);
  lua_rotate(L, 3, 2);  // stack: function, handler, true, function, args...
  const int status = lua_pcallk(L, count - 2, LUA_MULTRET, 2, 2, finish_pcall);
  return finish_pcall(L, status, 2);
}

int tostring(lua_State* L) {
  luaL_checkany(L, 1);
  luaL_tolstring(L, 1, nullptr);
  return 1;
}

constexpr luaL_Reg kFunctions[] = {
    {"assert", assert_},
    {"collectgarbage", collectgarbage},
    {"dofile", dofile},
    {"error", error},
    {"getmetatable", getmetatable},
    {"ipairs", ipairs},
    {"loadfile", loadfile},
    {"load", load},
    {"next", next},
    {"pairs", pairs},
    {"pcall", pcall},
    {"print", print},
    {"warn", warn},
    {"rawequal", rawequal},
    {"rawlen", rawlen},
    {"rawget", rawget},
    {"rawset", rawset},
    {"select", select},
    {"setmetatable", setmetatable},
    {"tonumber", tonumber},
    {"tostring", tostring},
    {"type", type},
    {"xpcall", xpcall},
    {nullptr, nullptr},
};

}  // namespace
}  // namespace luna::stdlib::base

LUAMOD_API int luaopen_base(lua_State* L) {
  lua_pushglobaltable(L);
  luaL_setfuncs(L, luna::stdlib::base::kFunctions, 0);
  lua_pushvalue(L, -1);
  lua_setfield(L, -2, LUA_GNAME);
  lua_pushliteral(L, LUA_VERSION);
  lua_setfield(L, -2, "_VERSION");
  return 1;
}
