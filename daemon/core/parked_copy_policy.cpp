#include "core/parked_copy_policy.hpp"

#include "core/rollback_window.hpp"

namespace ckpt {

std::uint64_t parked_copy_bytes(const BackupInfo& backup, Lsn target) {
  return backup.size_bytes + (target.value > backup.begin_lsn.value ? target.value - backup.begin_lsn.value : 0);
}

std::string describe_disk(std::uint64_t bytes) {
  constexpr std::uint64_t kMebibyte = 1U << 20U;
  return std::to_string((bytes + kMebibyte - 1) / kMebibyte) + " MiB";
}

bool restore_uses_parked_copy(const Checkpoint& checkpoint) {
  return checkpoint.parked_copy && checkpoint.restore && !checkpoint.parked_copy->target.empty() &&
         checkpoint.restore->target == checkpoint.parked_copy->target;
}

std::string restore_path_of(const Checkpoint& checkpoint) {
  return restore_uses_parked_copy(checkpoint) ? "pre-warmed" : "cold";
}

bool parked_copy_wanted(const Checkpoint& checkpoint, TimePoint now) {
  if (!checkpoint.parked_copy || checkpoint.request.drill || restore_uses_parked_copy(checkpoint)) return false;
  switch (checkpoint.state) {
    case CheckpointState::restoring:
      return true;  // the restore decides whether it promotes the copy
    case CheckpointState::failed:
    case CheckpointState::restore_failed:
      return now < checkpoint.updated_at + checkpoint.request.window.duration;
    default:
      return rollback_window_open(checkpoint, now);
  }
}

bool parked_copy_to_remove(const Checkpoint& checkpoint, TimePoint now) {
  if (!checkpoint.parked_copy || restore_uses_parked_copy(checkpoint)) return false;
  const auto& state = checkpoint.parked_copy->state;
  if (state == parked_copy_state::removed || state == parked_copy_state::used) return false;
  return state == parked_copy_state::failed || !parked_copy_wanted(checkpoint, now);
}

}  // namespace ckpt
