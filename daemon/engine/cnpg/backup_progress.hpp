// How a checkpoint's Backup is doing, judged from its status each time it changes and
// from how long it has stayed in its current phase (cnpg.md §2.4: only completed and
// failed are terminal; Backups get stuck in pending and walArchivingFailing). Pure: the
// caller passes the time and follows the object.
//   completed             its BackupInfo (cnpg/backup_status.hpp to_backup_info)
//   failed                ErrorCode::failed, reason backup_failed, with status.error
//   invalid definition    ErrorCode::failed, reason backup_failed, with status.error
//   pending (or no phase) longer than backup_phase_deadlines.pending:
//                         ErrorCode::deadline_exceeded, reason backup_failed
//   walArchivingFailing   longer than backup_phase_deadlines.wal_archiving_failing:
//                         ErrorCode::refused, reason wal_archive_failing, with CNPG's error
//   anything else         still going (the caller's overall deadline ends it)
// A phase's clock starts when the judge first sees the Backup in it.
#pragma once

#include <chrono>
#include <optional>

#include "cnpg/backup_status.hpp"
#include "config/config.hpp"
#include "core/checkpoint.hpp"
#include "core/result.hpp"

namespace ckpt::engine::cnpg {

class BackupProgressJudge {
 public:
  using Clock = std::chrono::steady_clock;

  explicit BackupProgressJudge(config::BackupPhaseDeadlines deadlines) : deadlines_(deadlines) {}

  // The Backup as observed at `now`: a value once decided, nullopt while it is going.
  std::optional<Result<BackupInfo>> observe(const ckpt::cnpg::BackupStatus& status, Clock::time_point now);
  // The last observed status judged again at `now`, without a new version.
  std::optional<Result<BackupInfo>> recheck(Clock::time_point now);
  // When recheck() can next decide (the current phase's deadline), or time_point::max().
  Clock::time_point recheck_at() const;
  // The last observed status; nullptr before the first observe().
  const ckpt::cnpg::BackupStatus* last() const { return last_ ? &*last_ : nullptr; }

 private:
  std::optional<Millis> phase_deadline() const;

  config::BackupPhaseDeadlines deadlines_;
  std::optional<ckpt::cnpg::BackupStatus> last_;
  Clock::time_point phase_since_;
};

}  // namespace ckpt::engine::cnpg
