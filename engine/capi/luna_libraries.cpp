// luna.h, part 5: library selection (LUNA_LIB_* masks, the SANDBOX preset) and chunk loading with
// the state's binary-chunk policy.
#include "capi/luna_internal.h"
#include "lualib.h"

using namespace luna::embed;

namespace {

struct Library {
  std::uint32_t bit;
  const char* name;
  lua_CFunction open;
};

constexpr Library libraries[] = {
    {LUNA_LIB_PACKAGE, LUA_LOADLIBNAME, luaopen_package},
    {LUNA_LIB_COROUTINE, LUA_COLIBNAME, luaopen_coroutine},
    {LUNA_LIB_TABLE, LUA_TABLIBNAME, luaopen_table},
    {LUNA_LIB_IO, LUA_IOLIBNAME, luaopen_io},
    {LUNA_LIB_OS, LUA_OSLIBNAME, luaopen_os},
    {LUNA_LIB_STRING, LUA_STRLIBNAME, luaopen_string},
    {LUNA_LIB_MATH, LUA_MATHLIBNAME, luaopen_math},
    {LUNA_LIB_UTF8, LUA_UTF8LIBNAME, luaopen_utf8},
    {LUNA_LIB_DEBUG, LUA_DBLIBNAME, luaopen_debug},
};

// `load` of a state without LUNA_LIB_BINARY_CHUNKS: the original load with its mode argument
// forced to "t", so a binary chunk is refused with Lua's own message.
int text_only_load(lua_State* L) {
  lua_settop(L, 4);
  lua_pushliteral(L, "t");
  lua_replace(L, 3);
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, 4, LUA_MULTRET);
  return lua_gettop(L);
}

void open_base(lua_State* L, std::uint32_t mask) {
  luaL_requiref(L, LUA_GNAME, luaopen_base, 1);
  lua_pop(L, 1);
  if ((mask & LUNA_LIB_BASE_FILES) == 0) {
    lua_pushnil(L);
    lua_setglobal(L, "dofile");
    lua_pushnil(L);
    lua_setglobal(L, "loadfile");
  }
  if ((mask & LUNA_LIB_BINARY_CHUNKS) == 0) {
    lua_getglobal(L, "load");
    lua_pushcclosure(L, text_only_load, 1);
    lua_setglobal(L, "load");
  }
}

// os.time, os.clock, os.date and os.difftime only: a fresh os table, not in package.loaded.
void open_os_time(lua_State* L) {
  luaopen_os(L);
  lua_createtable(L, 0, 4);
  for (const char* name : {"time", "clock", "date", "difftime"}) {
    lua_getfield(L, -2, name);
    lua_setfield(L, -2, name);
  }
  lua_setglobal(L, LUA_OSLIBNAME);
  lua_pop(L, 1);
}

}  // namespace

namespace luna::embed {

void open_libraries(lua_State* L, std::uint32_t mask) {
  if ((mask & (LUNA_LIB_BASE | LUNA_LIB_BASE_FILES)) != 0) open_base(L, mask);
  for (const Library& library : libraries) {
    if ((mask & library.bit) == 0) continue;
    luaL_requiref(L, library.name, library.open, 1);
    lua_pop(L, 1);
  }
  if ((mask & LUNA_LIB_OS) == 0 && (mask & LUNA_LIB_OS_TIME) != 0) open_os_time(L);
}

int load_chunk(lua_State* L, const char* chunk, std::size_t length, const char* name, const char* mode) {
  return luaL_loadbufferx(L, chunk, length, name, mode);
}

}  // namespace luna::embed
