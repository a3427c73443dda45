// The rollback ladder's decision as a pure function (docs/slo.md "The rollback ladder"):
// given the plan's policy and where the watch stands, which rung comes next and why.
//   Failed, expand, a flag, flag_off_first, flag still on   -> flag_off
//   Failed, contract (or nothing less destructive left)      -> by the restore rule:
//       still_failing -> restore; never -> pause;
//       data_check_fails -> check_data first, then restore if the data is broken, else pause
//   Error   -> the plan's on_error (pause | flag_off when possible | restore)
//   Inconclusive -> pause (a person promotes or fails)
//   Successful   -> none (passed, or recovered after the flag off)
// A `restore` fails the checkpoint; the cluster's auto_restore decides whether the
// restore starts at once (service/checkpoint_service.hpp).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/analysis.hpp"
#include "core/migration_terms.hpp"
#include "core/slo_plan.hpp"

namespace ckpt {

enum class Rung { none, flag_off, check_data, restore, pause };

std::string_view to_string(Rung rung);

struct LadderSituation {
  MigrationPhase phase = MigrationPhase::expand;
  bool has_flag = false;                           // the plan names a flag with at least one scope
  bool flag_turned_off = false;                    // rung 1 already ran
  AnalysisPhase outcome = AnalysisPhase::running;  // the completed run: the watch's, or the recheck's
  bool has_data_checks = false;
  std::optional<bool> data_broken;  // after check_data: whether a data check failed
};

struct RungDecision {
  Rung rung = Rung::none;
  std::string reason;
};

RungDecision next_rung(const LadderPolicy& policy, const LadderSituation& situation);

}  // namespace ckpt
