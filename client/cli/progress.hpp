// Progress text while checkpointctl waits: what changed between two observations of a
// checkpoint (migration steps and statements, restore phases, state changes, as they
// arrive), and the one-line view that `status --watch` redraws. Pure functions; the caller decides where they go.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/checkpoint.hpp"

namespace ckpt::cli {

// Lines for what `current` shows that `previous` did not (everything that matters when
// `previous` is nullopt): migration progress first (migration_views.hpp), then new
// restore phases, then the new state, e.g.
// "backing up…", "ready: recovery point 0/3000148 on timeline 1, archived",
// "restore phase base_copied (+0.741s)", "restored: timeline 2 in 4.912s".
std::vector<std::string> progress_lines(const std::optional<Checkpoint>& previous, const Checkpoint& current);

// "backing_up, elapsed 12.300s" or "restoring, phase recovery_started, elapsed 3.400s";
// just the state for anything else.
std::string watch_line(const Checkpoint& checkpoint, TimePoint now);

}  // namespace ckpt::cli
