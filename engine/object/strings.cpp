// Strings: the intern table of short strings, long strings with a lazily computed hash, and the
// API cache that maps C string addresses to their String objects.
#include "object/strings.h"

#include <cstdint>
#include <cstring>

#include "gc/gc.h"
#include "object/sizes.h"
#include "runtime/error.h"

namespace luna::strings {

namespace {

constexpr int min_table_size = 128;              // initial number of buckets (power of two)
constexpr int max_table_size = 1 << 30;
constexpr std::size_t cache_rows = 53;           // dimensions of GlobalState::strcache
constexpr std::size_t cache_columns = 2;

std::uint64_t load64(const char* p) {
  std::uint64_t w;
  std::memcpy(&w, p, sizeof w);
  return w;
}

std::uint64_t mix(std::uint64_t h, std::uint64_t w) {
  h ^= w * 0x9E3779B97F4A7C15ull;
  h = (h << 29) | (h >> 35);
  return h * 0xBF58476D1CE4E5B9ull;
}

String* create(lua_State* L, std::size_t len, std::uint8_t tt, std::uint32_t hash) {
  auto* s = static_cast<String*>(gc::new_object(L, tt, sizes::string_bytes(len)));
  s->hash = hash;
  s->extra = 0;
  s->data[len] = '\0';
  return s;
}

// Grow the bucket vector; if that allocation fails the table keeps its size (longer chains only).
void grow(lua_State* L) {
  StringTable& tb = L->global->strings;
  if (tb.size < max_table_size) resize_table(L, tb.size * 2);
}

String* intern(lua_State* L, const char* s, std::size_t len) {
  GlobalState* g = L->global;
  StringTable& tb = g->strings;
  std::uint32_t h = hash_bytes(s, len, g->seed);
  for (String* ts = tb.hash[h & static_cast<std::uint32_t>(tb.size - 1)]; ts; ts = ts->u.hash_next) {
    if (ts->short_len == len && ts->hash == h && std::memcmp(s, ts->data, len) == 0) {
      // A string found dead by the sweep but not yet freed comes back to life.
      if (gc::is_dead(g, ts)) ts->marked ^= gc::mark::whites;
      return ts;
    }
  }
  if (tb.count >= tb.size) grow(L);
  String* ts = create(L, len, tag::short_string, h);
  ts->short_len = static_cast<std::uint8_t>(len);
  std::memcpy(ts->data, s, len);
  String** bucket = &tb.hash[h & static_cast<std::uint32_t>(tb.size - 1)];
  ts->u.hash_next = *bucket;
  *bucket = ts;
  tb.count++;
  return ts;
}

}  // namespace

std::uint32_t hash_bytes(const char* s, std::size_t len, unsigned int seed) {
  std::uint64_t h = (static_cast<std::uint64_t>(seed) << 32) ^ len ^ 0x2545F4914F6CDD1Dull;
  std::size_t i = 0;
  for (; i + 8 <= len; i += 8) h = mix(h, load64(s + i));
  if (i < len) {
    std::uint64_t tail = 0;
    std::memcpy(&tail, s + i, len - i);
    h = mix(h, tail ^ (static_cast<std::uint64_t>(len - i) << 56));
  }
  h ^= h >> 31;
  h *= 0x94D049BB133111EBull;
  h ^= h >> 29;
  return static_cast<std::uint32_t>(h ^ (h >> 32));
}

void init_table(lua_State* L) {
  GlobalState* g = L->global;
  g->strings.hash = nullptr;
  g->strings.count = 0;
  g->strings.size = 0;
  auto** buckets = static_cast<String**>(gc::mem_alloc(L, min_table_size * sizeof(String*)));
  for (int i = 0; i < min_table_size; i++) buckets[i] = nullptr;
  g->strings.hash = buckets;
  g->strings.size = min_table_size;
  // The memory error message is created here so the cache always holds a valid, fixed string.
  g->memory_error_msg = new_string(L, "not enough memory");
  gc::fix_object(L, g->memory_error_msg);
  for (std::size_t i = 0; i < cache_rows; i++)
    for (std::size_t j = 0; j < cache_columns; j++) g->strcache[i][j] = g->memory_error_msg;
}

void resize_table(lua_State* L, int new_size) {
  StringTable& tb = L->global->strings;
  if (new_size < min_table_size / 2 || new_size == tb.size) return;
  auto** buckets = static_cast<String**>(
      gc::mem_try_realloc(L, nullptr, 0, static_cast<std::size_t>(new_size) * sizeof(String*)));
  if (buckets == nullptr) return;  // keep the old table: correct, only slower
  for (int i = 0; i < new_size; i++) buckets[i] = nullptr;
  const auto mask = static_cast<std::uint32_t>(new_size - 1);
  for (int i = 0; i < tb.size; i++) {
    String* s = tb.hash[i];
    while (s) {
      String* following = s->u.hash_next;
      String** bucket = &buckets[s->hash & mask];
      s->u.hash_next = *bucket;
      *bucket = s;
      s = following;
    }
  }
  gc::mem_free(L, tb.hash, static_cast<std::size_t>(tb.size) * sizeof(String*));
  tb.hash = buckets;
  tb.size = new_size;
}

String* new_long_uninit(lua_State* L, std::size_t len) {
  if (len >= SIZE_MAX / 2 - sizeof(String))
    runtime::run_error(L, "memory allocation error: block too big");
  // The hash field holds the seed until the real hash is computed (see hash_of).
  String* s = create(L, len, tag::long_string, L->global->seed);
  s->short_len = 0xFF;
  s->u.long_len = len;
  return s;
}

String* new_string(lua_State* L, const char* s, std::size_t len) {
  if (len <= max_short_len) return intern(L, s, len);
  String* ts = new_long_uninit(L, len);
  std::memcpy(ts->data, s, len);
  return ts;
}

String* new_string(lua_State* L, std::string_view s) { return new_string(L, s.data(), s.size()); }

String* new_cstring(lua_State* L, const char* s) {
  GlobalState* g = L->global;
  String** row = g->strcache[reinterpret_cast<std::uintptr_t>(s) % cache_rows];
  for (std::size_t j = 0; j < cache_columns; j++)
    if (std::strcmp(s, row[j]->data) == 0) return row[j];
  for (std::size_t j = cache_columns - 1; j > 0; j--) row[j] = row[j - 1];
  row[0] = new_string(L, s, std::strlen(s));
  return row[0];
}

std::uint32_t hash_of(String* s) {
  if (!s->is_short() && s->extra == 0) {
    s->hash = hash_bytes(s->data, s->u.long_len, s->hash);
    s->extra = 1;
  }
  return s->hash;
}

bool equal(const String* a, const String* b) {
  if (a == b) return true;
  if (a->is_short() || b->is_short()) return false;
  return a->u.long_len == b->u.long_len && std::memcmp(a->data, b->data, a->u.long_len) == 0;
}

void remove_dead(lua_State* L, String* s) {
  StringTable& tb = L->global->strings;
  String** p = &tb.hash[s->hash & static_cast<std::uint32_t>(tb.size - 1)];
  while (*p != s) p = &(*p)->u.hash_next;
  *p = s->u.hash_next;
  tb.count--;
}

void clear_cache(GlobalState* g) {
  for (std::size_t i = 0; i < cache_rows; i++)
    for (std::size_t j = 0; j < cache_columns; j++)
      if (gc::is_white(g->strcache[i][j])) g->strcache[i][j] = g->memory_error_msg;
}

}  // namespace luna::strings
