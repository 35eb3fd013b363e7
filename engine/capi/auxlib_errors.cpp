// luaL_* error reporting and argument checking: luaL_argerror, luaL_typeerror, luaL_where,
// luaL_error, luaL_check*/luaL_opt*, luaL_checkoption, luaL_checkstack, luaL_checkversion_.
// Written only against lua.h/lauxlib.h. The error functions never return (lua_error unwinds), even
// though their C signatures return int; no object with a destructor is alive across them.
#include <cstdarg>
#include <cstring>

#include "capi/auxlib_internal.h"

namespace luna::auxlib {

void tag_error(lua_State* L, int arg, int tag) {
  luaL_typeerror(L, arg, lua_typename(L, tag));
  __builtin_unreachable();
}

}  // namespace luna::auxlib

using luna::auxlib::tag_error;

int luaL_argerror(lua_State* L, int arg, const char* extramsg) {
  lua_Debug ar;
  if (!lua_getstack(L, 0, &ar))  // called outside any function (directly from the host)
    return luaL_error(L, "bad argument #%d (%s)", arg, extramsg);
  lua_getinfo(L, "n", &ar);
  if (std::strcmp(ar.namewhat, "method") == 0) {
    // For a method call the user does not see 'self' as an argument.
    --arg;
    if (arg == 0) return luaL_error(L, "calling '%s' on bad self (%s)", ar.name, extramsg);
  }
  if (ar.name == nullptr)
    ar.name = luna::auxlib::push_global_function_name(L, L, &ar) ? lua_tostring(L, -1) : "?";
  return luaL_error(L, "bad argument #%d to '%s' (%s)", arg, ar.name, extramsg);
}

int luaL_typeerror(lua_State* L, int arg, const char* tname) {
  const char* actual;
  if (luaL_getmetafield(L, arg, "__name") == LUA_TSTRING)
    actual = lua_tostring(L, -1);  // a named userdata type ("FILE*") reads better than "userdata"
  else if (lua_type(L, arg) == LUA_TLIGHTUSERDATA)
    actual = "light userdata";
  else
    actual = luaL_typename(L, arg);
  const char* message = lua_pushfstring(L, "%s expected, got %s", tname, actual);
  return luaL_argerror(L, arg, message);
}

// lua_pushfstring needs no reserved stack slot, so this works even with a full stack.
void luaL_where(lua_State* L, int level) {
  lua_Debug ar;
  if (lua_getstack(L, level, &ar)) {
    lua_getinfo(L, "Sl", &ar);
    if (ar.currentline > 0) {
      lua_pushfstring(L, "%s:%d: ", ar.short_src, ar.currentline);
      return;
    }
  }
  lua_pushfstring(L, "");  // C functions and stripped chunks have no position
}

int luaL_error(lua_State* L, const char* fmt, ...) {
  va_list args;
  va_start(args, fmt);
  luaL_where(L, 1);
  lua_pushvfstring(L, fmt, args);
  va_end(args);
  lua_concat(L, 2);
  return lua_error(L);
}

void luaL_checkstack(lua_State* L, int space, const char* msg) {
  if (luai_unlikely(!lua_checkstack(L, space))) {
    if (msg != nullptr)
      luaL_error(L, "stack overflow (%s)", msg);
    else
      luaL_error(L, "stack overflow");
  }
}

void luaL_checktype(lua_State* L, int arg, int t) {
  if (luai_unlikely(lua_type(L, arg) != t)) tag_error(L, arg, t);
}

void luaL_checkany(lua_State* L, int arg) {
  if (luai_unlikely(lua_type(L, arg) == LUA_TNONE)) luaL_argerror(L, arg, "value expected");
}

const char* luaL_checklstring(lua_State* L, int arg, size_t* len) {
  const char* s = lua_tolstring(L, arg, len);
  if (luai_unlikely(s == nullptr)) tag_error(L, arg, LUA_TSTRING);
  return s;
}

const char* luaL_optlstring(lua_State* L, int arg, const char* def, size_t* len) {
  if (!lua_isnoneornil(L, arg)) return luaL_checklstring(L, arg, len);
  if (len != nullptr) *len = def != nullptr ? std::strlen(def) : 0;
  return def;
}

lua_Number luaL_checknumber(lua_State* L, int arg) {
  int is_number;
  lua_Number n = lua_tonumberx(L, arg, &is_number);
  if (luai_unlikely(!is_number)) tag_error(L, arg, LUA_TNUMBER);
  return n;
}

lua_Number luaL_optnumber(lua_State* L, int arg, lua_Number def) {
  return luaL_opt(L, luaL_checknumber, arg, def);
}

lua_Integer luaL_checkinteger(lua_State* L, int arg) {
  int is_integer;
  lua_Integer i = lua_tointegerx(L, arg, &is_integer);
  if (luai_unlikely(!is_integer)) {
    // Distinguish 3.5 (a number, but not an integer) from "x" (not a number at all).
    if (lua_isnumber(L, arg)) luaL_argerror(L, arg, "number has no integer representation");
    tag_error(L, arg, LUA_TNUMBER);
  }
  return i;
}

lua_Integer luaL_optinteger(lua_State* L, int arg, lua_Integer def) {
  return luaL_opt(L, luaL_checkinteger, arg, def);
}

int luaL_checkoption(lua_State* L, int arg, const char* def, const char* const lst[]) {
  const char* name = def != nullptr ? luaL_optstring(L, arg, def) : luaL_checkstring(L, arg);
  for (int i = 0; lst[i] != nullptr; ++i)
    if (std::strcmp(lst[i], name) == 0) return i;
  return luaL_argerror(L, arg, lua_pushfstring(L, "invalid option '%s'", name));
}

void luaL_checkversion_(lua_State* L, lua_Number ver, size_t sz) {
  lua_Number core_version = lua_version(L);
  if (sz != LUAL_NUMSIZES)
    luaL_error(L, "core and library have incompatible numeric types");
  else if (core_version != ver)
    luaL_error(L, "version mismatch: app. needs %f, Lua core provides %f", static_cast<LUAI_UACNUMBER>(ver),
               static_cast<LUAI_UACNUMBER>(core_version));
}
