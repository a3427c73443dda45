// Whether a checkpoint can be taken on the local cluster now. Refusals are
// ErrorCode::refused with a refusal reason and a message that says how to fix it:
// cluster_unreachable (the connection settings without secrets and libpq's reason),
// archive_mode_off (archive_mode off or no archive_command), wal_archive_failing (the
// archiver's last failure is newer than its last success, or archive_directory is
// missing or unreadable). Blocking: run on the pool.
#pragma once

#include "core/result.hpp"
#include "engine/engine.hpp"
#include "engine/local/local_context.hpp"

namespace ckpt::engine::local {

Result<void> check_preflight(const LocalContext& context);

// For the metrics: reachable when a session opens and pg_stat_archiver can be read; WAL
// archiving healthy under the same conditions as check_preflight (archive_mode on, an
// archive command or library, the last failure not newer than the last success,
// archive_directory readable); the age of the last archived segment by the server's
// clock. Blocking (bounded by deadlines.preflight): run on the pool.
engine::ClusterHealth probe_cluster(const LocalContext& context);

}  // namespace ckpt::engine::local
