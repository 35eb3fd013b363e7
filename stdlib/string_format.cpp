// string.format (manual §6.4): a printf-like formatter. Each conversion specification is
// validated against the flags, width (<= 2 digits) and precision (<= 2 digits) that 5.4
// accepts for it, then rendered with the C library's snprintf into the result buffer.
#include "string_lib.h"

#include <cctype>
#include <cfloat>
#include <clocale>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace luna::stdlib::string_lib {
namespace {

// Longest item any conversion except '%f' can produce (99 significant digits, sign, "0x",
// point and exponent, with some slack).
constexpr int max_item = 120;
// '%.99f' of the largest double needs 99 decimals plus all integral digits.
constexpr int max_item_fixed = 110 + DBL_MAX_10_EXP;
// '%', up to 5 flags, 2 width digits, '.', 2 precision digits, length modifier, specifier.
constexpr std::size_t max_specification = 32;

// Flags accepted per conversion family.
constexpr const char* float_flags = "-+#0 ";
constexpr const char* hex_octal_flags = "-#0";
constexpr const char* signed_flags = "-+0 ";
constexpr const char* unsigned_flags = "-0";
constexpr const char* char_string_flags = "-";

const char* skip_two_digits(const char* s) {
  if (std::isdigit(static_cast<unsigned char>(*s))) {
    ++s;
    if (std::isdigit(static_cast<unsigned char>(*s))) ++s;
  }
  return s;
}

// 'specification' is "%...c" (no length modifier yet). Raises unless its flags are among
// 'flags' and width/precision have at most two digits each (a precision only if allowed).
void validate(lua_State* L, const char* specification, const char* flags, bool precision_allowed) {
  const char* s = specification + 1;
  s += std::strspn(s, flags);
  if (*s != '0') {  // a width cannot start with '0' (it would be a repeated flag)
    s = skip_two_digits(s);
    if (*s == '.' && precision_allowed) s = skip_two_digits(s + 1);
  }
  if (!std::isalpha(static_cast<unsigned char>(*s)))
    luaL_error(L, "invalid conversion specification: '%s'", specification);
}

// Copies the specification starting after '%' into 'out' (with its '%');
// returns a pointer to its conversion character in the format string.
const char* read_specification(lua_State* L, const char* format, char* out) {
  std::size_t length = std::strspn(format, "-+#0 123456789.") + 1;
  if (length >= max_specification - 10) luaL_error(L, "invalid format (too long)");
  out[0] = '%';
  std::memcpy(out + 1, format, length);
  out[length + 1] = '\0';
  return format + length - 1;
}

// Inserts a C length modifier before the conversion character.
void insert_length_modifier(char* specification, const char* modifier) {
  const std::size_t length = std::strlen(specification);
  const std::size_t modifier_length = std::strlen(modifier);
  const char conversion = specification[length - 1];
  std::memcpy(specification + length - 1, modifier, modifier_length);
  specification[length - 1 + modifier_length] = conversion;
  specification[length + modifier_length] = '\0';
}

void add_quoted_string(luaL_Buffer* buffer, const char* s, std::size_t size) {
  luaL_addchar(buffer, '"');
  for (std::size_t i = 0; i < size; ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '"' || c == '\\' || c == '\n') {
      luaL_addchar(buffer, '\\');
      luaL_addchar(buffer, static_cast<char>(c));
    } else if (std::iscntrl(c)) {
      // Use three digits when a digit follows, so the escape cannot absorb it.
      char escape[8];
      const bool digit_follows = std::isdigit(static_cast<unsigned char>(s[i + 1]));
      std::snprintf(escape, sizeof escape, digit_follows ? "\\%03d" : "\\%d", c);
      luaL_addstring(buffer, escape);
    } else {
      luaL_addchar(buffer, static_cast<char>(c));
    }
  }
  luaL_addchar(buffer, '"');
}

// Writes a float so that reading it back gives the same value: hexadecimal for finite
// numbers, and expressions for infinities and NaN.
int quote_float(char* out, lua_Number value) {
  if (value == HUGE_VAL) return std::snprintf(out, max_item, "1e9999");
  if (value == -HUGE_VAL) return std::snprintf(out, max_item, "-1e9999");
  if (value != value) return std::snprintf(out, max_item, "(0/0)");
  const int size = std::snprintf(out, max_item, "%" LUA_NUMBER_FRMLEN "a", static_cast<LUAI_UACNUMBER>(value));
  // The radix character comes from the locale; Lua source needs a dot.
  if (std::memchr(out, '.', static_cast<std::size_t>(size)) == nullptr) {
    const char point = std::localeconv()->decimal_point[0];
    if (char* found = static_cast<char*>(std::memchr(out, point, static_cast<std::size_t>(size)))) *found = '.';
  }
  return size;
}

// '%q': appends argument 'arg' as Lua source text.
void add_literal(lua_State* L, luaL_Buffer* buffer, int arg) {
  switch (lua_type(L, arg)) {
    case LUA_TSTRING: {
      std::size_t size = 0;
      const char* s = lua_tolstring(L, arg, &size);
      add_quoted_string(buffer, s, size);
      break;
    }
    case LUA_TNUMBER: {
      char* out = luaL_prepbuffsize(buffer, max_item);
      int size;
      if (!lua_isinteger(L, arg)) {
        size = quote_float(out, lua_tonumber(L, arg));
      } else {
        const lua_Integer n = lua_tointeger(L, arg);
        // mininteger has no decimal literal (its negation overflows); hex wraps around to it.
        size = (n == LUA_MININTEGER)
                   ? std::snprintf(out, max_item, "0x%" LUA_INTEGER_FRMLEN "x", static_cast<LUAI_UACINT>(n))
                   : std::snprintf(out, max_item, LUA_INTEGER_FMT, static_cast<LUAI_UACINT>(n));
      }
      luaL_addsize(buffer, static_cast<std::size_t>(size));
      break;
    }
    case LUA_TNIL:
    case LUA_TBOOLEAN:
      luaL_tolstring(L, arg, nullptr);
      luaL_addvalue(buffer);
      break;
    default:
      luaL_argerror(L, arg, "value has no literal form");
  }
}

