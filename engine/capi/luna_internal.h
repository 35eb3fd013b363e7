// Internals of the embedding ABI (luna.h), shared by engine/capi/luna_*.cpp.
// Contract: every luna_* entry point enters the state through an Entry (busy check, per-call limits,
// queued unrefs) and does all Lua work inside protected() — a lua_pcall of a C trampoline — so no
// Lua error ever leaves. The bodies run between a protected call and raise points: they must not
// hold objects with destructors (plain structs, malloc'd memory registered for cleanup only).
// C++ containers are used only outside protected bodies (Shared, luna_error).
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

#include "lauxlib.h"
#include "lua.h"
#include "luna.h"

namespace luna::embed {

// What outlives the state while host handles exist: refs released from any thread queue their
// registry ids here; the owner drains the queue on its next outermost call.
struct Shared {
  std::atomic<long> count{1};
  std::mutex mutex;
  bool alive = true;  // false once the state closed (guarded by mutex)
  std::vector<int> pending;
  void retain() { count.fetch_add(1, std::memory_order_relaxed); }
  void release() {
    if (count.fetch_sub(1, std::memory_order_acq_rel) == 1) delete this;
  }
};

inline constexpr int max_frames = 64;
inline constexpr int frame_text = 64;

// A traceback frame as captured by the message handler (fixed size: no allocation at raise time).
struct RawFrame {
  char source[LUA_IDSIZE];
  char name[frame_text];
  char namewhat[16];
  char what[8];
  int line;
  int line_defined;
};

struct RawTrace {
  int count;
  RawFrame frames[max_frames];
};

// Appends the frame lua_getinfo described (fields "Slnt") to trace, texts truncated to the fixed
// sizes; the caller checks trace.count < max_frames. No allocation: safe in a message handler.
void record_frame(RawTrace& trace, const lua_Debug& ar);

}  // namespace luna::embed

struct luna_ref {
  luna::embed::Shared* shared;  // nullptr for a string copy (no Lua anchor)
  int id;                       // registry reference (LUA_NOREF while being created)
  std::size_t length;           // string copies: byte count of bytes[]
  char bytes[1];                // string copies: the bytes + a NUL
};

struct luna_state {
  lua_State* main = nullptr;
  lua_State* current = nullptr;  // the thread the host is in control of (main, or a callback's)
  luna::embed::Shared* shared = nullptr;
  std::uint32_t libraries = 0;
  bool limits_available = true;  // false with LUNA_OPTION_NO_LIMITS (budget/timeout refused)
  // allocator accounting (owner thread only, but read by luna_memory_used from anywhere)
  std::atomic<std::uint64_t> memory_used{0};
  std::atomic<std::uint64_t> memory_limit{0};
  // ownership / re-entrance
  std::atomic<std::thread::id> owner{};
  int depth = 0;
  bool closing = false;
  // limits of each outermost call; the engine enforces them (vm/interrupt.h: counts, deadline,
  // the cancel request and the sticky stop live in the Lua state, not here)
  std::uint64_t instruction_limit = 0;
  std::uint64_t timeout_us = 0;
  bool host_oom = false;  // a host-side allocation failed inside a protected body
  luna::embed::RawTrace trace{};
};

struct luna_error {
  luna_status status;
  luna_value value;
  char* message;  // malloc'd, NUL-terminated (nullptr: none could be made)
  std::size_t message_length;
  std::vector<luna::embed::RawFrame> frames;
};

// A callback's result collector (luna_calls.cpp; luna_results_push_many in luna_fast.cpp).
struct luna_results {
  lua_State* L;
  luna_state* S;
  int count;        // results pushed on L so far
  int error_index;  // stack index of the error value (0 = none)
};

namespace luna::embed {

luna_state* state_of(lua_State* L);

// Entering a state: busy check (other thread => LUNA_ERROR_BUSY), and for the outermost entry the
// per-call limits, the queued unrefs and a pending cancel.
class Entry {
 public:
  explicit Entry(luna_state* S);
  ~Entry();
  Entry(const Entry&) = delete;
  Entry& operator=(const Entry&) = delete;
  luna_status status() const { return status_; }
  // Maps a status leaving a protected call (interrupts are sticky until the outermost exit).
  luna_status finish(luna_status st);

