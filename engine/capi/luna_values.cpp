// luna.h, part 2: values and anchors (refs), conversions between luna_value and the Lua stack,
// globals, tables, metatables, userdata and the other single-value operations.
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <new>

#include "capi/luna_internal.h"

using namespace luna::embed;

namespace {

luna_ref* new_anchor(lua_State* L) {
  luna_state* S = state_of(L);
  auto* ref = static_cast<luna_ref*>(std::malloc(sizeof(luna_ref)));
  if (ref == nullptr) raise_host_oom(L);
  ref->shared = S->shared;
  ref->shared->retain();
  ref->id = LUA_NOREF;
  ref->length = 0;
  ref->bytes[0] = '\0';
  return ref;
}

luna_ref* new_string_copy(const char* bytes, std::size_t length) {
  auto* ref = static_cast<luna_ref*>(std::malloc(offsetof(luna_ref, bytes) + length + 1));
  if (ref == nullptr) return nullptr;
  ref->shared = nullptr;
  ref->id = LUA_NOREF;
  ref->length = length;
  if (length != 0) std::memcpy(ref->bytes, bytes, length);
  ref->bytes[length] = '\0';
  return ref;
}

bool is_reference_type(int type) {
  return type == LUNA_TTABLE || type == LUNA_TFUNCTION || type == LUNA_TUSERDATA ||
         type == LUNA_TTHREAD;
}

int host_type(lua_State* L, int index) {
  switch (lua_type(L, index)) {
    case LUA_TBOOLEAN: return LUNA_TBOOLEAN;
    case LUA_TLIGHTUSERDATA: return LUNA_TLIGHTUSERDATA;
    case LUA_TNUMBER: return lua_isinteger(L, index) ? LUNA_TINTEGER : LUNA_TFLOAT;
    case LUA_TSTRING: return LUNA_TSTRING;
    case LUA_TTABLE: return LUNA_TTABLE;
    case LUA_TFUNCTION: return LUNA_TFUNCTION;
    case LUA_TUSERDATA: return LUNA_TUSERDATA;
    case LUA_TTHREAD: return LUNA_TTHREAD;
    default: return LUNA_TNIL;
  }
}

// Fills the scalar part of *out; returns false for strings and reference types.
bool to_scalar(lua_State* L, int index, int type, luna_value* out) {
  *out = luna_nil();
  out->type = type;
  switch (type) {
    case LUNA_TNIL: return true;
    case LUNA_TBOOLEAN: out->boolean = lua_toboolean(L, index); return true;
    case LUNA_TINTEGER: out->integer = lua_tointeger(L, index); return true;
    case LUNA_TFLOAT: out->number = lua_tonumber(L, index); return true;
    case LUNA_TLIGHTUSERDATA: out->pointer = lua_touserdata(L, index); return true;
    default: return false;
  }
}

void anchor_into(lua_State* L, int index, luna_value* out) {
  out->ref = new_anchor(L);  // *out is releasable from here on, even if luaL_ref raises
  if (out->type == LUNA_TUSERDATA) out->pointer = lua_touserdata(L, index);
  lua_pushvalue(L, index);
  out->ref->id = luaL_ref(L, LUA_REGISTRYINDEX);
}

}  // namespace

