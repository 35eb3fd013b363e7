// The C API, part 2: get/set functions (Lua -> stack, stack -> Lua), metatables, user values,
// table traversal, and the operators (arith, compare, concat, len). Metamethod-aware operations go
// through the VM (vm/interp.h); raw ones use the table module directly. Every store into a heap
// object goes through a GC barrier.
#include <climits>
#include <cstdint>
#include <cstring>

#include "capi/index.h"
#include "capi/table_lib.h"
#include "vm/interp.h"
#include "gc/gc.h"
#include "lua.h"
#include "object/state.h"
#include "object/strings.h"
#include "object/tables.h"
#include "object/userdata.h"

using namespace luna;

namespace {

// The global table: registry[LUA_RIDX_GLOBALS], created with the state and never removed.
const Value* globals(lua_State* L) {
  return tables::get_int(as_table(L->global->registry), LUA_RIDX_GLOBALS);
}

// The table at idx; null when it is not a table (API misuse: the raw functions then act on an
// empty table instead of crashing).
Table* table_at(lua_State* L, int idx) {
  Value* t = capi::index_to_value(L, idx);
  LUNA_API_CHECK(L, t->is_table(), "table expected");
  return t->is_table() ? as_table(*t) : nullptr;
}

const Value* raw_lookup(lua_State* L, Table* t, const Value& key) {
  return t != nullptr ? tables::get(t, key) : capi::nil_slot(L);
}

int get_string_key(lua_State* L, const Value* t, const char* k) {
  String* key = strings::new_cstring(L, k);
  set_string(*L->top, key);
  capi::increment_top(L);
  vm::get_table(L, *t, L->top[-1], L->top - 1);  // the result replaces the key
  return L->top[-1].basic_type();
}

void set_string_key(lua_State* L, const Value* t, const char* k) {
  capi::check_elements(L, 1);
  String* key = strings::new_cstring(L, k);
  set_string(*L->top, key);
  capi::increment_top(L);
  vm::set_table(L, *t, L->top[-1], L->top[-2]);
  L->top -= 2;  // value and key
}

int finish_raw_get(lua_State* L, const Value* slot) {
  if (slot->is_nil())
    L->top->set_nil();  // never copy empty/absent variants to the stack
  else
    *L->top = *slot;
  capi::increment_top(L);
  return L->top[-1].basic_type();
}

void raw_set(lua_State* L, int idx, const Value& key, int n) {
  capi::check_elements(L, n);
  Table* t = table_at(L, idx);
  if (t != nullptr) {
    tables::set(L, t, key, L->top[-1]);  // barrier included
    tables::invalidate_tm_cache(t);
  }
  L->top -= n;
}

Table* metatable_of(lua_State* L, const Value* o) {
  switch (o->basic_type()) {
    case tag::t_table: return as_table(*o)->metatable;
    case tag::t_userdata: return as_udata(*o)->metatable;
    default: return L->global->metatables[o->basic_type()];
  }
}

}  // namespace

// ---- get functions -------------------------------------------------------------------------------

LUA_API int lua_getglobal(lua_State* L, const char* name) {
  Value g = *globals(L);  // copied: the registry slot could move if the registry grew
  return get_string_key(L, &g, name);
}

LUA_API int lua_gettable(lua_State* L, int idx) {
  capi::check_elements(L, 1);
  const Value* t = capi::index_to_value(L, idx);
  vm::get_table(L, *t, L->top[-1], L->top - 1);
  return L->top[-1].basic_type();
}

LUA_API int lua_getfield(lua_State* L, int idx, const char* k) {
  return get_string_key(L, capi::index_to_value(L, idx), k);
}

// lua_geti/lua_seti are the table library's only access path (insert, remove, sort, unpack...).
// The public functions keep only the common case -- a table whose array part holds a non-nil value
// at n -- and tail-call an out-of-line function for everything else, so the hot path needs no
// stack frame or saved registers (it used to cost ~43 instructions a call; now ~20).
[[gnu::noinline]] static int geti_general(lua_State* L, const Value* t, lua_Integer n) {
  const Value* slot = nullptr;
  if (t->is_table()) {
    Table* h = as_table(*t);
    slot = tables::get_int(h, n);
    if (!slot->is_nil() || h->metatable == nullptr) return finish_raw_get(L, slot);
  }
  Value key = Value::from_int(n);
  L->top->set_nil();
  capi::increment_top(L);  // the result slot is on the stack during metamethod calls
  vm::finish_get(L, *t, key, L->top - 1, slot);
  return L->top[-1].basic_type();
}

