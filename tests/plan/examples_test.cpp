// The example plans a person copies (examples/plans/) load, classify and pass the plan
// rules: the expand example only adds, the contract example's DROP COLUMN is allowed
// here (its gate is the daemon's, judged from its records).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "core/plan_rules.hpp"
#include "plan/plan_classification.hpp"
#include "plan/plan_loader.hpp"

namespace ckpt {
namespace {

std::filesystem::path examples_directory() {
  const char* from_environment = std::getenv("CHECKPOINTD_SOURCE_DIR");
  return std::filesystem::path(from_environment != nullptr ? from_environment : CHECKPOINTD_DEFAULT_SOURCE_DIR) /
         "examples" / "plans";
}

MigrationPlan checked_example(const std::string& name) {
  auto plan = load_plan_file(examples_directory() / name / "plan.yaml");
  EXPECT_TRUE(plan.ok()) << plan.error().message;
  if (!plan) return MigrationPlan{};
  const auto classified = classify_plan(*plan);
  EXPECT_TRUE(classified.ok()) << classified.error().message;
  const auto checked = check_plan(*plan);
  EXPECT_TRUE(checked.ok()) << checked.error().message;
  return std::move(plan).value();
}

TEST(ExamplePlans, AddPhoneIsAnExpandPlanThatOnlyAdds) {
  const MigrationPlan plan = checked_example("add_phone");
  EXPECT_EQ(plan.phase, MigrationPhase::expand);
  ASSERT_EQ(plan.steps.size(), 2U);
  ASSERT_EQ(plan.steps[0].statements.size(), 1U);
  EXPECT_EQ(plan.steps[0].statements[0].verdict.rule, "add_column");
  ASSERT_EQ(plan.steps[1].statements.size(), 1U);
  EXPECT_EQ(plan.steps[1].statements[0].verdict.rule, "create_index_concurrently");
  EXPECT_TRUE(plan.steps[1].statements[0].needs_own_transaction);
  EXPECT_FALSE(plan.steps[1].transaction);
  const PlanSummary summary = summarize_plan(plan);
  EXPECT_EQ(summary.additive, 2U);
  EXPECT_EQ(summary.blocking_expand, 0U);
  ASSERT_TRUE(plan.slo);
  EXPECT_EQ(plan.slo->metrics.size(), 2U);
  EXPECT_EQ(plan.slo->data_checks.size(), 1U);
  ASSERT_TRUE(plan.flag);
  EXPECT_EQ(plan.flag->name, "FEATURE_LOGIN_V2");
}

TEST(ExamplePlans, DropLegacyPhoneIsAContractPlanWithADropColumn) {
  const MigrationPlan plan = checked_example("drop_legacy_phone");
  EXPECT_EQ(plan.phase, MigrationPhase::contract);
  EXPECT_EQ(plan.expand_migration_id, "2026_11_21_add_phone");
  ASSERT_EQ(plan.steps.size(), 1U);
  ASSERT_EQ(plan.steps[0].statements.size(), 1U);
  EXPECT_EQ(plan.steps[0].statements[0].verdict.statement_class, StatementClass::destructive);
  EXPECT_EQ(plan.steps[0].statements[0].verdict.rule, "drop_column");
}

TEST(ExamplePlans, TheContractExampleAsAnExpandPlanIsRefused) {
  MigrationPlan plan = checked_example("drop_legacy_phone");
  plan.phase = MigrationPhase::expand;
  plan.expand_migration_id.clear();
  const auto checked = check_plan(plan);
  ASSERT_FALSE(checked.ok());
  EXPECT_EQ(checked.error().reason, "destructive_statement");
  EXPECT_EQ(checked.error().message.rfind("001_drop_legacy_phone.sql:2: ALTER TABLE users DROP COLUMN legacy_phone "
                                          "is destructive (drop_column: ",
                                          0),
            0U)
      << checked.error().message;
}

}  // namespace
}  // namespace ckpt