namespace luna::embed {

[[noreturn]] void raise_host_oom(lua_State* L) {
  state_of(L)->host_oom = true;
  lua_pushliteral(L, "not enough memory");
  lua_error(L);
  std::abort();
}

void push_value(lua_State* L, const luna_value* v) {
  switch (v->type) {
    case LUNA_TBOOLEAN: lua_pushboolean(L, v->boolean); break;
    case LUNA_TINTEGER: lua_pushinteger(L, v->integer); break;
    case LUNA_TFLOAT: lua_pushnumber(L, v->number); break;
    case LUNA_TLIGHTUSERDATA: lua_pushlightuserdata(L, v->pointer); break;
    case LUNA_TSTRING: lua_pushlstring(L, v->length != 0 ? v->string : "", v->length); break;
    case LUNA_TTABLE: case LUNA_TFUNCTION: case LUNA_TUSERDATA: case LUNA_TTHREAD:
      lua_rawgeti(L, LUA_REGISTRYINDEX, v->ref->id);
      break;
    default: lua_pushnil(L); break;
  }
}

void to_owned_value(lua_State* L, int index, luna_value* out) {
  index = lua_absindex(L, index);
  int type = host_type(L, index);
  if (to_scalar(L, index, type, out)) return;
  if (type == LUNA_TSTRING) {
    std::size_t length = 0;
    const char* bytes = lua_tolstring(L, index, &length);
    out->ref = new_string_copy(bytes, length);
    if (out->ref == nullptr) raise_host_oom(L);
    out->string = out->ref->bytes;
    out->length = length;
    return;
  }
  anchor_into(L, index, out);
}

void to_borrowed_value(lua_State* L, int index, luna_value* out) {
  index = lua_absindex(L, index);
  int type = host_type(L, index);
  if (to_scalar(L, index, type, out)) return;
  if (type == LUNA_TSTRING) {  // the bytes stay on the Lua stack during the callback
    out->string = lua_tolstring(L, index, &out->length);
    return;
  }
  anchor_into(L, index, out);
}

bool check_value(luna_state* S, const luna_value* v) {
  if (v == nullptr || v->type < LUNA_TNIL || v->type > LUNA_TTHREAD) return false;
  if (v->type == LUNA_TSTRING) return v->string != nullptr || v->length == 0;
  if (!is_reference_type(v->type)) return true;
  return v->ref != nullptr && v->ref->shared == S->shared && v->ref->id > 0;
}

bool check_values(luna_state* S, const luna_value* v, std::size_t n) {
  if (n != 0 && v == nullptr) return false;
  for (std::size_t i = 0; i < n; ++i)
    if (!check_value(S, &v[i])) return false;
  return true;
}

void collect_values(lua_State* L, int first, int n, luna_values* out) {
  out->count = 0;
  out->items = nullptr;
  if (n <= 0) return;
  out->items = static_cast<luna_value*>(std::calloc(static_cast<std::size_t>(n), sizeof(luna_value)));
  if (out->items == nullptr) raise_host_oom(L);
  out->count = static_cast<std::size_t>(n);  // zeroed items are nils: releasable at any point
  for (int i = 0; i < n; ++i) to_owned_value(L, first + i, &out->items[i]);
}

luna_error* simple_error(luna_status st, const char* message) {
  auto* e = new (std::nothrow) luna_error{};
  if (e == nullptr) return nullptr;
  e->status = st;
  e->value = luna_nil();
  e->message = nullptr;
  e->message_length = 0;
  std::size_t n = std::strlen(message);
  luna_ref* copy = new_string_copy(message, n);
  if (copy != nullptr) {
    e->value.type = LUNA_TSTRING;
    e->value.ref = copy;
    e->value.string = copy->bytes;
    e->value.length = n;
  }
  e->message = static_cast<char*>(std::malloc(n + 1));
  if (e->message != nullptr) {
    std::memcpy(e->message, message, n + 1);
    e->message_length = n;
  }
  return e;
}

luna_status fail(Entry& entry, luna_status st, luna_error** error, const char* message) {
  if (error != nullptr) *error = simple_error(st, message);
  return entry.finish(st);
}

}  // namespace luna::embed

// ---- exported: value constructors and ownership ---------------------------------------------------

