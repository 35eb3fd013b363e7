// Compiler state shared by the parser (parser*.cpp) and the code generator (codegen*.cpp).
// The front end is single pass, as the reference's: the parser describes each expression with an
// ExpDesc (a value that is not yet in a register, a pending jump list, a variable, ...) and the code
// generator decides as late as possible where the value goes, which is what yields
// register-targeted code without redundant moves.
// Invariants: registers below nvarstack() hold active locals; freereg is the first free register;
// jump lists are threaded through the sJ fields of JMP instructions (no_jump ends a list).
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "bytecode/blueprint.h"
#include "syntax/lexer.h"

namespace luna::compiler {

inline constexpr int no_jump = -1;
inline constexpr int no_reg = 255;  // "no register" marker for TESTSET patching
inline constexpr int max_registers = 255;
inline constexpr int max_locals = 200;  // per function
inline constexpr int max_upvalues = 255;
inline constexpr int max_rk_index = 255;     // largest K index usable as an operand byte
inline constexpr int fields_per_flush = 50;  // SETLIST batch size
inline constexpr int max_c_levels = 200;     // nesting limit (LUAI_MAXCCALLS)
inline constexpr int multiple_returns = -1;

enum class ExpKind : std::uint8_t {
  Void,  // empty expression list / no value
  Nil,
  True,
  False,
  K,         // info = constant index
  KFlt,      // nval
  KInt,      // ival
  KStr,      // sval
  NonReloc,  // value in register info
  Local,     // var_reg = register, var_index = index among the function's active variables
  Upval,     // info = upvalue index
  Const,     // compile-time constant: info = absolute index in Dyndata::variables
  Indexed,   // ind_table = table register, ind_key = key register
  IndexUp,   // ind_table = upvalue, ind_key = K index of a short string
  IndexInt,  // ind_table = table register, ind_key = integer key 0..255
  IndexStr,  // ind_table = table register, ind_key = K index of a short string
  Jmp,       // info = pc of the JMP that follows a test
  Reloc,     // info = pc of an instruction whose A is still to be set
  Call,      // info = pc of the CALL
  Vararg     // info = pc of the VARARG
};

struct ExpDesc {
  ExpKind kind = ExpKind::Void;
  int info = 0;
  std::int64_t ival = 0;
  double nval = 0;
  std::string sval;
  int ind_table = 0;
  int ind_key = 0;
  int var_reg = 0;
  int var_index = 0;
  int t = no_jump;  // jumps taken when the expression is true
  int f = no_jump;  // jumps taken when the expression is false

  bool has_jumps() const { return t != f; }
  void init(ExpKind k, int i = 0) {
    kind = k;
    info = i;
    t = f = no_jump;
  }
};

inline bool is_multret(ExpKind k) { return k == ExpKind::Call || k == ExpKind::Vararg; }
inline bool is_indexed(ExpKind k) { return k >= ExpKind::Indexed && k <= ExpKind::IndexStr; }
inline bool is_variable(ExpKind k) { return k >= ExpKind::Local && k <= ExpKind::IndexStr; }

enum class VarKind : std::uint8_t { regular, constant, to_be_closed, compile_time_constant };

struct VarDesc {
  std::string name;
  VarKind kind = VarKind::regular;
  int reg = 0;               // register holding the variable (not for compile-time constants)
  int debug_index = 0;       // index in Blueprint::locals
  bytecode::Constant value;  // compile-time constants only
};

struct LabelDesc {
  std::string name;
  int pc = 0;  // label position, or the pending goto's JMP
  int line = 0;
  int nactvar = 0;     // active variables at that point
  bool close = false;  // goto leaves the scope of a captured variable
};

// Per-chunk lists, shared by nested functions (each function owns a tail of them).
struct Dyndata {
  std::vector<VarDesc> variables;
  std::vector<LabelDesc> gotos;   // pending gotos
  std::vector<LabelDesc> labels;  // active labels
};

struct BlockScope {
  BlockScope* previous = nullptr;
  int first_label = 0;
  int first_goto = 0;
  int nactvar = 0;           // active variables outside the block
  bool has_upvalue = false;  // some variable of the block is captured (or to-be-closed)
  bool is_loop = false;
  bool inside_tbc = false;  // inside the scope of a to-be-closed variable
};

class FuncState {
 public:
  FuncState(syntax::Lexer& lexer, Dyndata& dyd, bytecode::Blueprint& proto, FuncState* parent);

  bytecode::Blueprint& f;
  FuncState* prev;
  syntax::Lexer& lex;
  Dyndata& dyd;
  BlockScope* block = nullptr;
  int last_target = 0;  // last pc that is a jump target (peephole barrier)
  int first_local = 0;  // first index of this function's variables in dyd.variables
  int first_label = 0;
  int nactvar = 0;  // active variables (including compile-time constants)
  int freereg = 0;
  bool need_close = false;  // some return must close upvalues/to-be-closed variables

