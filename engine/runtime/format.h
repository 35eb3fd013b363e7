// Formatting for the C API and error messages: lua_pushfstring's little printf, number <-> string
// conversions of values (tostring rules), all locale independent.
// push_vfstring/push_fstring accept exactly 5.4's conversions: %% %s (NULL prints "(null)") %f (a
// lua_Number, printed as tostring prints it: 1.0, 1e+100, inf) %I (lua_Integer) %p (pointer, as
// "%p") %d (int) %c (int as a byte) %U (long as a UTF-8 sequence). Anything else raises
// "invalid option '%x' to 'lua_pushfstring'". The result is pushed on the stack (one slot, which the
// caller must have: LUA_MINSTACK / extra_stack guarantee it) and its characters returned.
// They allocate one string object and hold no C++ object across a raise point.
#pragma once

#include <cstdarg>
#include <cstddef>

#include "object/objects.h"

namespace luna::runtime {

const char* push_vfstring(lua_State* L, const char* fmt, va_list args);
const char* push_fstring(lua_State* L, const char* fmt, ...);

// Replace the number in *v by its string form (as tostring); v must hold a number.
void number_to_string(lua_State* L, Value* v);
// Writes the tostring() form of a number value into buffer (number::max_number_chars bytes).
std::size_t format_number(const Value* v, char* buffer);
// cvt2num: a string whose whole contents is a numeral (surrounding spaces allowed) -> *out.
bool string_to_number(const String* s, Value* out);
// Value -> number with string coercion (lua_tonumberx / arithmetic operands).
bool to_number(const Value* v, double* out);
// Value -> integer: integers, floats with an exact integer value, and strings of either.
bool to_integer(const Value* v, std::int64_t* out);

}  // namespace luna::runtime
