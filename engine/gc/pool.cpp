// Slab allocator for small blocks (see pool.h). A slab is a 16 KiB block aligned to its size, so
// the slab of any small block is found by masking its address; its header holds the class, the
// free list of returned blocks, the never-used tail (handed out in address order, so untouched
// pages stay untouched) and the live count. Slabs are carved in order from 1 MiB arenas (one
// malloc each), so a new slab costs no system call and touches only the pages it hands out: a
// state that uses twenty classes at start-up touches about twenty pages, not twenty mappings.
// Each class keeps a doubly linked list of its slabs that have room; a full slab leaves that
// list and comes back when one of its blocks is freed; an empty slab becomes a spare that any
// class may reuse. Arenas are released when the pool is destroyed.
// Compared with malloc this saves the per-block header (8 bytes, and 16 for the 16n-byte arrays
// and strings that malloc rounds up) and most of malloc/free's bookkeeping on the GC's hot path.
#include "gc/pool.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#ifdef __linux__
#include <sys/mman.h>
#endif

namespace luna::gc::pool {

namespace {

constexpr std::size_t slab_size = 16 * 1024;
constexpr std::size_t arena_size = 1024 * 1024;
constexpr std::size_t resident_spares = 256;  // 4 MiB
constexpr std::size_t granule = 16;
constexpr int class_count = static_cast<int>(max_small / granule);

struct FreeBlock {
  FreeBlock* next;
};

struct Slab {
  Slab* next;            // in its class's list of slabs with room, or in the spare list
  Slab* previous;
  FreeBlock* free;       // blocks returned by free
  char* bump;            // [bump, end): never handed out yet
  char* end;
  std::uint32_t live;
  std::uint16_t size_class;
  bool listed;           // in the class's list of slabs with room
};
constexpr std::size_t slab_header = (sizeof(Slab) + granule - 1) / granule * granule;
static_assert(slab_header <= 64);

constexpr std::size_t block_size(int size_class) { return static_cast<std::size_t>(size_class + 1) * granule; }
// Class of a small size (1..max_small); -1 for 0, which no block has.
constexpr int class_of(std::size_t size) { return static_cast<int>((size + granule - 1) / granule) - 1; }

Slab* slab_of(void* block) {
  return reinterpret_cast<Slab*>(reinterpret_cast<std::uintptr_t>(block) & ~(std::uintptr_t{slab_size} - 1u));
}

[[noreturn]] void bad_size(void* block, std::size_t size) {
  std::fprintf(stderr, "luna: allocator misuse: block %p released or resized with a wrong old size (%zu)\n",
               block, size);
  std::abort();
}

}  // namespace

struct Pool {
  Slab* available[class_count];  // per class: slabs with room, most recently freed into first
  Slab* spare;                   // empty slabs (chained through `next`)
  std::size_t spare_count;
  char* carve;                   // [carve, carve_end): the current arena's unused slabs
  char* carve_end;
  void** arenas;                 // every arena, for destroy
  std::size_t arena_count;
  std::size_t arena_capacity;
  std::size_t live_blocks;
  bool armed;
};

namespace {

void list(Pool* pool, Slab* s) {
  Slab*& head = pool->available[s->size_class];
  s->previous = nullptr;
  s->next = head;
  if (head != nullptr) head->previous = s;
  head = s;
  s->listed = true;
}

void unlist(Pool* pool, Slab* s) {
  if (s->previous != nullptr) s->previous->next = s->next;
  else pool->available[s->size_class] = s->next;
  if (s->next != nullptr) s->next->previous = s->previous;
  s->listed = false;
}

bool add_arena(Pool* pool) {
  if (pool->arena_count == pool->arena_capacity) {
    std::size_t capacity = pool->arena_capacity == 0 ? 8 : pool->arena_capacity * 2;
    auto* arenas = static_cast<void**>(std::realloc(pool->arenas, capacity * sizeof(void*)));
    if (arenas == nullptr) return false;
    pool->arenas = arenas;
    pool->arena_capacity = capacity;
  }
  void* arena = std::aligned_alloc(slab_size, arena_size);
  if (arena == nullptr) return false;
  pool->arenas[pool->arena_count++] = arena;
  pool->carve = static_cast<char*>(arena);
  pool->carve_end = pool->carve + arena_size;
  return true;
}

Slab* new_slab(Pool* pool, int size_class) {
  void* memory;
  if (pool->spare != nullptr) {
    memory = pool->spare;
    pool->spare = pool->spare->next;
    pool->spare_count--;
  } else {
    if (pool->carve == pool->carve_end && !add_arena(pool)) return nullptr;
    memory = pool->carve;
    pool->carve += slab_size;
  }
  auto* s = static_cast<Slab*>(memory);
  s->free = nullptr;
  s->bump = static_cast<char*>(memory) + slab_header;
  s->end = static_cast<char*>(memory) + slab_size;
  s->live = 0;
  s->size_class = static_cast<std::uint16_t>(size_class);
  list(pool, s);
  return s;
}

// Spares beyond the first few MiB give their pages back to the system (the address range stays
// in the arena), so a heap that shrank after a peak does not keep its peak resident.
void make_spare(Pool* pool, Slab* s) {
  s->next = pool->spare;
  pool->spare = s;
  if (++pool->spare_count > resident_spares) {
#ifdef __linux__
    constexpr std::size_t page = 4096;  // the header page stays: it holds `next`
    madvise(reinterpret_cast<char*>(s) + page, slab_size - page, MADV_DONTNEED);
#endif
  }
}

void* allocate_small(Pool* pool, int size_class) {
  Slab* s = pool->available[size_class];
  if (s == nullptr && (s = new_slab(pool, size_class)) == nullptr) return nullptr;
  std::size_t size = block_size(size_class);
  void* block;
  if (s->free != nullptr) {
    block = s->free;
    s->free = s->free->next;
  } else {
    block = s->bump;
    s->bump += size;
  }
  s->live++;
  if (s->free == nullptr && static_cast<std::size_t>(s->end - s->bump) < size) unlist(pool, s);
  return block;
}

void free_small(Pool* pool, void* block, std::size_t size) {
  Slab* s = slab_of(block);
  if (s->size_class != class_of(size)) bad_size(block, size);
  auto* f = static_cast<FreeBlock*>(block);
  f->next = s->free;
  s->free = f;
  s->live--;
  if (!s->listed) {
    list(pool, s);
  } else if (s->live == 0 && (s->next != nullptr || s->previous != nullptr)) {
    // Empty, and the class has another slab with room: any class may reuse it.
    unlist(pool, s);
    make_spare(pool, s);
  }
}

void* allocate_new(Pool* pool, std::size_t size) {
  void* block = size <= max_small ? allocate_small(pool, class_of(size)) : std::malloc(size);
  if (block != nullptr) pool->live_blocks++;
  return block;
}

void release(Pool* pool, void* block, std::size_t size) {
  if (size <= max_small) free_small(pool, block, size);
  else std::free(block);
  if (--pool->live_blocks == 0 && pool->armed) destroy(pool);
}

void* resize(Pool* pool, void* block, std::size_t old_size, std::size_t new_size) {
  bool old_small = old_size <= max_small;
  bool new_small = new_size <= max_small;
  if (!old_small && !new_small) return std::realloc(block, new_size);
  if (old_small && new_small && class_of(old_size) == class_of(new_size)) {
    if (slab_of(block)->size_class != class_of(old_size)) bad_size(block, old_size);
    return block;
  }
  void* fresh = new_small ? allocate_small(pool, class_of(new_size)) : std::malloc(new_size);
  if (fresh == nullptr) return nullptr;  // the old block stays valid, as lua_Alloc requires
  std::memcpy(fresh, block, old_size < new_size ? old_size : new_size);
  if (old_small) free_small(pool, block, old_size);
  else std::free(block);
  return fresh;
}

}  // namespace

Pool* create() {
  auto* pool = static_cast<Pool*>(std::malloc(sizeof(Pool)));
  if (pool == nullptr) return nullptr;
  for (Slab*& head : pool->available) head = nullptr;
  pool->spare = nullptr;
  pool->spare_count = 0;
  pool->carve = pool->carve_end = nullptr;
  pool->arenas = nullptr;
  pool->arena_count = pool->arena_capacity = 0;
  pool->live_blocks = 0;
  pool->armed = false;
  return pool;
}

void destroy(Pool* pool) {
  for (std::size_t i = 0; i < pool->arena_count; i++) std::free(pool->arenas[i]);
  std::free(pool->arenas);
  std::free(pool);
}

void release_when_empty(Pool* pool) { pool->armed = true; }

void* allocate(void* ud, void* block, std::size_t old_size, std::size_t new_size) {
  auto* pool = static_cast<Pool*>(ud);
  if (new_size == 0) {
    if (block != nullptr) release(pool, block, old_size);
    return nullptr;
  }
  if (block == nullptr) return allocate_new(pool, new_size);  // old_size is a type tag then
  return resize(pool, block, old_size, new_size);
}

}  // namespace luna::gc::pool
