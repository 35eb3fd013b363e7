// luaL_* functions on metatables, userdata, references, library registration, conversion to
// string, lengths and OS results: luaL_newmetatable, luaL_setmetatable, luaL_testudata,
// luaL_checkudata, luaL_getmetafield, luaL_callmeta, luaL_len, luaL_tolstring, luaL_setfuncs,
// luaL_getsubtable, luaL_requiref, luaL_ref, luaL_unref, luaL_fileresult, luaL_execresult.
// Written only against lua.h/lauxlib.h (the auxiliary library doubles as a test of the core API).
#include <cerrno>
#include <cstring>

#if defined(__unix__) || defined(__APPLE__)
#include <sys/wait.h>
#endif

#include "capi/auxlib_internal.h"

// ---- metatables and userdata --------------------------------------------------------------------

int luaL_newmetatable(lua_State* L, const char* tname) {
  if (luaL_getmetatable(L, tname) != LUA_TNIL) return 0;  // already registered: leave it on top
  lua_pop(L, 1);
  lua_createtable(L, 0, 2);
  lua_pushstring(L, tname);
  lua_setfield(L, -2, "__name");  // used by luaL_typeerror and luaL_tolstring
  lua_pushvalue(L, -1);
  lua_setfield(L, LUA_REGISTRYINDEX, tname);
  return 1;
}

void luaL_setmetatable(lua_State* L, const char* tname) {
  luaL_getmetatable(L, tname);
  lua_setmetatable(L, -2);
}

void* luaL_testudata(lua_State* L, int ud, const char* tname) {
  void* memory = lua_touserdata(L, ud);
  if (memory == nullptr || !lua_getmetatable(L, ud)) return nullptr;
  luaL_getmetatable(L, tname);
  bool matches = lua_rawequal(L, -1, -2);
  lua_pop(L, 2);
  return matches ? memory : nullptr;
}

void* luaL_checkudata(lua_State* L, int ud, const char* tname) {
  void* memory = luaL_testudata(L, ud, tname);
  luaL_argexpected(L, memory != nullptr, ud, tname);
  return memory;
}

int luaL_getmetafield(lua_State* L, int obj, const char* e) {
  if (!lua_getmetatable(L, obj)) return LUA_TNIL;
  lua_pushstring(L, e);
  int type = lua_rawget(L, -2);
  if (type == LUA_TNIL)
    lua_pop(L, 2);  // nothing pushed on failure
  else
    lua_remove(L, -2);
  return type;
}

int luaL_callmeta(lua_State* L, int obj, const char* e) {
  obj = lua_absindex(L, obj);
  if (luaL_getmetafield(L, obj, e) == LUA_TNIL) return 0;
  lua_pushvalue(L, obj);
  lua_call(L, 1, 1);
  return 1;
}

// ---- length and string conversion -----------------------------------------------------------------

lua_Integer luaL_len(lua_State* L, int idx) {
  int is_integer;
  lua_len(L, idx);
  lua_Integer length = lua_tointegerx(L, -1, &is_integer);
  if (luai_unlikely(!is_integer)) luaL_error(L, "object length is not an integer");
  lua_pop(L, 1);
  return length;
}

const char* luaL_tolstring(lua_State* L, int idx, size_t* len) {
  idx = lua_absindex(L, idx);
  if (luaL_callmeta(L, idx, "__tostring")) {
    if (!lua_isstring(L, -1)) luaL_error(L, "'__tostring' must return a string");
    return lua_tolstring(L, -1, len);
  }
  switch (lua_type(L, idx)) {
    case LUA_TNUMBER:
      if (lua_isinteger(L, idx))
        lua_pushfstring(L, "%I", static_cast<LUAI_UACINT>(lua_tointeger(L, idx)));
      else
        lua_pushfstring(L, "%f", static_cast<LUAI_UACNUMBER>(lua_tonumber(L, idx)));
      break;
    case LUA_TSTRING:
      lua_pushvalue(L, idx);
      break;
    case LUA_TBOOLEAN:
      lua_pushstring(L, lua_toboolean(L, idx) ? "true" : "false");
      break;
    case LUA_TNIL:
      lua_pushliteral(L, "nil");
      break;
    default: {
      int name_type = luaL_getmetafield(L, idx, "__name");
      const char* kind = name_type == LUA_TSTRING ? lua_tostring(L, -1) : luaL_typename(L, idx);
      lua_pushfstring(L, "%s: %p", kind, lua_topointer(L, idx));
      if (name_type != LUA_TNIL) lua_remove(L, -2);
      break;
    }
  }
  return lua_tolstring(L, -1, len);
}

// ---- registration ---------------------------------------------------------------------------------

