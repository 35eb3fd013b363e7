// Stack and pseudo-index resolution for the C API (the only layer that knows pseudo-indices).
// An acceptable index is a positive stack index up to the frame's top, a negative one down to the
// frame's first slot, LUA_REGISTRYINDEX, or an upvalue index lua_upvalueindex(i) (1 <= i <= 256).
// Contract: index_to_value never fails: an index with no value (above top, an upvalue the closure
// does not have, or plain misuse) yields GlobalState::nil_value, which is_valid() tells apart;
// writing through that pointer is forbidden (API functions check is_valid first).
// index_to_stack only accepts actual stack indices (no pseudo-indices).
#pragma once

#include "base/assert.h"
#include "object/state.h"

namespace luna::capi {

inline constexpr int registry_index = -max_stack - 1000;  // LUA_REGISTRYINDEX
inline constexpr int max_upvalues = 255;                  // MAXUPVAL

constexpr bool is_pseudo(int idx) { return idx <= registry_index; }
constexpr bool is_upvalue_index(int idx) { return idx < registry_index; }

inline Value* nil_slot(lua_State* L) { return &L->global->nil_value; }
inline bool is_valid(lua_State* L, const Value* v) { return v != &L->global->nil_value; }

// Pseudo-indices (registry, upvalues): out of line, so that the stack cases below inline into
// every API function as a couple of compares.
Value* pseudo_index_value(lua_State* L, int idx);

inline Value* index_to_value(lua_State* L, int idx) {
  CallInfo* ci = L->ci;
  if (idx > 0) {
    StackId o = ci->func + idx;
    LUNA_API_CHECK(L, idx <= ci->top - (ci->func + 1), "unacceptable index");
    return o >= L->top ? nil_slot(L) : o;
  }
  if (!is_pseudo(idx)) {
    LUNA_API_CHECK(L, idx != 0 && -idx <= L->top - (ci->func + 1), "invalid index");
    StackId o = L->top + idx;
    return (idx == 0 || o <= ci->func) ? nil_slot(L) : o;
  }
  return pseudo_index_value(L, idx);
}

// An actual stack slot (positive or negative index, never a pseudo-index).
inline StackId index_to_stack(lua_State* L, int idx) {
  CallInfo* ci = L->ci;
  if (idx > 0) {
    LUNA_API_CHECK(L, ci->func + idx < L->top, "invalid index");
    return ci->func + idx;
  }
  LUNA_API_CHECK(L, idx != 0 && -idx <= L->top - (ci->func + 1), "invalid index");
  LUNA_API_CHECK(L, !is_pseudo(idx), "invalid index");
  return L->top + idx;
}

// Push bookkeeping: the frame's top must stay above L->top (the caller ensured the space).
inline void increment_top(lua_State* L) {
  L->top++;
  LUNA_API_CHECK(L, L->top <= L->ci->top, "stack overflow");
}
inline void check_elements(lua_State* L, int n) {
  static_cast<void>(L);
  static_cast<void>(n);
  LUNA_API_CHECK(L, n < L->top - L->ci->func, "not enough elements in the stack");
}

}  // namespace luna::capi
