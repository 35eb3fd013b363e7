// Safepoint interrupts: instruction budget, wall-clock deadline, cancellation from any thread, and
// the sticky stop that Lua code cannot catch. The interpreter calls LUNA_SAFEPOINT at every loop
// back edge (backward jumps, FORLOOP, TFORLOOP) and at the entry of every Lua function; nothing
// else in the VM knows about limits, and debug hooks cannot touch them. Hooks only borrow the
// slow path: hooks_changed makes the next safepoint take it, and the interpreter re-reads its
// frame's trap after a slow path, so a loop that never calls out still sees new hooks while its
// back edges test nothing else.
//
// Contract:
//  - A safepoint decrements its thread's lua_State::safepoint_count (one instruction and a
//    branch); only when that goes negative does slow_path look at GlobalState::interrupt.
//  - Nothing armed: slow_path re-arms the count for idle_check_interval safepoints, so a cancel
//    from another thread is seen within that many safepoints of the running thread.
//  - A budget armed: safepoints have charges (a back edge: the loop body's length in
//    instructions; a function entry: the function's length, at most call_charge_cap). The slow
//    path samples: it runs once per window of up to max_budget_window safepoints and charges its
//    own charge for each of them; windows shrink near the budget (to one safepoint), so the call
//    stops when the count reaches the budget, exactly so when the charges are steady.
//  - A deadline armed: the clock is read every timed_check_interval safepoints (with a budget,
//    every clock_check_interval safepoints).
//  - A raised stop is sticky until end_call: every later safepoint raises it again, and the
//    standard library's protected boundaries (pcall, xpcall, coroutine.resume/wrap/close) call
//    reraise_if_stopped, so it reaches the host whatever the script does.
//  - cancel() may be called from any thread and from signal handlers (one atomic fetch_or); every
//    other function runs on the thread that owns the state.
#pragma once

#include <cstdint>

#include "bytecode/opcodes.h"
#include "object/state.h"

namespace luna::vm::interrupt {

enum class Stop : std::uint8_t { none = 0, budget = 1, timeout = 2, cancelled = 3 };

namespace flag {
inline constexpr std::uint32_t limits = 1u << 0;    // a budget or a deadline is armed
inline constexpr std::uint32_t cancel = 1u << 1;    // a cancel was requested (any thread)
inline constexpr std::uint32_t stopping = 1u << 2;  // a stop is being raised (sticky)
}  // namespace flag

// Safepoints between two looks at the flags when nothing is armed (the cancel latency).
inline constexpr std::int32_t idle_check_interval = 1024;
// With a deadline and no budget: safepoints between two reads of the clock.
inline constexpr std::int32_t timed_check_interval = 256;
// With a deadline and a budget: safepoints between two clock reads (about).
inline constexpr std::int32_t clock_check_interval = 1000;
// With a budget: the most safepoints one sample stands for.
inline constexpr std::int32_t max_budget_window = 64;
// A Lua function entry charges the function's length in instructions, capped: a straight-line
// function runs at most its length; longer code with loops is charged by its back edges.
inline constexpr int call_charge_cap = 32;

// Runs out of line when the thread's safepoint count ran out: charges `charge` instructions,
// checks, then re-arms the count or raises. L->ci is the running Lua frame, pc the position to
// report if it raises.
[[gnu::cold, gnu::noinline]] void slow_path(lua_State* L, const bytecode::Instruction* pc,
                                            std::int64_t charge);

// lua_sethook changed L's hooks (any thread's, possibly from a signal handler): L's next safepoint
// takes the slow path. With a budget armed, that window is charged in full (a small overcount).
inline void hooks_changed(lua_State* L) { L->safepoint_count = 0; }

inline std::int64_t entry_charge(const CallInfo* ci) {
  int n = as_lclosure(*ci->func)->p->size_code;
  return n < call_charge_cap ? n : call_charge_cap;
}

// ---- the owner's side (luna.h's boundary) -----------------------------------------------------
// Arms the limits of an outermost call that L (the calling thread) is about to run: budget in
// instructions (0 = none), timeout in microseconds (0 = none). Resets the instruction count and
// any stop left over; keeps a pending cancel.
void begin_call(lua_State* L, std::uint64_t budget, std::uint64_t timeout_us);
// Control is back at the host: disarms the limits and the sticky stop (a cancel that arrived
// after the stop stays pending for the next call). The instruction count stays readable.
void end_call(lua_State* L);
// Instructions charged since begin_call (estimated from sampled safepoints, see above).
std::uint64_t instructions_used(const lua_State* L);
// The stop being raised, Stop::none if none.
Stop current_stop(const lua_State* L);
// Consumes a pending cancel request: true if there was one.
bool take_cancel(lua_State* L);
void clear_cancel(lua_State* L);
// Clears everything (the state is closing: finalizers must run unhindered).
void disarm_all(lua_State* L);
// Any thread, async-signal-safe.
void cancel(lua_State* L);

// Raises `stop` in L (which may be running a C function): makes it sticky and raises an error
// whose value is a message string. The message handler runs only for a stop that is new.
[[noreturn]] void raise_stop(lua_State* L, Stop stop);
const char* stop_message(Stop stop);

}  // namespace luna::vm::interrupt

// The one safepoint of the interpreter. `charge_expr` is evaluated and `after_slow` (a statement)
// run only on the slow path, after slow_path returned.
#define LUNA_SAFEPOINT(L, pc, charge_expr, after_slow)                              \
  do {                                                                            \
    if (--(L)->safepoint_count < 0) [[unlikely]] {                                \
      ::luna::vm::interrupt::slow_path((L), (pc), (charge_expr));                 \
      after_slow;                                                                 \
    }                                                                             \
  } while (0)
