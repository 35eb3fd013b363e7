// The VM operations the C API calls: metamethod-aware indexing, arithmetic, comparison,
// concatenation and length. They are defined by the VM; the declarations repeat, with identical
// signatures, those of vm/interp.h so the API compiles before the VM is merged. (Replace this
// include with "vm/interp.h" once that header is in main.) All may call metamethods, hence raise,
// run the collector and move the stack; results go to stack slots the VM re-derives.
#pragma once

#include "object/state.h"

namespace luna::vm {

void get_table(lua_State* L, const Value& t, const Value& key, StackId res);
void set_table(lua_State* L, const Value& t, const Value& key, const Value& val);
// ev is one of Event::Add .. Event::Bnot.
void arith(lua_State* L, const Value& a, const Value& b, StackId res, Event ev);
bool equal(lua_State* L, const Value& a, const Value& b);
bool less_than(lua_State* L, const Value& a, const Value& b);
bool less_equal(lua_State* L, const Value& a, const Value& b);
// Concatenate the `total` values below L->top; the result replaces them (at L->top - total).
void concat(lua_State* L, int total);
void length(lua_State* L, StackId res, const Value& v);

}  // namespace luna::vm
