#include "core/ladder.hpp"

namespace ckpt {
namespace {

bool flag_off_possible(const LadderSituation& situation) {
  return situation.phase == MigrationPhase::expand && situation.has_flag && !situation.flag_turned_off;
}

// The SLOs keep failing and nothing less destructive is left: the restore rule decides.
RungDecision beyond_the_flag(const LadderPolicy& policy, const LadderSituation& situation, const std::string& why) {
  switch (policy.restore) {
    case RestoreRule::still_failing:
      return {Rung::restore, why + "; the plan restores whenever the SLOs keep failing (restore: still_failing)"};
    case RestoreRule::never:
      return {Rung::pause, why + "; the plan never restores by itself (restore: never): promote or fail"};
    case RestoreRule::data_check_fails:
      break;
  }
  if (!situation.has_data_checks) {
    return {Rung::pause, why +
                             "; the plan restores only when a data check fails and has no data checks: "
                             "promote or fail"};
  }
  if (!situation.data_broken) return {Rung::check_data, why + "; checking whether the data is broken"};
  if (*situation.data_broken) return {Rung::restore, why + " and a data check failed: the data is broken"};
  return {Rung::pause, why + ", but the data checks pass: the schema is kept; promote or fail"};
}

RungDecision after_failure(const LadderPolicy& policy, const LadderSituation& situation) {
  if (situation.phase == MigrationPhase::contract) {
    return {Rung::restore, "the SLOs failed after a contract migration: no flag can undo a destructive change"};
  }
  if (policy.flag_off_first && flag_off_possible(situation)) {
    return {Rung::flag_off, "the SLOs failed: the feature flag goes off first and the additive schema stays"};
  }
  if (situation.flag_turned_off) return beyond_the_flag(policy, situation, "the SLOs still fail with the flag off");
  if (!situation.has_flag) return beyond_the_flag(policy, situation, "the SLOs failed and the plan names no flag");
  return beyond_the_flag(policy, situation, "the SLOs failed (the plan does not turn the flag off first)");
}

RungDecision after_error(const LadderPolicy& policy, const LadderSituation& situation) {
  const std::string why = "the SLOs could not be measured (Error)";
  switch (policy.on_error) {
    case ErrorRule::pause:
      return {Rung::pause, why + "; the plan pauses on errors (on_error: pause): promote or fail"};
    case ErrorRule::restore:
      return {Rung::restore, why + "; the plan restores on errors (on_error: restore)"};
    case ErrorRule::flag_off:
      if (flag_off_possible(situation)) return {Rung::flag_off, why + "; the plan turns the flag off on errors"};
      return {Rung::pause, why +
                               "; the flag cannot be turned off (none, already off, or a contract migration): "
                               "promote or fail"};
  }
  return {Rung::pause, why};
}

}  // namespace

std::string_view to_string(Rung rung) {
  switch (rung) {
    case Rung::none:
      return "none";
    case Rung::flag_off:
      return "flag_off";
    case Rung::check_data:
      return "check_data";
    case Rung::restore:
      return "restore";
    case Rung::pause:
      return "pause";
  }
  return "none";
}

RungDecision next_rung(const LadderPolicy& policy, const LadderSituation& situation) {
  switch (situation.outcome) {
    case AnalysisPhase::failed:
      return after_failure(policy, situation);
    case AnalysisPhase::error:
      return after_error(policy, situation);
    case AnalysisPhase::inconclusive:
      return {Rung::pause, "the analysis is Inconclusive: a measurement met neither condition; promote or fail"};
    case AnalysisPhase::successful:
      return {Rung::none, situation.flag_turned_off ? "the SLOs recovered with the flag off" : "the SLOs were met"};
    case AnalysisPhase::pending:
    case AnalysisPhase::running:
      break;
  }
  return {Rung::none, "the analysis is still running"};
}

}  // namespace ckpt
