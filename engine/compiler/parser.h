// Recursive-descent parser for Lua 5.4 that drives the code generator directly (single pass).
// Contract: Parser::parse_main returns the main function's blueprint (vararg, upvalue 0 = _ENV)
// or throws syntax::SyntaxError with the reference's message. Scoping (locals, upvalues,
// <const>/<close>, compile-time constants), goto/label resolution and the limits are handled here.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "compiler/funcstate.h"

namespace luna::compiler {

// Thrown when the nesting exceeds max_c_levels; the reference raises this as a plain runtime
// error ("C stack overflow", no position), so compile() reports it with its own kind.
struct CStackOverflow {};

class Parser {
 public:
  Parser(std::string_view source, std::string_view chunkname, int c_levels_in_use);
  std::unique_ptr<bytecode::Blueprint> parse_main();

 private:
  using BinOp = FuncState::BinOp;
  using UnOp = FuncState::UnOp;
  struct Assignment;  // chain of left-hand sides in a multiple assignment

  // tokens
  syntax::Tok token() const { return lex_.current().kind; }
  bool test_next(syntax::Tok t);
  void check(syntax::Tok t);
  void check_next(syntax::Tok t);
  void check_match(syntax::Tok what, syntax::Tok who, int where);
  [[noreturn]] void error_expected(syntax::Tok t);
  [[noreturn]] void semantic_error(std::string_view message) { lex_.plain_error(message); }
  [[noreturn]] void error_limit(FuncState& fs, int limit, std::string_view what);
  std::string check_name();
  bool block_follow(bool with_until) const;
  void enter_level();
  void leave_level() { --levels_; }

  // functions and scopes
  void open_function(FuncState& fs, BlockScope& bl);
  void close_function();
  void enter_block(BlockScope& bl, bool is_loop);
  void leave_block();
  int new_local(std::string name);
  void adjust_local_vars(int nvars);
  void remove_vars(int to_level);
  int register_local(const std::string& name);
  bytecode::LocalVarInfo* local_debug_info(int vidx);
  void mark_upvalue(FuncState& fs, int level);
  void mark_to_be_closed();
  void single_var_aux(FuncState* fs, const std::string& name, ExpDesc& var, bool base);
  void single_var(ExpDesc& var);
  int search_upvalue(FuncState& fs, const std::string& name);
  int new_upvalue(FuncState& fs, const std::string& name, const ExpDesc& v);
  void check_readonly(const ExpDesc& e);
  void adjust_assign(int nvars, int nexps, ExpDesc& e);

  // gotos and labels
  LabelDesc* find_label(const std::string& name);
  int new_label_entry(std::vector<LabelDesc>& list, const std::string& name, int line, int at);
  void solve_goto(int g, const LabelDesc& label);
  bool solve_gotos(const LabelDesc& label);
  bool create_label(const std::string& name, int line, bool last);
  void move_gotos_out(BlockScope& bl);
  [[noreturn]] void undefined_goto(const LabelDesc& gt);

  // expressions
  void expr(ExpDesc& v);
  BinOp subexpr(ExpDesc& v, int limit);
  void simple_exp(ExpDesc& v);
  void primary_exp(ExpDesc& v);
  void suffixed_exp(ExpDesc& v);
  void field_sel(ExpDesc& v);
  void index_exp(ExpDesc& v);
  void constructor(ExpDesc& t);
  void function_args(ExpDesc& f);
  int exp_list(ExpDesc& v);
  void body(ExpDesc& e, bool is_method, int line);
  void parameter_list();
  void code_closure(ExpDesc& v);

  // statements
  void statement_list();
  void statement();
  void block();
  void if_statement(int line);
  void test_then_block(int& escape_list);
  void while_statement(int line);
  void repeat_statement(int line);
  void for_statement(int line);
  void for_numeric(std::string name, int line);
  void for_list(std::string name);
  void for_body(int base, int line, int nvars, bool generic);
  void exp_to_next_reg();
  void function_statement(int line);
  bool function_name(ExpDesc& v);
  void local_function();
  void local_statement();
  VarKind local_attribute();
  void expression_statement();
  void rest_assign(Assignment& lh, int nvars);
  void check_conflict(Assignment* lh, const ExpDesc& v);
  void return_statement();
  void break_statement();
  void goto_statement();
  void label_statement(const std::string& name, int line);
  int condition();

  syntax::Lexer lex_;
  Dyndata dyd_;
  FuncState* fs_ = nullptr;
  std::string source_;
  int levels_;
};

}  // namespace luna::compiler
