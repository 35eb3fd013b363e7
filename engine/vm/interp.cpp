// The interpreter loop: computed-goto dispatch over the opcodes of bytecode/opcodes.def.
// Hot state (pc, base, constants, closure) lives in locals; anything that can call out (metamethods,
// allocation, errors) first saves pc and sets L->top = ci->top (PROTECT), and reloads `base` after,
// since the stack may have moved. Lua-to-Lua calls and returns switch `ci` and jump to start_func /
// returning instead of recursing. Number fast paths are inline; every fallback is out of line in
// metamethods.cpp / call.cpp.
#include <cmath>
#include <cstring>

#include "gc/gc.h"
#include "object/functions.h"
#include "object/tables.h"
#include "runtime/error.h"
#include "vm/call.h"
#include "vm/interp.h"
#include "vm/interrupt.h"
#include "vm/status.h"

namespace luna::vm {

using bytecode::Instruction;
using bytecode::get_a;
using bytecode::get_ax;
using bytecode::get_b;
using bytecode::get_bx;
using bytecode::get_c;
using bytecode::get_k;
using bytecode::get_sb;
using bytecode::get_sbx;
using bytecode::get_sc;
using bytecode::get_sj;

namespace {

inline std::int64_t wrap_add(std::int64_t a, std::int64_t b) {
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(a) + static_cast<std::uint64_t>(b));
}
inline std::int64_t wrap_sub(std::int64_t a, std::int64_t b) {
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(a) - static_cast<std::uint64_t>(b));
}
inline std::int64_t wrap_mul(std::int64_t a, std::int64_t b) {
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(a) * static_cast<std::uint64_t>(b));
}
// number::shift_left, inline for the shift handlers (Lua semantics: a negative count shifts
// right, counts of 64 or more give 0).
inline std::int64_t shift_left(std::int64_t x, std::int64_t n) {
  std::uint64_t ux = static_cast<std::uint64_t>(x);
  if (n < 0) return n <= -64 ? 0 : static_cast<std::int64_t>(ux >> static_cast<unsigned>(-n));
  return n >= 64 ? 0 : static_cast<std::int64_t>(ux << static_cast<unsigned>(n));
}
inline double float_pow(double a, double b) { return b == 2 ? a * a : number::float_pow(a, b); }

// Floor modulo/division on integers, inline; the rare divisors 0 and -1 go out of line (0 raises,
// -1 avoids the overflow of INT64_MIN / -1). Operands that both fit in 32 bits use a 32-bit
// divide, several times faster than the 64-bit one on x86-64 (and -1 is excluded, so
// INT32_MIN / -1 cannot happen either).
inline bool fits_int32(std::int64_t x) { return static_cast<std::int32_t>(x) == x; }
inline std::int64_t truncated_rem(std::int64_t a, std::int64_t b) {
  if (fits_int32(a) && fits_int32(b)) return static_cast<std::int32_t>(a) % static_cast<std::int32_t>(b);
  return a % b;
}
inline std::int64_t truncated_quot(std::int64_t a, std::int64_t b) {
  if (fits_int32(a) && fits_int32(b)) return static_cast<std::int32_t>(a) / static_cast<std::int32_t>(b);
  return a / b;
}
inline std::int64_t mod_fast(lua_State* L, std::int64_t a, std::int64_t b) {
  if (static_cast<std::uint64_t>(b) + 1u <= 1u) [[unlikely]] return int_mod(L, a, b);
  std::int64_t m = truncated_rem(a, b);
  if (m != 0 && (m ^ b) < 0) m += b;
  return m;
}
inline std::int64_t div_fast(lua_State* L, std::int64_t a, std::int64_t b) {
  if (static_cast<std::uint64_t>(b) + 1u <= 1u) [[unlikely]] return int_div(L, a, b);
  std::int64_t q = truncated_quot(a, b);
  if ((a ^ b) < 0 && q * b != a) q -= 1;
  return q;
}
inline double fmod_fast(double a, double b) {
  double m = std::fmod(a, b);
  if ((m > 0) ? b < 0 : (m < 0 && b > 0)) m += b;
  return m;
}

// Integer conversion for bitwise fast paths: integers, and floats with an exact integer value.
inline bool to_int_fast(const Value* v, std::int64_t& out) {
  if (v->is_integer()) {
    out = v->as_int();
    return true;
  }
  return v->is_float() && number::float_to_integer(v->as_float(), out, number::F2I::exact);
}

inline bool lt_num(const Value* a, const Value* b) {
  if (a->is_integer()) {
    if (b->is_integer()) return a->as_int() < b->as_int();
    return number::lt_int_float(a->as_int(), b->as_float());
  }
  if (b->is_float()) return a->as_float() < b->as_float();
  return number::lt_float_int(a->as_float(), b->as_int());
}
inline bool le_num(const Value* a, const Value* b) {
  if (a->is_integer()) {
    if (b->is_integer()) return a->as_int() <= b->as_int();
    return number::le_int_float(a->as_int(), b->as_float());
  }
  if (b->is_float()) return a->as_float() <= b->as_float();
  return number::le_float_int(a->as_float(), b->as_int());
}

// Comparisons with an immediate operand that is not a number: metamethods or the order error.
[[gnu::noinline, gnu::cold]] bool order_imm(lua_State* L, const Value* ra, int imm, bool is_float,
                                            bytecode::Op op) {
  Value v = is_float ? Value::from_float(imm) : Value::from_int(imm);
  switch (op) {
    case bytecode::Op::LTI: return less_than(L, *ra, v);
    case bytecode::Op::LEI: return less_equal(L, *ra, v);
    case bytecode::Op::GTI: return less_than(L, v, *ra);
    default: return less_equal(L, v, *ra);  // GEI
  }
}

