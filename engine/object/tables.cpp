// Tables: hashing of every key kind, Brent's-variation insertion, the 5.4 rehash (optimal array
// size), borders for `#`, and traversal. Node placement for numeric and boolean keys follows the
// reference exactly, so `pairs` visits such keys in the same order as Lua 5.4.
#include "object/tables.h"

#include <climits>
#include <cmath>
#include <cstring>

#include "gc/gc.h"
#include "object/strings.h"
#include "runtime/error.h"

namespace luna::tables {

// The shared hash part of every table without one. Never written: lookups only read it, and
// insertion checks is_dummy() first.
const Node dummy_node_storage = [] {
  Node n;
  std::memset(static_cast<void*>(&n), 0, sizeof n);
  n.u.value_tt = tag::empty;
  n.u.key_tt = tag::nil;
  n.u.next = 0;
  return n;
}();

const Value absent_key = [] {
  Value v;
  v.v.i = 0;
  v.tt = tag::abstkey;
  return v;
}();

namespace {

constexpr int errmem_status = 4;  // LUA_ERRMEM
constexpr int max_array_bits = 31;                       // array sizes fit in 2^31
constexpr unsigned int max_array_size = 1u << max_array_bits;
constexpr int max_hash_bits = max_array_bits - 1;

Node* dummy_node() { return const_cast<Node*>(&dummy_node_storage); }

bool is_power_of_two(unsigned int x) { return (x & (x - 1)) == 0; }

int ceil_log2(unsigned int x) {  // x >= 1
  int l = 0;
  x--;
  while (x >= 256) {
    l += 8;
    x >>= 8;
  }
  while (x > 0) {
    l++;
    x >>= 1;
  }
  return l;
}

bool float_to_int_exact(double f, std::int64_t& out) {
  if (!(f >= -9223372036854775808.0 && f < 9223372036854775808.0)) return false;  // also NaN
  auto i = static_cast<std::int64_t>(f);
  if (static_cast<double>(i) != f) return false;
  out = i;
  return true;
}

// ---- node access -------------------------------------------------------------------------------
Value* node_value(Node* n) { return &n->value; }
bool node_is_empty(const Node* n) { return tag::basic_of(n->u.value_tt) == tag::t_nil; }
bool key_is_nil(const Node* n) { return n->u.key_tt == tag::nil; }

Value node_key(const Node* n) {
  Value k;
  k.v = n->u.key_payload;
  k.tt = n->u.key_tt;
  return k;
}

void set_node_key(Node* n, const Value& key) {
  n->u.key_payload = key.v;
  n->u.key_tt = key.tt;
}

void copy_node(Node* to, const Node* from) { std::memcpy(static_cast<void*>(to), from, sizeof(Node)); }

// ---- main positions ------------------------------------------------------------------------------
Node* hash_mod(const Table* t, std::uint64_t n) {
  return &t->node[n % ((node_count(t) - 1u) | 1u)];
}
Node* hash_pow2(const Table* t, std::uint32_t h) { return &t->node[h & (node_count(t) - 1u)]; }

Node* hash_int(const Table* t, std::int64_t i) { return hash_mod(t, static_cast<std::uint64_t>(i)); }

// The float hash of 5.4: mantissa scaled to the int range plus the exponent, folded to a
// non-negative int (so float keys are placed exactly as the reference places them).
int float_hash(double n) {
  int exponent;
  n = std::frexp(n, &exponent) * -static_cast<double>(INT_MIN);
  if (!(n >= -9223372036854775808.0 && n < 9223372036854775808.0)) return 0;  // inf or NaN
  auto ni = static_cast<std::int64_t>(n);
  unsigned int u = static_cast<unsigned int>(exponent) + static_cast<unsigned int>(ni);
  return static_cast<int>(u <= static_cast<unsigned int>(INT_MAX) ? u : ~u);
}

Node* hash_pointer(const Table* t, const void* p) {
  return hash_mod(t, static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(p) & UINT_MAX));
}

Node* main_position(const Table* t, const Value& key) {
  switch (key.tt) {
    case tag::integer: return hash_int(t, key.v.i);
    case tag::float_: return hash_mod(t, static_cast<std::uint64_t>(float_hash(key.v.n)));
    case tag::short_string: return hash_pow2(t, as_string(key)->hash);
    case tag::long_string: return hash_pow2(t, strings::hash_of(as_string(key)));
    case tag::false_: return hash_pow2(t, 0);
    case tag::true_: return hash_pow2(t, 1);
    case tag::lightuserdata: return hash_pointer(t, key.v.p);
    case tag::light_cfunction: return hash_pointer(t, reinterpret_cast<const void*>(key.v.f));
    default: return hash_pointer(t, key.v.gc);
  }
}

// Raw key equality against a node. With dead_ok, a dead key matches the collectable object it
// used to hold (by identity): `next` may be handed a key whose entry was cleared meanwhile.
bool equal_key(const Value& k, const Node* n, bool dead_ok) {
  if (k.tt != n->u.key_tt) {
    if (!(dead_ok && n->u.key_tt == dead_key_tag && k.is_collectable())) return false;
    return k.v.gc == n->u.key_payload.gc;
  }
  switch (n->u.key_tt) {
    case tag::nil: case tag::false_: case tag::true_: return true;
    case tag::integer: return k.v.i == n->u.key_payload.i;
    case tag::float_: return k.v.n == n->u.key_payload.n;
    case tag::lightuserdata: return k.v.p == n->u.key_payload.p;
    case tag::light_cfunction: return k.v.f == n->u.key_payload.f;
    case tag::long_string:
      return strings::equal(as_string(k), static_cast<const String*>(n->u.key_payload.gc));
    default: return k.v.gc == n->u.key_payload.gc;
  }
}

const Value* get_generic(Table* t, const Value& key, bool dead_ok) {
  Node* n = main_position(t, key);
  for (;;) {
    if (equal_key(key, n, dead_ok)) return node_value(n);
    if (n->u.next == 0) return &absent_key;
    n += n->u.next;
  }
}

// ---- array limit (see tables.h) ----------------------------------------------------------------
bool limit_is_real(const Table* t) { return (t->flags & limit_is_hint) == 0; }
bool limit_equals_capacity(const Table* t) {
  return limit_is_real(t) || is_power_of_two(t->array_size);
}
// True when the allocated size is a power of two, so the limit may move without changing it.
bool capacity_is_power_of_two(const Table* t) {
  return !limit_is_real(t) || is_power_of_two(t->array_size);
}
unsigned int limit_to_capacity(Table* t) {
  t->array_size = array_capacity(t);
  t->flags &= static_cast<std::uint8_t>(~limit_is_hint);
  return t->array_size;
}

// 1-based index of key in the array part range [1, max_array_size], or 0.
unsigned int array_index(std::int64_t k) {
  if (static_cast<std::uint64_t>(k) - 1u < max_array_size) return static_cast<unsigned int>(k);
  return 0;
}

// ---- hash part allocation ------------------------------------------------------------------------
// A hash part is one block: the free-position pointer (all nodes above it are in use), then the
// nodes. Keeping that pointer out of Table makes the header 48 bytes. The dummy part has none.
constexpr std::size_t hash_header = sizeof(Node*);
static_assert(hash_header % alignof(Node) == 0);

struct HashPart {
  Node* node;
  std::uint8_t log2_size;
};

Node*& last_free_of(Node* nodes) { return reinterpret_cast<Node**>(nodes)[-1]; }
std::size_t hash_block_bytes(std::uint8_t log2_size) {
  return hash_header + (std::size_t{1} << log2_size) * sizeof(Node);
}

HashPart make_hash_part(lua_State* L, unsigned int size) {
  if (size == 0) return {dummy_node(), 0};
  int lsize = ceil_log2(size);
  if (lsize > max_hash_bits) runtime::run_error(L, "table overflow");
  std::size_t count = std::size_t{1} << lsize;
  auto* block = static_cast<char*>(gc::mem_alloc(L, hash_block_bytes(static_cast<std::uint8_t>(lsize))));
  auto* nodes = reinterpret_cast<Node*>(block + hash_header);
  for (std::size_t i = 0; i < count; i++) {
    nodes[i].u.next = 0;
    nodes[i].u.key_tt = tag::nil;
    nodes[i].u.key_payload.i = 0;
    nodes[i].u.value_payload.i = 0;
    nodes[i].u.value_tt = tag::empty;
  }
  last_free_of(nodes) = nodes + count;
  return {nodes, static_cast<std::uint8_t>(lsize)};
}

HashPart take_hash_part(Table* t) { return {t->node, t->log2_node_size}; }
void put_hash_part(Table* t, const HashPart& h) {
  t->node = h.node;
  t->log2_node_size = h.log2_size;
}
void swap_hash_part(Table* t, HashPart& h) {
  HashPart old = take_hash_part(t);
  put_hash_part(t, h);
  h = old;
}
void free_hash_part(lua_State* L, const HashPart& h) {
  if (h.node != dummy_node())
    gc::mem_free(L, reinterpret_cast<char*>(h.node) - hash_header, hash_block_bytes(h.log2_size));
}

Node* free_position(Table* t) {
  if (!is_dummy(t)) {
    Node*& last_free = last_free_of(t->node);
    while (last_free > t->node) {
      last_free--;
      if (key_is_nil(last_free)) return last_free;
    }
  }
  return nullptr;
}

// ---- rehash ----------------------------------------------------------------------------------------
// counts[i] = number of integer keys k with 2^(i-1) < k <= 2^i.
using Counts = unsigned int[max_array_bits + 1];

// The largest power of two n such that more than n/2 of the slots 1..n would be used; *count
// enters with the number of integer keys and leaves with those that go to the array part.
unsigned int optimal_array_size(const Counts counts, unsigned int* count) {
  unsigned int below = 0, in_array = 0, optimal = 0;
  unsigned int two_to_i = 1;
  for (int i = 0; two_to_i > 0 && *count > two_to_i / 2; i++, two_to_i *= 2) {
    below += counts[i];
    if (below > two_to_i / 2) {
      optimal = two_to_i;
      in_array = below;
    }
  }
  *count = in_array;
  return optimal;
}

int count_int_key(std::int64_t key, Counts counts) {
  unsigned int k = array_index(key);
  if (k == 0) return 0;
  counts[ceil_log2(k)]++;
  return 1;
}

unsigned int count_array_keys(const Table* t, Counts counts) {
  unsigned int total = 0;
  unsigned int i = 1;
  unsigned int size = t->array_size;  // equals the capacity here (limit_to_capacity ran)
  unsigned int slice_end = 1;
  for (int lg = 0; lg <= max_array_bits; lg++, slice_end *= 2) {
    unsigned int lim = slice_end;
    if (lim > size) {
      lim = size;
      if (i > lim) break;
    }
    unsigned int used = 0;
    for (; i <= lim; i++)
      if (!t->array[i - 1].is_empty()) used++;
    counts[lg] += used;
    total += used;
  }
  return total;
}

unsigned int count_hash_keys(const Table* t, Counts counts, unsigned int* int_keys) {
  unsigned int total = 0, ints = 0;
  for (unsigned int i = node_count(t); i-- > 0;) {
    const Node* n = &t->node[i];
    if (!node_is_empty(n)) {
      if (n->u.key_tt == tag::integer) ints += static_cast<unsigned int>(count_int_key(n->u.key_payload.i, counts));
      total++;
    }
  }
  *int_keys += ints;
  return total;
}

void rehash(lua_State* L, Table* t, const Value& extra_key) {
  Counts counts = {};
  limit_to_capacity(t);
  unsigned int int_keys = count_array_keys(t, counts);
  unsigned int total = int_keys;
  total += count_hash_keys(t, counts, &int_keys);
  if (extra_key.is_integer()) int_keys += static_cast<unsigned int>(count_int_key(extra_key.v.i, counts));
  total++;
  unsigned int array_size = optimal_array_size(counts, &int_keys);
  resize(L, t, array_size, total - int_keys);
}

// ---- borders ---------------------------------------------------------------------------------------
unsigned int array_binary_search(const Value* array, unsigned int i, unsigned int j) {
  while (j - i > 1u) {
    unsigned int m = (i + j) / 2;
    if (array[m - 1].is_empty()) j = m;
    else i = m;
  }
  return i;
}

// j is zero or present and j + 1 is present: find an absent index by doubling, then bisect.
std::uint64_t hash_border_search(Table* t, std::uint64_t j) {
  constexpr std::uint64_t max_integer = static_cast<std::uint64_t>(INT64_MAX);
  std::uint64_t i;
  if (j == 0) j++;
  do {
    i = j;
    if (j <= max_integer / 2) {
      j *= 2;
    } else {
      j = max_integer;
      if (get_int(t, static_cast<std::int64_t>(j))->is_empty()) break;
      return j;  // every positive integer key up to the maximum is present
    }
  } while (!get_int(t, static_cast<std::int64_t>(j))->is_empty());
  while (j - i > 1u) {
    std::uint64_t m = (i + j) / 2;
    if (get_int(t, static_cast<std::int64_t>(m))->is_empty()) j = m;
    else i = m;
  }
  return i;
}

// Index of a key for traversal: 0 = start, 1..asize = array, asize+1.. = nodes.
unsigned int traversal_index(lua_State* L, Table* t, const Value& key, unsigned int asize) {
  if (key.is_nil()) return 0;
  unsigned int i = key.is_integer() ? array_index(key.v.i) : 0;
  if (i - 1u < asize) return i;
  const Value* slot = get_generic(t, key, true);
  if (is_absent(slot)) runtime::run_error(L, "invalid key to 'next'");
  const Node* n = reinterpret_cast<const Node*>(slot);
  return static_cast<unsigned int>(n - t->node) + 1 + asize;
}

}  // namespace

