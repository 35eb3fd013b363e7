// The lua_* functions of calls, errors, loading, coroutines and to-be-closed slots: thin shells
// over vm/ and runtime/ that keep the 5.4 API contracts (continuations, yieldable pcalls,
// message handlers, result adjustment).
#include "lua.h"

#include "capi/index.h"
#include "capi/table_lib.h"
#include "object/functions.h"
#include "runtime/error.h"
#include "runtime/load.h"
#include "vm/call.h"
#include "vm/coroutine.h"
#include "vm/status.h"

namespace {

using namespace luna;

static_assert(status::ok == LUA_OK && status::yield == LUA_YIELD && status::errrun == LUA_ERRRUN &&
              status::errsyntax == LUA_ERRSYNTAX && status::errmem == LUA_ERRMEM &&
              status::errerr == LUA_ERRERR);
static_assert(multret == LUA_MULTRET && min_stack == LUA_MINSTACK);
static_assert(ridx_globals == LUA_RIDX_GLOBALS && ridx_mainthread == LUA_RIDX_MAINTHREAD);
static_assert(hook::call == LUA_HOOKCALL && hook::ret == LUA_HOOKRET && hook::line == LUA_HOOKLINE &&
              hook::count == LUA_HOOKCOUNT && hook::tailcall == LUA_HOOKTAILCALL);
static_assert(hook::mask_call == LUA_MASKCALL && hook::mask_ret == LUA_MASKRET &&
              hook::mask_line == LUA_MASKLINE && hook::mask_count == LUA_MASKCOUNT);

// After a call with LUA_MULTRET the frame must cover every result.
inline void adjust_results(lua_State* L, int n_results) {
  if (n_results <= LUA_MULTRET && L->ci->top < L->top) L->ci->top = L->top;
}

struct CallArgs {
  StackId func;
  int n_results;
};

void call_aux(lua_State* L, void* ud) {
  auto* args = static_cast<CallArgs*>(ud);
  vm::call_no_yield(L, args->func, args->n_results);
}

}  // namespace

LUA_API void lua_callk(lua_State* L, int nargs, int nresults, lua_KContext ctx, lua_KFunction k) {
  StackId func = L->top - (nargs + 1);
  if (k != nullptr && vm::is_yieldable(L)) {
    L->ci->u.c.k = k;  // a yield inside the callee resumes in k
    L->ci->u.c.ctx = ctx;
    vm::call(L, func, nresults);
  } else {
    vm::call_no_yield(L, func, nresults);
  }
  adjust_results(L, nresults);
}

LUA_API int lua_pcallk(lua_State* L, int nargs, int nresults, int errfunc, lua_KContext ctx,
                       lua_KFunction k) {
  std::ptrdiff_t handler = errfunc == 0 ? 0 : vm::save_stack(L, capi::index_to_stack(L, errfunc));
  CallArgs args{L->top - (nargs + 1), nresults};
  int st;
  if (k == nullptr || !vm::is_yieldable(L)) {
    st = vm::protected_call(L, call_aux, &args, vm::save_stack(L, args.func), handler);
  } else {
    // Yieldable pcall: no setjmp here; an error is recovered by the coroutine's resume (which
    // finds this frame by its yieldable_pcall bit) and the continuation k gets the status.
    luna::CallInfo* ci = L->ci;
    ci->u.c.k = k;
    ci->u.c.ctx = ctx;
    ci->u2.func_index = static_cast<int>(vm::save_stack(L, args.func));
    ci->u.c.old_errfunc = L->err_func;
    L->err_func = handler;
    ci->call_status = static_cast<std::uint16_t>((ci->call_status & ~cist::allow_hook) |
                                                 (L->allow_hook ? cist::allow_hook : 0));
    ci->call_status |= cist::yieldable_pcall;
    vm::call(L, args.func, nresults);
    ci->call_status &= static_cast<std::uint16_t>(~cist::yieldable_pcall);
    L->err_func = ci->u.c.old_errfunc;
    st = LUA_OK;
  }
  adjust_results(L, nresults);
  return st;
}

LUA_API int lua_load(lua_State* L, lua_Reader reader, void* data, const char* chunkname,
                     const char* mode) {
  return load::load(L, reader, data, chunkname, mode);
}

LUA_API int lua_error(lua_State* L) {
  const Value& err = L->top[-1];
  if (err.is_short_string() && as_string(err) == L->global->memory_error_msg) {
    runtime::memory_error(L);  // the preallocated message: a memory error, no handler
  }
  runtime::error(L);
}

LUA_API int lua_resume(lua_State* L, lua_State* from, int narg, int* nres) {
  return vm::resume(L, from, narg, nres);
}

LUA_API int lua_yieldk(lua_State* L, int nresults, lua_KContext ctx, lua_KFunction k) {
  return vm::yield(L, nresults, ctx, k);
}

LUA_API int lua_isyieldable(lua_State* L) { return vm::is_yieldable(L) ? 1 : 0; }

LUA_API int lua_status(lua_State* L) { return L->status; }

LUA_API int lua_closethread(lua_State* L, lua_State* from) { return vm::close_thread(L, from); }

LUA_API int lua_resetthread(lua_State* L) { return vm::close_thread(L, nullptr); }

LUA_API lua_CFunction lua_atpanic(lua_State* L, lua_CFunction panicf) {
  lua_CFunction old = L->global->panic;
  L->global->panic = panicf;
  return old;
}

LUA_API int lua_setcstacklimit(lua_State*, unsigned int) {
  return max_c_calls;  // deprecated in 5.4: the limit is fixed
}

LUA_API void lua_toclose(lua_State* L, int idx) {
  StackId o = capi::index_to_stack(L, idx);
  int n_results = L->ci->n_results;
  functions::new_tbc(L, o);
  if (!vm::has_tbc_c(n_results)) {  // mark the frame: its return must close slots
    L->ci->n_results = static_cast<short>(vm::encode_tbc_results(n_results));
  }
}

LUA_API void lua_closeslot(lua_State* L, int idx) {
  StackId level = capi::index_to_stack(L, idx);
  level = functions::close(L, level, status::close_keep_top, false);
  level->set_nil();
}

// ---- the table library's order-function call (capi/table_lib.h) --------------------------------

bool luna::capi::call_order(lua_State* L, int function_idx, int a, int b) {
  LUNA_API_CHECK(L, L->ci->top - L->top >= 3, "stack overflow");
  StackId func = L->top;
  func[0] = *index_to_value(L, function_idx);
  func[1] = *index_to_value(L, a);
  func[2] = *index_to_value(L, b);
  L->top = func + 3;
  vm::call_no_yield(L, func, 1);  // lua_call: no continuation, so never yields across
  const bool result = !L->top[-1].is_falsy();
  L->top--;
  return result;
}
