// Syntax and semantic error messages, exactly as Lua 5.4 reports them (expected texts taken from
// the reference interpreter's load()), plus the `incomplete` flag the REPL relies on.
#include <gtest/gtest.h>

#include <string>
#include <variant>

#include "compiler/compiler.h"

namespace {

struct ErrorCase {
  const char* source;
  const char* message;
};

const ErrorCase error_cases[] = {
    {"x = = 1", "[string \"x = = 1\"]:1: unexpected symbol near '='"},
    {"x = ", "[string \"x = \"]:1: unexpected symbol near <eof>"},
    {"local x <foo> = 1", "[string \"local x <foo> = 1\"]:1: unknown attribute 'foo'"},
    {"break", "[string \"break\"]:1: break outside loop at line 1"},
    {"goto l1", "[string \"goto l1\"]:1: no visible label 'l1' for <goto> at line 1"},
    {"::a:: ::a::", "[string \"::a:: ::a::\"]:1: label 'a' already defined on line 1"},
    {"goto a; local x; ::a:: print(x)",
     "[string \"goto a; local x; ::a:: print(x)\"]:1: <goto a> at line 1 jumps into the scope of local 'x'"},
    {"local x <const> = 1; x = 2",
     "[string \"local x <const> = 1; x = 2\"]:1: attempt to assign to const variable 'x'"},
    {"x = '\\q'", "[string \"x = '\\q'\"]:1: invalid escape sequence near ''\\q'"},
    {"x = '\\256'", "[string \"x = '\\256'\"]:1: decimal escape too large near ''\\256''"},
    {"x = '\\u{80000000}'", "[string \"x = '\\u{80000000}'\"]:1: UTF-8 value too large near ''\\u{80000000'"},
    {"x = 3x", "[string \"x = 3x\"]:1: malformed number near '3x'"},
    {"x = \"abc", "[string \"x = \"abc\"]:1: unfinished string near <eof>"},
    {"x = [==[abc", "[string \"x = [==[abc\"]:1: unfinished long string (starting at line 1) near <eof>"},
    {"--[==[abc", "[string \"--[==[abc\"]:1: unfinished long comment (starting at line 1) near <eof>"},
    {"x = [=abc", "[string \"x = [=abc\"]:1: invalid long string delimiter near '[='"},
    {"function f() \n\n x = 1",
     "[string \"function f() ...\"]:3: 'end' expected (to close 'function' at line 1) near <eof>"},
    {"local a <close>, b <close> = 1",
     "[string \"local a <close>, b <close> = 1\"]:1: multiple to-be-closed variables in local list"},
    {"x = '\\xg'", "[string \"x = '\\xg'\"]:1: hexadecimal digit expected near ''\\xg'"},
    {"x = '\\u{zz}'", "[string \"x = '\\u{zz}'\"]:1: hexadecimal digit expected near ''\\u{z'"},
    {"x = '\\u{12'", "[string \"x = '\\u{12'\"]:1: missing '}' near ''\\u{12''"},
    {"x = 1 + ", "[string \"x = 1 + \"]:1: unexpected symbol near <eof>"},
    {"x = \"abc\ndef\"", "[string \"x = \"abc...\"]:1: unfinished string near '\"abc'"},
    {"f(", "[string \"f(\"]:1: unexpected symbol near <eof>"},
    {"local function end", "[string \"local function end\"]:1: <name> expected near 'end'"},
    {"for i do end", "[string \"for i do end\"]:1: '=' or 'in' expected near 'do'"},
    {"for i = 1 do end", "[string \"for i = 1 do end\"]:1: ',' expected near 'do'"},
    {"if x then", "[string \"if x then\"]:1: 'end' expected near <eof>"},
    {"x = }", "[string \"x = }\"]:1: unexpected symbol near '}'"},
    {"a.b:c = 1", "[string \"a.b:c = 1\"]:1: function arguments expected near '='"},
    {"f() = 1", "[string \"f() = 1\"]:1: syntax error near '='"},
    {"(a) = 1", "[string \"(a) = 1\"]:1: syntax error near '='"},
    {"local t = {1, 2", "[string \"local t = {1, 2\"]:1: '}' expected near <eof>"},
    {"x = 0x", "[string \"x = 0x\"]:1: malformed number near '0x'"},
    {"x = 1e+", "[string \"x = 1e+\"]:1: malformed number near '1e+'"},
    {"x = 3..4", "[string \"x = 3..4\"]:1: malformed number near '3..4'"},
    {"function f() return ... end",
     "[string \"function f() return ... end\"]:1: cannot use '...' outside a vararg function near '...'"},
    {"return return", "[string \"return return\"]:1: unexpected symbol near 'return'"},
    {"local 1 = 2", "[string \"local 1 = 2\"]:1: <name> expected near '1'"},
    {"x = 1 y = 2 z", "[string \"x = 1 y = 2 z\"]:1: syntax error near <eof>"},
    {"local x <const> = 1; function f() x = 2 end",
     "[string \"local x <const> = 1; function f() x = 2 end\"]:1: attempt to assign to const variable 'x'"},
    {"repeat goto cont; local x; ::cont:: until x",
     "[string \"repeat goto cont; local x; ::cont:: until x\"]:1: <goto cont> at line 1 jumps into the scope "
     "of local 'x'"},
    {"while true do end ::l:: ::l::",
     "[string \"while true do end ::l:: ::l::\"]:1: label 'l' already defined on line 1"},
    {"x = '\\300'", "[string \"x = '\\300'\"]:1: decimal escape too large near ''\\300''"},
    {"x = '\\u{7FFFFFFF}\\u{100000000}'",
     "[string \"x = '\\u{7FFFFFFF}\\u{100000000}'\"]:1: UTF-8 value too large near "
     "''\375\277\277\277\277\277\\u{100000000'"},
    {"return 1 ;;", "[string \"return 1 ;;\"]:1: <eof> expected near ';'"},
    {"x = a..b..", "[string \"x = a..b..\"]:1: unexpected symbol near <eof>"},
    {"f{", "[string \"f{\"]:1: unexpected symbol near <eof>"},
    {"local a = {[1] = }", "[string \"local a = {[1] = }\"]:1: unexpected symbol near '}'"},
    {"x = \"\\", "[string \"x = \"\\\"]:1: unfinished string near <eof>"},
    {"a, b", "[string \"a, b\"]:1: '=' expected near <eof>"},
    {"::1::", "[string \"::1::\"]:1: <name> expected near '1'"},
    {"goto 3", "[string \"goto 3\"]:1: <name> expected near '3'"},
    {"x = #", "[string \"x = #\"]:1: unexpected symbol near <eof>"},
    {"x = 5 // ", "[string \"x = 5 // \"]:1: unexpected symbol near <eof>"},
    {"local function f() end f(\n",
     "[string \"local function f() end f(...\"]:2: unexpected symbol near <eof>"},
    {"local t = {} t.x.y:z{} = 1", "[string \"local t = {} t.x.y:z{} = 1\"]:1: syntax error near '='"},
    {"for k, v in pairs(t) do goto cont end ::cont:: ::cont::",
     "[string \"for k, v in pairs(t) do goto cont end ::cont:...\"]:1: label 'cont' already defined on line "
     "1"},
    {"local x <const> = 1; local function f() return function() x = 1 end end",
     "[string \"local x <const> = 1; local function f() retur...\"]:1: attempt to assign to const variable "
     "'x'"},
    {"local x = function(a, 1) end",
     "[string \"local x = function(a, 1) end\"]:1: <name> or '...' expected near '1'"},
    {"local function f(...) local function g() return ... end end",
     "[string \"local function f(...) local function g() retu...\"]:1: cannot use '...' outside a vararg "
     "function near '...'"},
    {"x = \"a\" \"b\"", "[string \"x = \"a\" \"b\"\"]:1: unexpected symbol near '\"b\"'"},
    {"f \"a\" \"b\" = 1", "[string \"f \"a\" \"b\" = 1\"]:1: syntax error near '='"},
    {"if x then else elseif y then end",
     "[string \"if x then else elseif y then end\"]:1: 'end' expected near 'elseif'"},
    {"x = function", "[string \"x = function\"]:1: '(' expected near <eof>"},
    {"repeat until", "[string \"repeat until\"]:1: unexpected symbol near <eof>"},
    {"while x do", "[string \"while x do\"]:1: 'end' expected near <eof>"},
    {"x = {a = }", "[string \"x = {a = }\"]:1: unexpected symbol near '}'"},
    {"x = 1 +\n2 +", "[string \"x = 1 +...\"]:2: unexpected symbol near <eof>"},
    {"x = 0x1p", "[string \"x = 0x1p\"]:1: malformed number near '0x1p'"},
    {"x = 08.e", "[string \"x = 08.e\"]:1: malformed number near '08.e'"},
    {"x.y.z", "[string \"x.y.z\"]:1: syntax error near <eof>"},
    {"x:y", "[string \"x:y\"]:1: function arguments expected near <eof>"},
    {"print(1)) \n", "[string \"print(1)) ...\"]:1: unexpected symbol near ')'"},
};

std::string compile_error(std::string_view source, bool* incomplete = nullptr,
                          luna::compiler::CompileError::Kind* kind = nullptr) {
  auto result = luna::compiler::compile(source, source);
  if (!std::holds_alternative<luna::compiler::CompileError>(result)) return "<ok>";
  const auto& error = std::get<luna::compiler::CompileError>(result);
  if (incomplete) *incomplete = error.incomplete;
  if (kind) *kind = error.kind;
  return error.message;
}

}  // namespace

