// luna.h fast paths for hosts that cross the boundary at high rates (the Python binding):
// - bulk table access (luna_rawset_array / luna_rawget_array): one entry into the state and one
//   protected body for a whole run of array slots, instead of one per element;
// - luna_call_into: luna_call with the results in the caller's array (see below);
// - luna_results_push_many: a callback's results in one step;
// - luna_get_fast / luna_set_fast: luna_get / luna_set reading and writing a plain table directly.
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <new>
#include <thread>

#include "capi/luna_internal.h"
#include "gc/gc.h"
#include "object/strings.h"
#include "object/tables.h"

using namespace luna::embed;

LUA_API luna_status luna_rawset_array(luna_state* S, const luna_value* t, int64_t first,
                                      const luna_value* values, size_t n) {
  if (t == nullptr || (values == nullptr && n != 0)) return LUNA_ERROR_ARGUMENT;
  if (t->type != LUNA_TTABLE) return LUNA_ERROR_TYPE;
  Entry entry(S);
  if (entry.status() != LUNA_OK) return entry.status();
  if (!check_value(S, t) || !check_values(S, values, n)) return LUNA_ERROR_ARGUMENT;
  auto body = [&](lua_State* L) {
    push_value(L, t);
    for (std::size_t i = 0; i < n; ++i) {
      push_value(L, &values[i]);
      lua_rawseti(L, -2, first + static_cast<lua_Integer>(i));
    }
    lua_settop(L, 0);
  };
  return run_body(entry, S, body, nullptr);
}

LUA_API luna_status luna_rawget_array(luna_state* S, const luna_value* t, int64_t first, size_t n,
                                      luna_value* out) {
  if (t == nullptr || (out == nullptr && n != 0)) return LUNA_ERROR_ARGUMENT;
  for (std::size_t i = 0; i < n; ++i) out[i] = luna_nil();
  if (t->type != LUNA_TTABLE) return LUNA_ERROR_TYPE;
  Entry entry(S);
  if (entry.status() != LUNA_OK) return entry.status();
  if (!check_value(S, t)) return LUNA_ERROR_ARGUMENT;
  auto body = [&](lua_State* L) {
    push_value(L, t);
    for (std::size_t i = 0; i < n; ++i) {
      lua_rawgeti(L, -1, first + static_cast<lua_Integer>(i));
      to_owned_value(L, -1, &out[i]);
      lua_pop(L, 1);
    }
    lua_settop(L, 0);
  };
  luna_status st = run_body(entry, S, body, nullptr);
  if (st != LUNA_OK)
    for (std::size_t i = 0; i < n; ++i) luna_value_release(&out[i]);
  return st;
}

// ---- luna_call_into --------------------------------------------------------------------------------
// The common case of a host calling Lua at a high rate: an outermost call whose arguments need no
// allocation to push (no strings). It pcalls the function directly (no protected trampoline) with a
// message handler that records the whole stack of the call (the host is below it, no Lua frames),
// and converts plain results without a second protected call. Every other case goes through
// luna_call, nested in this call's entry, so the semantics are luna_call's in all cases.
namespace {

// Same record as the boundary's handler in luna_state.cpp; here every frame above the host counts.
int outermost_message_handler(lua_State* L) {
  luna_state* S = state_of(L);
  RawTrace& trace = S->trace;
  trace.count = 0;
  lua_Debug ar;
  for (int level = 1; trace.count < max_frames && lua_getstack(L, level, &ar) != 0; ++level) {
    if (lua_getinfo(L, "Slnt", &ar) == 0) break;
    record_frame(trace, ar);
  }
  lua_settop(L, 1);
  return 1;
}

bool plain_result(lua_State* L, int index, luna_value* out) {
  switch (lua_type(L, index)) {
    case LUA_TNIL: *out = luna_nil(); return true;
    case LUA_TBOOLEAN: *out = luna_boolean(lua_toboolean(L, index)); return true;
    case LUA_TLIGHTUSERDATA: *out = luna_lightuserdata(lua_touserdata(L, index)); return true;
    case LUA_TNUMBER:
      if (lua_isinteger(L, index)) {
        *out = luna_integer(lua_tointeger(L, index));
      } else {
        *out = luna_float(lua_tonumber(L, index));
      }
      return true;
    default: return false;
  }
}

// Moves a luna_values array into the caller's places (results if it fits, else overflow).
void deliver(luna_values* got, luna_value* results, std::size_t capacity, std::size_t* count,
             luna_values* overflow) {
  *count = got->count;
  if (got->count <= capacity) {
    for (std::size_t i = 0; i < got->count; ++i) results[i] = got->items[i];
    std::free(got->items);
  } else {
    *overflow = *got;
  }
  *got = luna_values{0, nullptr};
}

}  // namespace

