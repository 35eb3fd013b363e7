// Numeral parsing/formatting under a locale whose decimal point is ',' (Lua 5.4 follows the C
// locale there: strtod/"%.14g" in that locale, plus the retry that replaces a '.' by the locale's
// point). Needs such a locale installed (or found through LOCPATH); skipped with the reason if none.
#include <gtest/gtest.h>

#include <clocale>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>

#include "number/numconv.h"

using namespace luna::number;

namespace {

constexpr const char* comma_locales[] = {"pt_BR",       "pt_BR.ISO-8859-1", "pt_BR.UTF-8", "pt_BR.utf8",
                                         "de_DE.UTF-8", "de_DE.utf8",       "de_DE",       "fr_FR.UTF-8",
                                         "fr_FR",       "ptb"};

// Switches LC_NUMERIC to the first ',' locale found and back to "C" at the end of the test.
class CommaLocale : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* name : comma_locales) {
      if (std::setlocale(LC_NUMERIC, name) != nullptr) {
        if (std::strcmp(std::localeconv()->decimal_point, ",") == 0) {
          locale_name_ = name;
          return;
        }
        std::setlocale(LC_NUMERIC, "C");
      }
    }
    GTEST_SKIP() << "no locale with ',' as decimal point is available (tried pt_BR, de_DE, fr_FR; "
                    "build one with localedef and set LOCPATH to run these tests)";
  }
  void TearDown() override { std::setlocale(LC_NUMERIC, "C"); }

  std::string locale_name_;
};

std::string fmt(double f) {
  char buffer[max_number_chars];
  return std::string(buffer, format_float(f, buffer));
}

// What the reference does: snprintf("%.14g") in the current locale, then the ".0" rule spelled
// with the locale's point.
std::string reference_fmt(double f) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.14g", f);
  std::string s = buffer;
  if (s.find_first_not_of("-0123456789") == std::string::npos) {
    s += std::localeconv()->decimal_point[0];
    s += '0';
  }
  return s;
}

bool parses_as_float(std::string_view text, double expected) {
  Numeral n{};
  if (parse_numeral(text, n) != text.size() + 1 || n.is_integer) return false;
  return n.f == expected && std::signbit(n.f) == std::signbit(expected);
}

bool rejected(std::string_view text) {
  Numeral n{};
  return parse_numeral(text, n) == 0;
}

TEST_F(CommaLocale, FormatsWithTheLocalePoint) {
  EXPECT_EQ(fmt(3.5), "3,5") << locale_name_;
  EXPECT_EQ(fmt(3.25), "3,25");
  EXPECT_EQ(fmt(3.0), "3,0");
  EXPECT_EQ(fmt(-3.0), "-3,0");
  EXPECT_EQ(fmt(-0.0), "-0,0");
  EXPECT_EQ(fmt(100.0), "100,0");
  EXPECT_EQ(fmt(0.1), "0,1");
  EXPECT_EQ(fmt(1e15), "1e+15");
  EXPECT_EQ(fmt(1e100), "1e+100");
  EXPECT_EQ(fmt(std::ldexp(1.0, 63)), "9,2233720368548e+18");
  EXPECT_EQ(fmt(3.141592653589793), "3,1415926535898");
  EXPECT_EQ(fmt(HUGE_VAL), "inf");
  EXPECT_EQ(fmt(-HUGE_VAL), "-inf");
}

TEST_F(CommaLocale, FormatMatchesSnprintfInTheLocale) {
  std::mt19937_64 random(20261201);
  std::uniform_int_distribution<int> exponent(-330, 330);
  std::uniform_real_distribution<double> mantissa(-10.0, 10.0);
  for (int k = 0; k < 20000; ++k) {
    double f = mantissa(random) * std::pow(10.0, exponent(random));
    if (k % 4 == 0) f = std::round(f / std::pow(10.0, exponent(random) % 20));
    if (!std::isfinite(f)) continue;
    ASSERT_EQ(fmt(f), reference_fmt(f)) << f;
  }
}