// ---- public ------------------------------------------------------------------------------------------

unsigned int array_capacity(const Table* t) {
  if (limit_equals_capacity(t)) return t->array_size;
  unsigned int size = t->array_size;  // smallest power of two not below the limit
  size |= size >> 1;
  size |= size >> 2;
  size |= size >> 4;
  size |= size >> 8;
  size |= size >> 16;
  return size + 1;
}

unsigned int hash_size(const Table* t) { return is_dummy(t) ? 0 : node_count(t); }

Table* new_table(lua_State* L) {
  auto* t = static_cast<Table*>(gc::new_object(L, tag::table, sizeof(Table)));
  t->metatable = nullptr;
  t->flags = tm_absent_mask;  // no metamethod fields yet
  t->array = nullptr;
  t->array_size = 0;
  t->gc_list = nullptr;
  put_hash_part(t, {dummy_node(), 0});
  return t;
}

void free_table(lua_State* L, Table* t) {
  free_hash_part(L, take_hash_part(t));
  gc::mem_free(L, t->array, std::size_t{array_capacity(t)} * sizeof(Value));
  gc::mem_free(L, t, sizeof(Table));
}

// Both allocations may fail: the new hash part first (then nothing changed), then the array (then
// the new hash part is released and the table keeps its old contents).
void resize(lua_State* L, Table* t, unsigned int new_array_size, unsigned int new_hash_size) {
  if (new_array_size > max_array_size) runtime::run_error(L, "table overflow");
  unsigned int old_array_size = limit_to_capacity(t);
  if (new_array_size < old_array_size) {
    // The new hash part must hold the vanishing slice and the old hash entries: a rehash in the
    // middle of the move would see the table half moved. (rehash() always asks for enough.)
    unsigned int needed = 0;
    for (unsigned int i = new_array_size; i < old_array_size; i++)
      if (!t->array[i].is_empty()) needed++;
    for (unsigned int i = 0; i < node_count(t); i++)
      if (!node_is_empty(&t->node[i])) needed++;
    if (new_hash_size < needed) new_hash_size = needed;
  }
  HashPart fresh = make_hash_part(L, new_hash_size);
  if (new_array_size < old_array_size) {
    // Move the vanishing slice into the new hash part, pretending the array already shrank.
    t->array_size = new_array_size;
    swap_hash_part(t, fresh);
    for (unsigned int i = new_array_size; i < old_array_size; i++)
      if (!t->array[i].is_empty()) set_int(L, t, static_cast<std::int64_t>(i) + 1, t->array[i]);
    t->array_size = old_array_size;
    swap_hash_part(t, fresh);
  }
  auto* array = static_cast<Value*>(gc::mem_try_realloc(L, t->array, std::size_t{old_array_size} * sizeof(Value),
                                                        std::size_t{new_array_size} * sizeof(Value)));
  if (array == nullptr && new_array_size > 0) {
    free_hash_part(L, fresh);
    runtime::raise(L, errmem_status);
  }
  swap_hash_part(t, fresh);  // `fresh` now holds the old hash part
  t->array = array;
  t->array_size = new_array_size;
  for (unsigned int i = old_array_size; i < new_array_size; i++) array[i].set_empty();
  // Re-insert the old hash part; these keys were already in the table, so no barrier is needed.
  unsigned int old_nodes = 1u << fresh.log2_size;
  for (unsigned int j = 0; j < old_nodes; j++) {
    Node* old = &fresh.node[j];
    if (!node_is_empty(old)) set(L, t, node_key(old), old->value);
  }
  free_hash_part(L, fresh);
}

