// The interpreter and the semantics of Lua 5.4 operators outside the interpreter's fast paths:
// metamethod lookup and calls, arithmetic/bitwise fallbacks, comparisons, concatenation, length,
// indexing chains. The fast paths (number arithmetic, array/short-string table access) live inline
// in interp.cpp; everything here may call metamethods and therefore raise, yield or move the stack.
// Results are written through StackId/Value* arguments that the callee re-derives after any call.
#pragma once

#include <cstdint>

#include "number/arith.h"
#include "object/state.h"

namespace luna::vm {

// Run Lua code from ci's saved pc until the frame that entered execute (marked cist::fresh) returns.
void execute(lua_State* L, CallInfo* ci);
// After a yield inside a metamethod or __close called from Lua code, complete the interrupted
// instruction of L->ci (which is a Lua frame) with the result left on the stack.
void finish_op(lua_State* L);

// ---- metamethods ----------------------------------------------------------------------------
const Value* metatable_tm(lua_State* L, Table* mt, Event e);   // null when absent
const Value* tm_by_obj(lua_State* L, const Value& o, Event e); // null when absent
Table* metatable_of(lua_State* L, const Value& o);
// Call f(p1, p2) and store the single result in *res (res may be a stack slot).
void call_tm_res(lua_State* L, const Value& f, const Value& p1, const Value& p2, StackId res);
// Call f(p1, p2, p3) without results.
void call_tm(lua_State* L, const Value& f, const Value& p1, const Value& p2, const Value& p3);

// ---- conversions ----------------------------------------------------------------------------
bool string_to_number(const Value& s, Value& out);                // whole string is a numeral
bool to_number(const Value& v, double& out);                       // ints, floats, numeric strings
bool to_integer(const Value& v, std::int64_t& out, number::F2I mode);  // with string coercion
bool to_integer_no_string(const Value& v, std::int64_t& out, number::F2I mode);
bool to_string_in_place(lua_State* L, StackId v);                  // numbers become strings

// ---- operators ------------------------------------------------------------------------------
// ev is one of Event::Add .. Event::Bnot. Numbers are handled; otherwise metamethods, then (for
// arithmetic events) numeric strings, then the 5.4 error.
void arith(lua_State* L, const Value& a, const Value& b, StackId res, Event ev);
bool raw_arith(lua_State* L, Event ev, const Value& a, const Value& b, Value& res);  // no metamethods
std::int64_t int_div(lua_State* L, std::int64_t a, std::int64_t b);   // raises on b == 0
std::int64_t int_mod(lua_State* L, std::int64_t a, std::int64_t b);   // raises on b == 0
bool equal(lua_State* L, const Value& a, const Value& b);   // L null: raw equality
bool raw_equal(const Value& a, const Value& b);
bool less_than(lua_State* L, const Value& a, const Value& b);
bool less_equal(lua_State* L, const Value& a, const Value& b);
// Concatenate the `total` values below L->top; the result replaces them (at L->top - total).
void concat(lua_State* L, int total);
void length(lua_State* L, StackId res, const Value& v);

// ---- indexing -------------------------------------------------------------------------------
// t[key] with metamethods: `slot` is the raw lookup result when t is a table (absent => nil-tag
// slot) or null when t is not a table.
void finish_get(lua_State* L, const Value& t, const Value& key, StackId res, const Value* slot);
void finish_set(lua_State* L, const Value& t, const Value& key, const Value& val, const Value* slot);
void get_table(lua_State* L, const Value& t, const Value& key, StackId res);
void set_table(lua_State* L, const Value& t, const Value& key, const Value& val);

// Write a value into a table slot returned by a lookup (node slots share their padding with the
// key's tag, so never assign a whole Value there).
inline void set_slot(const Value* slot, const Value& v) {
  Value* s = const_cast<Value*>(slot);
  s->v = v.v;
  s->tt = v.tt;
}

}  // namespace luna::vm
