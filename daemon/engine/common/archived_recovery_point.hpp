// The recovery point of a checkpoint, for every engine: after the base backup, record
// on the source's primary the server's time, LSN, timeline and the restore point
// checkpointd-<id> in one round trip, check that the target lies after the backup's end,
// optionally commit a marker transaction (time targets need a commit after the target),
// close the WAL segment, then poll pg_stat_archiver every 20 ms until the segment holding
// the target is archived (archive_progress.hpp) and, where the engine can see the
// archive, is there (`missing_from_archive`). Not archived within `archive_wait`, or the
// archiver failing on it: ErrorCode::refused with reason wal_archive_failing, naming the
// segment, the last failure and the deadline. An unreachable server: refused with
// cluster_unreachable. A target not after the backup's end: ErrorCode::failed.
// libpqxx runs on the blocking pool; waits are timers on the caller's executor.
#pragma once

#include <spdlog/logger.h>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/checkpoint.hpp"
#include "core/result.hpp"
#include "pg/conninfo.hpp"

namespace ckpt::engine {

struct RecoveryPointSource {
  std::string cluster;        // checkpointd's name of the cluster, for logs
  pg::ConnParams connection;  // the source's primary
  std::chrono::milliseconds archive_wait{60'000};
  bool commit_marker = false;  // commit a transaction after the restore point (time targets)
  // Blocking, run on the pool: for a segment pg_stat_archiver reports archived, nullopt
  // when restores will find it, else what is missing ("not in archive_directory /x").
  // Empty: pg_stat_archiver alone decides.
  std::function<std::optional<std::string>(const std::string& wal_file)> missing_from_archive;
  boost::asio::thread_pool* pool = nullptr;
  std::shared_ptr<spdlog::logger> logger;  // also the SQL issued, at debug level (pg/statement_log.hpp)
};

boost::asio::awaitable<Result<RecoveryPoint>> record_archived_recovery_point(const RecoveryPointSource& source,
                                                                             const Checkpoint& checkpoint);

}  // namespace ckpt::engine
