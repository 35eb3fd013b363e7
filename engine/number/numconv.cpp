// Numeral parsing and number formatting with Lua 5.4's exact rules (see number/numconv.h).
// std::from_chars/to_chars are locale independent and correctly rounded, which is what makes the
// results match the reference's strtod/"%.14g" under the C locale. When the current LC_NUMERIC
// locale has another decimal point, the text is translated to and from the '.' spelling around
// them, so that the result is what strtod/snprintf in that locale (plus Lua's '.' retry) give.
#include "number/numconv.h"

#include <langinfo.h>
#include <locale.h>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>
#include <system_error>

namespace luna::number {

namespace {

bool is_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex_digit(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
int hex_value(char c) {
  if (is_digit(c)) return c - '0';
  return (c | 0x20) - 'a' + 10;
}

struct Cursor {
  const char* p;
  const char* end;
  void skip_spaces() {
    while (p < end && is_space(*p)) ++p;
  }
  bool at_end() const { return p == end; }
};

// Returns true for '-' (consumed), false for '+' (consumed) or no sign.
bool take_sign(Cursor& c) {
  if (c.p < c.end && *c.p == '-') {
    ++c.p;
    return true;
  }
  if (c.p < c.end && *c.p == '+') ++c.p;
  return false;
}

bool is_hex_prefix(const Cursor& c) {
  return c.end - c.p >= 2 && c.p[0] == '0' && (c.p[1] == 'x' || c.p[1] == 'X');
}

// l_str2int: decimal integers that overflow are not integers (they become floats later);
// hexadecimal integers wrap around.
bool parse_integer(std::string_view text, std::int64_t& out) {
  Cursor c{text.data(), text.data() + text.size()};
  c.skip_spaces();
  bool negative = take_sign(c);
  std::uint64_t value = 0;
  bool empty = true;
  if (is_hex_prefix(c)) {
    c.p += 2;
    for (; c.p < c.end && is_hex_digit(*c.p); ++c.p) {
      value = value * 16 + static_cast<std::uint64_t>(hex_value(*c.p));
      empty = false;
    }
  } else {
    constexpr std::uint64_t max_by_10 = static_cast<std::uint64_t>(INT64_MAX) / 10;
    constexpr int max_last_digit = static_cast<int>(static_cast<std::uint64_t>(INT64_MAX) % 10);
    for (; c.p < c.end && is_digit(*c.p); ++c.p) {
      int digit = *c.p - '0';
      if (value >= max_by_10 && (value > max_by_10 || digit > max_last_digit + (negative ? 1 : 0)))
        return false;
      value = value * 10 + static_cast<std::uint64_t>(digit);
      empty = false;
    }
  }
  c.skip_spaces();
  if (empty || !c.at_end()) return false;
  out = static_cast<std::int64_t>(negative ? 0u - value : value);
  return true;
}

// Out-of-range numerals: the reference's strtod gives +-HUGE_VAL or a (denormal) tiny value.
// from_chars reports only the range error, so ask strtod in the C locale for the value.
double strtod_c_locale(const char* begin, const char* end) {
  static locale_t c_locale = newlocale(LC_ALL_MASK, "C", nullptr);
  std::string copy(begin, end);
  return strtod_l(copy.c_str(), nullptr, c_locale);
}

// Checks the numeral grammar itself: digits, optional fraction, optional exponent with one optional
// sign and at least one decimal digit (libstdc++'s hex from_chars accepts "p+-2", strtod does not).
bool well_formed(const char* p, const char* end, bool hex) {
  bool any_digit = false;
  auto digit = [hex](char c) { return hex ? is_hex_digit(c) : is_digit(c); };
  while (p < end && digit(*p)) ++p, any_digit = true;
  if (p < end && *p == '.') {
    ++p;
    while (p < end && digit(*p)) ++p, any_digit = true;
  }
  if (!any_digit) return false;
  if (p == end) return true;
  if ((*p | 0x20) != (hex ? 'p' : 'e')) return false;
  ++p;
  if (p < end && (*p == '+' || *p == '-')) ++p;
  if (p == end || !is_digit(*p)) return false;
  while (p < end && is_digit(*p)) ++p;
  return p == end;
}

// A float numeral whose radix mark is '.', as strtod in the C locale reads it.
bool parse_dot_float(std::string_view text, double& out) {
  Cursor c{text.data(), text.data() + text.size()};
  c.skip_spaces();
  bool negative = take_sign(c);
  bool hex = is_hex_prefix(c);
  if (hex) c.p += 2;
  // from_chars would accept "inf", "nan" or a second sign: the reference rejects them.
  if (c.at_end()) return false;
  if (!(hex ? is_hex_digit(*c.p) : is_digit(*c.p)) && *c.p != '.') return false;
  // Trailing spaces are allowed, so find where the numeral itself ends.
  const char* numeral_end = c.end;
  while (numeral_end > c.p && is_space(numeral_end[-1])) --numeral_end;
  if (!well_formed(c.p, numeral_end, hex)) return false;
  double value = 0;
  auto result =
      std::from_chars(c.p, numeral_end, value, hex ? std::chars_format::hex : std::chars_format::general);
  if (result.ec == std::errc::invalid_argument || result.ptr != numeral_end) return false;
  if (result.ec == std::errc::result_out_of_range) {
    std::string with_prefix = hex ? "0x" : "";
    with_prefix.append(c.p, numeral_end);
    value = strtod_c_locale(with_prefix.data(), with_prefix.data() + with_prefix.size());
  }
  out = negative ? -value : value;
  return true;
}

// The current locale's decimal point, as strtod and snprintf use it. nl_langinfo(RADIXCHAR) is the
// same string as localeconv()->decimal_point (what lua_getlocaledecpoint reads) without refilling
// the whole lconv structure, which keeps the check cheap on every conversion. An empty one (never
// seen in practice) is taken as '.'.
std::string_view locale_decimal_point() {
  const char* point = nl_langinfo(RADIXCHAR);
  return (point == nullptr || point[0] == '\0') ? std::string_view(".") : std::string_view(point);
}

// strtod in a locale whose decimal point is `point` (not "."): that mark may appear once, as the
// radix, and a '.' is not part of any numeral there. Translates the mark to '.' and parses.
bool parse_float_in_locale(std::string_view text, std::string_view point, double& out) {
  std::size_t at = text.find(point);
  if (at == std::string_view::npos) {
    if (text.find('.') != std::string_view::npos) return false;
    return parse_dot_float(text, out);
  }
  std::string_view before = text.substr(0, at);
  std::string_view after = text.substr(at + point.size());
  if (before.find('.') != std::string_view::npos || after.find('.') != std::string_view::npos) return false;
  std::string canonical;
  canonical.reserve(text.size());
  canonical.append(before).append(1, '.').append(after);
  return parse_dot_float(canonical, out);
}

// Lua only retries a '.' numeral in the locale's spelling when the text fits its numeral buffer
// (L_MAXLENNUM): longer texts with a '.' are rejected under such a locale, even "1.5" + spaces.
constexpr std::size_t max_retry_length = 200;

bool parse_float(std::string_view text, double& out) {
  std::string_view point = locale_decimal_point();
  if (point == ".") return parse_dot_float(text, out);  // the common case: no translation at all
  // As lua_stringtonumber: first the text as it is in the current locale; if that fails, the text
  // with its first '.' replaced by the locale's (first byte of the) decimal point.
  if (parse_float_in_locale(text, point, out)) return true;
  std::size_t dot = text.find('.');
  if (dot == std::string_view::npos || text.size() > max_retry_length) return false;
  std::string retry(text);
  retry[dot] = point[0];
  return parse_float_in_locale(retry, point, out);
}

}  // namespace

std::size_t parse_numeral(std::string_view text, Numeral& out) {
  std::int64_t i = 0;
  if (parse_integer(text, i)) {
    out.is_integer = true;
    out.i = i;
    out.f = 0;
    return text.size() + 1;
  }
  double f = 0;
  if (parse_float(text, f)) {
    out.is_integer = false;
    out.i = 0;
    out.f = f;
    return text.size() + 1;
  }
  return 0;
}

std::size_t format_integer(std::int64_t i, char* buffer) {
  auto result = std::to_chars(buffer, buffer + max_number_chars, i);
  return static_cast<std::size_t>(result.ptr - buffer);
}

std::size_t format_float(double f, char* buffer) {
  // glibc's printf spelling of the non-finite values (a sign shows even on NaN).
  if (std::isnan(f) || std::isinf(f)) {
    const char* text =
        std::isnan(f) ? (std::signbit(f) ? "-nan" : "nan") : (std::signbit(f) ? "-inf" : "inf");
    std::size_t length = std::strlen(text);
    std::memcpy(buffer, text, length);
    return length;
  }
  auto result = std::to_chars(buffer, buffer + max_number_chars, f, std::chars_format::general, 14);
  std::size_t length = static_cast<std::size_t>(result.ptr - buffer);
  // snprintf writes the locale's decimal point (a multibyte one in full); "%.14g" needs at most 21
  // bytes, so even a MB_LEN_MAX-long point fits the buffer.
  std::string_view point = locale_decimal_point();
  if (point != ".") {
    if (char* dot = static_cast<char*>(std::memchr(buffer, '.', length))) {
      std::size_t tail = length - static_cast<std::size_t>(dot + 1 - buffer);
      std::memmove(dot + point.size(), dot + 1, tail);
      std::memcpy(dot, point.data(), point.size());
      length += point.size() - 1;
    }
  }
  // Looks like an integer (only sign and digits)? Then mark it as a float.
  bool integral_look = true;
  for (std::size_t k = 0; k < length; ++k) {
    if (buffer[k] != '-' && !is_digit(buffer[k])) {
      integral_look = false;
      break;
    }
  }
  if (integral_look) {
    buffer[length++] = point[0];  // as Lua: only the first byte of the locale's decimal point
    buffer[length++] = '0';
  }
  return length;
}

}  // namespace luna::number
