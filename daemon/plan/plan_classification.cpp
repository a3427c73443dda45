#include "plan/plan_classification.hpp"

#include <utility>

#include "sql/sql_classifier.hpp"

namespace ckpt {

Result<void> classify_plan(MigrationPlan& plan) {
  for (auto& step : plan.steps) {
    auto statements = sql::classify_sql(step.sql, step.file);
    if (!statements) return std::move(statements).error();
    step.statements = std::move(statements).value();
  }
  return {};
}

}  // namespace ckpt
