// Lexer: tokens, reserved words, long brackets, escapes, numerals, line counting and the exact
// error messages of the reference scanner.
#include "syntax/lexer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using luna::syntax::Lexer;
using luna::syntax::SyntaxError;
using luna::syntax::Tok;
using luna::syntax::tok;
using luna::syntax::Token;

namespace {

std::vector<Token> lex_all(std::string_view source) {
  Lexer lexer(source, "[string \"t\"]");
  std::vector<Token> tokens;
  do {
    lexer.next();
    tokens.push_back(lexer.current());
  } while (lexer.current().kind != Tok::Eos);
  return tokens;
}

std::vector<Tok> kinds(std::string_view source) {
  std::vector<Tok> out;
  for (const Token& t : lex_all(source)) out.push_back(t.kind);
  return out;
}

std::string string_value(std::string_view source) {
  auto tokens = lex_all(source);
  EXPECT_EQ(tokens.at(0).kind, Tok::String) << source;
  return tokens.at(0).text;
}

std::string lex_error(std::string_view source, bool* incomplete = nullptr) {
  try {
    lex_all(source);
  } catch (const SyntaxError& error) {
    if (incomplete) *incomplete = error.incomplete;
    return error.message;
  }
  return "no error";
}

}  // namespace

TEST(Lexer, ReservedWordsAndNames) {
  EXPECT_EQ(kinds("and break do else elseif end false for function goto if in local nil not or "
                  "repeat return then true until while"),
            (std::vector<Tok>{Tok::And,   Tok::Break, Tok::Do,       Tok::Else,  Tok::Elseif, Tok::End,
                              Tok::False, Tok::For,   Tok::Function, Tok::Goto,  Tok::If,     Tok::In,
                              Tok::Local, Tok::Nil,   Tok::Not,      Tok::Or,    Tok::Repeat, Tok::Return,
                              Tok::Then,  Tok::True,  Tok::Until,    Tok::While, Tok::Eos}));
  auto tokens = lex_all("_x1 andy End");
  EXPECT_EQ(tokens[0].kind, Tok::Name);
  EXPECT_EQ(tokens[0].text, "_x1");
  EXPECT_EQ(tokens[1].text, "andy");
  EXPECT_EQ(tokens[2].text, "End");
}

TEST(Lexer, Symbols) {
  EXPECT_EQ(
      kinds("+ - * / // % ^ # & ~ | << >> == ~= <= >= < > = ( ) { } [ ] :: ; : , . .. ..."),
      (std::vector<Tok>{tok('+'), tok('-'), tok('*'), tok('/'),    Tok::IntDiv, tok('%'),         tok('^'),
                        tok('#'), tok('&'), tok('~'), tok('|'),    Tok::Shl,    Tok::Shr,         Tok::Eq,
                        Tok::Ne,  Tok::Le,  Tok::Ge,  tok('<'),    tok('>'),    tok('='),         tok('('),
                        tok(')'), tok('{'), tok('}'), tok('['),    tok(']'),    Tok::DoubleColon, tok(';'),
                        tok(':'), tok(','), tok('.'), Tok::Concat, Tok::Dots,   Tok::Eos}));
  EXPECT_EQ(kinds("a--comment\nb--[[long\ncomment]]c--[==[x]]\n]==]d"),
            (std::vector<Tok>{Tok::Name, Tok::Name, Tok::Name, Tok::Name, Tok::Eos}));
}