LUA_API int lua_geti(lua_State* L, int idx, lua_Integer n) {
  const Value* t = capi::index_to_value(L, idx);
  if (t->is_table()) {
    const Table* h = as_table(*t);
    if (static_cast<std::uint64_t>(n) - 1u < h->array_size) {
      const Value& v = h->array[n - 1];
      if (!v.is_nil()) {
        *L->top = v;
        capi::increment_top(L);
        return v.basic_type();
      }
    }
  }
  return geti_general(L, t, n);
}

LUA_API int lua_rawget(lua_State* L, int idx) {
  capi::check_elements(L, 1);
  const Value* slot = raw_lookup(L, table_at(L, idx), L->top[-1]);
  L->top--;
  return finish_raw_get(L, slot);
}

LUA_API int lua_rawgeti(lua_State* L, int idx, lua_Integer n) {
  Table* t = table_at(L, idx);
  return finish_raw_get(L, t != nullptr ? tables::get_int(t, n) : capi::nil_slot(L));
}

LUA_API int lua_rawgetp(lua_State* L, int idx, const void* p) {
  Value key;
  key.set_light_userdata(const_cast<void*>(p));
  return finish_raw_get(L, raw_lookup(L, table_at(L, idx), key));
}

LUA_API void lua_createtable(lua_State* L, int narray, int nrec) {
  Table* t = tables::new_table(L);
  set_table(*L->top, t);
  capi::increment_top(L);
  if (narray > 0 || nrec > 0)
    tables::resize(L, t, static_cast<unsigned>(narray > 0 ? narray : 0),
                   static_cast<unsigned>(nrec > 0 ? nrec : 0));
  gc::check(L);
}

LUA_API void* lua_newuserdatauv(lua_State* L, size_t size, int nuvalue) {
  LUNA_API_CHECK(L, 0 <= nuvalue && nuvalue < SHRT_MAX, "invalid value");
  if (nuvalue < 0) nuvalue = 0;
  Udata* u = userdata::new_udata(L, size, nuvalue);
  set_udata(*L->top, u);
  capi::increment_top(L);
  gc::check(L);
  return u->data();
}

LUA_API int lua_getmetatable(lua_State* L, int objindex) {
  Table* mt = metatable_of(L, capi::index_to_value(L, objindex));
  if (mt == nullptr) return 0;
  set_table(*L->top, mt);
  capi::increment_top(L);
  return 1;
}

LUA_API int lua_getiuservalue(lua_State* L, int idx, int n) {
  Value* o = capi::index_to_value(L, idx);
  LUNA_API_CHECK(L, o->is_userdata(), "full userdata expected");
  int type;
  if (!o->is_userdata() || n <= 0 || n > as_udata(*o)->nuvalue) {
    L->top->set_nil();
    type = LUA_TNONE;
  } else {
    *L->top = as_udata(*o)->uv[n - 1];
    type = L->top->basic_type();
  }
  capi::increment_top(L);
  return type;
}

// ---- set functions -------------------------------------------------------------------------------

LUA_API void lua_setglobal(lua_State* L, const char* name) {
  Value g = *globals(L);
  set_string_key(L, &g, name);
}

LUA_API void lua_settable(lua_State* L, int idx) {
  capi::check_elements(L, 2);
  const Value* t = capi::index_to_value(L, idx);
  vm::set_table(L, *t, L->top[-2], L->top[-1]);
  L->top -= 2;
}

LUA_API void lua_setfield(lua_State* L, int idx, const char* k) {
  set_string_key(L, capi::index_to_value(L, idx), k);
}

