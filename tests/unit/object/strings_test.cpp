// Strings: interning of short strings, long strings by content, embedded zeros, the intern table
// growing and shrinking, lazy long-string hashes, the API pointer cache.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "test_support.h"

namespace luna::testing {
namespace {

class Strings : public ::testing::Test, public StateFixture {};

TEST_F(Strings, ShortStringsAreInterned) {
  String* a = str("hello");
  String* b = strings::new_string(L, "hello world", 5);
  EXPECT_EQ(a, b);
  EXPECT_TRUE(a->is_short());
  EXPECT_EQ(a->length(), 5u);
  EXPECT_EQ(a->chars()[5], '\0');
  EXPECT_NE(str("hellp"), a);
  EXPECT_EQ(str(""), str(""));
  EXPECT_EQ(str("")->length(), 0u);
}

TEST_F(Strings, BoundaryBetweenShortAndLong) {
  std::string forty(max_short_len, 'x');
  std::string forty_one(max_short_len + 1, 'x');
  EXPECT_TRUE(str(forty)->is_short());
  EXPECT_EQ(str(forty), str(forty));
  String* l1 = str(forty_one);
  String* l2 = str(forty_one);
  EXPECT_FALSE(l1->is_short());
  EXPECT_NE(l1, l2);
  EXPECT_TRUE(strings::equal(l1, l2));
  EXPECT_EQ(l1->length(), max_short_len + 1);
  EXPECT_FALSE(strings::equal(l1, str(forty)));
}

TEST_F(Strings, EmbeddedZerosAreContent) {
  const char with_zero[] = {'a', '\0', 'b'};
  String* s = strings::new_string(L, with_zero, 3);
  EXPECT_EQ(s->length(), 3u);
  EXPECT_EQ(std::memcmp(s->chars(), with_zero, 3), 0);
  EXPECT_NE(s, str("a"));
  EXPECT_EQ(s, strings::new_string(L, with_zero, 3));
  std::string long_zeros(100, '\0');
  long_zeros[50] = 'z';
  String* l1 = str(long_zeros);
  std::string other = long_zeros;
  other[99] = 'q';
  EXPECT_FALSE(strings::equal(l1, str(other)));
  EXPECT_TRUE(strings::equal(l1, str(long_zeros)));
  std::string all_bytes;
  for (int c = 0; c < 256; c++) all_bytes.push_back(static_cast<char>(c));
  String* bytes = str(all_bytes);
  EXPECT_EQ(std::memcmp(bytes->chars(), all_bytes.data(), 256), 0);
}

TEST_F(Strings, LongStringHashIsLazyAndContentBased) {
  std::string text(1000, 'a');
  String* l1 = str(text);
  String* l2 = str(text);
  EXPECT_EQ(l1->extra, 0);
  std::uint32_t h = strings::hash_of(l1);
  EXPECT_EQ(l1->extra, 1);
  EXPECT_EQ(strings::hash_of(l2), h);
  text[999] = 'b';
  EXPECT_NE(strings::hash_of(str(text)), h);  // (a collision here would be a very bad hash)
}

TEST_F(Strings, HashDependsOnSeed) {
  const char* s = "some key";
  EXPECT_EQ(strings::hash_bytes(s, 8, 1), strings::hash_bytes(s, 8, 1));
  EXPECT_NE(strings::hash_bytes(s, 8, 1), strings::hash_bytes(s, 8, 2));
  EXPECT_NE(strings::hash_bytes("ab", 2, 7), strings::hash_bytes("ba", 2, 7));
  EXPECT_NE(strings::hash_bytes("a\0", 2, 7), strings::hash_bytes("a", 1, 7));
}

TEST_F(Strings, InternTableGrowsAndShrinks) {
  StringTable& tb = L->global->strings;
  int initial_size = tb.size;
  int initial_count = tb.count;
  Table* keep = tables::new_table(L);
  push(tval(keep));
  for (int i = 0; i < 20000; i++) tables::set_int(L, keep, i + 1, sval("string number " + std::to_string(i)));
  EXPECT_EQ(tb.count, initial_count + 20000);
  EXPECT_GE(tb.size, 16384);
  for (int i = 0; i < 20000; i++)
    ASSERT_EQ(str("string number " + std::to_string(i)), as_string(*tables::get_int(keep, i + 1)));
  pop();  // drop them all
  gc::full(L, false);
  EXPECT_EQ(tb.count, initial_count);
  for (int i = 0; i < 8; i++) gc::full(L, false);  // each cycle halves an oversized table
  EXPECT_LE(tb.size, initial_size * 2);
  EXPECT_EQ(str("string number 7")->length(), 15u);
}

TEST_F(Strings, ApiCacheByPointer) {
  static const char literal[] = "cached literal";
  String* a = strings::new_cstring(L, literal);
  String* b = strings::new_cstring(L, literal);
  EXPECT_EQ(a, b);
  EXPECT_STREQ(a->chars(), literal);
  // Same pointer, new contents: the cache compares contents.
  char buffer[32];
  std::strcpy(buffer, "first");
  String* first = strings::new_cstring(L, buffer);
  std::strcpy(buffer, "second");
  String* second = strings::new_cstring(L, buffer);
  EXPECT_STREQ(first->chars(), "first");
  EXPECT_STREQ(second->chars(), "second");
}

TEST_F(Strings, ApiCacheNeverReturnsDeadStrings) {
  char buffer[64];
  std::strcpy(buffer, "a string only the cache knows about");
  String* s = strings::new_cstring(L, buffer);
  EXPECT_STREQ(s->chars(), buffer);
  std::size_t before = gc::in_use(L->global);
  gc::full(L, false);  // nothing else refers to it: collected, cache entry cleared
  EXPECT_LT(gc::in_use(L->global), before);
  String* again = strings::new_cstring(L, buffer);
  EXPECT_STREQ(again->chars(), buffer);
  EXPECT_EQ(again, str(buffer));
}

TEST_F(Strings, LongStringsAreCollected) {
  std::size_t before = gc::in_use(L->global);
  for (int i = 0; i < 100; i++) str(std::string(10000, 'x'));
  EXPECT_GT(gc::in_use(L->global), before + 100 * 10000);
  gc::full(L, false);
  EXPECT_LE(gc::in_use(L->global), before);
}

}  // namespace
}  // namespace luna::testing