TEST_F(CommaLocale, ParsesBothTheLocalePointAndADot) {
  EXPECT_TRUE(parses_as_float("3,5", 3.5)) << locale_name_;
  EXPECT_TRUE(parses_as_float("3.5", 3.5));
  EXPECT_TRUE(parses_as_float("3,4", 3.4));
  EXPECT_TRUE(parses_as_float("  -.4  ", -0.4));
  EXPECT_TRUE(parses_as_float("-,4", -0.4));
  EXPECT_TRUE(parses_as_float(",5", 0.5));
  EXPECT_TRUE(parses_as_float("5,", 5.0));
  EXPECT_TRUE(parses_as_float("5.", 5.0));
  EXPECT_TRUE(parses_as_float("1,e5", 1e5));
  EXPECT_TRUE(parses_as_float("1.e5", 1e5));
  EXPECT_TRUE(parses_as_float("3,5e2", 350.0));
  EXPECT_TRUE(parses_as_float("1e5", 1e5));
  EXPECT_TRUE(parses_as_float("0x1,8", 1.5));
  EXPECT_TRUE(parses_as_float("0x1.8", 1.5));
  EXPECT_TRUE(parses_as_float("0x,1", 0.0625));
  EXPECT_TRUE(parses_as_float(" 0x.1 ", 0.0625));
  EXPECT_TRUE(parses_as_float("  +0x.41  ", 0x0.41p0));
  EXPECT_TRUE(parses_as_float("0x1,8p1", 3.0));
  EXPECT_TRUE(parses_as_float("1e400", HUGE_VAL));
  EXPECT_TRUE(parses_as_float("1,0e400", HUGE_VAL));
  EXPECT_TRUE(parses_as_float("3,0", 3.0));  // a float numeral: not an integer
}

TEST_F(CommaLocale, RejectsMixedOrRepeatedMarks) {
  for (const char* text : {"3,5.", "3.5,", "3,5,1", "3.5.1", "1,5.2", "4.5.", ",", ".", "0x", "0x,", "inf",
                           "nan", "NAN", "1,5x", "1 ,5", "3;5"})
    EXPECT_TRUE(rejected(text)) << text;
}

TEST_F(CommaLocale, DotRetryOnlyForShortTexts) {
  // The reference copies the text into a 200-byte buffer for the retry; longer texts with a '.'
  // fail, while the locale's own spelling has no such limit.
  std::string spaces_to_200(197, ' ');
  EXPECT_TRUE(parses_as_float("1.5" + spaces_to_200, 1.5));
  EXPECT_TRUE(rejected("1.5" + spaces_to_200 + " "));
  EXPECT_TRUE(parses_as_float("1,5" + spaces_to_200 + "          ", 1.5));
}

TEST_F(CommaLocale, IntegersDoNotDependOnTheLocale) {
  Numeral n{};
  ASSERT_EQ(parse_numeral(" 10 ", n), 5u);
  EXPECT_TRUE(n.is_integer);
  EXPECT_EQ(n.i, 10);
  char buffer[max_number_chars];
  EXPECT_EQ(std::string(buffer, format_integer(-42, buffer)), "-42");
}

TEST_F(CommaLocale, ParseRoundTripsTheLocaleSpelling) {
  std::mt19937_64 random(7);
  std::uniform_int_distribution<int> exponent(-300, 300);
  std::uniform_real_distribution<double> mantissa(-10.0, 10.0);
  for (int k = 0; k < 5000; ++k) {
    double f = mantissa(random) * std::pow(10.0, exponent(random));
    char text[64];
    std::snprintf(text, sizeof text, "%.16e", f);  // written with the locale's point by the C library
    ASSERT_TRUE(parses_as_float(text, f)) << text;
    std::string dotted = text;
    std::size_t comma = dotted.find(',');
    ASSERT_NE(comma, std::string::npos) << dotted;
    dotted[comma] = '.';
    ASSERT_TRUE(parses_as_float(dotted, f)) << dotted;
  }
}

TEST_F(CommaLocale, BackInTheCLocaleACommaIsNotAPoint) {
  std::setlocale(LC_NUMERIC, "C");
  EXPECT_TRUE(rejected("3,5"));
  EXPECT_TRUE(parses_as_float("3.5", 3.5));
  EXPECT_EQ(fmt(3.5), "3.5");
  EXPECT_EQ(fmt(3.0), "3.0");
}

}  // namespace