LUA_API luna_value luna_nil(void) {
  luna_value v;
  std::memset(&v, 0, sizeof v);
  v.type = LUNA_TNIL;
  return v;
}
LUA_API luna_value luna_boolean(int b) {
  luna_value v = luna_nil();
  v.type = LUNA_TBOOLEAN;
  v.boolean = b != 0;
  return v;
}
LUA_API luna_value luna_integer(int64_t i) {
  luna_value v = luna_nil();
  v.type = LUNA_TINTEGER;
  v.integer = i;
  return v;
}
LUA_API luna_value luna_float(double d) {
  luna_value v = luna_nil();
  v.type = LUNA_TFLOAT;
  v.number = d;
  return v;
}
LUA_API luna_value luna_string(const char* bytes, size_t length) {
  luna_value v = luna_nil();
  v.type = LUNA_TSTRING;
  v.string = bytes;
  v.length = length;
  return v;
}
LUA_API luna_value luna_lightuserdata(void* p) {
  luna_value v = luna_nil();
  v.type = LUNA_TLIGHTUSERDATA;
  v.pointer = p;
  return v;
}

LUA_API void luna_ref_release(luna_ref* ref) {
  if (ref == nullptr) return;
  if (ref->shared != nullptr) {
    if (ref->id > 0) {
      std::lock_guard<std::mutex> lock(ref->shared->mutex);
      if (ref->shared->alive) {
        try {
          ref->shared->pending.push_back(ref->id);
        } catch (const std::bad_alloc&) {
          // The slot stays anchored until the state closes: a leak, never a crash.
        }
      }
    }
    ref->shared->release();
  }
  std::free(ref);
}

LUA_API void luna_value_release(luna_value* value) {
  if (value == nullptr) return;
  luna_ref_release(value->ref);
  *value = luna_nil();
}

LUA_API void luna_values_release(luna_values* values) {
  if (values == nullptr) return;
  for (std::size_t i = 0; i < values->count; ++i) luna_value_release(&values->items[i]);
  std::free(values->items);
  values->items = nullptr;
  values->count = 0;
}

LUA_API luna_status luna_value_copy(luna_state* S, const luna_value* value, luna_value* out) {
  if (out == nullptr) return LUNA_ERROR_ARGUMENT;
  *out = luna_nil();
  Entry entry(S);
  if (entry.status() != LUNA_OK) return entry.finish(entry.status());
  if (!check_value(S, value)) return entry.finish(LUNA_ERROR_ARGUMENT);
  auto body = [&](lua_State* L) {
    push_value(L, value);
    to_owned_value(L, -1, out);
    lua_settop(L, 0);
  };
  luna_status st = run_body(entry, S, body, nullptr);
  if (st != LUNA_OK) luna_value_release(out);
  return st;
}

// ---- globals and tables ------------------------------------------------------------------------------

namespace {

// The shape shared by the single-value operations: validate, run `body` protected, release the
// output on failure.
template <class F>
luna_status single(luna_state* S, luna_value* out, luna_error** error, bool valid, F& body) {
  if (error != nullptr) *error = nullptr;
  if (out != nullptr) *out = luna_nil();
  Entry entry(S);
  if (entry.status() != LUNA_OK) return fail(entry, entry.status(), error, luna_status_name(entry.status()));
  if (!valid) return fail(entry, LUNA_ERROR_ARGUMENT, error, "invalid argument");
  luna_status st = run_body(entry, S, body, error);
  if (st != LUNA_OK && out != nullptr) luna_value_release(out);
  return st;
}

bool is_table(const luna_value* v) { return v != nullptr && v->type == LUNA_TTABLE; }

}  // namespace

LUA_API luna_status luna_globals(luna_state* S, luna_value* out) {
  auto body = [&](lua_State* L) {
    lua_pushglobaltable(L);
    to_owned_value(L, -1, out);
    lua_settop(L, 0);
  };
  return single(S, out, nullptr, out != nullptr, body);
}

LUA_API luna_status luna_get_global(luna_state* S, const char* name, size_t length, luna_value* out,
                                    luna_error** error) {
  auto body = [&](lua_State* L) {
    lua_pushglobaltable(L);
    lua_pushlstring(L, name, length);
    lua_gettable(L, -2);
    to_owned_value(L, -1, out);
    lua_settop(L, 0);
  };
  return single(S, out, error, out != nullptr && (name != nullptr || length == 0), body);
}