TEST(CompileErrors, MatchReference) {
  for (const ErrorCase& c : error_cases) {
    bool incomplete = false;
    std::string message = compile_error(c.source, &incomplete);
    EXPECT_EQ(message, c.message) << "source: " << c.source;
    bool at_eof = message.size() >= 5 && message.compare(message.size() - 5, 5, "<eof>") == 0;
    EXPECT_EQ(incomplete, at_eof) << "source: " << c.source;
  }
}

TEST(CompileErrors, ChunkNames) {
  auto result = luna::compiler::compile("x = = 1", "=stdin");
  EXPECT_EQ(std::get<luna::compiler::CompileError>(result).message, "stdin:1: unexpected symbol near '='");
  result = luna::compiler::compile("\n\nx = = 1", "@dir/file.lua");
  EXPECT_EQ(std::get<luna::compiler::CompileError>(result).message,
            "dir/file.lua:3: unexpected symbol near '='");
}

TEST(CompileErrors, Limits) {
  std::string many_locals;
  for (int i = 1; i <= 201; ++i) many_locals += "local a" + std::to_string(i) + ";";
  EXPECT_EQ(compile_error(many_locals),
            "[string \"local a1;local a2;local a3;local a4;local a5;...\"]:1: "
            "too many local variables (limit is 200) in main function near ';'");
  std::string many_args = "x = f(";
  for (int i = 0; i < 300; ++i) many_args += "1,";
  many_args += "1)";
  EXPECT_NE(compile_error(many_args).find(":1: function or expression needs too many registers near '1'"),
            std::string::npos);
  std::string in_function = "\n\nfunction f()\n";
  for (int i = 1; i <= 256; ++i)
    in_function += "local b" + std::to_string(i) + " = " + std::to_string(i) + ";";
  in_function += " end";
  EXPECT_NE(compile_error(in_function)
                .find(":4: too many local variables (limit is 200) in function at line 3 near '='"),
            std::string::npos);
  // 256 captured variables: more upvalues than a function may have.
  std::string outer = "local function outer()\n", body;
  for (int i = 1; i <= 256; ++i) {
    outer += "local b" + std::to_string(i) + " = " + std::to_string(i) + "\n";
    if (i == 128) outer += "local function mid()\n";
    body += (i > 1 ? "+b" : "b") + std::to_string(i);
  }
  outer += " return function() return " + body + " end end end";
  EXPECT_NE(compile_error(outer).find("too many upvalues (limit is 255) in function at line 259"),
            std::string::npos);
}

