// The table library's internal fast paths (stdlib/table.cpp is otherwise written against the
// public C API only, so this header needs nothing but lua.h). Both act only on a table without a
// metatable, where lua_geti/lua_seti are raw accesses of existing array slots, so their results
// are exactly those of the API loops they replace; otherwise they do nothing and return false.
//  - move_array_range(L, idx, from, to, count): when the value at idx is a table without a
//    metatable and both [from, from+count) and [to, to+count) lie inside its array part, does
//    t[to+k] = t[from+k] for every k in [0, count) as memmove would (overlap allowed) and returns
//    true. Otherwise it does nothing and returns false; the caller then runs its lua_geti/lua_seti
//    loop. Without a metatable those calls are raw accesses of existing array slots, so the
//    result is exactly theirs, only without two API calls per element (table.insert/remove at a
//    position shift the whole tail). Moving values inside one table needs no GC barrier: the table
//    references no value it did not reference before.
#pragma once

#include "lua.h"

namespace luna::capi {

bool move_array_range(lua_State* L, int idx, lua_Integer from, lua_Integer to, lua_Integer count);

//  - push_array_range(L, idx, first, count): when the value at idx is such a table and
//    [first, first+count) lies inside its array part, pushes t[first .. first+count-1] (nil for
//    empty slots, as lua_geti) and returns true. The caller has checked the stack space
//    (lua_checkstack), as table.unpack does before its lua_geti loop.
bool push_array_range(lua_State* L, int idx, lua_Integer first, lua_Integer count);

//  - call_order(L, function_idx, a, b): table.sort's comparison through its order function:
//    exactly lua_pushvalue(function_idx), lua_pushvalue(a), lua_pushvalue(b), lua_call(L, 2, 1),
//    lua_toboolean(L, -1), lua_pop(L, 1) -- in one API call instead of six. a and b are
//    negative stack indices of the current top (as before the pushes).
bool call_order(lua_State* L, int function_idx, int a, int b);

}  // namespace luna::capi
