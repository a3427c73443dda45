// The SLO watch and the flag changes of a checkpoint as status rows: the watch's stage
// and why, each metric of the run (and of the recheck after a flag off) with its last
// measurement and counters, the ladder's rungs, the data checks, the recovery time, and
// every flag change with the health checks taken after it. Pure.
#pragma once

#include <vector>

#include "cli/text_table.hpp"
#include "core/checkpoint.hpp"

namespace ckpt::cli {

// A plan's slo, flag and ladder sections for `plan check` and `run --dry-run`: "SLO watch:"
// (window, each metric with its provider and conditions), "Data checks:", "Flag:", "Ladder:".
void add_plan_watch_rows(std::vector<TextRow>& rows, const MigrationPlan& plan);

// Appends "Watch:", "Metrics:", "Recheck:", "Data checks:", "Ladder:", "Recovery:".
void add_watch_rows(std::vector<TextRow>& rows, const WatchRecord& watch, const MigrationPlan& plan);
// Appends "Flag:" with one line per change.
void add_flag_rows(std::vector<TextRow>& rows, const std::vector<FlagChange>& changes, const MigrationPlan& plan);

// What `current` shows that `previous` (nullptr: nothing seen yet) did not: new
// measurements ("watch error-rate: Failed [0.49]"), a new stage and why, flag changes.
std::vector<std::string> watch_progress_lines(const Checkpoint* previous, const Checkpoint& current);

}  // namespace ckpt::cli
