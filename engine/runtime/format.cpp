// lua_pushfstring's formatter and the value <-> numeral conversions (see format.h).
// The formatter runs twice over the arguments (va_copy): once to measure, once to write straight
// into the final string, so no intermediate strings or concatenations are needed.
#include "runtime/format.h"

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string_view>

#include "number/arith.h"
#include "number/numconv.h"
#include "object/state.h"
#include "object/strings.h"
#include "runtime/error.h"

namespace luna::runtime {

namespace {

constexpr std::size_t utf8_buffer_size = 8;

// Writes the UTF-8 (5.4's extended, up to 6 bytes for 0x7FFFFFFF) form of x at the END of buffer;
// returns the number of bytes. Same encoding as 5.4's utf8esc.
int utf8_escape(char* buffer, unsigned long x) {
  int n = 1;
  if (x < 0x80) {
    buffer[utf8_buffer_size - 1] = static_cast<char>(x);
  } else {
    unsigned int first_max = 0x3f;  // largest value that fits in the first byte
    do {
      buffer[utf8_buffer_size - (n++)] = static_cast<char>(0x80 | (x & 0x3f));
      x >>= 6;
      first_max >>= 1;
    } while (x > first_max);
    buffer[utf8_buffer_size - n] = static_cast<char>((~first_max << 1) | x);
  }
  return n;
}

// One pass over the format. With out == nullptr it only measures. Raises on an unknown option
// (only in the measuring pass, which always runs first).
std::size_t format_pass(lua_State* L, const char* fmt, va_list args, char* out) {
  std::size_t length = 0;
  auto add = [&](const char* s, std::size_t n) {
    if (out != nullptr) std::memcpy(out + length, s, n);
    length += n;
  };
  for (;;) {
    const char* percent = std::strchr(fmt, '%');
    if (percent == nullptr) break;
    add(fmt, static_cast<std::size_t>(percent - fmt));
    char scratch[number::max_number_chars];
    switch (percent[1]) {
      case 's': {
        const char* s = va_arg(args, const char*);
        if (s == nullptr) s = "(null)";
        add(s, std::strlen(s));
        break;
      }
      case 'c': {
        char c = static_cast<char>(static_cast<unsigned char>(va_arg(args, int)));
        add(&c, 1);
        break;
      }
      case 'd': {
        std::size_t n = number::format_integer(va_arg(args, int), scratch);
        add(scratch, n);
        break;
      }
      case 'I': {
        std::size_t n = number::format_integer(static_cast<std::int64_t>(va_arg(args, long long)), scratch);
        add(scratch, n);
        break;
      }
      case 'f': {
        Value v = Value::from_float(va_arg(args, double));
        std::size_t n = format_number(&v, scratch);
        add(scratch, n);
        break;
      }
      case 'p': {
        void* p = va_arg(args, void*);
        int n = std::snprintf(scratch, sizeof scratch, "%p", p);
        add(scratch, static_cast<std::size_t>(n));
        break;
      }
      case 'U': {
        char utf8[utf8_buffer_size];
        long code = va_arg(args, long);
        int n = utf8_escape(utf8, static_cast<unsigned long>(code));
        add(utf8 + utf8_buffer_size - n, static_cast<std::size_t>(n));
        break;
      }
      case '%':
        add("%", 1);
        break;
      default:
        run_error(L, "invalid option '%%%c' to 'lua_pushfstring'", percent[1]);
    }
    fmt = percent + 2;
  }
  add(fmt, std::strlen(fmt));
  return length;
}

}  // namespace

const char* push_vfstring(lua_State* L, const char* fmt, va_list args) {
  va_list measure;
  va_copy(measure, args);
  std::size_t length = format_pass(L, fmt, measure, nullptr);
  va_end(measure);
  String* s;
  if (length <= max_short_len) {
    char buffer[max_short_len + 1];
    va_list write;
    va_copy(write, args);
    format_pass(L, fmt, write, buffer);
    va_end(write);
    s = strings::new_string(L, buffer, length);
  } else {
    s = strings::new_long_uninit(L, length);
    va_list write;
    va_copy(write, args);
    format_pass(L, fmt, write, s->data);
    va_end(write);
    s->data[length] = '\0';
  }
  set_string(*L->top, s);
  L->top++;
  return s->chars();
}

const char* push_fstring(lua_State* L, const char* fmt, ...) {
  va_list args;
  va_start(args, fmt);
  const char* result = push_vfstring(L, fmt, args);
  va_end(args);
  return result;
}

std::size_t format_number(const Value* v, char* buffer) {
  return v->is_integer() ? number::format_integer(v->as_int(), buffer)
                         : number::format_float(v->as_float(), buffer);
}

void number_to_string(lua_State* L, Value* v) {
  char buffer[number::max_number_chars];
  std::size_t n = format_number(v, buffer);
  set_string(*v, strings::new_string(L, buffer, n));
}

bool string_to_number(const String* s, Value* out) {
  number::Numeral numeral{};
  std::size_t length = s->length();
  if (number::parse_numeral(std::string_view(s->chars(), length), numeral) != length + 1) return false;
  if (numeral.is_integer)
    out->set_int(numeral.i);
  else
    out->set_float(numeral.f);
  return true;
}

bool to_number(const Value* v, double* out) {
  if (v->is_number()) {
    *out = v->as_number();
    return true;
  }
  Value converted;
  if (v->is_string() && string_to_number(as_string(*v), &converted)) {
    *out = converted.as_number();
    return true;
  }
  return false;
}

bool to_integer(const Value* v, std::int64_t* out) {
  Value converted;
  if (v->is_string() && string_to_number(as_string(*v), &converted)) v = &converted;
  if (v->is_integer()) {
    *out = v->as_int();
    return true;
  }
  if (v->is_float()) return number::float_to_integer(v->as_float(), *out, number::F2I::exact);
  return false;
}

}  // namespace luna::runtime
