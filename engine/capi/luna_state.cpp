// luna.h, part 1: states, the counting allocator, entering a state (busy check, per-call limits),
// the protected boundary with its traceback-capturing message handler, and the mapping of the
// engine's safepoint stops (vm/interrupt.h) to budget/timeout/cancel statuses.
#include <cstdlib>
#include <new>

#include "capi/luna_internal.h"
#include "object/state.h"
#include "vm/interrupt.h"

using namespace luna::embed;
namespace interrupt = luna::vm::interrupt;

namespace {

// The state's allocator: counts every byte and refuses growth beyond the limit (the engine then
// raises LUA_ERRMEM, which the boundary reports as LUNA_ERROR_MEMORY; the state stays usable).
void* counting_alloc(void* ud, void* ptr, std::size_t osize, std::size_t nsize) {
  auto* S = static_cast<luna_state*>(ud);
  std::size_t old_size = ptr != nullptr ? osize : 0;
  if (nsize == 0) {
    std::free(ptr);
    S->memory_used.fetch_sub(old_size, std::memory_order_relaxed);
    return nullptr;
  }
  std::uint64_t used = S->memory_used.load(std::memory_order_relaxed);
  std::uint64_t limit = S->memory_limit.load(std::memory_order_relaxed);
  if (limit != 0 && nsize > old_size && used - old_size + nsize > limit) return nullptr;
  void* block = std::realloc(ptr, nsize);
  if (block != nullptr) {
    S->memory_used.store(used - old_size + nsize, std::memory_order_relaxed);
  }
  return block;
}

// Message handler of every boundary: records the traceback at the raise point (into the state's
// fixed buffer, no allocation) and returns the error value unchanged.
int boundary_trampoline(lua_State* L);

int message_handler(lua_State* L) {
  luna_state* S = state_of(L);
  RawTrace& trace = S->trace;
  trace.count = 0;
  lua_Debug ar;
  for (int level = 1; trace.count < max_frames && lua_getstack(L, level, &ar) != 0; ++level) {
    if (lua_getinfo(L, "Slntf", &ar) == 0) break;
    bool boundary = lua_tocfunction(L, -1) == boundary_trampoline;
    lua_pop(L, 1);
    if (boundary) break;  // frames below belong to the host's caller, not to this call
    record_frame(trace, ar);
  }
  lua_settop(L, 1);
  return 1;
}

struct Boundary {
  BodyFn fn;
  void* ud;
};

int boundary_trampoline(lua_State* L) {
  auto* b = static_cast<Boundary*>(lua_touserdata(L, 1));
  lua_settop(L, 0);
  b->fn(L, b->ud);
  return lua_gettop(L);
}

}  // namespace