LUA_API luna_status luna_call_into(luna_state* S, const luna_value* function, const luna_value* args,
                                   size_t nargs, luna_value* results, size_t capacity, size_t* count,
                                   luna_values* overflow, luna_error** error) {
  if (error != nullptr) *error = nullptr;
  if (count == nullptr || overflow == nullptr || (results == nullptr && capacity != 0))
    return LUNA_ERROR_ARGUMENT;
  *count = 0;
  *overflow = luna_values{0, nullptr};
  Entry entry(S);
  if (entry.status() != LUNA_OK) return fail(entry, entry.status(), error, luna_status_name(entry.status()));
  if (!check_value(S, function) || !check_values(S, args, nargs)) {
    return fail(entry, LUNA_ERROR_ARGUMENT, error, "invalid argument");
  }
  bool fast = S->depth == 1 && S->current == S->main && nargs < 200;
  for (std::size_t i = 0; fast && i < nargs; ++i) fast = args[i].type != LUNA_TSTRING;
  lua_State* L = S->current;
  if (!fast || lua_checkstack(L, static_cast<int>(nargs) + 4) == 0) {
    luna_values got{0, nullptr};
    luna_status st = luna_call(S, function, args, nargs, &got, error);
    if (st == LUNA_OK) deliver(&got, results, capacity, count, overflow);
    return entry.finish(st);
  }
  int base = lua_gettop(L);
  lua_pushcfunction(L, outermost_message_handler);  // light C functions do not allocate
  push_value(L, function);                          // references and plain values: no allocation
  for (std::size_t i = 0; i < nargs; ++i) push_value(L, &args[i]);
  S->trace.count = 0;
  int lua_st = lua_pcall(L, static_cast<int>(nargs), LUA_MULTRET, base + 1);
  luna_status st = status_from_lua(S, lua_st);
  if (st != LUNA_OK) {
    if (error != nullptr) {
      try {
        *error = new_error(S, st, L, &S->trace);
      } catch (const std::bad_alloc&) {
        *error = nullptr;
      }
    }
    lua_settop(L, base);
    return entry.finish(st);
  }
  int first = base + 2;
  int n = lua_gettop(L) - base - 1;
  bool plain = static_cast<std::size_t>(n) <= capacity;
  for (int i = 0; plain && i < n; ++i) plain = plain_result(L, first + i, &results[i]);
  if (plain) {
    *count = static_cast<std::size_t>(n);
  } else {
    for (int i = 0; i < n && static_cast<std::size_t>(i) < capacity; ++i) results[i] = luna_nil();
    luna_values got{0, nullptr};
    if (collect_protected(L, first, n, &got) != LUA_OK) {
      lua_settop(L, base);
      return fail(entry, LUNA_ERROR_MEMORY, error, "not enough memory for the results");
    }
    deliver(&got, results, capacity, count, overflow);
  }
  lua_settop(L, base);
  return entry.finish(LUNA_OK);
}

// ---- luna_results_push_many ------------------------------------------------------------------------
// Values that need no allocation to push (everything but strings: references are registry reads)
// go straight onto the callback's stack; otherwise one protected step pushes them all.
namespace {

struct PushMany {
  const luna_value* values;
  std::size_t n;
};

int push_many_body(lua_State* L) {
  auto* job = static_cast<const PushMany*>(lua_touserdata(L, 1));
  for (std::size_t i = 0; i < job->n; ++i) push_value(L, &job->values[i]);
  return static_cast<int>(job->n);
}

}  // namespace

