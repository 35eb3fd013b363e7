// Numeral parsing/formatting against the C library (strtod / "%.14g") and Lua 5.4's rules.
#include "number/numconv.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <random>
#include <string>

#include "base/chunkid.h"
#include "number/arith.h"

using namespace luna::number;

namespace {

std::string fmt(double f) {
  char buffer[max_number_chars];
  return std::string(buffer, format_float(f, buffer));
}

// What lua_Number2str + the ".0" rule produce, computed with printf.
std::string reference_fmt(double f) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.14g", f);
  std::string s = buffer;
  if (s.find_first_not_of("-0123456789") == std::string::npos) s += ".0";
  return s;
}

Numeral parse_ok(std::string_view text) {
  Numeral n{};
  EXPECT_EQ(parse_numeral(text, n), text.size() + 1) << text;
  return n;
}

}  // namespace

TEST(NumConv, IntegersAndWrapAround) {
  EXPECT_EQ(parse_ok("10").i, 10);
  EXPECT_TRUE(parse_ok("  10  ").is_integer);
  EXPECT_EQ(parse_ok("-7").i, -7);
  EXPECT_EQ(parse_ok("+7").i, 7);
  EXPECT_EQ(parse_ok("0x10").i, 16);
  EXPECT_EQ(parse_ok("0XfF").i, 255);
  EXPECT_EQ(parse_ok("0xffffffffffffffff").i, -1);
  EXPECT_EQ(parse_ok("0x10000000000000001").i, 1);  // wraps mod 2^64
  EXPECT_EQ(parse_ok("9223372036854775807").i, INT64_MAX);
  EXPECT_EQ(parse_ok("-9223372036854775808").i, INT64_MIN);
  Numeral big = parse_ok("9223372036854775808");
  EXPECT_FALSE(big.is_integer);
  EXPECT_EQ(big.f, 9223372036854775808.0);
  EXPECT_FALSE(parse_ok("-9223372036854775809").is_integer);
}

TEST(NumConv, Floats) {
  EXPECT_EQ(parse_ok("1e5").f, 1e5);
  EXPECT_EQ(parse_ok(".5").f, 0.5);
  EXPECT_EQ(parse_ok("5.").f, 5.0);
  EXPECT_EQ(parse_ok("0x.8p1").f, 1.0);
  EXPECT_EQ(parse_ok("0x1p-2").f, 0.25);
  EXPECT_EQ(parse_ok("0xA.8").f, 10.5);
  EXPECT_EQ(parse_ok(" -0x1P4 ").f, -16.0);
  EXPECT_EQ(parse_ok("1e400").f, HUGE_VAL);
  EXPECT_EQ(parse_ok("-1e400").f, -HUGE_VAL);
  EXPECT_EQ(parse_ok("1e-400").f, 0.0);
  EXPECT_EQ(parse_ok("4.9e-324").f, std::strtod("4.9e-324", nullptr));
  EXPECT_TRUE(std::signbit(parse_ok("-0.0").f));
}

TEST(NumConv, Rejections) {
  Numeral n{};
  for (const char* bad : {"",    " ",   "1e",   "1e+", "inf",  "nan",    "-inf", "0x", "0xp1", "0x.p1", "--1",
                          "+-1", "1 2", "1..2", "abc", "0x1g", "1.5nan", ".",    "e5", "0x1p", "1f"}) {
    EXPECT_EQ(parse_numeral(bad, n), 0u) << bad;
  }
  EXPECT_EQ(parse_numeral(std::string_view("1\0", 2), n), 0u);
}

