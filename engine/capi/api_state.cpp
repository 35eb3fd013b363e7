// The C API, part 3: states and threads, allocator and warning functions, lua_dump, version and
// ident. (lua_gc is in api_gc.cpp.)
#include <cstdarg>

#include "capi/index.h"
#include "gc/gc.h"
#include "lua.h"
#include "object/state_init.h"
#include "runtime/dump.h"
#include "runtime/error.h"
#include "vm/call.h"

using namespace luna;

LUA_API const char lua_ident[] =
    "$LuaVersion: Luna " "0.1" " (Lua 5.4 C API and language) $"
    "$LuaAuthors: the Luna developers $";

LUA_API lua_State* lua_newstate(lua_Alloc f, void* ud) { return state::new_state(f, ud); }

LUA_API void lua_close(lua_State* L) {
  L = L->global->main_thread;  // only the main thread can be closed
  L->ci = &L->base_ci;         // unwind any C frames left by a panic
  // Pending to-be-closed variables and open upvalues of the main thread come first (their __close
  // handlers still see a complete state); errors in them are ignored, as 5.4 does.
  runtime::close_protected(L, vm::save_stack(L, L->stack + 1), LUA_OK);
  state::close_state(L);
}

LUA_API lua_State* lua_newthread(lua_State* L) {
  gc::check(L);
  return state::new_thread(L);  // pushed on L; inherits L's hooks and the main thread's extra space
}

LUA_API lua_Number lua_version(lua_State* L) {
  static_cast<void>(L);
  return LUA_VERSION_NUM;
}

LUA_API lua_Alloc lua_getallocf(lua_State* L, void** ud) {
  if (ud != nullptr) *ud = L->global->ud;
  return L->global->frealloc;
}

LUA_API void lua_setallocf(lua_State* L, lua_Alloc f, void* ud) {
  L->global->ud = ud;
  L->global->frealloc = f;
}

LUA_API void lua_setwarnf(lua_State* L, lua_WarnFunction f, void* ud) {
  L->global->ud_warn = ud;
  L->global->warnf = f;
}

LUA_API void lua_warning(lua_State* L, const char* msg, int tocont) {
  lua_WarnFunction f = L->global->warnf;
  if (f != nullptr) f(L->global->ud_warn, msg, tocont);
}

LUA_API int lua_dump(lua_State* L, lua_Writer writer, void* data, int strip) {
  capi::check_elements(L, 1);
  const Value& o = L->top[-1];
  if (!o.is_lua_closure()) return 1;
  return runtime::dump_proto(L, as_lclosure(o)->p, writer, data, strip != 0);
}