// Numeric for preparation (5.4): integer loops precompute the iteration count into R[A+1].
// Returns true when the loop must be skipped.
[[gnu::noinline]] bool for_limit(lua_State* L, std::int64_t init, const Value* lim, std::int64_t& out,
                                 std::int64_t step) {
  if (lim->is_integer()) [[likely]] {
    out = lim->as_int();
  } else if (!to_integer(*lim, out, step < 0 ? number::F2I::ceil : number::F2I::floor)) {
    double flim;
    if (!to_number(*lim, flim)) runtime::for_error(L, lim, "limit");
    if (0 < flim) {
      if (step < 0) return true;
      out = INT64_MAX;
    } else {
      if (step > 0) return true;
      out = INT64_MIN;
    }
  }
  return step > 0 ? init > out : init < out;
}

[[gnu::noinline]] bool for_prep(lua_State* L, StackId ra) {
  Value* pinit = ra;
  Value* plimit = ra + 1;
  Value* pstep = ra + 2;
  if (pinit->is_integer() && pstep->is_integer()) {
    std::int64_t init = pinit->as_int();
    std::int64_t step = pstep->as_int();
    std::int64_t limit;
    if (step == 0) runtime::run_error(L, "'for' step is zero");
    ra[3].set_int(init);
    if (for_limit(L, init, plimit, limit, step)) return true;
    std::uint64_t count;
    if (step > 0) {
      count = static_cast<std::uint64_t>(limit) - static_cast<std::uint64_t>(init);
      if (step != 1) count /= static_cast<std::uint64_t>(step);
    } else {
      count = static_cast<std::uint64_t>(init) - static_cast<std::uint64_t>(limit);
      count /= static_cast<std::uint64_t>(-(step + 1)) + 1u;
    }
    plimit->set_int(static_cast<std::int64_t>(count));
    return false;
  }
  double init, limit, step;
  if (!to_number(*plimit, limit)) runtime::for_error(L, plimit, "limit");
  if (!to_number(*pstep, step)) runtime::for_error(L, pstep, "step");
  if (!to_number(*pinit, init)) runtime::for_error(L, pinit, "initial value");
  if (step == 0) runtime::run_error(L, "'for' step is zero");
  if (0 < step ? limit < init : init < limit) return true;
  plimit->set_float(limit);
  pstep->set_float(step);
  ra->set_float(init);
  ra[3].set_float(init);
  return false;
}

inline bool float_for_loop(StackId ra) {
  double step = ra[2].as_float();
  double limit = ra[1].as_float();
  double idx = ra->as_float() + step;
  if (0 < step ? idx <= limit : limit <= idx) {
    ra->set_float(idx);
    ra[3].set_float(idx);
    return true;
  }
  return false;
}

[[gnu::noinline]] void push_closure(lua_State* L, Proto* p, UpVal** enclosing, StackId base,
                                    StackId ra) {
  int n = p->size_upvalues;
  LClosure* ncl = functions::new_lclosure(L, n);
  ncl->p = p;
  set_lclosure(*ra, ncl);  // anchor before creating upvalues
  for (int j = 0; j < n; j++) {
    const UpvalInfo& info = p->upvalues[j];
    ncl->upvals[j] = info.in_stack ? functions::find_upval(L, base + info.index)
                                   : enclosing[info.index];
    gc::object_barrier(L, ncl, ncl->upvals[j]);
  }
}

[[gnu::noinline]] void set_list(lua_State* L, StackId ra, int n, unsigned int last) {
  Table* h = as_table(*ra);
  last += static_cast<unsigned int>(n);
  if (last > h->array_size) tables::resize_array(L, h, last);
  for (; n > 0; n--) {
    const Value& v = ra[n];
    h->array[last - 1] = v;
    last--;
    gc::barrier_back(L, h, v);
  }
}

inline bool needs_close(lua_State* L, StackId base) {
  return (L->open_upval != nullptr && L->open_upval->v.p >= base) ||
         (L->tbc_list != nullptr && L->tbc_list >= base);
}

}  // namespace

// Dispatch glue (macros are allowed here: they keep every handler's save/reload discipline uniform).
// Register and constant operands as byte offsets taken straight from the instruction word
// (field << 4 == field * sizeof(Value)): one shift and one mask per operand.
static_assert(sizeof(Value) == 16);
#define OPERAND_AT(array, shift, mask) \
  reinterpret_cast<decltype(array)>(reinterpret_cast<std::uintptr_t>(array) + ((i >> (shift)) & (mask)))
#define RA() OPERAND_AT(base, 4, 0xFF0u)
#define RB() OPERAND_AT(base, 12, 0xFF0u)
#define RC() OPERAND_AT(base, 20, 0xFF0u)
#define KB() OPERAND_AT(k, 12, 0xFF0u)
#define KC() OPERAND_AT(k, 20, 0xFF0u)
#define SAVE_PC() (ci->u.l.saved_pc = pc)
#define SAVE_STATE() (SAVE_PC(), L->top = ci->top)
// Hooks cost the dispatch nothing while they are off: `dispatch` is the plain table, or the traced
// one whose every entry leads to the `traced` label (line/count hooks, stack reload, then the real
// handler). Only trace_exec clears a frame's trap, so the traced label is where dispatch goes back
// to plain; UPDATE_TRAP only has to see a trap being set: after anything that calls out, and
// after a back edge's safepoint took its slow path (lua_sethook forces that, see
// interrupt::hooks_changed, so loops see hooks set from a signal handler or another thread's
// code). Function entry and return pick the table from the local `trap`.
#define UPDATE_TRAP()                                             \
  do {                                                            \
    if (ci->u.l.trap) [[unlikely]] dispatch = traced_table;       \
  } while (0)
#define UPDATE_BASE() (base = ci->func + 1)
#define PROTECT(exp) \
  do {               \
    SAVE_STATE();    \
    exp;             \
    UPDATE_TRAP();   \
    UPDATE_BASE();   \
  } while (0)
#define PROTECT_NT(exp) \
  do {                  \
    SAVE_PC();          \
    exp;                \
    UPDATE_TRAP();      \
    UPDATE_BASE();      \
  } while (0)
// Collector safe point after creating an object in ra: registers above `limit` are dead (the
// compiler puts new tables, closures and concatenations in the first free register), so they are
// not roots and the collector clears them, as in 5.4.
#define CHECK_GC(limit)                           \
  do {                                            \
    if (L->global->gc_debt > 0) [[unlikely]] {    \
      SAVE_PC();                                  \
      L->top = (limit);                           \
      gc::check(L);                               \
      UPDATE_TRAP();                              \
      UPDATE_BASE();                              \
    }                                             \
  } while (0)
