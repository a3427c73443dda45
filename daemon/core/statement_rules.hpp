// The rules that call a SQL statement additive, lock_risky, unknown or destructive, and
// say whether PostgreSQL refuses it inside a transaction block. Pure functions of a
// StatementView. Every verdict names its rule (stable snake_case, e.g. "drop_table",
// "create_index_not_concurrently") and gives a one-line reason for a person. A kind of
// statement the rules do not know is unknown ("unrecognised_statement"), never additive.
#pragma once

#include <string_view>

#include "core/statement.hpp"
#include "core/statement_view.hpp"

namespace ckpt {

// The class of one statement. ALTER TABLE with several subcommands and statements with
// data-modifying WITH queries get the most severe verdict of their parts.
StatementVerdict classify(const StatementView& statement);

// The verdict of one ALTER TABLE subcommand on `relation`, as the reason names it
// ("table orders", "index orders_status_idx"; empty: "the table").
StatementVerdict classify_action(const AlterTableAction& action, std::string_view relation);

// PostgreSQL refuses the statement inside a transaction block (CREATE / DROP INDEX
// CONCURRENTLY, REINDEX CONCURRENTLY, VACUUM, CREATE / DROP DATABASE, ...).
bool needs_own_transaction(const StatementView& statement);

// The more severe verdict (additive < lock_risky < unknown < destructive); `a` on a tie.
const StatementVerdict& most_severe(const StatementVerdict& a, const StatementVerdict& b);

}  // namespace ckpt
