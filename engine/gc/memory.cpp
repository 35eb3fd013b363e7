// Allocation through the state's lua_Alloc with exact accounting and the emergency-collection retry.
#include <cstdlib>
#include <cstring>

#include "gc/gc.h"
#include "runtime/error.h"

namespace luna::gc {

namespace {

constexpr int errmem_status = 4;  // LUA_ERRMEM

// The state is complete (registry, strings, ...) once nil_value holds a real nil; before that an
// emergency collection must not run.
bool can_retry(const GlobalState* g) { return g->nil_value.is_strict_nil() && !g->gc_stop_em; }

void* raw_realloc(GlobalState* g, void* p, std::size_t old_size, std::size_t new_size) {
  return g->frealloc(g->ud, p, old_size, new_size);
}

// One reallocation attempt plus, on failure, a full emergency collection and a second attempt.
void* realloc_with_retry(lua_State* L, void* p, std::size_t old_size, std::size_t new_size) {
  GlobalState* g = L->global;
  // lua_Alloc receives the type tag as "old size" for new blocks; the engine passes 0 (allowed).
  std::size_t passed_old = p ? old_size : 0;
  void* block = raw_realloc(g, p, passed_old, new_size);
  if (block == nullptr && new_size > 0 && can_retry(g)) {
    full(L, true);
    block = raw_realloc(g, p, passed_old, new_size);
  }
  if (block == nullptr && new_size > 0) return nullptr;
  g->gc_debt += static_cast<std::ptrdiff_t>(new_size) - static_cast<std::ptrdiff_t>(p ? old_size : 0);
  return block;
}

}  // namespace

void* mem_try_realloc(lua_State* L, void* p, std::size_t old_size, std::size_t new_size) {
  return realloc_with_retry(L, p, old_size, new_size);
}

void* mem_realloc(lua_State* L, void* p, std::size_t old_size, std::size_t new_size) {
  void* block = realloc_with_retry(L, p, old_size, new_size);
  if (block == nullptr && new_size > 0) runtime::raise(L, errmem_status);
  return block;
}

void* mem_alloc(lua_State* L, std::size_t size) {
  if (size == 0) return nullptr;
  void* block = realloc_with_retry(L, nullptr, 0, size);
  if (block == nullptr) runtime::raise(L, errmem_status);
  return block;
}

void* mem_try_alloc(lua_State* L, std::size_t size) {
  if (size == 0) return nullptr;
  return realloc_with_retry(L, nullptr, 0, size);
}

void mem_free(lua_State* L, void* p, std::size_t size) {
  if (p == nullptr) return;
  GlobalState* g = L->global;
  raw_realloc(g, p, size, 0);
  g->gc_debt -= static_cast<std::ptrdiff_t>(size);
}

GCObject* new_object_at(lua_State* L, std::uint8_t tt, std::size_t size, std::size_t offset) {
  GlobalState* g = L->global;
  char* block = static_cast<char*>(mem_alloc(L, size));
  GCObject* o = reinterpret_cast<GCObject*>(block + offset);
  o->marked = current_white(g);
  o->tt = tt;
  o->next = g->all_gc;
  g->all_gc = o;
  return o;
}

GCObject* new_object(lua_State* L, std::uint8_t tt, std::size_t size) {
  return new_object_at(L, tt, size, 0);
}

void set_debt(GlobalState* g, std::ptrdiff_t debt) {
  std::ptrdiff_t total = static_cast<std::ptrdiff_t>(in_use(g));
  constexpr std::ptrdiff_t max_mem = PTRDIFF_MAX >> 1;
  if (debt < total - max_mem) debt = total - max_mem;  // keep total_bytes representable
  g->total_bytes = total - debt;
  g->gc_debt = debt;
}

double count_kb(const GlobalState* g) {
  std::size_t bytes = in_use(g);
  return static_cast<double>(bytes >> 10) + static_cast<double>(bytes & 0x3FF) / 1024.0;
}

}  // namespace luna::gc
