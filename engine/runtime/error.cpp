// Error raising (longjmp to the innermost LongJump of the thread), protected execution, the 5.4
// message texts of the VM's runtime errors and the unprotected-error path (re-raise in the main
// thread, else the panic function, else abort).
#include "runtime/error.h"

#include <csetjmp>
#include <cstdlib>
#include <cstring>
#include <string>

#include "base/chunkid.h"
#include "runtime/debug.h"
#include "runtime/format.h"
#include "object/functions.h"
#include "object/strings.h"
#include "object/tables.h"
#include "vm/call.h"
#include "vm/coroutine.h"
#include "vm/interp.h"
#include "vm/status.h"

namespace luna::runtime {

namespace {

const Proto* proto_of(const CallInfo* ci) { return as_lclosure(*ci->func)->p; }

// The std::string of base::chunk_id lives only inside this function, so no destructor is pending
// when the caller raises.
[[gnu::noinline]] void chunk_id_into(char* out, const String* source) {
  std::string id = base::chunk_id(std::string_view(source->chars(), source->length()));
  std::size_t n = id.size() < base::id_size - 1 ? id.size() : base::id_size - 1;
  std::memcpy(out, id.data(), n);
  out[n] = '\0';
}

[[noreturn]] void op_type_error(lua_State* L, const Value* a, const Value* b, const char* msg) {
  if (!a->is_number()) b = a;  // blame the first operand that is not a number
  type_error(L, b, msg);
}

}  // namespace

[[noreturn]] void raise(lua_State* L, int status) {
  if (L->error_jmp != nullptr) {
    L->error_jmp->status = status;
#if LUNA_BUILTIN_LONGJMP
    __builtin_longjmp(L->error_jmp->buffer, 1);
#else
    _longjmp(L->error_jmp->buffer, 1);
#endif
  }
  GlobalState* g = L->global;
  status = vm::reset_thread(L, status);  // close pending variables of this thread
  lua_State* main = g->main_thread;
  if (main != L && main->error_jmp != nullptr) {
    *main->top = L->top[-1];  // re-raise the error in the main thread
    main->top++;
    raise(main, status);
  }
  if (g->panic != nullptr) g->panic(L);
  std::abort();
}

int run_protected(lua_State* L, ProtectedFn f, void* ud) {
  std::uint32_t old_c_calls = L->n_c_calls;
  LongJump lj;
  lj.status = status::ok;
  lj.previous = L->error_jmp;
  L->error_jmp = &lj;
#if LUNA_BUILTIN_LONGJMP
  if (__builtin_setjmp(lj.buffer) == 0) f(L, ud);
#else
  if (_setjmp(lj.buffer) == 0) f(L, ud);
#endif
  L->error_jmp = lj.previous;
  L->n_c_calls = old_c_calls;
  return lj.status;
}

[[noreturn]] void error(lua_State* L) {
  if (L->err_func != 0) {  // run the message handler at the raise point
    StackId handler = vm::restore_stack(L, L->err_func);
    L->top[0] = L->top[-1];
    L->top[-1] = *handler;
    L->top++;  // extra_stack guarantees the slot
    vm::call_no_yield(L, L->top - 2, 1);
  }
  raise(L, status::errrun);
}

[[noreturn]] void error_in_error(lua_State* L) {
  set_string(*L->top, strings::new_cstring(L, "error in error handling"));
  L->top++;
  raise(L, status::errerr);
}

[[noreturn]] void memory_error(lua_State* L) { raise(L, status::errmem); }

const char* add_position(lua_State* L, const char* msg, CallInfo* ci) {
  char buffer[base::id_size];
  const Proto* p = proto_of(ci);
  if (p->source != nullptr) {
    chunk_id_into(buffer, p->source);
  } else {
    buffer[0] = '?';
    buffer[1] = '\0';
  }
  return push_fstring(L, "%s:%d: %s", buffer, current_line(ci), msg);
}

[[noreturn]] void run_error(lua_State* L, const char* fmt, ...) {
  va_list args;
  va_start(args, fmt);
  const char* msg = push_vfstring(L, fmt, args);
  va_end(args);
  CallInfo* ci = L->ci;
  if (!(ci->call_status & cist::c)) {
    add_position(L, msg, ci);
    L->top[-2] = L->top[-1];  // keep only the message with position
    L->top--;
  }
  error(L);
}

const char* basic_type_name(int basic_type) {
  static const char* const names[] = {"nil",    "boolean",  "userdata", "number",
                                      "string", "table",    "function", "userdata",
                                      "thread", "upvalue",  "proto"};
  if (basic_type < 0 || basic_type > 10) return "no value";
  return names[basic_type];
}

const char* object_type_name(lua_State* L, const Value* v) {
  Table* mt = nullptr;
  if (v->is_table()) {
    mt = as_table(*v)->metatable;
  } else if (v->is_userdata()) {
    mt = as_udata(*v)->metatable;
  }
  if (mt != nullptr) {
    const Value* name = tables::get_short_str(mt, strings::new_cstring(L, "__name"));
    if (name->is_string()) return as_string(*name)->chars();
  }
  return basic_type_name(v->basic_type());
}

[[noreturn]] void type_error(lua_State* L, const Value* v, const char* operation) {
  const char* type = object_type_name(L, v);
  const char* info = variable_info(L, v);
  run_error(L, "attempt to %s a %s value%s", operation, type, info);
}

[[noreturn]] void call_error(lua_State* L, const Value* v) {
  const char* name = nullptr;
  const char* kind = function_name(L, L->ci, &name);
  const char* extra = kind != nullptr ? push_fstring(L, " (%s '%s')", kind, name) : variable_info(L, v);
  run_error(L, "attempt to call a %s value%s", object_type_name(L, v), extra);
}

[[noreturn]] void arith_error(lua_State* L, const Value* a, const Value* b, bool bitwise) {
  if (bitwise) {
    if (a->is_number() && b->is_number()) to_int_error(L, a, b);
    op_type_error(L, a, b, "perform bitwise operation on");
  }
  op_type_error(L, a, b, "perform arithmetic on");
}

[[noreturn]] void to_int_error(lua_State* L, const Value* a, const Value* b) {
  std::int64_t temp;
  if (!vm::to_integer_no_string(*a, temp, number::F2I::exact)) b = a;
  run_error(L, "number%s has no integer representation", variable_info(L, b));
}

[[noreturn]] void concat_error(lua_State* L, const Value* a, const Value* b) {
  if (a->is_string() || a->is_number()) a = b;
  type_error(L, a, "concatenate");
}

[[noreturn]] void order_error(lua_State* L, const Value* a, const Value* b) {
  const char* t1 = object_type_name(L, a);
  const char* t2 = object_type_name(L, b);
  if (std::strcmp(t1, t2) == 0) run_error(L, "attempt to compare two %s values", t1);
  run_error(L, "attempt to compare %s with %s", t1, t2);
}

[[noreturn]] void for_error(lua_State* L, const Value* v, const char* what) {
  run_error(L, "bad 'for' %s (number expected, got %s)", what, object_type_name(L, v));
}

void set_error_object(lua_State* L, int status, StackId old_top) {
  switch (status) {
    case status::errmem:
      set_string(*old_top, L->global->memory_error_msg);
      break;
    case status::ok:
      old_top->set_nil();  // closing upvalues without an error
      break;
    default:
      *old_top = L->top[-1];
      break;
  }
  L->top = old_top + 1;
}

namespace {
struct CloseArgs {
  std::ptrdiff_t level;
  int status;
};
void close_aux(lua_State* L, void* ud) {
  auto* args = static_cast<CloseArgs*>(ud);
  functions::close(L, vm::restore_stack(L, args->level), args->status, false);
}

// True when some open upvalue or to-be-closed variable lives at or above `level`.
bool has_pending_close(const lua_State* L, const Value* level) {
  return (L->open_upval != nullptr && L->open_upval->v.p >= level) ||
         (L->tbc_list != nullptr && L->tbc_list >= level);
}

}  // namespace

int close_protected(lua_State* L, std::ptrdiff_t level, int status) {
  // Most errors unwind frames that hold nothing to close: skip the protected call's setjmp.
  if (!has_pending_close(L, vm::restore_stack(L, level))) return status;
  CallInfo* old_ci = L->ci;
  std::uint8_t old_allow_hook = L->allow_hook;
  for (;;) {
    CloseArgs args{level, status};
    int st = run_protected(L, close_aux, &args);
    if (st == status::ok) return args.status;
    // A __close raised: its error replaces the current one; go on closing the rest.
    L->ci = old_ci;
    L->allow_hook = old_allow_hook;
    status = st;
  }
}

}  // namespace luna::runtime
