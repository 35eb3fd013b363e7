// Lua 5.4 scanner (see syntax/lexer.h). The token buffer is built the way the reference builds it,
// because its contents are what error messages quote.
#include "syntax/lexer.h"

#include <climits>

#include "number/numconv.h"

namespace luna::syntax {

namespace {

constexpr std::string_view token_names[] = {
    "and",   "break", "do",    "else",     "elseif",    "end",    "false",   "for",    "function", "goto",
    "if",    "in",    "local", "nil",      "not",       "or",     "repeat",  "return", "then",     "true",
    "until", "while", "//",    "..",       "...",       "==",     ">=",      "<=",     "~=",       "<<",
    ">>",    "::",    "<eof>", "<number>", "<integer>", "<name>", "<string>"};

constexpr int reserved_count = static_cast<int>(Tok::While) - static_cast<int>(Tok::And) + 1;

bool is_alpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_digit(int c) { return c >= '0' && c <= '9'; }
bool is_alnum(int c) { return is_alpha(c) || is_digit(c); }
bool is_hex_digit(int c) { return is_digit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f'); }
bool is_space(int c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
bool is_print(int c) { return c >= 32 && c < 127; }
int hex_value(int c) { return is_digit(c) ? c - '0' : (c | 0x20) - 'a' + 10; }

Tok reserved_word(std::string_view name) {
  // Reserved words are 2..8 lowercase letters: most names are rejected without a search.
  if (name.size() < 2 || name.size() > 8 || name[0] < 'a' || name[0] > 'w') return Tok::Name;
  for (int k = 0; k < reserved_count; ++k)
    if (token_names[k] == name) return static_cast<Tok>(static_cast<int>(Tok::And) + k);
  return Tok::Name;
}

}  // namespace

Lexer::Lexer(std::string_view source, std::string chunk_id)
    : source_(source), chunk_id_(std::move(chunk_id)) {
  advance();
}

std::string Lexer::token_to_string(Tok kind) {
  int code = static_cast<int>(kind);
  if (code < static_cast<int>(Tok::first_reserved)) {
    std::string text = "'";
    if (is_print(code)) {
      text += static_cast<char>(code);
    } else {
      text.append("<\\").append(std::to_string(code)).append(">");
    }
    return text += '\'';
  }
  std::string_view name = token_names[code - static_cast<int>(Tok::first_reserved)];
  if (kind >= Tok::Eos) return std::string(name);
  std::string text = "'";
  text.append(name);
  return text += '\'';
}

std::string Lexer::near_text(const Token& token) const {
  switch (token.kind) {
    case Tok::Name:
    case Tok::String:
    case Tok::Float:
    case Tok::Int:
      return "'" + token.raw + "'";
    default:
      return token_to_string(token.kind);
  }
}

void Lexer::syntax_error(std::string_view message) const {
  std::string full =
      chunk_id_ + ":" + std::to_string(line_) + ": " + std::string(message) + " near " + near_text(current_);
  throw SyntaxError{std::move(full), current_.kind == Tok::Eos};
}

void Lexer::plain_error(std::string_view message) const {
  throw SyntaxError{chunk_id_ + ":" + std::to_string(line_) + ": " + std::string(message), false};
}

void Lexer::lexical_error(std::string_view message, Tok near_kind) const {
  std::string full = chunk_id_ + ":" + std::to_string(line_) + ": " + std::string(message);
  if (static_cast<int>(near_kind) != 0) {
    full += " near ";
    switch (near_kind) {
      case Tok::Name:
      case Tok::String:
      case Tok::Float:
      case Tok::Int:
        full += "'" + buffer_ + "'";
        break;
      default:
        full += token_to_string(near_kind);
    }
  }
  throw SyntaxError{std::move(full), near_kind == Tok::Eos};
}

void Lexer::next() {
  last_line_ = line_;
  if (has_ahead_) {
    current_ = std::move(ahead_);
    has_ahead_ = false;
  } else {
    scan(current_);
  }
}

const Token& Lexer::lookahead() {
  if (!has_ahead_) {
    scan(ahead_);
    has_ahead_ = true;
  }
  return ahead_;
}

bool Lexer::check_next(char c) {
  if (current_char_ != static_cast<unsigned char>(c)) return false;
  save_and_advance();
  return true;
}

bool Lexer::check_next2(const char* pair) {
  if (current_char_ != pair[0] && current_char_ != pair[1]) return false;
  save_and_advance();
  return true;
}

void Lexer::increment_line() {
  int old = current_char_;
  advance();                                            // skip '\n' or '\r'
  if (at_newline() && current_char_ != old) advance();  // "\n\r" or "\r\n" counts once
  if (++line_ >= INT_MAX) lexical_error("chunk has too many lines", static_cast<Tok>(0));
}

void Lexer::read_numeral(Token& token) {
  const char* exponent = "Ee";
  int first = current_char_;
  save_and_advance();
  if (first == '0' && check_next2("xX")) exponent = "Pp";
  for (;;) {
    if (check_next2(exponent))
      check_next2("-+");
    else if (is_hex_digit(current_char_) || current_char_ == '.')
      save_and_advance();
    else
      break;
  }
  if (is_alpha(current_char_)) save_and_advance();  // a numeral touching a letter is malformed
  number::Numeral value{};
  if (number::parse_numeral(buffer_, value) == 0) lexical_error("malformed number", Tok::Float);
  if (value.is_integer) {
    token.kind = Tok::Int;
    token.integer = value.i;
  } else {
    token.kind = Tok::Float;
    token.number = value.f;
  }
}

// Reads '[' or ']' followed by '='s. Returns level + 2 for a well-formed bracket, 1 for a lone
// bracket, 0 for a bracket with '='s but no second bracket.
std::size_t Lexer::skip_separator() {
  std::size_t count = 0;
  int bracket = current_char_;
  save_and_advance();
  while (current_char_ == '=') {
    save_and_advance();
    ++count;
  }
  if (current_char_ == bracket) return count + 2;
  return count == 0 ? 1 : 0;
}

void Lexer::read_long_string(Token* token, std::size_t separator) {
  int start_line = line_;
  save_and_advance();                  // second '['
  if (at_newline()) increment_line();  // a first newline is not part of the string
  for (;;) {
    switch (current_char_) {
      case end_of_stream: {
        std::string message = std::string("unfinished long ") + (token ? "string" : "comment") +
                              " (starting at line " + std::to_string(start_line) + ")";
        lexical_error(message, Tok::Eos);
      }
      case ']':
        if (skip_separator() == separator) {
          save_and_advance();  // second ']'
          if (token) {
            token->kind = Tok::String;
            token->text = buffer_.substr(separator, buffer_.size() - 2 * separator);
          }
          return;
        }
        break;
      case '\n':
      case '\r':
        save('\n');
        increment_line();
        if (!token) buffer_.clear();  // comments need no text
        break;
      default:
        if (token)
          save_and_advance();
        else
          advance();
    }
  }
}

void Lexer::escape_check(bool ok, std::string_view message) {
  if (ok) return;
  if (current_char_ != end_of_stream) save_and_advance();  // show the offending character
  lexical_error(message, Tok::String);
}

int Lexer::read_hex_digit() {
  save_and_advance();
  escape_check(is_hex_digit(current_char_), "hexadecimal digit expected");
  return hex_value(current_char_);
}

int Lexer::read_hex_escape() {
  int value = read_hex_digit();
  value = (value << 4) + read_hex_digit();
  drop_saved(2);
  return value;
}

std::uint32_t Lexer::read_utf8_escape() {
  std::size_t saved = 4;  // '\', 'u', '{' and the first digit
  save_and_advance();     // 'u'
  escape_check(current_char_ == '{', "missing '{'");
  std::uint32_t value = static_cast<std::uint32_t>(read_hex_digit());
  for (;;) {
    save_and_advance();
    if (!is_hex_digit(current_char_)) break;
    ++saved;
    escape_check(value <= (0x7FFFFFFFu >> 4), "UTF-8 value too large");
    value = (value << 4) + static_cast<std::uint32_t>(hex_value(current_char_));
  }
  escape_check(current_char_ == '}', "missing '}'");
  advance();  // '}'
  drop_saved(saved);
  return value;
}

// Lua's extended UTF-8: up to 6 bytes, code points up to 2^31 - 1.
void Lexer::save_utf8(std::uint32_t code) {
  if (code < 0x80) {
    save(static_cast<int>(code));
    return;
  }
  char bytes[8];
  int count = 0;
  std::uint32_t first_max = 0x3f;  // largest payload that fits in the first byte
  do {
    bytes[7 - count++] = static_cast<char>(0x80 | (code & 0x3f));
    code >>= 6;
    first_max >>= 1;
  } while (code > first_max);
  bytes[7 - count] = static_cast<char>((~first_max << 1) | code);
  ++count;
  for (int k = 8 - count; k < 8; ++k) save(static_cast<unsigned char>(bytes[k]));
}

int Lexer::read_decimal_escape() {
  int value = 0;
  int digits = 0;
  for (; digits < 3 && is_digit(current_char_); ++digits) {
    value = 10 * value + current_char_ - '0';
    save_and_advance();
  }
  escape_check(value <= UCHAR_MAX, "decimal escape too large");
  drop_saved(static_cast<std::size_t>(digits));
  return value;
}

void Lexer::read_string(int delimiter, Token& token) {
  save_and_advance();  // opening quote
  while (current_char_ != delimiter) {
    switch (current_char_) {
      case end_of_stream:
        lexical_error("unfinished string", Tok::Eos);
      case '\n':
      case '\r':
        lexical_error("unfinished string", Tok::String);
      case '\\': {
        save_and_advance();  // keep '\' for error messages
        int c = 0;
        switch (current_char_) {
          case 'a':
            c = '\a';
            goto read_save;
          case 'b':
            c = '\b';
            goto read_save;
          case 'f':
            c = '\f';
            goto read_save;
          case 'n':
            c = '\n';
            goto read_save;
          case 'r':
            c = '\r';
            goto read_save;
          case 't':
            c = '\t';
            goto read_save;
          case 'v':
            c = '\v';
            goto read_save;
          case 'x':
            c = read_hex_escape();
            goto read_save;
          case 'u':
            save_utf8(read_utf8_escape());
            goto no_save;
          case '\n':
          case '\r':
            increment_line();
            c = '\n';
            goto only_save;
          case '\\':
          case '"':
          case '\'':
            c = current_char_;
            goto read_save;
          case end_of_stream:
            goto no_save;  // the loop reports the unfinished string
          case 'z':
            buffer_.pop_back();  // the '\'
            advance();
            while (is_space(current_char_)) {
              if (at_newline())
                increment_line();
              else
                advance();
            }
            goto no_save;
          default:
            escape_check(is_digit(current_char_), "invalid escape sequence");
            c = read_decimal_escape();
            goto only_save;
        }
      read_save:
        advance();
      only_save:
        buffer_.pop_back();  // the '\'
        save(c);
      no_save:
        break;
      }
      default:
        save_and_advance();
    }
  }
  save_and_advance();  // closing quote
  token.kind = Tok::String;
  token.text = buffer_.substr(1, buffer_.size() - 2);
}

void Lexer::scan(Token& token) {
  buffer_.clear();
  for (;;) {
    switch (current_char_) {
      case '\n':
      case '\r':
        increment_line();
        break;
      case ' ':
      case '\f':
      case '\t':
      case '\v':
        advance();
        break;
      case '-':
        advance();
        if (current_char_ != '-') {
          token.kind = tok('-');
          goto done;
        }
        advance();  // a comment
        if (current_char_ == '[') {
          std::size_t separator = skip_separator();
          buffer_.clear();
          if (separator >= 2) {
            read_long_string(nullptr, separator);
            buffer_.clear();
            break;
          }
        }
        while (!at_newline() && current_char_ != end_of_stream) advance();
        break;
      case '[': {
        std::size_t separator = skip_separator();
        if (separator >= 2) {
          read_long_string(&token, separator);
          goto done;
        }
        if (separator == 0) lexical_error("invalid long string delimiter", Tok::String);
        token.kind = tok('[');
        goto done;
      }
      case '=':
        advance();
        token.kind = check_next('=') ? Tok::Eq : tok('=');
        goto done;
      case '<':
        advance();
        token.kind = check_next('=') ? Tok::Le : check_next('<') ? Tok::Shl : tok('<');
        goto done;
      case '>':
        advance();
        token.kind = check_next('=') ? Tok::Ge : check_next('>') ? Tok::Shr : tok('>');
        goto done;
      case '/':
        advance();
        token.kind = check_next('/') ? Tok::IntDiv : tok('/');
        goto done;
      case '~':
        advance();
        token.kind = check_next('=') ? Tok::Ne : tok('~');
        goto done;
      case ':':
        advance();
        token.kind = check_next(':') ? Tok::DoubleColon : tok(':');
        goto done;
      case '"':
      case '\'':
        read_string(current_char_, token);
        goto done;
      case '.':
        save_and_advance();
        if (check_next('.')) {
          token.kind = check_next('.') ? Tok::Dots : Tok::Concat;
          goto done;
        }
        if (!is_digit(current_char_)) {
          token.kind = tok('.');
          goto done;
        }
        read_numeral(token);
        goto done;
      case '0':
      case '1':
      case '2':
      case '3':
      case '4':
      case '5':
      case '6':
      case '7':
      case '8':
      case '9':
        read_numeral(token);
        goto done;
      case end_of_stream:
        token.kind = Tok::Eos;
        goto done;
      default:
        if (is_alpha(current_char_)) {
          do save_and_advance();
          while (is_alnum(current_char_));
          token.kind = reserved_word(buffer_);
          if (token.kind == Tok::Name) token.text = buffer_;
          goto done;
        }
        token.kind = static_cast<Tok>(current_char_);
        advance();
        goto done;
    }
  }
done:
  token.raw = buffer_;
  token.line = line_;
}

}  // namespace luna::syntax