LUA_API luna_status luna_results_push_many(luna_results* out, const luna_value* values, size_t n) {
  if (out == nullptr || (values == nullptr && n != 0) || n > 1000000) return LUNA_ERROR_ARGUMENT;
  if (!check_values(out->S, values, n)) return LUNA_ERROR_ARGUMENT;
  lua_State* L = out->L;
  if (lua_checkstack(L, static_cast<int>(n) + 3) == 0) return LUNA_ERROR_MEMORY;
  bool plain = true;
  for (std::size_t i = 0; plain && i < n; ++i) plain = values[i].type != LUNA_TSTRING;
  if (plain) {
    for (std::size_t i = 0; i < n; ++i) push_value(L, &values[i]);
  } else {
    PushMany job{values, n};
    lua_pushcfunction(L, push_many_body);
    lua_pushlightuserdata(L, &job);
    if (lua_pcall(L, 1, static_cast<int>(n), 0) != LUA_OK) {
      lua_pop(L, 1);
      return LUNA_ERROR_MEMORY;
    }
  }
  out->count += static_cast<int>(n);
  return LUNA_OK;
}

// ---- luna_get_fast / luna_set_fast -----------------------------------------------------------------
// Everything here reads the heap without allocating, so nothing can raise and no protected call is
// needed: the table comes from the registry, a short string key is looked up in the intern table
// (a string that does not exist cannot be a key), and a set only assigns through an existing slot.
// Every case that could allocate, raise or run a metamethod goes to luna_get / luna_set instead.
namespace {

// The interned short string with these bytes, or nullptr if the state has none (or only a dead
// one awaiting the sweep, which no reachable table can hold).
luna::String* find_short_string(lua_State* L, const char* bytes, std::size_t length) {
  luna::GlobalState* g = L->global;
  luna::StringTable& tb = g->strings;
  std::uint32_t h = luna::strings::hash_bytes(bytes, length, g->seed);
  for (luna::String* s = tb.hash[h & static_cast<std::uint32_t>(tb.size - 1)]; s != nullptr; s = s->u.hash_next) {
    if (s->short_len == length && s->hash == h && std::memcmp(bytes, s->data, length) == 0)
      return luna::gc::is_dead(g, s) ? nullptr : s;
  }
  return nullptr;
}

enum class Lookup { found, absent, slow };

// The engine value of a host value without allocating: found, absent (a short string the state
// does not have), or slow (a long string).
Lookup engine_value(lua_State* L, const luna_value* v, luna::Value* out) {
  switch (v->type) {
    case LUNA_TNIL: *out = luna::Value::nil_value(); return Lookup::found;
    case LUNA_TBOOLEAN: *out = luna::Value::from_bool(v->boolean != 0); return Lookup::found;
    case LUNA_TINTEGER: *out = luna::Value::from_int(v->integer); return Lookup::found;
    case LUNA_TFLOAT: *out = luna::Value::from_float(v->number); return Lookup::found;
    case LUNA_TLIGHTUSERDATA: out->set_light_userdata(v->pointer); return Lookup::found;
    case LUNA_TSTRING: {
      if (v->length > luna::max_short_len) return Lookup::slow;
      luna::String* s = find_short_string(L, v->length != 0 ? v->string : "", v->length);
      if (s == nullptr) return Lookup::absent;
      out->set_gc(s, luna::tag::short_string);
      return Lookup::found;
    }
    default: {  // a reference: its registry slot
      const luna::Value* slot = luna::tables::get_int(luna::as_table(L->global->registry), v->ref->id);
      *out = *slot;
      return Lookup::found;
    }
  }
}

// The table t refers to when it has no metatable, else nullptr.
luna::Table* plain_table(lua_State* L, const luna_value* t) {
  if (t->type != LUNA_TTABLE) return nullptr;
  luna::Value tv;
  engine_value(L, t, &tv);
  if (!tv.is_table()) return nullptr;
  luna::Table* table = luna::as_table(tv);
  return table->metatable == nullptr ? table : nullptr;
}

bool plain_output(const luna::Value& v, luna_value* out) {
  if (v.is_nil()) *out = luna_nil();
  else if (v.is_boolean()) *out = luna_boolean(v.is_true());
  else if (v.is_integer()) *out = luna_integer(v.as_int());
  else if (v.is_float()) *out = luna_float(v.as_float());
  else if (v.is_light_userdata()) *out = luna_lightuserdata(v.v.p);
  else return false;
  return true;
}


// The entry of the direct paths: only the busy check (ownership and depth, as Entry). They run no
// Lua code, so per-call limits do not apply to them; the queue of released references and a cancel
// requested while idle stay for the next entry that runs code (the fallback calls take a full Entry,
// after this one has been left, so that an outermost luna_get still starts a fresh call).
class DirectEntry {
 public:
  explicit DirectEntry(luna_state* S) : state_(S) {
    if (S->closing) return;
    std::thread::id me = std::this_thread::get_id();
    std::thread::id nobody{};
    if (S->owner.load(std::memory_order_acquire) != me &&
        !S->owner.compare_exchange_strong(nobody, me, std::memory_order_acq_rel))
      return;
    entered_ = true;
    ++S->depth;
  }
  ~DirectEntry() { leave(); }
  DirectEntry(const DirectEntry&) = delete;
  DirectEntry& operator=(const DirectEntry&) = delete;
  bool entered() const { return entered_; }
  void leave() {
    if (!entered_) return;
    entered_ = false;
    if (--state_->depth == 0) state_->owner.store(std::thread::id{}, std::memory_order_release);
  }

