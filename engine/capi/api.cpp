// The C API, part 1: basic stack manipulation, access functions (stack -> C) and push functions
// (C -> stack), as in the Lua 5.4 manual §4. Index resolution lives in capi/index.h.
// Every function here follows the manual's stack effects exactly; misuse the manual calls
// undefined is checked with LUNA_API_CHECK (debug builds) and made harmless where cheap.
#include <cstring>

#include "capi/index.h"
#include "gc/gc.h"
#include "lua.h"
#include "number/arith.h"
#include "number/numconv.h"
#include "object/functions.h"
#include "object/state.h"
#include "object/strings.h"
#include "object/tables.h"
#include "runtime/format.h"
#include "vm/call.h"
#include "vm/status.h"

using namespace luna;

namespace {


bool raw_equal(const Value& a, const Value& b) {
  if (a.tt != b.tt) {
    if (a.is_integer() && b.is_float()) return number::eq_int_float(a.as_int(), b.as_float());
    if (a.is_float() && b.is_integer()) return number::eq_int_float(b.as_int(), a.as_float());
    return false;
  }
  switch (a.tt) {
    case tag::nil: case tag::empty: case tag::abstkey:
    case tag::false_: case tag::true_:
      return true;
    case tag::integer: return a.as_int() == b.as_int();
    case tag::float_: return a.as_float() == b.as_float();
    case tag::lightuserdata: return a.v.p == b.v.p;
    case tag::light_cfunction: return a.v.f == b.v.f;
    case tag::long_string: return strings::equal(as_string(a), as_string(b));
    default: return a.as_gc() == b.as_gc();
  }
}

}  // namespace

// ---- index resolution (capi/index.h) -----------------------------------------------------------

Value* capi::pseudo_index_value(lua_State* L, int idx) {
  if (idx == registry_index) return &L->global->registry;
  int n = registry_index - idx;  // upvalue number, 1-based
  LUNA_API_CHECK(L, n <= max_upvalues + 1, "upvalue index too large");
  const Value& fn = *L->ci->func;
  if (fn.is_c_closure()) {
    CClosure* cl = as_cclosure(fn);
    return n <= cl->nupvalues ? &cl->upvalue[n - 1] : nil_slot(L);
  }
  return nil_slot(L);  // a light C function (or a Lua function through a hook) has no upvalues
}

// ---- basic stack manipulation ------------------------------------------------------------------

LUA_API int lua_absindex(lua_State* L, int idx) {
  return idx > 0 || capi::is_pseudo(idx) ? idx : static_cast<int>(L->top - L->ci->func) + idx;
}

LUA_API int lua_gettop(lua_State* L) { return static_cast<int>(L->top - (L->ci->func + 1)); }

// Pending __close variables of removed slots run here; the check is one compare when the thread
// has none (the common case), so the whole shrinking path stays a few instructions.
[[gnu::noinline]] static void close_to_top(lua_State* L, StackId new_top) {
  L->top = functions::close(L, new_top, status::close_keep_top, false);
}

LUA_API void lua_settop(lua_State* L, int idx) {
  StackId new_top;
  if (idx >= 0) {
    luna::CallInfo* ci = L->ci;
    LUNA_API_CHECK(L, idx <= ci->top - (ci->func + 1), "new top too large");
    new_top = (ci->func + 1) + idx;
    if (new_top >= L->top) {  // growing: no slot is removed, so nothing to close
      for (StackId p = L->top; p < new_top; p++) p->set_nil();
      L->top = new_top;
      return;
    }
  } else {
    LUNA_API_CHECK(L, -(idx + 1) <= L->top - (L->ci->func + 1), "invalid new top");
    new_top = L->top + (idx + 1);
  }
  if (L->tbc_list != nullptr && L->tbc_list >= new_top) return close_to_top(L, new_top);
  L->top = new_top;
}

namespace {
void reverse(StackId from, StackId to) {
  for (; from < to; from++, to--) {
    Value temp = *from;
    *from = *to;
    *to = temp;
  }
}
}  // namespace

LUA_API void lua_rotate(lua_State* L, int idx, int n) {
  StackId t = L->top - 1;
  StackId p = capi::index_to_stack(L, idx);
  LUNA_API_CHECK(L, (n >= 0 ? n : -n) <= (t - p + 1), "invalid 'n'");
  StackId m = n >= 0 ? t - n : p - n - 1;  // end of the prefix
  reverse(p, m);
  reverse(m + 1, t);
  reverse(p, t);
}

LUA_API void lua_copy(lua_State* L, int fromidx, int toidx) {
  Value* from = capi::index_to_value(L, fromidx);
  Value* to = capi::index_to_value(L, toidx);
  LUNA_API_CHECK(L, capi::is_valid(L, to), "invalid index");
  if (!capi::is_valid(L, to)) return;
  *to = *from;
  if (capi::is_upvalue_index(toidx)) gc::barrier(L, as_cclosure(*L->ci->func), *from);
}