// Edge cases checked against the reference's tonumber().
TEST(NumConv, ReferenceEdgeCases) {
  struct Case {
    const char* text;
    bool valid;
    bool is_integer;
    double value;
  };
  const Case cases[] = {
      {"1.e5", true, false, 1e5},
      {"0x1.8", true, false, 1.5},
      {"0x.8", true, false, 0.5},
      {"0x8.", true, false, 8.0},
      {"0x1.", true, false, 1.0},
      {"0x1e", true, true, 30},
      {"-0x1", true, true, -1},
      {"00012", true, true, 12},
      {"0012.5", true, false, 12.5},
      {" \t 12\t ", true, true, 12},
      {"\n1\n", true, true, 1},
      {"2.5e-324", true, false, 5e-324},
      {"0x1p-1075", true, false, 0},
      {"0x1p1024", true, false, HUGE_VAL},
      {"18446744073709551615", true, false, 18446744073709551615.0},
      {"0x0000000000000000000001", true, true, 1},
      {"0xp1", false, false, 0},
      {"0x1p+", false, false, 0},
      {"..1", false, false, 0},
      {"1..", false, false, 0},
      {"- 1", false, false, 0},
      {"0x-1", false, false, 0},
      {"infinity", false, false, 0},
      {"0b1", false, false, 0},
      {"1_000", false, false, 0},
      {"1 e5", false, false, 0},
      {"1e 5", false, false, 0},
      {"0x.", false, false, 0},
      {"0x1E+2", false, false, 0},
      {"123abc", false, false, 0},
      {"12.5.6", false, false, 0},
      {"3e2.5", false, false, 0},
      {"0x5p+-2", false, false, 0},
      {"-0xaaP ", false, false, 0},
      {"0x0.51p", false, false, 0},
      {"1e+-2", false, false, 0},
      {"0x1p+2", true, false, 4.0},
      {"0x1P-2", true, false, 0.25},
      {"1E-2", true, false, 0.01},
  };
  for (const Case& c : cases) {
    Numeral n{};
    std::size_t consumed = parse_numeral(c.text, n);
    if (!c.valid) {
      EXPECT_EQ(consumed, 0u) << c.text;
      continue;
    }
    ASSERT_EQ(consumed, std::strlen(c.text) + 1) << c.text;
    EXPECT_EQ(n.is_integer, c.is_integer) << c.text;
    EXPECT_EQ(n.is_integer ? static_cast<double>(n.i) : n.f, c.value) << c.text;
  }
}

TEST(NumConv, ParseMatchesStrtod) {
  std::mt19937_64 random(12345);
  for (int k = 0; k < 20000; ++k) {
    std::uint64_t bits = random();
    double d;
    std::memcpy(&d, &bits, sizeof d);
    if (!std::isfinite(d)) continue;
    char text[64];
    std::snprintf(text, sizeof text, k % 2 ? "%.17g" : "%a", d);
    Numeral n{};
    ASSERT_EQ(parse_numeral(text, n), std::strlen(text) + 1) << text;
    double expected = std::strtod(text, nullptr);
    if (n.is_integer) {
      EXPECT_EQ(static_cast<double>(n.i), expected) << text;
    } else {
      EXPECT_EQ(std::memcmp(&n.f, &expected, sizeof expected), 0) << text;
    }
  }
}

TEST(NumConv, FormatSpecialValues) {
  EXPECT_EQ(fmt(1e100), "1e+100");
  EXPECT_EQ(fmt(1e15), "1e+15");
  EXPECT_EQ(fmt(1e14), "1e+14");
  EXPECT_EQ(fmt(123456789012345.0), "1.2345678901234e+14");
  EXPECT_EQ(fmt(9007199254740992.0), "9.007199254741e+15");
  EXPECT_EQ(fmt(0.1), "0.1");
  EXPECT_EQ(fmt(-0.0), "-0.0");
  EXPECT_EQ(fmt(3.0), "3.0");
  EXPECT_EQ(fmt(HUGE_VAL), "inf");
  EXPECT_EQ(fmt(-HUGE_VAL), "-inf");
  double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(fmt(nan), reference_fmt(nan));
  EXPECT_EQ(fmt(-nan), reference_fmt(-nan));
  char buffer[max_number_chars];
  EXPECT_EQ(std::string(buffer, format_integer(INT64_MIN, buffer)), "-9223372036854775808");
  EXPECT_EQ(std::string(buffer, format_integer(0, buffer)), "0");
}

