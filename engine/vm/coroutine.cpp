// Coroutine machinery (see coroutine.h). A yield from C (lua_yieldk) longjmps to the resume of its
// thread, unwinding every C frame in between; on the next resume the interrupted frames are
// completed from the innermost out: C frames through their continuation functions, Lua frames by
// finishing the interrupted instruction (finish_op) and continuing execute().
#include "object/functions.h"
#include "object/strings.h"
#include "runtime/error.h"
#include "vm/call.h"
#include "vm/coroutine.h"
#include "vm/coroutine_lib.h"
#include "vm/interp.h"
#include "vm/status.h"

namespace luna::vm {

namespace {

// A yieldable lua_pcallk interrupted by a yield or (recover status set) by an error.
int finish_pcallk(lua_State* L, CallInfo* ci) {
  int st = get_recover_status(ci);
  if (st == status::ok) {
    st = status::yield;
  } else {
    StackId func = restore_stack(L, ci->u2.func_index);
    L->allow_hook = (ci->call_status & cist::allow_hook) ? 1 : 0;
    func = functions::close(L, func, st, true);
    runtime::set_error_object(L, st, func);
    shrink_stack(L);
    set_recover_status(ci, status::ok);
  }
  ci->call_status &= static_cast<std::uint16_t>(~cist::yieldable_pcall);
  L->err_func = ci->u.c.old_errfunc;
  return st;
}

void finish_c_call(lua_State* L, CallInfo* ci) {
  int n;
  if (ci->call_status & cist::closing_return) {  // was closing tbc slots while returning
    n = ci->u2.n_results;
  } else {
    int st = status::yield;
    if (ci->call_status & cist::yieldable_pcall) st = finish_pcallk(L, ci);
    if (ci->n_results <= multret && ci->top < L->top) ci->top = L->top;  // as after lua_callk
    n = ci->u.c.k(L, st, ci->u.c.ctx);
  }
  postcall(L, ci, n);
}

// Stops early when a frame suspends the thread by returning (coroutine_lib::yield).
void unroll(lua_State* L, void*) {
  L->resume_c_calls = L->n_c_calls;  // the execute() calls below run at this depth
  CallInfo* ci;
  while (L->status == status::ok && (ci = L->ci) != &L->base_ci) {
    if (ci->call_status & cist::c) {
      finish_c_call(L, ci);
    } else {
      finish_op(L);
      execute(L, ci);
    }
  }
}

CallInfo* find_pcall(lua_State* L) {
  for (CallInfo* ci = L->ci; ci != nullptr; ci = ci->previous) {
    if (ci->call_status & cist::yieldable_pcall) return ci;
  }
  return nullptr;
}

void resume_body(lua_State* L, void* ud) {
  int n = *static_cast<int*>(ud);
  StackId first_arg = L->top - n;
  CallInfo* ci = L->ci;
  if (L->status == status::ok) {  // starting the coroutine: call its body
    L->resume_c_calls = L->n_c_calls + 1;  // call() runs execute() one C level deeper
    call(L, first_arg - 1, multret);
    return;
  }
  L->status = status::ok;  // running again
  L->resume_c_calls = L->n_c_calls;
  if (!(ci->call_status & cist::c)) {
    // Yielded inside a hook: the instruction was not executed yet; redo it.
    ci->u.l.saved_pc--;
    L->top = first_arg;
    execute(L, ci);
  } else {
    if (ci->u.c.k != nullptr) n = ci->u.c.k(L, status::yield, ci->u.c.ctx);
    postcall(L, ci, n);
  }
  unroll(L, nullptr);
}

// Errors inside a coroutine are caught by its resume; a pending yieldable pcall recovers them.
int recover(lua_State* L, int st) {
  CallInfo* ci;
  while (status::is_error(st) && (ci = find_pcall(L)) != nullptr) {
    L->ci = ci;
    set_recover_status(ci, st);
    st = runtime::run_protected(L, unroll, nullptr);
  }
  return st;
}

// Room for n more values above L's top, also for the running C frame (as lua_checkstack): false
// when the stack cannot grow that far. Growing only happens on the first transfers of a thread.
bool reserve(lua_State* L, int n) {
  if (L->stack_last - L->top <= n) [[unlikely]] {
    if (n >= max_stack || (L->top - L->stack) + n > max_stack) return false;
    grow_stack(L, n);
  }
  if (L->ci->top < L->top + n) L->ci->top = L->top + n;
  return true;
}

// Through locals: the compiler cannot tell that the two threads' `top` fields do not alias the
// values being copied, and would reload both per value.
void move_values(lua_State* from, lua_State* to, int n) {
  const StackId source = from->top - n;
  const StackId target = to->top;
  for (int i = 0; i < n; i++) target[i] = source[i];
  from->top = source;
  to->top = target + n;
}

int push_transfer_error(lua_State* L, const char* msg) {
  set_string(*L->top, strings::new_cstring(L, msg));
  L->top++;
  return -1;
}

int resume_error(lua_State* L, const char* msg, int nargs) {
  L->top -= nargs;
  set_string(*L->top, strings::new_cstring(L, msg));
  L->top++;
  return status::errrun;
}

}  // namespace

int resume(lua_State* L, lua_State* from, int nargs, int* n_results) {
  if (L->status == status::ok) {
    if (L->ci != &L->base_ci) return resume_error(L, "cannot resume non-suspended coroutine", nargs);
    if (L->top - (L->ci->func + 1) == nargs) return resume_error(L, "cannot resume dead coroutine", nargs);
  } else if (L->status != status::yield) {
    return resume_error(L, "cannot resume dead coroutine", nargs);
  }
  L->n_c_calls = from != nullptr ? static_cast<std::uint32_t>(c_calls(from)) : 0u;
  if (c_calls(L) >= max_c_calls) return resume_error(L, "C stack overflow", nargs);
  L->n_c_calls++;
  int st = runtime::run_protected(L, resume_body, &nargs);
  st = recover(L, st);
  L->resume_c_calls = no_yield_by_return;
  if (st == status::ok && L->status == status::yield) st = status::yield;  // yielded by returning
  if (status::is_error(st)) {  // unrecoverable: the coroutine is dead
    L->status = static_cast<std::uint8_t>(st);
    runtime::set_error_object(L, st, L->top);
    L->ci->top = L->top;
  }
  *n_results = st == status::yield ? L->ci->u2.n_yield
                                   : static_cast<int>(L->top - (L->ci->func + 1));
  return st;
}

namespace coroutine_lib {

int resume_moving(lua_State* L, lua_State* coroutine, int argument_count, bool with_flag) {
  if (!reserve(coroutine, argument_count)) {
    return push_transfer_error(L, "too many arguments to resume");
  }
  move_values(L, coroutine, argument_count);
  int n = 0;
  const int st = resume(coroutine, L, argument_count, &n);
  if (st != status::ok && st != status::yield) {
    move_values(coroutine, L, 1);  // the error object (L has room: the arguments left it)
    return -1;
  }
  const int flag = with_flag ? 1 : 0;
  if (!reserve(L, n + 1)) {
    coroutine->top -= n;
    return push_transfer_error(L, "too many results to resume");
  }
  if (with_flag) (L->top++)->set_bool(true);
  move_values(coroutine, L, n);
  return n + flag;
}

int yield(lua_State* L, int n_results) {
  CallInfo* ci = L->ci;
  // Called inline by the execute() that resume entered (no C frame in between, so the thread is
  // yieldable): mark the thread suspended and let the interpreter return to resume.
  if ((ci->call_status & cist::yield_by_return) && L->n_c_calls == L->resume_c_calls) {
    L->status = status::yield;
    ci->u2.n_yield = n_results;
    ci->u.c.k = nullptr;
    return 0;
  }
  return vm::yield(L, n_results, 0, nullptr);
}

}  // namespace coroutine_lib

int yield(lua_State* L, int n_results, lua_KContext ctx, lua_KFunction k) {
  CallInfo* ci = L->ci;
  if (!is_yieldable(L) || L == L->global->main_thread) [[unlikely]] {
    if (L != L->global->main_thread) {
      runtime::run_error(L, "attempt to yield across a C-call boundary");
    }
    runtime::run_error(L, "attempt to yield from outside a coroutine");
  }
  L->status = status::yield;
  ci->u2.n_yield = n_results;
  if (ci->call_status & cist::c) {
    ci->u.c.k = k;
    if (k != nullptr) ci->u.c.ctx = ctx;
    runtime::raise(L, status::yield);
  }
  // Inside a hook (the frame is Lua): the hook returns and trace_exec raises the yield.
  return 0;
}

int reset_thread(lua_State* L, int st) {
  CallInfo* ci = L->ci = &L->base_ci;
  L->stack->set_nil();  // the base frame's "function"
  ci->func = L->stack;
  ci->call_status = cist::c;
  if (st == status::yield) st = status::ok;
  L->status = status::ok;  // so that __close handlers can run
  L->err_func = 0;         // the unwound frames' message handler is gone with them
  st = runtime::close_protected(L, save_stack(L, L->stack + 1), st);
  if (st != status::ok) {
    runtime::set_error_object(L, st, L->stack + 1);
  } else {
    L->top = L->stack + 1;
  }
  ci->top = L->top + min_stack;
  realloc_stack(L, static_cast<int>(ci->top - L->stack), false);
  return st;
}

int close_thread(lua_State* L, lua_State* from) {
  L->n_c_calls = from != nullptr ? static_cast<std::uint32_t>(c_calls(from)) : 0u;
  return reset_thread(L, L->status);
}

}  // namespace luna::vm
