// What `plan check` and `run --dry-run` print. Table: the plan's header (migration,
// cluster, phase, rollback window, session timeouts, commit policy), per SQL step its
// statements (line, class, rule, short text) with every statement that is not additive
// called out with its reason, the count by class, and the verdict (ok / refused with
// reason and message / invalid with the messages). JSON and YAML:
// {"plan": to_json(plan) or null, "verdict": {"ok","code","reason","message"}}, and for
// a dry run also "would": the sentence saying what run would do. Pure.
#pragma once

#include <string>
#include <vector>

#include "cli/command.hpp"
#include "cli/plan_review.hpp"

namespace ckpt::cli {

std::string render_plan_review(const PlanReview& review, OutputFormat format);

// The review, then (for a plan that may run) what run would do with it and `command`
// (the argv it would wrap; empty: the plan's SQL steps).
std::string render_dry_run(const PlanReview& review, const std::vector<std::string>& command, OutputFormat format);

// "would begin a checkpoint on cluster app (expand, window 24h, alice → bob), then run
// 2 SQL files: 001_add_phone.sql in one transaction, 002_phone_index.sql statement by
// statement, then commit automatically"
std::string dry_run_sentence(const MigrationPlan& plan, const std::vector<std::string>& command);

// argv as one line a person can read and paste: arguments with spaces or quotes are
// single-quoted.
std::string command_line_text(const std::vector<std::string>& argv);

}  // namespace ckpt::cli
