// Whether a checkpoint's rollback window is open: the time during which its migration may
// still be rolled back to it, from the checkpoint becoming ready, through the migration and
// its SLO watch, until the window's duration has passed after the commit. A drill has no
// window; refused, failed, aborted, restoring and restored checkpoints have none open (a
// restore under way shows in checkpointd_restores_in_progress). Pure.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "core/checkpoint.hpp"

namespace ckpt {

// When the rollback window of a committed checkpoint ends (committed_at + window); nullopt
// for a checkpoint that is not committed.
std::optional<TimePoint> rollback_window_end(const Checkpoint& checkpoint);

// ready, migrating or watching; or committed with now before rollback_window_end.
bool rollback_window_open(const Checkpoint& checkpoint, TimePoint now);

// How many of `checkpoints` of `cluster` have their rollback window open at `now`.
std::size_t open_rollback_windows(const std::vector<Checkpoint>& checkpoints, std::string_view cluster, TimePoint now);

}  // namespace ckpt