#define DISPATCH()              \
  do {                          \
    i = *pc++;                  \
    goto* dispatch[i & 0xFFu];  \
  } while (0)
#define DO_JUMP(offset)                                           \
  do {                                                            \
    int jump_ = (offset);                                         \
    pc += jump_;                                                  \
    if (jump_ < 0) {                                              \
      LUNA_SAFEPOINT(L, pc, -jump_, UPDATE_TRAP()); /* loop */    \
    }                                                             \
  } while (0)
// After a test: skip the following JMP when cond differs from k, else take it.
#define COND_JUMP(cond)                  \
  do {                                   \
    if ((cond) != get_k(i)) {            \
      pc++;                              \
    } else {                             \
      DO_JUMP(get_sj(*pc) + 1);          \
    }                                    \
    DISPATCH();                          \
  } while (0)

#define ARITH_INT_FLT(v1, v2, iop, fop, ev)                                       \
  do {                                                                           \
    StackId ra = RA();                                                           \
    const Value* a1 = (v1);                                                      \
    const Value* a2 = (v2);                                                      \
    if (a1->is_integer() && a2->is_integer()) [[likely]] {                       \
      ra->set_int(iop(a1->as_int(), a2->as_int()));                              \
    } else if (a1->is_float() && a2->is_float()) {                               \
      ra->set_float(fop(a1->as_float(), a2->as_float()));                        \
    } else if (a1->is_number() && a2->is_number()) {                             \
      ra->set_float(fop(a1->as_number(), a2->as_number()));                      \
    } else [[unlikely]] {                                                        \
      PROTECT(arith(L, *a1, *a2, ra, ev));                                       \
    }                                                                            \
    DISPATCH();                                                                  \
  } while (0)
#define ARITH_FLT(v1, v2, fop, ev)                                               \
  do {                                                                           \
    StackId ra = RA();                                                           \
    const Value* a1 = (v1);                                                      \
    const Value* a2 = (v2);                                                      \
    if (a1->is_float() && a2->is_float()) {                                      \
      ra->set_float(fop(a1->as_float(), a2->as_float()));                        \
    } else if (a1->is_number() && a2->is_number()) {                             \
      ra->set_float(fop(a1->as_number(), a2->as_number()));                      \
    } else [[unlikely]] {                                                        \
      PROTECT(arith(L, *a1, *a2, ra, ev));                                       \
    }                                                                            \
    DISPATCH();                                                                  \
  } while (0)
// Integer division/modulo can raise (by zero): their integer case saves the state first.
#define ARITH_DIVMOD(v1, v2, iop, fop, ev)                                       \
  do {                                                                           \
    StackId ra = RA();                                                           \
    const Value* a1 = (v1);                                                      \
    const Value* a2 = (v2);                                                      \
    if (a1->is_integer() && a2->is_integer()) [[likely]] {                       \
      std::int64_t d = a2->as_int();                                             \
      if (d == 0) [[unlikely]] { SAVE_STATE(); }                                 \
      ra->set_int(iop(L, a1->as_int(), d));                                      \
    } else if (a1->is_number() && a2->is_number()) {                             \
      ra->set_float(fop(a1->as_number(), a2->as_number()));                      \
    } else [[unlikely]] {                                                        \
      PROTECT(arith(L, *a1, *a2, ra, ev));                                       \
    }                                                                            \
    DISPATCH();                                                                  \
  } while (0)
#define BITWISE(v1, v2, op, ev)                                                  \
  do {                                                                           \
    StackId ra = RA();                                                           \
    const Value* a1 = (v1);                                                      \
    const Value* a2 = (v2);                                                      \
    std::int64_t i1, i2;                                                         \
    if (a1->is_integer() && a2->is_integer()) [[likely]] {                       \
      i1 = a1->as_int();                                                         \
      i2 = a2->as_int();                                                         \
      ra->set_int(op);                                                           \
    } else if (to_int_fast(a1, i1) && to_int_fast(a2, i2)) {                     \
      ra->set_int(op);                                                           \
    } else [[unlikely]] {                                                        \
      PROTECT(arith(L, *a1, *a2, ra, ev));                                       \
    }                                                                            \
    DISPATCH();                                                                  \
  } while (0)

// R[B] + sC; `fallback` (which sees rb and imm) calls the metamethod.
#define ADD_IMM(fallback)                                                         \
  do {                                                                           \
    StackId ra = RA();                                                           \
    const Value* rb = RB();                                                      \
    int imm = get_sc(i);                                                         \
    if (rb->is_integer()) [[likely]] {                                           \
      ra->set_int(wrap_add(rb->as_int(), imm));                                  \
    } else if (rb->is_float()) {                                                 \
      ra->set_float(rb->as_float() + imm);                                       \
    } else [[unlikely]] {                                                        \
      PROTECT(fallback);                                                         \
    }                                                                            \
    DISPATCH();                                                                  \
  } while (0)
// R[B] >> sC (a left shift when sC < 0).
#define SHIFT_RIGHT_IMM(fallback)                                                 \
  do {                                                                           \
    StackId ra = RA();                                                           \
    const Value* rb = RB();                                                      \
    std::int64_t ib;                                                             \
    int imm = get_sc(i);                                                         \
    if (rb->is_integer()) [[likely]] {                                           \
      ra->set_int(shift_left(rb->as_int(), -imm));                               \
    } else if (to_int_fast(rb, ib)) {                                            \
      ra->set_int(shift_left(ib, -imm));                                         \
    } else [[unlikely]] {                                                        \
      PROTECT(fallback);                                                         \
    }                                                                            \
    DISPATCH();                                                                  \
  } while (0)

