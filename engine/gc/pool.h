// A size-class allocator for small blocks, usable as a lua_Alloc (luaL_newstate's default).
// Contract: blocks of up to max_small bytes come from 16 KiB slabs, one size class (multiples of
// 16 bytes) per slab, with no per-block header; larger blocks go to malloc/realloc/free. Every
// block is aligned to 16 bytes (max_align_t). Like any lua_Alloc it relies on the caller passing
// the exact size of a block when it frees or resizes it (the manual's contract); a small block
// freed with a size of another class aborts with a message instead of corrupting the heap.
// A slab whose blocks are all free is reused by any class; memory goes back to malloc when the
// pool is destroyed.
// Not thread-safe: one pool serves one state (with its coroutines), as a state is not used by
// two threads at once.
// Lifetime: create() makes a pool; release_when_empty() arms it to destroy itself when its last
// block (small or large) is freed, which for a state is lua_close's final free. A pool that was
// never armed is destroyed with destroy() (e.g. when lua_newstate failed).
#pragma once

#include <cstddef>

namespace luna::gc::pool {

inline constexpr std::size_t max_small = 512;

// luaL_newstate uses the pool except in AddressSanitizer builds, where every block must stay a
// separate malloc block so that ASan can see overflows between neighbours (the pool itself is
// still tested there directly).
#ifdef __SANITIZE_ADDRESS__
inline constexpr bool default_for_states = false;
#else
inline constexpr bool default_for_states = true;
#endif

struct Pool;

Pool* create();  // null when out of memory
void destroy(Pool* pool);
void release_when_empty(Pool* pool);
// lua_Alloc: ud is the Pool.
void* allocate(void* ud, void* block, std::size_t old_size, std::size_t new_size);

}  // namespace luna::gc::pool