  int pc() const { return static_cast<int>(f.code.size()); }
  VarDesc& local_var(int vidx) { return dyd.variables[static_cast<std::size_t>(first_local + vidx)]; }
  int reg_level(int nvar);
  int nvarstack() { return reg_level(nactvar); }

  // ---- emission (codegen.cpp) ----
  int code(bytecode::Instruction i);
  int code_abc(bytecode::Op op, int a, int b, int c);
  int code_abx(bytecode::Op op, int a, int bx);
  int code_asbx(bytecode::Op op, int a, int sbx);
  int code_extraarg(int ax);
  int code_k(int reg, int k);
  void fix_line(int line);
  void remove_last_instruction();
  bytecode::Instruction& instruction(const ExpDesc& e) { return f.code[static_cast<std::size_t>(e.info)]; }

  void check_stack(int n);
  void reserve_regs(int n);
  void free_reg(int reg);
  void free_regs(int r1, int r2);
  void free_exp(const ExpDesc& e);
  void free_exps(const ExpDesc& e1, const ExpDesc& e2);

  int string_k(const std::string& s);
  int int_k(std::int64_t i);
  int float_k(double d);
  int bool_k(bool b);
  int nil_k();

  void load_nil(int from, int n);
  void load_int(int reg, std::int64_t i);
  void load_float(int reg, double d);

  int jump();
  void jump_to(int target);
  void ret(int first, int nret);
  int cond_jump(bytecode::Op op, int a, int b, int c);
  int get_label();
  void concat(int& list, int l2);
  void patch_list(int list, int target);
  void patch_to_here(int list);

  void set_returns(ExpDesc& e, int nresults);
  void set_multret(ExpDesc& e) { set_returns(e, multiple_returns); }
  void set_one_ret(ExpDesc& e);
  void discharge_vars(ExpDesc& e);
  void exp2nextreg(ExpDesc& e);
  int exp2anyreg(ExpDesc& e);
  void exp2anyregup(ExpDesc& e);
  void exp2val(ExpDesc& e);
  bool exp2const(const ExpDesc& e, bytecode::Constant& out);
  void store_var(ExpDesc& var, ExpDesc& ex);
  void self(ExpDesc& e, ExpDesc& key);
  void indexed(ExpDesc& t, ExpDesc& k);
  void go_if_true(ExpDesc& e);
  void go_if_false(ExpDesc& e);
  void set_table_size(int pc, int ra, int array_size, int hash_size);
  void set_list(int base, int nelems, int tostore);
  void finish();

  // ---- operators (codegen_ops.cpp) ----
  enum class UnOp { minus, bnot, not_, len };
  enum class BinOp {
    add,
    sub,
    mul,
    mod,
    pow,
    div,
    idiv,
    band,
    bor,
    bxor,
    shl,
    shr,
    concat,
    eq,
    lt,
    le,
    ne,
    gt,
    ge,
    and_,
    or_,
    none
  };
  void prefix(UnOp op, ExpDesc& e, int line);
  void infix(BinOp op, ExpDesc& v);
  void posfix(BinOp op, ExpDesc& e1, ExpDesc& e2, int line);

  [[noreturn]] void syntax_error(std::string_view message) { lex.syntax_error(message); }

 private:
  friend struct OperatorCodegen;
  int add_constant(bytecode::Constant value);
  bytecode::Instruction* previous_instruction();
  int get_jump(int pc);
  void fix_jump(int pc, int dest);
  bytecode::Instruction& jump_control(int pc);
  bool patch_test_reg(int node, int reg);
  void remove_values(int list);
  void patch_list_aux(int list, int vtarget, int reg, int dtarget);
  bool need_value(int list);
  void const_to_exp(const bytecode::Constant& v, ExpDesc& e);
  void str_to_k(ExpDesc& e);
  void discharge2reg(ExpDesc& e, int reg);
  void discharge2anyreg(ExpDesc& e);
  int code_loadbool(int a, bytecode::Op op);
  void exp2reg(ExpDesc& e, int reg);
  bool exp2k(ExpDesc& e);
  bool exp2rk(ExpDesc& e);
  void negate_condition(ExpDesc& e);
  int jump_on_cond(ExpDesc& e, bool cond);
  void code_not(ExpDesc& e);
  bool is_kstr(const ExpDesc& e);

  std::unordered_map<std::string, int> string_constants_;
  std::unordered_map<std::int64_t, int> int_constants_;
  std::unordered_map<std::uint64_t, int> float_constants_;
  int true_k_ = -1, false_k_ = -1, nil_k_ = -1;
  bytecode::Instruction invalid_instruction_ = 0;  // what previous_instruction() gives at a jump target
};

}  // namespace luna::compiler
