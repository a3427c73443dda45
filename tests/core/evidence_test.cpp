#include "core/evidence.hpp"

#include <gtest/gtest.h>

#include "support/evidence_samples.hpp"

namespace ckpt {
namespace {

using testing::utc;

const TimePoint kGeneratedAt = utc("2026-11-23T09:00:00.000000Z");

EvidencePackage package_of(const Checkpoint& checkpoint, const std::vector<Event>& events,
                           std::optional<GateVerdict> verdict = std::nullopt) {
  return build_evidence(checkpoint, events, verdict, kGeneratedAt, "0.1.0");
}

std::vector<std::string> step_names(const EvidencePackage& package) {
  std::vector<std::string> names;
  for (const auto& step : rollback_steps(package)) names.push_back(step.step);
  return names;
}

TEST(Evidence, APlainCheckpointCarriesItsRecordsAndNoRollback) {
  const Checkpoint checkpoint = testing::plain_checkpoint();
  const auto package = package_of(checkpoint, testing::plain_events());

  EXPECT_EQ(package.generated_at, kGeneratedAt);
  EXPECT_EQ(package.checkpointd_version, "0.1.0");
  EXPECT_EQ(package.checkpoint_id, "c1a2b3c4");
  EXPECT_EQ(package.state, CheckpointState::committed);
  EXPECT_EQ(package.request.migration_id, "2026_11_21_add_phone");
  ASSERT_TRUE(package.request.plan);
  EXPECT_EQ(package.request.plan->steps[0].statements[1].verdict.rule, "update_with_where");
  EXPECT_EQ(package.backup->backup_id, "app-ckpt-c1a2b3c4");
  EXPECT_EQ(package.recovery_point->wal_file, "000000010000000000000003");
  ASSERT_TRUE(package.execution);
  EXPECT_EQ(package.execution->steps[0].statements[1].rows, 1200);
  ASSERT_EQ(package.approvals.size(), 1U);
  EXPECT_EQ(package.approvals[0].by, "bob");
  EXPECT_EQ(package.events.size(), 5U);
  EXPECT_FALSE(package.analysis);
  EXPECT_FALSE(package.rollback.restore);
  EXPECT_FALSE(package.rollback.failed_at);
  EXPECT_TRUE(rollback_steps(package).empty());
  EXPECT_FALSE(package.go_no_go);
}

TEST(Evidence, TheArchiveBeforeReadyIsProvenByTheReadyEvent) {
  const auto package = package_of(testing::plain_checkpoint(), testing::plain_events());
  const ArchiveProof& proof = package.archived_before_ready;
  EXPECT_TRUE(proof.proven);
  EXPECT_EQ(proof.ready_at, utc("2026-11-21T07:00:04.000000Z"));
  EXPECT_EQ(proof.detail,
            "segment 000000010000000000000003 holding the target 0/3000148 was archived before the checkpoint became "
            "ready at 2026-11-21T07:00:04.000000Z (event 3); the migration started after it, at "
            "2026-11-21T07:01:00.000000Z");
}

TEST(Evidence, WithoutARecoveryPointNothingIsProven) {
  Checkpoint refused = testing::ready_checkpoint();
  refused.state = CheckpointState::refused;
  refused.reason = "wal_archive_failing";
  refused.recovery_point.reset();
  const auto proof = package_of(refused, {testing::ready_events()[0]}).archived_before_ready;
  EXPECT_FALSE(proof.proven);
  EXPECT_FALSE(proof.ready_at);
  EXPECT_EQ(proof.detail,
            "no recovery point was recorded: the checkpoint never became ready (refused: wal_archive_failing)");

  const auto no_event = package_of(testing::plain_checkpoint(), {}).archived_before_ready;
  EXPECT_FALSE(no_event.proven);
  EXPECT_EQ(no_event.detail, "the timeline holds no change to ready");
}

TEST(Evidence, AWatchThatTurnedTheFlagOffShowsTheDecidingMeasurementsAndTheRecoveryTime) {
  const auto package = package_of(testing::flagged_off_checkpoint(), testing::plain_events());

  ASSERT_TRUE(package.analysis);
  const AnalysisEvidence& analysis = *package.analysis;
  EXPECT_EQ(analysis.stage, WatchStage::recovered);
  ASSERT_EQ(analysis.runs.size(), 2U);
  EXPECT_EQ(analysis.runs[0].kind, "watch");
  EXPECT_EQ(analysis.runs[0].phase, AnalysisPhase::failed);
  ASSERT_EQ(analysis.runs[0].metrics.size(), 1U);
  const MetricEvidence& metric = analysis.runs[0].metrics[0];
  EXPECT_EQ(metric.name, "error-rate");
  EXPECT_EQ(metric.success_condition, "result[0] < 0.05");
  EXPECT_EQ(metric.phase, AnalysisPhase::failed);
  EXPECT_EQ(metric.message, "failed (1) > failureLimit (0)");
  EXPECT_EQ(metric.measurements.size(), 2U);
  EXPECT_EQ(analysis.runs[1].kind, "recheck");
  EXPECT_EQ(analysis.runs[1].metrics[0].phase, AnalysisPhase::successful);

  const RollbackEvidence& rollback = package.rollback;
  ASSERT_TRUE(rollback.failure_signal);
  EXPECT_EQ(rollback.failure_signal->metric, "error-rate");
  EXPECT_EQ(rollback.failure_signal->measurement.value, "[0.31]");
  EXPECT_EQ(rollback.first_failure_at, utc("2026-11-21T07:01:30.400000Z"));
  ASSERT_TRUE(rollback.recovery_seconds);
  EXPECT_DOUBLE_EQ(*rollback.recovery_seconds, 32.5);
  ASSERT_EQ(rollback.rungs.size(), 1U);
  EXPECT_EQ(rollback.rungs[0].rung, "flag_off");
  EXPECT_EQ(package.flag_changes.size(), 2U);
  EXPECT_FALSE(rollback.restore);
}

TEST(Evidence, TheRollbackStepsOfAFlagOffAreInTimeOrder) {
  const auto package = package_of(testing::flagged_off_checkpoint(), testing::plain_events());
  EXPECT_EQ(step_names(package), (std::vector<std::string>{"failure signal", "flag_off decided", "flag off in develop",
                                                           "flag_off done", "recovered"}));
  const auto steps = rollback_steps(package);
  EXPECT_EQ(steps[0].detail, "error-rate: Failed, value [0.31]");
  EXPECT_EQ(steps[1].detail, "the SLO failed in an expand migration: the flag goes off first");
  EXPECT_EQ(steps[2].detail, "by checkpointd (rollback ladder)");
}

TEST(Evidence, ARestoredCheckpointShowsTheFailureAndTheRestorePhasesWithOffsets) {
  const auto package = package_of(testing::restored_checkpoint(), testing::restored_events());

  const RollbackEvidence& rollback = package.rollback;
  EXPECT_EQ(rollback.failed_at, utc("2026-11-21T07:01:01.900000Z"));
  EXPECT_EQ(rollback.failure, "001_add_phone.sql:2: null value in column \"phone\"");
  EXPECT_FALSE(rollback.failure_signal);
  ASSERT_TRUE(rollback.restore);
  const RestoreEvidence& restore = *rollback.restore;
  EXPECT_EQ(restore.trigger, "auto");
  EXPECT_TRUE(restore.verified);
  EXPECT_EQ(restore.restored_timeline, 2U);
  EXPECT_EQ(restore.duration_seconds, 4.912345);
  ASSERT_EQ(restore.phases.size(), 5U);
  EXPECT_DOUBLE_EQ(restore.phases[0].offset_seconds, 0);
  EXPECT_DOUBLE_EQ(restore.phases[1].offset_seconds, 0.85);
  EXPECT_NEAR(restore.phases[4].offset_seconds, 4.912345, 1e-9);
  EXPECT_EQ(restore.notes,
            (std::vector<std::string>{
                "copied the base backup into the target: 1021 files, 38.2 MiB in 0.84 s with 4 workers"}));
  ASSERT_TRUE(package.execution->failure);
  EXPECT_EQ(package.execution->failure->sqlstate, "23502");

  EXPECT_EQ(step_names(package),
            (std::vector<std::string>{"checkpoint failed", "restore started", "restore base_copied",
                                      "restore recovery_started", "restore promoted", "restore verified"}));
}

TEST(Evidence, TheRestoreStandsNextToItsPrediction) {
  Checkpoint checkpoint = testing::restored_checkpoint();
  EXPECT_FALSE(package_of(checkpoint, testing::restored_events()).rollback.restore->predicted_seconds)
      << "none recorded";
  checkpoint.predicted_restore = RestorePrediction{6.5, 40'000'000, 16'000'000, RestoreRates{200e6, 120e6, 3.0, 0}};
  const auto restore = package_of(checkpoint, testing::restored_events()).rollback.restore;
  ASSERT_TRUE(restore);
  EXPECT_EQ(restore->predicted_seconds, 6.5);
  EXPECT_EQ(restore->duration_seconds, 4.912345);
}

TEST(Evidence, ARestoreThatDidNotReachVerifiedIsNotVerified) {
  Checkpoint checkpoint = testing::restored_checkpoint();
  checkpoint.restore->phases.pop_back();
  checkpoint.restore->error = "recovery did not reach the target";
  const auto restore = package_of(checkpoint, testing::restored_events()).rollback.restore;
  ASSERT_TRUE(restore);
  EXPECT_FALSE(restore->verified);
  EXPECT_EQ(restore->error, "recovery did not reach the target");
}

TEST(Evidence, TheGoNoGoBelongsToTheExpandMigrationOfTheContractStep) {
  Checkpoint expand = testing::plain_checkpoint();
  EXPECT_EQ(go_no_go_migration_id(expand), "2026_11_21_add_phone");

  Checkpoint contract = testing::plain_checkpoint();
  contract.request.phase = MigrationPhase::contract;
  contract.request.plan->expand_migration_id = "2026_11_01_add_phone";
  EXPECT_EQ(go_no_go_migration_id(contract), "2026_11_01_add_phone");
  contract.request.plan.reset();
  EXPECT_FALSE(go_no_go_migration_id(contract));

  const auto package = package_of(expand, testing::plain_events(), testing::no_go_verdict());
  ASSERT_TRUE(package.go_no_go);
  EXPECT_EQ(package.go_no_go->expand_migration_id, "2026_11_21_add_phone");
  EXPECT_FALSE(package.go_no_go->verdict.go);
  EXPECT_EQ(package.go_no_go->verdict.items.size(), 3U);
}

}  // namespace
}  // namespace ckpt
