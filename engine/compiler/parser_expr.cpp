// Parser: expressions, table constructors, function bodies and call arguments.
#include "compiler/parser.h"

namespace luna::compiler {

using bytecode::Op;
using syntax::Tok;
using syntax::tok;
namespace bc = luna::bytecode;

namespace {

struct Priority {
  int left;
  int right;
};

// Indexed by BinOp (add .. or_).
constexpr Priority priorities[] = {
    {10, 10}, {10, 10},          // + -
    {11, 11}, {11, 11},          // * %
    {14, 13},                    // ^ (right associative)
    {11, 11}, {11, 11},          // / //
    {6, 6},   {4, 4},   {5, 5},  // & | ~
    {7, 7},   {7, 7},            // << >>
    {9, 8},                      // .. (right associative)
    {3, 3},   {3, 3},   {3, 3},  // == < <=
    {3, 3},   {3, 3},   {3, 3},  // ~= > >=
    {2, 2},   {1, 1}             // and or
};
constexpr int unary_priority = 12;

FuncState::BinOp binary_operator(Tok t) {
  using B = FuncState::BinOp;
  switch (t) {
    case Tok::IntDiv:
      return B::idiv;
    case Tok::Concat:
      return B::concat;
    case Tok::Ne:
      return B::ne;
    case Tok::Eq:
      return B::eq;
    case Tok::Le:
      return B::le;
    case Tok::Ge:
      return B::ge;
    case Tok::Shl:
      return B::shl;
    case Tok::Shr:
      return B::shr;
    case Tok::And:
      return B::and_;
    case Tok::Or:
      return B::or_;
    default:
      break;
  }
  int c = static_cast<int>(t);
  switch (c) {
    case '+':
      return B::add;
    case '-':
      return B::sub;
    case '*':
      return B::mul;
    case '%':
      return B::mod;
    case '^':
      return B::pow;
    case '/':
      return B::div;
    case '&':
      return B::band;
    case '|':
      return B::bor;
    case '~':
      return B::bxor;
    case '<':
      return B::lt;
    case '>':
      return B::gt;
    default:
      return B::none;
  }
}

}  // namespace

void Parser::expr(ExpDesc& v) { subexpr(v, 0); }

Parser::BinOp Parser::subexpr(ExpDesc& v, int limit) {
  enter_level();
  Tok t = token();
  bool is_unary = t == Tok::Not || t == tok('-') || t == tok('~') || t == tok('#');
  if (is_unary) {
    UnOp op = t == Tok::Not   ? UnOp::not_
              : t == tok('-') ? UnOp::minus
              : t == tok('~') ? UnOp::bnot
                              : UnOp::len;
    int line = lex_.line();
    lex_.next();
    subexpr(v, unary_priority);
    fs_->prefix(op, v, line);
  } else {
    simple_exp(v);
  }
  BinOp op = binary_operator(token());
  while (op != BinOp::none && priorities[static_cast<int>(op)].left > limit) {
    ExpDesc v2;
    int line = lex_.line();
    lex_.next();
    fs_->infix(op, v);
    BinOp next = subexpr(v2, priorities[static_cast<int>(op)].right);
    fs_->posfix(op, v, v2, line);
    op = next;
  }
  leave_level();
  return op;
}

void Parser::simple_exp(ExpDesc& v) {
  const syntax::Token& t = lex_.current();
  if (t.kind == tok('{')) {
    constructor(v);
    return;
  }
  switch (t.kind) {
    case Tok::Float:
      v.init(ExpKind::KFlt);
      v.nval = t.number;
      break;
    case Tok::Int:
      v.init(ExpKind::KInt);
      v.ival = t.integer;
      break;
    case Tok::String:
      v.init(ExpKind::KStr);
      v.sval = t.text;
      break;
    case Tok::Nil:
      v.init(ExpKind::Nil);
      break;
    case Tok::True:
      v.init(ExpKind::True);
      break;
    case Tok::False:
      v.init(ExpKind::False);
      break;
    case Tok::Dots:
      if (!fs_->f.is_vararg) lex_.syntax_error("cannot use '...' outside a vararg function");
      v.init(ExpKind::Vararg, fs_->code_abc(Op::VARARG, 0, 0, 1));
      break;
    case Tok::Function:
      lex_.next();
      body(v, false, lex_.line());
      return;
    default:
      suffixed_exp(v);
      return;
  }
  lex_.next();
}

void Parser::primary_exp(ExpDesc& v) {
  if (token() == tok('(')) {
    int line = lex_.line();
    lex_.next();
    expr(v);
    check_match(tok(')'), tok('('), line);
    fs_->discharge_vars(v);  // parentheses truncate to one value
    return;
  }
  if (token() == Tok::Name) {
    single_var(v);
    return;
  }
  lex_.syntax_error("unexpected symbol");
}

void Parser::field_sel(ExpDesc& v) {
  fs_->exp2anyregup(v);
  lex_.next();  // '.' or ':'
  ExpDesc key;
  key.init(ExpKind::KStr);
  key.sval = check_name();
  fs_->indexed(v, key);
}

void Parser::index_exp(ExpDesc& v) {
  lex_.next();  // '['
  expr(v);
  fs_->exp2val(v);
  check_next(tok(']'));
}

void Parser::suffixed_exp(ExpDesc& v) {
  FuncState& fs = *fs_;
  primary_exp(v);
  for (;;) {
    switch (static_cast<int>(token())) {
      case '.':
        field_sel(v);
        break;
      case '[': {
        ExpDesc key;
        fs.exp2anyregup(v);
        index_exp(key);
        fs.indexed(v, key);
        break;
      }
      case ':': {
        lex_.next();
        ExpDesc key;
        key.init(ExpKind::KStr);
        key.sval = check_name();
        fs.self(v, key);
        function_args(v);
        break;
      }
      case '(':
      case static_cast<int>(Tok::String):
      case '{':
        fs.exp2nextreg(v);
        function_args(v);
        break;
      default:
        return;
    }
  }
}

void Parser::function_args(ExpDesc& f) {
  FuncState& fs = *fs_;
  int line = lex_.line();
  ExpDesc args;
  switch (static_cast<int>(token())) {
    case '(': {
      lex_.next();
      if (token() == tok(')')) {
        args.init(ExpKind::Void);
      } else {
        exp_list(args);
        if (is_multret(args.kind)) fs.set_multret(args);
      }
      check_match(tok(')'), tok('('), line);
      break;
    }
    case '{':
      constructor(args);
      break;
    case static_cast<int>(Tok::String):
      args.init(ExpKind::KStr);
      args.sval = lex_.current().text;
      lex_.next();
      break;
    default:
      lex_.syntax_error("function arguments expected");
  }
  int base = f.info;
  int nparams;
  if (is_multret(args.kind)) {
    nparams = multiple_returns;
  } else {
    if (args.kind != ExpKind::Void) fs.exp2nextreg(args);
    nparams = fs.freereg - (base + 1);
  }
  f.init(ExpKind::Call, fs.code_abc(Op::CALL, base, nparams + 1, 2));
  fs.fix_line(line);
  fs.freereg = base + 1;  // the call leaves one result (unless changed later)
}

int Parser::exp_list(ExpDesc& v) {
  int n = 1;
  expr(v);
  while (test_next(tok(','))) {
    fs_->exp2nextreg(v);
    expr(v);
    ++n;
  }
  return n;
}

// ---- table constructors ------------------------------------------------------------------------

namespace {

struct ConstructorState {
  ExpDesc item;  // last list item read
  ExpDesc* table;
  int hash_count = 0;   // record fields
  int array_count = 0;  // list items already stored
  int pending = 0;      // list items waiting for SETLIST
};

}  // namespace

void Parser::constructor(ExpDesc& t) {
  FuncState& fs = *fs_;
  int line = lex_.line();
  int at = fs.code_abc(Op::NEWTABLE, 0, 0, 0);
  fs.code_extraarg(0);  // patched with the array size
  ConstructorState cc;
  cc.table = &t;
  t.init(ExpKind::NonReloc, fs.freereg);
  fs.reserve_regs(1);
  cc.item.init(ExpKind::Void);
  check_next(tok('{'));
  do {
    if (token() == tok('}')) break;
    // Close the previous list item (flushing a full batch).
    if (cc.item.kind != ExpKind::Void) {
      fs.exp2nextreg(cc.item);
      cc.item.init(ExpKind::Void);
      if (cc.pending == fields_per_flush) {
        fs.set_list(t.info, cc.array_count, cc.pending);
        cc.array_count += cc.pending;
        cc.pending = 0;
      }
    }
    bool record = token() == tok('[') || (token() == Tok::Name && lex_.lookahead().kind == tok('='));
    if (record) {
      int reg = fs.freereg;
      ExpDesc key;
      if (token() == Tok::Name) {
        key.init(ExpKind::KStr);
        key.sval = check_name();
      } else {
        index_exp(key);
      }
      ++cc.hash_count;
      check_next(tok('='));
      ExpDesc tab = t;
      fs.indexed(tab, key);
      ExpDesc value;
      expr(value);
      fs.store_var(tab, value);
      fs.freereg = reg;
    } else {
      expr(cc.item);
      ++cc.pending;
    }
  } while (test_next(tok(',')) || test_next(tok(';')));
  check_match(tok('}'), tok('{'), line);
  if (cc.pending != 0) {
    if (is_multret(cc.item.kind)) {
      fs.set_multret(cc.item);
      fs.set_list(t.info, cc.array_count, multiple_returns);
      --cc.array_count;  // the open item is not counted
    } else {
      if (cc.item.kind != ExpKind::Void) fs.exp2nextreg(cc.item);
      fs.set_list(t.info, cc.array_count, cc.pending);
    }
    cc.array_count += cc.pending;
  }
  fs.set_table_size(at, t.info, cc.array_count, cc.hash_count);
}

// ---- functions ---------------------------------------------------------------------------------

void Parser::parameter_list() {
  FuncState& fs = *fs_;
  int nparams = 0;
  bool vararg = false;
  if (token() != tok(')')) {
    do {
      if (token() == Tok::Name) {
        new_local(check_name());
        ++nparams;
      } else if (token() == Tok::Dots) {
        lex_.next();
        vararg = true;
      } else {
        lex_.syntax_error("<name> or '...' expected");
      }
    } while (!vararg && test_next(tok(',')));
  }
  adjust_local_vars(nparams);
  fs.f.num_params = static_cast<std::uint8_t>(fs.nactvar);
  if (vararg) fs.f.is_vararg = true;
  fs.reserve_regs(fs.nactvar);
}

void Parser::body(ExpDesc& e, bool is_method, int line) {
  FuncState& parent = *fs_;
  if (parent.f.children.size() >= static_cast<std::size_t>(bc::max_bx) + 1)
    error_limit(parent, bc::max_bx + 1, "functions");
  parent.f.children.push_back(std::make_unique<bytecode::Blueprint>());
  bytecode::Blueprint& proto = *parent.f.children.back();
  proto.line_defined = line;
  FuncState fs(lex_, dyd_, proto, &parent);
  BlockScope bl;
  open_function(fs, bl);
  check_next(tok('('));
  if (is_method) {
    new_local("self");
    adjust_local_vars(1);
  }
  parameter_list();
  check_next(tok(')'));
  statement_list();
  proto.last_line_defined = lex_.line();
  check_match(Tok::End, Tok::Function, line);
  code_closure(e);
  close_function();
}

void Parser::code_closure(ExpDesc& v) {
  FuncState& parent = *fs_->prev;
  v.init(ExpKind::Reloc, parent.code_abx(Op::CLOSURE, 0, static_cast<int>(parent.f.children.size()) - 1));
  parent.exp2nextreg(v);  // the closure goes in the last register
}

}  // namespace luna::compiler
