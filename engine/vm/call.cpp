// Calls and the stack: precall/postcall, C function frames, varargs, tail calls, result adjustment,
// stack growth with rebasing, the CallInfo list, the C-stack depth limit and protected calls.
#include <cstring>

#include "gc/gc.h"
#include "object/functions.h"
#include "runtime/error.h"
#include "vm/call.h"
#include "vm/interp.h"
#include "vm/status.h"

namespace luna::vm {

namespace {

constexpr int error_stack_size = max_stack + 200;  // room to handle a "stack overflow" error

inline int stack_size(const lua_State* L) { return static_cast<int>(L->stack_last - L->stack); }

// Ensure n free slots, keeping *p valid across a reallocation.
inline void check_stack_keep(lua_State* L, int n, StackId& p) {
  if (L->stack_last - L->top <= n) [[unlikely]] {
    std::ptrdiff_t off = save_stack(L, p);
    grow_stack(L, n);
    p = restore_stack(L, off);
  }
}

int stack_in_use(lua_State* L) {
  StackId limit = L->top;
  for (CallInfo* ci = L->ci; ci != nullptr; ci = ci->previous) {
    if (limit < ci->top) limit = ci->top;
  }
  int res = static_cast<int>(limit - L->stack) + 1;
  return res < min_stack ? min_stack : res;
}


void move_results(lua_State* L, StackId res, int n_res, int wanted) {
  switch (wanted) {
    case 0:
      L->top = res;
      return;
    case 1:
      if (n_res == 0) {
        res->set_nil();
      } else {
        *res = L->top[-n_res];
      }
      L->top = res + 1;
      return;
    case multret:
      wanted = n_res;
      break;
    default:
      if (has_tbc_c(wanted)) {  // C function with to-be-closed slots
        L->ci->call_status |= cist::closing_return;
        L->ci->u2.n_results = n_res;
        std::ptrdiff_t saved = save_stack(L, res);
        functions::close(L, res, status::close_keep_top, true);
        L->ci->call_status &= static_cast<std::uint16_t>(~cist::closing_return);
        if (L->hook_mask) {
          return_hook(L, L->ci, n_res);
        }
        res = restore_stack(L, saved);
        wanted = decode_tbc_results(wanted);
        if (wanted == multret) wanted = n_res;
      }
      break;
  }
  StackId first = L->top - n_res;
  if (n_res > wanted) n_res = wanted;
  int i = 0;
  for (; i < n_res; i++) res[i] = first[i];
  for (; i < wanted; i++) res[i].set_nil();
  L->top = res + wanted;
}

// Run a C function: new frame, call hook, call, postcall. Returns its number of results.
int precall_c(lua_State* L, StackId func, int n_results, lua_CFunction f) {
  check_stack_keep(L, min_stack, func);
  CallInfo* ci = next_ci(L);
  ci->func = func;
  ci->n_results = static_cast<short>(n_results);
  ci->call_status = cist::c;
  ci->top = L->top + min_stack;
  L->ci = ci;
  if (L->hook_mask & hook::mask_call) [[unlikely]] {
    int narg = static_cast<int>(L->top - func) - 1;
    call_hook(L, hook::call, -1, 1, narg);
  }
  int n = f(L);
  postcall(L, ci, n);
  return n;
}

inline void c_call(lua_State* L, StackId func, int n_results, std::uint32_t inc) {
  L->n_c_calls += inc;
  if (c_calls(L) >= max_c_calls) [[unlikely]] {
    check_stack_keep(L, 0, func);
    check_c_stack(L);
  }
  CallInfo* ci = precall(L, func, n_results);
  if (ci != nullptr) {
    ci->call_status = cist::fresh;
    execute(L, ci);
  }
  L->n_c_calls -= inc;
}

}  // namespace

// ---- stack ----------------------------------------------------------------------------------

bool realloc_stack(lua_State* L, int new_size, bool raise_error) {
  int old_size = stack_size(L);
  std::size_t old_bytes = static_cast<std::size_t>(old_size + extra_stack) * sizeof(Value);
  std::size_t new_bytes = static_cast<std::size_t>(new_size + extra_stack) * sizeof(Value);
  auto* fresh = static_cast<StackId>(gc::mem_try_alloc(L, new_bytes));
  if (fresh == nullptr) {
    if (raise_error) runtime::memory_error(L);
    return false;
  }
  StackId old = L->stack;
  int keep = old_size < new_size ? old_size : new_size;
  // Bytes, not Values: the to-be-closed list lives in the slots' padding.
  std::memcpy(static_cast<void*>(fresh), static_cast<const void*>(old),
              static_cast<std::size_t>(keep + extra_stack) * sizeof(Value));
  for (int i = keep + extra_stack; i < new_size + extra_stack; i++) fresh[i].set_nil();
  auto rebase = [old, fresh](StackId p) { return fresh + (p - old); };
  L->top = rebase(L->top);
  if (L->tbc_list != nullptr) L->tbc_list = rebase(L->tbc_list);
  for (UpVal* uv = L->open_upval; uv != nullptr; uv = uv->u.open.next) uv->v.p = rebase(uv->v.p);
  for (CallInfo* ci = L->ci; ci != nullptr; ci = ci->previous) {
    ci->top = rebase(ci->top);
    ci->func = rebase(ci->func);
    if (!(ci->call_status & cist::c)) ci->u.l.trap = 1;  // interpreter must reload `base`
  }
  L->stack = fresh;
  L->stack_last = fresh + new_size;
  gc::mem_free(L, old, old_bytes);
  return true;
}

void grow_stack(lua_State* L, int n) {
  int size = stack_size(L);
  if (size > max_stack) [[unlikely]] {
    // Already using the extra space reserved for handling a stack overflow.
    runtime::error_in_error(L);
  }
  if (n < max_stack) {
    int new_size = 2 * size;
    int needed = static_cast<int>(L->top - L->stack) + n;
    if (new_size > max_stack) new_size = max_stack;
    if (new_size < needed) new_size = needed;
    if (new_size <= max_stack) {
      realloc_stack(L, new_size, true);
      return;
    }
  }
  realloc_stack(L, error_stack_size, true);
  runtime::run_error(L, "stack overflow");
}

void shrink_stack(lua_State* L) {
  int in_use = stack_in_use(L);
  int max = in_use > max_stack / 3 ? max_stack : in_use * 3;
  if (in_use <= max_stack && stack_size(L) > max) {
    int new_size = in_use > max_stack / 2 ? max_stack : in_use * 2;
    realloc_stack(L, new_size, false);  // fine if it fails
  }
  shrink_ci_list(L);
}

CallInfo* extend_ci(lua_State* L) {
  auto* ci = static_cast<CallInfo*>(gc::mem_alloc(L, sizeof(CallInfo)));
  L->ci->next = ci;
  ci->previous = L->ci;
  ci->next = nullptr;
  ci->u.l.trap = 0;
  ci->call_status = 0;
  L->n_ci++;
  return ci;
}

void free_ci_list(lua_State* L) {
  CallInfo* ci = L->base_ci.next;
  L->base_ci.next = nullptr;
  while (ci != nullptr) {
    CallInfo* next = ci->next;
    gc::mem_free(L, ci, sizeof(CallInfo));
    L->n_ci--;
    ci = next;
  }
}

void shrink_ci_list(lua_State* L) {
  CallInfo* ci = L->ci->next;  // first unused CallInfo
  if (ci == nullptr) return;
  CallInfo* next;
  while ((next = ci->next) != nullptr) {  // free every second one
    CallInfo* next2 = next->next;
    ci->next = next2;
    L->n_ci--;
    gc::mem_free(L, next, sizeof(CallInfo));
    if (next2 == nullptr) break;
    next2->previous = ci;
    ci = next2;
  }
}

void check_c_stack(lua_State* L) {
  if (c_calls(L) == max_c_calls) {
    runtime::run_error(L, "C stack overflow");
  } else if (c_calls(L) >= max_c_calls / 10 * 11) {
    runtime::error_in_error(L);  // overflow while handling the overflow
  }
}

// ---- calls ----------------------------------------------------------------------------------

void adjust_varargs(lua_State* L, CallInfo* ci, const Proto* p) {
  int n_fixed = p->num_params;
  int actual = static_cast<int>(L->top - ci->func) - 1;
  int extra = actual - n_fixed;
  ci->u.l.n_extra_args = extra;
  check_stack(L, p->max_stack_size + 1);
  *L->top++ = *ci->func;
  for (int i = 1; i <= n_fixed; i++) {
    *L->top++ = ci->func[i];
    ci->func[i].set_nil();  // the original is dead now (helps the collector)
  }
  ci->func += actual + 1;
  ci->top += actual + 1;
}

StackId try_call_tm(lua_State* L, StackId func) {
  check_stack_keep(L, 1, func);
  const Value* tm = tm_by_obj(L, *func, Event::Call);
  if (tm == nullptr) [[unlikely]] runtime::call_error(L, func);
  for (StackId p = L->top; p > func; p--) *p = p[-1];
  L->top++;
  *func = *tm;
  return func;
}

CallInfo* precall(lua_State* L, StackId func, int n_results) {
  for (;;) {
    switch (func->tt) {
      case tag::c_closure:
        precall_c(L, func, n_results, as_cclosure(*func)->f);
        return nullptr;
      case tag::light_cfunction:
        precall_c(L, func, n_results, func->v.f);
        return nullptr;
      case tag::lua_closure: {
        const Proto* p = as_lclosure(*func)->p;
        int narg = static_cast<int>(L->top - func) - 1;
        int n_fixed = p->num_params;
        int frame_size = p->max_stack_size;
        check_stack_keep(L, frame_size, func);
        CallInfo* ci = next_ci(L);
        ci->func = func;
        ci->n_results = static_cast<short>(n_results);
        ci->call_status = 0;
        ci->top = func + 1 + frame_size;
        ci->u.l.saved_pc = p->code;
        L->ci = ci;
        for (; narg < n_fixed; narg++) (L->top++)->set_nil();
        if (p->is_vararg) adjust_varargs(L, ci, p);
        return ci;
      }
      default:
        func = try_call_tm(L, func);  // then call the __call metamethod
        break;
    }
  }
}

int pretail_call(lua_State* L, CallInfo* ci, StackId func, int narg1, int delta) {
  for (;;) {
    switch (func->tt) {
      case tag::c_closure:
        return precall_c(L, func, multret, as_cclosure(*func)->f);
      case tag::light_cfunction:
        return precall_c(L, func, multret, func->v.f);
      case tag::lua_closure: {
        const Proto* p = as_lclosure(*func)->p;
        int frame_size = p->max_stack_size;
        int n_fixed = p->num_params;
        check_stack_keep(L, frame_size - delta, func);
        ci->func -= delta;  // back to the caller's copy of the frame (if vararg)
        for (int i = 0; i < narg1; i++) ci->func[i] = func[i];
        func = ci->func;
        for (; narg1 <= n_fixed; narg1++) func[narg1].set_nil();
        ci->top = func + 1 + frame_size;
        ci->u.l.saved_pc = p->code;
        ci->call_status |= cist::tail;
        L->top = func + narg1;
        if (p->is_vararg) adjust_varargs(L, ci, p);
        return -1;
      }
      default:
        func = try_call_tm(L, func);
        narg1++;
        break;
    }
  }
}

void postcall(lua_State* L, CallInfo* ci, int n_res) {
  int wanted = ci->n_results;
  if (L->hook_mask && !has_tbc_c(wanted)) [[unlikely]] return_hook(L, ci, n_res);
  move_results(L, ci->func, n_res, wanted);
  L->ci = ci->previous;
}

void get_varargs(lua_State* L, CallInfo* ci, StackId where, int wanted) {
  int n_extra = ci->u.l.n_extra_args;
  if (wanted < 0) {
    wanted = n_extra;
    check_stack_keep(L, n_extra, where);
    L->top = where + n_extra;
  }
  int copied = wanted < n_extra ? wanted : n_extra;
  const Value* extra = ci->func - n_extra;
  int i = 0;
  for (; i < copied; i++) where[i] = extra[i];
  for (; i < wanted; i++) where[i].set_nil();
}

void call(lua_State* L, StackId func, int n_results) { c_call(L, func, n_results, 1); }

void call_no_yield(lua_State* L, StackId func, int n_results) {
  c_call(L, func, n_results, non_yield_inc | 1u);
}

int protected_call(lua_State* L, void (*f)(lua_State*, void*), void* ud, std::ptrdiff_t old_top,
                   std::ptrdiff_t err_func) {
  CallInfo* old_ci = L->ci;
  std::uint8_t old_allow_hook = L->allow_hook;
  std::ptrdiff_t old_err_func = L->err_func;
  L->err_func = err_func;
  int st = runtime::run_protected(L, f, ud);
  if (st != status::ok) [[unlikely]] {
    L->ci = old_ci;
    L->allow_hook = old_allow_hook;
    st = runtime::close_protected(L, old_top, st);
    runtime::set_error_object(L, st, restore_stack(L, old_top));
    shrink_stack(L);
  }
  L->err_func = old_err_func;
  return st;
}

namespace {
struct CallArgs {
  StackId func;
  int n_results;
};
void call_aux(lua_State* L, void* ud) {
  auto* args = static_cast<CallArgs*>(ud);
  call_no_yield(L, args->func, args->n_results);
}
}  // namespace

int pcall(lua_State* L, StackId func, int n_results, std::ptrdiff_t err_func) {
  CallArgs args{func, n_results};
  return protected_call(L, call_aux, &args, save_stack(L, func), err_func);
}

}  // namespace luna::vm
