// A plan read from YAML, its SQL classified, then judged: what the pull request's CI
// (`checkpointctl plan check`) and the daemon see. Destructive statements in an expand
// plan are refused naming file:line and the rule; DO blocks only pass once reviewed;
// CREATE INDEX CONCURRENTLY needs `transaction: false`; lock_risky statements pass.
#include "plan/plan_classification.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "core/begin_validation.hpp"
#include "core/plan_rules.hpp"
#include "plan/plan_loader.hpp"

namespace ckpt {
namespace {

constexpr const char* kHead = R"(migration: {id: 2026_11_21_add_phone}
cluster: app
phase: expand
rollback_window: {duration: 24h, owner: alice, approver: bob}
)";

// Loads `steps_yaml` (the plan's steps) over `files`, classifies it and returns the plan.
MigrationPlan classified_plan(const std::string& steps_yaml, const std::map<std::string, std::string>& files) {
  const auto reader = [&files](const std::string& path) -> Result<std::string> {
    const auto found = files.find(path);
    if (found == files.end()) return make_error(ErrorCode::bad_request, "no such file");
    return found->second;
  };
  auto plan = parse_plan(std::string(kHead) + steps_yaml, "plan.yaml", reader);
  EXPECT_TRUE(plan.ok()) << plan.error().message;
  if (!plan) return MigrationPlan{};
  const auto classified = classify_plan(*plan);
  EXPECT_TRUE(classified.ok()) << classified.error().message;
  return std::move(plan).value();
}

Error check_error(const MigrationPlan& plan) {
  auto result = check_plan(plan);
  if (result) return Error{ErrorCode::internal, "<no error>", ""};
  return std::move(result).error();
}

TEST(PlanClassification, FillsEveryStepsStatementsInOrder) {
  const auto plan = classified_plan("steps:\n  - sql: a.sql\n  - sql: b.sql\n",
                                    {{"a.sql", "-- add\nALTER TABLE users ADD COLUMN phone text;\n"},
                                     {"b.sql", "CREATE TABLE t (id int);\nCOMMENT ON TABLE t IS 'x';\n"}});
  ASSERT_EQ(plan.steps.size(), 2U);
  ASSERT_EQ(plan.steps[0].statements.size(), 1U);
  EXPECT_EQ(plan.steps[0].statements[0].line, 2);
  EXPECT_EQ(plan.steps[0].statements[0].verdict.rule, "add_column");
  ASSERT_EQ(plan.steps[1].statements.size(), 2U);
  EXPECT_EQ(plan.steps[1].statements[1].line, 2);
  EXPECT_EQ(plan.steps[1].statements[1].verdict.rule, "comment");
  EXPECT_TRUE(check_plan(plan));
}

TEST(PlanClassification, DropColumnInAnExpandPlanIsRefusedNamingFileLineAndRule) {
  const auto plan =
      classified_plan("steps:\n  - sql: migrations/001.sql\n",
                      {{"migrations/001.sql",
                        "ALTER TABLE users ADD COLUMN phone text;\n\nALTER TABLE users DROP COLUMN legacy_phone;\n"
                        "DROP TABLE legacy_sessions;\n"}});
  const Error error = check_error(plan);
  EXPECT_EQ(error.code, ErrorCode::refused);
  EXPECT_EQ(error.reason, refusal::destructive_statement);
  EXPECT_EQ(error.message,
            "migrations/001.sql:3: ALTER TABLE users DROP COLUMN legacy_phone is destructive (drop_column: drops "
            "column legacy_phone of table users and its data; the running application may still use it); an expand "
            "migration may only add — move it to a contract migration (and 1 more such statement in this plan)");
}

TEST(PlanClassification, ADoBlockIsRefusedUnlessItsStepWasReviewed) {
  const std::map<std::string, std::string> files{
      {"backfill.sql", "DO $$\nBEGIN\n  UPDATE users SET phone = legacy_phone WHERE phone IS NULL;\nEND\n$$;\n"}};
  const auto unreviewed = classified_plan("steps:\n  - sql: backfill.sql\n", files);
  const Error error = check_error(unreviewed);
  EXPECT_EQ(error.code, ErrorCode::refused);
  EXPECT_EQ(error.reason, refusal::destructive_statement);
  EXPECT_EQ(error.message.rfind("backfill.sql:1: DO $$ BEGIN UPDATE users SET phone = legacy_phone WHERE phone IS "
                                "NULL; END $$ cannot be checked (opaque_do_block: ",
                                0),
            0U)
      << error.message;
  const auto reviewed = classified_plan("steps:\n  - sql: backfill.sql\n    reviewed: true\n", files);
  EXPECT_TRUE(check_plan(reviewed));
}

TEST(PlanClassification, CreateIndexConcurrentlyNeedsTransactionFalse) {
  const std::map<std::string, std::string> files{
      {"idx.sql", "-- no lock on writes\nCREATE INDEX CONCURRENTLY users_phone_idx ON users (phone);\n"}};
  const auto in_transaction = classified_plan("steps:\n  - sql: idx.sql\n", files);
  const Error error = check_error(in_transaction);
  EXPECT_EQ(error.code, ErrorCode::bad_request);
  EXPECT_EQ(error.message,
            "idx.sql:2: CREATE INDEX cannot run inside a transaction block, but 'steps[0]' runs its file in one "
            "transaction; set `transaction: false` on that step (its statements then run one by one)");
  const auto on_its_own = classified_plan("steps:\n  - sql: idx.sql\n    transaction: false\n", files);
  EXPECT_TRUE(check_plan(on_its_own));
}

TEST(PlanClassification, LockRiskyStatementsAreAllowedAndCounted) {
  const auto plan =
      classified_plan("steps:\n  - sql: idx.sql\n", {{"idx.sql", "CREATE INDEX users_phone_idx ON users (phone);\n"}});
  ASSERT_EQ(plan.steps[0].statements.size(), 1U);
  EXPECT_EQ(plan.steps[0].statements[0].verdict.statement_class, StatementClass::lock_risky);
  EXPECT_EQ(plan.steps[0].statements[0].verdict.rule, "create_index_not_concurrently");
  EXPECT_TRUE(check_plan(plan));
  EXPECT_EQ(summarize_plan(plan).lock_risky, 1U);
}

TEST(PlanClassification, ASyntaxErrorIsReturnedAsIs) {
  const auto reader = [](const std::string& path) -> Result<std::string> {
    return std::string(path == "ok.sql" ? "SELECT 1;\n" : "SELECT 1;\nALTER TABLE;\n");
  };
  auto plan = parse_plan(std::string(kHead) + "steps:\n  - sql: ok.sql\n  - sql: broken.sql\n", "plan.yaml", reader);
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  const auto classified = classify_plan(*plan);
  ASSERT_FALSE(classified.ok());
  EXPECT_EQ(classified.error().code, ErrorCode::bad_request);
  EXPECT_EQ(classified.error().message.rfind("broken.sql:2:", 0), 0U) << classified.error().message;
}

TEST(PlanClassification, ReplacesStatementsAlreadyThere) {
  auto plan = classified_plan("steps:\n  - sql: a.sql\n", {{"a.sql", "SELECT 1;"}});
  plan.steps[0].statements.push_back(plan.steps[0].statements[0]);
  ASSERT_TRUE(classify_plan(plan).ok());
  EXPECT_EQ(plan.steps[0].statements.size(), 1U);
}

TEST(PlanClassification, ACommandPlanHasNothingToClassify) {
  auto plan = parse_plan(std::string(kHead) + "command: [flyway, migrate]\n", "plan.yaml",
                         [](const std::string&) -> Result<std::string> { return std::string(); });
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_TRUE(classify_plan(*plan).ok());
  EXPECT_TRUE(check_plan(*plan));
}

}  // namespace
}  // namespace ckpt