TEST(Lexer, Numerals) {
  auto tokens = lex_all(
      "3 345 0xff 0xBEBADA 3.0 3.1416 314.16e-2 0.31416E1 34e1 0x0.1E 0xA23p-4 "
      "0X1.921FB54442D18P+1 .5 5. 9223372036854775807 9223372036854775808 "
      "0xffffffffffffffff 0x7fffffffffffffffff");
  EXPECT_EQ(tokens[0].kind, Tok::Int);
  EXPECT_EQ(tokens[0].integer, 3);
  EXPECT_EQ(tokens[2].integer, 255);
  EXPECT_EQ(tokens[3].integer, 0xBEBADA);
  EXPECT_EQ(tokens[4].kind, Tok::Float);
  EXPECT_EQ(tokens[4].number, 3.0);
  EXPECT_EQ(tokens[6].number, 314.16e-2);
  EXPECT_EQ(tokens[7].number, 0.31416E1);
  EXPECT_EQ(tokens[8].number, 340.0);
  EXPECT_EQ(tokens[9].number, 0x0.1Ep0);
  EXPECT_EQ(tokens[10].number, 0xA23p-4);
  EXPECT_EQ(tokens[11].number, 0X1.921FB54442D18P+1);
  EXPECT_EQ(tokens[12].number, 0.5);
  EXPECT_EQ(tokens[13].number, 5.0);
  EXPECT_EQ(tokens[14].integer, INT64_MAX);
  EXPECT_EQ(tokens[15].kind, Tok::Float);  // decimal overflow becomes a float
  EXPECT_EQ(tokens[15].number, 9223372036854775808.0);
  EXPECT_EQ(tokens[16].kind, Tok::Int);  // hexadecimal wraps around
  EXPECT_EQ(tokens[16].integer, -1);
  EXPECT_EQ(tokens[17].integer, -1);
  EXPECT_EQ(tokens[17].raw, "0x7fffffffffffffffff");
}

TEST(Lexer, ShortStringEscapes) {
  EXPECT_EQ(string_value(R"("\a\b\f\n\r\t\v\\\"\'")"), "\a\b\f\n\r\t\v\\\"'");
  EXPECT_EQ(string_value(R"('\65\066\0677\x41\x7a')"), "ABC7Az");
}

TEST(Lexer, MoreEscapes) {
  EXPECT_EQ(string_value("'a\\\nb'"), "a\nb");
  EXPECT_EQ(string_value("'a\\\r\nb'"), "a\nb");
  EXPECT_EQ(string_value("'a\\z  \n\t  b'"), "ab");
  EXPECT_EQ(string_value("'\\0\\00\\000'"), std::string(3, '\0'));
  EXPECT_EQ(string_value("'\\255'"), "\xff");
  EXPECT_EQ(string_value("'\\u{41}\\u{e9}\\u{20AC}\\u{10FFFF}'"), "A\xc3\xa9\xe2\x82\xac\xf4\x8f\xbf\xbf");
  EXPECT_EQ(string_value("'\\u{7FFFFFFF}'"), "\xfd\xbf\xbf\xbf\xbf\xbf");
  EXPECT_EQ(string_value("'\\u{3FFFFFF}'"), "\xfb\xbf\xbf\xbf\xbf");
  EXPECT_EQ(string_value("'\\u{0000000041}'"), "A");
}

TEST(Lexer, LongStrings) {
  EXPECT_EQ(string_value("[[\nline1\nline2]]"), "line1\nline2");
  EXPECT_EQ(string_value("[==[a]]b]=]c]==]"), "a]]b]=]c");
  EXPECT_EQ(string_value("[[a\r\nb\n\rc\rd]]"), "a\nb\nc\nd");
  EXPECT_EQ(string_value("[=[\\n]=]"), "\\n");
  auto tokens = lex_all("[[x]] [ = [");
  EXPECT_EQ(tokens[1].kind, tok('['));
}

TEST(Lexer, LineCounting) {
  auto tokens = lex_all("a\nb\r\nc\n\rd\re\n\nf [[\n\n]] g --[[\n]] h");
  std::vector<int> lines;
  for (const Token& t : tokens) lines.push_back(t.line);
  EXPECT_EQ(lines, (std::vector<int>{1, 2, 3, 4, 5, 7, 9, 9, 10, 10}));
}