// Everything but an assignment to an existing array entry (see lua_geti).
[[gnu::noinline]] static void seti_general(lua_State* L, const Value* t, lua_Integer n) {
  const Value* slot = nullptr;
  if (t->is_table()) {
    Table* h = as_table(*t);
    slot = tables::get_int(h, n);
    if (!slot->is_nil()) {  // an existing key: no __newindex, whatever the metatable
      vm::set_slot(slot, L->top[-1]);
      gc::barrier_back(L, h, L->top[-1]);
      L->top--;
      return;
    }
    if (h->metatable == nullptr) {  // absent or empty: a raw store (set_int creates the key)
      if (tables::is_absent(slot)) tables::set_int(L, h, n, L->top[-1]);
      else {
        vm::set_slot(slot, L->top[-1]);
        gc::barrier_back(L, h, L->top[-1]);
      }
      L->top--;
      return;
    }
  }
  Value key = Value::from_int(n);
  vm::finish_set(L, *t, key, L->top[-1], slot);
  L->top--;
}

LUA_API void lua_seti(lua_State* L, int idx, lua_Integer n) {
  capi::check_elements(L, 1);
  const Value* t = capi::index_to_value(L, idx);
  if (t->is_table()) {
    Table* h = as_table(*t);
    if (static_cast<std::uint64_t>(n) - 1u < h->array_size && !h->array[n - 1].is_nil()) {
      // An existing key: no __newindex, whatever the metatable.
      const Value& v = L->top[-1];
      h->array[n - 1] = v;
      gc::barrier_back(L, h, v);
      L->top--;
      return;
    }
  }
  seti_general(L, t, n);
}

LUA_API void lua_rawset(lua_State* L, int idx) {
  Value key = L->top[-2];
  raw_set(L, idx, key, 2);
}

LUA_API void lua_rawsetp(lua_State* L, int idx, const void* p) {
  Value key;
  key.set_light_userdata(const_cast<void*>(p));
  raw_set(L, idx, key, 1);
}

LUA_API void lua_rawseti(lua_State* L, int idx, lua_Integer n) {
  capi::check_elements(L, 1);
  Table* t = table_at(L, idx);
  if (t != nullptr) tables::set_int(L, t, n, L->top[-1]);  // barrier included
  L->top--;
}

LUA_API int lua_setmetatable(lua_State* L, int objindex) {
  capi::check_elements(L, 1);
  Value* obj = capi::index_to_value(L, objindex);
  Table* mt = nullptr;
  if (!L->top[-1].is_nil()) {
    LUNA_API_CHECK(L, L->top[-1].is_table(), "table expected");
    mt = as_table(L->top[-1]);
  }
  switch (obj->basic_type()) {
    case tag::t_table:
      as_table(*obj)->metatable = mt;
      if (mt != nullptr) {
        gc::object_barrier(L, obj->as_gc(), mt);
        gc::check_finalizer(L, obj->as_gc(), mt);
      }
      break;
    case tag::t_userdata:
      as_udata(*obj)->metatable = mt;
      if (mt != nullptr) {
        gc::object_barrier(L, obj->as_gc(), mt);
        gc::check_finalizer(L, obj->as_gc(), mt);
      }
      break;
    default:
      if (capi::is_valid(L, obj)) L->global->metatables[obj->basic_type()] = mt;
      break;
  }
  L->top--;
  return 1;
}

LUA_API int lua_setiuservalue(lua_State* L, int idx, int n) {
  capi::check_elements(L, 1);
  Value* o = capi::index_to_value(L, idx);
  LUNA_API_CHECK(L, o->is_userdata(), "full userdata expected");
  int result = 0;
  if (o->is_userdata() && static_cast<unsigned>(n) - 1u < as_udata(*o)->nuvalue) {
    Udata* u = as_udata(*o);
    u->uv[n - 1] = L->top[-1];
    gc::barrier_back(L, u, L->top[-1]);
    result = 1;
  }
  L->top--;
  return result;
}

// ---- the table library's fast path (capi/table_lib.h) -----------------------------------------

namespace {

// The array part of the plain table at idx when [first, first+count) lies inside it, else null.
Value* plain_array_range(lua_State* L, int idx, lua_Integer first, lua_Integer count) {
  const Value* t = capi::index_to_value(L, idx);
  if (!t->is_table()) return nullptr;
  Table* h = as_table(*t);
  if (h->metatable != nullptr) return nullptr;
  const auto limit = static_cast<lua_Unsigned>(h->array_size);
  if (first < 1 || static_cast<lua_Unsigned>(first - 1) > limit ||
      static_cast<lua_Unsigned>(count) > limit - static_cast<lua_Unsigned>(first - 1))
    return nullptr;
  return h->array + (first - 1);
}

}  // namespace

