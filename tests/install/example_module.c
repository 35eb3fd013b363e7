/* example.c: a small C module for Luna (and any Lua 5.4).
 * Build:  cc -shared -fPIC $(pkg-config --cflags luna) -o example.so example.c
 * Use:    local example = require "example" */
#include <lua.h>
#include <lauxlib.h>

/* example.sum(...): the sum of all arguments, which must be numbers. */
static int example_sum(lua_State *L) {
  int count = lua_gettop(L);
  lua_Number total = 0;
  for (int i = 1; i <= count; i++)
    total += luaL_checknumber(L, i);
  lua_pushnumber(L, total);
  return 1;
}

/* example.greet(name [, times]): "hello, name!" repeated `times` times. */
static int example_greet(lua_State *L) {
  const char *name = luaL_checkstring(L, 1);
  lua_Integer times = luaL_optinteger(L, 2, 1);
  luaL_argcheck(L, times >= 1, 2, "must be positive");
  luaL_Buffer buffer;
  luaL_buffinit(L, &buffer);
  for (lua_Integer i = 0; i < times; i++) {
    if (i > 0) luaL_addchar(&buffer, ' ');
    luaL_addstring(&buffer, "hello, ");
    luaL_addstring(&buffer, name);
    luaL_addchar(&buffer, '!');
  }
  luaL_pushresult(&buffer);
  return 1;
}

static const luaL_Reg example_functions[] = {
  {"sum", example_sum},
  {"greet", example_greet},
  {NULL, NULL}
};

/* require "example" calls luaopen_example and returns the table it leaves on the stack. */
LUAMOD_API int luaopen_example(lua_State *L) {
  luaL_newlib(L, example_functions);
  lua_pushliteral(L, "1.0");
  lua_setfield(L, -2, "version");
  return 1;
}
