// Debug library (manual §6.10): introspection of stacks, locals, upvalues, hooks and metatables.
//
// Contract: public C API only. Functions taking an optional thread first argument operate on that
// thread's stack. Lua hook functions are kept per thread in the registry table "_HOOKKEY" (weak keys,
// thread -> function); one C hook dispatches to them. Results and messages follow Lua 5.4.8.
#include <cstdio>
#include <cstring>

#include "lua.hpp"

namespace luna::stdlib::debug {
namespace {

constexpr const char* kHookKey = "_HOOKKEY";

// Values moved between two threads need room on the target thread's stack.
void ensure_stack(lua_State* L, lua_State* target, int count) {
  if (L != target && !lua_checkstack(target, count)) luaL_error(L, "stack overflow");
}

// Returns the thread argument if there is one; 'offset' receives how many arguments it took (0 or 1).
lua_State* thread_argument(lua_State* L, int* offset) {
  if (lua_isthread(L, 1)) {
    *offset = 1;
    return lua_tothread(L, 1);
  }
  *offset = 0;
  return L;
}

int getregistry(lua_State* L) {
  lua_pushvalue(L, LUA_REGISTRYINDEX);
  return 1;
}

int getmetatable(lua_State* L) {
  luaL_checkany(L, 1);
  if (!lua_getmetatable(L, 1)) lua_pushnil(L);
  return 1;
}

int setmetatable(lua_State* L) {
  const int type = lua_type(L, 2);
  luaL_argexpected(L, type == LUA_TNIL || type == LUA_TTABLE, 2, "nil or table");
  lua_settop(L, 2);
  lua_setmetatable(L, 1);
  return 1;
}

int getuservalue(lua_State* L) {
  const int slot = static_cast<int>(luaL_optinteger(L, 2, 1));
  if (lua_type(L, 1) != LUA_TUSERDATA) {
    luaL_pushfail(L);
  } else if (lua_getiuservalue(L, 1, slot) != LUA_TNONE) {
    lua_pushboolean(L, 1);
    return 2;
  }
  return 1;
}

int setuservalue(lua_State* L) {
  const int slot = static_cast<int>(luaL_optinteger(L, 3, 1));
  luaL_checktype(L, 1, LUA_TUSERDATA);
  luaL_checkany(L, 2);
  lua_settop(L, 2);
  if (!lua_setiuservalue(L, 1, slot)) luaL_pushfail(L);
  return 1;
}

void set_string_field(lua_State* L, const char* key, const char* value) {
  lua_pushstring(L, value);
  lua_setfield(L, -2, key);
}

void set_integer_field(lua_State* L, const char* key, int value) {
  lua_pushinteger(L, value);
  lua_setfield(L, -2, key);
}

void set_boolean_field(lua_State* L, const char* key, int value) {
  lua_pushboolean(L, value);
  lua_setfield(L, -2, key);
}

// lua_getinfo left a value on the inspected thread's stack; store it into the result table at the top
// of L's stack.
void move_info_value(lua_State* L, lua_State* inspected, const char* key) {
  if (L == inspected)
    lua_rotate(L, -2, 1);  // value and table swap places
  else
    lua_xmove(inspected, L, 1);
  lua_setfield(L, -2, key);
}

int getinfo(lua_State* L) {
  lua_Debug record;
  int offset = 0;
  lua_State* inspected = thread_argument(L, &offset);
  const char* options = luaL_optstring(L, offset + 2, "flnSrtu");
  ensure_stack(L, inspected, 3);
  luaL_argcheck(L, options[0] != '>', offset + 2, "invalid option '>'");
  if (lua_isfunction(L, offset + 1)) {
    options = lua_pushfstring(L, ">%s", options);  // inspect the given function
    lua_pushvalue(L, offset + 1);
    lua_xmove(L, inspected, 1);
  } else if (!lua_getstack(inspected, static_cast<int>(luaL_checkinteger(L, offset + 1)), &record)) {
    luaL_pushfail(L);  // level out of range
    return 1;
  }
  if (!lua_getinfo(inspected, options, &record)) return luaL_argerror(L, offset + 2, "invalid option");
  lua_newtable(L);
  if (std::strchr(options, 'S')) {
    lua_pushlstring(L, record.source, record.srclen);
    lua_setfield(L, -2, "source");
    set_string_field(L, "short_src", record.short_src);
    set_integer_field(L, "linedefined", record.linedefined);
    set_integer_field(L, "lastlinedefined", record.lastlinedefined);
    set_string_field(L, "what", record.what);
  }
  if (std::strchr(options, 'l')) set_integer_field(L, "currentline", record.currentline);
  if (std::strchr(options, 'u')) {
    set_integer_field(L, "nups", record.nups);
    set_integer_field(L, "nparams", record.nparams);
    set_boolean_field(L, "isvararg", record.isvararg);
  }
  if (std::strchr(options, 'n')) {
    set_string_field(L, "name", record.name);
    set_string_field(L, "namewhat", record.namewhat);
  }
  if (std::strchr(options, 'r')) {
    set_integer_field(L, "ftransfer", record.ftransfer);
    set_integer_field(L, "ntransfer", record.ntransfer);
  }
  if (std::strchr(options, 't')) set_boolean_field(L, "istailcall", record.istailcall);
  // 'f' pushed the function before 'L' pushed the line table, so take them off in reverse.
  if (std::strchr(options, 'L')) move_info_value(L, inspected, "activelines");
  if (std::strchr(options, 'f')) move_info_value(L, inspected, "func");
  return 1;
}

int getlocal(lua_State* L) {
  int offset = 0;
  lua_State* inspected = thread_argument(L, &offset);
  const int slot = static_cast<int>(luaL_checkinteger(L, offset + 2));
  if (lua_isfunction(L, offset + 1)) {  // parameter names of a function that is not running
    lua_pushvalue(L, offset + 1);
    lua_pushstring(L, lua_getlocal(L, nullptr, slot));
    return 1;
  }
  lua_Debug record;
  const int level = static_cast<int>(luaL_checkinteger(L, offset + 1));
  if (!lua_getstack(inspected, level, &record)) return luaL_argerror(L, offset + 1, "level out of range");
  ensure_stack(L, inspected, 1);
  const char* name = lua_getlocal(inspected, &record, slot);
  if (name == nullptr) {
    luaL_pushfail(L);
    return 1;
  }
  lua_xmove(inspected, L, 1);
  lua_pushstring(L, name);
  lua_rotate(L, -2, 1);  // results: name, value
  return 2;
}

int setlocal(lua_State* L) {
  int offset = 0;
  lua_State* inspected = thread_argument(L, &offset);
  lua_Debug record;
  const int level = static_cast<int>(luaL_checkinteger(L, offset + 1));
  const int slot = static_cast<int>(luaL_checkinteger(L, offset + 2));
  if (!lua_getstack(inspected, level, &record)) return luaL_argerror(L, offset + 1, "level out of range");
  luaL_checkany(L, offset + 3);
  lua_settop(L, offset + 3);
  ensure_stack(L, inspected, 1);
  lua_xmove(L, inspected, 1);
  const char* name = lua_setlocal(inspected, &record, slot);
  if (name == nullptr) lua_pop(inspected, 1);  // nothing consumed the value
  lua_pushstring(L, name);
  return 1;
}

int access_upvalue(lua_State* L, bool get) {
  const int slot = static_cast<int>(luaL_checkinteger(L, 2));
  luaL_checktype(L, 1, LUA_TFUNCTION);
  const char* name = get ? lua_getupvalue(L, 1, slot) : lua_setupvalue(L, 1, slot);
  if (name == nullptr) return 0;
  lua_pushstring(L, name);
  lua_insert(L, get ? -2 : -1);  // getupvalue answers name, value
  return get ? 2 : 1;
}

int getupvalue(lua_State* L) { return access_upvalue(L, true); }

int setupvalue(lua_State* L) {
  luaL_checkany(L, 3);
  return access_upvalue(L, false);
}

// Identity of upvalue 'slot_argument' of the function at 'function_argument'. With 'checked_slot'
// the index must be valid (and is returned through it).
void* upvalue_identity(lua_State* L, int function_argument, int slot_argument, int* checked_slot) {
  const int slot = static_cast<int>(luaL_checkinteger(L, slot_argument));
  luaL_checktype(L, function_argument, LUA_TFUNCTION);
  void* identity = lua_upvalueid(L, function_argument, slot);
  if (checked_slot != nullptr) {
    luaL_argcheck(L, identity != nullptr, slot_argument, "invalid upvalue index");
    *checked_slot = slot;
  }
  return identity;
}

int upvalueid(lua_State* L) {
  void* identity = upvalue_identity(L, 1, 2, nullptr);
  if (identity != nullptr)
    lua_pushlightuserdata(L, identity);
  else
    luaL_pushfail(L);
  return 1;
}

int upvaluejoin(lua_State* L) {
  int first_slot = 0;
  int second_slot = 0;
  upvalue_identity(L, 1, 2, &first_slot);
  upvalue_identity(L, 3, 4, &second_slot);
  luaL_argcheck(L, !lua_iscfunction(L, 1), 1, "Lua function expected");
  luaL_argcheck(L, !lua_iscfunction(L, 3), 3, "Lua function expected");
  lua_upvaluejoin(L, 1, first_slot, 3, second_slot);
  return 0;
}

// ---- hooks -----------------------------------------------------------------------------------

// The single C hook: calls the running thread's Lua hook with the event name and current line.
void dispatch_hook(lua_State* L, lua_Debug* record) {
  static const char* const event_names[] = {"call", "return", "line", "count", "tail call"};
  lua_getfield(L, LUA_REGISTRYINDEX, kHookKey);
  lua_pushthread(L);
  if (lua_rawget(L, -2) != LUA_TFUNCTION) return;  // the hook was removed meanwhile
  lua_pushstring(L, event_names[record->event]);
  if (record->currentline >= 0)
    lua_pushinteger(L, record->currentline);
  else
    lua_pushnil(L);
  lua_call(L, 2, 0);
}

int make_mask(const char* events, int count) {
  int mask = 0;
  if (std::strchr(events, 'c')) mask |= LUA_MASKCALL;
  if (std::strchr(events, 'r')) mask |= LUA_MASKRET;
  if (std::strchr(events, 'l')) mask |= LUA_MASKLINE;
  if (count > 0) mask |= LUA_MASKCOUNT;
  return mask;
}

char* mask_to_events(int mask, char* events) {
  int length = 0;
  if (mask & LUA_MASKCALL) events[length++] = 'c';
  if (mask & LUA_MASKRET) events[length++] = 'r';
  if (mask & LUA_MASKLINE) events[length++] = 'l';
  events[length] = '\0';
  return events;
}

int sethook(lua_State* L) {
  int offset = 0;
  lua_State* target = thread_argument(L, &offset);
  lua_Hook hook = nullptr;
  int mask = 0;
  int count = 0;
  if (lua_isnoneornil(L, offset + 1)) {
    lua_settop(L, offset + 1);  // turning hooks off: store nil
  } else {
    const char* events = luaL_checkstring(L, offset + 2);
    luaL_checktype(L, offset + 1, LUA_TFUNCTION);
    count = static_cast<int>(luaL_optinteger(L, offset + 3, 0));
    hook = dispatch_hook;
    mask = make_mask(events, count);
  }
  if (!luaL_getsubtable(L, LUA_REGISTRYINDEX, kHookKey)) {
    // New table: weak keys, so a dead thread does not keep its hook (or itself) alive.
    lua_pushliteral(L, "k");
    lua_setfield(L, -2, "__mode");
    lua_pushvalue(L, -1);
    lua_setmetatable(L, -2);
  }
  ensure_stack(L, target, 1);
  lua_pushthread(target);
  lua_xmove(target, L, 1);
  lua_pushvalue(L, offset + 1);
  lua_rawset(L, -3);
  lua_sethook(target, hook, mask, count);
  return 0;
}

int gethook(lua_State* L) {
  int offset = 0;
  lua_State* target = thread_argument(L, &offset);
  char events[5];
  const int mask = lua_gethookmask(target);
  lua_Hook hook = lua_gethook(target);
  if (hook == nullptr) {
    luaL_pushfail(L);
    return 1;
  }
  if (hook != dispatch_hook) {
    lua_pushliteral(L, "external hook");
  } else {
    lua_getfield(L, LUA_REGISTRYINDEX, kHookKey);
    ensure_stack(L, target, 1);
    lua_pushthread(target);
    lua_xmove(target, L, 1);
    lua_rawget(L, -2);
    lua_remove(L, -2);
  }
  lua_pushstring(L, mask_to_events(mask, events));
  lua_pushinteger(L, lua_gethookcount(target));
  return 3;
}

// Interactive prompt on stdin/stderr; each line runs as a chunk until "cont" or end of input.
int debug_prompt(lua_State* L) {
  for (;;) {
    char line[250];
    lua_writestringerror("%s", "lua_debug> ");
    if (std::fgets(line, sizeof(line), stdin) == nullptr || std::strcmp(line, "cont\n") == 0) return 0;
    if (luaL_loadbuffer(L, line, std::strlen(line), "=(debug command)") != LUA_OK ||
        lua_pcall(L, 0, 0, 0) != LUA_OK)
      lua_writestringerror("%s\n", luaL_tolstring(L, -1, nullptr));
    lua_settop(L, 0);
  }
}

int traceback(lua_State* L) {
  int offset = 0;
  lua_State* inspected = thread_argument(L, &offset);
  const char* message = lua_tostring(L, offset + 1);
  if (message == nullptr && !lua_isnoneornil(L, offset + 1)) {
    lua_pushvalue(L, offset + 1);  // a non-string message is returned untouched
    return 1;
  }
  const int level = static_cast<int>(luaL_optinteger(L, offset + 2, L == inspected ? 1 : 0));
  luaL_traceback(L, inspected, message, level);
  return 1;
}

int setcstacklimit(lua_State* L) {
  const int limit = static_cast<int>(luaL_checkinteger(L, 1));
  lua_pushinteger(L, lua_setcstacklimit(L, static_cast<unsigned int>(limit)));
  return 1;
}

constexpr luaL_Reg kFunctions[] = {
    {"debug", debug_prompt},
    {"getuservalue", getuservalue},
    {"gethook", gethook},
    {"getinfo", getinfo},
    {"getlocal", getlocal},
    {"getregistry", getregistry},
    {"getmetatable", getmetatable},
    {"getupvalue", getupvalue},
    {"upvaluejoin", upvaluejoin},
    {"upvalueid", upvalueid},
    {"setuservalue", setuservalue},
    {"sethook", sethook},
    {"setlocal", setlocal},
    {"setmetatable", setmetatable},
    {"setupvalue", setupvalue},
    {"traceback", traceback},
    {"setcstacklimit", setcstacklimit},
    {nullptr, nullptr},
};

}  // namespace
}  // namespace luna::stdlib::debug

LUAMOD_API int luaopen_debug(lua_State* L) {
  luaL_newlib(L, luna::stdlib::debug::kFunctions);
  return 1;
}
