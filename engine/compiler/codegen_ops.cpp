// Code generation for unary and binary operators, with constant folding that never changes a
// result: no folding of integer division/modulo by zero, of results that are NaN or zero floats
// (-0.0 would be lost), of bitwise operations on values without an exact integer representation,
// nor of anything involving strings.
// Instruction shapes follow luac 5.4: a numeral on the left of a commutative operator (+ * & | ~)
// moves to the right, into a K or immediate form; `x - I` and `x << I` use ADDI/SHRI with -I. Since
// there are no MMBIN* companions, the VM's metamethod fallback must still see the source order, so
// these cases use internal opcodes (the *_SWAP forms, SUBI, SHLI_NEG; see opcodes.def) that list as
// the 5.4 opcode. SHLI keeps its immediate on the left, as in the source.
#include <cmath>
#include <limits>
#include <utility>

#include "compiler/funcstate.h"
#include "number/arith.h"

namespace luna::compiler {

using bytecode::Op;
namespace bc = luna::bytecode;
using BinOp = FuncState::BinOp;
using UnOp = FuncState::UnOp;

namespace {

bool fits_sc(std::int64_t i) {
  return static_cast<std::uint64_t>(i) + bc::offset_sc <= static_cast<std::uint64_t>(bc::max_arg_byte);
}

bool is_numeral(const ExpDesc& e) {
  return !e.has_jumps() && (e.kind == ExpKind::KInt || e.kind == ExpKind::KFlt);
}

bool is_kint(const ExpDesc& e) { return e.kind == ExpKind::KInt && !e.has_jumps(); }
bool is_sc_int(const ExpDesc& e) { return is_kint(e) && fits_sc(e.ival); }

// Immediate operand for comparisons: an integer or a float with an integral value in the sC
// range. is_float tells the VM to hand a metamethod a float (order comparisons); == never calls a
// metamethod on numbers.
bool immediate_operand(const ExpDesc& e, int& out, bool& is_float) {
  std::int64_t i;
  if (e.has_jumps()) return false;
  is_float = false;
  if (e.kind == ExpKind::KInt)
    i = e.ival;
  else if (e.kind == ExpKind::KFlt && number::float_to_integer(e.nval, i))
    is_float = true;
  else
    return false;
  if (!fits_sc(i)) return false;
  out = static_cast<int>(i) + bc::offset_sc;
  return true;
}

// `x - I` and `x << I` become ADDI/SHRI with -I: both I and -I must be sC immediates.
bool negatable_immediate(const ExpDesc& e) {
  return is_kint(e) && fits_sc(e.ival) && e.ival != std::numeric_limits<std::int64_t>::min() &&
         fits_sc(-e.ival);
}

struct Number {
  bool is_int;
  std::int64_t i;
  double f;
  double as_float() const { return is_int ? static_cast<double>(i) : f; }
};

bool to_number(const ExpDesc& e, Number& n) {
  if (!is_numeral(e)) return false;
  n = {e.kind == ExpKind::KInt, e.ival, e.nval};
  return true;
}

bool to_exact_integer(const Number& n, std::int64_t& out) {
  if (n.is_int) {
    out = n.i;
    return true;
  }
  return number::float_to_integer(n.f, out);
}

std::int64_t wrap(std::uint64_t u) { return static_cast<std::int64_t>(u); }
std::uint64_t u(std::int64_t i) { return static_cast<std::uint64_t>(i); }

// Computes `a op b` (b ignored for unary ops). Returns false when folding is not safe.
bool fold(BinOp op, bool unary_minus, bool unary_bnot, const Number& a, const Number& b, Number& r) {
  if (unary_minus) {
    r = a.is_int ? Number{true, wrap(0u - u(a.i)), 0} : Number{false, 0, -a.f};
    return true;
  }
  if (unary_bnot || op == BinOp::band || op == BinOp::bor || op == BinOp::bxor || op == BinOp::shl ||
      op == BinOp::shr) {
    std::int64_t x, y = 0;
    if (!to_exact_integer(a, x)) return false;
    if (!unary_bnot && !to_exact_integer(b, y)) return false;
    std::int64_t v = 0;
    if (unary_bnot)
      v = wrap(~u(x));
    else if (op == BinOp::band)
      v = wrap(u(x) & u(y));
    else if (op == BinOp::bor)
      v = wrap(u(x) | u(y));
    else if (op == BinOp::bxor)
      v = wrap(u(x) ^ u(y));
    else if (op == BinOp::shl)
      v = number::shift_left(x, y);
    else
      v = number::shift_left(x, wrap(0u - u(y)));
    r = {true, v, 0};
    return true;
  }
  if ((op == BinOp::div || op == BinOp::idiv || op == BinOp::mod) && b.as_float() == 0) return false;
  if (a.is_int && b.is_int && op != BinOp::div && op != BinOp::pow) {
    std::int64_t v = 0;
    switch (op) {
      case BinOp::add:
        v = wrap(u(a.i) + u(b.i));
        break;
      case BinOp::sub:
        v = wrap(u(a.i) - u(b.i));
        break;
      case BinOp::mul:
        v = wrap(u(a.i) * u(b.i));
        break;
      case BinOp::mod:
        v = number::int_mod(a.i, b.i);
        break;
      case BinOp::idiv:
        v = number::int_floor_div(a.i, b.i);
        break;
      default:
        return false;
    }
    r = {true, v, 0};
    return true;
  }
  double x = a.as_float(), y = b.as_float(), v = 0;
  switch (op) {
    case BinOp::add:
      v = x + y;
      break;
    case BinOp::sub:
      v = x - y;
      break;
    case BinOp::mul:
      v = x * y;
      break;
    case BinOp::div:
      v = x / y;
      break;
    case BinOp::pow:
      v = number::float_pow(x, y);
      break;
    case BinOp::idiv:
      v = number::float_floor_div(x, y);
      break;
    case BinOp::mod:
      v = number::float_mod(x, y);
      break;
    default:
      return false;
  }
  r = {false, 0, v};
  return true;
}

// Folds into e1 when both operands are numerals and the result is safe to keep as a constant.
bool constant_folding(BinOp op, bool unary_minus, bool unary_bnot, ExpDesc& e1, const ExpDesc& e2) {
  Number a, b, r;
  if (!to_number(e1, a) || !to_number(e2, b)) return false;
  if (!fold(op, unary_minus, unary_bnot, a, b, r)) return false;
  if (r.is_int) {
    e1.kind = ExpKind::KInt;
    e1.ival = r.i;
  } else {
    if (std::isnan(r.f) || r.f == 0) return false;
    e1.kind = ExpKind::KFlt;
    e1.nval = r.f;
  }
  return true;
}

Op register_op(BinOp op) {
  switch (op) {
    case BinOp::add:
      return Op::ADD;
    case BinOp::sub:
      return Op::SUB;
    case BinOp::mul:
      return Op::MUL;
    case BinOp::mod:
      return Op::MOD;
    case BinOp::pow:
      return Op::POW;
    case BinOp::div:
      return Op::DIV;
    case BinOp::idiv:
      return Op::IDIV;
    case BinOp::band:
      return Op::BAND;
    case BinOp::bor:
      return Op::BOR;
    case BinOp::bxor:
      return Op::BXOR;
    case BinOp::shl:
      return Op::SHL;
    default:
      return Op::SHR;
  }
}

Op constant_op(BinOp op) {
  switch (op) {
    case BinOp::add:
      return Op::ADDK;
    case BinOp::sub:
      return Op::SUBK;
    case BinOp::mul:
      return Op::MULK;
    case BinOp::mod:
      return Op::MODK;
    case BinOp::pow:
      return Op::POWK;
    case BinOp::div:
      return Op::DIVK;
    case BinOp::idiv:
      return Op::IDIVK;
    case BinOp::band:
      return Op::BANDK;
    case BinOp::bor:
      return Op::BORK;
    default:
      return Op::BXORK;
  }
}

// The form of a commutative K/immediate instruction whose constant was the left operand.
Op swapped_op(Op op) {
  switch (op) {
    case Op::ADDI:
      return Op::ADDI_SWAP;
    case Op::ADDK:
      return Op::ADDK_SWAP;
    case Op::MULK:
      return Op::MULK_SWAP;
    case Op::BANDK:
      return Op::BANDK_SWAP;
    case Op::BORK:
      return Op::BORK_SWAP;
    default:
      return Op::BXORK_SWAP;
  }
}

}  // namespace

struct OperatorCodegen {
  FuncState& fs;