LUA_API void lua_pushvalue(lua_State* L, int idx) {
  *L->top = *capi::index_to_value(L, idx);
  capi::increment_top(L);
}

LUA_API int lua_checkstack(lua_State* L, int n) {
  luna::CallInfo* ci = L->ci;
  LUNA_API_CHECK(L, n >= 0, "negative 'n'");
  if (n < 0) return 0;
  if (L->stack_last - L->top <= n) {
    // Growing beyond LUAI_MAXSTACK is refused with 0 (the manual's "cannot fulfill the request").
    if (n >= max_stack || (L->top - L->stack) + n > max_stack) return 0;
    vm::grow_stack(L, n);
  }
  if (ci->top < L->top + n) ci->top = L->top + n;
  return 1;
}

LUA_API void lua_xmove(lua_State* from, lua_State* to, int n) {
  if (from == to) return;
  capi::check_elements(from, n);
  LUNA_API_CHECK(from, from->global == to->global, "moving among independent states");
  LUNA_API_CHECK(from, to->ci->top - to->top >= n, "stack overflow");
  from->top -= n;
  for (int i = 0; i < n; i++) *to->top++ = from->top[i];
}

// ---- access functions (stack -> C) ---------------------------------------------------------------

LUA_API int lua_type(lua_State* L, int idx) {
  const Value* o = capi::index_to_value(L, idx);
  const int type = o->basic_type();
  if (type != LUA_TNIL) return type;  // the "no value" slot holds nil, so this one is valid
  return capi::is_valid(L, o) ? LUA_TNIL : LUA_TNONE;
}

LUA_API const char* lua_typename(lua_State* L, int t) {
  static_cast<void>(L);
  static constexpr const char* names[] = {"no value", "nil",      "boolean", "userdata", "number",
                                          "string",   "table",    "function", "userdata", "thread"};
  LUNA_API_CHECK(L, LUA_TNONE <= t && t < LUA_NUMTYPES, "invalid type");
  if (t < LUA_TNONE || t >= LUA_NUMTYPES) return "?";
  return names[t + 1];
}

LUA_API int lua_iscfunction(lua_State* L, int idx) {
  const Value* o = capi::index_to_value(L, idx);
  return o->is_light_cfunction() || o->is_c_closure();
}

LUA_API int lua_isinteger(lua_State* L, int idx) { return capi::index_to_value(L, idx)->is_integer(); }

LUA_API int lua_isnumber(lua_State* L, int idx) {
  double n;
  return runtime::to_number(capi::index_to_value(L, idx), &n);
}

LUA_API int lua_isstring(lua_State* L, int idx) {
  const Value* o = capi::index_to_value(L, idx);
  return o->is_string() || o->is_number();
}

LUA_API int lua_isuserdata(lua_State* L, int idx) {
  const Value* o = capi::index_to_value(L, idx);
  return o->is_userdata() || o->is_light_userdata();
}

LUA_API int lua_rawequal(lua_State* L, int index1, int index2) {
  const Value* a = capi::index_to_value(L, index1);
  const Value* b = capi::index_to_value(L, index2);
  return capi::is_valid(L, a) && capi::is_valid(L, b) && raw_equal(*a, *b);
}

// Both conversions answer the common case (the value already has the wanted kind) inline and
// leave strings and the other number kind to runtime/.
LUA_API lua_Number lua_tonumberx(lua_State* L, int idx, int* isnum) {
  const Value* o = capi::index_to_value(L, idx);
  if (o->is_float()) {
    if (isnum != nullptr) *isnum = 1;
    return o->as_float();
  }
  double n = 0;
  int ok = runtime::to_number(o, &n);
  if (isnum != nullptr) *isnum = ok;
  return ok ? n : 0;
}

LUA_API lua_Integer lua_tointegerx(lua_State* L, int idx, int* isnum) {
  const Value* o = capi::index_to_value(L, idx);
  if (o->is_integer()) {
    if (isnum != nullptr) *isnum = 1;
    return o->as_int();
  }
  std::int64_t i = 0;
  int ok = runtime::to_integer(o, &i);
  if (isnum != nullptr) *isnum = ok;
  return ok ? i : 0;
}

LUA_API int lua_toboolean(lua_State* L, int idx) { return !capi::index_to_value(L, idx)->is_falsy(); }

// Numbers are converted in place, as the manual says (a collector step may follow).
[[gnu::noinline]] static const char* tolstring_number(lua_State* L, int idx, Value* o, size_t* len) {
  if (!o->is_number()) {
    if (len != nullptr) *len = 0;
    return nullptr;
  }
  runtime::number_to_string(L, o);
  if (capi::is_upvalue_index(idx)) gc::barrier(L, as_cclosure(*L->ci->func), *o);
  gc::check(L);
  const String* s = as_string(*capi::index_to_value(L, idx));  // re-resolved, to be safe
  if (len != nullptr) *len = s->length();
  return s->chars();
}

