#include "core/utf8.hpp"

#include <gtest/gtest.h>

#include <string>

namespace ckpt {
namespace {

TEST(Utf8, ValidTextHasNoInvalidByte) {
  EXPECT_EQ(first_invalid_utf8(""), std::nullopt);
  EXPECT_EQ(first_invalid_utf8("plain ascii"), std::nullopt);
  EXPECT_EQ(first_invalid_utf8("é ü € 𝄞 \xf4\x8f\xbf\xbf"), std::nullopt);  // U+10FFFF is the last
}

TEST(Utf8, TheFirstBadByteIsFound) {
  EXPECT_EQ(first_invalid_utf8("ab\xff"), 2U);
  EXPECT_EQ(first_invalid_utf8("a\x80"), 1U);             // a lone continuation byte
  EXPECT_EQ(first_invalid_utf8("a\xc3"), 1U);             // truncated
  EXPECT_EQ(first_invalid_utf8("\xc3(\xa9"), 0U);         // lead byte without continuation
  EXPECT_EQ(first_invalid_utf8("\xc0\xaf"), 0U);          // overlong "/"
  EXPECT_EQ(first_invalid_utf8("\xe0\x80\xaf"), 0U);      // overlong, 3 bytes
  EXPECT_EQ(first_invalid_utf8("\xf0\x80\x80\xaf"), 0U);  // overlong, 4 bytes
  EXPECT_EQ(first_invalid_utf8("x\xed\xa0\x80"), 1U);     // U+D800, a surrogate
  EXPECT_EQ(first_invalid_utf8("\xf4\x90\x80\x80"), 0U);  // U+110000
  EXPECT_EQ(first_invalid_utf8("\xf5\x80\x80\x80"), 0U);
  EXPECT_EQ(first_invalid_utf8("é\xe2\x82"), 2U);  // truncated euro sign
}

TEST(Utf8, PrefixesEndOnCharacterBoundaries) {
  EXPECT_EQ(utf8_prefix("abc", 5), "abc");
  EXPECT_EQ(utf8_prefix("abcdef", 3), "abc");
  EXPECT_EQ(utf8_prefix("aé", 2), "a");   // é is two bytes
  EXPECT_EQ(utf8_prefix("a€b", 3), "a");  // € is three
  EXPECT_EQ(utf8_prefix("a€b", 4), "a€");
  EXPECT_EQ(utf8_prefix("\xff\xff\xff", 2), "\xff\xff");  // invalid bytes count one each
}

TEST(Utf8, InvalidBytesAreReplaced) {
  EXPECT_EQ(valid_utf8("caf\xc3\xa9"), "caf\xc3\xa9");
  EXPECT_EQ(valid_utf8("a\xff"
                       "b\xc3"),
            "a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD");
  EXPECT_EQ(valid_utf8("\xed\xa0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}

}  // namespace
}  // namespace ckpt
