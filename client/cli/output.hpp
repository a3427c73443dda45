// What a command prints on stdout, in the chosen format: table (for people; see
// table_views.hpp), json or yaml (for programs; the same shapes the daemon's API
// answers with: a checkpoint object, {"checkpoints":[...]}, {"events":[...]},
// {"plan":{...}}), or name (only the ids of checkpoints, one per line). Pure.
#pragma once

#include <string>
#include <vector>

#include "cli/command.hpp"
#include "core/checkpoint.hpp"
#include "core/contract_gate.hpp"
#include "core/restore_plan.hpp"

namespace ckpt::cli {

std::string render_checkpoint(const Checkpoint& checkpoint, OutputFormat format);
std::string render_checkpoint_list(const std::vector<Checkpoint>& checkpoints, OutputFormat format, TimePoint now);
std::string render_events(const std::vector<Event>& events, OutputFormat format);
std::string render_restore_plan(const RestorePlan& plan, OutputFormat format);
// GO / NO-GO and the checklist, each item with its proof or the reason it fails.
std::string render_go_no_go(const GateVerdict& verdict, OutputFormat format);

}  // namespace ckpt::cli
