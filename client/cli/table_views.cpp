#include "cli/table_views.hpp"

#include "cli/migration_views.hpp"
#include "cli/text_table.hpp"
#include "cli/watch_views.hpp"
#include "core/parked_copy_policy.hpp"
#include "core/restore_prediction.hpp"
#include "core/time_format.hpp"

namespace ckpt::cli {
namespace {

std::string migration_text(const BeginRequest& request) {
  std::string text = request.migration_id + " (" + std::string{to_string(request.phase)} + ")";
  if (!request.purpose.empty()) text += " " + request.purpose;
  return text;
}

std::string window_text(const RollbackWindow& window) {
  if (window.duration <= Millis{0} && window.owner.empty() && window.approver.empty()) return "none";
  return format_duration(window.duration) + ", owner " + (window.owner.empty() ? "-" : window.owner) + ", approver " +
         (window.approver.empty() ? "-" : window.approver);
}

void add_backup(std::vector<TextRow>& rows, const BackupInfo& backup) {
  std::string first = backup.backup_id;
  if (!backup.name.empty() && backup.name != backup.backup_id) first += " (" + backup.name + ")";
  if (backup.reused) first += ", reused";
  std::vector<std::string> lines{first,
                                 "LSN " + format_lsn(backup.begin_lsn) + " to " + format_lsn(backup.end_lsn) +
                                     " on timeline " + std::to_string(backup.timeline),
                                 format_rfc3339(backup.started_at) + " to " + format_rfc3339(backup.stopped_at)};
  if (!backup.reuse_declined.empty()) lines.push_back("fresh: " + backup.reuse_declined);
  add_lines(rows, "Backup:", lines);
}

void add_recovery_point(std::vector<TextRow>& rows, const RecoveryPoint& point) {
  add_lines(rows, "Recovery point:",
            {"LSN " + format_lsn(point.target_lsn) + " on timeline " + std::to_string(point.timeline) + ", WAL file " +
                 point.wal_file,
             "restore point " + point.restore_point + ", server time " + point.server_time});
}

void add_parked_copy(std::vector<TextRow>& rows, const ParkedCopy& copy) {
  std::string line = copy.state;
  if (!copy.target.empty()) line += ": " + copy.target + " (port " + std::to_string(copy.port) + ")";
  if (copy.disk_bytes > 0) {
    line += ", " + describe_disk(copy.disk_bytes) + " of disk";
  } else if (copy.estimated_bytes > 0) {
    line += ", about " + describe_disk(copy.estimated_bytes) + " of disk";
  }
  if (copy.parked_at) line += ", parked since " + format_rfc3339(*copy.parked_at);
  if (!copy.message.empty()) line += "; " + copy.message;
  rows.push_back({"Parked copy:", line});
}

void add_restore(std::vector<TextRow>& rows, const RestoreRecord& restore) {
  std::string first = "attempt " + std::to_string(restore.attempt) + ", trigger " + restore.trigger;
  if (!restore.target.empty()) first += ", target " + restore.target;
  if (restore.port != 0) first += " (port " + std::to_string(restore.port) + ")";
  if (restore.cutover) first += restore.cut_over ? ", cut over" : ", cut-over requested";
  if (!restore.path.empty()) first += ", " + restore.path + " path";
  rows.push_back({"Restore:", first});

  const auto offsets = phase_offsets(restore.phases);
  std::vector<TextRow> phase_rows;
  for (std::size_t i = 0; i < restore.phases.size(); ++i) {
    phase_rows.push_back({offsets[i], restore.phases[i].phase, format_rfc3339(restore.phases[i].at)});
  }
  add_lines(rows, "Restore phases:", lines_of(format_columns(phase_rows)));
  if (restore.duration_seconds) rows.push_back({"Restore duration:", format_seconds(*restore.duration_seconds)});
  if (restore.restored_timeline != 0) {
    rows.push_back({"Restored timeline:", std::to_string(restore.restored_timeline)});
  }
  if (!restore.error.empty()) rows.push_back({"Restore error:", restore.error});
}

}  // namespace

std::vector<std::string> phase_offsets(const std::vector<RestorePhaseMark>& phases) {
  std::vector<std::string> offsets;
  for (const auto& mark : phases) offsets.push_back("+" + format_seconds(seconds_between(phases.front().at, mark.at)));
  return offsets;
}

std::string checkpoint_summary(const Checkpoint& checkpoint) {
  std::vector<TextRow> rows{
      {"Checkpoint:", checkpoint.id},
      {"Cluster:", checkpoint.request.cluster},
      {"Migration:", migration_text(checkpoint.request)},
      {"Rollback window:", window_text(checkpoint.request.window)},
      {"State:", std::string{to_string(checkpoint.state)}},
  };
  if (!checkpoint.reason.empty()) rows.push_back({"Reason:", checkpoint.reason});
  if (!checkpoint.message.empty()) rows.push_back({"Message:", checkpoint.message});
  rows.push_back({"Created:", format_rfc3339(checkpoint.created_at)});
  rows.push_back({"Updated:", format_rfc3339(checkpoint.updated_at)});
  if (checkpoint.backup) add_backup(rows, *checkpoint.backup);
  if (checkpoint.recovery_point) add_recovery_point(rows, *checkpoint.recovery_point);
  if (checkpoint.predicted_restore) {
    rows.push_back({"Predicted restore:", describe_prediction(*checkpoint.predicted_restore)});
  }
  if (checkpoint.parked_copy) add_parked_copy(rows, *checkpoint.parked_copy);
  if (!checkpoint.schema_fingerprint.empty()) rows.push_back({"Schema fingerprint:", checkpoint.schema_fingerprint});
  if (checkpoint.migration) add_migration_rows(rows, *checkpoint.migration);
  if (checkpoint.watch && checkpoint.request.plan) add_watch_rows(rows, *checkpoint.watch, *checkpoint.request.plan);
  if (checkpoint.request.plan) add_flag_rows(rows, checkpoint.flag_changes, *checkpoint.request.plan);
  if (!checkpoint.approvals.empty()) {
    std::vector<std::string> lines;
    for (const auto& approval : checkpoint.approvals) {
      lines.push_back(approval.by + " at " + format_rfc3339(approval.at) +
                      (approval.note.empty() ? std::string{} : ": " + approval.note));
    }
    add_lines(rows, "Approved:", lines);
  }
  if (checkpoint.restore) add_restore(rows, *checkpoint.restore);
  return format_columns(rows);
}

std::string checkpoint_list_table(const std::vector<Checkpoint>& checkpoints, TimePoint now) {
  std::vector<TextRow> rows{{"ID", "CLUSTER", "MIGRATION", "PHASE", "STATE", "AGE"}};
  for (const auto& checkpoint : checkpoints) {
    rows.push_back({checkpoint.id, checkpoint.request.cluster, checkpoint.request.migration_id,
                    std::string{to_string(checkpoint.request.phase)}, std::string{to_string(checkpoint.state)},
                    format_age(std::chrono::duration_cast<Millis>(now - checkpoint.created_at))});
  }
  return format_columns(rows);
}

std::string event_table(const std::vector<Event>& events) {
  std::vector<TextRow> rows{{"SEQ", "AT", "TYPE", "MESSAGE"}};
  for (const auto& event : events) {
    rows.push_back({std::to_string(event.seq), format_rfc3339(event.at), event.type, event.message});
  }
  return format_columns(rows);
}

std::string restore_plan_text(const RestorePlan& plan) {
  std::vector<TextRow> rows{
      {"Engine:", plan.engine},
      {"Target:", plan.target},
      {"Base backup:", plan.base_backup},
      {"Recovery target:", plan.recovery_target},
  };
  std::vector<std::string> steps;
  for (std::size_t i = 0; i < plan.steps.size(); ++i) steps.push_back(std::to_string(i + 1) + ". " + plan.steps[i]);
  add_lines(rows, "Steps:", steps);
  std::string text = format_columns(rows) + "Manifest:\n";
  for (const auto& line : lines_of(plan.manifest)) text += line.empty() ? "\n" : "  " + line + "\n";
  return text;
}

}  // namespace ckpt::cli
