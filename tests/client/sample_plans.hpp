// Migration plans as a pull request would hold them (plan.yaml plus its SQL files),
// written into a test's temp directory. The SQL is real: the classifier that judges it
// is the real one.
#pragma once

#include <string>

#include "client/temp_directory.hpp"

namespace ckpt::cli::testing {

// The expand migration of examples/plans/add_phone: a nullable column, then an index
// built concurrently (statement by statement). Valid.
inline const std::string kAddPhonePlan = R"(migration:
  id: 2026_11_21_add_phone
  purpose: add users.phone for login v2
cluster: app
phase: expand
rollback_window:
  duration: 24h
  owner: alice
  approver: bob
session:
  lock_timeout: 5s
  statement_timeout: 15m
steps:
  - sql: 001_add_phone.sql
  - sql: 002_phone_index.sql
    transaction: false
commit: automatic
)";

inline const std::string kAddPhoneSql = "-- additive\nALTER TABLE users ADD COLUMN phone text;\n";
inline const std::string kPhoneIndexSql =
    "-- no write lock\nCREATE INDEX CONCURRENTLY users_phone_idx ON users (phone);\n";

// `plan` with the first `from` replaced by `to`.
inline std::string with(std::string plan, const std::string& from, const std::string& to) {
  plan.replace(plan.find(from), from.size(), to);
  return plan;
}

// Writes plan.yaml (`plan`) and the add_phone SQL files (`first_sql` as 001_add_phone.sql);
// the plan's path.
inline std::string write_plan(const TempDirectory& directory, const std::string& plan = kAddPhonePlan,
                              const std::string& first_sql = kAddPhoneSql) {
  directory.write("001_add_phone.sql", first_sql);
  directory.write("002_phone_index.sql", kPhoneIndexSql);
  return directory.write("plan.yaml", plan);
}

// A plan without steps: the command comes from the command line (`run -- CMD`) or, with
// `command_line` set, from the plan's `command`.
inline std::string command_plan(const std::string& command_line = {}) {
  std::string plan = kAddPhonePlan.substr(0, kAddPhonePlan.find("steps:"));
  if (!command_line.empty()) plan += "command: " + command_line + "\n";
  return plan + "commit: automatic\n";
}

}  // namespace ckpt::cli::testing
