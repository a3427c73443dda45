// The rules a migration plan must meet, judged after its SQL is classified (every
// step's `statements` filled by plan/plan_classification.hpp). Pure: the same verdict in
// `checkpointctl plan check`, in a pull request's CI and in the daemon before a backup.
//
// check_plan() answers, in this order:
//   1. structural problems, ErrorCode::bad_request (plan check exits 2), all of them, one
//      per line: migration id empty; cluster not a valid name; both steps and command;
//      a statement that cannot run in a transaction block in a step with
//      `transaction: true`; expand_migration_id on an expand plan or missing on a
//      contract plan; break_glass on an expand plan or without `by` / `reason`; a zero
//      lock_timeout or statement_timeout; the same step file twice; the slo, flag and
//      ladder sections' problems (core/slo_rules.hpp).
//   2. refusals, ErrorCode::refused with a reason (plan check exits 3): the rollback
//      window (validate_begin: missing window, owner, approver; approver == owner), then
//      an expand plan holding a destructive statement, or an unknown one in a step not
//      marked `reviewed` (refusal::destructive_statement), naming the first one by
//      file:line and counting the others.
// The contract gate (the expand migration's go/no-go) is not judged here: the daemon
// judges it from its records.
#pragma once

#include <cstddef>

#include "core/checkpoint.hpp"
#include "core/plan.hpp"
#include "core/result.hpp"
#include "core/statement.hpp"

namespace ckpt {

Result<void> check_plan(const MigrationPlan& plan);

// The begin request a plan stands for: its cluster, migration id, purpose, phase and
// rollback window (`plan` left empty: attach it where the plan travels with the request).
BeginRequest begin_request_for(const MigrationPlan& plan);

// True when an expand migration may not hold `statement` of `step`: a destructive
// statement, or an unknown one in a step no person marked reviewed.
bool blocks_expand(const SqlStep& step, const ClassifiedStatement& statement);

// The plan's statements counted by class, for `plan check` output and metrics.
struct PlanSummary {
  std::size_t steps = 0;
  std::size_t statements = 0;
  std::size_t additive = 0;
  std::size_t lock_risky = 0;
  std::size_t unknown = 0;
  std::size_t unknown_reviewed = 0;  // of `unknown`: in steps marked reviewed
  std::size_t destructive = 0;
  std::size_t blocking_expand = 0;  // statements blocks_expand() is true for

  std::size_t count(StatementClass statement_class) const;
};

PlanSummary summarize_plan(const MigrationPlan& plan);

}  // namespace ckpt
