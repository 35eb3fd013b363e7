// C++ view of the public headers. Compiled (never linked) as part of the ABI tests: abi_cxx_linkage
// then checks with nm that every API function referenced here is an *unmangled* undefined symbol,
// i.e. that lua.hpp and the plain headers give C linkage under C++, and that the headers declare
// every name of expected-exports.txt. Building this file with -pedantic also checks that the
// headers are clean C++.
#include "lua.hpp"

namespace {

using AnyFunction = void (*)();

// Every function of the Lua 5.4 API (lua_ident, the one data object, is referenced separately).
#define LUNA_API_FUNCTIONS(X) \
  X(luaL_addgsub) \
  X(luaL_addlstring) \
  X(luaL_addstring) \
  X(luaL_addvalue) \
  X(luaL_argerror) \
  X(luaL_buffinit) \
  X(luaL_buffinitsize) \
  X(luaL_callmeta) \
  X(luaL_checkany) \
  X(luaL_checkinteger) \
  X(luaL_checklstring) \
  X(luaL_checknumber) \
  X(luaL_checkoption) \
  X(luaL_checkstack) \
  X(luaL_checktype) \
  X(luaL_checkudata) \
  X(luaL_checkversion_) \
  X(luaL_error) \
  X(luaL_execresult) \
  X(luaL_fileresult) \
  X(luaL_getmetafield) \
  X(luaL_getsubtable) \
  X(luaL_gsub) \
  X(luaL_len) \
  X(luaL_loadbufferx) \
  X(luaL_loadfilex) \
  X(luaL_loadstring) \
  X(luaL_newmetatable) \
  X(luaL_newstate) \
  X(luaL_openlibs) \
  X(luaL_optinteger) \
  X(luaL_optlstring) \
  X(luaL_optnumber) \
  X(luaL_prepbuffsize) \
  X(luaL_pushresult) \
  X(luaL_pushresultsize) \
  X(luaL_ref) \
  X(luaL_requiref) \
  X(luaL_setfuncs) \
  X(luaL_setmetatable) \
  X(luaL_testudata) \
  X(luaL_tolstring) \
  X(luaL_traceback) \
  X(luaL_typeerror) \
  X(luaL_unref) \
  X(luaL_where) \
  X(lua_absindex) \
  X(lua_arith) \
  X(lua_atpanic) \
  X(lua_callk) \
  X(lua_checkstack) \
  X(lua_close) \
  X(lua_closeslot) \
  X(lua_closethread) \
  X(lua_compare) \
  X(lua_concat) \
  X(lua_copy) \
  X(lua_createtable) \
  X(lua_dump) \
  X(lua_error) \
  X(lua_gc) \
  X(lua_getallocf) \
  X(lua_getfield) \
  X(lua_getglobal) \
  X(lua_gethook) \
  X(lua_gethookcount) \
  X(lua_gethookmask) \
  X(lua_geti) \
  X(lua_getinfo) \
  X(lua_getiuservalue) \
  X(lua_getlocal) \
  X(lua_getmetatable) \
  X(lua_getstack) \
  X(lua_gettable) \
  X(lua_gettop) \
  X(lua_getupvalue) \
  X(lua_iscfunction) \
  X(lua_isinteger) \
  X(lua_isnumber) \
  X(lua_isstring) \
  X(lua_isuserdata) \
  X(lua_isyieldable) \
  X(lua_len) \
  X(lua_load) \
  X(lua_newstate) \
  X(lua_newthread) \
  X(lua_newuserdatauv) \
  X(lua_next) \
  X(lua_pcallk) \
  X(lua_pushboolean) \
  X(lua_pushcclosure) \
  X(lua_pushfstring) \
  X(lua_pushinteger) \
  X(lua_pushlightuserdata) \
  X(lua_pushlstring) \
  X(lua_pushnil) \
  X(lua_pushnumber) \
  X(lua_pushstring) \
  X(lua_pushthread) \
  X(lua_pushvalue) \
  X(lua_pushvfstring) \
  X(lua_rawequal) \
  X(lua_rawget) \
  X(lua_rawgeti) \
  X(lua_rawgetp) \
  X(lua_rawlen) \
  X(lua_rawset) \
  X(lua_rawseti) \
  X(lua_rawsetp) \
  X(lua_resetthread) \
  X(lua_resume) \
  X(lua_rotate) \
  X(lua_setallocf) \
  X(lua_setcstacklimit) \
  X(lua_setfield) \
  X(lua_setglobal) \
  X(lua_sethook) \
  X(lua_seti) \
  X(lua_setiuservalue) \
  X(lua_setlocal) \
  X(lua_setmetatable) \
  X(lua_settable) \
  X(lua_settop) \
  X(lua_setupvalue) \
  X(lua_setwarnf) \
  X(lua_status) \
  X(lua_stringtonumber) \
  X(lua_toboolean) \
  X(lua_tocfunction) \
  X(lua_toclose) \
  X(lua_tointegerx) \
  X(lua_tolstring) \
  X(lua_tonumberx) \
  X(lua_topointer) \
  X(lua_tothread) \
  X(lua_touserdata) \
  X(lua_type) \
  X(lua_typename) \
  X(lua_upvalueid) \
  X(lua_upvaluejoin) \
  X(lua_version) \
  X(lua_warning) \
  X(lua_xmove) \
  X(lua_yieldk) \
  X(luaopen_base) \
  X(luaopen_coroutine) \
  X(luaopen_debug) \
  X(luaopen_io) \
  X(luaopen_math) \
  X(luaopen_os) \
  X(luaopen_package) \
  X(luaopen_string) \
  X(luaopen_table) \
  X(luaopen_utf8) \

#define LUNA_REFERENCE(name) reinterpret_cast<AnyFunction>(&name),
const AnyFunction every_function[] = {LUNA_API_FUNCTIONS(LUNA_REFERENCE)};
#undef LUNA_REFERENCE

}  // namespace

const void* abi_cxx_linkage_references(int i) {
  if (i < 0) return lua_ident;
  return reinterpret_cast<const void*>(every_function[i % (sizeof every_function / sizeof every_function[0])]);
}
