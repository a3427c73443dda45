// Reads a CNPG Backup's status (cnpg.md §2.3/§2.4) and turns a completed one into the
// checkpoint's BackupInfo.
//
// parse_backup_status() accepts every phase and any subset of fields (the operator fills
// them in over time) but rejects malformed ones, naming the field. A Backup with no
// status or no phase yet is `pending`: the operator has not picked it up. Phases CNPG may
// add later are `unknown`. Only `completed` and `failed` are terminal; a Backup stuck in
// `walArchivingFailing`, `pending` or `started` is ended by the caller's deadline.
//
// to_backup_info() demands what a checkpoint needs from a completed Backup: backupId (the
// pinned recoveryTarget.backupID), beginLSN, endLSN (the recovery point must lie after it),
// startedAt, stoppedAt and a timeline (from beginWal, else pluginMetadata.timeline).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "core/checkpoint.hpp"
#include "core/result.hpp"

namespace ckpt::cnpg {

enum class BackupProgress {
  pending,
  started,
  running,
  finalizing,
  completed,
  failed,
  wal_archiving_failing,
  invalid,  // "invalid backup definition"
  unknown,  // a phase this build does not know
};

std::string_view to_string(BackupProgress progress);
bool is_terminal(BackupProgress progress);  // completed or failed

// One element of status.snapshotBackupStatus.elements (volumeSnapshot backups).
struct SnapshotElement {
  std::string name;             // the VolumeSnapshot's name
  std::string type;             // PG_DATA | PG_WAL | PG_TABLESPACE
  std::string tablespace_name;  // PG_TABLESPACE only
};

struct BackupStatus {
  std::string namespace_name;
  std::string object_name;  // metadata.name
  std::string phase;        // verbatim, "" before the operator set one
  BackupProgress progress = BackupProgress::pending;
  std::string backup_id;
  std::string backup_name;
  std::optional<Lsn> begin_lsn;
  std::optional<Lsn> end_lsn;
  std::string begin_wal;
  std::string end_wal;
  std::optional<TimePoint> started_at;
  std::optional<TimePoint> stopped_at;
  std::string error;
  std::string method;
  std::optional<std::uint32_t> plugin_timeline;  // status.pluginMetadata.timeline
  std::vector<SnapshotElement> snapshots;
};

// `backup` is the whole Backup object as the API returned it.
Result<BackupStatus> parse_backup_status(const boost::json::object& backup);

// The completed Backup as the checkpoint's base backup (name = the Backup object's name).
Result<BackupInfo> to_backup_info(const BackupStatus& status);

}  // namespace ckpt::cnpg