  // R[A] := R[v1] op v2, A decided later.
  void finish_value(ExpDesc& e1, ExpDesc& e2, Op op, int v2, int line) {
    int v1 = fs.exp2anyreg(e1);
    int at = fs.code_abc(op, 0, v1, v2);
    fs.free_exps(e1, e2);
    e1.info = at;
    e1.kind = ExpKind::Reloc;
    fs.fix_line(line);
  }

  void registers(BinOp op, ExpDesc& e1, ExpDesc& e2, int line) {
    int v2 = fs.exp2anyreg(e2);
    finish_value(e1, e2, register_op(op), v2, line);
  }

  void immediate(Op op, ExpDesc& e1, ExpDesc& e2, int line) {
    finish_value(e1, e2, op, static_cast<int>(e2.ival) + bc::offset_sc, line);
  }

  // R[e1] op -I for `x - I` / `x << I` (ADDI/SHRI operands, with their own metamethod fallback).
  void negated_immediate(Op op, ExpDesc& e1, ExpDesc& e2, int line) {
    finish_value(e1, e2, op, static_cast<int>(-e2.ival) + bc::offset_sc, line);
  }

  // Right operand a numeral in the K range -> K form; else two registers. `swapped`: the operands
  // were exchanged because the constant came first (commutative operators only); the instruction
  // then uses the *_SWAP form, and the register form keeps the source order.
  void arith(BinOp op, ExpDesc& e1, ExpDesc& e2, int line, bool swapped = false) {
    if (is_numeral(e2) && fs.exp2k(e2)) {
      finish_value(e1, e2, swapped ? swapped_op(constant_op(op)) : constant_op(op), e2.info, line);
    } else {
      if (swapped) std::swap(e1, e2);
      registers(op, e1, e2, line);
    }
  }

