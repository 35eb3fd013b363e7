// Global states and threads: one allocation for the main thread + GlobalState, the registry,
// stacks, coroutine objects.
#include "object/state_init.h"

#include <cstdlib>
#include <cstring>
#include <ctime>

#include "gc/gc.h"
#include "object/functions.h"
#include "object/metamethods.h"
#include "object/strings.h"
#include "object/tables.h"
#include "runtime/error.h"

namespace luna::state {

namespace {

constexpr int tag_thread_size_hint = 8;  // LUA_TTHREAD: lua_Alloc's "osize" for new states
constexpr int min_stack = 20;            // LUA_MINSTACK

struct ThreadBlock {
  char extra[extra_space];
  lua_State l;
};
struct MainBlock {
  ThreadBlock thread;
  GlobalState g;
};
static_assert(alignof(lua_State) <= extra_space && sizeof(ThreadBlock) == extra_space + sizeof(lua_State),
              "the extra space directly precedes lua_State");

ThreadBlock* block_of(lua_State* L) {
  return reinterpret_cast<ThreadBlock*>(reinterpret_cast<char*>(L) - extra_space);
}

// A per-state hash seed: addresses (randomised by ASLR) mixed with the time.
unsigned int make_seed(const void* block) {
  int local = 0;
  std::uint64_t h = reinterpret_cast<std::uintptr_t>(block);
  h ^= reinterpret_cast<std::uintptr_t>(&local) * 0x9E3779B97F4A7C15ull;
  h ^= static_cast<std::uint64_t>(std::time(nullptr)) * 0xC2B2AE3D27D4EB4Full;
  h ^= reinterpret_cast<std::uintptr_t>(&make_seed);
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDull;
  h ^= h >> 33;
  return static_cast<unsigned int>(h);
}

bool stress_requested() {
#ifdef LUNA_GC_STRESS
  return true;
#else
  const char* env = std::getenv("LUNA_GC_STRESS");
  return env != nullptr && env[0] != '\0' && std::strcmp(env, "0") != 0;
#endif
}

void preinit_thread(lua_State* L, GlobalState* g) {
  L->global = g;
  L->stack = nullptr;
  L->stack_last = nullptr;
  L->top = nullptr;
  L->ci = nullptr;
  L->n_ci = 0;
  L->twups = L;  // not in the list of threads with open upvalues
  L->n_c_calls = 0;
  L->resume_c_calls = no_yield_by_return;
  L->error_jmp = nullptr;
  L->hook = nullptr;
  L->hook_mask = 0;
  L->base_hook_count = 0;
  L->hook_count = 0;
  L->allow_hook = 1;
  L->open_upval = nullptr;
  L->tbc_list = nullptr;
  L->gc_list = nullptr;
  L->status = 0;  // LUA_OK
  L->err_func = 0;
  L->old_pc = 0;
  L->safepoint_count = 0;  // negative after one safepoint: its first one looks at the interrupts
}

void init_registry(lua_State* L, GlobalState* g) {
  Table* registry = tables::new_table(L);
  set_table(g->registry, registry);
  tables::resize(L, registry, 2, 0);
  Value v;
  set_thread(v, L);
  tables::set_int(L, registry, ridx_main_thread, v);
  set_table(v, tables::new_table(L));
  tables::set_int(L, registry, ridx_globals, v);
}

void open_state(lua_State* L, void*) {
  GlobalState* g = L->global;
  init_stack(L, L);
  init_registry(L, g);
  strings::init_table(L);
  metamethods::init_names(L);
  g->gc_stp = 0;  // the collector may run from now on
  g->nil_value.set_nil();  // the state is complete
}

}  // namespace

void init_stack(lua_State* L1, lua_State* L) {
  constexpr int slots = basic_stack_size + extra_stack;
  auto* stack = static_cast<StackValue*>(gc::mem_alloc(L, slots * sizeof(StackValue)));
  for (int i = 0; i < slots; i++) stack[i].set_nil();
  L1->stack = stack;
  L1->tbc_list = stack;
  L1->top = stack;
  L1->stack_last = stack + basic_stack_size;
  CallInfo* ci = &L1->base_ci;
  ci->next = ci->previous = nullptr;
  ci->call_status = cist::c;
  ci->func = L1->top;
  ci->u.c.k = nullptr;
  ci->u.c.old_errfunc = 0;
  ci->u.c.ctx = 0;
  ci->n_results = 0;
  L1->top->set_nil();  // the "function" slot of the base frame
  L1->top++;
  ci->top = L1->top + min_stack;
  L1->ci = ci;
}

void free_stack(lua_State* L) {
  if (L->stack == nullptr) return;  // the stack was never built
  L->ci = &L->base_ci;
  CallInfo* ci = L->base_ci.next;
  L->base_ci.next = nullptr;
  while (ci != nullptr) {
    CallInfo* following = ci->next;
    gc::mem_free(L, ci, sizeof(CallInfo));
    L->n_ci--;
    ci = following;
  }
  std::size_t slots = static_cast<std::size_t>(L->stack_last - L->stack) + extra_stack;
  gc::mem_free(L, L->stack, slots * sizeof(StackValue));
  L->stack = nullptr;
}

lua_State* new_state(lua_Alloc f, void* ud) {
  auto* block = static_cast<MainBlock*>(f(ud, nullptr, tag_thread_size_hint, sizeof(MainBlock)));
  if (block == nullptr) return nullptr;
  std::memset(static_cast<void*>(block), 0, sizeof(MainBlock));
  lua_State* L = &block->thread.l;
  GlobalState* g = &block->g;
  g->current_white = gc::mark::white0;
  L->tt = tag::thread;
  L->marked = gc::current_white(g);
  L->next = nullptr;
  preinit_thread(L, g);
  g->all_gc = L;  // by now the only object is the main thread
  L->n_c_calls += 0x10000;  // the main thread is never yieldable
  g->frealloc = f;
  g->ud = ud;
  g->warnf = nullptr;
  g->ud_warn = nullptr;
  g->main_thread = L;
  g->seed = make_seed(block);
  g->gc_stp = gc::stop::internal;  // no collection while the state is being built
  g->strings = {nullptr, 0, 0};
  g->registry.set_nil();
  g->panic = nullptr;
  g->gc_state = gc::phase::pause;
  g->gc_kind = GcKind::incremental;
  g->gc_stop_em = 0;
  g->gc_emergency = 0;
  g->total_bytes = sizeof(MainBlock);
  g->gc_debt = 0;
  g->last_atomic = 0;
  g->gc_estimate = 0;
  g->gc_last_atomic = 0;
  g->nil_value.set_int(0);  // not a nil: the state is not complete yet
  g->gc_pause = static_cast<std::uint8_t>(gc::default_pause / 4);
  g->gc_step_mul = static_cast<std::uint8_t>(gc::default_step_mul / 4);
  g->gc_step_size = gc::default_step_size;
  g->gen_major_mul = static_cast<std::uint8_t>(gc::default_gen_major_mul / 4);
  g->gen_minor_mul = gc::default_gen_minor_mul;
  g->gc_stress = stress_requested() ? 1 : 0;
  for (Table*& mt : g->metatables) mt = nullptr;
  if (runtime::run_protected(L, open_state, nullptr) != 0) {
    close_state(L);
    return nullptr;
  }
  return L;
}

void close_state(lua_State* L) {
  GlobalState* g = L->global;
  L = g->main_thread;
  gc::free_all(L);
  gc::mem_free(L, g->strings.hash, static_cast<std::size_t>(g->strings.size) * sizeof(String*));
  g->strings.hash = nullptr;
  free_stack(L);
  auto* block = reinterpret_cast<MainBlock*>(block_of(L));
  g->frealloc(g->ud, block, sizeof(MainBlock), 0);
}

lua_State* new_thread(lua_State* L) {
  GlobalState* g = L->global;
  GCObject* o = gc::new_object_at(L, tag::thread, sizeof(ThreadBlock), extra_space);
  auto* L1 = static_cast<lua_State*>(o);
  set_thread(*L->top, L1);  // anchor it before anything else can allocate
  L->top++;
  preinit_thread(L1, g);
  L1->hook_mask = L->hook_mask;
  L1->base_hook_count = L->base_hook_count;
  L1->hook = L->hook;
  L1->hook_count = L1->base_hook_count;
  std::memcpy(extra_space_of(L1), extra_space_of(g->main_thread), extra_space);
  init_stack(L1, L);
  return L1;
}

void free_thread(lua_State* L, lua_State* L1) {
  if (L1->stack != nullptr) functions::close_upvals(L1, L1->stack);
  free_stack(L1);
  gc::mem_free(L, block_of(L1), sizeof(ThreadBlock));
}

}  // namespace luna::state