// Strings take a frameless path (luaL_checklstring and every string function call this).
LUA_API const char* lua_tolstring(lua_State* L, int idx, size_t* len) {
  Value* o = capi::index_to_value(L, idx);
  if (!o->is_string()) return tolstring_number(L, idx, o, len);
  const String* s = as_string(*o);
  if (len != nullptr) *len = s->length();
  return s->chars();
}

LUA_API lua_Unsigned lua_rawlen(lua_State* L, int idx) {
  const Value* o = capi::index_to_value(L, idx);
  switch (o->tt) {
    case tag::short_string:
    case tag::long_string: return as_string(*o)->length();
    case tag::userdata: return as_udata(*o)->len;
    case tag::table: return tables::length(as_table(*o));
    default: return 0;
  }
}

LUA_API lua_CFunction lua_tocfunction(lua_State* L, int idx) {
  const Value* o = capi::index_to_value(L, idx);
  if (o->is_light_cfunction()) return o->v.f;
  if (o->is_c_closure()) return as_cclosure(*o)->f;
  return nullptr;
}

LUA_API void* lua_touserdata(lua_State* L, int idx) {
  const Value* o = capi::index_to_value(L, idx);
  if (o->is_userdata()) return as_udata(*o)->data();
  if (o->is_light_userdata()) return o->v.p;
  return nullptr;
}

LUA_API lua_State* lua_tothread(lua_State* L, int idx) {
  const Value* o = capi::index_to_value(L, idx);
  return o->is_thread() ? as_thread(*o) : nullptr;
}

LUA_API const void* lua_topointer(lua_State* L, int idx) {
  const Value* o = capi::index_to_value(L, idx);
  switch (o->tt) {
    case tag::light_cfunction: return reinterpret_cast<const void*>(o->v.f);
    case tag::userdata: return as_udata(*o)->data();
    case tag::lightuserdata: return o->v.p;
    default: return o->is_collectable() ? o->as_gc() : nullptr;
  }
}

// ---- push functions (C -> stack) -----------------------------------------------------------------

LUA_API void lua_pushnil(lua_State* L) {
  L->top->set_nil();
  capi::increment_top(L);
}

LUA_API void lua_pushnumber(lua_State* L, lua_Number n) {
  L->top->set_float(n);
  capi::increment_top(L);
}

LUA_API void lua_pushinteger(lua_State* L, lua_Integer n) {
  L->top->set_int(n);
  capi::increment_top(L);
}

LUA_API const char* lua_pushlstring(lua_State* L, const char* s, size_t len) {
  String* ts = len == 0 ? strings::new_string(L, "", 0) : strings::new_string(L, s, len);
  set_string(*L->top, ts);
  capi::increment_top(L);
  gc::check(L);
  return ts->chars();
}

LUA_API const char* lua_pushstring(lua_State* L, const char* s) {
  if (s == nullptr) {
    L->top->set_nil();
  } else {
    String* ts = strings::new_cstring(L, s);
    set_string(*L->top, ts);
    s = ts->chars();
  }
  capi::increment_top(L);
  gc::check(L);
  return s;
}

LUA_API const char* lua_pushvfstring(lua_State* L, const char* fmt, va_list argp) {
  const char* result = runtime::push_vfstring(L, fmt, argp);
  gc::check(L);
  return result;
}

LUA_API const char* lua_pushfstring(lua_State* L, const char* fmt, ...) {
  va_list argp;
  va_start(argp, fmt);
  const char* result = runtime::push_vfstring(L, fmt, argp);
  va_end(argp);
  gc::check(L);
  return result;
}

LUA_API void lua_pushcclosure(lua_State* L, lua_CFunction fn, int n) {
  if (n == 0) {
    L->top->set_cfunction(fn);
    capi::increment_top(L);
    return;
  }
  capi::check_elements(L, n);
  LUNA_API_CHECK(L, n <= capi::max_upvalues, "upvalue index too large");
  CClosure* cl = functions::new_cclosure(L, n);
  cl->f = fn;
  L->top -= n;
  while (n-- > 0) cl->upvalue[n] = L->top[n];  // no barrier: the closure is new (white)
  set_cclosure(*L->top, cl);
  capi::increment_top(L);
  gc::check(L);
}

LUA_API void lua_pushboolean(lua_State* L, int b) {
  L->top->set_bool(b != 0);
  capi::increment_top(L);
}

LUA_API void lua_pushlightuserdata(lua_State* L, void* p) {
  L->top->set_light_userdata(p);
  capi::increment_top(L);
}

LUA_API int lua_pushthread(lua_State* L) {
  set_thread(*L->top, L);
  capi::increment_top(L);
  return L->global->main_thread == L;
}

LUA_API size_t lua_stringtonumber(lua_State* L, const char* s) {
  number::Numeral numeral{};
  std::size_t size = number::parse_numeral(std::string_view(s), numeral);
  if (size != 0) {
    if (numeral.is_integer)
      L->top->set_int(numeral.i);
    else
      L->top->set_float(numeral.f);
    capi::increment_top(L);
  }
  return size;
}