#define GET_FAST_OR_SLOW(tv, keyv, lookup)                                        \
  do {                                                                           \
    StackId ra = RA();                                                           \
    const Value* t_ = (tv);                                                      \
    if (t_->is_table()) {                                                        \
      const Value* slot = (lookup);                                              \
      if (!slot->is_nil()) {                                                     \
        *ra = *slot;                                                             \
      } else [[unlikely]] {                                                      \
        PROTECT(finish_get(L, *t_, (keyv), ra, slot));                           \
      }                                                                          \
    } else [[unlikely]] {                                                        \
      PROTECT(finish_get(L, *t_, (keyv), ra, nullptr));                          \
    }                                                                            \
    DISPATCH();                                                                  \
  } while (0)

#define SET_FAST_OR_SLOW(tv, keyv, lookup, valv)                                  \
  do {                                                                           \
    const Value* t_ = (tv);                                                      \
    const Value* v_ = (valv);                                                    \
    if (t_->is_table()) {                                                        \
      const Value* slot = (lookup);                                              \
      if (!slot->is_nil()) {                                                     \
        set_slot(slot, *v_);                                                     \
        gc::barrier_back(L, t_->as_gc(), *v_);                                   \
      } else [[unlikely]] {                                                      \
        PROTECT(finish_set(L, *t_, (keyv), *v_, slot));                          \
      }                                                                          \
    } else [[unlikely]] {                                                        \
      PROTECT(finish_set(L, *t_, (keyv), *v_, nullptr));                         \
    }                                                                            \
    DISPATCH();                                                                  \
  } while (0)