namespace luna::embed {

luna_state* state_of(lua_State* L) {
  void* ud = nullptr;
  lua_getallocf(L, &ud);
  return static_cast<luna_state*>(ud);
}

luna_status status_from_lua(luna_state* S, int lua_status) {
  if (lua_status == LUA_OK) return LUNA_OK;
  if (lua_status == LUA_YIELD) return LUNA_YIELD;
  if (int stop = pending_stop(S); stop != 0) return static_cast<luna_status>(stop);
  if (S->host_oom) {
    S->host_oom = false;
    return LUNA_ERROR_MEMORY;
  }
  switch (lua_status) {
    case LUA_ERRSYNTAX: return LUNA_ERROR_SYNTAX;
    case LUA_ERRMEM: return LUNA_ERROR_MEMORY;
    case LUA_ERRERR: return LUNA_ERROR_HANDLER;
    default: return LUNA_ERROR_RUNTIME;
  }
}

Entry::Entry(luna_state* S) : state_(S) {
  if (S == nullptr || S->closing) {
    status_ = LUNA_ERROR_ARGUMENT;
    return;
  }
  std::thread::id me = std::this_thread::get_id();
  std::thread::id nobody{};
  if (S->owner.load(std::memory_order_acquire) != me &&
      !S->owner.compare_exchange_strong(nobody, me, std::memory_order_acq_rel)) {
    status_ = LUNA_ERROR_BUSY;
    return;
  }
  entered_ = true;
  if (S->depth++ > 0) return;
  // Outermost entry: a fresh budget and deadline, the queued unrefs, a cancel requested while idle.
  interrupt::begin_call(S->current, S->instruction_limit, S->timeout_us);
  std::vector<int> pending;
  {
    std::lock_guard<std::mutex> lock(S->shared->mutex);
    pending.swap(S->shared->pending);
  }
  // luaL_unref only writes existing registry slots: it does not allocate, hence cannot raise.
  for (int id : pending) luaL_unref(S->main, LUA_REGISTRYINDEX, id);
  if (interrupt::take_cancel(S->main)) status_ = LUNA_CANCELLED;
}

luna_status Entry::finish(luna_status st) {
  if (entered_ && state_->depth == 1 && st == LUNA_CANCELLED) interrupt::clear_cancel(state_->main);
  return st;
}

Entry::~Entry() {
  if (!entered_) return;
  if (--state_->depth == 0) {
    interrupt::end_call(state_->main);  // control is back at the host: the stop has done its job
    state_->owner.store(std::thread::id{}, std::memory_order_release);
  }
}

luna_status protected_call(luna_state* S, BodyFn fn, void* ud, int* base, luna_error** error) {
  if (error != nullptr) *error = nullptr;
  lua_State* L = S->current;
  if (lua_checkstack(L, 8) == 0) return LUNA_ERROR_MEMORY;
  *base = lua_gettop(L);
  Boundary boundary{fn, ud};
  lua_pushcfunction(L, message_handler);
  lua_pushcfunction(L, boundary_trampoline);
  lua_pushlightuserdata(L, &boundary);
  S->trace.count = 0;
  int st = lua_pcall(L, 1, LUA_MULTRET, *base + 1);
  luna_status result = status_from_lua(S, st);
  if (result == LUNA_OK) {
    lua_remove(L, *base + 1);  // the message handler; results follow *base
    return LUNA_OK;
  }
  if (error != nullptr) {
    try {
      *error = new_error(S, result, L, &S->trace);
    } catch (const std::bad_alloc&) {
      *error = nullptr;
    }
  }
  lua_settop(L, *base);
  return result;
}

// ---- stops -----------------------------------------------------------------------------------
// The engine checks budget, deadline and cancel at its safepoints and raises a sticky stop; here
// the stops are only translated to and from luna.h statuses.
namespace {
int status_of_stop(interrupt::Stop stop) {
  switch (stop) {
    case interrupt::Stop::budget: return LUNA_ERROR_BUDGET;
    case interrupt::Stop::timeout: return LUNA_ERROR_TIMEOUT;
    case interrupt::Stop::cancelled: return LUNA_CANCELLED;
    default: return 0;
  }
}
}  // namespace

int pending_stop(luna_state* S) { return status_of_stop(interrupt::current_stop(S->main)); }

[[noreturn]] void raise_interrupt(lua_State* L, luna_state* S, int status) {
  static_cast<void>(S);
  interrupt::Stop stop = status == LUNA_ERROR_BUDGET    ? interrupt::Stop::budget
                         : status == LUNA_ERROR_TIMEOUT ? interrupt::Stop::timeout
                                                        : interrupt::Stop::cancelled;
  interrupt::raise_stop(L, stop);
}

}  // namespace luna::embed

// ---- exported: versions, states, limits ------------------------------------------------------------

LUA_API uint32_t luna_abi_version(void) { return LUNA_ABI_VERSION; }

LUA_API const char* luna_status_name(int status) {
  static const char* const names[] = {
      "LUNA_OK",           "LUNA_YIELD",          "LUNA_ERROR_RUNTIME", "LUNA_ERROR_SYNTAX",
      "LUNA_ERROR_MEMORY", "LUNA_ERROR_HANDLER",  "LUNA_ERROR_BUDGET",  "LUNA_ERROR_TIMEOUT",
      "LUNA_CANCELLED",    "LUNA_ERROR_TYPE",     "LUNA_ERROR_ARGUMENT", "LUNA_ERROR_BUSY"};
  if (status < 0 || status >= static_cast<int>(sizeof names / sizeof names[0])) return "LUNA_UNKNOWN";
  return names[status];
}