LUA_API luna_status luna_set_global(luna_state* S, const char* name, size_t length,
                                    const luna_value* value, luna_error** error) {
  auto body = [&](lua_State* L) {
    lua_pushglobaltable(L);
    lua_pushlstring(L, name, length);
    push_value(L, value);
    lua_settable(L, -3);
    lua_settop(L, 0);
  };
  return single(S, nullptr, error, (name != nullptr || length == 0) && S != nullptr && check_value(S, value),
                body);
}

LUA_API luna_status luna_new_table(luna_state* S, int32_t array_size, int32_t hash_size, luna_value* out) {
  auto body = [&](lua_State* L) {
    lua_createtable(L, array_size, hash_size);
    to_owned_value(L, -1, out);
    lua_settop(L, 0);
  };
  return single(S, out, nullptr, out != nullptr && array_size >= 0 && hash_size >= 0, body);
}

LUA_API luna_status luna_get(luna_state* S, const luna_value* t, const luna_value* key,
                             luna_value* out, luna_error** error) {
  auto body = [&](lua_State* L) {
    push_value(L, t);
    push_value(L, key);
    lua_gettable(L, -2);
    to_owned_value(L, -1, out);
    lua_settop(L, 0);
  };
  return single(S, out, error, S != nullptr && out != nullptr && check_value(S, t) && check_value(S, key),
                body);
}

LUA_API luna_status luna_set(luna_state* S, const luna_value* t, const luna_value* key,
                             const luna_value* value, luna_error** error) {
  auto body = [&](lua_State* L) {
    push_value(L, t);
    push_value(L, key);
    push_value(L, value);
    lua_settable(L, -3);
    lua_settop(L, 0);
  };
  return single(S, nullptr, error,
                S != nullptr && check_value(S, t) && check_value(S, key) && check_value(S, value), body);
}

LUA_API luna_status luna_rawget(luna_state* S, const luna_value* t, const luna_value* key,
                                luna_value* out) {
  if (t != nullptr && t->type != LUNA_TTABLE) return LUNA_ERROR_TYPE;
  auto body = [&](lua_State* L) {
    push_value(L, t);
    push_value(L, key);
    lua_rawget(L, -2);
    to_owned_value(L, -1, out);
    lua_settop(L, 0);
  };
  return single(S, out, nullptr, S != nullptr && out != nullptr && check_value(S, t) && check_value(S, key),
                body);
}

LUA_API luna_status luna_rawset(luna_state* S, const luna_value* t, const luna_value* key,
                                const luna_value* value) {
  if (t != nullptr && t->type != LUNA_TTABLE) return LUNA_ERROR_TYPE;
  bool key_ok = key != nullptr && key->type != LUNA_TNIL && !(key->type == LUNA_TFLOAT && std::isnan(key->number));
  auto body = [&](lua_State* L) {
    push_value(L, t);
    push_value(L, key);
    push_value(L, value);
    lua_rawset(L, -3);
    lua_settop(L, 0);
  };
  return single(S, nullptr, nullptr,
                S != nullptr && key_ok && check_value(S, t) && check_value(S, key) && check_value(S, value),
                body);
}

LUA_API luna_status luna_len(luna_state* S, const luna_value* v, luna_value* out, luna_error** error) {
  auto body = [&](lua_State* L) {
    push_value(L, v);
    lua_len(L, -1);
    to_owned_value(L, -1, out);
    lua_settop(L, 0);
  };
  return single(S, out, error, S != nullptr && out != nullptr && check_value(S, v), body);
}

LUA_API luna_status luna_rawlen(luna_state* S, const luna_value* v, uint64_t* out) {
  if (out == nullptr || v == nullptr) return LUNA_ERROR_ARGUMENT;
  *out = 0;
  if (v->type != LUNA_TTABLE && v->type != LUNA_TSTRING && v->type != LUNA_TUSERDATA) return LUNA_ERROR_TYPE;
  if (v->type == LUNA_TSTRING) {
    *out = v->length;
    return LUNA_OK;
  }
  auto body = [&](lua_State* L) {
    push_value(L, v);
    *out = lua_rawlen(L, -1);
    lua_settop(L, 0);
  };
  return single(S, nullptr, nullptr, S != nullptr && check_value(S, v), body);
}

