// Safepoint interrupts (see vm/interrupt.h): the slow path behind LUNA_SAFEPOINT, the owner's
// arming and disarming, cross-thread cancel, and the sticky raise.
#include "vm/interrupt.h"

#include <chrono>

#include "object/strings.h"
#include "runtime/error.h"
#include "vm/call.h"
#include "vm/interrupt_lib.h"
#include "vm/status.h"

namespace luna::vm::interrupt {

namespace {

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// The checks behind a safepoint whose count ran out, in order of precedence: a stop already
// raised, a cancel, the budget, the deadline. Re-arms L's count for the next look.
Stop check(lua_State* L, std::int64_t charge) {
  InterruptState& s = L->global->interrupt;
  std::uint32_t f = s.flags.load(std::memory_order_acquire);
  if (f == 0) {
    L->safepoint_count = idle_check_interval;
    return Stop::none;
  }
  L->safepoint_count = 0;  // look again at the next safepoint unless told otherwise below
  if ((f & flag::stopping) != 0) return static_cast<Stop>(s.stop);
  if ((f & flag::cancel) != 0) return Stop::cancelled;
  if ((f & flag::limits) == 0) return Stop::none;
  if (s.budget != 0) {
    // Sampling: this safepoint stands for the `window` safepoints since the last look. The next
    // window never covers more than half of what is left (at this charge), so the count meets
    // the budget exactly when the charges are steady and every safepoint is looked at near it.
    std::uint64_t c = charge > 0 ? static_cast<std::uint64_t>(charge) : 1;
    s.used += c * s.window;
    if (s.used >= s.budget) return Stop::budget;
    std::uint64_t next = (s.budget - s.used) / (2 * c);
    if (next > static_cast<std::uint64_t>(max_budget_window)) next = max_budget_window;
    if (next == 0) next = 1;
    s.window = static_cast<std::int32_t>(next);
    L->safepoint_count = s.window - 1;
    if (s.deadline_ns == 0) return Stop::none;
    s.clock_countdown -= s.window;
    if (s.clock_countdown > 0) return Stop::none;
    s.clock_countdown = clock_check_interval;
  } else {
    // Only a deadline: sample. The count estimates the skipped safepoints by this one's charge.
    s.used += static_cast<std::uint64_t>(charge) * (timed_check_interval + 1);
    L->safepoint_count = timed_check_interval;
  }
  if (now_ns() >= s.deadline_ns) return Stop::timeout;
  return Stop::none;
}

}  // namespace

const char* stop_message(Stop stop) {
  switch (stop) {
    case Stop::budget: return "instruction budget exhausted";
    case Stop::timeout: return "timeout expired";
    case Stop::cancelled: return "cancelled";
    default: return "interrupted";
  }
}

void slow_path(lua_State* L, const bytecode::Instruction* pc, std::int64_t charge) {
  Stop stop = check(L, charge);
  if (stop == Stop::none) return;
  CallInfo* ci = L->ci;
  // Raising from the middle of a Lua frame: report this position and keep every register of the
  // frame below top (the message and the handler's call go above them), as a Lua error does.
  ci->u.l.saved_pc = pc;
  if (L->top < ci->top) L->top = ci->top;
  raise_stop(L, stop);
}

void raise_stop(lua_State* L, Stop stop) {
  InterruptState& s = L->global->interrupt;
  bool fresh = (s.flags.load(std::memory_order_relaxed) & flag::stopping) == 0;
  s.stop = static_cast<std::uint8_t>(stop);
  s.flags.fetch_or(flag::stopping, std::memory_order_relaxed);
  L->safepoint_count = 0;  // this thread's next safepoint raises again
  check_stack(L, 2);
  set_string(*L->top, strings::new_cstring(L, stop_message(stop)));
  L->top++;
  // The first raise runs the message handler (the host's records the traceback of the stop);
  // re-raises at later boundaries do not, so the traceback stays the original one and no handler
  // runs again and again.
  if (fresh) runtime::error(L);
  runtime::raise(L, status::errrun);
}

void begin_call(lua_State* L, std::uint64_t budget, std::uint64_t timeout_us) {
  InterruptState& s = L->global->interrupt;
  s.stop = 0;
  s.used = 0;
  s.budget = budget;
  s.deadline_ns = timeout_us == 0 ? 0 : now_ns() + static_cast<std::int64_t>(timeout_us) * 1000;
  s.clock_countdown = clock_check_interval;
  s.window = 1;
  s.flags.fetch_and(~flag::stopping, std::memory_order_relaxed);
  if (budget != 0 || timeout_us != 0) {
    s.flags.fetch_or(flag::limits, std::memory_order_relaxed);
    L->safepoint_count = 0;  // the calling thread counts from its first safepoint on
  } else {
    s.flags.fetch_and(~flag::limits, std::memory_order_relaxed);
  }
}

void end_call(lua_State* L) {
  InterruptState& s = L->global->interrupt;
  s.flags.fetch_and(~(flag::limits | flag::stopping), std::memory_order_relaxed);
  s.stop = 0;
  s.budget = 0;
  s.deadline_ns = 0;
}

std::uint64_t instructions_used(const lua_State* L) { return L->global->interrupt.used; }

Stop current_stop(const lua_State* L) {
  const InterruptState& s = L->global->interrupt;
  if ((s.flags.load(std::memory_order_relaxed) & flag::stopping) == 0) return Stop::none;
  return static_cast<Stop>(s.stop);
}

bool take_cancel(lua_State* L) {
  return (L->global->interrupt.flags.fetch_and(~flag::cancel, std::memory_order_acq_rel) &
          flag::cancel) != 0;
}

void clear_cancel(lua_State* L) {
  L->global->interrupt.flags.fetch_and(~flag::cancel, std::memory_order_release);
}

void disarm_all(lua_State* L) {
  end_call(L);
  clear_cancel(L);
}

void cancel(lua_State* L) {
  L->global->interrupt.flags.fetch_or(flag::cancel, std::memory_order_release);
}

// ---- for the standard library (vm/interrupt_lib.h) ---------------------------------------------

void reraise_if_stopped(lua_State* L) {
  Stop stop = current_stop(L);
  if (stop != Stop::none) raise_stop(L, stop);
}

void poll(lua_State* L, int instructions) {
  if (--L->safepoint_count >= 0) return;
  Stop stop = check(L, instructions);
  if (stop != Stop::none) raise_stop(L, stop);
}

}  // namespace luna::vm::interrupt
