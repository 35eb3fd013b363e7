// Integer/float semantics of Lua 5.4 operators, shared by the constant folder and the VM.
// Contract: integer ops wrap around (two's complement); floor division and modulo follow floor
// semantics; callers check integer division/modulo by zero before calling int_floor_div/int_mod.
// Float -> integer conversion modes follow luaV_flttointns (exact, floor, ceil).
// Mixed int/float comparisons are exact for all values (no rounding of the integer).
#pragma once

#include <cmath>
#include <cstdint>

namespace luna::number {

enum class F2I { exact, floor, ceil };

bool float_to_integer(double f, std::int64_t& out, F2I mode = F2I::exact);
std::int64_t int_floor_div(std::int64_t a, std::int64_t b);  // b != 0
std::int64_t int_mod(std::int64_t a, std::int64_t b);        // b != 0
double float_floor_div(double a, double b);
double float_mod(double a, double b);
double float_pow(double a, double b);
std::int64_t shift_left(std::int64_t x, std::int64_t n);     // n < 0 shifts right (logical)

bool lt_int_float(std::int64_t i, double f);
bool le_int_float(std::int64_t i, double f);
bool lt_float_int(double f, std::int64_t i);
bool le_float_int(double f, std::int64_t i);
bool eq_int_float(std::int64_t i, double f);

}  // namespace luna::number
