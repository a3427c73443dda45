// The gate of a contract migration, computed from recorded checkpoints only: the
// checklist of the release discipline, each item with its proof or the reason it fails.
// An item without recorded proof is a "no" with the reason. Pure.
//
// Items, in order:
//   expand_committed      a checkpoint of the expand migration is committed (or closed)
//   window_elapsed        its rollback window has passed since it was committed
//   no_incident           its SLO watch passed (or a person promoted it) with no rung of the
//                         rollback ladder, and no flag-off was recorded since
//   traffic_on_new_path   the plan's feature flag is on in every scope, read back from the
//                         flag backends (a backend that cannot tell: its last recorded change)
//   restore_evidence      a restore of this cluster was verified within `restore_max_age`,
//                         its measured duration within `rto_budget` (when one is set)
//   approval_recorded     an explicit approval by the plan's approver was recorded
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/checkpoint.hpp"

namespace ckpt {

struct GateItem {
  std::string name;
  bool passed = false;
  std::string detail;  // the proof when passed, the reason when not
};

struct GateVerdict {
  bool go = false;
  std::vector<GateItem> items;
};

// The expand plan's flag as a flag backend reports it now, in one scope.
struct FlagReading {
  std::string scope;
  std::optional<bool> on;  // nullopt: the backend cannot tell (webhook), or the read failed
  std::string error;       // why the read failed
};

struct GateInputs {
  std::string cluster;
  std::string expand_migration_id;
  // Every checkpoint of the cluster, any order.
  const std::vector<Checkpoint>* checkpoints = nullptr;
  TimePoint now;
  Millis restore_max_age{0};
  Millis rto_budget{0};                    // 0: a restore's duration is not judged
  std::vector<FlagReading> flag_readings;  // the expand checkpoint's plan flag, one per scope
};

// The newest committed (or closed) expand checkpoint of `migration_id`, or nullptr.
const Checkpoint* find_expand_checkpoint(const std::vector<Checkpoint>& checkpoints, std::string_view migration_id);

GateVerdict evaluate_contract_gate(const GateInputs& inputs);

// "expand_committed: ...; window_elapsed: ..." listing the failed items.
std::string describe_failures(const GateVerdict& verdict);

}  // namespace ckpt
