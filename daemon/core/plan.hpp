// The migration plan: what a migration job or a person writes in one YAML file and
// reviews in a pull request (docs/plan.md), as plain data. plan/plan_loader.hpp reads
// it strictly from YAML (SQL files read and hashed), codec/plan_json.hpp carries it to
// the daemon, core/plan_rules.hpp judges it. No IO.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/duration.hpp"
#include "core/migration_terms.hpp"
#include "core/slo_plan.hpp"
#include "core/statement.hpp"

namespace ckpt {

// Session settings of the migration's database session. The defaults are safe: a DDL
// statement waiting for a lock blocks every query behind it, so it gives up quickly.
inline constexpr Millis kDefaultLockTimeout = std::chrono::seconds{5};
inline constexpr Millis kDefaultStatementTimeout = std::chrono::minutes{15};

struct SessionSettings {
  Millis lock_timeout = kDefaultLockTimeout;
  Millis statement_timeout = kDefaultStatementTimeout;
};

// One SQL file, run in order.
struct SqlStep {
  std::string file;    // as written in the plan (relative to the plan's directory)
  std::string sql;     // the file's contents
  std::string sha256;  // hex of the contents
  // true: the whole file in one transaction; false: statement by statement, each on its
  // own (required when the file holds a statement that cannot run in a transaction).
  bool transaction = true;
  // A person reviewed the statements the parser cannot see into (DO blocks, function
  // bodies): `unknown` does not count as destructive in this step.
  bool reviewed = false;
  std::vector<ClassifiedStatement> statements;  // filled by classification
};

// A person overriding the contract gate, with the reason; recorded and counted.
struct BreakGlass {
  std::string by;
  std::string reason;
};

enum class CommitPolicy { automatic, manual };

std::string_view to_string(CommitPolicy policy);
std::optional<CommitPolicy> commit_policy_from(std::string_view text);

struct MigrationPlan {
  std::string migration_id;
  std::string purpose;
  std::string cluster;
  MigrationPhase phase = MigrationPhase::expand;
  // contract: the migration id of the expand migration whose go/no-go gates this one.
  std::string expand_migration_id;
  RollbackWindow window;
  SessionSettings session;
  std::vector<SqlStep> steps;        // SQL steps, or
  std::vector<std::string> command;  // a command to wrap (argv), or neither when the CLI gives it
  CommitPolicy commit = CommitPolicy::automatic;
  std::optional<BreakGlass> break_glass;
  std::optional<SloSpec> slo;    // what the watch measures; none: nothing is watched
  std::optional<FlagSpec> flag;  // the flag guarding the new code path; none: no flag rung
  LadderPolicy ladder;
};

}  // namespace ckpt