TEST(NumConv, FormatMatchesPrintf) {
  std::mt19937_64 random(777);
  for (int k = 0; k < 50000; ++k) {
    std::uint64_t bits = random();
    double d;
    std::memcpy(&d, &bits, sizeof d);
    ASSERT_EQ(fmt(d), reference_fmt(d)) << bits;
  }
  for (int e = -320; e <= 308; ++e) {
    for (double m : {1.0, 1.5, 9.99999999999995, 2.5, 7.0}) {
      double d = m * std::pow(10.0, e);
      ASSERT_EQ(fmt(d), reference_fmt(d)) << d;
    }
  }
  for (int e = 0; e < 64; ++e) {
    double d = std::ldexp(1.0, e);
    ASSERT_EQ(fmt(d), reference_fmt(d));
    ASSERT_EQ(fmt(d + 1), reference_fmt(d + 1));
  }
}

TEST(Arith, FloatToInteger) {
  std::int64_t i = 0;
  EXPECT_TRUE(float_to_integer(3.0, i));
  EXPECT_EQ(i, 3);
  EXPECT_FALSE(float_to_integer(3.5, i));
  EXPECT_TRUE(float_to_integer(3.5, i, F2I::floor));
  EXPECT_EQ(i, 3);
  EXPECT_TRUE(float_to_integer(3.5, i, F2I::ceil));
  EXPECT_EQ(i, 4);
  EXPECT_TRUE(float_to_integer(-3.5, i, F2I::floor));
  EXPECT_EQ(i, -4);
  EXPECT_TRUE(float_to_integer(-9223372036854775808.0, i));
  EXPECT_EQ(i, INT64_MIN);
  EXPECT_FALSE(float_to_integer(9223372036854775808.0, i));
  EXPECT_FALSE(float_to_integer(std::nan(""), i, F2I::floor));
  EXPECT_FALSE(float_to_integer(HUGE_VAL, i, F2I::ceil));
}

TEST(Arith, DivisionAndModulo) {
  EXPECT_EQ(int_floor_div(7, 2), 3);
  EXPECT_EQ(int_floor_div(-7, 2), -4);
  EXPECT_EQ(int_floor_div(7, -2), -4);
  EXPECT_EQ(int_floor_div(INT64_MIN, -1), INT64_MIN);
  EXPECT_EQ(int_mod(-7, 2), 1);
  EXPECT_EQ(int_mod(7, -2), -1);
  EXPECT_EQ(int_mod(INT64_MIN, -1), 0);
  EXPECT_EQ(int_mod(6, -3), 0);
  EXPECT_EQ(float_mod(5.5, 2), 1.5);
  EXPECT_EQ(float_mod(-5.5, 2), 0.5);
  EXPECT_EQ(float_mod(5.5, -2), -0.5);
  EXPECT_EQ(float_mod(-4, -5), -4.0);  // same signs: fmod is already the floor modulo
  EXPECT_EQ(float_mod(-5.5, -2), -1.5);
  EXPECT_EQ(float_mod(4, -5), -1.0);
  EXPECT_EQ(float_mod(-4, 5), 1.0);
  EXPECT_EQ(float_mod(-1, -HUGE_VAL), -1.0);
  EXPECT_EQ(float_mod(1, HUGE_VAL), 1.0);
  EXPECT_EQ(float_mod(-1, HUGE_VAL), HUGE_VAL);
  EXPECT_EQ(float_mod(1, -HUGE_VAL), -HUGE_VAL);
  EXPECT_TRUE(std::isnan(float_mod(1, 0)));
  EXPECT_TRUE(std::signbit(float_mod(-0.0, 2)));
  EXPECT_EQ(float_floor_div(7, 2), 3.0);
  EXPECT_EQ(float_floor_div(-7, 2), -4.0);
  EXPECT_EQ(float_floor_div(1, 0), HUGE_VAL);
  EXPECT_EQ(float_pow(3, 2), 9.0);
  EXPECT_EQ(float_pow(2, 0.5), std::sqrt(2.0));
}

