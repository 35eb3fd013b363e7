/* A minimal embedding host: creates a state, exposes one C function, runs a Lua snippet through
 * lua.h/lauxlib.h and reads its results back; then checks that an error comes back as a message.
 * Prints what it observed; ../run_install_test.cmake compares with expected_host_output.txt. */
#include <stdio.h>
#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>

/* host_scale(x): x * the integer the host stored in the registry. */
static int host_scale(lua_State *L) {
  lua_Number value = luaL_checknumber(L, 1);
  lua_getfield(L, LUA_REGISTRYINDEX, "host.factor");
  lua_pushnumber(L, value * (lua_Number)lua_tointeger(L, -1));
  return 1;
}

static const char snippet[] =
  "local words = {}\n"
  "for word in string.gmatch(..., '%a+') do words[#words + 1] = word:upper() end\n"
  "return table.concat(words, '-'), host_scale(2.5), _VERSION, math.type(#words)\n";

int main(void) {
  lua_State *L = luaL_newstate();
  if (L == NULL) return 1;
  luaL_openlibs(L);
  lua_pushinteger(L, 4);
  lua_setfield(L, LUA_REGISTRYINDEX, "host.factor");
  lua_register(L, "host_scale", host_scale);

  if (luaL_loadbuffer(L, snippet, sizeof snippet - 1, "=snippet") != LUA_OK) {
    printf("load error: %s\n", lua_tostring(L, -1));
    return 1;
  }
  lua_pushstring(L, "embedded in a C host");
  if (lua_pcall(L, 1, 4, 0) != LUA_OK) {
    printf("run error: %s\n", lua_tostring(L, -1));
    return 1;
  }
  printf("words: %s\n", lua_tostring(L, -4));
  printf("scaled: %.2f\n", lua_tonumber(L, -3));
  printf("version: %s\n", lua_tostring(L, -2));
  printf("count type: %s\n", lua_tostring(L, -1));
  lua_settop(L, 0);

  int status = luaL_loadstring(L, "host_scale('not a number')");
  if (status == LUA_OK) status = lua_pcall(L, 0, 0, 0);
  printf("error status: %s\n", status == LUA_ERRRUN ? "LUA_ERRRUN" : "other");
  printf("error: %s\n", lua_tostring(L, -1));
  lua_close(L);
  return 0;
}
