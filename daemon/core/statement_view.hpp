// One SQL statement reduced to the facts the classification rules look at: what kind of
// statement it is, what it names, and the few flags that decide its class (CONCURRENTLY,
// NOT VALID, a WHERE clause, the kind of a DEFAULT expression, ...). Plain data that does
// not depend on a parser: sql/pg_query_adapter.hpp fills it from libpg_query's parse
// tree, core/statement_rules.hpp judges it, tests build it by hand.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace ckpt {

enum class StatementKind {
  other,  // a kind the rules do not know; StatementView::node_name says which
  // Rows and session.
  select,
  insert,
  update,
  delete_rows,
  set_variable,
  show_variable,
  transaction_control,  // BEGIN, COMMIT, SAVEPOINT, ...
  call_procedure,
  do_block,
  // Creating objects.
  create_table,     // also CREATE TABLE ... PARTITION OF (partition_of)
  create_table_as,  // CREATE TABLE AS, SELECT INTO, CREATE MATERIALIZED VIEW (object_type)
  create_schema,
  create_sequence,
  create_view,
  create_type,  // enum, composite, range, base type
  create_domain,
  create_extension,
  create_object,    // CREATE AGGREGATE / OPERATOR / COLLATION / TEXT SEARCH ... (object_type)
  create_function,  // functions and procedures (object_type "function" / "procedure")
  create_index,
  create_database,
  create_tablespace,
  // Changing objects.
  alter_table,  // ALTER TABLE / INDEX / VIEW / SEQUENCE / TYPE ... with subcommands (actions)
  add_enum_value,
  rename_enum_value,
  rename,      // ALTER ... RENAME (object_type says what is renamed)
  set_schema,  // ALTER ... SET SCHEMA
  comment,
  grant,   // GRANT on objects, and GRANT role TO role (object_type "role")
  revoke,  // REVOKE, likewise
  alter_system,
  // Removing objects and rows.
  drop,  // DROP <object_type>
  drop_owned,
  truncate,
  drop_database,
  drop_tablespace,
  // Maintenance and locks.
  vacuum,
  analyze,
  cluster,
  reindex,  // object_type: "index", "table", "schema", "database", "system"
  lock_table,
  refresh_materialized_view,
};

// A DEFAULT (or generation) expression as PostgreSQL's ADD COLUMN fast path sees it.
// Ordered by how much they cost: a constant or a non-volatile call (now(),
// CURRENT_TIMESTAMP) is evaluated once and stored in the catalog (PostgreSQL 11+);
// a call of unknown volatility may, and a volatile call (random(), clock_timestamp(),
// gen_random_uuid(), nextval()) does, rewrite the whole table.
enum class ExpressionKind { none, constant, stable_call, unknown_call, volatile_call };

// The column of ADD COLUMN.
struct ColumnDefinition {
  std::string name;
  std::string type_name;  // last part, lower case: "int4", "text", "bigserial"
  ExpressionKind default_kind = ExpressionKind::none;
  bool not_null = false;
  bool identity = false;            // GENERATED ... AS IDENTITY
  bool generated_stored = false;    // GENERATED ALWAYS AS (...) STORED
  bool index_constraint = false;    // inline PRIMARY KEY or UNIQUE
  bool checked_constraint = false;  // inline CHECK or REFERENCES
};

enum class ConstraintType { check, foreign_key, unique, primary_key, exclusion, not_null, other };

// The constraint of ADD CONSTRAINT.
struct ConstraintDefinition {
  ConstraintType type = ConstraintType::other;
  std::string name;          // empty when PostgreSQL picks it
  bool not_valid = false;    // NOT VALID: existing rows are not checked
  bool using_index = false;  // UNIQUE / PRIMARY KEY USING INDEX: no index build
};

enum class AlterTableActionKind {
  other,  // a subcommand the rules do not know; AlterTableAction::subcommand says which
  add_column,
  drop_column,
  alter_column_type,
  set_default,
  drop_default,
  set_not_null,
  drop_not_null,
  add_constraint,
  validate_constraint,
  drop_constraint,
  set_statistics,
  set_storage_parameters,  // SET / RESET ( fillfactor = ..., autovacuum_... )
  set_tablespace,
  set_logged,  // SET LOGGED and SET UNLOGGED
  attach_partition,
  detach_partition,
};

// One subcommand of ALTER TABLE.
struct AlterTableAction {
  AlterTableActionKind kind = AlterTableActionKind::other;
  std::string subcommand;                          // PostgreSQL's name for it, e.g. "EnableRowSecurity" (for reasons)
  std::string name;                                // the column, constraint or partition it names, if any
  std::optional<ColumnDefinition> column;          // add_column
  std::optional<ConstraintDefinition> constraint;  // add_constraint
  bool concurrently = false;                       // DETACH PARTITION ... CONCURRENTLY
};

struct StatementView {
  StatementKind kind = StatementKind::other;
  std::string node_name;  // PostgreSQL's parse node, e.g. "CreatePolicyStmt" (for reasons)
  std::string command;    // in words, e.g. "CREATE INDEX", "ALTER TABLE", "DO"
  // What the statement creates, drops, renames, alters, grants on or reindexes, in
  // snake case: "table", "column", "index", "materialized_view", "constraint", ...
  std::string object_type;
  std::string object_name;                // the first object it names, e.g. "public.orders"; may be empty
  std::vector<AlterTableAction> actions;  // alter_table
  bool concurrently = false;              // CREATE / DROP INDEX, REINDEX, REFRESH MATERIALIZED VIEW
  bool has_where = false;                 // update, delete_rows
  bool full = false;                      // vacuum: VACUUM FULL
  bool replace = false;                   // CREATE OR REPLACE
  bool opaque_body = false;               // create_function: the body is a string (AS $$ ... $$), not parsed
  std::string language;                   // create_function, do_block: e.g. "plpgsql"
  bool partition_of = false;              // create_table: CREATE TABLE ... PARTITION OF parent
  // Data-modifying statements in the WITH clause (WITH d AS (DELETE ...) SELECT ...).
  std::vector<StatementView> modifying_ctes;
};

}  // namespace ckpt
