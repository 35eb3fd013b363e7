// Open upvalues and to-be-closed variables (functions.h): find/create the shared open upvalue of a
// stack slot, close upvalues when their frame dies, and run __close handlers in reverse order.
// The to-be-closed list threads through the stack: each marked slot stores, in the padding bytes
// after its tag, the distance to the previous marked slot (0 marks a filler entry used when the
// distance does not fit 16 bits), as PUC 5.4 does; L->tbc_list is the innermost marked slot
// (null or L->stack when there is none).
#include <cstring>

#include "gc/gc.h"
#include "object/functions.h"
#include "runtime/debug.h"
#include "runtime/error.h"
#include "vm/call.h"
#include "vm/interp.h"
#include "vm/status.h"

namespace luna::functions {

namespace {

constexpr std::ptrdiff_t max_delta = 0xFFFF;
constexpr std::size_t delta_offset = offsetof(Value, tt) + 2;  // inside the Value's padding
static_assert(delta_offset + sizeof(std::uint16_t) <= sizeof(Value));

std::uint16_t get_delta(const Value* slot) {
  std::uint16_t d;
  std::memcpy(&d, reinterpret_cast<const char*>(slot) + delta_offset, sizeof d);
  return d;
}
void set_delta(Value* slot, std::uint16_t d) {
  std::memcpy(reinterpret_cast<char*>(slot) + delta_offset, &d, sizeof d);
}

UpVal* new_upval(lua_State* L, StackId level, UpVal** previous) {
  auto* uv = static_cast<UpVal*>(gc::new_object(L, tag::upval, sizeof(UpVal)));
  UpVal* next = *previous;
  uv->tbc = 0;
  uv->v.p = level;
  uv->u.open.next = next;
  uv->u.open.previous = previous;
  if (next != nullptr) next->u.open.previous = &uv->u.open.next;
  *previous = uv;
  if (L->twups == L) {  // not yet in the list of threads with open upvalues
    L->twups = L->global->twups;
    L->global->twups = L;
  }
  return uv;
}

void pop_tbc(lua_State* L) {
  StackId tbc = L->tbc_list;
  tbc -= get_delta(tbc);
  while (tbc > L->stack && get_delta(tbc) == 0) tbc -= max_delta;  // skip filler entries
  L->tbc_list = tbc;
}

void call_close_method(lua_State* L, const Value& obj, const Value& err, bool yieldable) {
  StackId top = L->top;
  const Value* tm = vm::tm_by_obj(L, obj, Event::Close);
  if (tm != nullptr) {
    top[0] = *tm;
  } else {
    top[0].set_nil();  // the call raises "attempt to call a nil value"
  }
  top[1] = obj;
  top[2] = err;
  L->top = top + 3;
  if (yieldable) {
    vm::call(L, top, 0);
  } else {
    vm::call_no_yield(L, top, 0);
  }
}

void prep_call_close(lua_State* L, StackId level, int status, bool yieldable) {
  if (status == status::close_keep_top) {
    call_close_method(L, *level, L->global->nil_value, yieldable);
  } else {
    runtime::set_error_object(L, status, level + 1);  // the error object goes after the value
    call_close_method(L, *level, level[1], yieldable);
  }
}

}  // namespace

UpVal* find_upval(lua_State* L, StackId level) {
  UpVal** pp = &L->open_upval;
  UpVal* p;
  while ((p = *pp) != nullptr && p->v.p >= level) {
    if (p->v.p == level) return p;
    pp = &p->u.open.next;
  }
  return new_upval(L, level, pp);
}

void close_upvals(lua_State* L, StackId level) {
  UpVal* uv;
  while ((uv = L->open_upval) != nullptr && uv->v.p >= level) {
    Value* slot = uv->v.p;
    *uv->u.open.previous = uv->u.open.next;  // unlink before the union is overwritten
    if (uv->u.open.next != nullptr) uv->u.open.next->u.open.previous = uv->u.open.previous;
    uv->u.value = *slot;
    uv->v.p = &uv->u.value;
    gc::barrier(L, uv, uv->u.value);
  }
}

void new_tbc(lua_State* L, StackId obj) {
  if (obj->is_falsy()) return;  // false and nil need no closing
  if (vm::tm_by_obj(L, *obj, Event::Close) == nullptr) {
    CallInfo* ci = L->ci;
    const char* name = nullptr;
    if (!(ci->call_status & cist::c)) {
      int idx = static_cast<int>(obj - ci->func);
      name = local_name(as_lclosure(*ci->func)->p, idx, runtime::current_pc(ci));
    }
    runtime::run_error(L, "variable '%s' got a non-closable value", name ? name : "?");
  }
  StackId head = L->tbc_list != nullptr ? L->tbc_list : L->stack;
  while (obj - head > max_delta) {
    head += max_delta;
    set_delta(head, 0);  // filler entry
  }
  set_delta(obj, static_cast<std::uint16_t>(obj - head));
  L->tbc_list = obj;
}

StackId close(lua_State* L, StackId level, int status, bool yieldable) {
  std::ptrdiff_t saved = vm::save_stack(L, level);
  close_upvals(L, level);
  while (L->tbc_list != nullptr && L->tbc_list >= level) {
    StackId tbc = L->tbc_list;
    pop_tbc(L);
    prep_call_close(L, tbc, status, yieldable);
    level = vm::restore_stack(L, saved);
  }
  return level;
}

}  // namespace luna::functions