TEST(Arith, Shifts) {
  EXPECT_EQ(shift_left(1, 3), 8);
  EXPECT_EQ(shift_left(1, 63), INT64_MIN);
  EXPECT_EQ(shift_left(1, 64), 0);
  EXPECT_EQ(shift_left(-1, -1), INT64_MAX);  // logical right shift
  EXPECT_EQ(shift_left(-1, -63), 1);
  EXPECT_EQ(shift_left(-1, -64), 0);
  EXPECT_EQ(shift_left(5, INT64_MIN), 0);
}

TEST(Arith, MixedComparisons) {
  const double two53 = 9007199254740992.0;
  const std::int64_t i53 = std::int64_t{1} << 53;
  EXPECT_TRUE(lt_int_float(i53, two53 + 2));
  EXPECT_FALSE(lt_int_float(i53 + 1, two53));
  EXPECT_TRUE(lt_float_int(two53, i53 + 1));
  EXPECT_FALSE(eq_int_float(i53 + 1, two53));
  EXPECT_TRUE(eq_int_float(i53, two53));
  EXPECT_TRUE(le_float_int(two53, i53 + 1));
  EXPECT_FALSE(le_int_float(i53 + 1, two53));
  EXPECT_TRUE(eq_int_float(INT64_MIN, -9223372036854775808.0));
  EXPECT_TRUE(le_int_float(INT64_MIN, -9223372036854775808.0));
  EXPECT_FALSE(lt_int_float(INT64_MIN, -9223372036854775808.0));
  EXPECT_TRUE(lt_int_float(INT64_MAX, 9223372036854775808.0));
  EXPECT_FALSE(le_float_int(9223372036854775808.0, INT64_MAX));
  EXPECT_TRUE(lt_float_int(-HUGE_VAL, INT64_MIN));
  double nan = std::nan("");
  for (std::int64_t i : {std::int64_t{0}, INT64_MAX, INT64_MIN}) {
    EXPECT_FALSE(lt_int_float(i, nan));
    EXPECT_FALSE(le_int_float(i, nan));
    EXPECT_FALSE(lt_float_int(nan, i));
    EXPECT_FALSE(le_float_int(nan, i));
    EXPECT_FALSE(eq_int_float(i, nan));
  }
  EXPECT_TRUE(lt_int_float(3, 3.5));
  EXPECT_TRUE(le_float_int(2.5, 3));
  EXPECT_FALSE(lt_float_int(3.0, 3));
}

static std::string cat(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (std::string_view part : parts) out.append(part);
  return out;
}

TEST(ChunkId, Forms) {
  using luna::base::chunk_id;
  EXPECT_EQ(chunk_id("=stdin"), "stdin");
  EXPECT_EQ(chunk_id("@file.lua"), "file.lua");
  EXPECT_EQ(chunk_id("x = 1"), "[string \"x = 1\"]");
  EXPECT_EQ(chunk_id("line1\nline2"), "[string \"line1...\"]");
  std::string long_source(100, 'a');
  EXPECT_EQ(chunk_id(long_source), cat({"[string \"", std::string(45, 'a'), "...\"]"}));
  EXPECT_EQ(chunk_id(std::string(44, 'b')), cat({"[string \"", std::string(44, 'b'), "\"]"}));
  EXPECT_EQ(chunk_id(std::string(45, 'b')), cat({"[string \"", std::string(45, 'b'), "...\"]"}));
  std::string long_file = cat({"@", std::string(70, 'f'), "END"});
  EXPECT_EQ(chunk_id(long_file), cat({"...", std::string(53, 'f'), "END"}));
  EXPECT_EQ(chunk_id(cat({"=", std::string(70, 'n')})), std::string(59, 'n'));
  EXPECT_EQ(chunk_id(cat({"@", std::string(59, 'f')})), std::string(59, 'f'));
}
