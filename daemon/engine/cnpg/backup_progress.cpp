#include "engine/cnpg/backup_progress.hpp"

#include "core/begin_validation.hpp"
#include "core/duration.hpp"

namespace ckpt::engine::cnpg {
namespace {

using ckpt::cnpg::BackupProgress;
using ckpt::cnpg::BackupStatus;

std::string label_of(const BackupStatus& status) {
  return "Backup " + status.namespace_name + "/" + status.object_name;
}

std::string cnpg_error(const BackupStatus& status) {
  return status.error.empty() ? std::string{"CNPG gave no error message"} : status.error;
}

Error stuck(const BackupStatus& status, Millis deadline) {
  if (status.progress == BackupProgress::wal_archiving_failing) {
    return make_error(ErrorCode::refused,
                      label_of(status) + " stayed in phase walArchivingFailing for more than " +
                          format_duration(deadline) +
                          " (cnpg.backup_phase_deadlines.wal_archiving_failing): CNPG's WAL archiving check fails: " +
                          cnpg_error(status) +
                          "; fix WAL archiving (the Cluster's ContinuousArchiving condition, the object store and "
                          "its credentials) and begin again",
                      refusal::wal_archive_failing);
  }
  std::string message = label_of(status) + " stayed pending for more than " + format_duration(deadline) +
                        " (cnpg.backup_phase_deadlines.pending)";
  if (!status.error.empty()) message += ": " + status.error;
  return make_error(ErrorCode::deadline_exceeded,
                    message +
                        "; CNPG runs one backup per cluster at a time and waits for the target pod to be ready: "
                        "check for other running Backups or ScheduledBackups of the cluster and the primary's pod",
                    refusal::backup_failed);
}

}  // namespace

std::optional<Millis> BackupProgressJudge::phase_deadline() const {
  if (!last_) return std::nullopt;
  switch (last_->progress) {
    case BackupProgress::pending:
      return deadlines_.pending;
    case BackupProgress::wal_archiving_failing:
      return deadlines_.wal_archiving_failing;
    default:
      return std::nullopt;
  }
}

std::optional<Result<BackupInfo>> BackupProgressJudge::observe(const BackupStatus& status, Clock::time_point now) {
  if (!last_ || last_->progress != status.progress) phase_since_ = now;
  last_ = status;
  switch (status.progress) {
    case BackupProgress::completed:
      return ckpt::cnpg::to_backup_info(status);
    case BackupProgress::failed:
      return make_error(ErrorCode::failed, label_of(status) + " failed: " + cnpg_error(status), refusal::backup_failed);
    case BackupProgress::invalid:
      return make_error(
          ErrorCode::failed,
          label_of(status) + " was rejected by CNPG as an invalid backup definition: " + cnpg_error(status),
          refusal::backup_failed);
    default:
      return recheck(now);
  }
}

std::optional<Result<BackupInfo>> BackupProgressJudge::recheck(Clock::time_point now) {
  const auto deadline = phase_deadline();
  if (!deadline || now - phase_since_ <= *deadline) return std::nullopt;
  return stuck(*last_, *deadline);
}

BackupProgressJudge::Clock::time_point BackupProgressJudge::recheck_at() const {
  const auto deadline = phase_deadline();
  if (!deadline) return Clock::time_point::max();
  return phase_since_ + *deadline + Millis{1};
}

}  // namespace ckpt::engine::cnpg
