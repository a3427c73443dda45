#include "core/contract_gate.hpp"

#include <gtest/gtest.h>

#include "core/time_format.hpp"

namespace ckpt {
namespace {

using std::chrono::hours;

TimePoint at(const char* text) {
  return *parse_rfc3339(text);
}

Checkpoint expand_checkpoint(CheckpointState state, const char* committed_at) {
  Checkpoint checkpoint;
  checkpoint.id = "e0000001";
  checkpoint.request.cluster = "app";
  checkpoint.request.migration_id = "2026_12_01_add_phone";
  checkpoint.request.phase = MigrationPhase::expand;
  checkpoint.request.window = RollbackWindow{hours{24}, "alice", "bob"};
  checkpoint.state = state;
  checkpoint.created_at = checkpoint.updated_at = at("2026-12-01T09:00:00.000000Z");
  if (committed_at != nullptr) checkpoint.committed_at = at(committed_at);
  return checkpoint;
}

Checkpoint verified_restore(const char* verified_at) {
  Checkpoint checkpoint;
  checkpoint.id = "d0000001";
  checkpoint.request.cluster = "app";
  checkpoint.request.migration_id = "drill";
  checkpoint.state = CheckpointState::restored;
  RestoreRecord restore;
  restore.phases = {{"started", at(verified_at)}, {"verified", at(verified_at)}};
  checkpoint.restore = restore;
  return checkpoint;
}

const GateItem& item(const GateVerdict& verdict, const std::string& name) {
  for (const auto& entry : verdict.items) {
    if (entry.name == name) return entry;
  }
  throw std::runtime_error("no gate item " + name);
}

GateVerdict gate(const std::vector<Checkpoint>& checkpoints, const char* now) {
  GateInputs inputs;
  inputs.cluster = "app";
  inputs.expand_migration_id = "2026_12_01_add_phone";
  inputs.checkpoints = &checkpoints;
  inputs.now = at(now);
  inputs.restore_max_age = hours{24 * 7};
  return evaluate_contract_gate(inputs);
}

TEST(ContractGate, ListsEveryItemInOrder) {
  const auto verdict = gate({}, "2026-12-03T09:00:00.000000Z");
  std::vector<std::string> names;
  for (const auto& entry : verdict.items) names.push_back(entry.name);
  EXPECT_EQ(names, (std::vector<std::string>{"expand_committed", "window_elapsed", "no_incident", "traffic_on_new_path",
                                             "restore_evidence", "approval_recorded"}));
  EXPECT_FALSE(verdict.go);
}

TEST(ContractGate, WithoutACommittedExpandCheckpointNothingCanPass) {
  const std::vector<Checkpoint> history{expand_checkpoint(CheckpointState::restored, nullptr)};
  const auto verdict = gate(history, "2026-12-03T09:00:00.000000Z");
  EXPECT_FALSE(item(verdict, "expand_committed").passed);
  EXPECT_EQ(item(verdict, "expand_committed").detail,
            "no committed checkpoint of the expand migration '2026_12_01_add_phone' on cluster 'app'");
}

TEST(ContractGate, TheWindowRunsFromTheCommit) {
  const std::vector<Checkpoint> history{expand_checkpoint(CheckpointState::committed, "2026-12-01T10:00:00.000000Z")};
  const auto open = gate(history, "2026-12-02T09:00:00.000000Z");
  EXPECT_TRUE(item(open, "expand_committed").passed);
  EXPECT_FALSE(item(open, "window_elapsed").passed);
  EXPECT_EQ(item(open, "window_elapsed").detail,
            "the 24h rollback window of checkpoint e0000001 is still open until 2026-12-02T10:00:00.000000Z (1h left)");
  const auto passed = gate(history, "2026-12-02T10:00:00.000000Z");
  EXPECT_TRUE(item(passed, "window_elapsed").passed) << item(passed, "window_elapsed").detail;
}

TEST(ContractGate, RestoreEvidenceMustBeRecentAndOfThisCluster) {
  std::vector<Checkpoint> history{expand_checkpoint(CheckpointState::closed, "2026-12-01T10:00:00.000000Z"),
                                  verified_restore("2026-11-20T10:00:00.000000Z")};
  EXPECT_FALSE(item(gate(history, "2026-12-03T09:00:00.000000Z"), "restore_evidence").passed);
  history.push_back(verified_restore("2026-12-02T10:00:00.000000Z"));
  const auto verdict = gate(history, "2026-12-03T09:00:00.000000Z");
  const auto& fresh = item(verdict, "restore_evidence");
  EXPECT_TRUE(fresh.passed) << fresh.detail;
  history.back().request.cluster = "other";
  EXPECT_FALSE(item(gate(history, "2026-12-03T09:00:00.000000Z"), "restore_evidence").passed);
}

TEST(ContractGate, ItemsWithoutRecordsAreNoWithTheirReason) {
  const std::vector<Checkpoint> history{expand_checkpoint(CheckpointState::committed, "2026-12-01T10:00:00.000000Z"),
                                        verified_restore("2026-12-02T10:00:00.000000Z")};
  const auto verdict = gate(history, "2026-12-05T09:00:00.000000Z");
  EXPECT_FALSE(verdict.go);
  EXPECT_FALSE(item(verdict, "approval_recorded").passed);
  EXPECT_FALSE(item(verdict, "no_incident").passed);
  const auto failures = describe_failures(verdict);
  EXPECT_EQ(failures.find("expand_committed"), std::string::npos);
  EXPECT_NE(failures.find("approval_recorded: no approval by bob (the rollback window's approver) is recorded for "
                          "checkpoint e0000001; checkpointctl approve e0000001 --by bob"),
            std::string::npos)
      << failures;
  EXPECT_NE(failures.find("no_incident: no SLO watch is recorded for checkpoint e0000001"), std::string::npos);
  EXPECT_NE(failures.find("traffic_on_new_path: the plan of checkpoint e0000001 names no feature flag"),
            std::string::npos);
}

// An expand checkpoint whose plan has a flag in two scopes and whose SLO watch passed.
Checkpoint watched_expand() {
  Checkpoint checkpoint = expand_checkpoint(CheckpointState::committed, "2026-12-01T10:00:00.000000Z");
  MigrationPlan plan;
  plan.flag = FlagSpec{"FEATURE_LOGIN_V2", {"develop", "production"}};
  checkpoint.request.plan = plan;
  WatchRecord watch;
  watch.stage = WatchStage::passed;
  watch.run.phase = AnalysisPhase::successful;
  watch.run.finished_at = at("2026-12-01T10:00:00.000000Z");
  checkpoint.watch = watch;
  checkpoint.approvals = {Approval{" Bob ", "reviewed the dashboards", at("2026-12-02T08:00:00.000000Z")}};
  return checkpoint;
}

GateVerdict gate_with_flags(const std::vector<Checkpoint>& checkpoints, std::vector<FlagReading> readings,
                            Millis rto_budget = Millis{0}) {
  GateInputs inputs;
  inputs.cluster = "app";
  inputs.expand_migration_id = "2026_12_01_add_phone";
  inputs.checkpoints = &checkpoints;
  inputs.now = at("2026-12-05T09:00:00.000000Z");
  inputs.restore_max_age = hours{24 * 7};
  inputs.rto_budget = rto_budget;
  inputs.flag_readings = std::move(readings);
  return evaluate_contract_gate(inputs);
}

const std::vector<FlagReading> kBothOn{{"develop", true, ""}, {"production", true, ""}};

TEST(ContractGate, EvidenceOfEveryItemMakesItGo) {
  Checkpoint restored = verified_restore("2026-12-04T10:00:00.000000Z");
  restored.restore->duration_seconds = 42;
  const auto verdict = gate_with_flags({watched_expand(), restored}, kBothOn, std::chrono::minutes{5});
  EXPECT_TRUE(verdict.go) << describe_failures(verdict);
  EXPECT_NE(item(verdict, "no_incident").detail.find("the SLO watch of checkpoint e0000001 passed"), std::string::npos);
  EXPECT_EQ(item(verdict, "traffic_on_new_path").detail,
            "FEATURE_LOGIN_V2 is on in every scope: develop (read back), production (read back)");
  EXPECT_NE(item(verdict, "approval_recorded").detail.find("approved by  Bob  at 2026-12-02T08:00:00.000000Z"),
            std::string::npos);
  EXPECT_NE(item(verdict, "restore_evidence").detail.find("it took 42 s (RTO budget 5m)"), std::string::npos);
}

TEST(ContractGate, ARestoreUnderASecondIsShownInMilliseconds) {
  Checkpoint restored = verified_restore("2026-12-04T10:00:00.000000Z");
  restored.restore->duration_seconds = 0.257;
  const auto verdict = gate_with_flags({watched_expand(), restored}, kBothOn, std::chrono::minutes{5});
  EXPECT_NE(item(verdict, "restore_evidence").detail.find("it took 257 ms (RTO budget 5m)"), std::string::npos)
      << item(verdict, "restore_evidence").detail;
}

TEST(ContractGate, ALadderRungOrAFlagOffIsAnIncident) {
  Checkpoint expand = watched_expand();
  expand.watch->rungs = {RungRecord{"flag_off", "the SLOs failed", at("2026-12-01T09:30:00.000000Z"), {}, {}}};
  EXPECT_EQ(item(gate_with_flags({expand}, kBothOn), "no_incident").detail,
            "the rollback ladder acted on checkpoint e0000001: flag_off at 2026-12-01T09:30:00.000000Z (the SLOs "
            "failed)");
  expand = watched_expand();
  expand.flag_changes = {FlagChange{"develop", false, "carol", "", at("2026-12-02T07:00:00.000000Z"), "", {}}};
  EXPECT_EQ(item(gate_with_flags({expand}, kBothOn), "no_incident").detail,
            "the flag was turned off in develop by carol at 2026-12-02T07:00:00.000000Z");
  expand = watched_expand();
  expand.watch->stage = WatchStage::paused;
  expand.watch->stage_reason = "Inconclusive";
  EXPECT_FALSE(item(gate_with_flags({expand}, kBothOn), "no_incident").passed);
}

TEST(ContractGate, TrafficMustBeOnInEveryScope) {
  const std::vector<Checkpoint> history{watched_expand()};
  EXPECT_EQ(
      item(gate_with_flags(history, {{"develop", true, ""}, {"production", false, ""}}), "traffic_on_new_path").detail,
      "FEATURE_LOGIN_V2 is off in production (read back)");
  EXPECT_EQ(item(gate_with_flags(history, {{"develop", true, ""}, {"production", std::nullopt, "403 Forbidden"}}),
                 "traffic_on_new_path")
                .detail,
            "FEATURE_LOGIN_V2 in production cannot be confirmed on: 403 Forbidden");
  // A webhook cannot be read back: the last change a person recorded decides.
  Checkpoint expand = watched_expand();
  expand.flag_changes = {FlagChange{"production", true, "alice", "", at("2026-12-02T07:00:00.000000Z"), "", {}}};
  EXPECT_EQ(
      item(gate_with_flags({expand}, {{"develop", true, ""}, {"production", std::nullopt, ""}}), "traffic_on_new_path")
          .detail,
      "FEATURE_LOGIN_V2 is on in every scope: develop (read back), production (last recorded change)");
}

TEST(ContractGate, OnlyTheApproverApproves) {
  Checkpoint expand = watched_expand();
  expand.approvals = {Approval{"alice", "", at("2026-12-02T08:00:00.000000Z")}};
  EXPECT_FALSE(item(gate_with_flags({expand}, kBothOn), "approval_recorded").passed);
}

TEST(ContractGate, ARestoreSlowerThanTheRtoBudgetIsNoEvidence) {
  Checkpoint restored = verified_restore("2026-12-04T10:00:00.000000Z");
  restored.restore->duration_seconds = 400;
  const auto verdict = gate_with_flags({watched_expand(), restored}, kBothOn, std::chrono::minutes{5});
  EXPECT_FALSE(verdict.go);
  EXPECT_NE(item(verdict, "restore_evidence").detail.find("it took 400 s, beyond the cluster's RTO budget of 5m"),
            std::string::npos);
}

}  // namespace
}  // namespace ckpt
