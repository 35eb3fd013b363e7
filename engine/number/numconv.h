// Conversions between numerals and numbers, exactly as Lua 5.4.
// Contract:
//  - parse_numeral accepts what lua_stringtonumber accepts: optional surrounding whitespace, optional
//    sign, decimal or hex integers/floats (hex floats with 'p' exponents), "inf"/"nan" rejected.
//    A decimal integer that overflows becomes a float; a hex integer wraps around (mod 2^64).
//    Returns the number of bytes consumed + 1 (as lua_stringtonumber: size + 1) or 0 if not a numeral.
//  - format_* write what tostring() prints: integers as %d, floats as %.14g, with ".0" added when the
//    result looks like an integer ("1e+100" stays, "-nan"/"nan", "inf"/"-inf" as C's printf).
//    Return the length written; `buffer` must hold max_number_chars bytes.
//  - Both follow the current C locale's decimal point (LC_NUMERIC), as the reference's strtod and
//    snprintf do: under a ',' locale, floats print as "3,5" ("3,0" for integral values) and both
//    "3,5" and "3.5" parse (the '.' by Lua's retry with the point replaced), "3,5." does not.
//    Under a '.' locale (the usual case) the conversions are locale independent and cost one
//    nl_langinfo(RADIXCHAR) call per float.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace luna::number {

inline constexpr std::size_t max_number_chars = 64;

struct Numeral {
  bool is_integer;
  std::int64_t i;
  double f;
};

std::size_t parse_numeral(std::string_view text, Numeral& out);
std::size_t format_integer(std::int64_t i, char* buffer);
std::size_t format_float(double f, char* buffer);   // "%.14g" + ".0" rule

}  // namespace luna::number
