#include "cli/progress.hpp"

#include "cli/migration_views.hpp"
#include "cli/table_views.hpp"
#include "cli/text_table.hpp"
#include "cli/watch_views.hpp"
#include "core/parked_copy_policy.hpp"
#include "core/restore_prediction.hpp"
#include "core/time_format.hpp"

namespace ckpt::cli {
namespace {

std::string state_line(const Checkpoint& checkpoint) {
  switch (checkpoint.state) {
    case CheckpointState::backing_up:
      return "backing up…";
    case CheckpointState::restoring:
      return "restoring…";
    case CheckpointState::ready: {
      if (!checkpoint.recovery_point) return "ready";
      std::string line = "ready: recovery point " + format_lsn(checkpoint.recovery_point->target_lsn) +
                         " on timeline " + std::to_string(checkpoint.recovery_point->timeline) + ", archived";
      if (checkpoint.predicted_restore)
        line += "; restore predicted " + describe_prediction(*checkpoint.predicted_restore);
      if (checkpoint.parked_copy && !checkpoint.parked_copy->target.empty()) {
        line += "; pre-warmed restore: parked copy " + checkpoint.parked_copy->state + " in " +
                checkpoint.parked_copy->target + " (about " + describe_disk(checkpoint.parked_copy->estimated_bytes) +
                " of disk)";
      }
      return line;
    }
    case CheckpointState::restored: {
      std::string line = "restored";
      if (!checkpoint.restore) return line;
      line += ": timeline " + std::to_string(checkpoint.restore->restored_timeline);
      if (checkpoint.restore->duration_seconds) line += " in " + format_seconds(*checkpoint.restore->duration_seconds);
      return line;
    }
    case CheckpointState::restore_failed:
      if (checkpoint.restore && !checkpoint.restore->error.empty()) {
        return "restore failed: " + checkpoint.restore->error;
      }
      break;
    default:
      break;
  }
  std::string line{to_string(checkpoint.state)};
  if (!checkpoint.message.empty()) line += ": " + checkpoint.message;
  return line;
}

// Phases of `previous` already reported for the restore attempt `current` shows.
std::size_t phases_already_seen(const std::optional<Checkpoint>& previous, const RestoreRecord& current) {
  if (!previous || !previous->restore || previous->restore->attempt != current.attempt) return 0;
  return previous->restore->phases.size();
}

}  // namespace

std::vector<std::string> progress_lines(const std::optional<Checkpoint>& previous, const Checkpoint& current) {
  std::vector<std::string> lines;
  if (current.migration) {
    const MigrationRecord* seen = previous && previous->migration ? &*previous->migration : nullptr;
    lines = migration_progress_lines(seen, *current.migration);
  }
  const Checkpoint* seen = previous ? &*previous : nullptr;
  for (auto& line : watch_progress_lines(seen, current)) lines.push_back(std::move(line));
  if (current.restore) {
    const auto& phases = current.restore->phases;
    const auto offsets = phase_offsets(phases);
    for (std::size_t i = phases_already_seen(previous, *current.restore); i < phases.size(); ++i) {
      lines.push_back("restore phase " + phases[i].phase + " (" + offsets[i] + ")");
    }
  }
  if (!previous || previous->state != current.state) lines.push_back(state_line(current));
  return lines;
}

std::string watch_line(const Checkpoint& checkpoint, TimePoint now) {
  std::string line{to_string(checkpoint.state)};
  if (checkpoint.state == CheckpointState::backing_up) {
    return line + ", elapsed " + format_seconds(seconds_between(checkpoint.created_at, now));
  }
  if (checkpoint.watch && checkpoint.state != CheckpointState::restoring) {
    return line + ", watch " + std::string(to_string(checkpoint.watch->stage));
  }
  if (checkpoint.state != CheckpointState::restoring) return line;
  TimePoint started = checkpoint.updated_at;
  if (checkpoint.restore && !checkpoint.restore->phases.empty()) {
    started = checkpoint.restore->phases.front().at;
    line += ", phase " + checkpoint.restore->phases.back().phase;
  }
  return line + ", elapsed " + format_seconds(seconds_between(started, now));
}

}  // namespace ckpt::cli