void luaL_setfuncs(lua_State* L, const luaL_Reg* l, int nup) {
  luaL_checkstack(L, nup, "too many upvalues");
  for (; l->name != nullptr; ++l) {
    if (l->func == nullptr) {
      lua_pushboolean(L, 0);  // placeholder entry
    } else {
      for (int i = 0; i < nup; ++i) lua_pushvalue(L, -nup);  // every function gets its own copies
      lua_pushcclosure(L, l->func, nup);
    }
    lua_setfield(L, -(nup + 2), l->name);
  }
  lua_pop(L, nup);
}

int luaL_getsubtable(lua_State* L, int idx, const char* fname) {
  if (lua_getfield(L, idx, fname) == LUA_TTABLE) return 1;
  lua_pop(L, 1);
  idx = lua_absindex(L, idx);
  lua_newtable(L);
  lua_pushvalue(L, -1);
  lua_setfield(L, idx, fname);
  return 0;
}

void luaL_requiref(lua_State* L, const char* modname, lua_CFunction openf, int glb) {
  luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
  lua_getfield(L, -1, modname);
  if (!lua_toboolean(L, -1)) {  // not loaded yet
    lua_pop(L, 1);
    lua_pushcfunction(L, openf);
    lua_pushstring(L, modname);
    lua_call(L, 1, 1);
    lua_pushvalue(L, -1);
    lua_setfield(L, -3, modname);  // LOADED[modname] = module
  }
  lua_remove(L, -2);  // the LOADED table
  if (glb) {
    lua_pushvalue(L, -1);
    lua_setglobal(L, modname);
  }
}

// ---- references -----------------------------------------------------------------------------------
// Freed references form a linked list threaded through the table itself: t[free_list_head] holds
// the first free reference (0 when the list is empty) and t[r] the one after r. The head lives
// just after the registry's predefined keys, as in Lua 5.4.8, so that luaL_ref on the registry
// never hands out LUA_RIDX_MAINTHREAD or LUA_RIDX_GLOBALS.

namespace {
constexpr int free_list_head = LUA_RIDX_LAST + 1;
}

int luaL_ref(lua_State* L, int t) {
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    return LUA_REFNIL;  // nil is never stored
  }
  t = lua_absindex(L, t);
  int ref;
  if (lua_rawgeti(L, t, free_list_head) == LUA_TNIL) {  // first use of this table
    ref = 0;
    lua_pushinteger(L, 0);
    lua_rawseti(L, t, free_list_head);
  } else {
    ref = static_cast<int>(lua_tointeger(L, -1));
  }
  lua_pop(L, 1);
  if (ref != 0) {
    lua_rawgeti(L, t, ref);  // unlink it: head = t[ref]
    lua_rawseti(L, t, free_list_head);
  } else {
    ref = static_cast<int>(lua_rawlen(L, t)) + 1;
  }
  lua_rawseti(L, t, ref);
  return ref;
}

void luaL_unref(lua_State* L, int t, int ref) {
  if (ref < 0) return;  // LUA_NOREF, LUA_REFNIL
  t = lua_absindex(L, t);
  lua_rawgeti(L, t, free_list_head);
  lua_rawseti(L, t, ref);  // t[ref] = old head
  lua_pushinteger(L, ref);
  lua_rawseti(L, t, free_list_head);
}

// ---- results of OS calls ---------------------------------------------------------------------------

int luaL_fileresult(lua_State* L, int stat, const char* fname) {
  int error_number = errno;  // read first: the API calls below may change errno
  if (stat) {
    lua_pushboolean(L, 1);
    return 1;
  }
  luaL_pushfail(L);
  const char* message = error_number != 0 ? std::strerror(error_number) : "(no extra info)";
  if (fname != nullptr)
    lua_pushfstring(L, "%s: %s", fname, message);
  else
    lua_pushstring(L, message);
  lua_pushinteger(L, error_number);
  return 3;
}

int luaL_execresult(lua_State* L, int stat) {
  if (stat != 0 && errno != 0) return luaL_fileresult(L, 0, nullptr);  // the call itself failed
  const char* what = "exit";
#if defined(__unix__) || defined(__APPLE__)
  // 'stat' is a wait status (system, pclose): decode exit code or terminating signal.
  if (WIFEXITED(stat)) {
    stat = WEXITSTATUS(stat);
  } else if (WIFSIGNALED(stat)) {
    stat = WTERMSIG(stat);
    what = "signal";
  }
#endif
  if (*what == 'e' && stat == 0)
    lua_pushboolean(L, 1);
  else
    luaL_pushfail(L);
  lua_pushstring(L, what);
  lua_pushinteger(L, stat);
  return 3;
}