 private:
  luna_state* state_;
  bool entered_ = false;
};

// The direct read: true when *out was set without needing the general path.
bool direct_get(luna_state* S, const luna_value* t, const luna_value* key, luna_value* out) {
  if (!check_value(S, t) || !check_value(S, key)) return false;
  lua_State* L = S->current;
  luna::Table* table = plain_table(L, t);
  if (table == nullptr) return false;
  luna::Value k;
  Lookup lookup = engine_value(L, key, &k);
  if (lookup == Lookup::absent) {
    *out = luna_nil();
    return true;
  }
  return lookup == Lookup::found && plain_output(*luna::tables::get(table, k), out);
}

// The direct write: true when done (an existing slot assigned, or nil to an absent key).
bool direct_set(luna_state* S, const luna_value* t, const luna_value* key, const luna_value* value) {
  if (!check_value(S, t) || !check_value(S, key) || !check_value(S, value)) return false;
  if (key->type == LUNA_TNIL || (key->type == LUNA_TFLOAT && std::isnan(key->number))) return false;
  lua_State* L = S->current;
  luna::Table* table = plain_table(L, t);
  luna::Value k, v;
  if (table == nullptr || engine_value(L, key, &k) != Lookup::found || engine_value(L, value, &v) != Lookup::found)
    return false;
  const luna::Value* slot = luna::tables::get(table, k);
  if (luna::tables::is_absent(slot)) return v.is_nil();  // nil to an absent key creates nothing
  *const_cast<luna::Value*>(slot) = v;                   // an existing slot: nothing allocated
  luna::tables::invalidate_tm_cache(table);
  luna::gc::barrier_back(L, table, v);
  return true;
}

}  // namespace

LUA_API luna_status luna_get_fast(luna_state* S, const luna_value* t, const luna_value* key,
                                  luna_value* out, luna_error** error) {
  if (S != nullptr && t != nullptr && key != nullptr && out != nullptr) {
    DirectEntry entry(S);
    if (entry.entered() && direct_get(S, t, key, out)) {
      if (error != nullptr) *error = nullptr;
      return LUNA_OK;
    }
  }
  return luna_get(S, t, key, out, error);
}

LUA_API luna_status luna_set_fast(luna_state* S, const luna_value* t, const luna_value* key,
                                  const luna_value* value, luna_error** error) {
  if (S != nullptr && t != nullptr && key != nullptr && value != nullptr) {
    DirectEntry entry(S);
    if (entry.entered() && direct_set(S, t, key, value)) {
      if (error != nullptr) *error = nullptr;
      return LUNA_OK;
    }
  }
  return luna_set(S, t, key, value, error);
}
