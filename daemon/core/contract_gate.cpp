#include "core/contract_gate.hpp"

#include <algorithm>
#include <optional>

#include "core/begin_validation.hpp"
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

bool is_ladder_actor(const FlagChange& change) {
  return change.by.rfind("checkpointd", 0) == 0;
}

GateItem no_incident(const Checkpoint& expand) {
  const std::string who = id_of(expand);
  if (!expand.watch) {
    return {"no_incident", false,
            "no SLO watch is recorded for " + who +
                " (its plan has no `slo` section): nothing proves its window "
                "passed without an SLO breach"};
  }
  const WatchRecord& watch = *expand.watch;
  if (!watch.rungs.empty()) {
    return {"no_incident", false,
            "the rollback ladder acted on " + who + ": " + watch.rungs.front().rung + " at " +
                format_rfc3339(watch.rungs.front().decided_at) + " (" + watch.rungs.front().reason + ")"};
  }
  if (watch.stage != WatchStage::passed && watch.stage != WatchStage::promoted) {
    return {"no_incident", false,
            "the SLO watch of " + who + " did not pass (" + std::string(to_string(watch.stage)) + ": " +
                watch.stage_reason + ")"};
  }
  for (const auto& change : expand.flag_changes) {
    if (!change.on && change.error.empty()) {
      return {"no_incident", false,
              "the flag was turned off in " + change.scope + " by " + change.by + " at " + format_rfc3339(change.at)};
    }
  }
  std::string proof = "the SLO watch of " + who + " " + std::string(to_string(watch.stage));
  if (watch.run.finished_at) proof += " at " + format_rfc3339(*watch.run.finished_at);
  if (watch.stage == WatchStage::promoted) proof += " (" + watch.stage_reason + ")";
  return {"no_incident", true, proof + "; no ladder rung and no flag-off recorded"};
}

// A scope whose backend cannot be read back: its last recorded change (by a person).
std::optional<bool> last_recorded(const Checkpoint& expand, const std::string& scope) {
  for (auto it = expand.flag_changes.rbegin(); it != expand.flag_changes.rend(); ++it) {
    if (it->scope == scope && it->error.empty() && !is_ladder_actor(*it)) return it->on;
  }
  return std::nullopt;
}

GateItem traffic_on_new_path(const Checkpoint& expand, const std::vector<FlagReading>& readings) {
  const auto& plan = expand.request.plan;
  if (!plan || !plan->flag) {
    return {"traffic_on_new_path", false,
            "the plan of " + id_of(expand) + " names no feature flag: nothing proves the traffic is on the new path"};
  }
  std::string proof;
  for (const auto& scope : plan->flag->scopes) {
    const auto reading = std::find_if(readings.begin(), readings.end(),
                                      [&](const FlagReading& candidate) { return candidate.scope == scope; });
    std::optional<bool> on = reading != readings.end() ? reading->on : std::nullopt;
    std::string source = "read back";
    if (!on && (reading == readings.end() || reading->error.empty())) {
      on = last_recorded(expand, scope);
      source = "last recorded change";
    }
    if (!on) {
      const std::string why = reading != readings.end() && !reading->error.empty() ? reading->error : "no reading";
      return {"traffic_on_new_path", false, plan->flag->name + " in " + scope + " cannot be confirmed on: " + why};
    }
    if (!*on) return {"traffic_on_new_path", false, plan->flag->name + " is off in " + scope + " (" + source + ")"};
    proof += (proof.empty() ? "" : ", ") + scope + " (" + source + ")";
  }
  return {"traffic_on_new_path", true, plan->flag->name + " is on in every scope: " + proof};
}

GateItem approval_recorded(const Checkpoint& expand) {
  const std::string& approver = expand.request.window.approver;
  for (const auto& approval : expand.approvals) {
    if (same_person(approval.by, approver)) {
      return {"approval_recorded", true,
              "approved by " + approval.by + " at " + format_rfc3339(approval.at) +
                  (approval.note.empty() ? std::string{} : " (" + approval.note + ")")};
    }
  }
  return {"approval_recorded", false,
          "no approval by " + approver + " (the rollback window's approver) is recorded for " + id_of(expand) +
              "; checkpointctl approve " + expand.id + " --by " + approver};
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
  const double took = restored->restore->duration_seconds.value_or(0);
  const double budget = std::chrono::duration<double>(inputs.rto_budget).count();
  // Whole seconds, or milliseconds for a restore under one second (not "0 s").
  const std::string measured = took < 1 ? "; it took " + std::to_string(static_cast<long long>(took * 1000 + 0.5)) + " ms"
                                        : "; it took " + std::to_string(static_cast<long long>(took + 0.5)) + " s";
  if (budget > 0 && took > budget) {
    return {"restore_evidence", false,
            what + measured + ", beyond the cluster's RTO budget of " + format_duration(inputs.rto_budget)};
  }
  return {"restore_evidence", true,
          what + measured + (budget > 0 ? " (RTO budget " + format_duration(inputs.rto_budget) + ")" : "")};
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
    verdict.items.push_back(no_incident(*expand));
    verdict.items.push_back(traffic_on_new_path(*expand, inputs.flag_readings));
  }
  verdict.items.push_back(restore_evidence(inputs));
  verdict.items.push_back(expand == nullptr
                              ? GateItem{"approval_recorded", false, "no committed " + migration + " to approve"}
                              : approval_recorded(*expand));
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
