#include "sql/source_position.hpp"

#include <gtest/gtest.h>

#include <string>

namespace ckpt::sql {
namespace {

TEST(SourcePositions, LinesAndColumnsOfBytes) {
  const std::string text = "ab\ncd\n\nxé!";
  const SourcePositions positions(text);
  EXPECT_EQ(positions.of_byte(0).line, 1);
  EXPECT_EQ(positions.of_byte(0).column, 1);
  EXPECT_EQ(positions.of_byte(2).column, 3);  // the '\n' itself ends line 1
  EXPECT_EQ(positions.of_byte(3).line, 2);
  EXPECT_EQ(positions.of_byte(3).column, 1);
  EXPECT_EQ(positions.of_byte(6).line, 3);
  EXPECT_EQ(positions.of_byte(7).line, 4);
  EXPECT_EQ(positions.of_byte(10).column, 3);  // '!' after the two bytes of 'é'
  EXPECT_EQ(positions.of_byte(1000).line, 4);  // clamped to the end
  EXPECT_EQ(positions.of_byte(1000).column, 4);
}

TEST(SourcePositions, CharacterPositionsCountCodePoints) {
  const std::string text = "é\n日本x";
  const SourcePositions positions(text);
  EXPECT_EQ(positions.of_character(1).line, 1);
  EXPECT_EQ(positions.of_character(1).column, 1);
  EXPECT_EQ(positions.of_character(3).line, 2);
  EXPECT_EQ(positions.of_character(5).column, 3);  // 'x'
  EXPECT_EQ(positions.of_character(99).column, 4);
  EXPECT_EQ(positions.of_character(0).column, 1);
}

TEST(Utf8, AcceptsWellFormedText) {
  EXPECT_FALSE(first_invalid_utf8(""));
  EXPECT_FALSE(first_invalid_utf8("plain ascii"));
  EXPECT_FALSE(first_invalid_utf8("é 日本 𝄞 \xf4\x8f\xbf\xbf"));
}

TEST(Utf8, FindsTheFirstBadByte) {
  EXPECT_EQ(first_invalid_utf8("ab\xff"), 2U);
  EXPECT_EQ(first_invalid_utf8("a\xc3"), 1U);             // truncated
  EXPECT_EQ(first_invalid_utf8("a\xc0\xaf"), 1U);         // overlong '/'
  EXPECT_EQ(first_invalid_utf8("\xe0\x80\xaf"), 0U);      // overlong
  EXPECT_EQ(first_invalid_utf8("x\xed\xa0\x80"), 1U);     // surrogate U+D800
  EXPECT_EQ(first_invalid_utf8("\xf4\x90\x80\x80"), 0U);  // past U+10FFFF
  EXPECT_EQ(first_invalid_utf8("é\x80"), 2U);             // stray continuation byte
}

}  // namespace
}  // namespace ckpt::sql