void resize_array(lua_State* L, Table* t, unsigned int array_size) {
  resize(L, t, array_size, hash_size(t));
}

const Value* get_int_slow(Table* t, std::int64_t key) {
  std::uint64_t limit = t->array_size;
  std::uint64_t index = static_cast<std::uint64_t>(key) - 1u;
  // Past the limit but maybe inside the allocated array (a power of two): bits of index above
  // the highest bit of limit-1 must be clear.
  if (!limit_is_real(t) && (index & ~(limit - 1u)) < limit) {
    t->array_size = static_cast<unsigned int>(key);  // `#t` is probably here now
    return &t->array[index];
  }
  Node* n = hash_int(t, key);
  for (;;) {
    if (n->u.key_tt == tag::integer && n->u.key_payload.i == key) return node_value(n);
    if (n->u.next == 0) return &absent_key;
    n += n->u.next;
  }
}

const Value* get_str(Table* t, String* key) {
  if (key->is_short()) return get_short_str(t, key);
  Value k;
  set_string(k, key);
  return get_generic(t, k, false);
}

const Value* get(Table* t, const Value& key) {
  switch (key.tt) {
    case tag::short_string: return get_short_str(t, as_string(key));
    case tag::integer: return get_int(t, key.v.i);
    case tag::nil: return &absent_key;
    case tag::float_: {
      std::int64_t k;
      if (float_to_int_exact(key.v.n, k)) return get_int(t, k);
      return get_generic(t, key, false);
    }
    default: return get_generic(t, key, false);
  }
}