LUA_API luna_status luna_next(luna_state* S, const luna_value* t, const luna_value* key,
                              luna_value* out_key, luna_value* out_value) {
  if (out_key == nullptr || out_value == nullptr) return LUNA_ERROR_ARGUMENT;
  *out_key = luna_nil();
  *out_value = luna_nil();
  if (!is_table(t)) return t == nullptr ? LUNA_ERROR_ARGUMENT : LUNA_ERROR_TYPE;
  auto body = [&](lua_State* L) {
    push_value(L, t);
    push_value(L, key);
    if (lua_next(L, -2) != 0) {
      to_owned_value(L, -2, out_key);
      to_owned_value(L, -1, out_value);
    }
    lua_settop(L, 0);
  };
  luna_status st = single(S, out_key, nullptr, S != nullptr && check_value(S, t) && check_value(S, key), body);
  if (st != LUNA_OK) luna_value_release(out_value);
  return st;
}

LUA_API luna_status luna_get_metatable(luna_state* S, const luna_value* v, luna_value* out) {
  auto body = [&](lua_State* L) {
    push_value(L, v);
    if (lua_getmetatable(L, -1) != 0) to_owned_value(L, -1, out);
    lua_settop(L, 0);
  };
  return single(S, out, nullptr, S != nullptr && out != nullptr && check_value(S, v), body);
}

LUA_API luna_status luna_set_metatable(luna_state* S, const luna_value* v, const luna_value* mt) {
  if (v == nullptr || mt == nullptr) return LUNA_ERROR_ARGUMENT;
  if ((v->type != LUNA_TTABLE && v->type != LUNA_TUSERDATA) ||
      (mt->type != LUNA_TTABLE && mt->type != LUNA_TNIL)) {
    return LUNA_ERROR_TYPE;
  }
  auto body = [&](lua_State* L) {
    push_value(L, v);
    push_value(L, mt);
    lua_setmetatable(L, -2);
    lua_settop(L, 0);
  };
  return single(S, nullptr, nullptr, S != nullptr && check_value(S, v) && check_value(S, mt), body);
}

LUA_API luna_status luna_tostring(luna_state* S, const luna_value* v, luna_value* out, luna_error** error) {
  auto body = [&](lua_State* L) {
    push_value(L, v);
    luaL_tolstring(L, -1, nullptr);
    to_owned_value(L, -1, out);
    lua_settop(L, 0);
  };
  return single(S, out, error, S != nullptr && out != nullptr && check_value(S, v), body);
}

LUA_API int luna_rawequal(luna_state* S, const luna_value* a, const luna_value* b) {
  int equal = 0;
  auto body = [&](lua_State* L) {
    push_value(L, a);
    push_value(L, b);
    equal = lua_rawequal(L, -1, -2);
    lua_settop(L, 0);
  };
  luna_status st = single(S, nullptr, nullptr, S != nullptr && check_value(S, a) && check_value(S, b), body);
  return st == LUNA_OK ? equal : 0;
}

LUA_API luna_status luna_new_userdata(luna_state* S, size_t size, luna_value* out, void** block) {
  if (block != nullptr) *block = nullptr;
  auto body = [&](lua_State* L) {
    void* memory = lua_newuserdatauv(L, size, 1);
    to_owned_value(L, -1, out);
    *block = memory;
    lua_settop(L, 0);
  };
  return single(S, out, nullptr, out != nullptr && block != nullptr, body);
}

LUA_API void* luna_userdata_block(luna_state* S, const luna_value* v) {
  if (S == nullptr || v == nullptr || v->type != LUNA_TUSERDATA || !check_value(S, v)) return nullptr;
  return v->pointer;  // set when the value was anchored; the block never moves (non-moving GC)
}