bool capi::move_array_range(lua_State* L, int idx, lua_Integer from, lua_Integer to, lua_Integer count) {
  if (count <= 0) return count == 0;  // nothing to move
  Value* source = plain_array_range(L, idx, from, count);
  Value* target = source != nullptr ? plain_array_range(L, idx, to, count) : nullptr;
  if (target == nullptr) return false;
  // Array slots are whole Values (unlike node values, see tables.h), so a byte move is a copy.
  std::memmove(static_cast<void*>(target), static_cast<const void*>(source),
               static_cast<std::size_t>(count) * sizeof(Value));
  return true;
}

bool capi::push_array_range(lua_State* L, int idx, lua_Integer first, lua_Integer count) {
  if (count <= 0) return count == 0;
  const Value* source = plain_array_range(L, idx, first, count);
  if (source == nullptr) return false;
  LUNA_API_CHECK(L, L->ci->top - L->top >= count, "stack overflow");
  for (lua_Integer k = 0; k < count; ++k) {
    if (source[k].is_nil())
      L->top->set_nil();  // never copy empty variants to the stack
    else
      *L->top = source[k];
    L->top++;
  }
  return true;
}

// ---- traversal and operators ---------------------------------------------------------------------

LUA_API int lua_next(lua_State* L, int idx) {
  capi::check_elements(L, 1);
  Table* t = table_at(L, idx);
  if (t != nullptr && tables::next(L, t, L->top - 1)) {
    capi::increment_top(L);
    return 1;
  }
  L->top--;
  return 0;
}

LUA_API void lua_concat(lua_State* L, int n) {
  capi::check_elements(L, n);
  if (n > 0) {
    vm::concat(L, n);
  } else {
    set_string(*L->top, strings::new_string(L, "", 0));
    capi::increment_top(L);
  }
  gc::check(L);
}

LUA_API void lua_len(lua_State* L, int idx) {
  const Value* t = capi::index_to_value(L, idx);
  L->top->set_nil();
  capi::increment_top(L);
  vm::length(L, L->top - 1, *t);
}

LUA_API void lua_arith(lua_State* L, int op) {
  if (op != LUA_OPUNM && op != LUA_OPBNOT) {
    capi::check_elements(L, 2);
  } else {  // unary: the operand doubles as the (ignored) second one, as 5.4 does
    capi::check_elements(L, 1);
    *L->top = L->top[-1];
    capi::increment_top(L);
  }
  vm::arith(L, L->top[-2], L->top[-1], L->top - 2,
            static_cast<Event>(static_cast<int>(Event::Add) + op));  // LUA_OP* follow Event order
  L->top--;
}

// Everything but two numbers of the same kind (see lua_compare).
[[gnu::noinline]] static int compare_general(lua_State* L, const Value* a, const Value* b, int op) {
  if (!capi::is_valid(L, a) || !capi::is_valid(L, b)) return 0;
  switch (op) {
    case LUA_OPEQ: return vm::equal(L, *a, *b);
    case LUA_OPLT: return vm::less_than(L, *a, *b);
    case LUA_OPLE: return vm::less_equal(L, *a, *b);
    default:
      LUNA_API_CHECK(L, false, "invalid option");
      return 0;
  }
}

// table.sort's default order calls this once per comparison: two numbers of the same kind
// are compared inline, in a frameless path; everything else (mixed numbers, strings, __lt/__le,
// equality) is tail-called out of line. The number test comes before the validity test: an
// invalid index reads as nil, which is neither number kind.
LUA_API int lua_compare(lua_State* L, int index1, int index2, int op) {
  const Value* a = capi::index_to_value(L, index1);
  const Value* b = capi::index_to_value(L, index2);
  if (a->tt == b->tt && (op == LUA_OPLT || op == LUA_OPLE)) {
    if (a->is_integer())
      return op == LUA_OPLT ? a->as_int() < b->as_int() : a->as_int() <= b->as_int();
    if (a->is_float())
      return op == LUA_OPLT ? a->as_float() < b->as_float() : a->as_float() <= b->as_float();
  }
  return compare_general(L, a, b, op);
}
