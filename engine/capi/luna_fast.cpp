// luna.h fast paths for hosts that cross the boundary at high rates (the Python binding):
// - bulk table access (luna_rawset_array / luna_rawget_array): one entry into the state and one
//   protected body for a whole run of array slots, instead of one per element;
// - luna_call_into: luna_call with the results in the caller's array (see below).
#include <cstdlib>
#include <cstring>
#include <new>

#include "capi/luna_internal.h"

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

void copy_text(char* out, std::size_t size, const char* text) {
  if (text == nullptr) text = "";
  std::size_t n = std::strlen(text);
  if (n >= size) n = size - 1;
  std::memcpy(out, text, n);
  out[n] = '\0';
}

// Same record as the boundary's handler in luna_state.cpp; here every frame above the host counts.
int outermost_message_handler(lua_State* L) {
  luna_state* S = state_of(L);
  RawTrace& trace = S->trace;
  trace.count = 0;
  lua_Debug ar;
  for (int level = 1; trace.count < max_frames && lua_getstack(L, level, &ar) != 0; ++level) {
    if (lua_getinfo(L, "Slnt", &ar) == 0) break;
    RawFrame& f = trace.frames[trace.count++];
    copy_text(f.source, sizeof f.source, ar.short_src);
    copy_text(f.name, sizeof f.name, ar.name);
    copy_text(f.namewhat, sizeof f.namewhat, ar.namewhat);
    copy_text(f.what, sizeof f.what, ar.what);
    f.line = ar.currentline;
    f.line_defined = ar.linedefined;
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