namespace {
struct OpenArgs {
  std::uint32_t libraries;
};
int open_body(lua_State* L) {
  auto* args = static_cast<OpenArgs*>(lua_touserdata(L, 1));
  open_libraries(L, args->libraries);
  return 0;
}
}  // namespace

LUA_API luna_status luna_state_new(const luna_config* config, luna_state** out) {
  if (out == nullptr) return LUNA_ERROR_ARGUMENT;
  *out = nullptr;
  std::uint32_t libraries = LUNA_LIBS_FULL;
  std::uint64_t limit = 0;
  std::uint32_t options = 0;
  if (config != nullptr) {
    if (config->size < sizeof(luna_config) || config->reserved != 0 ||
        (config->options & ~LUNA_OPTION_NO_LIMITS) != 0) {
      return LUNA_ERROR_ARGUMENT;
    }
    libraries = config->libraries;
    limit = config->memory_limit;
    options = config->options;
  }
  luna_state* S = new (std::nothrow) luna_state;
  if (S == nullptr) return LUNA_ERROR_MEMORY;
  S->shared = new (std::nothrow) Shared;
  if (S->shared == nullptr) {
    delete S;
    return LUNA_ERROR_MEMORY;
  }
  S->libraries = libraries;
  S->limits_available = (options & LUNA_OPTION_NO_LIMITS) == 0;
  S->memory_limit.store(limit, std::memory_order_relaxed);
  lua_State* L = lua_newstate(counting_alloc, S);
  if (L == nullptr) {
    S->shared->release();
    delete S;
    return LUNA_ERROR_MEMORY;
  }
  S->main = L;
  S->current = L;
  lua_atpanic(L, [](lua_State*) -> int { std::abort(); });  // unreachable: all work is protected
  OpenArgs args{libraries};
  lua_pushcfunction(L, open_body);
  lua_pushlightuserdata(L, &args);
  int st = lua_pcall(L, 1, 0, 0);
  if (st != LUA_OK) {
    luna_status result = st == LUA_ERRMEM ? LUNA_ERROR_MEMORY : LUNA_ERROR_RUNTIME;
    luna_state_close(S);
    return result;
  }
  lua_settop(L, 0);
  *out = S;
  return LUNA_OK;
}

LUA_API void luna_state_close(luna_state* S) {
  if (S == nullptr) return;
  S->closing = true;
  // Finalizers and callback destructors run unhindered by limits or a pending cancel.
  if (S->main != nullptr) interrupt::disarm_all(S->main);
  {
    std::lock_guard<std::mutex> lock(S->shared->mutex);
    S->shared->alive = false;
    S->shared->pending.clear();
  }
  if (S->main != nullptr) lua_close(S->main);
  S->shared->release();
  delete S;
}

LUA_API luna_status luna_set_memory_limit(luna_state* S, uint64_t bytes) {
  if (S == nullptr) return LUNA_ERROR_ARGUMENT;
  S->memory_limit.store(bytes, std::memory_order_relaxed);
  return LUNA_OK;
}

LUA_API uint64_t luna_memory_used(luna_state* S) {
  return S == nullptr ? 0 : S->memory_used.load(std::memory_order_relaxed);
}

LUA_API luna_status luna_set_instruction_limit(luna_state* S, uint64_t instructions) {
  if (S == nullptr || (instructions != 0 && !S->limits_available)) return LUNA_ERROR_ARGUMENT;
  S->instruction_limit = instructions;  // owner thread only; takes effect at the next outermost call
  return LUNA_OK;
}

LUA_API luna_status luna_set_timeout(luna_state* S, uint64_t microseconds) {
  if (S == nullptr || (microseconds != 0 && !S->limits_available)) return LUNA_ERROR_ARGUMENT;
  S->timeout_us = microseconds;  // owner thread only; takes effect at the next outermost call
  return LUNA_OK;
}

LUA_API uint64_t luna_instructions_used(luna_state* S) {
  return S == nullptr ? 0 : interrupt::instructions_used(S->main);
}

LUA_API void luna_cancel(luna_state* S) {
  if (S != nullptr) interrupt::cancel(S->main);
}

LUA_API void luna_clear_cancel(luna_state* S) {
  if (S != nullptr) interrupt::clear_cancel(S->main);
}
