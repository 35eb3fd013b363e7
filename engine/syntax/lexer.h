// Lexer for Lua 5.4 source text.
// Contract: turns a byte string into tokens exactly as the reference scanner does (reserved words,
// long brackets, every escape, numerals via number::parse_numeral, line counting for \n, \r, \r\n
// and \n\r). Errors are thrown as SyntaxError with the reference's full message
// "<chunkid>:<line>: <msg> near <token>". Each token remembers the raw text the reference would
// show in a "near '...'" message. A leading '#' line is not this lexer's business (the loader skips it).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace luna::syntax {

// Single-byte tokens are their byte value; everything else starts after the byte range.
enum class Tok : int {
  first_reserved = 257,
  And = first_reserved,
  Break,
  Do,
  Else,
  Elseif,
  End,
  False,
  For,
  Function,
  Goto,
  If,
  In,
  Local,
  Nil,
  Not,
  Or,
  Repeat,
  Return,
  Then,
  True,
  Until,
  While,
  // multi-character symbols
  IntDiv,
  Concat,
  Dots,
  Eq,
  Ge,
  Le,
  Ne,
  Shl,
  Shr,
  DoubleColon,
  Eos,
  Float,
  Int,
  Name,
  String
};

constexpr Tok tok(char c) { return static_cast<Tok>(static_cast<unsigned char>(c)); }

// Thrown by the front end; caught by compiler::compile.
struct SyntaxError {
  std::string message;
  bool incomplete = false;  // the offending token was <eof>
};

struct Token {
  Tok kind = Tok::Eos;
  std::string text;  // names and strings: the value; numerals: unused
  std::int64_t integer = 0;
  double number = 0;
  std::string raw;  // what "near '...'" shows for names, strings and numerals
  int line = 1;     // line where the token ends (the reference's linenumber after scanning)
};

class Lexer {
 public:
  Lexer(std::string_view source, std::string chunk_id);

  // Advances to the next token (consuming the lookahead if one was peeked).
  void next();
  // Scans the token after the current one without consuming it.
  const Token& lookahead();

  const Token& current() const { return current_; }
  int line() const { return line_; }            // current line number
  int last_line() const { return last_line_; }  // line of the last consumed token
  const std::string& chunk_id() const { return chunk_id_; }

  // "<chunkid>:<line>: msg near <current token>" (the parser's error entry point).
  [[noreturn]] void syntax_error(std::string_view message) const;
  // Same, without the "near" part.
  [[noreturn]] void plain_error(std::string_view message) const;
  // Printable form of a token kind: 'x', 'and', '<\1>', or <eof>/<name>/... for the open classes.
  static std::string token_to_string(Tok kind);

 private:
  static constexpr int end_of_stream = -1;

  void advance() {
    current_char_ =
        position_ < source_.size() ? static_cast<unsigned char>(source_[position_++]) : end_of_stream;
  }
  void save(int c) { buffer_.push_back(static_cast<char>(c)); }
  // Removes the last `n` saved characters (escape sequences once decoded).
  void drop_saved(std::size_t n) { buffer_.erase(buffer_.size() - n); }
  void save_and_advance() {
    save(current_char_);
    advance();
  }
  bool at_newline() const { return current_char_ == '\n' || current_char_ == '\r'; }
  bool check_next(char c);
  bool check_next2(const char* pair);
  void increment_line();

  void scan(Token& token);
  void read_numeral(Token& token);
  std::size_t skip_separator();
  void read_long_string(Token* token, std::size_t separator);
  void read_string(int delimiter, Token& token);
  void escape_check(bool ok, std::string_view message);
  int read_hex_digit();
  int read_hex_escape();
  std::uint32_t read_utf8_escape();
  int read_decimal_escape();
  void save_utf8(std::uint32_t code);

  [[noreturn]] void lexical_error(std::string_view message, Tok near_kind) const;
  std::string near_text(const Token& token) const;

  std::string_view source_;
  std::size_t position_ = 0;
  int current_char_ = end_of_stream;
  int line_ = 1;
  int last_line_ = 1;
  std::string buffer_;
  std::string chunk_id_;
  Token current_;
  Token ahead_;
  bool has_ahead_ = false;
};

}  // namespace luna::syntax
