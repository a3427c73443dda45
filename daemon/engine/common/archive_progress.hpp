// Whether the WAL segment holding a recovery target is archived yet, judged from
// pg_stat_archiver alone. Pure: no IO.
// - archived: last_archived_wal has reached the segment (a plain segment name at or after
//   it; a ".partial"/".backup" name only proves the segments before its own);
// - failing: the archiver failed again since the wait began (failed_count grew), its
//   last failure is newer than its last success, and the failed file is not one after
//   ours (the archiver is serial, so a failure at or before our segment blocks it);
// - waiting otherwise.
// Names are compared as parsed (timeline, segment number), never as strings or globs.
// An engine that can also see the archive itself (local: archive_directory) adds that
// evidence on top (archived_recovery_point.hpp).
#pragma once

#include <cstdint>

#include "core/lsn.hpp"
#include "pg/archiver.hpp"

namespace ckpt::engine {

enum class ArchiveProgress { waiting, archived, failing };

ArchiveProgress judge_archive_progress(const pg::ArchiverStatus& status, const WalFileName& target,
                                       std::int64_t failed_count_at_start, std::uint64_t wal_segment_size);

}  // namespace ckpt::engine
