// The points where debug hooks fire: function entry (call/tail call), return, new line and
// instruction count. lua_sethook/lua_gethook and lua_getinfo on the record are the debug code's;
// this file only builds the record's event fields and runs L->hook with hooks disabled.
#include "lua.h"
#include "runtime/error.h"
#include "vm/call.h"
#include "vm/status.h"

namespace luna::vm {

namespace {

const Proto* proto_of(const CallInfo* ci) { return as_lclosure(*ci->func)->p; }
int pc_rel(const bytecode::Instruction* pc, const Proto* p) {
  return static_cast<int>(pc - p->code) - 1;
}

// Instructions that take their operand count from L->top set by the previous instruction.
bool uses_top(bytecode::Instruction i) {
  using bytecode::Op;
  switch (bytecode::get_op(i)) {
    case Op::CALL: case Op::TAILCALL: case Op::RETURN: case Op::SETLIST:
      return bytecode::get_b(i) == 0;
    default:
      return false;
  }
}

int line_at(const Proto* p, int pc) {
  if (p->size_line_info == 0 || pc < 0 || pc >= p->size_line_info) return -1;
  return p->line_info[pc];
}

}  // namespace

void call_hook(lua_State* L, int event, int line, int ftransfer, int ntransfer) {
  lua_Hook hook_fn = L->hook;
  if (hook_fn == nullptr || !L->allow_hook) return;
  std::uint16_t mask = cist::hooked;
  CallInfo* ci = L->ci;
  std::ptrdiff_t top = save_stack(L, L->top);
  std::ptrdiff_t ci_top = save_stack(L, ci->top);
  lua_Debug ar{};  // only the event fields; lua_getinfo fills the rest from i_ci
  ar.event = event;
  ar.currentline = line;
  ar.i_ci = reinterpret_cast<decltype(ar.i_ci)>(ci);
  if (ntransfer != 0) {
    mask |= cist::transfer;
    ci->u2.transfer_info.first_transfer = static_cast<std::uint16_t>(ftransfer);
    ci->u2.transfer_info.n_transfer = static_cast<std::uint16_t>(ntransfer);
  }
  if (!(ci->call_status & cist::c) && L->top < ci->top) L->top = ci->top;  // protect registers
  check_stack(L, min_stack);
  if (ci->top < L->top + min_stack) ci->top = L->top + min_stack;
  L->allow_hook = 0;
  ci->call_status |= mask;
  hook_fn(L, &ar);
  L->allow_hook = 1;
  ci->top = restore_stack(L, ci_top);
  L->top = restore_stack(L, top);
  ci->call_status &= static_cast<std::uint16_t>(~mask);
}

void hook_call(lua_State* L, CallInfo* ci) {
  L->old_pc = 0;
  if (L->hook_mask & hook::mask_call) {
    int event = (ci->call_status & cist::tail) ? hook::tailcall : hook::call;
    const Proto* p = proto_of(ci);
    ci->u.l.saved_pc++;  // hooks see pc as already incremented
    call_hook(L, event, -1, 1, p->num_params);
    ci->u.l.saved_pc--;
  }
}

void return_hook(lua_State* L, CallInfo* ci, int n_res) {
  if (L->hook_mask & hook::mask_ret) {
    StackId first = L->top - n_res;
    int delta = 0;
    if (!(ci->call_status & cist::c)) {
      const Proto* p = proto_of(ci);
      if (p->is_vararg) delta = ci->u.l.n_extra_args + p->num_params + 1;
    }
    ci->func += delta;  // the frame's own function slot, for vararg functions
    int ftransfer = static_cast<int>(first - ci->func);
    call_hook(L, hook::ret, -1, ftransfer, n_res);
    ci->func -= delta;
  }
  CallInfo* prev = ci->previous;
  if (prev != nullptr && !(prev->call_status & cist::c)) {
    L->old_pc = pc_rel(prev->u.l.saved_pc, proto_of(prev));
  }
}

int trace_exec(lua_State* L, const bytecode::Instruction* pc) {
  CallInfo* ci = L->ci;
  int mask = L->hook_mask;
  const Proto* p = proto_of(ci);
  if (!(mask & (hook::mask_line | hook::mask_count))) {
    ci->u.l.trap = 0;
    return 0;
  }
  pc++;  // the saved pc is always the next instruction
  ci->u.l.saved_pc = pc;
  bool count_hook = (mask & hook::mask_count) && (--L->hook_count == 0);
  if (count_hook) {
    L->hook_count = L->base_hook_count;
  } else if (!(mask & hook::mask_line)) {
    return 1;
  }
  if (ci->call_status & cist::hook_yield) {  // the hook yielded last time: do not repeat it
    ci->call_status &= static_cast<std::uint16_t>(~cist::hook_yield);
    return 1;
  }
  if (!uses_top(*(ci->u.l.saved_pc - 1))) L->top = ci->top;
  if (count_hook) call_hook(L, hook::count, -1, 0, 0);
  if (mask & hook::mask_line) {
    int old_pc = L->old_pc < p->size_code ? L->old_pc : 0;
    int npci = pc_rel(pc, p);
    if (npci <= old_pc || line_at(p, old_pc) != line_at(p, npci)) {
      call_hook(L, hook::line, line_at(p, npci), 0, 0);
    }
    L->old_pc = npci;
  }
  if (L->status == status::yield) {  // the hook yielded
    if (count_hook) L->hook_count = 1;
    ci->call_status |= cist::hook_yield;
    runtime::raise(L, status::yield);
  }
  return 1;
}

}  // namespace luna::vm
