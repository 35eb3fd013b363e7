// Symbolic execution over bytecode to name registers and called functions (see debug.h).
// Works like 5.4's findsetreg/getobjname/funcnamefromcode, adapted to Luna's instruction set:
// arithmetic instructions call their metamethods themselves (no MMBIN companions), the *K store
// forms (SETFIELDK, ...) exist, and SELF always takes its key from a constant.
#include <cstdio>
#include <cstring>

#include "bytecode/opcodes.h"
#include "object/functions.h"
#include "runtime/debug.h"
#include "runtime/format.h"

namespace luna::runtime {

namespace {

using bytecode::Instruction;
using bytecode::Op;

constexpr const char* kind_local = "local";
constexpr const char* kind_upvalue = "upvalue";
constexpr const char* kind_constant = "constant";

// Whether the instruction writes register A (the plain case of findsetreg).
constexpr bool sets_register_a(Op op) {
  switch (op) {
    case Op::MOVE: case Op::LOADI: case Op::LOADF: case Op::LOADK: case Op::LOADKX:
    case Op::LOADFALSE: case Op::LFALSESKIP: case Op::LOADTRUE:
    case Op::GETUPVAL: case Op::GETTABUP: case Op::GETTABLE: case Op::GETI: case Op::GETFIELD:
    case Op::NEWTABLE: case Op::SELF:
    case Op::ADDI: case Op::ADDK: case Op::SUBK: case Op::MULK: case Op::MODK: case Op::POWK:
    case Op::DIVK: case Op::IDIVK: case Op::BANDK: case Op::BORK: case Op::BXORK:
    case Op::SHRI: case Op::SHLI: case Op::ADDI_SWAP: case Op::ADDK_SWAP: case Op::MULK_SWAP:
    case Op::BANDK_SWAP: case Op::BORK_SWAP: case Op::BXORK_SWAP: case Op::SUBI: case Op::SHLI_NEG:
    case Op::ADD: case Op::SUB: case Op::MUL: case Op::MOD: case Op::POW: case Op::DIV:
    case Op::IDIV: case Op::BAND: case Op::BOR: case Op::BXOR: case Op::SHL: case Op::SHR:
    case Op::UNM: case Op::BNOT: case Op::NOT: case Op::LEN: case Op::CONCAT:
    case Op::TESTSET: case Op::FORPREP: case Op::FORLOOP: case Op::TFORLOOP:
    case Op::CLOSURE: case Op::VARARG:
      return true;
    default:
      return false;
  }
}

const char* upvalue_name(const Proto* p, int index) {
  if (index < 0 || index >= p->size_upvalues) return "?";
  const String* s = p->upvalues[index].name;
  return s == nullptr ? "?" : s->chars();
}

// Last instruction before last_pc that set `reg`, or -1 (also -1 when the setter is inside
// conditional code: a jump target lies between it and last_pc).
int find_set_register(const Proto* p, int last_pc, int reg) {
  int setter = -1;
  int jump_target = 0;
  for (int pc = 0; pc < last_pc; pc++) {
    Instruction i = p->code[pc];
    Op op = bytecode::get_op(i);
    int a = bytecode::get_a(i);
    bool change = false;
    switch (op) {
      case Op::LOADNIL:
        change = a <= reg && reg <= a + bytecode::get_b(i);
        break;
      case Op::TFORCALL:
        change = reg >= a + 2;
        break;
      case Op::CALL:
      case Op::TAILCALL:
        change = reg >= a;
        break;
      case Op::JMP: {
        int dest = pc + 1 + bytecode::get_sj(i);
        if (dest <= last_pc && dest > jump_target) jump_target = dest;
        break;
      }
      default:
        change = sets_register_a(op) && reg == a;
        break;
    }
    if (change) setter = pc < jump_target ? -1 : pc;
  }
  return setter;
}

const char* constant_name(const Proto* p, int index, const char** name) {
  if (index >= 0 && index < p->size_k && p->k[index].is_string()) {
    *name = as_string(p->k[index])->chars();
    return kind_constant;
  }
  *name = "?";
  return nullptr;
}

const char* basic_object_name(const Proto* p, int* ppc, int reg, const char** name) {
  int pc = *ppc;
  *name = functions::local_name(p, reg + 1, pc);
  if (*name != nullptr) return kind_local;
  *ppc = pc = find_set_register(p, pc, reg);
  if (pc == -1) return nullptr;
  Instruction i = p->code[pc];
  switch (bytecode::get_op(i)) {
    case Op::MOVE: {
      int b = bytecode::get_b(i);
      if (b < bytecode::get_a(i)) return basic_object_name(p, ppc, b, name);
      break;
    }
    case Op::GETUPVAL:
      *name = upvalue_name(p, bytecode::get_b(i));
      return kind_upvalue;
    case Op::LOADK:
      return constant_name(p, bytecode::get_bx(i), name);
    case Op::LOADKX:
      if (pc + 1 < p->size_code) return constant_name(p, bytecode::get_ax(p->code[pc + 1]), name);
      break;
    default:
      break;
  }
  return nullptr;
}

// A name for the key in register `reg` (only constants give one).
void register_key_name(const Proto* p, int pc, int reg, const char** name) {
  const char* kind = basic_object_name(p, &pc, reg, name);
  if (kind != kind_constant) *name = "?";
}

// "global" when the indexed table is the variable _ENV, else "field".
const char* global_or_field(const Proto* p, int pc, Instruction i, bool table_is_upvalue) {
  int t = bytecode::get_b(i);
  const char* name = nullptr;
  if (table_is_upvalue) {
    name = upvalue_name(p, t);
  } else {
    const char* kind = basic_object_name(p, &pc, t, &name);
    if (kind != kind_local && kind != kind_upvalue) name = nullptr;
  }
  return name != nullptr && std::strcmp(name, "_ENV") == 0 ? "global" : "field";
}

// Metamethod event names without the "__" prefix, in Event order.
constexpr const char* event_names[] = {
    "index", "newindex", "gc", "mode", "len", "eq", "add", "sub", "mul", "mod", "pow", "div",
    "idiv", "band", "bor", "bxor", "shl", "shr", "unm", "bnot", "lt", "le", "concat", "call",
    "close"};
static_assert(sizeof(event_names) / sizeof(event_names[0]) == event_count);

const char* metamethod(Event e, const char** name) {
  *name = event_names[static_cast<int>(e)];
  return "metamethod";
}

const char* name_from_code(const Proto* p, int pc, const char** name) {
  Instruction i = p->code[pc];
  switch (bytecode::get_op(i)) {
    case Op::CALL:
    case Op::TAILCALL:
      return object_name(p, pc, bytecode::get_a(i), name);
    case Op::TFORCALL:
      *name = "for iterator";
      return "for iterator";
    case Op::SELF: case Op::GETTABUP: case Op::GETTABLE: case Op::GETI: case Op::GETFIELD:
      return metamethod(Event::Index, name);
    case Op::SETTABUP: case Op::SETTABUPK: case Op::SETTABLE: case Op::SETTABLEK:
    case Op::SETI: case Op::SETIK: case Op::SETFIELD: case Op::SETFIELDK:
      return metamethod(Event::Newindex, name);
    case Op::ADDI: case Op::ADDK: case Op::ADD: case Op::ADDI_SWAP: case Op::ADDK_SWAP: return metamethod(Event::Add, name);
    case Op::SUBK: case Op::SUB: case Op::SUBI: return metamethod(Event::Sub, name);
    case Op::MULK: case Op::MUL: case Op::MULK_SWAP: return metamethod(Event::Mul, name);
    case Op::MODK: case Op::MOD: return metamethod(Event::Mod, name);
    case Op::POWK: case Op::POW: return metamethod(Event::Pow, name);
    case Op::DIVK: case Op::DIV: return metamethod(Event::Div, name);
    case Op::IDIVK: case Op::IDIV: return metamethod(Event::Idiv, name);
    case Op::BANDK: case Op::BAND: case Op::BANDK_SWAP: return metamethod(Event::Band, name);
    case Op::BORK: case Op::BOR: case Op::BORK_SWAP: return metamethod(Event::Bor, name);
    case Op::BXORK: case Op::BXOR: case Op::BXORK_SWAP: return metamethod(Event::Bxor, name);
    case Op::SHLI: case Op::SHL: case Op::SHLI_NEG: return metamethod(Event::Shl, name);
    case Op::SHRI: case Op::SHR: return metamethod(Event::Shr, name);
    case Op::UNM: return metamethod(Event::Unm, name);
    case Op::BNOT: return metamethod(Event::Bnot, name);
    case Op::LEN: return metamethod(Event::Len, name);
    case Op::CONCAT: return metamethod(Event::Concat, name);
    case Op::EQ: return metamethod(Event::Eq, name);
    case Op::LT: case Op::LTI: case Op::GTI: return metamethod(Event::Lt, name);
    case Op::LE: case Op::LEI: case Op::GEI: return metamethod(Event::Le, name);
    case Op::CLOSE: case Op::RETURN: return metamethod(Event::Close, name);
    default:
      return nullptr;
  }
}

bool is_lua_frame(const CallInfo* ci) { return (ci->call_status & cist::c) == 0 && ci->func->is_lua_closure(); }

// Index of the register `v` points at in frame ci, or -1.
int register_of(const CallInfo* ci, const Value* v) {
  StackId base = ci->func + 1;
  for (int pos = 0; base + pos < ci->top; pos++)
    if (v == base + pos) return pos;
  return -1;
}

}  // namespace

const char* object_name(const Proto* p, int last_pc, int reg, const char** name) {
  const char* kind = basic_object_name(p, &last_pc, reg, name);
  if (kind != nullptr || last_pc == -1) return kind;
  Instruction i = p->code[last_pc];
  switch (bytecode::get_op(i)) {
    case Op::GETTABUP:
      constant_name(p, bytecode::get_c(i), name);
      return global_or_field(p, last_pc, i, true);
    case Op::GETTABLE: {
      int a = bytecode::get_a(i), b = bytecode::get_b(i), c = bytecode::get_c(i);
      register_key_name(p, last_pc, c, name);
      // The compiler's form of `obj:name()` when the key's constant index does not fit SELF:
      // MOVE A+1 obj; LOADK A key; GETTABLE A A+1 A. Ordinary indexing never has the table
      // above the key in this way.
      if (b == a + 1 && c == a) return "method";
      return global_or_field(p, last_pc, i, false);
    }
    case Op::GETI:
      *name = "integer index";
      return "field";
    case Op::GETFIELD:
      constant_name(p, bytecode::get_c(i), name);
      return global_or_field(p, last_pc, i, false);
    case Op::SELF:
      constant_name(p, bytecode::get_c(i), name);
      return "method";
    default:
      return nullptr;
  }
}

const char* function_name(lua_State* L, CallInfo* ci, const char** name) {
  static_cast<void>(L);
  if (ci == nullptr) return nullptr;
  if (ci->call_status & cist::hooked) {
    *name = "?";
    return "hook";
  }
  if (ci->call_status & cist::finalizer) {
    *name = "__gc";
    return "metamethod";
  }
  if (is_lua_frame(ci)) return name_from_code(as_lclosure(*ci->func)->p, current_pc(ci), name);
  return nullptr;
}

namespace {

// Kind and name of value v as the running Lua function sees it (an upvalue or a register), or null.
const char* describe(lua_State* L, const Value* v, const char** name) {
  CallInfo* ci = L->ci;
  if (!is_lua_frame(ci)) return nullptr;
  LClosure* cl = as_lclosure(*ci->func);
  for (int i = 0; i < cl->nupvalues; i++) {
    if (cl->upvals[i] != nullptr && cl->upvals[i]->v.p == v) {
      *name = upvalue_name(cl->p, i);
      return kind_upvalue;
    }
  }
  int reg = register_of(ci, v);
  if (reg < 0) return nullptr;
  int pc = current_pc(ci);
  // SELF copies R[B] into R[A+1] before indexing it; a message about that copy names R[B].
  if (pc >= 0 && pc < cl->p->size_code) {
    bytecode::Instruction i = cl->p->code[pc];
    if (bytecode::get_op(i) == Op::SELF && reg == bytecode::get_a(i) + 1) reg = bytecode::get_b(i);
  }
  return object_name(cl->p, pc, reg, name);
}

}  // namespace

void variable_info(lua_State* L, const Value* v, char* out, std::size_t out_size) {
  if (out_size == 0) return;
  out[0] = '\0';
  const char* name = nullptr;
  if (const char* kind = describe(L, v, &name)) std::snprintf(out, out_size, " (%s '%s')", kind, name);
}

const char* variable_info(lua_State* L, const Value* v) {
  const char* name = nullptr;
  const char* kind = describe(L, v, &name);
  return kind == nullptr ? "" : push_fstring(L, " (%s '%s')", kind, name);
}

}  // namespace luna::runtime
