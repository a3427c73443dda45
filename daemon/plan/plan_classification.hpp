// Classifies every statement of a plan's SQL steps (sql/sql_classifier.hpp): fills each
// step's `statements`, in file order, replacing what was there. The first file that
// does not parse is returned as is: ErrorCode::bad_request "<file>:<line>:<column>:
// message". A plan that wraps a command has no steps and nothing to classify.
#pragma once

#include "core/plan.hpp"
#include "core/result.hpp"

namespace ckpt {

Result<void> classify_plan(MigrationPlan& plan);

}  // namespace ckpt