Value* new_key(lua_State* L, Table* t, const Value& key_in) {
  Value key = key_in;
  if (key.is_nil()) runtime::run_error(L, "table index is nil");
  if (key.is_float()) {
    std::int64_t k;
    if (float_to_int_exact(key.v.n, k)) key.set_int(k);
    else if (std::isnan(key.v.n)) runtime::run_error(L, "table index is NaN");
  }
  Node* mp = main_position(t, key);
  if (!node_is_empty(mp) || is_dummy(t)) {
    Node* f = free_position(t);
    if (f == nullptr) {
      rehash(L, t, key);
      const Value* slot = get(t, key);
      if (!is_absent(slot)) return const_cast<Value*>(slot);  // now in the array part
      return new_key(L, t, key);
    }
    Node* other = main_position(t, node_key(mp));
    if (other != mp) {
      // The colliding node is out of its main position: move it to the free node.
      while (other + other->u.next != mp) other += other->u.next;
      other->u.next = static_cast<std::int32_t>(f - other);
      copy_node(f, mp);
      if (mp->u.next != 0) {
        f->u.next += static_cast<std::int32_t>(mp - f);
        mp->u.next = 0;
      }
      mp->value.set_empty();
    } else {
      // The colliding node is in its main position: the new key goes to the free node.
      if (mp->u.next != 0) f->u.next = static_cast<std::int32_t>((mp + mp->u.next) - f);
      mp->u.next = static_cast<std::int32_t>(f - mp);
      mp = f;
    }
  }
  set_node_key(mp, key);
  invalidate_tm_cache(t);  // the new key may be a metamethod name
  gc::barrier_back(L, t, key);
  return node_value(mp);
}

