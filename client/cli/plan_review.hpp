// A migration plan as `plan check` and `run` judge it, offline: load the YAML file
// (plan/plan_loader.hpp), classify every SQL statement (plan/plan_classification.hpp),
// then apply the plan rules (core/plan_rules.hpp). The first step that fails decides
// the verdict: bad_request (invalid: YAML, types, SQL syntax, structure) or refused
// (no rollback window / owner / approver, approver is owner, a destructive statement
// in an expand plan). Touches the plan file and its SQL files, nothing else.
#pragma once

#include <filesystem>
#include <optional>

#include "core/plan.hpp"
#include "core/result.hpp"

namespace ckpt::cli {

struct PlanReview {
  std::optional<MigrationPlan> plan;  // absent when the file could not be loaded
  std::optional<Error> problem;       // absent: the plan may run
  bool ok() const { return !problem.has_value(); }
};

PlanReview review_plan(const std::filesystem::path& file);

// 0 when ok, else the error table's exit code of the problem (2 invalid, 3 refused).
int exit_code_of(const PlanReview& review);

}  // namespace ckpt::cli
