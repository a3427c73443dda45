#include "core/contract_gate.hpp"

#include <algorithm>

#include "core/time_format.hpp"

namespace ckpt {
namespace {

bool is_committed(const Checkpoint& checkpoint) {
  return checkpoint.state == CheckpointState::committed || checkpoint.state == CheckpointState::closed;
}

std::string id_of(const Checkpoint& checkpoint) {
  return "checkpoint " + checkpoint.id;
}

GateItem window_elapsed(const Checkpoint& expand, TimePoint now) {
  const auto committed = expand.committed_at.value_or(expand.updated_at);
  const auto ends = committed + expand.request.window.duration;
  if (now >= ends) {
    return {"window_elapsed", true,
            "the " + format_duration(expand.request.window.duration) + " rollback window of " + id_of(expand) +
                " ended at " + format_rfc3339(ends)};
  }
  const Millis left = std::chrono::duration_cast<std::chrono::seconds>(ends - now);
  return {"window_elapsed", false,
          "the " + format_duration(expand.request.window.duration) + " rollback window of " + id_of(expand) +
              " is still open until " + format_rfc3339(ends) + " (" + format_duration(left) + " left)"};
}

// The newest verified restore of the cluster.
const Checkpoint* newest_verified_restore(const std::vector<Checkpoint>& checkpoints, const std::string& cluster) {
  const Checkpoint* newest = nullptr;
  for (const auto& checkpoint : checkpoints) {
    if (checkpoint.request.cluster != cluster || checkpoint.state != CheckpointState::restored) continue;
    if (!checkpoint.restore || checkpoint.restore->phases.empty()) continue;
    if (newest == nullptr || checkpoint.restore->phases.back().at > newest->restore->phases.back().at) {
      newest = &checkpoint;
    }
  }
  return newest;
}

GateItem restore_evidence(const GateInputs& inputs) {
  const Checkpoint* restored = newest_verified_restore(*inputs.checkpoints, inputs.cluster);
  if (restored == nullptr) {
    return {"restore_evidence", false,
            "no verified restore of cluster '" + inputs.cluster + "' is recorded; run a restore drill first"};
  }
  const auto verified_at = restored->restore->phases.back().at;
  const auto age = std::chrono::duration_cast<Millis>(inputs.now - verified_at);
  const std::string what = "the restore of " + id_of(*restored) + " was verified at " + format_rfc3339(verified_at) +
                           " (" + format_duration(age) + " ago)";
  if (age > inputs.restore_max_age) {
    return {"restore_evidence", false,
            what + ", older than the " + format_duration(inputs.restore_max_age) + " allowed; run a restore drill"};
  }
  return {"restore_evidence", true, what};
}

}  // namespace

const Checkpoint* find_expand_checkpoint(const std::vector<Checkpoint>& checkpoints, std::string_view migration_id) {
  const Checkpoint* newest = nullptr;
  for (const auto& checkpoint : checkpoints) {
    if (checkpoint.request.migration_id != migration_id || checkpoint.request.phase != MigrationPhase::expand) continue;
    if (!is_committed(checkpoint)) continue;
    if (newest == nullptr || checkpoint.created_at > newest->created_at) newest = &checkpoint;
  }
  return newest;
}

GateVerdict evaluate_contract_gate(const GateInputs& inputs) {
  GateVerdict verdict;
  const Checkpoint* expand = find_expand_checkpoint(*inputs.checkpoints, inputs.expand_migration_id);
  const std::string migration = "expand migration '" + inputs.expand_migration_id + "'";
  if (expand == nullptr) {
    verdict.items.push_back({"expand_committed", false,
                             "no committed checkpoint of the " + migration + " on cluster '" + inputs.cluster + "'"});
    for (const char* name : {"window_elapsed", "no_incident", "traffic_on_new_path"}) {
      verdict.items.push_back({name, false, "no committed " + migration + " to judge"});
    }
  } else {
    verdict.items.push_back({"expand_committed", true,
                             id_of(*expand) + " of the " + migration + " is " + std::string{to_string(expand->state)}});
    verdict.items.push_back(window_elapsed(*expand, inputs.now));
    verdict.items.push_back({"no_incident", false,
                             "no SLO watch is recorded for " + id_of(*expand) +
                                 ": nothing proves its window passed without an SLO breach"});
    verdict.items.push_back({"traffic_on_new_path", false,
                             "no feature-flag state is recorded for " + id_of(*expand) +
                                 ": nothing proves the traffic is on the new code path"});
  }
  verdict.items.push_back(restore_evidence(inputs));
  verdict.items.push_back({"approval_recorded", false,
                           expand == nullptr ? "no committed " + migration + " to approve"
                                             : "no approval is recorded for " + id_of(*expand)});
  verdict.go =
      std::all_of(verdict.items.begin(), verdict.items.end(), [](const GateItem& item) { return item.passed; });
  return verdict;
}

std::string describe_failures(const GateVerdict& verdict) {
  std::string text;
  for (const auto& item : verdict.items) {
    if (item.passed) continue;
    if (!text.empty()) text += "; ";
    text += item.name + ": " + item.detail;
  }
  return text;
}

}  // namespace ckpt