void set(lua_State* L, Table* t, const Value& key, const Value& value) {
  const Value* slot = get(t, key);
  Value* target;
  if (is_absent(slot)) {
    if (key.is_nil()) runtime::run_error(L, "table index is nil");
    if (key.is_float() && std::isnan(key.v.n)) runtime::run_error(L, "table index is NaN");
    if (value.is_nil()) return;  // assigning nil to an absent key creates nothing
    target = new_key(L, t, key);
  } else {
    target = const_cast<Value*>(slot);
    if (key.is_short_string()) invalidate_tm_cache(t);  // may turn an absent metamethod present
  }
  *target = value;
  gc::barrier_back(L, t, value);
}

void set_int(lua_State* L, Table* t, std::int64_t key, const Value& value) {
  const Value* slot = get_int(t, key);
  Value* target;
  if (is_absent(slot)) {
    if (value.is_nil()) return;
    target = new_key(L, t, Value::from_int(key));
  } else {
    target = const_cast<Value*>(slot);
  }
  *target = value;
  gc::barrier_back(L, t, value);
}

std::uint64_t length(Table* t) {
  unsigned int limit = t->array_size;
  if (limit > 0 && t->array[limit - 1].is_empty()) {
    // A border lies before the limit. Common case first (after `t[#t] = nil`).
    if (limit >= 2 && !t->array[limit - 2].is_empty()) {
      if (capacity_is_power_of_two(t) && !is_power_of_two(limit - 1)) {
        t->array_size = limit - 1;
        t->flags |= limit_is_hint;
      }
      return limit - 1;
    }
    unsigned int border = array_binary_search(t->array, 0, limit);
    if (capacity_is_power_of_two(t) && border > array_capacity(t) / 2) {
      t->array_size = border;
      t->flags |= limit_is_hint;
    }
    return border;
  }
  // The limit is zero or present.
  if (!limit_equals_capacity(t)) {
    if (t->array[limit].is_empty()) return limit;
    limit = array_capacity(t);
    if (t->array[limit - 1].is_empty()) {
      unsigned int border = array_binary_search(t->array, t->array_size, limit);
      t->array_size = border;
      return border;
    }
    t->array_size = limit;  // the last element is present: the limit becomes the capacity
  }
  if (is_dummy(t) || get_int(t, static_cast<std::int64_t>(limit) + 1)->is_empty()) return limit;
  return hash_border_search(t, limit);
}

