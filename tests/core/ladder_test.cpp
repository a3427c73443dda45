// The rollback ladder's decision (core/ladder.hpp) as a table: the release discipline's
// order (flag off first, restore only when that does not help or the data is broken).
#include "core/ladder.hpp"

#include <gtest/gtest.h>

#include <string>

namespace ckpt {
namespace {

struct LadderRow {
  std::string name;
  LadderPolicy policy;
  LadderSituation situation;
  Rung expected;
  std::string reason_part;
};

LadderSituation expand_with_flag(AnalysisPhase outcome) {
  LadderSituation situation;
  situation.phase = MigrationPhase::expand;
  situation.has_flag = true;
  situation.outcome = outcome;
  return situation;
}

LadderSituation with(LadderSituation situation, bool flag_off, bool data_checks, std::optional<bool> broken) {
  situation.flag_turned_off = flag_off;
  situation.has_data_checks = data_checks;
  situation.data_broken = broken;
  return situation;
}

LadderPolicy policy(RestoreRule restore = RestoreRule::data_check_fails, ErrorRule on_error = ErrorRule::pause,
                    bool flag_off_first = true) {
  LadderPolicy out;
  out.restore = restore;
  out.on_error = on_error;
  out.flag_off_first = flag_off_first;
  return out;
}

LadderSituation contract(AnalysisPhase outcome) {
  LadderSituation situation = expand_with_flag(outcome);
  situation.phase = MigrationPhase::contract;
  return situation;
}

LadderSituation expand_without_flag(AnalysisPhase outcome, bool data_checks, std::optional<bool> broken) {
  LadderSituation situation = expand_with_flag(outcome);
  situation.has_flag = false;
  situation.has_data_checks = data_checks;
  situation.data_broken = broken;
  return situation;
}

class LadderTable : public ::testing::TestWithParam<LadderRow> {};

TEST_P(LadderTable, ChoosesTheLeastDestructiveRungThatApplies) {
  const LadderRow& row = GetParam();
  const RungDecision decision = next_rung(row.policy, row.situation);
  EXPECT_EQ(to_string(decision.rung), to_string(row.expected)) << decision.reason;
  EXPECT_NE(decision.reason.find(row.reason_part), std::string::npos) << decision.reason;
}

INSTANTIATE_TEST_SUITE_P(
    Discipline, LadderTable,
    ::testing::Values(
        LadderRow{"expand_failed_flag_goes_off_first", policy(), expand_with_flag(AnalysisPhase::failed),
                  Rung::flag_off, "feature flag goes off first"},
        LadderRow{"still_failing_with_flag_off_checks_data", policy(),
                  with(expand_with_flag(AnalysisPhase::failed), true, true, std::nullopt), Rung::check_data,
                  "checking whether the data is broken"},
        LadderRow{"still_failing_and_data_broken_restores", policy(),
                  with(expand_with_flag(AnalysisPhase::failed), true, true, true), Rung::restore, "data is broken"},
        LadderRow{"still_failing_but_data_fine_pauses", policy(),
                  with(expand_with_flag(AnalysisPhase::failed), true, true, false), Rung::pause, "data checks pass"},
        LadderRow{"still_failing_without_data_checks_pauses", policy(),
                  with(expand_with_flag(AnalysisPhase::failed), true, false, std::nullopt), Rung::pause,
                  "has no data checks"},
        LadderRow{"still_failing_rule_restores_at_once", policy(RestoreRule::still_failing),
                  with(expand_with_flag(AnalysisPhase::failed), true, false, std::nullopt), Rung::restore,
                  "still_failing"},
        LadderRow{"never_rule_pauses", policy(RestoreRule::never),
                  with(expand_with_flag(AnalysisPhase::failed), true, true, true), Rung::pause, "restore: never"},
        LadderRow{"contract_restores_straight_away", policy(), contract(AnalysisPhase::failed), Rung::restore,
                  "contract migration"},
        LadderRow{"no_flag_goes_to_the_restore_rule", policy(RestoreRule::still_failing),
                  expand_without_flag(AnalysisPhase::failed, false, std::nullopt), Rung::restore, "names no flag"},
        LadderRow{"no_flag_checks_data", policy(), expand_without_flag(AnalysisPhase::failed, true, std::nullopt),
                  Rung::check_data, "names no flag"},
        LadderRow{"flag_off_first_disabled", policy(RestoreRule::still_failing, ErrorRule::pause, false),
                  expand_with_flag(AnalysisPhase::failed), Rung::restore, "does not turn the flag off first"},
        LadderRow{"inconclusive_pauses", policy(), expand_with_flag(AnalysisPhase::inconclusive), Rung::pause,
                  "Inconclusive"},
        LadderRow{"error_pauses_by_default", policy(), expand_with_flag(AnalysisPhase::error), Rung::pause,
                  "on_error: pause"},
        LadderRow{"error_turns_flag_off_when_asked", policy(RestoreRule::data_check_fails, ErrorRule::flag_off),
                  expand_with_flag(AnalysisPhase::error), Rung::flag_off, "turns the flag off on errors"},
        LadderRow{"error_flag_off_impossible_pauses", policy(RestoreRule::data_check_fails, ErrorRule::flag_off),
                  with(expand_with_flag(AnalysisPhase::error), true, false, std::nullopt), Rung::pause,
                  "cannot be turned off"},
        LadderRow{"error_restores_when_asked", policy(RestoreRule::data_check_fails, ErrorRule::restore),
                  expand_with_flag(AnalysisPhase::error), Rung::restore, "on_error: restore"},
        LadderRow{"success_needs_nothing", policy(), expand_with_flag(AnalysisPhase::successful), Rung::none,
                  "were met"},
        LadderRow{"recovered_after_flag_off", policy(),
                  with(expand_with_flag(AnalysisPhase::successful), true, false, std::nullopt), Rung::none,
                  "recovered with the flag off"},
        LadderRow{"running_needs_nothing", policy(), expand_with_flag(AnalysisPhase::running), Rung::none,
                  "still running"}),
    [](const ::testing::TestParamInfo<LadderRow>& row) { return row.param.name; });

}  // namespace
}  // namespace ckpt
