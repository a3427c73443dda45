#include "engine/common/archive_progress.hpp"

#include <gtest/gtest.h>

namespace ckpt::engine {
namespace {

const WalFileName kTarget{1, 0x205};  // 000000010000000200000005

pg::ArchiverStatus archived_up_to(std::string wal) {
  pg::ArchiverStatus status;
  status.last_archived_wal = std::move(wal);
  return status;
}

TEST(ArchiveProgress, ArchivedOnceTheArchiverReachedTheSegment) {
  EXPECT_EQ(
      judge_archive_progress(archived_up_to("000000010000000200000005"), kTarget, 0, kDefaultWalSegmentSize),
      ArchiveProgress::archived);
  EXPECT_EQ(
      judge_archive_progress(archived_up_to("000000010000000200000009"), kTarget, 0, kDefaultWalSegmentSize),
      ArchiveProgress::archived);
}

TEST(ArchiveProgress, WaitsWhileTheArchiverIsBehind) {
  EXPECT_EQ(
      judge_archive_progress(archived_up_to("000000010000000200000004"), kTarget, 0, kDefaultWalSegmentSize),
      ArchiveProgress::waiting);
  EXPECT_EQ(judge_archive_progress(archived_up_to(""), kTarget, 0, kDefaultWalSegmentSize),
            ArchiveProgress::waiting);
}

TEST(ArchiveProgress, ComparesParsedNamesAcrossTheFourGigabyteBoundary) {
  // Segment 1/FF lies before 2/05; a later timeline's name proves nothing about ours.
  EXPECT_EQ(
      judge_archive_progress(archived_up_to("0000000100000001000000FF"), kTarget, 0, kDefaultWalSegmentSize),
      ArchiveProgress::waiting);
  EXPECT_EQ(
      judge_archive_progress(archived_up_to("000000020000000200000001"), kTarget, 0, kDefaultWalSegmentSize),
      ArchiveProgress::waiting);
}

TEST(ArchiveProgress, SuffixedNamesProveOnlyTheSegmentsBeforeThem) {
  EXPECT_EQ(judge_archive_progress(archived_up_to("000000010000000200000005.00000028.backup"), kTarget, 0,
                                   kDefaultWalSegmentSize),
            ArchiveProgress::waiting);
  EXPECT_EQ(judge_archive_progress(archived_up_to("000000010000000200000006.partial"), kTarget, 0,
                                   kDefaultWalSegmentSize),
            ArchiveProgress::archived);
  EXPECT_EQ(judge_archive_progress(archived_up_to("00000002.history"), kTarget, 0, kDefaultWalSegmentSize),
            ArchiveProgress::waiting);
}

pg::ArchiverStatus failing_on(std::string wal, std::int64_t failed_count) {
  pg::ArchiverStatus status;
  status.last_archived_wal = "000000010000000200000003";
  status.last_failed_wal = std::move(wal);
  status.failed_count = failed_count;
  status.failing = true;
  return status;
}

TEST(ArchiveProgress, FailingOnlyForNewFailuresAtOrBeforeOurSegment) {
  EXPECT_EQ(
      judge_archive_progress(failing_on("000000010000000200000005", 3), kTarget, 2, kDefaultWalSegmentSize),
      ArchiveProgress::failing);
  EXPECT_EQ(
      judge_archive_progress(failing_on("000000010000000200000004", 3), kTarget, 2, kDefaultWalSegmentSize),
      ArchiveProgress::failing);
  EXPECT_EQ(judge_archive_progress(failing_on("00000001.history", 3), kTarget, 2, kDefaultWalSegmentSize),
            ArchiveProgress::failing);
  // An old failure, recorded before the wait began, may already be fixed.
  EXPECT_EQ(
      judge_archive_progress(failing_on("000000010000000200000004", 3), kTarget, 3, kDefaultWalSegmentSize),
      ArchiveProgress::waiting);
  // A failure on a later segment does not block ours.
  EXPECT_EQ(
      judge_archive_progress(failing_on("000000010000000200000007", 3), kTarget, 2, kDefaultWalSegmentSize),
      ArchiveProgress::waiting);
  auto recovered = failing_on("000000010000000200000004", 3);
  recovered.failing = false;
  EXPECT_EQ(judge_archive_progress(recovered, kTarget, 2, kDefaultWalSegmentSize), ArchiveProgress::waiting);
}

}  // namespace
}  // namespace ckpt::engine