// no-crossjumping/no-gcse keep one indirect jump per handler (better branch prediction) instead of
// GCC merging every handler tail into a single shared dispatch jump.
[[gnu::optimize("no-crossjumping", "no-gcse")]] void execute(lua_State* L, CallInfo* ci) {
  static const void* const plain_table[256] = {
#define LUNA_OP(name, format, description) &&op_##name,
#include "bytecode/opcodes.def"
#undef LUNA_OP
  };
  // Every opcode byte, even the unused ones: the traced path re-dispatches through plain_table.
  static const void* const traced_table[256] = {
#define TRACED4 &&traced, &&traced, &&traced, &&traced
#define TRACED16 TRACED4, TRACED4, TRACED4, TRACED4
#define TRACED64 TRACED16, TRACED16, TRACED16, TRACED16
      TRACED64, TRACED64, TRACED64, TRACED64
#undef TRACED64
#undef TRACED16
#undef TRACED4
  };
  LClosure* cl;
  const Value* k;
  StackId base;
  const Instruction* pc;
  const void* const* dispatch;
  int trap;
  Instruction i;
  StackId ret_ra;  // operands of the shared return path (RETURN, and RETURN0/1's slow cases)
  int ret_n;

start_func:
  cl = as_lclosure(*ci->func);
  k = cl->p->k;
  pc = ci->u.l.saved_pc;
  base = ci->func + 1;
// CALL's fast path sets cl, k, pc and base from the values it has in registers and comes here:
// reloading them from the CallInfo it just wrote would put a chain of dependent loads (some
// waiting on those stores) in front of the callee's first instruction. The slow path of the
// safepoint returns only without moving the stack, so base stays valid.
entered:
  LUNA_SAFEPOINT(L, pc, interrupt::entry_charge(ci), (void)0);
  trap = L->hook_mask;
  if (trap) [[unlikely]] goto trace_frame;
  dispatch = plain_table;
  DISPATCH();
returning:
  cl = as_lclosure(*ci->func);
  k = cl->p->k;
  pc = ci->u.l.saved_pc;
  base = ci->func + 1;
  if (trap) [[unlikely]] goto trace_frame;
  dispatch = plain_table;
  DISPATCH();
trace_frame:  // hooks are on: the call hook at a function's first instruction, then run traced
  if (pc == cl->p->code) {
    hook_call(L, ci);
    UPDATE_BASE();  // the hook may have moved the stack
  }
  ci->u.l.trap = 1;
  dispatch = traced_table;
  DISPATCH();

traced:  // i and pc are past the instruction: trace it, then run its real handler
  trap = trace_exec(L, pc - 1);
  dispatch = trap ? traced_table : plain_table;
  UPDATE_BASE();
  goto* plain_table[i & 0xFFu];

op_MOVE:
  *RA() = *RB();
  DISPATCH();
op_LOADI:
  RA()->set_int(get_sbx(i));
  DISPATCH();
op_LOADF:
  RA()->set_float(static_cast<double>(get_sbx(i)));
  DISPATCH();
op_LOADK:
  *RA() = k[get_bx(i)];
  DISPATCH();
op_LOADKX:
  *RA() = k[get_ax(*pc)];
  pc++;
  DISPATCH();
op_LOADFALSE:
  RA()->set_bool(false);
  DISPATCH();
op_LFALSESKIP:
  RA()->set_bool(false);
  pc++;
  DISPATCH();
op_LOADTRUE:
  RA()->set_bool(true);
  DISPATCH();
op_LOADNIL: {
  StackId ra = RA();
  int b = get_b(i);
  do {
    (ra++)->set_nil();
  } while (b--);
  DISPATCH();
}
op_GETUPVAL:
  *RA() = *cl->upvals[get_b(i)]->v.p;
  DISPATCH();
op_SETUPVAL: {
  UpVal* uv = cl->upvals[get_b(i)];
  const Value& v = *RA();
  *uv->v.p = v;
  gc::barrier(L, uv, v);
  DISPATCH();
}
op_GETTABUP: {
  const Value* up = cl->upvals[get_b(i)]->v.p;
  const Value* key = KC();
  GET_FAST_OR_SLOW(up, *key, tables::get_short_str(as_table(*t_), as_string(*key)));
}
op_GETTABLE: {
  const Value* rc = RC();
  GET_FAST_OR_SLOW(RB(), *rc,
                   rc->is_integer() ? tables::get_int(as_table(*t_), rc->as_int())
                                    : tables::get(as_table(*t_), *rc));
}
op_GETI: {
  int c = get_c(i);
  GET_FAST_OR_SLOW(RB(), Value::from_int(c), tables::get_int(as_table(*t_), c));
}
op_GETFIELD: {
  const Value* key = KC();
  GET_FAST_OR_SLOW(RB(), *key, tables::get_short_str(as_table(*t_), as_string(*key)));
}
op_SETTABUP: {
  const Value* key = KB();
  SET_FAST_OR_SLOW(cl->upvals[get_a(i)]->v.p, *key,
                   tables::get_short_str(as_table(*t_), as_string(*key)), RC());
}
op_SETTABUPK: {
  const Value* key = KB();
  SET_FAST_OR_SLOW(cl->upvals[get_a(i)]->v.p, *key,
                   tables::get_short_str(as_table(*t_), as_string(*key)), KC());
}
op_SETTABLE: {
  const Value* rb = RB();
  SET_FAST_OR_SLOW(RA(), *rb,
                   rb->is_integer() ? tables::get_int(as_table(*t_), rb->as_int())
                                    : tables::get(as_table(*t_), *rb),
                   RC());
}
op_SETTABLEK: {
  const Value* rb = RB();
  SET_FAST_OR_SLOW(RA(), *rb,
                   rb->is_integer() ? tables::get_int(as_table(*t_), rb->as_int())
                                    : tables::get(as_table(*t_), *rb),
                   KC());
}
op_SETI: {
  int b = get_b(i);
  SET_FAST_OR_SLOW(RA(), Value::from_int(b), tables::get_int(as_table(*t_), b), RC());
}
op_SETIK: {
  int b = get_b(i);
  SET_FAST_OR_SLOW(RA(), Value::from_int(b), tables::get_int(as_table(*t_), b), KC());
}
op_SETFIELD: {
  const Value* key = KB();
  SET_FAST_OR_SLOW(RA(), *key, tables::get_short_str(as_table(*t_), as_string(*key)), RC());
}
op_SETFIELDK: {
  const Value* key = KB();
  SET_FAST_OR_SLOW(RA(), *key, tables::get_short_str(as_table(*t_), as_string(*key)), KC());
}
op_NEWTABLE: {
  StackId ra = RA();
  int b = get_b(i);
  unsigned int hash_size = b ? 1u << (b - 1) : 0u;
  unsigned int array_size = static_cast<unsigned int>(get_ax(*pc));
  pc++;
  SAVE_PC();
  L->top = ra + 1;  // limit of live registers, in case of an emergency collection
  Table* t = tables::new_table(L);
  set_table(*ra, t);
  if (hash_size != 0 || array_size != 0) tables::resize(L, t, array_size, hash_size);
  CHECK_GC(ra + 1);
  DISPATCH();
}
op_SELF: {
  StackId ra = RA();
  const Value* rb = RB();  // messages name this register, not its copy
  const Value* key = KC();
  ra[1] = *rb;
  if (rb->is_table()) {
    const Value* slot = key->is_short_string() ? tables::get_short_str(as_table(*rb), as_string(*key))
                                               : tables::get_str(as_table(*rb), as_string(*key));
    if (!slot->is_nil()) {
      *ra = *slot;
    } else [[unlikely]] {
      PROTECT(finish_get(L, *rb, *key, ra, slot));
    }
  } else [[unlikely]] {
    PROTECT(finish_get(L, *rb, *key, ra, nullptr));
  }
  DISPATCH();
}

op_ADDI: ADD_IMM(arith(L, *rb, Value::from_int(imm), ra, Event::Add));
op_ADDI_SWAP: ADD_IMM(arith(L, Value::from_int(imm), *rb, ra, Event::Add));
op_SUBI: ADD_IMM(arith(L, *rb, Value::from_int(-imm), ra, Event::Sub));
op_ADDK: ARITH_INT_FLT(RB(), KC(), wrap_add, [](double a, double b) { return a + b; }, Event::Add);
op_SUBK: ARITH_INT_FLT(RB(), KC(), wrap_sub, [](double a, double b) { return a - b; }, Event::Sub);
op_MULK: ARITH_INT_FLT(RB(), KC(), wrap_mul, [](double a, double b) { return a * b; }, Event::Mul);
op_MODK: ARITH_DIVMOD(RB(), KC(), mod_fast, fmod_fast, Event::Mod);
op_POWK: ARITH_FLT(RB(), KC(), float_pow, Event::Pow);
op_DIVK: ARITH_FLT(RB(), KC(), [](double a, double b) { return a / b; }, Event::Div);
op_IDIVK: ARITH_DIVMOD(RB(), KC(), div_fast, number::float_floor_div, Event::Idiv);
op_BANDK: BITWISE(RB(), KC(), i1 & i2, Event::Band);
op_BORK: BITWISE(RB(), KC(), i1 | i2, Event::Bor);
op_BXORK: BITWISE(RB(), KC(), i1 ^ i2, Event::Bxor);
// Constant on the left in the source: same operations, the metamethod sees (K[C], R[B]).
op_ADDK_SWAP: ARITH_INT_FLT(KC(), RB(), wrap_add, [](double a, double b) { return a + b; }, Event::Add);
op_MULK_SWAP: ARITH_INT_FLT(KC(), RB(), wrap_mul, [](double a, double b) { return a * b; }, Event::Mul);
op_BANDK_SWAP: BITWISE(KC(), RB(), i1 & i2, Event::Band);
op_BORK_SWAP: BITWISE(KC(), RB(), i1 | i2, Event::Bor);
op_BXORK_SWAP: BITWISE(KC(), RB(), i1 ^ i2, Event::Bxor);
op_SHRI: SHIFT_RIGHT_IMM(arith(L, *rb, Value::from_int(imm), ra, Event::Shr));
op_SHLI_NEG: SHIFT_RIGHT_IMM(arith(L, *rb, Value::from_int(-imm), ra, Event::Shl));
op_SHLI: {
  StackId ra = RA();
  const Value* rb = RB();
  std::int64_t ib;
  int imm = get_sc(i);
  if (to_int_fast(rb, ib)) {
    ra->set_int(shift_left(imm, ib));
  } else {
    Value v = Value::from_int(imm);
    PROTECT(arith(L, v, *rb, ra, Event::Shl));
  }
  DISPATCH();
}

op_ADD: ARITH_INT_FLT(RB(), RC(), wrap_add, [](double a, double b) { return a + b; }, Event::Add);
op_SUB: ARITH_INT_FLT(RB(), RC(), wrap_sub, [](double a, double b) { return a - b; }, Event::Sub);
op_MUL: ARITH_INT_FLT(RB(), RC(), wrap_mul, [](double a, double b) { return a * b; }, Event::Mul);
op_MOD: ARITH_DIVMOD(RB(), RC(), mod_fast, fmod_fast, Event::Mod);
op_POW: ARITH_FLT(RB(), RC(), float_pow, Event::Pow);
op_DIV: ARITH_FLT(RB(), RC(), [](double a, double b) { return a / b; }, Event::Div);
op_IDIV: ARITH_DIVMOD(RB(), RC(), div_fast, number::float_floor_div, Event::Idiv);
op_BAND: BITWISE(RB(), RC(), i1 & i2, Event::Band);
op_BOR: BITWISE(RB(), RC(), i1 | i2, Event::Bor);
op_BXOR: BITWISE(RB(), RC(), i1 ^ i2, Event::Bxor);
op_SHL: BITWISE(RB(), RC(), shift_left(i1, i2), Event::Shl);
op_SHR: BITWISE(RB(), RC(), shift_left(i1, wrap_sub(0, i2)), Event::Shr);

op_UNM: {
  StackId ra = RA();
  const Value* rb = RB();
  if (rb->is_integer()) {
    ra->set_int(wrap_sub(0, rb->as_int()));
  } else if (rb->is_float()) {
    ra->set_float(-rb->as_float());
  } else [[unlikely]] {
    PROTECT(arith(L, *rb, *rb, ra, Event::Unm));
  }
  DISPATCH();
}
op_BNOT: {
  StackId ra = RA();
  const Value* rb = RB();
  std::int64_t ib;
  if (to_int_fast(rb, ib)) {
    ra->set_int(~ib);
  } else [[unlikely]] {
    PROTECT(arith(L, *rb, *rb, ra, Event::Bnot));
  }
  DISPATCH();
}
op_NOT:
  RA()->set_bool(RB()->is_falsy());
  DISPATCH();
op_LEN: {
  StackId ra = RA();
  const Value* rb = RB();
  if (rb->is_string()) {
    ra->set_int(static_cast<std::int64_t>(as_string(*rb)->length()));
  } else if (rb->is_table() && as_table(*rb)->metatable == nullptr) {
    ra->set_int(static_cast<std::int64_t>(tables::length(as_table(*rb))));
  } else [[unlikely]] {
    PROTECT(length(L, ra, *rb));
  }
  DISPATCH();
}
op_CONCAT: {
  StackId ra = RA();
  int n = get_b(i);
  L->top = ra + n;
  PROTECT_NT(concat(L, n));
  CHECK_GC(L->top);  // concat leaves top just above its result
  DISPATCH();
}

op_CLOSE:
  PROTECT(functions::close(L, RA(), status::ok, true));
  DISPATCH();
op_TBC:
  PROTECT(functions::new_tbc(L, RA()));
  DISPATCH();
op_JMP:
  DO_JUMP(get_sj(i));
  DISPATCH();

op_EQ: {
  StackId ra = RA();
  const Value* rb = RB();
  bool cond;
  if (ra->is_integer() && rb->is_integer()) [[likely]] {
    cond = ra->as_int() == rb->as_int();
  } else if (ra->tt == rb->tt && !ra->is_table() && !ra->is_userdata() && !ra->is_long_string()) {
    cond = raw_equal(*ra, *rb);
  } else [[unlikely]] {
    PROTECT(cond = equal(L, *ra, *rb));
  }
  COND_JUMP(cond);
}
op_LT: {
  StackId ra = RA();
  const Value* rb = RB();
  bool cond;
  if (ra->is_integer() && rb->is_integer()) [[likely]] {
    cond = ra->as_int() < rb->as_int();
  } else if (ra->is_number() && rb->is_number()) {
    cond = lt_num(ra, rb);
  } else [[unlikely]] {
    PROTECT(cond = less_than(L, *ra, *rb));
  }
  COND_JUMP(cond);
}
op_LE: {
  StackId ra = RA();
  const Value* rb = RB();
  bool cond;
  if (ra->is_integer() && rb->is_integer()) [[likely]] {
    cond = ra->as_int() <= rb->as_int();
  } else if (ra->is_number() && rb->is_number()) {
    cond = le_num(ra, rb);
  } else [[unlikely]] {
    PROTECT(cond = less_equal(L, *ra, *rb));
  }
  COND_JUMP(cond);
}
op_EQK:
  COND_JUMP(raw_equal(*RA(), *KB()));
op_EQI: {
  StackId ra = RA();
  int imm = get_sb(i);
  bool cond = ra->is_integer() ? ra->as_int() == imm
              : ra->is_float() ? ra->as_float() == static_cast<double>(imm)
                               : false;
  COND_JUMP(cond);
}
#define ORDER_IMM(iop, fop, opname)                                                  \
  do {                                                                              \
    StackId ra = RA();                                                              \
    int imm = get_sb(i);                                                            \
    bool cond;                                                                      \
    if (ra->is_integer()) [[likely]] {                                              \
      cond = ra->as_int() iop imm;                                                  \
    } else if (ra->is_float()) {                                                    \
      cond = ra->as_float() fop static_cast<double>(imm);                           \
    } else [[unlikely]] {                                                           \
      PROTECT(cond = order_imm(L, ra, imm, bytecode::get_imm_is_float(i), bytecode::Op::opname));                  \
    }                                                                               \
    COND_JUMP(cond);                                                                \
  } while (0)
op_LTI: ORDER_IMM(<, <, LTI);
op_LEI: ORDER_IMM(<=, <=, LEI);
op_GTI: ORDER_IMM(>, >, GTI);
op_GEI: ORDER_IMM(>=, >=, GEI);
#undef ORDER_IMM
op_TEST:
  COND_JUMP(!RA()->is_falsy());
op_TESTSET: {
  const Value* rb = RB();
  if (!rb->is_falsy() != get_k(i)) {
    pc++;
  } else {
    *RA() = *rb;
    DO_JUMP(get_sj(*pc) + 1);
  }
  DISPATCH();
}

op_CALL: {
  StackId ra = RA();
  int b = get_b(i);
  int n_results = get_c(i) - 1;
  StackId top = b != 0 ? ra + b : L->top;  // b = 0: the previous instruction set top
  L->top = top;
  SAVE_PC();
  if (ra->is_lua_closure()) [[likely]] {
    // Inline fast path of precall for a Lua function with room (top kept in a local: the
    // stores to new_ci would otherwise make the compiler reload L->top).
    const Proto* p = as_lclosure(*ra)->p;
    if (L->stack_last - top > p->max_stack_size) [[likely]] {
      CallInfo* new_ci = ci->next != nullptr ? ci->next : extend_ci(L);
      int narg = static_cast<int>(top - ra) - 1;
      new_ci->func = ra;
      new_ci->n_results = static_cast<short>(n_results);
      new_ci->call_status = 0;
      new_ci->top = ra + 1 + p->max_stack_size;
      new_ci->u.l.saved_pc = p->code;
      L->ci = new_ci;
      if (narg < p->num_params) {
        for (; narg < p->num_params; narg++) (top++)->set_nil();
        L->top = top;
      }
      ci = new_ci;
      if (p->is_vararg) [[unlikely]] {
        adjust_varargs(L, new_ci, p);
        goto start_func;  // the frame moved above the arguments
      }
      cl = as_lclosure(*ra);
      k = p->k;
      pc = p->code;
      base = ra + 1;
      goto entered;
    }
  }
  if (ra->is_light_cfunction() || ra->is_c_closure()) {
    // Inline precall for C functions (without hooks and with the stack room C functions get).
    lua_CFunction f = ra->is_light_cfunction() ? ra->v.f : as_cclosure(*ra)->f;
    if (L->hook_mask == 0 && L->stack_last - L->top > min_stack) [[likely]] {
      CallInfo* new_ci = ci->next != nullptr ? ci->next : extend_ci(L);
      new_ci->func = ra;
      new_ci->n_results = static_cast<short>(n_results);
      new_ci->call_status = cist::c | cist::yield_by_return;
      new_ci->top = L->top + min_stack;
      L->ci = new_ci;
      int n = f(L);
      // coroutine.yield suspended the thread by returning: back to resume (vm/coroutine.cpp).
      if (L->status != status::ok) [[unlikely]] return;
      if (L->hook_mask == 0 && !has_tbc_c(new_ci->n_results)) [[likely]] {
        // postcall inline: no return hook, no to-be-closed slots, so only move the results
        // (to new_ci->func: the function may have moved the stack).
        StackId res = new_ci->func;
        StackId first = L->top - n;
        int wanted = n_results < 0 ? n : n_results;
        int moved = n < wanted ? n : wanted;
        int j = 0;
        for (; j < moved; j++) res[j] = first[j];
        for (; j < wanted; j++) res[j].set_nil();
        L->top = res + wanted;
        L->ci = ci;
      } else {
        postcall(L, new_ci, n);
      }
      UPDATE_TRAP();
      UPDATE_BASE();
      DISPATCH();
    }
  }
  CallInfo* new_ci = precall(L, ra, n_results);
  if (new_ci == nullptr) {  // C function: already done
    UPDATE_TRAP();
    UPDATE_BASE();
    DISPATCH();
  }
  ci = new_ci;
  goto start_func;
}
op_TAILCALL: {
  StackId ra = RA();
  int b = get_b(i);
  const Proto* p = cl->p;
  int delta = p->is_vararg ? ci->u.l.n_extra_args + p->num_params + 1 : 0;
  if (b != 0) {
    L->top = ra + b;
  } else {
    b = static_cast<int>(L->top - ra);
  }
  SAVE_PC();
  if (L->open_upval != nullptr && L->open_upval->v.p >= base) {
    functions::close_upvals(L, base);
  }
  if (ra->is_lua_closure()) [[likely]] {
    // Inline fast path of pretail_call: a Lua function with room. The function and its b-1
    // arguments move down to the frame's own slot (below any vararg copy).
    const Proto* np = as_lclosure(*ra)->p;
    if (L->stack_last - L->top > np->max_stack_size) [[likely]] {
      StackId func = ci->func - delta;
      for (int j = 0; j < b; j++) func[j] = ra[j];
      for (; b <= np->num_params; b++) func[b].set_nil();
      ci->func = func;
      ci->top = func + 1 + np->max_stack_size;
      ci->u.l.saved_pc = np->code;
      ci->call_status |= cist::tail;
      L->top = func + b;
      if (np->is_vararg) [[unlikely]] {
        adjust_varargs(L, ci, np);
        goto start_func;
      }
      cl = as_lclosure(*func);
      k = np->k;
      pc = np->code;
      base = func + 1;
      goto entered;
    }
  }
  int n = pretail_call(L, ci, ra, b, delta);
  if (n < 0) goto start_func;  // Lua function: ci now runs it
  ci->func -= delta;           // C function: finish this frame with its results
  postcall(L, ci, n);
  trap = ci->u.l.trap;
  goto ret;
}
op_RETURN:
  ret_ra = RA();
  ret_n = get_b(i) - 1;
  if (ret_n < 0) ret_n = static_cast<int>(L->top - ret_ra);
generic_return:
  SAVE_PC();
  if (needs_close(L, base)) {
    ci->u2.n_results = ret_n;
    if (L->top < ci->top) L->top = ci->top;
    functions::close(L, base, status::close_keep_top, true);
    UPDATE_BASE();
    ret_ra = RA();
  }
  if (cl->p->is_vararg) ci->func -= ci->u.l.n_extra_args + cl->p->num_params + 1;
  L->top = ret_ra + ret_n;
  postcall(L, ci, ret_n);
  trap = ci->u.l.trap;
  goto ret;
// RETURN0/RETURN1 only occur in functions that are not vararg and never have open upvalues or
// to-be-closed variables (compiler shapes, enforced for binary chunks by the undump verifier), so
// only hooks send them to the generic path. The caller resumes with the table `trap` picks.
op_RETURN0:
  if (L->hook_mask) [[unlikely]] {
    ret_ra = RA();
    ret_n = 0;
    goto generic_return;
  }
  {
    int wanted = ci->n_results;
    L->ci = ci->previous;
    L->top = base - 1;
    for (; wanted > 0; wanted--) (L->top++)->set_nil();
  }
  trap = 0;  // no hooks
  goto ret;
op_RETURN1:
  if (L->hook_mask) [[unlikely]] {
    ret_ra = RA();
    ret_n = 1;
    goto generic_return;
  }
  {
    int wanted = ci->n_results;
    L->ci = ci->previous;
    if (wanted == 0) {
      L->top = base - 1;
    } else {
      base[-1] = *RA();
      L->top = base;
      for (; wanted > 1; wanted--) (L->top++)->set_nil();
    }
  }
  trap = 0;  // no hooks
  goto ret;
ret:
  if (ci->call_status & cist::fresh) return;
  ci = ci->previous;
  goto returning;

op_FORPREP: {
  bool skip;
  PROTECT(skip = for_prep(L, RA()));
  if (skip) pc += get_bx(i) + 1;
  DISPATCH();
}
op_FORLOOP: {
  StackId ra = RA();
  if (ra[2].is_integer()) [[likely]] {
    std::uint64_t count = static_cast<std::uint64_t>(ra[1].as_int());
    if (count > 0) {
      std::int64_t idx = wrap_add(ra->as_int(), ra[2].as_int());
      ra[1].v.i = static_cast<std::int64_t>(count - 1);
      ra->v.i = idx;
      ra[3].set_int(idx);
      pc -= get_bx(i);
    }
  } else if (float_for_loop(ra)) {
    pc -= get_bx(i);
  }
  LUNA_SAFEPOINT(L, pc, get_bx(i), UPDATE_TRAP());
  DISPATCH();
}
op_TFORPREP:
  PROTECT(functions::new_tbc(L, RA() + 3));
  pc += get_bx(i);
  DISPATCH();
op_TFORCALL: {
  StackId ra = RA();
  ra[4] = ra[0];
  ra[5] = ra[1];
  ra[6] = ra[2];
  L->top = ra + 7;
  PROTECT_NT(call(L, ra + 4, get_c(i)));
  DISPATCH();
}
op_TFORLOOP: {
  StackId ra = RA();
  if (!ra[4].is_nil()) {
    ra[2] = ra[4];
    pc -= get_bx(i);
  }
  LUNA_SAFEPOINT(L, pc, get_bx(i), UPDATE_TRAP());
  DISPATCH();
}

op_SETLIST: {
  StackId ra = RA();
  int n = get_b(i);
  unsigned int last = static_cast<unsigned int>(get_ax(*pc));
  pc++;
  if (n == 0) {
    n = static_cast<int>(L->top - ra) - 1;
  } else {
    L->top = ci->top;
  }
  SAVE_PC();
  set_list(L, ra, n, last);
  DISPATCH();
}
op_CLOSURE:
  SAVE_STATE();
  push_closure(L, cl->p->p[get_bx(i)], cl->upvals, base, RA());
  CHECK_GC(RA() + 1);
  DISPATCH();
op_VARARG:
  PROTECT_NT(get_varargs(L, ci, RA(), get_c(i) - 1));
  DISPATCH();
op_EXTRAARG:
  // Only ever consumed by the instruction before it; reaching it means corrupt code.
  SAVE_STATE();
  runtime::run_error(L, "invalid instruction (EXTRAARG)");
}

