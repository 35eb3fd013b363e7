/* Helper C module for pkg_c_module.sh: built at test time against the repository's public headers. */
#include "lua.h"
#include "lauxlib.h"

static int add(lua_State *L) {
  lua_pushinteger(L, luaL_checkinteger(L, 1) + luaL_checkinteger(L, 2));
  return 1;
}

/* Returns a table recording the loader arguments (module name, file name). */
int luaopen_cmod(lua_State *L) {
  lua_newtable(L);
  lua_pushcfunction(L, add);
  lua_setfield(L, -2, "add");
  lua_pushvalue(L, 1);
  lua_setfield(L, -2, "name");
  lua_pushboolean(L, lua_type(L, 2) == LUA_TSTRING);
  lua_setfield(L, -2, "has_file");
  return 1;
}

/* Found by the all-in-one searcher for require "cmod.sub". */
int luaopen_cmod_sub(lua_State *L) {
  lua_pushstring(L, "submodule of cmod");
  return 1;
}

/* Fails while opening, to check the error propagates out of require. */
int luaopen_cmod_bad(lua_State *L) {
  return luaL_error(L, "cannot initialise %s", lua_tostring(L, 1));
}
