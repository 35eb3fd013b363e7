// Compile-time checks that the public headers (engine/include) and the engine's internal
// definitions agree on everything a compiled C module bakes in: constants, numeric types,
// function-pointer types and the layouts of the structures modules allocate themselves. Values
// are those of Lua 5.4 on a 64-bit (LP64) platform; a failure here means binary incompatibility
// with modules built for Lua 5.4, never something to "fix" by editing the expected numbers.
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "lauxlib.h"
#include "lua.h"
#include "lualib.h"
#include "base/chunkid.h"
#include "object/objects.h"
#include "object/state.h"
#include "object/value.h"

namespace luna::abi_checks {

// ---- numeric types ------------------------------------------------------------------------------
static_assert(std::is_same_v<lua_Integer, long long> && sizeof(lua_Integer) == 8);
static_assert(std::is_same_v<lua_Unsigned, unsigned long long>);
static_assert(std::is_same_v<lua_Number, double>);
static_assert(std::is_same_v<lua_KContext, std::intptr_t>);
static_assert(sizeof(lua_Integer) == sizeof(std::int64_t), "Value::v.i must hold a lua_Integer");
static_assert(LUAL_NUMSIZES == 136);
static_assert(LUA_MAXINTEGER == INT64_MAX && LUA_MININTEGER == INT64_MIN);

// ---- constants the engine mirrors ----------------------------------------------------------------
static_assert(LUAI_MAXSTACK == 1000000 && luna::max_stack == LUAI_MAXSTACK);
static_assert(LUA_REGISTRYINDEX == -1001000);
static_assert(lua_upvalueindex(1) == -1001001 && lua_upvalueindex(255) == -1001255);
static_assert(luna::basic_stack_size == 2 * LUA_MINSTACK && LUA_MINSTACK == 20);
static_assert(LUA_IDSIZE == 60 && luna::base::id_size == LUA_IDSIZE);
static_assert(LUA_EXTRASPACE == sizeof(void*));
static_assert(LUA_RIDX_MAINTHREAD == 1 && LUA_RIDX_GLOBALS == 2 && LUA_RIDX_LAST == 2);
static_assert(LUA_MULTRET == -1);

static_assert(LUA_OK == 0 && LUA_YIELD == 1 && LUA_ERRRUN == 2 && LUA_ERRSYNTAX == 3 &&
              LUA_ERRMEM == 4 && LUA_ERRERR == 5 && LUA_ERRFILE == 6);

// lua_type() is tag & 0x0F: the engine's basic type numbers are lua.h's.
static_assert(LUA_TNONE == -1);
static_assert(luna::tag::t_nil == LUA_TNIL && luna::tag::t_boolean == LUA_TBOOLEAN &&
              luna::tag::t_lightuserdata == LUA_TLIGHTUSERDATA && luna::tag::t_number == LUA_TNUMBER &&
              luna::tag::t_string == LUA_TSTRING && luna::tag::t_table == LUA_TTABLE &&
              luna::tag::t_function == LUA_TFUNCTION && luna::tag::t_userdata == LUA_TUSERDATA &&
              luna::tag::t_thread == LUA_TTHREAD);
static_assert(LUA_NUMTYPES == 9 && std::extent_v<decltype(luna::GlobalState::metatables)> == LUA_NUMTYPES);

// lua_arith operators follow the metamethod order of luna::Event (ADD..SHR, then UNM, BNOT).
static_assert(static_cast<int>(luna::Event::Add) + LUA_OPSUB == static_cast<int>(luna::Event::Sub));
static_assert(static_cast<int>(luna::Event::Add) + LUA_OPSHR == static_cast<int>(luna::Event::Shr));
static_assert(static_cast<int>(luna::Event::Add) + LUA_OPUNM == static_cast<int>(luna::Event::Unm));
static_assert(static_cast<int>(luna::Event::Add) + LUA_OPBNOT == static_cast<int>(luna::Event::Bnot));
static_assert(LUA_OPEQ == 0 && LUA_OPLT == 1 && LUA_OPLE == 2);

static_assert(LUA_GCSTOP == 0 && LUA_GCRESTART == 1 && LUA_GCCOLLECT == 2 && LUA_GCCOUNT == 3 &&
              LUA_GCCOUNTB == 4 && LUA_GCSTEP == 5 && LUA_GCSETPAUSE == 6 && LUA_GCSETSTEPMUL == 7 &&
              LUA_GCISRUNNING == 9 && LUA_GCGEN == 10 && LUA_GCINC == 11);
static_assert(LUA_HOOKCALL == 0 && LUA_HOOKRET == 1 && LUA_HOOKLINE == 2 && LUA_HOOKCOUNT == 3 &&
              LUA_HOOKTAILCALL == 4);
static_assert(LUA_MASKCALL == 1 && LUA_MASKRET == 2 && LUA_MASKLINE == 4 && LUA_MASKCOUNT == 8);
static_assert(LUA_NOREF == -2 && LUA_REFNIL == -1);

// ---- function-pointer types: the engine's own typedefs must be the public ones ------------------
static_assert(std::is_same_v<lua_CFunction, int (*)(lua_State*)>);
static_assert(std::is_same_v<lua_KFunction, int (*)(lua_State*, int, lua_KContext)>);
static_assert(std::is_same_v<lua_Alloc, void* (*)(void*, void*, std::size_t, std::size_t)>);
static_assert(std::is_same_v<lua_WarnFunction, void (*)(void*, const char*, int)>);
static_assert(std::is_same_v<lua_Hook, void (*)(lua_State*, lua_Debug*)>);
static_assert(std::is_same_v<decltype(luna::CallInfo::u.c.k), lua_KFunction>);
static_assert(std::is_same_v<decltype(luna::CallInfo::u.c.ctx), lua_KContext>);

// ---- structures allocated by modules ----------------------------------------------------------------
static_assert(sizeof(lua_Debug) == 136 && alignof(lua_Debug) == 8);
static_assert(offsetof(lua_Debug, event) == 0 && offsetof(lua_Debug, name) == 8 &&
              offsetof(lua_Debug, namewhat) == 16 && offsetof(lua_Debug, what) == 24 &&
              offsetof(lua_Debug, source) == 32 && offsetof(lua_Debug, srclen) == 40 &&
              offsetof(lua_Debug, currentline) == 48 && offsetof(lua_Debug, linedefined) == 52 &&
              offsetof(lua_Debug, lastlinedefined) == 56 && offsetof(lua_Debug, nups) == 60 &&
              offsetof(lua_Debug, nparams) == 61 && offsetof(lua_Debug, isvararg) == 62 &&
              offsetof(lua_Debug, istailcall) == 63 && offsetof(lua_Debug, ftransfer) == 64 &&
              offsetof(lua_Debug, ntransfer) == 66 && offsetof(lua_Debug, short_src) == 68 &&
              offsetof(lua_Debug, i_ci) == 128);
// i_ci carries a luna::CallInfo* (converted with reinterpret_cast by the debug interface).
static_assert(sizeof(lua_Debug::i_ci) == sizeof(luna::CallInfo*));

static_assert(LUAL_BUFFERSIZE == 1024);
static_assert(sizeof(luaL_Buffer) == 1056 && alignof(luaL_Buffer) == 8);
static_assert(offsetof(luaL_Buffer, b) == 0 && offsetof(luaL_Buffer, size) == 8 &&
              offsetof(luaL_Buffer, n) == 16 && offsetof(luaL_Buffer, L) == 24 &&
              offsetof(luaL_Buffer, init) == 32);

static_assert(sizeof(luaL_Reg) == 16 && offsetof(luaL_Reg, func) == 8);
static_assert(sizeof(luaL_Stream) == 16 && offsetof(luaL_Stream, f) == 0 && offsetof(luaL_Stream, closef) == 8);

// Every lua_* / luaL_* structure the auxiliary library keeps on the C stack across calls that may
// raise must not need destruction (errors unwind with longjmp).
static_assert(std::is_trivially_destructible_v<luaL_Buffer> && std::is_trivially_destructible_v<lua_Debug>);

}  // namespace luna::abi_checks