  void bitwise(BinOp op, ExpDesc& e1, ExpDesc& e2, int line) {
    bool swapped = false;
    if (is_kint(e1)) {
      std::swap(e1, e2);
      swapped = true;
    }
    if (is_kint(e2) && fs.exp2k(e2)) {
      finish_value(e1, e2, swapped ? swapped_op(constant_op(op)) : constant_op(op), e2.info, line);
    } else {
      if (swapped) std::swap(e1, e2);
      registers(op, e1, e2, line);
    }
  }

  // + and *: a numeral on the left is moved to the right (the *_SWAP forms keep the metamethod's
  // operand order), then `x + I` is ADDI and a numeral operand a K form.
  void commutative(BinOp op, ExpDesc& e1, ExpDesc& e2, int line) {
    bool swapped = false;
    if (is_numeral(e1)) {
      std::swap(e1, e2);
      swapped = true;
    }
    if (op == BinOp::add && is_sc_int(e2))
      immediate(swapped ? Op::ADDI_SWAP : Op::ADDI, e1, e2, line);
    else
      arith(op, e1, e2, line, swapped);
  }

  void order(BinOp op, ExpDesc& e1, ExpDesc& e2) {
    int r1, r2, im;
    bool is_float = false;
    Op code;
    if (immediate_operand(e2, im, is_float)) {
      r1 = fs.exp2anyreg(e1);
      r2 = im;
      code = op == BinOp::lt ? Op::LTI : Op::LEI;
    } else if (immediate_operand(e1, im, is_float)) {
      // (I < x) is (x > I): the VM calls the metamethod as __lt(I, x), i.e. in source order.
      r1 = fs.exp2anyreg(e2);
      r2 = im;
      code = op == BinOp::lt ? Op::GTI : Op::GEI;
    } else {
      r1 = fs.exp2anyreg(e1);
      r2 = fs.exp2anyreg(e2);
      code = op == BinOp::lt ? Op::LT : Op::LE;
    }
    fs.free_exps(e1, e2);
    e1.info = fs.cond_jump(code, r1, r2, 1 | (is_float ? 2 : 0));
    e1.kind = ExpKind::Jmp;
  }

  void equality(BinOp op, ExpDesc& e1, ExpDesc& e2) {
    if (e1.kind != ExpKind::NonReloc) std::swap(e1, e2);  // e1 was a constant: put it second
    int r1 = fs.exp2anyreg(e1);
    int r2, im;
    bool is_float;
    Op code;
    if (immediate_operand(e2, im, is_float)) {
      code = Op::EQI;
      r2 = im;
    } else if (e2.kind != ExpKind::Nil && fs.exp2rk(e2)) {  // EQK takes no nil constant
      code = Op::EQK;
      r2 = e2.info;
    } else {
      code = Op::EQ;
      r2 = fs.exp2anyreg(e2);
    }
    fs.free_exps(e1, e2);
    e1.info = fs.cond_jump(code, r1, r2, op == BinOp::eq ? 1 : 0);
    e1.kind = ExpKind::Jmp;
  }

