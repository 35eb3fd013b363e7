// Parser: token helpers, functions, blocks, variables, upvalues, gotos and labels.
#include "base/chunkid.h"
#include "compiler/parser.h"

namespace luna::compiler {

using bytecode::Op;
using syntax::Tok;

Parser::Parser(std::string_view source, std::string_view chunkname, int c_levels_in_use)
    : lex_(source, base::chunk_id(chunkname)), source_(chunkname), levels_(c_levels_in_use) {}

// ---- tokens ------------------------------------------------------------------------------------

bool Parser::test_next(Tok t) {
  if (token() != t) return false;
  lex_.next();
  return true;
}

void Parser::error_expected(Tok t) { lex_.syntax_error(syntax::Lexer::token_to_string(t) + " expected"); }

void Parser::check(Tok t) {
  if (token() != t) error_expected(t);
}

void Parser::check_next(Tok t) {
  check(t);
  lex_.next();
}

void Parser::check_match(Tok what, Tok who, int where) {
  if (test_next(what)) return;
  if (where == lex_.line()) error_expected(what);
  lex_.syntax_error(syntax::Lexer::token_to_string(what) + " expected (to close " +
                    syntax::Lexer::token_to_string(who) + " at line " + std::to_string(where) + ")");
}

void Parser::error_limit(FuncState& fs, int limit, std::string_view what) {
  int line = fs.f.line_defined;
  std::string where = line == 0 ? "main function" : "function at line " + std::to_string(line);
  lex_.syntax_error("too many " + std::string(what) + " (limit is " + std::to_string(limit) + ") in " +
                    where);
}

std::string Parser::check_name() {
  check(Tok::Name);
  std::string name = lex_.current().text;
  lex_.next();
  return name;
}

bool Parser::block_follow(bool with_until) const {
  switch (token()) {
    case Tok::Else:
    case Tok::Elseif:
    case Tok::End:
    case Tok::Eos:
      return true;
    case Tok::Until:
      return with_until;
    default:
      return false;
  }
}

// The reference counts parser recursion in the C-call counter (LUAI_MAXCCALLS): too deep a
// nesting is a "C stack overflow", raised without position (see CompileError::Kind).
void Parser::enter_level() {
  if (++levels_ >= max_c_levels) throw CStackOverflow{};
}

// ---- functions and blocks ----------------------------------------------------------------------

void Parser::open_function(FuncState& fs, BlockScope& bl) {
  fs_ = &fs;
  fs.f.source = source_;
  fs.f.max_stack_size = 2;  // registers 0/1 are always valid
  enter_block(bl, false);
}

void Parser::close_function() {
  FuncState& fs = *fs_;
  fs.ret(fs.nvarstack(), 0);
  leave_block();
  fs.finish();
  fs_ = fs.prev;
}

void Parser::enter_block(BlockScope& bl, bool is_loop) {
  FuncState& fs = *fs_;
  bl.is_loop = is_loop;
  bl.nactvar = fs.nactvar;
  bl.first_label = static_cast<int>(dyd_.labels.size());
  bl.first_goto = static_cast<int>(dyd_.gotos.size());
  bl.has_upvalue = false;
  bl.inside_tbc = fs.block != nullptr && fs.block->inside_tbc;
  bl.previous = fs.block;
  fs.block = &bl;
}

void Parser::leave_block() {
  FuncState& fs = *fs_;
  BlockScope& bl = *fs.block;
  bool has_close = false;
  int stack_level = fs.reg_level(bl.nactvar);
  remove_vars(bl.nactvar);
  if (bl.is_loop) has_close = create_label("break", 0, false);  // resolves pending breaks
  if (!has_close && bl.previous && bl.has_upvalue) fs.code_abc(Op::CLOSE, stack_level, 0, 0);
  fs.freereg = stack_level;
  dyd_.labels.resize(static_cast<std::size_t>(bl.first_label));
  fs.block = bl.previous;
  if (bl.previous) {
    move_gotos_out(bl);
  } else if (bl.first_goto < static_cast<int>(dyd_.gotos.size())) {
    undefined_goto(dyd_.gotos[static_cast<std::size_t>(bl.first_goto)]);
  }
}

// ---- variables ---------------------------------------------------------------------------------

int Parser::register_local(const std::string& name) {
  FuncState& fs = *fs_;
  fs.f.locals.push_back({name, fs.pc(), 0});
  return static_cast<int>(fs.f.locals.size()) - 1;
}

int Parser::new_local(std::string name) {
  FuncState& fs = *fs_;
  int count = static_cast<int>(dyd_.variables.size()) + 1 - fs.first_local;
  if (count > max_locals) error_limit(fs, max_locals, "local variables");
  VarDesc v;
  v.name = std::move(name);
  dyd_.variables.push_back(std::move(v));
  return static_cast<int>(dyd_.variables.size()) - 1 - fs.first_local;
}

bytecode::LocalVarInfo* Parser::local_debug_info(int vidx) {
  VarDesc& v = fs_->local_var(vidx);
  if (v.kind == VarKind::compile_time_constant) return nullptr;
  return &fs_->f.locals[static_cast<std::size_t>(v.debug_index)];
}

void Parser::adjust_local_vars(int nvars) {
  FuncState& fs = *fs_;
  int level = fs.nvarstack();
  for (int i = 0; i < nvars; ++i) {
    int vidx = fs.nactvar++;
    VarDesc& v = fs.local_var(vidx);
    v.reg = level++;
    v.debug_index = register_local(v.name);
  }
}

void Parser::remove_vars(int to_level) {
  FuncState& fs = *fs_;
  std::size_t removed = static_cast<std::size_t>(fs.nactvar - to_level);
  while (fs.nactvar > to_level)
    if (auto* info = local_debug_info(--fs.nactvar)) info->end_pc = fs.pc();
  dyd_.variables.resize(dyd_.variables.size() - removed);
}

void Parser::mark_upvalue(FuncState& fs, int level) {
  BlockScope* bl = fs.block;
  while (bl->nactvar > level) bl = bl->previous;
  bl->has_upvalue = true;
  fs.need_close = true;
}

void Parser::mark_to_be_closed() {
  FuncState& fs = *fs_;
  fs.block->has_upvalue = true;
  fs.block->inside_tbc = true;
  fs.need_close = true;
}

int Parser::search_upvalue(FuncState& fs, const std::string& name) {
  for (std::size_t i = 0; i < fs.f.upvalues.size(); ++i)
    if (fs.f.upvalues[i].name == name) return static_cast<int>(i);
  return -1;
}

namespace {

bytecode::UpvalueKind upvalue_kind(VarKind kind) {
  switch (kind) {
    case VarKind::constant:
      return bytecode::UpvalueKind::constant;
    case VarKind::to_be_closed:
      return bytecode::UpvalueKind::to_be_closed;
    default:
      return bytecode::UpvalueKind::regular;
  }
}

}  // namespace

int Parser::new_upvalue(FuncState& fs, const std::string& name, const ExpDesc& v) {
  if (static_cast<int>(fs.f.upvalues.size()) + 1 > max_upvalues) error_limit(fs, max_upvalues, "upvalues");
  bytecode::UpvalueDesc up;
  up.name = name;
  FuncState& parent = *fs.prev;
  if (v.kind == ExpKind::Local) {
    up.in_stack = true;
    up.index = static_cast<std::uint8_t>(v.var_reg);
    up.kind = upvalue_kind(parent.local_var(v.var_index).kind);
  } else {
    up.in_stack = false;
    up.index = static_cast<std::uint8_t>(v.info);
    up.kind = parent.f.upvalues[static_cast<std::size_t>(v.info)].kind;
  }
  fs.f.upvalues.push_back(std::move(up));
  return static_cast<int>(fs.f.upvalues.size()) - 1;
}

void Parser::single_var_aux(FuncState* fs, const std::string& name, ExpDesc& var, bool base) {
  if (fs == nullptr) {
    var.init(ExpKind::Void);  // global
    return;
  }
  for (int i = fs->nactvar - 1; i >= 0; --i) {
    VarDesc& v = fs->local_var(i);
    if (v.name != name) continue;
    if (v.kind == VarKind::compile_time_constant) {
      var.init(ExpKind::Const, fs->first_local + i);
    } else {
      var.init(ExpKind::Local);
      var.var_index = i;
      var.var_reg = v.reg;
      if (!base) mark_upvalue(*fs, i);
    }
    return;
  }
  int idx = search_upvalue(*fs, name);
  if (idx < 0) {
    single_var_aux(fs->prev, name, var, false);
    if (var.kind != ExpKind::Local && var.kind != ExpKind::Upval) return;  // global or constant
    idx = new_upvalue(*fs, name, var);
  }
  var.init(ExpKind::Upval, idx);
}

void Parser::single_var(ExpDesc& var) {
  std::string name = check_name();
  FuncState& fs = *fs_;
  single_var_aux(&fs, name, var, true);
  if (var.kind == ExpKind::Void) {  // global: _ENV[name]
    single_var_aux(&fs, "_ENV", var, true);
    fs.exp2anyregup(var);
    ExpDesc key;
    key.init(ExpKind::KStr);
    key.sval = name;
    fs.indexed(var, key);
  }
}

void Parser::check_readonly(const ExpDesc& e) {
  FuncState& fs = *fs_;
  const std::string* name = nullptr;
  switch (e.kind) {
    case ExpKind::Const:
      name = &dyd_.variables[static_cast<std::size_t>(e.info)].name;
      break;
    case ExpKind::Local: {
      VarDesc& v = fs.local_var(e.var_index);
      if (v.kind != VarKind::regular) name = &v.name;
      break;
    }
    case ExpKind::Upval: {
      auto& up = fs.f.upvalues[static_cast<std::size_t>(e.info)];
      if (up.kind != bytecode::UpvalueKind::regular) name = &up.name;
      break;
    }
    default:
      return;
  }
  if (name) semantic_error("attempt to assign to const variable '" + *name + "'");
}

void Parser::adjust_assign(int nvars, int nexps, ExpDesc& e) {
  FuncState& fs = *fs_;
  int needed = nvars - nexps;
  if (is_multret(e.kind)) {
    int extra = needed + 1;
    if (extra < 0) extra = 0;
    fs.set_returns(e, extra);
  } else {
    if (e.kind != ExpKind::Void) fs.exp2nextreg(e);
    if (needed > 0) fs.load_nil(fs.freereg, needed);
  }
  if (needed > 0)
    fs.reserve_regs(needed);
  else
    fs.freereg += needed;
}

// ---- gotos and labels --------------------------------------------------------------------------

LabelDesc* Parser::find_label(const std::string& name) {
  for (std::size_t i = static_cast<std::size_t>(fs_->first_label); i < dyd_.labels.size(); ++i)
    if (dyd_.labels[i].name == name) return &dyd_.labels[i];
  return nullptr;
}

int Parser::new_label_entry(std::vector<LabelDesc>& list, const std::string& name, int line, int at) {
  list.push_back({name, at, line, fs_->nactvar, false});
  return static_cast<int>(list.size()) - 1;
}

void Parser::solve_goto(int g, const LabelDesc& label) {
  LabelDesc& gt = dyd_.gotos[static_cast<std::size_t>(g)];
  if (gt.nactvar < label.nactvar) {
    const std::string& var = fs_->local_var(gt.nactvar).name;
    semantic_error("<goto " + gt.name + "> at line " + std::to_string(gt.line) +
                   " jumps into the scope of local '" + var + "'");
  }
  fs_->patch_list(gt.pc, label.pc);
  dyd_.gotos.erase(dyd_.gotos.begin() + g);
}

bool Parser::solve_gotos(const LabelDesc& label) {
  bool needs_close = false;
  int i = fs_->block->first_goto;
  while (i < static_cast<int>(dyd_.gotos.size())) {
    if (dyd_.gotos[static_cast<std::size_t>(i)].name == label.name) {
      needs_close |= dyd_.gotos[static_cast<std::size_t>(i)].close;
      solve_goto(i, label);
    } else {
      ++i;
    }
  }
  return needs_close;
}

bool Parser::create_label(const std::string& name, int line, bool last) {
  FuncState& fs = *fs_;
  int l = new_label_entry(dyd_.labels, name, line, fs.get_label());
  if (last) dyd_.labels[static_cast<std::size_t>(l)].nactvar = fs.block->nactvar;  // locals end here
  LabelDesc label = dyd_.labels[static_cast<std::size_t>(l)];
  if (solve_gotos(label)) {
    fs.code_abc(Op::CLOSE, fs.nvarstack(), 0, 0);
    return true;
  }
  return false;
}

void Parser::move_gotos_out(BlockScope& bl) {
  FuncState& fs = *fs_;
  for (std::size_t i = static_cast<std::size_t>(bl.first_goto); i < dyd_.gotos.size(); ++i) {
    LabelDesc& gt = dyd_.gotos[i];
    if (fs.reg_level(gt.nactvar) > fs.reg_level(bl.nactvar)) gt.close |= bl.has_upvalue;
    gt.nactvar = bl.nactvar;
  }
}

void Parser::undefined_goto(const LabelDesc& gt) {
  if (gt.name == "break") semantic_error("break outside loop at line " + std::to_string(gt.line));
  semantic_error("no visible label '" + gt.name + "' for <goto> at line " + std::to_string(gt.line));
}

}  // namespace luna::compiler
