/*
 * abiprobe: a C module compiled against Luna's headers (and linked against no Lua library) that
 * exercises the parts of the ABI a module touches directly: lua_Debug fields filled by the core,
 * luaL_Buffer fields through the buffer macros, io's luaL_Stream behind LUA_FILEHANDLE, the
 * extra space before lua_State, pseudo-indices and registry slots. The same .so is loaded by
 * Debian's lua5.4 and by luna (test abi_module/abiprobe): identical output shows that modules
 * built with our headers run on the reference core, and vice versa for the engine.
 */
#include <stdio.h>
#include <string.h>

#include "lauxlib.h"
#include "lua.h"

static void set_string(lua_State* L, const char* key, const char* value) {
  lua_pushstring(L, value);
  lua_setfield(L, -2, key);
}
static void set_integer(lua_State* L, const char* key, lua_Integer value) {
  lua_pushinteger(L, value);
  lua_setfield(L, -2, key);
}

/* debuginfo(level) -> table with every lua_Debug field for that level, or nil */
static int debug_info(lua_State* L) {
  lua_Debug ar;
  int level = (int)luaL_checkinteger(L, 1);
  if (!lua_getstack(L, level, &ar)) return 0;
  if (!lua_getinfo(L, "nSltu", &ar)) return luaL_error(L, "getinfo failed");
  lua_createtable(L, 0, 13);
  set_string(L, "name", ar.name ? ar.name : "(null)");
  set_string(L, "namewhat", ar.namewhat);
  set_string(L, "what", ar.what);
  lua_pushlstring(L, ar.source, ar.srclen);
  lua_setfield(L, -2, "source");
  set_string(L, "short_src", ar.short_src);
  set_integer(L, "currentline", ar.currentline);
  set_integer(L, "linedefined", ar.linedefined);
  set_integer(L, "lastlinedefined", ar.lastlinedefined);
  set_integer(L, "nups", ar.nups);
  set_integer(L, "nparams", ar.nparams);
  set_integer(L, "isvararg", ar.isvararg);
  /* Only truth is specified: 5.4 stores the raw CIST_TAIL bit (32), other cores may store 1. */
  set_integer(L, "istailcall", ar.istailcall != 0);
  return 1;
}

/* transfer(...) -> ftransfer, ntransfer as seen by a return hook of the function itself */
static int transfer_first = -1, transfer_count = -1;
static void return_hook(lua_State* L, lua_Debug* ar) {
  if (ar->event == LUA_HOOKRET && lua_getinfo(L, "r", ar)) {
    transfer_first = ar->ftransfer;
    transfer_count = ar->ntransfer;
  }
}
static int transfer(lua_State* L) {
  lua_pushvalue(L, 1);
  lua_sethook(L, return_hook, LUA_MASKRET, 0);
  lua_call(L, 0, LUA_MULTRET);
  lua_sethook(L, NULL, 0, 0);
  lua_pushinteger(L, transfer_first);
  lua_pushinteger(L, transfer_count);
  return 2;
}

/* buffer(n, s) -> string built with every buffer macro, and its length by luaL_bufflen */
static int buffer(lua_State* L) {
  luaL_Buffer b;
  lua_Integer n = luaL_checkinteger(L, 1);
  size_t len;
  const char* s = luaL_checklstring(L, 2, &len);
  lua_Integer i;
  size_t length;
  luaL_buffinit(L, &b);
  for (i = 0; i < n; i++) luaL_addchar(&b, (char)('a' + i % 26));
  {
    char* area = luaL_prepbuffer(&b);
    memcpy(area, "<prep>", 6);
    luaL_addsize(&b, 6);
  }
  luaL_addlstring(&b, s, len);
  luaL_buffsub(&b, 1);
  lua_pushvalue(L, 2);
  luaL_addvalue(&b);
  length = luaL_bufflen(&b);
  if (luaL_buffaddr(&b)[0] != (n > 0 ? 'a' : '<')) return luaL_error(L, "luaL_buffaddr mismatch");
  luaL_pushresult(&b);
  lua_pushinteger(L, (lua_Integer)length);
  return 2;
}

/* stream(file) -> whether it has a FILE* and a close function (luaL_Stream layout) */
static int stream(lua_State* L) {
  luaL_Stream* p = (luaL_Stream*)luaL_checkudata(L, 1, LUA_FILEHANDLE);
  lua_pushboolean(L, p->f != NULL);
  lua_pushboolean(L, p->closef != NULL);
  lua_pushboolean(L, p->f == stdout || p->f == stderr || p->f == stdin);
  return 3;
}

/* extraspace() -> value stored in the main thread's extra space as seen from a new thread */
static int extra_space_marker;
static int extra_space(lua_State* L) {
  lua_State* main_thread;
  lua_State* thread;
  void* seen;
  lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_MAINTHREAD);
  main_thread = lua_tothread(L, -1);
  lua_pop(L, 1);
  *(void**)lua_getextraspace(main_thread) = (void*)&extra_space_marker;
  thread = lua_newthread(L);
  seen = *(void**)lua_getextraspace(thread);
  lua_pop(L, 1);
  lua_pushboolean(L, seen == (void*)&extra_space_marker);
  return 1;
}

/* counter closure over three upvalues, exercising lua_upvalueindex */
static int counter_step(lua_State* L) {
  lua_Integer n = lua_tointeger(L, lua_upvalueindex(1)) + lua_tointeger(L, lua_upvalueindex(2));
  lua_pushinteger(L, n);
  lua_replace(L, lua_upvalueindex(1));
  lua_pushinteger(L, n);
  lua_pushvalue(L, lua_upvalueindex(3));
  return 2;
}
static int counter(lua_State* L) {
  lua_settop(L, 3);
  lua_pushcclosure(L, counter_step, 3);
  return 1;
}

/* registry() -> the globals slot is _G, the main-thread slot holds a thread */
static int registry(lua_State* L) {
  int globals_ok, thread_ok;
  lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);
  lua_pushglobaltable(L);
  globals_ok = lua_rawequal(L, -1, -2);
  thread_ok = lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_MAINTHREAD) == LUA_TTHREAD;
  lua_pushboolean(L, globals_ok);
  lua_pushboolean(L, thread_ok);
  lua_pushinteger(L, LUA_REGISTRYINDEX);
  return 3;
}

/* stack() -> gettop/insert/remove/replace/absindex through the macros */
static int stack(lua_State* L) {
  lua_settop(L, 0);
  lua_pushinteger(L, 1);
  lua_pushinteger(L, 2);
  lua_pushinteger(L, 3);
  lua_insert(L, 1);  /* 3 1 2 */
  lua_pushinteger(L, 4);
  lua_replace(L, 2); /* 3 4 2 */
  lua_pushinteger(L, 5);
  lua_remove(L, 1);  /* 4 2 5 */
  lua_pushinteger(L, lua_absindex(L, -1));
  return lua_gettop(L);
}

static const luaL_Reg functions[] = {
    {"debuginfo", debug_info}, {"transfer", transfer}, {"buffer", buffer}, {"stream", stream},
    {"extraspace", extra_space}, {"counter", counter}, {"registry", registry}, {"stack", stack},
    {"placeholder", NULL}, {NULL, NULL}};

LUAMOD_API int luaopen_abiprobe(lua_State* L) {
  luaL_newlib(L, functions);
  lua_pushinteger(L, LUA_VERSION_NUM);
  lua_setfield(L, -2, "version_num");
  return 1;
}
