#include "core/rollback_window.hpp"

#include <algorithm>

namespace ckpt {

std::optional<TimePoint> rollback_window_end(const Checkpoint& checkpoint) {
  if (checkpoint.state != CheckpointState::committed) return std::nullopt;
  return checkpoint.committed_at.value_or(checkpoint.updated_at) + checkpoint.request.window.duration;
}

bool rollback_window_open(const Checkpoint& checkpoint, TimePoint now) {
  if (checkpoint.request.drill) return false;
  switch (checkpoint.state) {
    case CheckpointState::ready:
    case CheckpointState::migrating:
    case CheckpointState::watching:
      return true;
    case CheckpointState::committed:
      return now < *rollback_window_end(checkpoint);
    default:
      return false;
  }
}

std::size_t open_rollback_windows(const std::vector<Checkpoint>& checkpoints, std::string_view cluster, TimePoint now) {
  return static_cast<std::size_t>(std::count_if(checkpoints.begin(), checkpoints.end(), [&](const Checkpoint& c) {
    return c.request.cluster == cluster && rollback_window_open(c, now);
  }));
}

}  // namespace ckpt