TEST(Lexer, Errors) {
  EXPECT_EQ(lex_error("x = 3x"), "[string \"t\"]:1: malformed number near '3x'");
  EXPECT_EQ(lex_error("x = 0x"), "[string \"t\"]:1: malformed number near '0x'");
  EXPECT_EQ(lex_error("x = 1e+"), "[string \"t\"]:1: malformed number near '1e+'");
  EXPECT_EQ(lex_error("x = 3..4"), "[string \"t\"]:1: malformed number near '3..4'");
  EXPECT_EQ(lex_error("x = 1.2.3"), "[string \"t\"]:1: malformed number near '1.2.3'");
  bool incomplete = false;
  EXPECT_EQ(lex_error("x = \"abc", &incomplete), "[string \"t\"]:1: unfinished string near <eof>");
  EXPECT_TRUE(incomplete);
  EXPECT_EQ(lex_error("x = \"abc\ndef\"", &incomplete), "[string \"t\"]:1: unfinished string near '\"abc'");
  EXPECT_FALSE(incomplete);
  EXPECT_EQ(lex_error("x = '\\q'"), "[string \"t\"]:1: invalid escape sequence near ''\\q'");
  EXPECT_EQ(lex_error("x = '\\256'"), "[string \"t\"]:1: decimal escape too large near ''\\256''");
  EXPECT_EQ(lex_error("x = '\\300x'"), "[string \"t\"]:1: decimal escape too large near ''\\300x'");
  EXPECT_EQ(lex_error("x = '\\xg'"), "[string \"t\"]:1: hexadecimal digit expected near ''\\xg'");
  EXPECT_EQ(lex_error("x = '\\x5"), "[string \"t\"]:1: hexadecimal digit expected near ''\\x5'");
  EXPECT_EQ(lex_error("x = '\\u{80000000}'"), "[string \"t\"]:1: UTF-8 value too large near ''\\u{80000000'");
  EXPECT_EQ(lex_error("x = '\\u{zz}'"), "[string \"t\"]:1: hexadecimal digit expected near ''\\u{z'");
  EXPECT_EQ(lex_error("x = '\\u{12'"), "[string \"t\"]:1: missing '}' near ''\\u{12''");
  EXPECT_EQ(lex_error("x = '\\u12'"), "[string \"t\"]:1: missing '{' near ''\\u1'");
  EXPECT_EQ(lex_error("x = [==[abc", &incomplete),
            "[string \"t\"]:1: unfinished long string (starting at line 1) near <eof>");
  EXPECT_TRUE(incomplete);
  EXPECT_EQ(lex_error("\n--[==[abc\n\n"),
            "[string \"t\"]:4: unfinished long comment (starting at line 2) near <eof>");
  EXPECT_EQ(lex_error("x = [=abc"), "[string \"t\"]:1: invalid long string delimiter near '[='");
  EXPECT_EQ(lex_error("\n\nx = '\\"), "[string \"t\"]:3: unfinished string near <eof>");
}

TEST(Lexer, TokenToString) {
  EXPECT_EQ(Lexer::token_to_string(tok('=')), "'='");
  EXPECT_EQ(Lexer::token_to_string(static_cast<Tok>(1)), "'<\\1>'");
  EXPECT_EQ(Lexer::token_to_string(Tok::Function), "'function'");
  EXPECT_EQ(Lexer::token_to_string(Tok::DoubleColon), "'::'");
  EXPECT_EQ(Lexer::token_to_string(Tok::Eos), "<eof>");
  EXPECT_EQ(Lexer::token_to_string(Tok::Name), "<name>");
  EXPECT_EQ(Lexer::token_to_string(Tok::String), "<string>");
}

TEST(Lexer, Lookahead) {
  Lexer lexer("a = b", "t");
  lexer.next();
  EXPECT_EQ(lexer.current().kind, Tok::Name);
  EXPECT_EQ(lexer.lookahead().kind, tok('='));
  lexer.next();
  EXPECT_EQ(lexer.current().kind, tok('='));
  lexer.next();
  EXPECT_EQ(lexer.current().text, "b");
}