// Complete the instruction interrupted by a yield (see interp.h).
void finish_op(lua_State* L) {
  using bytecode::Op;
  CallInfo* ci = L->ci;
  StackId base = ci->func + 1;
  Instruction inst = *(ci->u.l.saved_pc - 1);
  switch (bytecode::get_op(inst)) {
    case Op::ADDI: case Op::ADDK: case Op::SUBK: case Op::MULK: case Op::MODK: case Op::POWK:
    case Op::DIVK: case Op::IDIVK: case Op::BANDK: case Op::BORK: case Op::BXORK: case Op::SHRI:
    case Op::SHLI: case Op::ADDI_SWAP: case Op::ADDK_SWAP: case Op::MULK_SWAP: case Op::BANDK_SWAP:
    case Op::BORK_SWAP: case Op::BXORK_SWAP: case Op::SUBI: case Op::SHLI_NEG:
    case Op::ADD: case Op::SUB: case Op::MUL: case Op::MOD: case Op::POW:
    case Op::DIV: case Op::IDIV: case Op::BAND: case Op::BOR: case Op::BXOR: case Op::SHL:
    case Op::SHR: case Op::UNM: case Op::BNOT: case Op::LEN: case Op::GETTABUP:
    case Op::GETTABLE: case Op::GETI: case Op::GETFIELD: case Op::SELF:
      base[get_a(inst)] = *--L->top;
      break;
    case Op::LT: case Op::LE: case Op::LTI: case Op::LEI: case Op::GTI: case Op::GEI:
    case Op::EQ: {
      bool res = !(L->top - 1)->is_falsy();
      L->top--;
      if (res != get_k(inst)) ci->u.l.saved_pc++;  // skip the jump
      break;
    }
    case Op::CONCAT: {
      StackId top = L->top - 1;  // top when the __concat call was made
      int a = get_a(inst);
      int total = static_cast<int>(top - 1 - (base + a));
      top[-2] = top[0];
      L->top = top - 1;
      concat(L, total);
      break;
    }
    case Op::CLOSE:
      ci->u.l.saved_pc--;  // run it again to close the remaining variables
      break;
    case Op::RETURN: case Op::RETURN0: case Op::RETURN1: {
      StackId ra = base + get_a(inst);
      L->top = ra + ci->u2.n_results;
      ci->u.l.saved_pc--;
      break;
    }
    default:
      // CALL, TAILCALL, TFORCALL and the SET* family leave nothing to finish.
      break;
  }
}

}  // namespace luna::vm
