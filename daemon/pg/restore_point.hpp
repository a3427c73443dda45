// Recording a checkpoint's recovery point on the server, in one round trip and in this
// order: the server's clock (UTC, "YYYY-MM-DD HH:MM:SS.ffffff+00"), pg_current_wal_lsn(),
// then pg_create_restore_point(name). The LSN that pg_create_restore_point returns is
// the END of the restore point record: a recovery to it, exclusive, stops right after
// the record (trap 1 of baseline.md: pg_current_wal_lsn() is only the page-aligned
// write pointer). For time targets `commit_marker` adds a commit after it. Then
// `finish_segment` makes the archiver pick the segment up.
#pragma once

#include <cstdint>
#include <pqxx/connection>
#include <string>

#include "core/lsn.hpp"
#include "core/result.hpp"

namespace ckpt::pg {

struct RecordedRestorePoint {
  std::string server_time;
  Lsn current_lsn;
  Lsn restore_point_lsn;  // end of the restore point record: the recovery target
  std::uint32_t timeline = 0;
  std::uint64_t wal_segment_size = kDefaultWalSegmentSize;
};

Result<RecordedRestorePoint> create_restore_point(pqxx::connection& connection, const std::string& name);

// Commits a transaction that writes a commit record (txid_current() assigns an xid) after
// the restore point: a recovery to a TIME target stops at the first commit after it and
// fails ("recovery ended before configured recovery target was reached") when there is none.
Result<void> commit_marker(pqxx::connection& connection);

// Closes the WAL segment holding the byte at `target` with pg_switch_wal(), so it is
// archived. A recovery that stops before the record starting at `target` must read
// that record; when `target` is exactly at a segment boundary nothing lives there yet,
// so a small WAL message is written first (pg_switch_wal() is a no-op at a boundary).
Result<void> finish_segment(pqxx::connection& connection, Lsn target, std::uint64_t wal_segment_size);

}  // namespace ckpt::pg
