// The plan rules on hand-built, already classified plans: structural problems are
// bad requests listed together, the rollback window and destructive statements in an
// expand migration are refusals with their reasons, a contract plan is not gated here.
#include "core/plan_rules.hpp"

#include <gtest/gtest.h>

#include <string>
#include <utility>

#include "core/begin_validation.hpp"

namespace ckpt {
namespace {

ClassifiedStatement statement(int line, std::string text, std::string command, StatementClass statement_class,
                              std::string rule, std::string reason) {
  ClassifiedStatement out;
  out.text = std::move(text);
  out.line = line;
  out.column = 1;
  out.command = std::move(command);
  out.verdict = StatementVerdict{statement_class, std::move(rule), std::move(reason)};
  return out;
}

ClassifiedStatement add_column(int line = 1) {
  return statement(line, "ALTER TABLE users ADD COLUMN phone text", "ALTER TABLE", StatementClass::additive,
                   "add_column", "adds a nullable column without a default");
}

ClassifiedStatement drop_column(int line) {
  return statement(line, "ALTER TABLE users DROP COLUMN legacy_phone", "ALTER TABLE", StatementClass::destructive,
                   "drop_column", "the column and its data are gone");
}

ClassifiedStatement do_block(int line) {
  return statement(line, "DO $$ BEGIN PERFORM 1; END $$", "DO", StatementClass::unknown, "do_block",
                   "the parser cannot see what the block does");
}

ClassifiedStatement concurrent_index(int line) {
  auto out = statement(line, "CREATE INDEX CONCURRENTLY users_phone_idx ON users (phone)", "CREATE INDEX",
                       StatementClass::additive, "create_index_concurrently", "builds without blocking writes");
  out.needs_own_transaction = true;
  return out;
}

SqlStep step(std::string file, std::vector<ClassifiedStatement> statements) {
  SqlStep out;
  out.file = std::move(file);
  out.sql = "-- sql";
  out.sha256 = std::string(64, '0');
  out.statements = std::move(statements);
  return out;
}

MigrationPlan expand_plan() {
  MigrationPlan plan;
  plan.migration_id = "2026_11_21_add_phone";
  plan.purpose = "add users.phone for login v2";
  plan.cluster = "app";
  plan.phase = MigrationPhase::expand;
  plan.window = RollbackWindow{std::chrono::hours{24}, "alice", "bob"};
  plan.steps.push_back(step("migrations/001_add_phone.sql", {add_column()}));
  return plan;
}

MigrationPlan contract_plan() {
  MigrationPlan plan = expand_plan();
  plan.migration_id = "2026_12_05_drop_legacy_phone";
  plan.phase = MigrationPhase::contract;
  plan.expand_migration_id = "2026_11_21_add_phone";
  plan.steps = {step("migrations/001_drop_legacy_phone.sql", {drop_column(3)})};
  return plan;
}

Error error_of(const MigrationPlan& plan) {
  auto result = check_plan(plan);
  if (result) return Error{ErrorCode::internal, "<no error>", ""};
  return std::move(result).error();
}

TEST(PlanRules, AcceptsAnAdditiveExpandPlan) {
  EXPECT_TRUE(check_plan(expand_plan()));
}

TEST(PlanRules, AcceptsAContractPlanWithADestructiveStatement) {
  EXPECT_TRUE(check_plan(contract_plan()));
}

TEST(PlanRules, AcceptsAPlanThatWrapsACommand) {
  auto plan = expand_plan();
  plan.steps.clear();
  plan.command = {"flyway", "migrate"};
  EXPECT_TRUE(check_plan(plan));
}

TEST(PlanRules, LockRiskyStatementsAreAllowedInExpand) {
  auto plan = expand_plan();
  plan.steps[0].statements.push_back(statement(2, "CREATE INDEX users_phone_idx ON users (phone)", "CREATE INDEX",
                                               StatementClass::lock_risky, "create_index_not_concurrently",
                                               "blocks writes to the table while it builds"));
  EXPECT_TRUE(check_plan(plan));
}

TEST(PlanRules, DestructiveStatementInExpandIsRefusedNamingFileLineAndRule) {
  auto plan = expand_plan();
  plan.steps[0].statements.push_back(drop_column(7));
  const Error error = error_of(plan);
  EXPECT_EQ(error.code, ErrorCode::refused);
  EXPECT_EQ(error.reason, refusal::destructive_statement);
  EXPECT_EQ(error.message,
            "migrations/001_add_phone.sql:7: ALTER TABLE users DROP COLUMN legacy_phone is destructive (drop_column: "
            "the column and its data are gone); an expand migration may only add — move it to a contract migration");
}

TEST(PlanRules, TheFirstDestructiveStatementIsNamedAndTheOthersCounted) {
  auto plan = expand_plan();
  plan.steps[0].statements.push_back(drop_column(4));
  plan.steps.push_back(step("migrations/002.sql", {drop_column(1), drop_column(9)}));
  const Error error = error_of(plan);
  EXPECT_EQ(error.reason, refusal::destructive_statement);
  EXPECT_EQ(error.message.rfind("migrations/001_add_phone.sql:4: ", 0), 0U) << error.message;
  EXPECT_TRUE(error.message.ends_with(" (and 2 more such statements in this plan)")) << error.message;
}

TEST(PlanRules, LongStatementsAreShownOnOneShortLine) {
  auto plan = expand_plan();
  auto drop = drop_column(2);
  drop.text =
      "DROP TABLE\n    very_long_table_name_number_one,\n    very_long_table_name_number_two,\n"
      "    very_long_table_name_number_three";
  drop.verdict.rule = "drop_table";
  drop.verdict.reason = "the tables and their data are gone";
  plan.steps[0].statements.push_back(drop);
  const Error error = error_of(plan);
  EXPECT_EQ(error.message.rfind("migrations/001_add_phone.sql:2: DROP TABLE very_long_table_name_number_one, "
                                "very_long_table_name_number_two,... is destructive (drop_table: ",
                                0),
            0U)
      << error.message;
}

TEST(PlanRules, UnknownStatementIsRefusedInExpandUnlessItsStepWasReviewed) {
  auto plan = expand_plan();
  plan.steps[0].statements.push_back(do_block(5));
  const Error error = error_of(plan);
  EXPECT_EQ(error.code, ErrorCode::refused);
  EXPECT_EQ(error.reason, refusal::destructive_statement);
  EXPECT_EQ(error.message,
            "migrations/001_add_phone.sql:5: DO $$ BEGIN PERFORM 1; END $$ cannot be checked (do_block: the parser "
            "cannot see what the block does); an expand migration may only add — have a person review the step and "
            "set `reviewed: true` on it, or move the statement to a contract migration");
  plan.steps[0].reviewed = true;
  EXPECT_TRUE(check_plan(plan));
}

TEST(PlanRules, ReviewedDoesNotLetADestructiveStatementThrough) {
  auto plan = expand_plan();
  plan.steps[0].reviewed = true;
  plan.steps[0].statements.push_back(drop_column(2));
  EXPECT_EQ(error_of(plan).reason, refusal::destructive_statement);
}

TEST(PlanRules, StatementThatNeedsItsOwnTransactionNeedsTransactionFalse) {
  auto plan = expand_plan();
  plan.steps.push_back(step("migrations/002_phone_index.sql", {concurrent_index(3)}));
  const Error error = error_of(plan);
  EXPECT_EQ(error.code, ErrorCode::bad_request);
  EXPECT_EQ(error.message,
            "migrations/002_phone_index.sql:3: CREATE INDEX cannot run inside a transaction block, but 'steps[1]' "
            "runs its file in one transaction; set `transaction: false` on that step (its statements then run one "
            "by one)");
  plan.steps[1].transaction = false;
  EXPECT_TRUE(check_plan(plan));
}

TEST(PlanRules, RollbackWindowRulesAreValidateBeginsRefusals) {
  auto no_window = expand_plan();
  no_window.window.duration = Millis{0};
  EXPECT_EQ(error_of(no_window).reason, refusal::missing_rollback_window);
  auto no_owner = expand_plan();
  no_owner.window.owner.clear();
  EXPECT_EQ(error_of(no_owner).reason, refusal::missing_owner);
  auto no_approver = expand_plan();
  no_approver.window.approver.clear();
  EXPECT_EQ(error_of(no_approver).reason, refusal::missing_approver);
  auto self_approved = expand_plan();
  self_approved.window.approver = " ALICE";
  const Error error = error_of(self_approved);
  EXPECT_EQ(error.code, ErrorCode::refused);
  EXPECT_EQ(error.reason, refusal::approver_is_owner);
}

TEST(PlanRules, TheWindowIsJudgedBeforeTheStatements) {
  auto plan = expand_plan();
  plan.window.approver = "alice";
  plan.steps[0].statements.push_back(drop_column(2));
  EXPECT_EQ(error_of(plan).reason, refusal::approver_is_owner);
}

TEST(PlanRules, StructuralProblemsComeBeforeRefusalsAndAreAllListed) {
  auto plan = expand_plan();
  plan.migration_id = " ";
  plan.cluster = "App";
  plan.command = {"flyway", "migrate"};
  plan.window.duration = Millis{0};  // a refusal, reported only once the structure is sound
  plan.steps[0].statements.push_back(drop_column(2));
  const Error error = error_of(plan);
  EXPECT_EQ(error.code, ErrorCode::bad_request);
  EXPECT_EQ(error.reason, "");
  EXPECT_EQ(error.message,
            "'migration.id' must not be empty; give the migration an id such as 2026_11_21_add_phone\n"
            "'cluster' must be a configured cluster name (lowercase letters, digits and '-', starting with a letter, "
            "at most 40 characters), got 'App'\n"
            "'steps' and 'command' are both given; a plan either lists SQL files that checkpointd runs or wraps one "
            "command: remove one of them");
}

TEST(PlanRules, ExpandMigrationIdBelongsToContractPlansOnly) {
  auto expand = expand_plan();
  expand.expand_migration_id = "2026_10_01_something";
  EXPECT_EQ(error_of(expand).message,
            "'migration.expand_migration_id' is only for contract migrations; remove it, or set `phase: contract` if "
            "this migration removes what an expand migration replaced");
  auto contract = contract_plan();
  contract.expand_migration_id.clear();
  EXPECT_EQ(error_of(contract).code, ErrorCode::bad_request);
  EXPECT_EQ(error_of(contract).message,
            "'migration.expand_migration_id' is required for a contract migration; give the id of the expand "
            "migration whose go/no-go gates this one");
}

TEST(PlanRules, BreakGlassIsForContractPlansAndNamesAPersonAndAReason) {
  auto expand = expand_plan();
  expand.break_glass = BreakGlass{"carol", "incident 4711"};
  EXPECT_EQ(error_of(expand).message,
            "'break_glass' overrides the contract gate and is only for contract migrations; remove it");
  auto contract = contract_plan();
  contract.break_glass = BreakGlass{"", " "};
  EXPECT_EQ(error_of(contract).message,
            "'break_glass.by' must not be empty; name the person who overrides the contract gate\n"
            "'break_glass.reason' must not be empty; say why the gate is overridden (the incident or change number)");
  contract.break_glass = BreakGlass{"carol", "incident 4711, approved in the change board"};
  EXPECT_TRUE(check_plan(contract));
}

TEST(PlanRules, ZeroTimeoutsAreRefusedAsInvalid) {
  auto plan = expand_plan();
  plan.session.lock_timeout = Millis{0};
  plan.session.statement_timeout = Millis{0};
  const Error error = error_of(plan);
  EXPECT_EQ(error.code, ErrorCode::bad_request);
  EXPECT_EQ(error.message,
            "'session.lock_timeout' must be longer than zero (0 lets a DDL statement wait for its lock forever, "
            "blocking every query behind it); use e.g. 5s\n"
            "'session.statement_timeout' must be longer than zero (0 lets a statement run forever); use e.g. 15m");
}

TEST(PlanRules, TheSameFileTwiceIsInvalid) {
  auto plan = expand_plan();
  plan.steps.push_back(step("migrations/./001_add_phone.sql", {add_column()}));
  EXPECT_EQ(error_of(plan).message,
            "'steps[1].sql' repeats 'migrations/001_add_phone.sql' of 'steps[0].sql'; each file runs once per plan");
}

TEST(PlanRules, DefaultSessionSettingsAreSafe) {
  const SessionSettings session;
  EXPECT_EQ(session.lock_timeout, std::chrono::seconds{5});
  EXPECT_EQ(session.statement_timeout, std::chrono::minutes{15});
}

TEST(PlanRules, BeginRequestForCarriesThePlansIdentityAndWindow) {
  const auto plan = expand_plan();
  const BeginRequest request = begin_request_for(plan);
  EXPECT_EQ(request.cluster, "app");
  EXPECT_EQ(request.migration_id, "2026_11_21_add_phone");
  EXPECT_EQ(request.purpose, "add users.phone for login v2");
  EXPECT_EQ(request.phase, MigrationPhase::expand);
  EXPECT_EQ(request.window.owner, "alice");
  EXPECT_EQ(request.window.approver, "bob");
  EXPECT_EQ(request.window.duration, std::chrono::hours{24});
  EXPECT_FALSE(request.plan.has_value());
}

TEST(PlanSummary, CountsStatementsByClass) {
  auto plan = expand_plan();
  plan.steps[0].statements.push_back(drop_column(2));
  plan.steps.push_back(step("b.sql", {do_block(1), do_block(2), concurrent_index(3)}));
  plan.steps.push_back(step("c.sql", {do_block(1)}));
  plan.steps.back().reviewed = true;
  const PlanSummary summary = summarize_plan(plan);
  EXPECT_EQ(summary.steps, 3U);
  EXPECT_EQ(summary.statements, 6U);
  EXPECT_EQ(summary.additive, 2U);
  EXPECT_EQ(summary.lock_risky, 0U);
  EXPECT_EQ(summary.unknown, 3U);
  EXPECT_EQ(summary.unknown_reviewed, 1U);
  EXPECT_EQ(summary.destructive, 1U);
  EXPECT_EQ(summary.blocking_expand, 3U);
  EXPECT_EQ(summary.count(StatementClass::unknown), 3U);
  EXPECT_EQ(summary.count(StatementClass::additive), 2U);
}

}  // namespace
}  // namespace ckpt
