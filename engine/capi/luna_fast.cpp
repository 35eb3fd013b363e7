// luna.h, bulk table access (luna_rawset_array / luna_rawget_array): one entry into the state and
// one protected body for a whole run of array slots, instead of one per element. Hosts use them
// to convert their lists to tables and back (the Python binding's table_from and to_list).
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
