#include "core/statement_rules.hpp"

#include <string>
#include <utility>

namespace ckpt {
namespace {

StatementVerdict additive(std::string rule, std::string reason) {
  return {StatementClass::additive, std::move(rule), std::move(reason)};
}
StatementVerdict lock_risky(std::string rule, std::string reason) {
  return {StatementClass::lock_risky, std::move(rule), std::move(reason)};
}
StatementVerdict unknown(std::string rule, std::string reason) {
  return {StatementClass::unknown, std::move(rule), std::move(reason)};
}
StatementVerdict destructive(std::string rule, std::string reason) {
  return {StatementClass::destructive, std::move(rule), std::move(reason)};
}

// "materialized_view" -> "materialized view".
std::string words(std::string_view snake) {
  std::string out(snake);
  for (char& c : out) {
    if (c == '_') c = ' ';
  }
  return out;
}

// "table orders", or "table" when the name is unknown.
std::string named(std::string_view what, std::string_view name) {
  std::string out = words(what);
  if (!name.empty()) {
    out.push_back(' ');
    out.append(name);
  }
  return out;
}

// Rule names built from an object type ("drop_" + "materialized_view").
std::string rule_for(std::string_view prefix, std::string_view object_type) {
  return std::string(prefix) + (object_type.empty() ? std::string("object") : std::string(object_type));
}

bool is_serial_type(std::string_view type) {
  return type == "serial" || type == "bigserial" || type == "smallserial" || type == "serial2" || type == "serial4" ||
         type == "serial8";
}

StatementVerdict classify_add_column(const AlterTableAction& action, const std::string& tbl) {
  if (!action.column) {
    return unknown("unrecognised_alter_table_command", "ADD COLUMN without a column definition; review it");
  }
  const ColumnDefinition& column = *action.column;
  const std::string col = named("column", column.name);
  if (column.not_null && column.default_kind == ExpressionKind::none && !column.identity && !column.generated_stored &&
      !is_serial_type(column.type_name)) {
    return destructive("add_column_not_null_without_default",
                       "NOT NULL without a default: the running application's INSERTs that omit " + col +
                           " fail (and the ALTER itself fails if " + tbl + " has rows)");
  }
  if (column.default_kind == ExpressionKind::volatile_call || is_serial_type(column.type_name)) {
    return lock_risky("add_column_volatile_default", "the default of " + col + " is volatile: PostgreSQL rewrites " +
                                                         tbl +
                                                         " under an ACCESS EXCLUSIVE lock; add it without a "
                                                         "default, then backfill in batches");
  }
  if (column.identity || column.generated_stored) {
    return lock_risky("add_column_rewrites_table", "an identity or stored generated " + col +
                                                       " fills every row: PostgreSQL rewrites " + tbl +
                                                       " under an ACCESS EXCLUSIVE lock");
  }
  if (column.default_kind == ExpressionKind::unknown_call) {
    return lock_risky("add_column_default_may_rewrite",
                      "the default of " + col + " calls a function of unknown volatility: if it is volatile, " +
                          "PostgreSQL rewrites " + tbl + " under an ACCESS EXCLUSIVE lock");
  }
  if (column.not_null) {
    return lock_risky("add_column_not_null_with_default",
                      "NOT NULL " + col + " with a default: no rewrite only on PostgreSQL 11+ with a non-volatile " +
                          "default; older servers rewrite " + tbl + " under an ACCESS EXCLUSIVE lock");
  }
  if (column.index_constraint) {
    return lock_risky("add_column_with_index", "the inline PRIMARY KEY / UNIQUE of " + col + " builds an index on " +
                                                   tbl + " under an ACCESS EXCLUSIVE lock; add the column, then " +
                                                   "CREATE UNIQUE INDEX CONCURRENTLY");
  }
  if (column.checked_constraint) {
    return lock_risky("add_column_with_constraint",
                      "the inline CHECK / REFERENCES of " + col + " is checked under lock (REFERENCES also locks " +
                          "the referenced table); add the column, then the constraint NOT VALID");
  }
  if (column.default_kind != ExpressionKind::none) {
    return additive("add_column_with_default", "adds " + col + " with a non-volatile default: PostgreSQL 11+ " +
                                                   "stores it in the catalog without rewriting " + tbl);
  }
  return additive("add_column", "adds nullable " + col + " without a default to " + tbl + ": a catalog-only change");
}

StatementVerdict classify_add_constraint(const AlterTableAction& action, const std::string& tbl) {
  if (!action.constraint) {
    return unknown("unrecognised_alter_table_command", "ADD CONSTRAINT without a constraint definition; review it");
  }
  const ConstraintDefinition& constraint = *action.constraint;
  const std::string con = named("constraint", constraint.name);
  if (constraint.not_valid) {
    return additive("add_constraint_not_valid", "adds " + con + " NOT VALID: only new rows are checked, " +
                                                    "existing rows are not scanned; VALIDATE CONSTRAINT later");
  }
  if (constraint.using_index) {
    return additive("add_constraint_using_index", "turns an existing unique index into " + con +
                                                      " without building anything (a brief ACCESS EXCLUSIVE lock)");
  }
  switch (constraint.type) {
    case ConstraintType::unique:
    case ConstraintType::primary_key:
    case ConstraintType::exclusion:
      return lock_risky("add_constraint_builds_index",
                        con + " builds its index on " + tbl + " under an ACCESS EXCLUSIVE lock; CREATE UNIQUE " +
                            "INDEX CONCURRENTLY first, then ADD CONSTRAINT ... USING INDEX");
    case ConstraintType::check:
    case ConstraintType::foreign_key:
      return lock_risky("add_constraint_without_not_valid", con + " checks every existing row of " + tbl +
                                                                " while blocking writes; add it NOT " +
                                                                "VALID, then VALIDATE CONSTRAINT");
    case ConstraintType::not_null:
    case ConstraintType::other:
      break;
  }
  return unknown("unrecognised_alter_table_command", "the rules do not know the kind of " + con + "; review it");
}

}  // namespace

const StatementVerdict& most_severe(const StatementVerdict& a, const StatementVerdict& b) {
  return static_cast<int>(b.statement_class) > static_cast<int>(a.statement_class) ? b : a;
}

StatementVerdict classify_action(const AlterTableAction& action, std::string_view relation) {
  const std::string tbl = relation.empty() ? std::string("the table") : std::string(relation);
  const std::string col = named("column", action.name);
  const std::string con = named("constraint", action.name);
  switch (action.kind) {
    case AlterTableActionKind::add_column:
      return classify_add_column(action, tbl);
    case AlterTableActionKind::drop_column:
      return destructive("drop_column",
                         "drops " + col + " of " + tbl + " and its data; the running application may still use it");
    case AlterTableActionKind::alter_column_type:
      return destructive("alter_column_type", "changes the type of " + col + ": usually rewrites " + tbl +
                                                  " under an ACCESS EXCLUSIVE lock and can break the running " +
                                                  "application's reads and writes");
    case AlterTableActionKind::set_default:
      return additive("set_default",
                      "changes the default of " + col + " for future inserts; existing rows are untouched");
    case AlterTableActionKind::drop_default:
      return destructive("drop_default",
                         "the running application's INSERTs that rely on the default of " + col + " get NULL or fail");
    case AlterTableActionKind::set_not_null:
      return destructive("set_not_null", "the running application's writes of NULL to " + col + " fail, and " + tbl +
                                             " is scanned under an ACCESS EXCLUSIVE lock; validate a " +
                                             "CHECK (... IS NOT NULL) NOT VALID constraint first");
    case AlterTableActionKind::drop_not_null:
      return additive("drop_not_null", "relaxes " + col + " to accept NULL: every write of the running " +
                                           "application still succeeds (the expand step before retiring a column)");
    case AlterTableActionKind::add_constraint:
      return classify_add_constraint(action, tbl);
    case AlterTableActionKind::validate_constraint:
      return additive("validate_constraint", "checks existing rows against " + con + " under a SHARE UPDATE " +
                                                 "EXCLUSIVE lock: reads and writes continue");
    case AlterTableActionKind::drop_constraint:
      return destructive("drop_constraint", "drops " + con + " of " + tbl + ": a guarantee the running " +
                                                "application may rely on (uniqueness, reference, check) is gone");
    case AlterTableActionKind::set_statistics:
      return additive("set_statistics", "changes the statistics target of " + col + ": a catalog-only change");
    case AlterTableActionKind::set_storage_parameters:
      return additive("set_storage_parameters",
                      "changes storage parameters of " + tbl + " (fillfactor, autovacuum, ...): a catalog change");
    case AlterTableActionKind::set_tablespace:
      return lock_risky("set_tablespace", "copies " + tbl + " to another tablespace under an ACCESS EXCLUSIVE lock");
    case AlterTableActionKind::set_logged:
      return lock_risky("set_logged", "SET LOGGED / UNLOGGED rewrites " + tbl + " under an ACCESS EXCLUSIVE lock");
    case AlterTableActionKind::attach_partition:
      return lock_risky("attach_partition",
                        "scans partition " + action.name + " to check its bound (unless a matching CHECK " +
                            "constraint exists) while holding locks on it and on the default partition");
    case AlterTableActionKind::detach_partition:
      return destructive("detach_partition", "the rows of partition " + action.name + " disappear from " + tbl +
                                                 " for the running application");
    case AlterTableActionKind::other:
      break;
  }
  return unknown("unrecognised_alter_table_command",
                 "the rules do not know ALTER TABLE subcommand " +
                     (action.subcommand.empty() ? std::string("(unnamed)") : action.subcommand) + "; review it");
}

StatementVerdict classify(const StatementView& s) {
  StatementVerdict verdict = [&s]() -> StatementVerdict {
    const std::string obj = named(s.object_type, s.object_name);
    const std::string tbl = named("table", s.object_name);
    switch (s.kind) {
      case StatementKind::select:
        return additive("select", "reads rows; changes nothing");
      case StatementKind::insert:
        return additive("insert", "adds rows to " + tbl + "; existing rows are untouched");
      case StatementKind::update:
        if (s.has_where) return additive("update_with_where", "updates only the rows of " + tbl + " its WHERE selects");
        return destructive("update_without_where", "updates every row of " + tbl + ": there is no WHERE clause");
      case StatementKind::delete_rows:
        if (s.has_where) return additive("delete_with_where", "deletes only the rows of " + tbl + " its WHERE selects");
        return destructive("delete_without_where", "deletes every row of " + tbl + ": there is no WHERE clause");
      case StatementKind::set_variable:
        return additive("set", "changes a session setting; no schema or data change");
      case StatementKind::show_variable:
        return additive("show", "shows a setting; changes nothing");
      case StatementKind::transaction_control:
        return additive("transaction_control", s.command + " controls the transaction; no schema or data change");
      case StatementKind::call_procedure:
        return unknown("opaque_procedure_call", "CALL runs " + named("procedure", s.object_name) +
                                                    ", whose body the parser cannot see; review it");
      case StatementKind::do_block:
        return unknown("opaque_do_block", "a DO block runs " +
                                              (s.language.empty() ? std::string("plpgsql") : s.language) +
                                              " code the SQL parser cannot see into; review it");
      case StatementKind::create_table:
        if (s.partition_of) {
          return lock_risky("create_partition",
                            "CREATE TABLE ... PARTITION OF takes an ACCESS EXCLUSIVE lock on the " +
                                std::string("parent table; create the table, then ATTACH PARTITION"));
        }
        return additive("create_table", "creates " + tbl + "; nothing existing changes");
      case StatementKind::create_table_as:
        if (s.object_type == "materialized_view") {
          return additive("create_materialized_view", "creates " + obj + "; nothing existing changes");
        }
        return additive("create_table_as", "creates " + tbl + " from a query; nothing existing changes");
      case StatementKind::create_schema:
        return additive("create_schema", "creates " + named("schema", s.object_name) + "; nothing existing changes");
      case StatementKind::create_sequence:
        return additive("create_sequence",
                        "creates " + named("sequence", s.object_name) + "; nothing existing changes");
      case StatementKind::create_view:
        if (s.replace) {
          return additive("replace_view", "CREATE OR REPLACE VIEW " + s.object_name + ": PostgreSQL only lets it " +
                                              "add columns at the end; existing columns keep their names and types");
        }
        return additive("create_view", "creates " + named("view", s.object_name) + "; nothing existing changes");
      case StatementKind::create_type:
        return additive("create_type", "creates " + named("type", s.object_name) + "; nothing existing changes");
      case StatementKind::create_domain:
        return additive("create_domain", "creates " + named("domain", s.object_name) + "; nothing existing changes");
      case StatementKind::create_extension:
        return additive("create_extension",
                        "installs " + named("extension", s.object_name) + "; nothing existing changes");
      case StatementKind::create_object:
        return additive(rule_for("create_", s.object_type), "creates " + obj + "; nothing existing changes");
      case StatementKind::create_function: {
        const std::string what = named(s.object_type.empty() ? "function" : s.object_type, s.object_name);
        if (s.opaque_body) {
          return unknown("opaque_function_body", "the body of " + what + " is " +
                                                     (s.language.empty() ? std::string("code") : s.language) +
                                                     " in a string the SQL parser cannot see into; review it");
        }
        return additive("create_function", std::string(s.replace ? "creates or replaces " : "creates ") + what +
                                               " with a SQL-standard body the parser has checked");
      }
      case StatementKind::create_index:
        if (s.concurrently) {
          return additive("create_index_concurrently", "builds " + named("index", s.object_name) +
                                                           " without blocking writes (outside a " +
                                                           "transaction block)");
        }
        return lock_risky("create_index_not_concurrently", "blocks writes to the table while " +
                                                               named("index", s.object_name) +
                                                               " builds; use CREATE INDEX CONCURRENTLY");
      case StatementKind::create_database:
        return additive("create_database",
                        "creates " + named("database", s.object_name) + "; nothing existing changes");
      case StatementKind::create_tablespace:
        return additive("create_tablespace",
                        "creates " + named("tablespace", s.object_name) + "; nothing existing changes");
      case StatementKind::alter_table: {
        if (s.actions.empty()) {
          return unknown("unrecognised_statement", s.command + " without a subcommand the rules know; review it");
        }
        const std::string relation = named(s.object_type.empty() ? "table" : s.object_type, s.object_name);
        StatementVerdict worst = classify_action(s.actions.front(), relation);
        for (std::size_t i = 1; i < s.actions.size(); ++i) {
          StatementVerdict next = classify_action(s.actions[i], relation);
          if (&most_severe(worst, next) == &next) worst = std::move(next);
        }
        return worst;
      }
      case StatementKind::add_enum_value:
        return additive("add_enum_value", "adds a value to " + named("enum type", s.object_name) +
                                              "; it cannot be used before the transaction commits");
      case StatementKind::rename_enum_value:
        return destructive("rename_enum_value", "renames a value of " + named("enum type", s.object_name) +
                                                    "; the running application still uses the old value");
      case StatementKind::rename:
        return destructive(rule_for("rename_", s.object_type),
                           "renames " + obj + "; the running application still uses the old name");
      case StatementKind::set_schema:
        return destructive("set_schema",
                           "moves " + obj + " to another schema; queries that find it by its old schema fail");
      case StatementKind::comment:
        return additive("comment", "changes a comment; no schema or data change");
      case StatementKind::grant:
        return additive("grant", "grants privileges; nothing the running application has is taken away");
      case StatementKind::revoke:
        return destructive("revoke", "revokes privileges the running application may need");
      case StatementKind::alter_system:
        return unknown("alter_system", "ALTER SYSTEM changes the server's configuration for every database; its " +
                                           std::string("effect depends on the setting; review it"));
      case StatementKind::drop:
        return destructive(
            rule_for("drop_", s.object_type),
            "drops " + obj + "; the running application may still use it and only a restore brings " + "it back");
      case StatementKind::drop_owned:
        return destructive("drop_owned", "drops every object owned by the role, with its data");
      case StatementKind::truncate:
        return destructive("truncate", "deletes every row of " + tbl);
      case StatementKind::drop_database:
        return destructive("drop_database", "drops " + named("database", s.object_name) + " with all its data");
      case StatementKind::drop_tablespace:
        return destructive("drop_tablespace", "drops " + named("tablespace", s.object_name));
      case StatementKind::vacuum:
        if (s.full) {
          return lock_risky("vacuum_full", "rewrites " + named("table", s.object_name) +
                                               " under an ACCESS EXCLUSIVE lock, blocking reads and writes; use " +
                                               "plain VACUUM");
        }
        return additive("vacuum", "reclaims space without blocking reads or writes");
      case StatementKind::analyze:
        return additive("analyze", "refreshes planner statistics; no schema or data change");
      case StatementKind::cluster:
        return lock_risky("cluster", "rewrites " + named("table", s.object_name) +
                                         " in index order under an ACCESS EXCLUSIVE lock, blocking reads and writes");
      case StatementKind::reindex:
        if (s.concurrently) {
          return additive("reindex_concurrently", "rebuilds " + obj + " without blocking writes");
        }
        return lock_risky("reindex_not_concurrently", "rebuilding " + obj + " blocks writes (and reads that use the " +
                                                          "index); use REINDEX CONCURRENTLY");
      case StatementKind::lock_table:
        return lock_risky("lock_table",
                          "locks " + tbl + " explicitly until the transaction ends, blocking other " + "sessions");
      case StatementKind::refresh_materialized_view:
        if (s.concurrently) {
          return additive("refresh_materialized_view_concurrently",
                          "refreshes " + named("materialized view", s.object_name) + " while reads continue");
        }
        return lock_risky("refresh_materialized_view",
                          "blocks reads of " + named("materialized view", s.object_name) +
                              " while it refreshes; use REFRESH MATERIALIZED VIEW CONCURRENTLY");
      case StatementKind::other:
        break;
    }
    return unknown("unrecognised_statement",
                   "the rules do not know " + (s.node_name.empty() ? std::string("this statement") : s.node_name) +
                       (s.command.empty() ? std::string() : " (" + s.command + ")") + "; review it");
  }();
  for (const StatementView& cte : s.modifying_ctes) {
    StatementVerdict part = classify(cte);
    if (&most_severe(verdict, part) == &part) verdict = std::move(part);
  }
  return verdict;
}

bool needs_own_transaction(const StatementView& s) {
  switch (s.kind) {
    case StatementKind::create_index:
    case StatementKind::drop:
      return s.concurrently;
    case StatementKind::reindex:
      return s.concurrently || s.object_type == "schema" || s.object_type == "database" || s.object_type == "system";
    case StatementKind::vacuum:
    case StatementKind::create_database:
    case StatementKind::drop_database:
    case StatementKind::create_tablespace:
    case StatementKind::drop_tablespace:
    case StatementKind::alter_system:
      return true;
    case StatementKind::cluster:
      return s.object_name.empty();  // CLUSTER without a table: every clustered table
    case StatementKind::alter_table:
      for (const AlterTableAction& action : s.actions) {
        if (action.kind == AlterTableActionKind::detach_partition && action.concurrently) return true;
      }
      return false;
    default:
      return false;
  }
}

}  // namespace ckpt
