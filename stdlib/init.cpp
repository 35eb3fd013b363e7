// luaL_openlibs: opens the standard libraries into a state, in the order Lua 5.4 does.
//
// Contract: each library is loaded with luaL_requiref, so it lands in package.loaded and (except the
// base library, which fills _G itself) in a global of its name. The string, table, math and utf8 openers
// live in the other stdlib files; every opener is declared by lualib.h.
#include "lua.hpp"

namespace luna::stdlib {
namespace {

// Order matters: 'package' must exist before any library that a later require could look up.
constexpr luaL_Reg kStandardLibraries[] = {
    {LUA_GNAME, luaopen_base},
    {LUA_LOADLIBNAME, luaopen_package},
    {LUA_COLIBNAME, luaopen_coroutine},
    {LUA_TABLIBNAME, luaopen_table},
    {LUA_IOLIBNAME, luaopen_io},
    {LUA_OSLIBNAME, luaopen_os},
    {LUA_STRLIBNAME, luaopen_string},
    {LUA_MATHLIBNAME, luaopen_math},
    {LUA_UTF8LIBNAME, luaopen_utf8},
    {LUA_DBLIBNAME, luaopen_debug},
    {nullptr, nullptr},
};

}  // namespace
}  // namespace luna::stdlib

LUALIB_API void luaL_openlibs(lua_State* L) {
  for (const luaL_Reg* library = luna::stdlib::kStandardLibraries; library->func != nullptr; ++library) {
    luaL_requiref(L, library->name, library->func, 1);
    lua_pop(L, 1);
  }
}
