// The recovery point of a checkpoint on the local cluster: after the base backup,
// record the server's time, LSN, timeline and the restore point checkpointd-<id> in
// one round trip, check that the target lies after the backup's end, close the WAL
// segment, then poll pg_stat_archiver and the archive directory every 20 ms until the
// segment holding the target is archived (see archive_progress.hpp). Not archived
// within the archive_wait deadline, or the archiver failing on it: ErrorCode::refused
// with reason wal_archive_failing, naming the segment, the last failure and the
// deadline. An unreachable server: refused with cluster_unreachable.
#pragma once

#include <boost/asio/awaitable.hpp>

#include "core/checkpoint.hpp"
#include "core/result.hpp"
#include "engine/local/local_context.hpp"

namespace ckpt::engine::local {

boost::asio::awaitable<Result<RecoveryPoint>> record_archived_recovery_point(const LocalContext& context,
                                                                             const Checkpoint& checkpoint);

}  // namespace ckpt::engine::local
