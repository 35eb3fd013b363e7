// Operator semantics outside the interpreter's fast paths: metamethod lookup and calls, arithmetic
// and bitwise fallbacks, equality and order, concatenation, length and the __index/__newindex
// chains, exactly as Lua 5.4 (lvm.c / ltm.c behaviour).
#include <climits>
#include <cstring>

#include "gc/gc.h"
#include "number/numconv.h"
#include "object/strings.h"
#include "object/tables.h"
#include "runtime/error.h"
#include "vm/call.h"
#include "vm/interp.h"

namespace luna::vm {

namespace {

// Raw lookup for get_table/set_table and __index chains: integer keys (lua_geti/lua_seti,
// table.*) take the inline array path of get_int, short strings the inline hash walk.
inline const Value* raw_lookup(Table* t, const Value& key) {
  if (key.is_integer()) return tables::get_int(t, key.as_int());
  if (key.is_short_string()) return tables::get_short_str(t, as_string(key));
  return tables::get(t, key);
}

constexpr int max_tag_loop = 2000;  // __index/__newindex chain limit (MAXTAGLOOP)

inline bool is_lua_code(const CallInfo* ci) {
  return (ci->call_status & (cist::c | cist::hooked)) == 0;
}

inline bool is_bitwise(Event ev) {
  switch (ev) {
    case Event::Band: case Event::Bor: case Event::Bxor: case Event::Shl: case Event::Shr:
    case Event::Bnot:
      return true;
    default:
      return false;
  }
}

inline std::int64_t wrap(std::uint64_t v) { return static_cast<std::int64_t>(v); }

std::int64_t int_arith(lua_State* L, Event ev, std::int64_t a, std::int64_t b) {
  auto ua = static_cast<std::uint64_t>(a);
  auto ub = static_cast<std::uint64_t>(b);
  switch (ev) {
    case Event::Add: return wrap(ua + ub);
    case Event::Sub: return wrap(ua - ub);
    case Event::Mul: return wrap(ua * ub);
    case Event::Mod: return int_mod(L, a, b);
    case Event::Idiv: return int_div(L, a, b);
    case Event::Band: return a & b;
    case Event::Bor: return a | b;
    case Event::Bxor: return a ^ b;
    case Event::Shl: return number::shift_left(a, b);
    case Event::Shr: return number::shift_left(a, wrap(0 - ub));
    case Event::Unm: return wrap(0 - ua);
    case Event::Bnot: return ~a;
    default: return 0;
  }
}

double float_arith(Event ev, double a, double b) {
  switch (ev) {
    case Event::Add: return a + b;
    case Event::Sub: return a - b;
    case Event::Mul: return a * b;
    case Event::Div: return a / b;
    case Event::Pow: return b == 2 ? a * a : number::float_pow(a, b);
    case Event::Idiv: return number::float_floor_div(a, b);
    case Event::Mod: return number::float_mod(a, b);
    case Event::Unm: return -a;
    default: return 0;
  }
}

// l_strcmp: strcoll-ordered comparison that also orders strings with embedded zeros.
int string_compare(const String* ls, const String* rs) {
  const char* l = ls->chars();
  std::size_t ll = ls->length();
  const char* r = rs->chars();
  std::size_t lr = rs->length();
  for (;;) {
    int temp = std::strcoll(l, r);
    if (temp != 0) return temp;
    std::size_t len = std::strlen(l);  // both prefixes are equal up to their first '\0'
    std::size_t rlen = std::strlen(r);
    if (rlen == lr) return len == ll ? 0 : 1;
    if (len == ll) return -1;
    len++;
    rlen++;
    l += len;
    ll -= len;
    r += rlen;
    lr -= rlen;
  }
}

bool lt_num(const Value& a, const Value& b) {
  if (a.is_integer()) {
    if (b.is_integer()) return a.as_int() < b.as_int();
    return number::lt_int_float(a.as_int(), b.as_float());
  }
  if (b.is_float()) return a.as_float() < b.as_float();
  return number::lt_float_int(a.as_float(), b.as_int());
}
bool le_num(const Value& a, const Value& b) {
  if (a.is_integer()) {
    if (b.is_integer()) return a.as_int() <= b.as_int();
    return number::le_int_float(a.as_int(), b.as_float());
  }
  if (b.is_float()) return a.as_float() <= b.as_float();
  return number::le_float_int(a.as_float(), b.as_int());
}

// Order metamethod call; raises the order error when neither operand has one.
bool call_order_tm(lua_State* L, const Value& a, const Value& b, Event ev) {
  const Value* tm = tm_by_obj(L, a, ev);
  if (tm == nullptr) tm = tm_by_obj(L, b, ev);
  if (tm == nullptr) runtime::order_error(L, &a, &b);
  StackId res = L->top;
  call_tm_res(L, *tm, a, b, res);
  return !L->top->is_falsy();  // call_tm_res left the result in the slot at the old top
}

}  // namespace

// ---- metamethods ----------------------------------------------------------------------------

const Value* metatable_tm(lua_State* L, Table* mt, Event e) {
  if (mt == nullptr) return nullptr;
  if (e <= Event::Eq) return tables::fast_tm(L, mt, e);
  const Value* v = tables::get_short_str(mt, L->global->tm_name[static_cast<int>(e)]);
  return v->is_nil() ? nullptr : v;
}

Table* metatable_of(lua_State* L, const Value& o) {
  switch (o.basic_type()) {
    case tag::t_table: return as_table(o)->metatable;
    case tag::t_userdata: return as_udata(o)->metatable;
    default: return L->global->metatables[o.basic_type()];
  }
}

const Value* tm_by_obj(lua_State* L, const Value& o, Event e) {
  Table* mt = metatable_of(L, o);
  if (mt == nullptr) return nullptr;
  const Value* v = tables::get_short_str(mt, L->global->tm_name[static_cast<int>(e)]);
  return v->is_nil() ? nullptr : v;
}

void call_tm_res(lua_State* L, const Value& f, const Value& p1, const Value& p2, StackId res) {
  std::ptrdiff_t result = save_stack(L, res);
  StackId func = L->top;
  func[0] = f;  // extra_stack slots above ci->top guarantee room for these three
  func[1] = p1;
  func[2] = p2;
  L->top = func + 3;
  if (is_lua_code(L->ci)) {
    call(L, func, 1);
  } else {
    call_no_yield(L, func, 1);
  }
  res = restore_stack(L, result);
  *res = *--L->top;
}

void call_tm(lua_State* L, const Value& f, const Value& p1, const Value& p2, const Value& p3) {
  StackId func = L->top;
  func[0] = f;
  func[1] = p1;
  func[2] = p2;
  func[3] = p3;
  L->top = func + 4;
  if (is_lua_code(L->ci)) {
    call(L, func, 0);
  } else {
    call_no_yield(L, func, 0);
  }
}

// ---- conversions ----------------------------------------------------------------------------

bool string_to_number(const Value& s, Value& out) {
  if (!s.is_string()) return false;
  const String* str = as_string(s);
  number::Numeral num;
  std::size_t len = str->length();
  if (number::parse_numeral(std::string_view(str->chars(), len), num) != len + 1) return false;
  if (num.is_integer) {
    out.set_int(num.i);
  } else {
    out.set_float(num.f);
  }
  return true;
}

bool to_number(const Value& v, double& out) {
  if (v.is_float()) {
    out = v.as_float();
    return true;
  }
  if (v.is_integer()) {
    out = static_cast<double>(v.as_int());
    return true;
  }
  Value n;
  if (string_to_number(v, n)) {
    out = n.as_number();
    return true;
  }
  return false;
}

bool to_integer_no_string(const Value& v, std::int64_t& out, number::F2I mode) {
  if (v.is_integer()) {
    out = v.as_int();
    return true;
  }
  if (v.is_float()) return number::float_to_integer(v.as_float(), out, mode);
  return false;
}

bool to_integer(const Value& v, std::int64_t& out, number::F2I mode) {
  Value n;
  if (string_to_number(v, n)) return to_integer_no_string(n, out, mode);
  return to_integer_no_string(v, out, mode);
}

bool to_string_in_place(lua_State* L, StackId v) {
  if (v->is_string()) return true;
  if (!v->is_number()) return false;
  char buffer[number::max_number_chars];
  std::size_t len = v->is_integer() ? number::format_integer(v->as_int(), buffer)
                                    : number::format_float(v->as_float(), buffer);
  set_string(*v, strings::new_string(L, buffer, len));
  return true;
}

// ---- arithmetic -----------------------------------------------------------------------------

std::int64_t int_div(lua_State* L, std::int64_t a, std::int64_t b) {
  if (b == 0) [[unlikely]] runtime::run_error(L, "attempt to divide by zero");
  return number::int_floor_div(a, b);
}

std::int64_t int_mod(lua_State* L, std::int64_t a, std::int64_t b) {
  if (b == 0) [[unlikely]] runtime::run_error(L, "attempt to perform 'n%%0'");
  return number::int_mod(a, b);
}

bool raw_arith(lua_State* L, Event ev, const Value& a, const Value& b, Value& res) {
  if (is_bitwise(ev)) {
    std::int64_t i1, i2;
    if (!to_integer_no_string(a, i1, number::F2I::exact) ||
        !to_integer_no_string(b, i2, number::F2I::exact)) {
      return false;
    }
    res.set_int(int_arith(L, ev, i1, i2));
    return true;
  }
  if (!a.is_number() || !b.is_number()) return false;
  if (ev != Event::Div && ev != Event::Pow && a.is_integer() && b.is_integer()) {
    res.set_int(int_arith(L, ev, a.as_int(), b.as_int()));
  } else {
    res.set_float(float_arith(ev, a.as_number(), b.as_number()));
  }
  return true;
}

void arith(lua_State* L, const Value& a, const Value& b, StackId res, Event ev) {
  Value r;
  if (raw_arith(L, ev, a, b, r)) {
    *res = r;
    return;
  }
  const Value* tm = tm_by_obj(L, a, ev);
  if (tm == nullptr) tm = tm_by_obj(L, b, ev);
  if (tm != nullptr) {
    call_tm_res(L, *tm, a, b, res);
    return;
  }
  bool bitwise = is_bitwise(ev);
  if (!bitwise) {
    // Numeric strings: 5.4 converts them through the string library's arithmetic metamethods;
    // without those (no string library loaded) the conversion happens here, with the same result.
    Value na, nb;
    if ((a.is_number() ? (na = a, true) : string_to_number(a, na)) &&
        (b.is_number() ? (nb = b, true) : string_to_number(b, nb)) && raw_arith(L, ev, na, nb, r)) {
      *res = r;
      return;
    }
  }
  runtime::arith_error(L, &a, &b, bitwise);
}

// ---- comparisons ----------------------------------------------------------------------------

bool raw_equal(const Value& a, const Value& b) { return equal(nullptr, a, b); }

bool equal(lua_State* L, const Value& a, const Value& b) {
  if (a.tt != b.tt) {
    if (a.basic_type() != b.basic_type() || a.basic_type() != tag::t_number) return false;
    std::int64_t i1, i2;
    return to_integer_no_string(a, i1, number::F2I::exact) &&
           to_integer_no_string(b, i2, number::F2I::exact) && i1 == i2;
  }
  const Value* tm;
  switch (a.tt) {
    case tag::nil: case tag::false_: case tag::true_: return true;
    case tag::integer: return a.as_int() == b.as_int();
    case tag::float_: return a.as_float() == b.as_float();
    case tag::lightuserdata: return a.v.p == b.v.p;
    case tag::light_cfunction: return a.v.f == b.v.f;
    case tag::short_string: return a.v.gc == b.v.gc;
    case tag::long_string: return strings::equal(as_string(a), as_string(b));
    case tag::userdata:
      if (a.v.gc == b.v.gc) return true;
      if (L == nullptr) return false;
      tm = metatable_tm(L, as_udata(a)->metatable, Event::Eq);
      if (tm == nullptr) tm = metatable_tm(L, as_udata(b)->metatable, Event::Eq);
      break;
    case tag::table:
      if (a.v.gc == b.v.gc) return true;
      if (L == nullptr) return false;
      tm = metatable_tm(L, as_table(a)->metatable, Event::Eq);
      if (tm == nullptr) tm = metatable_tm(L, as_table(b)->metatable, Event::Eq);
      break;
    default:
      return a.v.gc == b.v.gc;
  }
  if (tm == nullptr) return false;
  call_tm_res(L, *tm, a, b, L->top);
  return !L->top->is_falsy();
}

bool less_than(lua_State* L, const Value& a, const Value& b) {
  if (a.is_number() && b.is_number()) return lt_num(a, b);
  if (a.is_string() && b.is_string()) return string_compare(as_string(a), as_string(b)) < 0;
  return call_order_tm(L, a, b, Event::Lt);
}

bool less_equal(lua_State* L, const Value& a, const Value& b) {
  if (a.is_number() && b.is_number()) return le_num(a, b);
  if (a.is_string() && b.is_string()) return string_compare(as_string(a), as_string(b)) <= 0;
  return call_order_tm(L, a, b, Event::Le);
}

// ---- concatenation and length ---------------------------------------------------------------

void concat(lua_State* L, int total) {
  if (total == 1) return;
  do {
    StackId top = L->top;
    int n = 2;  // values handled in this pass
    StackId a = top - 2;
    StackId b = top - 1;
    if (!(a->is_string() || a->is_number()) || !to_string_in_place(L, b)) {
      const Value* tm = tm_by_obj(L, *a, Event::Concat);
      if (tm == nullptr) tm = tm_by_obj(L, *b, Event::Concat);
      if (tm == nullptr) runtime::concat_error(L, a, b);
      call_tm_res(L, *tm, *a, *b, a);
    } else if (as_string(*b)->length() == 0) {
      to_string_in_place(L, a);  // result is the first operand (as a string)
    } else if (a->is_string() && as_string(*a)->length() == 0) {
      *a = *b;
    } else {
      // Two non-empty strings at least: take as many string-convertible values as possible.
      std::size_t total_len = as_string(*b)->length();
      for (n = 1; n < total && to_string_in_place(L, top - n - 1); n++) {
        std::size_t l = as_string(top[-n - 1])->length();
        if (l >= (SIZE_MAX / 2) - total_len) [[unlikely]] {
          L->top = top - total;
          runtime::run_error(L, "string length overflow");
        }
        total_len += l;
      }
      String* result = nullptr;
      char* dest;
      char short_buffer[max_short_len];
      if (total_len <= max_short_len) {
        dest = short_buffer;
      } else {
        result = strings::new_long_uninit(L, total_len);
        dest = result->data;
      }
      std::size_t pos = 0;
      for (int j = n; j > 0; j--) {
        const String* s = as_string(top[-j]);
        std::memcpy(dest + pos, s->chars(), s->length());
        pos += s->length();
      }
      if (total_len <= max_short_len) {
        result = strings::new_string(L, short_buffer, total_len);
      } else {
        result->data[total_len] = '\0';
      }
      set_string(top[-n], result);
    }
    total -= n - 1;
    L->top -= n - 1;
  } while (total > 1);
}

void length(lua_State* L, StackId res, const Value& v) {
  const Value* tm;
  switch (v.basic_type()) {
    case tag::t_table: {
      Table* t = as_table(v);
      tm = metatable_tm(L, t->metatable, Event::Len);
      if (tm != nullptr) break;
      res->set_int(static_cast<std::int64_t>(tables::length(t)));
      return;
    }
    case tag::t_string:
      res->set_int(static_cast<std::int64_t>(as_string(v)->length()));
      return;
    default:
      tm = tm_by_obj(L, v, Event::Len);
      if (tm == nullptr) runtime::type_error(L, &v, "get length of");
      break;
  }
  call_tm_res(L, *tm, v, v, res);
}

// ---- indexing -------------------------------------------------------------------------------

void finish_get(lua_State* L, const Value& t, const Value& key, StackId res, const Value* slot) {
  const Value* obj = &t;
  int loop = 0;
  if (slot != nullptr && key.is_short_string()) {
    // The common chain first (a method or field inherited through tables whose __index is a
    // table), without the general loop's calls; anything else continues below from where
    // this walk stopped.
    String* index_name = L->global->tm_name[static_cast<int>(Event::Index)];
    constexpr unsigned int index_absent = 1u << static_cast<unsigned int>(Event::Index);
    for (; loop < max_tag_loop; loop++) {
      Table* mt = as_table(*obj)->metatable;
      if (mt == nullptr || (mt->flags & index_absent)) {
        res->set_nil();
        return;
      }
      const Value* tm = tables::get_short_str(mt, index_name);
      if (!tm->is_table()) break;
      obj = tm;
      slot = tables::get_short_str(as_table(*obj), as_string(key));
      if (!slot->is_nil()) {
        *res = *slot;
        return;
      }
    }
  }
  for (; loop < max_tag_loop; loop++) {
    const Value* tm;
    if (slot == nullptr) {  // obj is not a table
      tm = tm_by_obj(L, *obj, Event::Index);
      if (tm == nullptr) runtime::type_error(L, obj, "index");
    } else {  // obj is a table without the key
      tm = metatable_tm(L, as_table(*obj)->metatable, Event::Index);
      if (tm == nullptr) {
        res->set_nil();
        return;
      }
    }
    if (tm->is_function()) {
      call_tm_res(L, *tm, *obj, key, res);
      return;
    }
    obj = tm;
    if (obj->is_table()) {
      slot = raw_lookup(as_table(*obj), key);
      if (!slot->is_nil()) {
        *res = *slot;
        return;
      }
    } else {
      slot = nullptr;
    }
  }
  runtime::run_error(L, "'__index' chain too long; possible loop");
}

void finish_set(lua_State* L, const Value& t, const Value& key, const Value& val, const Value* slot) {
  const Value* obj = &t;
  for (int loop = 0; loop < max_tag_loop; loop++) {
    const Value* tm;
    if (slot != nullptr) {  // obj is a table without the key
      Table* h = as_table(*obj);
      tm = metatable_tm(L, h->metatable, Event::Newindex);
      if (tm == nullptr) {
        tables::set(L, h, key, val);  // creates the key; raises for nil/NaN keys; barrier
        tables::invalidate_tm_cache(h);
        return;
      }
    } else {
      tm = tm_by_obj(L, *obj, Event::Newindex);
      if (tm == nullptr) runtime::type_error(L, obj, "index");
    }
    if (tm->is_function()) {
      call_tm(L, *tm, *obj, key, val);
      return;
    }
    obj = tm;
    if (obj->is_table()) {
      slot = raw_lookup(as_table(*obj), key);
      if (!slot->is_nil()) {
        set_slot(slot, val);
        gc::barrier_back(L, obj->as_gc(), val);
        return;
      }
    } else {
      slot = nullptr;
    }
  }
  runtime::run_error(L, "'__newindex' chain too long; possible loop");
}

void get_table(lua_State* L, const Value& t, const Value& key, StackId res) {
  if (t.is_table()) {
    const Value* slot = raw_lookup(as_table(t), key);
    if (!slot->is_nil()) {
      *res = *slot;
      return;
    }
    finish_get(L, t, key, res, slot);
  } else {
    finish_get(L, t, key, res, nullptr);
  }
}

void set_table(lua_State* L, const Value& t, const Value& key, const Value& val) {
  if (t.is_table()) {
    const Value* slot = raw_lookup(as_table(t), key);
    if (!slot->is_nil()) {
      set_slot(slot, val);
      gc::barrier_back(L, t.as_gc(), val);
      return;
    }
    finish_set(L, t, key, val, slot);
  } else {
    finish_set(L, t, key, val, nullptr);
  }
}

}  // namespace luna::vm
