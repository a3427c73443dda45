#include "engine/local/history_file.hpp"

#include <gtest/gtest.h>

namespace ckpt::engine::local {
namespace {

TEST(TimelineHistory, ParsesEntriesInFileOrder) {
  const auto entries = parse_timeline_history(
      "1\t0/3000148\tbefore LSN 0/3000148\n"
      "\n"
      "# a comment\n"
      "2\t1/A0000000\tno recovery target specified\n");
  ASSERT_TRUE(entries);
  ASSERT_EQ(entries->size(), 2U);
  EXPECT_EQ((*entries)[0].parent_timeline, 1U);
  EXPECT_EQ((*entries)[0].switch_lsn, *parse_lsn("0/3000148"));
  EXPECT_EQ((*entries)[0].reason, "before LSN 0/3000148");
  EXPECT_EQ((*entries)[1].parent_timeline, 2U);
  EXPECT_EQ((*entries)[1].switch_lsn, *parse_lsn("1/A0000000"));
}

TEST(TimelineHistory, RejectsMalformedLines) {
  EXPECT_FALSE(parse_timeline_history("x\t0/3000148\tbefore\n"));
  EXPECT_FALSE(parse_timeline_history("1\tnot-an-lsn\tbefore\n"));
  EXPECT_FALSE(parse_timeline_history("1 0/3000148\n"));
  EXPECT_TRUE(parse_timeline_history(""));
}

TEST(TimelineHistory, NamesHistoryFilesInUpperCaseHex) {
  EXPECT_EQ(history_file_name(2), "00000002.history");
  EXPECT_EQ(history_file_name(26), "0000001A.history");
}

}  // namespace
}  // namespace ckpt::engine::local
