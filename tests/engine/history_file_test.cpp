#include "engine/common/history_file.hpp"

#include <gtest/gtest.h>

namespace ckpt::engine {
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

RecoveryPoint point_at(const char* lsn) {
  RecoveryPoint point;
  point.target_lsn = *parse_lsn(lsn);
  point.timeline = 1;
  return point;
}

TEST(TimelineHistory, AStopRightBeforeTheTargetMatches) {
  EXPECT_EQ(stop_point_mismatch("1\t0/3000148\tbefore 0/3000148\n", "00000002.history", point_at("0/3000148")),
            std::nullopt);
}

TEST(TimelineHistory, SaysWhereRecoveryStoppedInstead) {
  EXPECT_EQ(stop_point_mismatch("1\t0/3000200\tno recovery target specified\n", "00000002.history",
                                point_at("0/3000148")),
            "recovery stopped at 0/3000200 (no recovery target specified), not right before the target 0/3000148");
  EXPECT_EQ(stop_point_mismatch("1\t0/3000148\tafter 0/3000148\n", "00000002.history", point_at("0/3000148")),
            "recovery stopped at 0/3000148 (after 0/3000148), not right before the target 0/3000148");
  EXPECT_EQ(stop_point_mismatch("3\t0/3000148\tbefore 0/3000148\n", "00000004.history", point_at("0/3000148")),
            "00000004.history has no switch from timeline 1");
  EXPECT_EQ(stop_point_mismatch("garbage\n", "00000002.history", point_at("0/3000148")),
            "00000002.history is malformed");
}

}  // namespace
}  // namespace ckpt::engine
