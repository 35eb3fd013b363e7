// Weak stand-ins for the VM/runtime functions the object model calls (raise, run_error,
// run_protected, vm::pcall, functions::close_upvals), so the object and GC tests link before the
// VM is merged. They are weak symbols: when the real implementations are in libluna, those win.
// vm::pcall only calls light C functions and C closures (what the finalizer tests use).
#include <csetjmp>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>

#include "object/functions.h"
#include "object/strings.h"
#include "runtime/error.h"
#include "vm/call.h"

namespace luna::runtime {

[[gnu::weak]] [[noreturn]] void raise(lua_State* L, int status) {
  if (L->error_jmp == nullptr) std::abort();
  L->error_jmp->status = status;
  std::longjmp(L->error_jmp->buffer, 1);
}

[[gnu::weak]] [[noreturn]] void run_error(lua_State* L, const char* fmt, ...) {
  char buffer[256];
  va_list args;
  va_start(args, fmt);
  std::vsnprintf(buffer, sizeof buffer, fmt, args);
  va_end(args);
  set_string(*L->top, strings::new_string(L, buffer));
  L->top++;
  raise(L, 2);  // LUA_ERRRUN
}

[[gnu::weak]] int run_protected(lua_State* L, ProtectedFn f, void* ud) {
  LongJump jump;
  jump.status = 0;
  jump.previous = L->error_jmp;
  L->error_jmp = &jump;
  if (setjmp(jump.buffer) == 0) f(L, ud);
  L->error_jmp = jump.previous;
  return jump.status;
}

}  // namespace luna::runtime

namespace luna::vm {

namespace {
struct CallArgs {
  StackId func;
};
void call_c(lua_State* L, void* ud) {
  StackId func = static_cast<CallArgs*>(ud)->func;
  lua_CFunction f = func->is_light_cfunction() ? func->v.f : as_cclosure(*func)->f;
  f(L);
}
}  // namespace

[[gnu::weak]] int pcall(lua_State* L, StackId func, int, std::ptrdiff_t) {
  std::ptrdiff_t offset = func - L->stack;
  CallArgs args{func};
  int status = runtime::run_protected(L, call_c, &args);
  func = L->stack + offset;
  if (status != 0) {
    *func = *(L->top - 1);  // the error value replaces the call
    L->top = func + 1;
  } else {
    L->top = func;
  }
  return status;
}

}  // namespace luna::vm

namespace luna::functions {

[[gnu::weak]] void close_upvals(lua_State* L, StackId level) {
  while (L->open_upval != nullptr && L->open_upval->v.p >= level) {
    UpVal* uv = L->open_upval;
    L->open_upval = uv->u.open.next;
    if (uv->u.open.next) uv->u.open.next->u.open.previous = &L->open_upval;
    Value v = *uv->v.p;
    uv->u.value = v;
    uv->v.p = &uv->u.value;
  }
}

}  // namespace luna::functions