bool next(lua_State* L, Table* t, Value* key_and_value) {
  unsigned int asize = array_capacity(t);
  unsigned int i = traversal_index(L, t, key_and_value[0], asize);
  for (; i < asize; i++) {
    if (!t->array[i].is_empty()) {
      key_and_value[0].set_int(static_cast<std::int64_t>(i) + 1);
      key_and_value[1] = t->array[i];
      return true;
    }
  }
  unsigned int nodes = node_count(t);
  for (i -= asize; i < nodes; i++) {
    Node* n = &t->node[i];
    if (!node_is_empty(n)) {
      key_and_value[0] = node_key(n);
      key_and_value[1] = n->value;
      return true;
    }
  }
  return false;
}

const Value* fast_tm(lua_State* L, Table* metatable, Event e) {
  if (metatable == nullptr) return nullptr;
  auto bit = static_cast<unsigned int>(e);
  if (bit <= static_cast<unsigned int>(Event::Eq)) {
    if (metatable->flags & (1u << bit)) return nullptr;
    const Value* tm = get_short_str(metatable, L->global->tm_name[bit]);
    if (tm->is_nil()) {
      metatable->flags |= static_cast<std::uint8_t>(1u << bit);
      return nullptr;
    }
    return tm;
  }
  const Value* tm = get_short_str(metatable, L->global->tm_name[bit]);
  return tm->is_nil() ? nullptr : tm;
}

}  // namespace luna::tables
