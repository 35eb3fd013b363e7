// Tables: array part + hash part, the 5.4 semantics of keys, `#` borders and `next`.
// Contract: lookups never allocate and never raise; they return a pointer to the value slot or to a
// shared "absent key" value (tag abstkey, is_nil() true). Float keys with an integral value are
// normalised to integers. set/new_key raise "table index is nil"/"table index is NaN" and
// LUA_ERRMEM; set() does the GC barriers, new_key() does the barrier for the key only (the caller
// stores the value and calls gc::barrier_back for it). next() is stable while existing fields are
// assigned (even to nil) during traversal.
// Array size: as in 5.4, Table::array_size is the "limit" of the array part, a hint for `#t` that
// may be smaller than the allocated array (then flags bit `limit_is_hint` is set and the allocated
// size is the next power of two). Every index below array_size is valid; array_capacity() gives the
// allocated size. Code outside this module only reads array[0 .. array_size-1] directly and goes
// through get_int()/set_int() otherwise.
// Node values: a node's Value shares its padding with the key tag and chain offset, which is why
// Value's copy assignment copies only payload and tag (value.h); never memcpy a Value into a node.
#pragma once

#include <cstdint>

#include "object/objects.h"
#include "object/state.h"

namespace luna::tables {

// Tag of a node key whose object was collected: the slot stays in its chain (so `next` can still
// find it) but matches no live key. Not a Lua type; only ever seen in Node::u.key_tt.
inline constexpr std::uint8_t dead_key_tag = 11;
// Table::flags: bits 0..5 = metamethod of Event e known absent (e <= Event::Eq); bit 7 = the array
// size is a hint (see above).
inline constexpr std::uint8_t tm_absent_mask = 0x3F;
inline constexpr std::uint8_t limit_is_hint = 0x80;

extern const Value absent_key;  // the result of every failed lookup

Table* new_table(lua_State* L);
void resize(lua_State* L, Table* t, unsigned int array_size, unsigned int hash_size);
void resize_array(lua_State* L, Table* t, unsigned int array_size);
void free_table(lua_State* L, Table* t);   // collector only

const Value* get(Table* t, const Value& key);
const Value* get_int_slow(Table* t, std::int64_t key);  // the part of get_int past the array limit
const Value* get_str(Table* t, String* key);

inline const Value* get_int(Table* t, std::int64_t key) {
  if (static_cast<std::uint64_t>(key) - 1u < t->array_size) return &t->array[key - 1];
  return get_int_slow(t, key);
}

inline const Value* get_short_str(Table* t, String* key) {
  const Node* n = &t->node[key->hash & ((1u << t->log2_node_size) - 1u)];
  for (;;) {
    if (n->u.key_tt == tag::short_string && n->u.key_payload.gc == key) return &n->value;
    if (n->u.next == 0) return &absent_key;
    n += n->u.next;
  }
}

inline bool is_absent(const Value* slot) { return slot == &absent_key; }

// Raw set (no metamethods): key must not be nil/NaN (else raises). Creates the key when absent.
// Assigning nil to an absent key does not create it. set() and new_key() invalidate the
// absent-metamethod cache of t (code that assigns through a slot of an existing key whose value
// was nil must call invalidate_tm_cache itself, as 5.4's luaV_finishset does).
void set(lua_State* L, Table* t, const Value& key, const Value& value);
void set_int(lua_State* L, Table* t, std::int64_t key, const Value& value);
// Insert a key known to be absent (slot = the get() result); returns the new slot to assign.
Value* new_key(lua_State* L, Table* t, const Value& key);

std::uint64_t length(Table* t);   // a border, as 5.4's `#` (luaH_getn)
// Traversal: key_and_value[0] holds the previous key (nil to start); on success writes the next key
// into [0] and its value into [1] and returns true; false at the end. Raises "invalid key to 'next'".
bool next(lua_State* L, Table* t, Value* key_and_value);
unsigned int hash_size(const Table* t);  // number of nodes (0 for the dummy node)
unsigned int array_capacity(const Table* t);  // allocated size of the array part
extern const Node dummy_node_storage;  // the hash part of tables without one (never written)
inline bool is_dummy(const Table* t) { return t->node == &dummy_node_storage; }
inline unsigned int node_count(const Table* t) { return 1u << t->log2_node_size; }  // incl. dummy

// Metamethod lookup with the absent cache (t may be null). Returns null when absent.
const Value* fast_tm(lua_State* L, Table* metatable, Event e);
inline void invalidate_tm_cache(Table* t) { t->flags &= static_cast<std::uint8_t>(~tm_absent_mask); }

}  // namespace luna::tables
