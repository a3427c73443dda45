#include "engine/common/archive_progress.hpp"

namespace ckpt::engine {
namespace {

constexpr std::size_t kSegmentNameLength = 24;

bool proves_archived(const std::string& last_archived_wal, const WalFileName& target, std::uint64_t wal_segment_size) {
  const auto archived = parse_wal_file_name(last_archived_wal, wal_segment_size);
  if (!archived || archived->timeline != target.timeline) return false;
  const bool plain_segment = last_archived_wal.size() == kSegmentNameLength;
  return plain_segment ? archived->segno >= target.segno : archived->segno > target.segno;
}

bool failure_blocks(const std::string& last_failed_wal, const WalFileName& target, std::uint64_t wal_segment_size) {
  const auto failed = parse_wal_file_name(last_failed_wal, wal_segment_size);
  if (!failed) return true;  // e.g. a timeline history file: archived before any segment
  if (failed->timeline != target.timeline) return failed->timeline < target.timeline;
  return failed->segno <= target.segno;
}

}  // namespace

ArchiveProgress judge_archive_progress(const pg::ArchiverStatus& status, const WalFileName& target,
                                       std::int64_t failed_count_at_start, std::uint64_t wal_segment_size) {
  if (proves_archived(status.last_archived_wal, target, wal_segment_size)) return ArchiveProgress::archived;
  if (status.failing && status.failed_count > failed_count_at_start &&
      failure_blocks(status.last_failed_wal, target, wal_segment_size)) {
    return ArchiveProgress::failing;
  }
  return ArchiveProgress::waiting;
}

}  // namespace ckpt::engine
