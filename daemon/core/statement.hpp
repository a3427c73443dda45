// One SQL statement of a migration step as checkpointd judges it: where it is in its
// file, what it is, whether it can run inside a transaction block, and its class with
// the rule that decided and a one-line reason. Plain data; sql/sql_classifier.hpp makes
// it from libpg_query's parse tree, core/statement_rules.hpp decides the class.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ckpt {

// additive: safe before the application rollout; destructive: loses data or breaks the
// running application (contract only); lock_risky: allowed, but may block traffic;
// unknown: the parser cannot see what it does (DO blocks, function bodies), counted as
// destructive unless its step is marked reviewed.
enum class StatementClass { additive, lock_risky, unknown, destructive };

std::string_view to_string(StatementClass value);
std::optional<StatementClass> statement_class_from(std::string_view text);

struct StatementVerdict {
  StatementClass statement_class = StatementClass::unknown;
  std::string rule;    // e.g. "drop_table", "create_index_not_concurrently"
  std::string reason;  // one line for a person
};

struct ClassifiedStatement {
  std::string text;     // the statement as written, without the trailing ';', trimmed
  int line = 0;         // 1-based line of its first character in the file
  int column = 0;       // 1-based column of its first character
  std::string command;  // the command in words, e.g. "CREATE INDEX", "ALTER TABLE"
  // Cannot run inside a transaction block (CREATE INDEX CONCURRENTLY, VACUUM, ...).
  bool needs_own_transaction = false;
  StatementVerdict verdict;
};

}  // namespace ckpt
