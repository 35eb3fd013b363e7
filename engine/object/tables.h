// Tables: array part + hash part, the 5.4 semantics of keys, `#` borders and `next`.
// Contract: lookups never allocate and never raise; they return a pointer to the value slot or to a
// shared "absent key" value (tag abstkey, is_nil() true). Float keys with an integral value are
// normalised to integers. set/new_key raise "index is nil"/"index is NaN" and LUA_ERRMEM, and do the
// GC barrier. next() is stable while existing fields are assigned (even to nil) during traversal.
#pragma once

#include <cstdint>

#include "object/objects.h"

namespace luna::tables {

Table* new_table(lua_State* L);
void resize(lua_State* L, Table* t, unsigned int array_size, unsigned int hash_size);
void resize_array(lua_State* L, Table* t, unsigned int array_size);
void free_table(lua_State* L, Table* t);   // collector only

const Value* get(Table* t, const Value& key);
const Value* get_int(Table* t, std::int64_t key);
const Value* get_short_str(Table* t, String* key);
const Value* get_str(Table* t, String* key);

// Raw set (no metamethods): key must not be nil/NaN (else raises). Creates the key when absent.
void set(lua_State* L, Table* t, const Value& key, const Value& value);
void set_int(lua_State* L, Table* t, std::int64_t key, const Value& value);
// Insert a key known to be absent (slot = the get() result); returns the new slot to assign.
Value* new_key(lua_State* L, Table* t, const Value& key);

std::uint64_t length(Table* t);   // a border, as 5.4's `#` (luaH_getn)
// Traversal: key_and_value[0] holds the previous key (nil to start); on success writes the next key
// into [0] and its value into [1] and returns true; false at the end. Raises "invalid key to 'next'".
bool next(lua_State* L, Table* t, Value* key_and_value);
unsigned int hash_size(const Table* t);  // number of nodes (0 for the dummy node)

// Metamethod lookup with the absent cache (t may be null). Returns null when absent.
const Value* fast_tm(lua_State* L, Table* metatable, Event e);
inline void invalidate_tm_cache(Table* t) { t->flags = 0; }

}  // namespace luna::tables
