// The recoveryTarget of a recovery Cluster (cnpg.md §3.2/§3.3), chosen by
// CnpgCluster.recovery_target from the checkpoint's recorded RecoveryPoint:
//   lsn   targetLSN = RecoveryPoint.target_lsn, exclusive: true. The target is the END of
//         the restore-point record (the LSN pg_create_restore_point() returns), i.e. the
//         start of the next record. PostgreSQL's inclusive mode stops AFTER the first
//         record at or past the target, which would replay one record of the migration;
//         exclusive stops before it: the database as it was at the restore point.
//   name  targetName = RecoveryPoint.restore_point (stops at that record).
//   time  targetTime = RecoveryPoint.server_time, the DB server's clock, which must be
//         exactly "YYYY-MM-DD HH:MM:SS.ffffff+00": CNPG passes this form to PostgreSQL
//         unchanged, avoiding the 'Z'/'T' conversions that have broken restores.
// Every target is pinned to the checkpoint's timeline (targetTLI) and, except for
// volume-snapshot restores where CNPG forbids it, to its base backup (backupID), which
// also turns off CNPG's automatic backup selection.
#pragma once

#include <string_view>

#include <boost/json/object.hpp>

#include "config/config.hpp"
#include "core/checkpoint.hpp"
#include "core/result.hpp"

namespace ckpt::cnpg {

enum class BackupPin { pinned, forbidden };

// True for exactly "YYYY-MM-DD HH:MM:SS.ffffff+00" with a valid calendar date and time.
bool is_postgres_utc_timestamp(std::string_view text);

// Needs checkpoint.recovery_point, and checkpoint.backup when the backup is pinned.
Result<boost::json::object> render_recovery_target(const config::CnpgCluster& cnpg, const Checkpoint& checkpoint,
                                                   BackupPin pin);

}  // namespace ckpt::cnpg
