// Table-mode text of what the daemon returns: a checkpoint's summary (state, reason,
// backup, recovery point, the migration run (migration_views.hpp), restore phases with
// offsets from the restore's start and its total duration), the checkpoint listing, a
// checkpoint's events, and a restore plan. Pure: the current time is a parameter.
#pragma once

#include <string>
#include <vector>

#include "core/checkpoint.hpp"
#include "core/restore_plan.hpp"

namespace ckpt::cli {

std::string checkpoint_summary(const Checkpoint& checkpoint);

// Columns ID CLUSTER MIGRATION PHASE STATE AGE; AGE counts from created_at to `now`.
std::string checkpoint_list_table(const std::vector<Checkpoint>& checkpoints, TimePoint now);

// Columns SEQ AT TYPE MESSAGE.
std::string event_table(const std::vector<Event>& events);

// What a restore would do: engine, target, base backup, recovery target, the numbered
// steps, then the manifest indented below.
std::string restore_plan_text(const RestorePlan& plan);

// "+0.741s" for each phase mark, counted from the first mark. Empty for no marks.
std::vector<std::string> phase_offsets(const std::vector<RestorePhaseMark>& phases);

}  // namespace ckpt::cli