 private:
  luna_state* state_;
  luna_status status_ = LUNA_OK;
  bool entered_ = false;
};

using BodyFn = void (*)(lua_State* L, void* ud);
// Runs fn(L, ud) on S->current under lua_pcall with the traceback-capturing message handler.
// On success the body's pushed values are left on the stack above *base (the caller pops them with
// lua_settop(L, *base)); on failure the stack is restored and, if error != nullptr, *error is set.
luna_status protected_call(luna_state* S, BodyFn fn, void* ud, int* base, luna_error** error);

template <class F>
luna_status protect(luna_state* S, F& body, int* base, luna_error** error) {
  return protected_call(
      S, [](lua_State* L, void* ud) { (*static_cast<F*>(ud))(L); }, &body, base, error);
}

// Inside protected bodies: push a host value (validated beforehand with check_value), or convert a
// stack value into an owned output value (may raise a memory error; *out stays releasable).
void push_value(lua_State* L, const luna_value* v);
void to_owned_value(lua_State* L, int index, luna_value* out);
// Borrowed view for callback arguments: strings point into the Lua stack; references get
// temporary anchors that release_borrowed() frees.
void to_borrowed_value(lua_State* L, int index, luna_value* out);
// Host-side validation: nullptr, unknown type, or a ref of another (or closed) state.
bool check_value(luna_state* S, const luna_value* v);
bool check_values(luna_state* S, const luna_value* v, std::size_t n);
// Raises a Lua error that the boundary maps to LUNA_ERROR_MEMORY (host allocation failed).
[[noreturn]] void raise_host_oom(lua_State* L);
// Collect n values on top of L (owned) into out (calloc'd items); pops nothing.
void collect_values(lua_State* L, int first, int n, luna_values* out);

// Error records: new_error takes the error value on top of L (left there) and a traceback.
luna_error* new_error(luna_state* S, luna_status st, lua_State* L, const RawTrace* trace);
// The traceback of thread co from `level` on (a dead coroutine keeps its frames).
void capture_trace(lua_State* co, int level, RawTrace* trace);
// Converts n values at L's stack [first, first + n) into out, protected; returns a Lua status.
int collect_protected(lua_State* L, int first, int n, luna_values* out);
luna_status status_from_lua(luna_state* S, int lua_status);

// Library opening (luna_libraries.cpp)
void open_libraries(lua_State* L, std::uint32_t mask);
int load_chunk(lua_State* L, const char* chunk, std::size_t length, const char* name,
               const char* mode);

// Budget/timeout/cancel stops (luna_state.cpp over vm/interrupt.h). pending_stop: the luna_status
// of the stop being raised (LUNA_ERROR_BUDGET, LUNA_ERROR_TIMEOUT, LUNA_CANCELLED), 0 if none.
int pending_stop(luna_state* S);
// Raises one of those three statuses uncatchably (sticky until control is back at the host).
[[noreturn]] void raise_interrupt(lua_State* L, luna_state* S, int status);

}  // namespace luna::embed

namespace luna::embed {

// An error record without a Lua value behind it (argument errors, a cancel seen at entry): the
// value is a string copy, so it needs no state.
luna_error* simple_error(luna_status st, const char* message);
// Reports a status produced before any Lua work (entry refused, bad argument).
luna_status fail(Entry& entry, luna_status st, luna_error** error, const char* message);

// The common tail of an entry point: run the body protected, pop its stack, map the status.
template <class F>
luna_status run_body(Entry& entry, luna_state* S, F& body, luna_error** error) {
  int base = 0;
  luna_status st = protect(S, body, &base, error);
  if (st == LUNA_OK) lua_settop(S->current, base);
  return entry.finish(st);
}

}  // namespace luna::embed
