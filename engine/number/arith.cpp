// Lua 5.4 integer/float operator semantics (see number/arith.h).
#include "number/arith.h"

namespace luna::number {

namespace {

// 2^63 as a double: the first float that no longer fits in an int64.
constexpr double two_pow_63 = 9223372036854775808.0;

// Integers in [-2^53, 2^53] convert to double exactly.
bool int_fits_float(std::int64_t i) {
  constexpr std::uint64_t limit = std::uint64_t{1} << 53;
  return static_cast<std::uint64_t>(i) + limit <= 2 * limit;
}

}  // namespace

bool float_to_integer(double f, std::int64_t& out, F2I mode) {
  double rounded = std::floor(f);
  if (f != rounded) {
    if (mode == F2I::exact) return false;
    if (mode == F2I::ceil) rounded += 1;
  }
  if (rounded >= -two_pow_63 && rounded < two_pow_63) {
    out = static_cast<std::int64_t>(rounded);
    return true;
  }
  return false;  // out of range or NaN
}

std::int64_t int_floor_div(std::int64_t a, std::int64_t b) {
  if (b == -1) return static_cast<std::int64_t>(0u - static_cast<std::uint64_t>(a));  // no overflow trap
  std::int64_t q = a / b;
  if ((a ^ b) < 0 && a % b != 0) q -= 1;
  return q;
}

std::int64_t int_mod(std::int64_t a, std::int64_t b) {
  if (b == -1) return 0;  // avoids the INT64_MIN % -1 trap
  std::int64_t r = a % b;
  if (r != 0 && (r ^ b) < 0) r += b;
  return r;
}

double float_floor_div(double a, double b) { return std::floor(a / b); }

double float_mod(double a, double b) {
  double m = std::fmod(a, b);
  // fmod truncates; move a non-zero result with the wrong sign into b's range.
  if ((m > 0) ? b < 0 : (m < 0 && b > 0)) m += b;
  return m;
}

double float_pow(double a, double b) { return b == 2 ? a * a : std::pow(a, b); }

std::int64_t shift_left(std::int64_t x, std::int64_t n) {
  std::uint64_t ux = static_cast<std::uint64_t>(x);
  if (n < 0) {
    if (n <= -64) return 0;
    return static_cast<std::int64_t>(ux >> static_cast<unsigned>(-n));
  }
  if (n >= 64) return 0;
  return static_cast<std::int64_t>(ux << static_cast<unsigned>(n));
}

bool lt_int_float(std::int64_t i, double f) {
  if (int_fits_float(i)) return static_cast<double>(i) < f;
  std::int64_t fi;  // i < f <=> i < ceil(f)
  if (float_to_integer(f, fi, F2I::ceil)) return i < fi;
  return f > 0;  // f out of integer range (or NaN: false)
}

bool le_int_float(std::int64_t i, double f) {
  if (int_fits_float(i)) return static_cast<double>(i) <= f;
  std::int64_t fi;  // i <= f <=> i <= floor(f)
  if (float_to_integer(f, fi, F2I::floor)) return i <= fi;
  return f > 0;
}

bool lt_float_int(double f, std::int64_t i) {
  if (int_fits_float(i)) return f < static_cast<double>(i);
  std::int64_t fi;  // f < i <=> floor(f) < i
  if (float_to_integer(f, fi, F2I::floor)) return fi < i;
  return f < 0;
}

bool le_float_int(double f, std::int64_t i) {
  if (int_fits_float(i)) return f <= static_cast<double>(i);
  std::int64_t fi;  // f <= i <=> ceil(f) <= i
  if (float_to_integer(f, fi, F2I::ceil)) return fi <= i;
  return f < 0;
}

bool eq_int_float(std::int64_t i, double f) {
  std::int64_t fi;
  return float_to_integer(f, fi, F2I::exact) && fi == i;
}

}  // namespace luna::number