  void concatenation(ExpDesc& e1, ExpDesc& e2, int line) {
    bc::Instruction* previous = fs.previous_instruction();
    if (bc::get_op(*previous) == Op::CONCAT) {  // e2 is itself a concatenation: extend it
      int n = bc::get_b(*previous);
      fs.free_exp(e2);
      *previous = bc::encode_abc(Op::CONCAT, e1.info, n + 1, 0);
    } else {
      fs.code_abc(Op::CONCAT, e1.info, 2, 0);
      fs.free_exp(e2);
      fs.fix_line(line);
    }
  }
};

void FuncState::prefix(UnOp op, ExpDesc& e, int line) {
  discharge_vars(e);
  ExpDesc zero;
  zero.kind = ExpKind::KInt;
  switch (op) {
    case UnOp::minus:
    case UnOp::bnot:
      if (constant_folding(BinOp::none, op == UnOp::minus, op == UnOp::bnot, e, zero)) break;
      [[fallthrough]];
    case UnOp::len: {
      int r = exp2anyreg(e);
      free_exp(e);
      Op code = op == UnOp::minus ? Op::UNM : op == UnOp::bnot ? Op::BNOT : Op::LEN;
      e.info = code_abc(code, 0, r, 0);
      e.kind = ExpKind::Reloc;
      fix_line(line);
      break;
    }
    case UnOp::not_:
      code_not(e);
      break;
  }
}

void FuncState::infix(BinOp op, ExpDesc& v) {
  discharge_vars(v);
  switch (op) {
    case BinOp::and_:
      go_if_true(v);
      break;
    case BinOp::or_:
      go_if_false(v);
      break;
    case BinOp::concat:
      exp2nextreg(v);
      break;
    case BinOp::eq:
    case BinOp::ne:
      if (!is_numeral(v) && v.kind != ExpKind::Nil) exp2rk(v);  // numerals may become immediates
      break;
    case BinOp::lt:
    case BinOp::le:
    case BinOp::gt:
    case BinOp::ge: {
      int unused;
      bool unused_float;
      if (!immediate_operand(v, unused, unused_float)) exp2anyreg(v);
      break;
    }
    default:  // arithmetic and bitwise: keep numerals for folding or K/immediate forms
      if (!is_numeral(v)) exp2anyreg(v);
      break;
  }
}

void FuncState::posfix(BinOp op, ExpDesc& e1, ExpDesc& e2, int line) {
  OperatorCodegen gen{*this};
  discharge_vars(e2);
  bool foldable = op <= BinOp::shr;
  if (foldable && constant_folding(op, false, false, e1, e2)) return;
  switch (op) {
    case BinOp::and_:
      concat(e2.f, e1.f);
      e1 = std::move(e2);
      break;
    case BinOp::or_:
      concat(e2.t, e1.t);
      e1 = std::move(e2);
      break;
    case BinOp::concat:
      exp2nextreg(e2);
      gen.concatenation(e1, e2, line);
      break;
    case BinOp::add:
    case BinOp::mul:
      gen.commutative(op, e1, e2, line);
      break;
    case BinOp::sub:
      if (negatable_immediate(e2))
        gen.negated_immediate(Op::SUBI, e1, e2, line);
      else
        gen.arith(op, e1, e2, line);
      break;
    case BinOp::div:
    case BinOp::idiv:
    case BinOp::mod:
    case BinOp::pow:
      gen.arith(op, e1, e2, line);
      break;
    case BinOp::band:
    case BinOp::bor:
    case BinOp::bxor:
      gen.bitwise(op, e1, e2, line);
      break;
    case BinOp::shl:
      if (is_sc_int(e1)) {  // I << x: SHLI keeps the immediate on the left
        int im = static_cast<int>(e1.ival) + bc::offset_sc;
        int r = exp2anyreg(e2);
        int at = code_abc(Op::SHLI, 0, r, im);
        free_exp(e2);
        e1.info = at;
        e1.kind = ExpKind::Reloc;
        e1.t = e1.f = no_jump;
        fix_line(line);
      } else if (negatable_immediate(e2)) {  // x << I is x >> -I
        gen.negated_immediate(Op::SHLI_NEG, e1, e2, line);
      } else {
        gen.registers(op, e1, e2, line);
      }
      break;
    case BinOp::shr:
      if (is_sc_int(e2))
        gen.immediate(Op::SHRI, e1, e2, line);
      else
        gen.registers(op, e1, e2, line);
      break;
    case BinOp::eq:
    case BinOp::ne:
      gen.equality(op, e1, e2);
      break;
    case BinOp::gt:
    case BinOp::ge:
      // (a > b) is (b < a), and the metamethod is called that way too.
      std::swap(e1, e2);
      gen.order(op == BinOp::gt ? BinOp::lt : BinOp::le, e1, e2);
      break;
    case BinOp::lt:
    case BinOp::le:
      gen.order(op, e1, e2);
      break;
    default:
      break;
  }
}

}  // namespace luna::compiler
