// What a command prints on stdout, in the chosen format: table (for people; see
// table_views.hpp), json or yaml (for programs; the same shapes the daemon's API
// answers with: a checkpoint object, {"checkpoints":[...]}, {"events":[...]},
// {"plan":{...}}). Pure.
#pragma once

#include <string>
#include <vector>

#include "cli/command.hpp"
#include "core/checkpoint.hpp"
#include "core/restore_plan.hpp"

namespace ckpt::cli {

std::string render_checkpoint(const Checkpoint& checkpoint, OutputFormat format);
std::string render_checkpoint_list(const std::vector<Checkpoint>& checkpoints, OutputFormat format, TimePoint now);
std::string render_events(const std::vector<Event>& events, OutputFormat format);
std::string render_restore_plan(const RestorePlan& plan, OutputFormat format);

}  // namespace ckpt::cli
