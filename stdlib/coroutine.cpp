// Coroutine library (manual §6.2): create, resume, yield, status, wrap, isyieldable, running, close.
//
// Contract: public C API only, except the fused resume and the yield of vm/coroutine_lib.h (and
// the interrupt re-raise of vm/interrupt_lib.h). A coroutine is a thread object; its status
// is derived from lua_status and whether it has an active frame, exactly as Lua 5.4.8 reports it.
// wrap re-raises a coroutine's error in the caller (prefixing the position for string messages)
// after closing the coroutine's pending to-be-closed variables with lua_closethread.
#include "lua.hpp"
#include "vm/coroutine_lib.h"
#include "vm/interrupt_lib.h"

namespace luna::stdlib::coroutine {
namespace {

enum class Status { running, dead, suspended, normal };

constexpr const char* status_name(Status status) {
  switch (status) {
    case Status::running:
      return "running";
    case Status::dead:
      return "dead";
    case Status::suspended:
      return "suspended";
    case Status::normal:
      return "normal";
  }
  return "dead";
}

lua_State* check_coroutine(lua_State* L) {
  lua_State* coroutine = lua_tothread(L, 1);
  luaL_argexpected(L, coroutine != nullptr, 1, "thread");
  return coroutine;
}

int resume(lua_State* L) {
  lua_State* coroutine = check_coroutine(L);
  const int result_count =
      luna::vm::coroutine_lib::resume_moving(L, coroutine, lua_gettop(L) - 1, true);
  luna::vm::interrupt::reraise_if_stopped(L);  // budget/timeout/cancel stops are not catchable
  if (result_count < 0) {
    lua_pushboolean(L, 0);
    lua_insert(L, -2);
    return 2;
  }
  return result_count;  // true and the values
}

int wrapped_call(lua_State* L) {
  lua_State* coroutine = lua_tothread(L, lua_upvalueindex(1));
  const int result_count =
      luna::vm::coroutine_lib::resume_moving(L, coroutine, lua_gettop(L), false);
  if (result_count >= 0) return result_count;
  int status = lua_status(coroutine);
  if (status != LUA_OK && status != LUA_YIELD) {  // the coroutine itself failed
    status = lua_closethread(coroutine, L);       // run its pending __close handlers
    lua_xmove(coroutine, L, 1);                   // the (possibly updated) error object
  }
  luna::vm::interrupt::reraise_if_stopped(L);  // budget/timeout/cancel stops are not catchable
  if (status != LUA_ERRMEM && lua_type(L, -1) == LUA_TSTRING) {
    luaL_where(L, 1);
    lua_insert(L, -2);
    lua_concat(L, 2);
  }
  return lua_error(L);
}

int create(lua_State* L) {
  luaL_checktype(L, 1, LUA_TFUNCTION);
  lua_State* thread = lua_newthread(L);
  lua_pushvalue(L, 1);
  lua_xmove(L, thread, 1);  // the body is the first value on the new stack
  return 1;
}

int wrap(lua_State* L) {
  create(L);
  lua_pushcclosure(L, wrapped_call, 1);
  return 1;
}

int yield(lua_State* L) { return luna::vm::coroutine_lib::yield(L, lua_gettop(L)); }

Status status_of(lua_State* L, lua_State* coroutine) {
  if (L == coroutine) return Status::running;
  switch (lua_status(coroutine)) {
    case LUA_YIELD:
      return Status::suspended;
    case LUA_OK: {
      lua_Debug frame;
      if (lua_getstack(coroutine, 0, &frame)) return Status::normal;  // it resumed someone else
      if (lua_gettop(coroutine) == 0) return Status::dead;
      return Status::suspended;  // not started yet: only the body is on its stack
    }
    default:
      return Status::dead;  // finished with an error
  }
}

int status(lua_State* L) {
  lua_State* coroutine = check_coroutine(L);
  lua_pushstring(L, status_name(status_of(L, coroutine)));
  return 1;
}

int isyieldable(lua_State* L) {
  lua_State* coroutine = lua_isnone(L, 1) ? L : check_coroutine(L);
  lua_pushboolean(L, lua_isyieldable(coroutine));
  return 1;
}

int running(lua_State* L) {
  const int is_main = lua_pushthread(L);
  lua_pushboolean(L, is_main);
  return 2;
}

int close(lua_State* L) {
  lua_State* coroutine = check_coroutine(L);
  const Status current = status_of(L, coroutine);
  if (current != Status::dead && current != Status::suspended)
    return luaL_error(L, "cannot close a %s coroutine", status_name(current));
  const int closed = lua_closethread(coroutine, L);
  luna::vm::interrupt::reraise_if_stopped(L);  // budget/timeout/cancel stops are not catchable
  if (closed == LUA_OK) {
    lua_pushboolean(L, 1);
    return 1;
  }
  lua_pushboolean(L, 0);
  lua_xmove(coroutine, L, 1);
  return 2;
}

constexpr luaL_Reg kFunctions[] = {
    {"create", create},           {"resume", resume}, {"running", running},
    {"status", status},           {"wrap", wrap},     {"yield", yield},
    {"isyieldable", isyieldable}, {"close", close},   {nullptr, nullptr},
};

}  // namespace
}  // namespace luna::stdlib::coroutine

LUAMOD_API int luaopen_coroutine(lua_State* L) {
  luaL_newlib(L, luna::stdlib::coroutine::kFunctions);
  return 1;
}