TEST(CompileErrors, NestingIsACStackOverflow) {
  luna::compiler::CompileError::Kind kind{};
  std::string deep = "x = " + std::string(300, '(') + "1" + std::string(300, ')');
  EXPECT_EQ(compile_error(deep, nullptr, &kind), "C stack overflow");
  EXPECT_EQ(kind, luna::compiler::CompileError::Kind::c_stack_overflow);
  std::string blocks;
  for (int i = 0; i < 300; ++i) blocks += "do ";
  for (int i = 0; i < 300; ++i) blocks += "end ";
  EXPECT_EQ(compile_error(blocks), "C stack overflow");
  // 190 levels are fine; the levels already in use by the caller count too.
  std::string ok = "return " + std::string(190, '(') + "1" + std::string(190, ')');
  EXPECT_EQ(compile_error(ok), "<ok>");
  auto result = luna::compiler::compile(ok, ok, 20);
  EXPECT_TRUE(std::holds_alternative<luna::compiler::CompileError>(result));
}

TEST(CompileErrors, IncompleteFlag) {
  bool incomplete = false;
  compile_error("if x then", &incomplete);
  EXPECT_TRUE(incomplete);
  compile_error("x = [[abc", &incomplete);
  EXPECT_TRUE(incomplete);
  compile_error("x = = 1", &incomplete);
  EXPECT_FALSE(incomplete);
  compile_error("print('x'", &incomplete);
  EXPECT_TRUE(incomplete);
}