// Plain "%d": the decimal digits of n (what snprintf would print), without parsing a format.
int format_decimal(char* out, lua_Integer n) {
  char digits[24];
  int count = 0;
  // Negated as unsigned, so that mininteger converts too.
  lua_Unsigned magnitude = n < 0 ? 0u - static_cast<lua_Unsigned>(n) : static_cast<lua_Unsigned>(n);
  do {
    digits[count++] = static_cast<char>('0' + magnitude % 10u);
    magnitude /= 10u;
  } while (magnitude != 0);
  int size = 0;
  if (n < 0) out[size++] = '-';
  while (count > 0) out[size++] = digits[--count];
  return size;
}

// Formats one item; 'specification' is "%flags width.precision c". Returns bytes written
// into 'out' (which has room for max_item or max_item_fixed bytes); items appended
// directly to the buffer return 0.
int format_item(lua_State* L, luaL_Buffer* buffer, char* out, char* specification, int arg) {
  const std::size_t length = std::strlen(specification);
  const char conversion = specification[length - 1];
  switch (conversion) {
    case 'c': {
      validate(L, specification, char_string_flags, false);
      return std::snprintf(out, max_item, specification, static_cast<int>(luaL_checkinteger(L, arg)));
    }
    case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': {
      const lua_Integer n = luaL_checkinteger(L, arg);
      if (length == 2 && (conversion == 'd' || conversion == 'i'))
        return format_decimal(out, n);  // the common "%d" / "%i"
      const char* flags = (conversion == 'd' || conversion == 'i') ? signed_flags
                          : (conversion == 'u')                    ? unsigned_flags
                                                                   : hex_octal_flags;
      validate(L, specification, flags, true);
      insert_length_modifier(specification, LUA_INTEGER_FRMLEN);
      return std::snprintf(out, max_item, specification, static_cast<LUAI_UACINT>(n));
    }
    case 'a': case 'A': {
      validate(L, specification, float_flags, true);
      insert_length_modifier(specification, LUA_NUMBER_FRMLEN);
      return std::snprintf(out, max_item, specification, static_cast<LUAI_UACNUMBER>(luaL_checknumber(L, arg)));
    }
    case 'f': case 'e': case 'E': case 'g': case 'G': {
      const lua_Number n = luaL_checknumber(L, arg);
      validate(L, specification, float_flags, true);
      insert_length_modifier(specification, LUA_NUMBER_FRMLEN);
      const int room = (conversion == 'f') ? max_item_fixed : max_item;
      return std::snprintf(out, static_cast<std::size_t>(room), specification, static_cast<LUAI_UACNUMBER>(n));
    }
    case 'p': {
      const void* pointer = lua_topointer(L, arg);
      validate(L, specification, char_string_flags, false);
      if (pointer == nullptr) {  // printf's "%p" of null is not portable
        specification[length - 1] = 's';
        return std::snprintf(out, max_item, specification, "(null)");
      }
      return std::snprintf(out, max_item, specification, pointer);
    }
    case 'q': {
      if (specification[2] != '\0') return luaL_error(L, "specifier '%%q' cannot have modifiers");
      add_literal(L, buffer, arg);
      return 0;
    }
    case 's': {
      std::size_t size = 0;
      const char* s = luaL_tolstring(L, arg, &size);
      if (specification[2] == '\0') {  // no modifiers: the whole string, zeros included
        luaL_addvalue(buffer);
        return 0;
      }
      luaL_argcheck(L, size == std::strlen(s), arg, "string contains zeros");
      validate(L, specification, char_string_flags, true);
      if (std::strchr(specification, '.') == nullptr && size >= 100) {
        luaL_addvalue(buffer);  // no precision: too long to format, and width is irrelevant
        return 0;
      }
      const int written = std::snprintf(out, max_item, specification, s);
      lua_pop(L, 1);
      return written;
    }
    default:
      return luaL_error(L, "invalid conversion '%s' to 'format'", specification);
  }
}

}  // namespace

int format(lua_State* L) {
  const int top = lua_gettop(L);
  int arg = 1;
  std::size_t format_size = 0;
  const char* s = luaL_checklstring(L, arg, &format_size);
  const char* format_end = s + format_size;
  luaL_Buffer buffer;
  luaL_buffinit(L, &buffer);
  while (s < format_end) {
    if (*s != '%') {
      luaL_addchar(&buffer, *s++);
      continue;
    }
    // A trailing '%' reads the string's terminating '\0', reported as an invalid conversion.
    if (*++s == '%') {
      luaL_addchar(&buffer, *s++);
      continue;
    }
    char specification[max_specification];
    char* out = luaL_prepbuffsize(&buffer, max_item_fixed);
    if (++arg > top) return luaL_argerror(L, arg, "no value");
    s = read_specification(L, s, specification) + 1;
    const int written = format_item(L, &buffer, out, specification, arg);
    luaL_addsize(&buffer, static_cast<std::size_t>(written));
  }
  luaL_pushresult(&buffer);
  return 1;
}

}  // namespace luna::stdlib::string_lib
