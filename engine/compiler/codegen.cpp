// Code generation primitives: emission, registers, constants, jump lists, expression discharge,
// stores and the final peephole pass (see compiler/funcstate.h).
#include <cstring>

#include "compiler/funcstate.h"
#include "number/arith.h"

namespace luna::compiler {

using bytecode::Instruction;
using bytecode::Op;
namespace bc = luna::bytecode;

namespace {

bool is_test_op(Op op) { return op >= Op::EQ && op <= Op::TESTSET; }

bool fits_sbx(std::int64_t i) { return i >= -bc::offset_sbx && i <= bc::max_bx - bc::offset_sbx; }

}  // namespace

FuncState::FuncState(syntax::Lexer& lexer, Dyndata& dyndata, bytecode::Blueprint& proto, FuncState* parent)
    : f(proto), prev(parent), lex(lexer), dyd(dyndata) {
  first_local = static_cast<int>(dyd.variables.size());
  first_label = static_cast<int>(dyd.labels.size());
}

// Register level of the first `nvar` variables: compile-time constants occupy no register.
int FuncState::reg_level(int nvar) {
  while (nvar-- > 0) {
    VarDesc& v = local_var(nvar);
    if (v.kind != VarKind::compile_time_constant) return v.reg + 1;
  }
  return 0;
}

// ---- emission ----------------------------------------------------------------------------------

int FuncState::code(Instruction i) {
  f.code.push_back(i);
  f.line_info.push_back(lex.last_line());
  return pc() - 1;
}

int FuncState::code_abc(Op op, int a, int b, int c) { return code(bc::encode_abc(op, a, b, c)); }
int FuncState::code_abx(Op op, int a, int bx) { return code(bc::encode_abx(op, a, bx)); }
int FuncState::code_asbx(Op op, int a, int sbx) { return code(bc::encode_asbx(op, a, sbx)); }
int FuncState::code_extraarg(int ax) { return code(bc::encode_ax(Op::EXTRAARG, ax)); }

int FuncState::code_k(int reg, int k) {
  if (k <= bc::max_bx) return code_abx(Op::LOADK, reg, k);
  int p = code_abc(Op::LOADKX, reg, 0, 0);
  code_extraarg(k);
  return p;
}

void FuncState::fix_line(int line) { f.line_info.back() = line; }

void FuncState::remove_last_instruction() {
  f.code.pop_back();
  f.line_info.pop_back();
}

// The previous instruction, unless a jump may land between it and the current position.
Instruction* FuncState::previous_instruction() {
  if (pc() > last_target) return &f.code.back();
  invalid_instruction_ = ~Instruction{0};  // matches no opcode
  return &invalid_instruction_;
}

// ---- registers ---------------------------------------------------------------------------------

void FuncState::check_stack(int n) {
  int needed = freereg + n;
  if (needed > f.max_stack_size) {
    if (needed >= max_registers) syntax_error("function or expression needs too many registers");
    f.max_stack_size = static_cast<std::uint8_t>(needed);
  }
}

void FuncState::reserve_regs(int n) {
  check_stack(n);
  freereg += n;
}

void FuncState::free_reg(int reg) {
  if (reg >= nvarstack()) --freereg;  // locals are not freed
}

void FuncState::free_regs(int r1, int r2) {
  if (r1 > r2) {
    free_reg(r1);
    free_reg(r2);
  } else {
    free_reg(r2);
    free_reg(r1);
  }
}

void FuncState::free_exp(const ExpDesc& e) {
  if (e.kind == ExpKind::NonReloc) free_reg(e.info);
}

void FuncState::free_exps(const ExpDesc& e1, const ExpDesc& e2) {
  int r1 = e1.kind == ExpKind::NonReloc ? e1.info : -1;
  int r2 = e2.kind == ExpKind::NonReloc ? e2.info : -1;
  free_regs(r1, r2);
}

// ---- constants ---------------------------------------------------------------------------------

int FuncState::add_constant(bytecode::Constant value) {
  f.constants.push_back(std::move(value));
  return static_cast<int>(f.constants.size()) - 1;
}

int FuncState::string_k(const std::string& s) {
  auto found = string_constants_.find(s);
  if (found != string_constants_.end()) return found->second;
  int k = add_constant(s);
  string_constants_.emplace(s, k);
  return k;
}

int FuncState::int_k(std::int64_t i) {
  auto found = int_constants_.find(i);
  if (found != int_constants_.end()) return found->second;
  int k = add_constant(i);
  int_constants_.emplace(i, k);
  return k;
}

int FuncState::float_k(double d) {
  std::uint64_t bits;
  std::memcpy(&bits, &d, sizeof bits);  // keeps 0.0 and -0.0 apart
  auto found = float_constants_.find(bits);
  if (found != float_constants_.end()) return found->second;
  int k = add_constant(d);
  float_constants_.emplace(bits, k);
  return k;
}

int FuncState::bool_k(bool b) {
  int& slot = b ? true_k_ : false_k_;
  if (slot < 0) slot = add_constant(b);
  return slot;
}

int FuncState::nil_k() {
  if (nil_k_ < 0) nil_k_ = add_constant(bytecode::Nil{});
  return nil_k_;
}

// ---- loads -------------------------------------------------------------------------------------

// LOADNIL, merged with a directly preceding LOADNIL when the ranges touch ('local a; local b').
void FuncState::load_nil(int from, int n) {
  int last = from + n - 1;
  Instruction* previous = previous_instruction();
  if (bc::get_op(*previous) == Op::LOADNIL) {
    int pfrom = bc::get_a(*previous);
    int plast = pfrom + bc::get_b(*previous);
    if ((pfrom <= from && from <= plast + 1) || (from <= pfrom && pfrom <= last + 1)) {
      if (pfrom < from) from = pfrom;
      if (plast > last) last = plast;
      *previous = bc::encode_abc(Op::LOADNIL, from, last - from, 0);
      return;
    }
  }
  code_abc(Op::LOADNIL, from, n - 1, 0);
}

void FuncState::load_int(int reg, std::int64_t i) {
  if (fits_sbx(i))
    code_asbx(Op::LOADI, reg, static_cast<int>(i));
  else
    code_k(reg, int_k(i));
}

void FuncState::load_float(int reg, double d) {
  std::int64_t i;
  if (number::float_to_integer(d, i) && fits_sbx(i) && !(d == 0 && std::signbit(d)))
    code_asbx(Op::LOADF, reg, static_cast<int>(i));
  else
    code_k(reg, float_k(d));
}

// ---- jumps -------------------------------------------------------------------------------------

int FuncState::get_jump(int at) {
  int offset = bc::get_sj(f.code[static_cast<std::size_t>(at)]);
  return offset == no_jump ? no_jump : at + 1 + offset;
}

void FuncState::fix_jump(int at, int dest) {
  Instruction& jmp = f.code[static_cast<std::size_t>(at)];
  int offset = dest - (at + 1);
  if (!(-bc::offset_sj <= offset && offset <= bc::max_ax - bc::offset_sj))
    syntax_error("control structure too long");
  jmp = bc::with_sj(jmp, offset);
}

void FuncState::concat(int& list, int l2) {
  if (l2 == no_jump) return;
  if (list == no_jump) {
    list = l2;
    return;
  }
  int at = list;
  for (int next; (next = get_jump(at)) != no_jump;) at = next;
  fix_jump(at, l2);
}

int FuncState::jump() { return code(bc::encode_sj(Op::JMP, no_jump)); }

void FuncState::jump_to(int target) { patch_list(jump(), target); }

void FuncState::ret(int first, int nret) {
  Op op = nret == 0 ? Op::RETURN0 : nret == 1 ? Op::RETURN1 : Op::RETURN;
  code_abc(op, first, nret + 1, 0);
}

int FuncState::cond_jump(Op op, int a, int b, int c) {
  code_abc(op, a, b, c);
  return jump();
}

int FuncState::get_label() {
  last_target = pc();
  return pc();
}

Instruction& FuncState::jump_control(int at) {
  if (at >= 1 && is_test_op(bc::get_op(f.code[static_cast<std::size_t>(at - 1)])))
    return f.code[static_cast<std::size_t>(at - 1)];
  return f.code[static_cast<std::size_t>(at)];
}

// Sets the destination register of the TESTSET controlling jump `node` (or turns it into a TEST
// when no value is wanted). Returns false when the control is not a TESTSET.
bool FuncState::patch_test_reg(int node, int reg) {
  Instruction& i = jump_control(node);
  if (bc::get_op(i) != Op::TESTSET) return false;
  if (reg != no_reg && reg != bc::get_b(i))
    i = bc::with_a(i, reg);
  else
    i = bc::encode_abc(Op::TEST, bc::get_b(i), 0, bc::get_c(i));
  return true;
}

void FuncState::remove_values(int list) {
  for (; list != no_jump; list = get_jump(list)) patch_test_reg(list, no_reg);
}

void FuncState::patch_list_aux(int list, int vtarget, int reg, int dtarget) {
  while (list != no_jump) {
    int next = get_jump(list);
    if (patch_test_reg(list, reg))
      fix_jump(list, vtarget);
    else
      fix_jump(list, dtarget);
    list = next;
  }
}

void FuncState::patch_list(int list, int target) { patch_list_aux(list, target, no_reg, target); }

void FuncState::patch_to_here(int list) { patch_list(list, get_label()); }

// ---- expressions -------------------------------------------------------------------------------

void FuncState::set_returns(ExpDesc& e, int nresults) {
  Instruction& i = instruction(e);
  if (e.kind == ExpKind::Call) {
    i = bc::encode_abc(Op::CALL, bc::get_a(i), bc::get_b(i), nresults + 1);
  } else {  // Vararg
    i = bc::encode_abc(Op::VARARG, freereg, bc::get_b(i), nresults + 1);
    reserve_regs(1);
  }
}

void FuncState::set_one_ret(ExpDesc& e) {
  if (e.kind == ExpKind::Call) {
    e.kind = ExpKind::NonReloc;  // the result stays in the call's base register
    e.info = bc::get_a(instruction(e));
  } else if (e.kind == ExpKind::Vararg) {
    Instruction& i = instruction(e);
    i = bc::encode_abc(Op::VARARG, bc::get_a(i), bc::get_b(i), 2);
    e.kind = ExpKind::Reloc;
  }
}

void FuncState::const_to_exp(const bytecode::Constant& v, ExpDesc& e) {
  if (std::holds_alternative<std::int64_t>(v)) {
    e.kind = ExpKind::KInt;
    e.ival = std::get<std::int64_t>(v);
  } else if (std::holds_alternative<double>(v)) {
    e.kind = ExpKind::KFlt;
    e.nval = std::get<double>(v);
  } else if (std::holds_alternative<bool>(v)) {
    e.kind = std::get<bool>(v) ? ExpKind::True : ExpKind::False;
  } else if (std::holds_alternative<std::string>(v)) {
    e.kind = ExpKind::KStr;
    e.sval = std::get<std::string>(v);
  } else {
    e.kind = ExpKind::Nil;
  }
}

bool FuncState::exp2const(const ExpDesc& e, bytecode::Constant& out) {
  if (e.has_jumps()) return false;
  switch (e.kind) {
    case ExpKind::False:
      out = false;
      return true;
    case ExpKind::True:
      out = true;
      return true;
    case ExpKind::Nil:
      out = bytecode::Nil{};
      return true;
    case ExpKind::KStr:
      out = e.sval;
      return true;
    case ExpKind::Const:
      out = dyd.variables[static_cast<std::size_t>(e.info)].value;
      return true;
    case ExpKind::KInt:
      out = e.ival;
      return true;
    case ExpKind::KFlt:
      out = e.nval;
      return true;
    default:
      return false;
  }
}

void FuncState::str_to_k(ExpDesc& e) {
  e.info = string_k(e.sval);
  e.kind = ExpKind::K;
}

void FuncState::discharge_vars(ExpDesc& e) {
  switch (e.kind) {
    case ExpKind::Const:
      const_to_exp(dyd.variables[static_cast<std::size_t>(e.info)].value, e);
      break;
    case ExpKind::Local:
      e.info = e.var_reg;
      e.kind = ExpKind::NonReloc;
      break;
    case ExpKind::Upval:
      e.info = code_abc(Op::GETUPVAL, 0, e.info, 0);
      e.kind = ExpKind::Reloc;
      break;
    case ExpKind::IndexUp:
      e.info = code_abc(Op::GETTABUP, 0, e.ind_table, e.ind_key);
      e.kind = ExpKind::Reloc;
      break;
    case ExpKind::IndexInt:
      free_reg(e.ind_table);
      e.info = code_abc(Op::GETI, 0, e.ind_table, e.ind_key);
      e.kind = ExpKind::Reloc;
      break;
    case ExpKind::IndexStr:
      free_reg(e.ind_table);
      e.info = code_abc(Op::GETFIELD, 0, e.ind_table, e.ind_key);
      e.kind = ExpKind::Reloc;
      break;
    case ExpKind::Indexed:
      free_regs(e.ind_table, e.ind_key);
      e.info = code_abc(Op::GETTABLE, 0, e.ind_table, e.ind_key);
      e.kind = ExpKind::Reloc;
      break;
    case ExpKind::Vararg:
    case ExpKind::Call:
      set_one_ret(e);
      break;
    default:
      break;
  }
}

void FuncState::discharge2reg(ExpDesc& e, int reg) {
  discharge_vars(e);
  switch (e.kind) {
    case ExpKind::Nil:
      load_nil(reg, 1);
      break;
    case ExpKind::False:
      code_abc(Op::LOADFALSE, reg, 0, 0);
      break;
    case ExpKind::True:
      code_abc(Op::LOADTRUE, reg, 0, 0);
      break;
    case ExpKind::KStr:
      str_to_k(e);
      code_k(reg, e.info);
      break;
    case ExpKind::K:
      code_k(reg, e.info);
      break;
    case ExpKind::KFlt:
      load_float(reg, e.nval);
      break;
    case ExpKind::KInt:
      load_int(reg, e.ival);
      break;
    case ExpKind::Reloc: {
      Instruction& i = instruction(e);
      i = bc::with_a(i, reg);
      break;
    }
    case ExpKind::NonReloc:
      if (reg != e.info) code_abc(Op::MOVE, reg, e.info, 0);
      break;
    default:
      return;  // Jmp: nothing to do yet
  }
  e.info = reg;
  e.kind = ExpKind::NonReloc;
}

void FuncState::discharge2anyreg(ExpDesc& e) {
  if (e.kind != ExpKind::NonReloc) {
    reserve_regs(1);
    discharge2reg(e, freereg - 1);
  }
}

int FuncState::code_loadbool(int a, Op op) {
  get_label();  // these instructions may be jump targets
  return code_abc(op, a, 0, 0);
}

bool FuncState::need_value(int list) {
  for (; list != no_jump; list = get_jump(list))
    if (bc::get_op(jump_control(list)) != Op::TESTSET) return true;
  return false;
}

void FuncState::exp2reg(ExpDesc& e, int reg) {
  discharge2reg(e, reg);
  if (e.kind == ExpKind::Jmp) concat(e.t, e.info);
  if (e.has_jumps()) {
    int load_false = no_jump;
    int load_true = no_jump;
    if (need_value(e.t) || need_value(e.f)) {
      int skip = e.kind == ExpKind::Jmp ? no_jump : jump();
      load_false = code_loadbool(reg, Op::LFALSESKIP);
      load_true = code_loadbool(reg, Op::LOADTRUE);
      patch_to_here(skip);
    }
    int end = get_label();
    patch_list_aux(e.f, end, reg, load_false);
    patch_list_aux(e.t, end, reg, load_true);
  }
  e.f = e.t = no_jump;
  e.info = reg;
  e.kind = ExpKind::NonReloc;
}

void FuncState::exp2nextreg(ExpDesc& e) {
  discharge_vars(e);
  free_exp(e);
  reserve_regs(1);
  exp2reg(e, freereg - 1);
}

int FuncState::exp2anyreg(ExpDesc& e) {
  discharge_vars(e);
  if (e.kind == ExpKind::NonReloc) {
    if (!e.has_jumps()) return e.info;
    if (e.info >= nvarstack()) {  // a temporary can take the jump values
      exp2reg(e, e.info);
      return e.info;
    }
  }
  exp2nextreg(e);
  return e.info;
}

void FuncState::exp2anyregup(ExpDesc& e) {
  if (e.kind != ExpKind::Upval || e.has_jumps()) exp2anyreg(e);
}

void FuncState::exp2val(ExpDesc& e) {
  if (e.kind == ExpKind::Jmp || e.has_jumps())
    exp2anyreg(e);
  else
    discharge_vars(e);
}

// Makes `e` a K operand with an index that fits an operand byte, if it is a constant.
bool FuncState::exp2k(ExpDesc& e) {
  if (e.has_jumps()) return false;
  int k;
  switch (e.kind) {
    case ExpKind::True:
      k = bool_k(true);
      break;
    case ExpKind::False:
      k = bool_k(false);
      break;
    case ExpKind::Nil:
      k = nil_k();
      break;
    case ExpKind::KInt:
      k = int_k(e.ival);
      break;
    case ExpKind::KFlt:
      k = float_k(e.nval);
      break;
    case ExpKind::KStr:
      k = string_k(e.sval);
      break;
    case ExpKind::K:
      k = e.info;
      break;
    default:
      return false;
  }
  if (k > max_rk_index) return false;
  e.kind = ExpKind::K;
  e.info = k;
  return true;
}

bool FuncState::exp2rk(ExpDesc& e) {
  if (exp2k(e)) return true;
  exp2anyreg(e);
  return false;
}

void FuncState::store_var(ExpDesc& var, ExpDesc& ex) {
  switch (var.kind) {
    case ExpKind::Local:
      free_exp(ex);
      exp2reg(ex, var.var_reg);
      return;
    case ExpKind::Upval: {
      int e = exp2anyreg(ex);
      code_abc(Op::SETUPVAL, e, var.info, 0);
      break;
    }
    case ExpKind::IndexUp: {
      bool k = exp2rk(ex);
      code_abc(k ? Op::SETTABUPK : Op::SETTABUP, var.ind_table, var.ind_key, ex.info);
      break;
    }
    case ExpKind::IndexInt: {
      bool k = exp2rk(ex);
      code_abc(k ? Op::SETIK : Op::SETI, var.ind_table, var.ind_key, ex.info);
      break;
    }
    case ExpKind::IndexStr: {
      bool k = exp2rk(ex);
      code_abc(k ? Op::SETFIELDK : Op::SETFIELD, var.ind_table, var.ind_key, ex.info);
      break;
    }
    case ExpKind::Indexed: {
      bool k = exp2rk(ex);
      code_abc(k ? Op::SETTABLEK : Op::SETTABLE, var.ind_table, var.ind_key, ex.info);
      break;
    }
    default:
      break;  // the parser only stores into variables
  }
  free_exp(ex);
}

// obj:name(...) -> R[base] = method, R[base+1] = obj.
void FuncState::self(ExpDesc& e, ExpDesc& key) {
  exp2anyreg(e);
  int object = e.info;
  free_exp(e);
  int base = freereg;
  e.info = base;
  e.kind = ExpKind::NonReloc;
  reserve_regs(2);
  int k = string_k(key.sval);
  if (k <= max_rk_index && key.sval.size() <= bc::max_arg_byte && key.sval.size() <= 40) {
    code_abc(Op::SELF, base, object, k);
  } else {
    // SELF needs a byte-sized K index: do the same with a register key.
    code_abc(Op::MOVE, base + 1, object, 0);
    code_k(base, k);
    code_abc(Op::GETTABLE, base, base + 1, base);
  }
}

bool FuncState::is_kstr(const ExpDesc& e) {
  if (e.kind != ExpKind::K || e.has_jumps() || e.info > bc::max_arg_byte) return false;
  const auto* s = std::get_if<std::string>(&f.constants[static_cast<std::size_t>(e.info)]);
  return s != nullptr && s->size() <= 40;  // short strings only (max_short_len)
}

void FuncState::indexed(ExpDesc& t, ExpDesc& k) {
  if (k.kind == ExpKind::KStr) str_to_k(k);
  if (t.kind == ExpKind::Upval && !is_kstr(k)) exp2anyreg(t);  // upvalues take only K strings
  if (t.kind == ExpKind::Upval) {
    t.ind_table = t.info;
    t.ind_key = k.info;
    t.kind = ExpKind::IndexUp;
    return;
  }
  t.ind_table = t.kind == ExpKind::Local ? t.var_reg : t.info;
  if (is_kstr(k)) {
    t.ind_key = k.info;
    t.kind = ExpKind::IndexStr;
  } else if (k.kind == ExpKind::KInt && !k.has_jumps() && k.ival >= 0 && k.ival <= bc::max_arg_byte) {
    t.ind_key = static_cast<int>(k.ival);
    t.kind = ExpKind::IndexInt;
  } else {
    t.ind_key = exp2anyreg(k);
    t.kind = ExpKind::Indexed;
  }
}

// ---- conditions --------------------------------------------------------------------------------

void FuncState::negate_condition(ExpDesc& e) {
  Instruction& i = jump_control(e.info);
  i = bc::encode_abc(bc::get_op(i), bc::get_a(i), bc::get_b(i), bc::get_c(i) ^ 1);
}

int FuncState::jump_on_cond(ExpDesc& e, bool cond) {
  if (e.kind == ExpKind::Reloc) {
    Instruction i = instruction(e);
    if (bc::get_op(i) == Op::NOT) {  // 'not x': test x with the opposite sense
      remove_last_instruction();
      return cond_jump(Op::TEST, bc::get_b(i), 0, cond ? 0 : 1);
    }
  }
  discharge2anyreg(e);
  free_exp(e);
  return cond_jump(Op::TESTSET, no_reg, e.info, cond ? 1 : 0);
}

void FuncState::go_if_true(ExpDesc& e) {
  discharge_vars(e);
  int at;
  switch (e.kind) {
    case ExpKind::Jmp:
      negate_condition(e);
      at = e.info;
      break;
    case ExpKind::K:
    case ExpKind::KFlt:
    case ExpKind::KInt:
    case ExpKind::KStr:
    case ExpKind::True:
      at = no_jump;  // always true
      break;
    default:
      at = jump_on_cond(e, false);
  }
  concat(e.f, at);
  patch_to_here(e.t);
  e.t = no_jump;
}

void FuncState::go_if_false(ExpDesc& e) {
  discharge_vars(e);
  int at;
  switch (e.kind) {
    case ExpKind::Jmp:
      at = e.info;
      break;
    case ExpKind::Nil:
    case ExpKind::False:
      at = no_jump;  // always false
      break;
    default:
      at = jump_on_cond(e, true);
  }
  concat(e.t, at);
  patch_to_here(e.f);
  e.f = no_jump;
}

void FuncState::code_not(ExpDesc& e) {
  switch (e.kind) {
    case ExpKind::Nil:
    case ExpKind::False:
      e.kind = ExpKind::True;
      break;
    case ExpKind::K:
    case ExpKind::KFlt:
    case ExpKind::KInt:
    case ExpKind::KStr:
    case ExpKind::True:
      e.kind = ExpKind::False;
      break;
    case ExpKind::Jmp:
      negate_condition(e);
      break;
    case ExpKind::Reloc:
    case ExpKind::NonReloc:
      discharge2anyreg(e);
      free_exp(e);
      e.info = code_abc(Op::NOT, 0, e.info, 0);
      e.kind = ExpKind::Reloc;
      break;
    default:
      break;
  }
  std::swap(e.f, e.t);
  remove_values(e.f);  // values are useless when negated
  remove_values(e.t);
}

// ---- tables ------------------------------------------------------------------------------------

void FuncState::set_table_size(int at, int ra, int array_size, int hash_size) {
  int rb = 0;
  if (hash_size != 0) {
    int log = 0;
    while ((1 << log) < hash_size) ++log;  // ceil(log2(hash_size))
    rb = log + 1;
  }
  if (array_size > bc::max_ax) array_size = bc::max_ax;  // only a sizing hint
  f.code[static_cast<std::size_t>(at)] = bc::encode_abc(Op::NEWTABLE, ra, rb, 0);
  f.code[static_cast<std::size_t>(at + 1)] = bc::encode_ax(Op::EXTRAARG, array_size);
}

void FuncState::set_list(int base, int nelems, int tostore) {
  if (tostore == multiple_returns) tostore = 0;
  code_abc(Op::SETLIST, base, tostore, 0);
  if (nelems > bc::max_ax) syntax_error("constructor too long");
  code_extraarg(nelems);
  freereg = base + 1;
}

// ---- final pass --------------------------------------------------------------------------------

namespace {

int final_target(const std::vector<Instruction>& code, int i) {
  for (int count = 0; count < 100; ++count) {  // bounded: jump cycles are possible with goto
    Instruction at = code[static_cast<std::size_t>(i)];
    if (bc::get_op(at) != Op::JMP) break;
    i += bc::get_sj(at) + 1;
  }
  return i;
}

}  // namespace

// RETURN0/RETURN1 are the VM's fast paths: they are only kept where nothing has to be closed and
// the frame is not vararg. Jumps to jumps are threaded to their final target.
void FuncState::finish() {
  for (int i = 0; i < pc(); ++i) {
    Instruction& at = f.code[static_cast<std::size_t>(i)];
    switch (bc::get_op(at)) {
      case Op::RETURN0:
      case Op::RETURN1:
        if (need_close || f.is_vararg) at = bc::encode_abc(Op::RETURN, bc::get_a(at), bc::get_b(at), 0);
        break;
      case Op::JMP:
        fix_jump(i, final_target(f.code, i));
        break;
      default:
        break;
    }
  }
}

}  // namespace luna::compiler
