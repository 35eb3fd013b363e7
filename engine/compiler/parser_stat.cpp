// Parser: statements and the main function.
#include "compiler/parser.h"

namespace luna::compiler {

using bytecode::Op;
using syntax::Tok;
using syntax::tok;
namespace bc = luna::bytecode;

struct Parser::Assignment {
  Assignment* prev = nullptr;
  ExpDesc v;
};

std::unique_ptr<bytecode::Blueprint> Parser::parse_main() {
  auto proto = std::make_unique<bytecode::Blueprint>();
  FuncState fs(lex_, dyd_, *proto, nullptr);
  BlockScope bl;
  open_function(fs, bl);
  proto->is_vararg = true;  // the main chunk is always vararg
  bytecode::UpvalueDesc env;
  env.name = "_ENV";
  env.in_stack = true;
  env.index = 0;
  proto->upvalues.push_back(env);
  lex_.next();  // first token
  statement_list();
  check(Tok::Eos);
  close_function();
  return proto;
}

void Parser::statement_list() {
  while (!block_follow(true)) {
    if (token() == Tok::Return) {
      statement();
      return;  // 'return' must be the last statement
    }
    statement();
  }
}

void Parser::block() {
  BlockScope bl;
  enter_block(bl, false);
  statement_list();
  leave_block();
}

void Parser::statement() {
  int line = lex_.line();
  enter_level();
  if (token() == tok(';')) {
    lex_.next();
    leave_level();
    return;
  }
  switch (token()) {
    case Tok::If:
      if_statement(line);
      break;
    case Tok::While:
      while_statement(line);
      break;
    case Tok::Do:
      lex_.next();
      block();
      check_match(Tok::End, Tok::Do, line);
      break;
    case Tok::For:
      for_statement(line);
      break;
    case Tok::Repeat:
      repeat_statement(line);
      break;
    case Tok::Function:
      function_statement(line);
      break;
    case Tok::Local:
      lex_.next();
      if (test_next(Tok::Function))
        local_function();
      else
        local_statement();
      break;
    case Tok::DoubleColon: {
      lex_.next();
      std::string name = check_name();
      label_statement(name, line);
      break;
    }
    case Tok::Return:
      lex_.next();
      return_statement();
      break;
    case Tok::Break:
      break_statement();
      break;
    case Tok::Goto:
      lex_.next();
      goto_statement();
      break;
    default:
      expression_statement();
      break;
  }
  fs_->freereg = fs_->nvarstack();  // free temporaries
  leave_level();
}

// ---- conditionals and loops --------------------------------------------------------------------

int Parser::condition() {
  ExpDesc v;
  expr(v);
  if (v.kind == ExpKind::Nil) v.kind = ExpKind::False;  // all falses are equal here
  fs_->go_if_true(v);
  return v.f;
}

void Parser::test_then_block(int& escape_list) {
  FuncState& fs = *fs_;
  BlockScope bl;
  ExpDesc v;
  int false_jump;
  lex_.next();  // 'if' or 'elseif'
  expr(v);
  check_next(Tok::Then);
  if (token() == Tok::Break) {  // 'if c then break': jump straight out when c holds
    int line = lex_.line();
    fs.go_if_false(v);
    lex_.next();
    enter_block(bl, false);
    new_label_entry(dyd_.gotos, "break", line, v.t);
    while (test_next(tok(';'))) {
    }
    if (block_follow(false)) {
      leave_block();
      return;
    }
    false_jump = fs.jump();
  } else {
    fs.go_if_true(v);
    enter_block(bl, false);
    false_jump = v.f;
  }
  statement_list();
  leave_block();
  if (token() == Tok::Else || token() == Tok::Elseif) fs.concat(escape_list, fs.jump());
  fs.patch_to_here(false_jump);
}

void Parser::if_statement(int line) {
  int escape_list = no_jump;
  test_then_block(escape_list);
  while (token() == Tok::Elseif) test_then_block(escape_list);
  if (test_next(Tok::Else)) block();
  check_match(Tok::End, Tok::If, line);
  fs_->patch_to_here(escape_list);
}

void Parser::while_statement(int line) {
  FuncState& fs = *fs_;
  lex_.next();
  int start = fs.get_label();
  int exit = condition();
  BlockScope bl;
  enter_block(bl, true);
  check_next(Tok::Do);
  block();
  fs.jump_to(start);
  check_match(Tok::End, Tok::While, line);
  leave_block();
  fs.patch_to_here(exit);
}

void Parser::repeat_statement(int line) {
  FuncState& fs = *fs_;
  int start = fs.get_label();
  BlockScope loop, scope;
  enter_block(loop, true);
  enter_block(scope, false);
  lex_.next();
  statement_list();
  check_match(Tok::Until, Tok::Repeat, line);
  int exit = condition();  // inside the scope: the condition sees the body's locals
  leave_block();
  if (scope.has_upvalue) {  // repeating must close the captured locals first
    int normal_exit = fs.jump();
    fs.patch_to_here(exit);
    fs.code_abc(Op::CLOSE, fs.reg_level(scope.nactvar), 0, 0);
    exit = fs.jump();
    fs.patch_to_here(normal_exit);
  }
  fs.patch_list(exit, start);
  leave_block();
}

void Parser::exp_to_next_reg() {
  ExpDesc e;
  expr(e);
  fs_->exp2nextreg(e);
}

namespace {

void fix_for_jump(FuncState& fs, int at, int dest, bool back) {
  int offset = dest - (at + 1);
  if (back) offset = -offset;
  if (offset > bc::max_bx) fs.syntax_error("control structure too long");
  bc::Instruction& i = fs.f.code[static_cast<std::size_t>(at)];
  i = bc::with_bx(i, offset);
}

}  // namespace

void Parser::for_body(int base, int line, int nvars, bool generic) {
  FuncState& fs = *fs_;
  check_next(Tok::Do);
  int prep = fs.code_abx(generic ? Op::TFORPREP : Op::FORPREP, base, 0);
  BlockScope bl;
  enter_block(bl, false);
  adjust_local_vars(nvars);
  fs.reserve_regs(nvars);
  block();
  leave_block();
  fix_for_jump(fs, prep, fs.get_label(), false);
  if (generic) {
    fs.code_abc(Op::TFORCALL, base, 0, nvars);
    fs.fix_line(line);
  }
  int end = fs.code_abx(generic ? Op::TFORLOOP : Op::FORLOOP, base, 0);
  fix_for_jump(fs, end, prep + 1, true);
  fs.fix_line(line);
}

void Parser::for_numeric(std::string name, int line) {
  FuncState& fs = *fs_;
  int base = fs.freereg;
  new_local("(for state)");
  new_local("(for state)");
  new_local("(for state)");
  new_local(std::move(name));
  check_next(tok('='));
  exp_to_next_reg();  // initial value
  check_next(tok(','));
  exp_to_next_reg();  // limit
  if (test_next(tok(','))) {
    exp_to_next_reg();  // step
  } else {
    fs.load_int(fs.freereg, 1);
    fs.reserve_regs(1);
  }
  adjust_local_vars(3);
  for_body(base, line, 1, false);
}

void Parser::for_list(std::string name) {
  FuncState& fs = *fs_;
  int nvars = 5;  // iterator, state, control, closing value, first name
  int base = fs.freereg;
  new_local("(for state)");
  new_local("(for state)");
  new_local("(for state)");
  new_local("(for state)");
  new_local(std::move(name));
  while (test_next(tok(','))) {
    new_local(check_name());
    ++nvars;
  }
  check_next(Tok::In);
  int line = lex_.line();
  ExpDesc e;
  int nexps = exp_list(e);
  adjust_assign(4, nexps, e);
  adjust_local_vars(4);
  mark_to_be_closed();  // the closing value is to-be-closed
  fs.check_stack(3);    // room to call the iterator
  for_body(base, line, nvars - 4, true);
}

void Parser::for_statement(int line) {
  BlockScope bl;
  enter_block(bl, true);
  lex_.next();
  std::string name = check_name();
  if (token() == tok('='))
    for_numeric(std::move(name), line);
  else if (token() == tok(',') || token() == Tok::In)
    for_list(std::move(name));
  else
    lex_.syntax_error("'=' or 'in' expected");
  check_match(Tok::End, Tok::For, line);
  leave_block();
}

// ---- functions and locals ----------------------------------------------------------------------

bool Parser::function_name(ExpDesc& v) {
  single_var(v);
  while (token() == tok('.')) field_sel(v);
  if (token() == tok(':')) {
    field_sel(v);
    return true;
  }
  return false;
}

void Parser::function_statement(int line) {
  lex_.next();
  ExpDesc v, b;
  bool is_method = function_name(v);
  body(b, is_method, line);
  check_readonly(v);
  fs_->store_var(v, b);
  fs_->fix_line(line);  // the definition happens on its first line
}

void Parser::local_function() {
  FuncState& fs = *fs_;
  int fvar = fs.nactvar;
  new_local(check_name());
  adjust_local_vars(1);  // in scope inside its own body (recursion)
  ExpDesc b;
  body(b, false, lex_.line());
  local_debug_info(fvar)->start_pc = fs.pc();  // debug info sees it only once assigned
}

VarKind Parser::local_attribute() {
  if (!test_next(tok('<'))) return VarKind::regular;
  std::string attribute = check_name();
  check_next(tok('>'));
  if (attribute == "const") return VarKind::constant;
  if (attribute == "close") return VarKind::to_be_closed;
  semantic_error("unknown attribute '" + attribute + "'");
}

void Parser::local_statement() {
  FuncState& fs = *fs_;
  int to_close = -1;
  int nvars = 0;
  int vidx;
  do {
    vidx = new_local(check_name());
    VarKind kind = local_attribute();
    fs.local_var(vidx).kind = kind;
    if (kind == VarKind::to_be_closed) {
      if (to_close != -1) semantic_error("multiple to-be-closed variables in local list");
      to_close = fs.nactvar + nvars;
    }
    ++nvars;
  } while (test_next(tok(',')));
  ExpDesc e;
  int nexps = 0;
  if (test_next(tok('=')))
    nexps = exp_list(e);
  else
    e.init(ExpKind::Void);
  VarDesc& last = fs.local_var(vidx);
  bytecode::Constant value;
  if (nvars == nexps && last.kind == VarKind::constant && fs.exp2const(e, value)) {
    // A compile-time constant: no register, uses are replaced by the value.
    last.kind = VarKind::compile_time_constant;
    last.value = std::move(value);
    adjust_local_vars(nvars - 1);
    ++fs.nactvar;
  } else {
    adjust_assign(nvars, nexps, e);
    adjust_local_vars(nvars);
  }
  if (to_close != -1) {
    mark_to_be_closed();
    fs.code_abc(Op::TBC, fs.reg_level(to_close), 0, 0);
  }
}

// ---- assignments and calls ---------------------------------------------------------------------

// In 'a, t[a] = ...' style assignments, a local or upvalue assigned later in the list may be the
// table or key of an earlier indexed target: that target must use a copy of the old value.
void Parser::check_conflict(Assignment* lh, const ExpDesc& v) {
  FuncState& fs = *fs_;
  int extra = fs.freereg;
  bool conflict = false;
  for (; lh; lh = lh->prev) {
    if (!is_indexed(lh->v.kind)) continue;
    if (lh->v.kind == ExpKind::IndexUp) {
      if (v.kind == ExpKind::Upval && lh->v.ind_table == v.info) {
        conflict = true;
        lh->v.kind = ExpKind::IndexStr;
        lh->v.ind_table = extra;
      }
    } else {
      if (v.kind == ExpKind::Local && lh->v.ind_table == v.var_reg) {
        conflict = true;
        lh->v.ind_table = extra;
      }
      if (lh->v.kind == ExpKind::Indexed && v.kind == ExpKind::Local && lh->v.ind_key == v.var_reg) {
        conflict = true;
        lh->v.ind_key = extra;
      }
    }
  }
  if (conflict) {
    if (v.kind == ExpKind::Local)
      fs.code_abc(Op::MOVE, extra, v.var_reg, 0);
    else
      fs.code_abc(Op::GETUPVAL, extra, v.info, 0);
    fs.reserve_regs(1);
  }
}

void Parser::rest_assign(Assignment& lh, int nvars) {
  FuncState& fs = *fs_;
  if (!is_variable(lh.v.kind)) lex_.syntax_error("syntax error");
  check_readonly(lh.v);
  ExpDesc e;
  if (test_next(tok(','))) {
    Assignment nv;
    nv.prev = &lh;
    suffixed_exp(nv.v);
    if (!is_indexed(nv.v.kind)) check_conflict(&lh, nv.v);
    enter_level();
    rest_assign(nv, nvars + 1);
    leave_level();
  } else {
    check_next(tok('='));
    int nexps = exp_list(e);
    if (nexps != nvars) {
      adjust_assign(nvars, nexps, e);
    } else {
      fs.set_one_ret(e);
      fs.store_var(lh.v, e);
      return;
    }
  }
  e.init(ExpKind::NonReloc, fs.freereg - 1);  // value left on the stack by the inner level
  fs.store_var(lh.v, e);
}

void Parser::expression_statement() {
  FuncState& fs = *fs_;
  Assignment v;
  suffixed_exp(v.v);
  if (token() == tok('=') || token() == tok(',')) {
    rest_assign(v, 1);
  } else {
    if (v.v.kind != ExpKind::Call) lex_.syntax_error("syntax error");
    bc::Instruction& i = fs.instruction(v.v);
    i = bc::encode_abc(Op::CALL, bc::get_a(i), bc::get_b(i), 1);  // no results wanted
  }
}

void Parser::return_statement() {
  FuncState& fs = *fs_;
  ExpDesc e;
  int first = fs.nvarstack();
  int nret;
  if (block_follow(true) || token() == tok(';')) {
    nret = 0;
  } else {
    nret = exp_list(e);
    if (is_multret(e.kind)) {
      fs.set_multret(e);
      if (e.kind == ExpKind::Call && nret == 1 && !fs.block->inside_tbc) {
        bc::Instruction& i = fs.instruction(e);
        i = bc::encode_abc(Op::TAILCALL, bc::get_a(i), bc::get_b(i), 0);
      }
      nret = multiple_returns;
    } else if (nret == 1) {
      first = fs.exp2anyreg(e);  // return the value where it is
    } else {
      fs.exp2nextreg(e);
    }
  }
  fs.ret(first, nret);
  test_next(tok(';'));
}

// ---- goto, break, labels -----------------------------------------------------------------------

void Parser::break_statement() {
  int line = lex_.line();
  lex_.next();
  new_label_entry(dyd_.gotos, "break", line, fs_->jump());
}

void Parser::goto_statement() {
  FuncState& fs = *fs_;
  int line = lex_.line();
  std::string name = check_name();
  LabelDesc* label = find_label(name);
  if (label == nullptr) {  // forward jump: resolved when the label appears
    new_label_entry(dyd_.gotos, name, line, fs.jump());
    return;
  }
  // Backward jump: close what the jump leaves, then jump.
  int level = fs.reg_level(label->nactvar);
  int target = label->pc;
  if (fs.nvarstack() > level) fs.code_abc(Op::CLOSE, level, 0, 0);
  fs.patch_list(fs.jump(), target);
}

void Parser::label_statement(const std::string& name, int line) {
  check_next(Tok::DoubleColon);
  while (token() == tok(';') || token() == Tok::DoubleColon) statement();  // no-op statements
  if (LabelDesc* existing = find_label(name))
    semantic_error("label '" + name + "' already defined on line " + std::to_string(existing->line));
  create_label(name, line, block_follow(false));
}

}  // namespace luna::compiler
