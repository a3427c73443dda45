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

}  // namespace
}  // namespace ckpt::sql
