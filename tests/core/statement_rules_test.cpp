// The pure classification rules on hand-built StatementViews (no parser involved).
#include "core/statement_rules.hpp"

#include <gtest/gtest.h>

#include <string>

namespace ckpt {
namespace {

using C = StatementClass;
using K = StatementKind;
using A = AlterTableActionKind;

StatementView view(K kind, std::string object_type = {}, std::string object_name = {}) {
  StatementView v;
  v.kind = kind;
  v.object_type = std::move(object_type);
  v.object_name = std::move(object_name);
  return v;
}

AlterTableAction action(A kind, std::string name = {}) {
  AlterTableAction a;
  a.kind = kind;
  a.name = std::move(name);
  return a;
}

AlterTableAction add_column(ColumnDefinition column) {
  AlterTableAction a = action(A::add_column, column.name);
  a.column = std::move(column);
  return a;
}

AlterTableAction add_constraint(ConstraintType type, bool not_valid = false, bool using_index = false) {
  AlterTableAction a = action(A::add_constraint, "c");
  a.constraint = ConstraintDefinition{type, "c", not_valid, using_index};
  return a;
}

StatementView alter_table(std::initializer_list<AlterTableAction> actions) {
  StatementView v = view(K::alter_table, "table", "orders");
  v.command = "ALTER TABLE";
  v.actions = actions;
  return v;
}

void expect_verdict(const StatementVerdict& verdict, C expected_class, const std::string& rule) {
  EXPECT_EQ(to_string(verdict.statement_class), to_string(expected_class)) << rule << ": " << verdict.reason;
  EXPECT_EQ(verdict.rule, rule) << verdict.reason;
  EXPECT_FALSE(verdict.reason.empty()) << rule;
}

TEST(StatementClass, NamesRoundTrip) {
  for (const C value : {C::additive, C::lock_risky, C::unknown, C::destructive}) {
    EXPECT_EQ(statement_class_from(to_string(value)), value);
  }
  EXPECT_EQ(to_string(C::lock_risky), "lock_risky");
  EXPECT_FALSE(statement_class_from("Additive"));
  EXPECT_FALSE(statement_class_from(""));
}

TEST(StatementRules, SeverityOrderIsAdditiveLockRiskyUnknownDestructive) {
  const StatementVerdict a{C::additive, "a", "a"};
  const StatementVerdict l{C::lock_risky, "l", "l"};
  const StatementVerdict u{C::unknown, "u", "u"};
  const StatementVerdict d{C::destructive, "d", "d"};
  EXPECT_EQ(most_severe(a, l).rule, "l");
  EXPECT_EQ(most_severe(u, l).rule, "u");
  EXPECT_EQ(most_severe(u, d).rule, "d");
  EXPECT_EQ(most_severe(d, a).rule, "d");
  const StatementVerdict d2{C::destructive, "d2", "d2"};
  EXPECT_EQ(most_severe(d, d2).rule, "d");  // the first on a tie
}

TEST(StatementRules, AnUnknownKindIsUnknownAndNamesItsNode) {
  StatementView v = view(K::other);
  v.node_name = "CreatePolicyStmt";
  v.command = "CREATE POLICY";
  const auto verdict = classify(v);
  expect_verdict(verdict, C::unknown, "unrecognised_statement");
  EXPECT_NE(verdict.reason.find("CreatePolicyStmt"), std::string::npos);
  EXPECT_NE(verdict.reason.find("CREATE POLICY"), std::string::npos);
}

TEST(StatementRules, CreatingIsAdditive) {
  expect_verdict(classify(view(K::create_table, "table", "orders")), C::additive, "create_table");
  expect_verdict(classify(view(K::create_schema, "schema", "billing")), C::additive, "create_schema");
  expect_verdict(classify(view(K::create_sequence)), C::additive, "create_sequence");
  expect_verdict(classify(view(K::create_view)), C::additive, "create_view");
  expect_verdict(classify(view(K::create_type)), C::additive, "create_type");
  expect_verdict(classify(view(K::create_extension)), C::additive, "create_extension");
  expect_verdict(classify(view(K::create_object, "aggregate")), C::additive, "create_aggregate");
  expect_verdict(classify(view(K::create_table_as, "materialized_view")), C::additive, "create_materialized_view");
  StatementView partition = view(K::create_table, "table", "orders_2025");
  partition.partition_of = true;
  expect_verdict(classify(partition), C::lock_risky, "create_partition");
}

TEST(StatementRules, IndexesNeedConcurrently) {
  StatementView index = view(K::create_index, "index", "orders_status_idx");
  expect_verdict(classify(index), C::lock_risky, "create_index_not_concurrently");
  EXPECT_FALSE(needs_own_transaction(index));
  index.concurrently = true;
  expect_verdict(classify(index), C::additive, "create_index_concurrently");
  EXPECT_TRUE(needs_own_transaction(index));
}

TEST(StatementRules, FunctionsWithOpaqueBodiesAreUnknown) {
  StatementView function = view(K::create_function, "function", "touch");
  function.opaque_body = true;
  function.language = "plpgsql";
  const auto verdict = classify(function);
  expect_verdict(verdict, C::unknown, "opaque_function_body");
  EXPECT_NE(verdict.reason.find("plpgsql"), std::string::npos);
  function.opaque_body = false;
  function.replace = true;
  expect_verdict(classify(function), C::additive, "create_function");
  expect_verdict(classify(view(K::do_block)), C::unknown, "opaque_do_block");
  expect_verdict(classify(view(K::call_procedure)), C::unknown, "opaque_procedure_call");
}

TEST(StatementRules, RowsNeedAWhereClause) {
  StatementView del = view(K::delete_rows, "table", "orders");
  expect_verdict(classify(del), C::destructive, "delete_without_where");
  del.has_where = true;
  expect_verdict(classify(del), C::additive, "delete_with_where");
  StatementView update = view(K::update, "table", "orders");
  expect_verdict(classify(update), C::destructive, "update_without_where");
  update.has_where = true;
  expect_verdict(classify(update), C::additive, "update_with_where");
  expect_verdict(classify(view(K::insert)), C::additive, "insert");
  expect_verdict(classify(view(K::select)), C::additive, "select");
}

TEST(StatementRules, DataModifyingWithQueriesCount) {
  StatementView select = view(K::select);
  select.modifying_ctes.push_back(view(K::delete_rows, "table", "orders"));
  expect_verdict(classify(select), C::destructive, "delete_without_where");
  select.modifying_ctes.front().has_where = true;
  expect_verdict(classify(select), C::additive, "select");
}

TEST(StatementRules, DropsRenamesAndTheirRuleNames) {
  expect_verdict(classify(view(K::drop, "table", "orders")), C::destructive, "drop_table");
  expect_verdict(classify(view(K::drop, "materialized_view", "totals")), C::destructive, "drop_materialized_view");
  expect_verdict(classify(view(K::rename, "column", "orders.note")), C::destructive, "rename_column");
  expect_verdict(classify(view(K::rename, "constraint")), C::destructive, "rename_constraint");
  expect_verdict(classify(view(K::set_schema, "table", "orders")), C::destructive, "set_schema");
  expect_verdict(classify(view(K::truncate, "table", "orders")), C::destructive, "truncate");
  expect_verdict(classify(view(K::drop_owned)), C::destructive, "drop_owned");
  expect_verdict(classify(view(K::revoke)), C::destructive, "revoke");
  expect_verdict(classify(view(K::grant)), C::additive, "grant");
  expect_verdict(classify(view(K::comment)), C::additive, "comment");
  const auto verdict = classify(view(K::drop, "materialized_view", "totals"));
  EXPECT_NE(verdict.reason.find("materialized view totals"), std::string::npos) << verdict.reason;
}

TEST(StatementRules, AddColumn) {
  ColumnDefinition nullable{"note", "text"};
  expect_verdict(classify(alter_table({add_column(nullable)})), C::additive, "add_column");

  ColumnDefinition constant{"status", "text", ExpressionKind::constant};
  expect_verdict(classify(alter_table({add_column(constant)})), C::additive, "add_column_with_default");
  ColumnDefinition stable{"created_at", "timestamptz", ExpressionKind::stable_call};
  expect_verdict(classify(alter_table({add_column(stable)})), C::additive, "add_column_with_default");

  ColumnDefinition volatile_default{"token", "uuid", ExpressionKind::volatile_call};
  expect_verdict(classify(alter_table({add_column(volatile_default)})), C::lock_risky, "add_column_volatile_default");
  ColumnDefinition serial{"number", "bigserial"};
  expect_verdict(classify(alter_table({add_column(serial)})), C::lock_risky, "add_column_volatile_default");
  ColumnDefinition unknown_default{"code", "text", ExpressionKind::unknown_call};
  expect_verdict(classify(alter_table({add_column(unknown_default)})), C::lock_risky, "add_column_default_may_rewrite");

  ColumnDefinition not_null_default{"status", "text", ExpressionKind::constant, true};
  expect_verdict(classify(alter_table({add_column(not_null_default)})), C::lock_risky,
                 "add_column_not_null_with_default");
  ColumnDefinition not_null{"region", "text", ExpressionKind::none, true};
  expect_verdict(classify(alter_table({add_column(not_null)})), C::destructive, "add_column_not_null_without_default");

  ColumnDefinition identity{"n", "int8", ExpressionKind::none, true};
  identity.identity = true;
  expect_verdict(classify(alter_table({add_column(identity)})), C::lock_risky, "add_column_rewrites_table");
  ColumnDefinition unique{"ref", "text"};
  unique.index_constraint = true;
  expect_verdict(classify(alter_table({add_column(unique)})), C::lock_risky, "add_column_with_index");
  ColumnDefinition reference{"customer_id", "int8"};
  reference.checked_constraint = true;
  expect_verdict(classify(alter_table({add_column(reference)})), C::lock_risky, "add_column_with_constraint");
}

TEST(StatementRules, Constraints) {
  expect_verdict(classify(alter_table({add_constraint(ConstraintType::foreign_key)})), C::lock_risky,
                 "add_constraint_without_not_valid");
  expect_verdict(classify(alter_table({add_constraint(ConstraintType::check)})), C::lock_risky,
                 "add_constraint_without_not_valid");
  expect_verdict(classify(alter_table({add_constraint(ConstraintType::foreign_key, true)})), C::additive,
                 "add_constraint_not_valid");
  expect_verdict(classify(alter_table({add_constraint(ConstraintType::unique)})), C::lock_risky,
                 "add_constraint_builds_index");
  expect_verdict(classify(alter_table({add_constraint(ConstraintType::primary_key)})), C::lock_risky,
                 "add_constraint_builds_index");
  expect_verdict(classify(alter_table({add_constraint(ConstraintType::unique, false, true)})), C::additive,
                 "add_constraint_using_index");
  expect_verdict(classify(alter_table({action(A::validate_constraint, "c")})), C::additive, "validate_constraint");
  expect_verdict(classify(alter_table({action(A::drop_constraint, "c")})), C::destructive, "drop_constraint");
}

TEST(StatementRules, ColumnChanges) {
  expect_verdict(classify(alter_table({action(A::drop_column, "legacy")})), C::destructive, "drop_column");
  expect_verdict(classify(alter_table({action(A::alter_column_type, "amount")})), C::destructive, "alter_column_type");
  expect_verdict(classify(alter_table({action(A::set_not_null, "status")})), C::destructive, "set_not_null");
  expect_verdict(classify(alter_table({action(A::drop_not_null, "legacy")})), C::additive, "drop_not_null");
  expect_verdict(classify(alter_table({action(A::set_default, "status")})), C::additive, "set_default");
  expect_verdict(classify(alter_table({action(A::drop_default, "status")})), C::destructive, "drop_default");
}

TEST(StatementRules, UnknownSubcommandsAreUnknown) {
  AlterTableAction rls = action(A::other);
  rls.subcommand = "EnableRowSecurity";
  const auto verdict = classify(alter_table({rls}));
  expect_verdict(verdict, C::unknown, "unrecognised_alter_table_command");
  EXPECT_NE(verdict.reason.find("EnableRowSecurity"), std::string::npos);
  expect_verdict(classify(alter_table({})), C::unknown, "unrecognised_statement");
}

TEST(StatementRules, SeveralSubcommandsGiveTheMostSevere) {
  ColumnDefinition nullable{"note", "text"};
  ColumnDefinition volatile_default{"token", "uuid", ExpressionKind::volatile_call};
  expect_verdict(classify(alter_table({add_column(nullable), add_column(volatile_default)})), C::lock_risky,
                 "add_column_volatile_default");
  expect_verdict(classify(alter_table(
                     {add_column(nullable), action(A::drop_column, "legacy"), add_constraint(ConstraintType::check)})),
                 C::destructive, "drop_column");
  AlterTableAction rls = action(A::other);
  rls.subcommand = "EnableRowSecurity";
  expect_verdict(classify(alter_table({add_constraint(ConstraintType::check), rls})), C::unknown,
                 "unrecognised_alter_table_command");
  expect_verdict(classify(alter_table({action(A::drop_constraint, "c"), action(A::drop_column, "legacy")})),
                 C::destructive, "drop_constraint");
}

TEST(StatementRules, MaintenanceAndLocks) {
  StatementView vacuum = view(K::vacuum, "table", "orders");
  expect_verdict(classify(vacuum), C::additive, "vacuum");
  vacuum.full = true;
  expect_verdict(classify(vacuum), C::lock_risky, "vacuum_full");
  EXPECT_TRUE(needs_own_transaction(vacuum));
  expect_verdict(classify(view(K::analyze)), C::additive, "analyze");
  EXPECT_FALSE(needs_own_transaction(view(K::analyze)));
  expect_verdict(classify(view(K::cluster, "table", "orders")), C::lock_risky, "cluster");
  expect_verdict(classify(view(K::lock_table, "table", "orders")), C::lock_risky, "lock_table");
  StatementView reindex = view(K::reindex, "index", "orders_status_idx");
  expect_verdict(classify(reindex), C::lock_risky, "reindex_not_concurrently");
  reindex.concurrently = true;
  expect_verdict(classify(reindex), C::additive, "reindex_concurrently");
  StatementView refresh = view(K::refresh_materialized_view, "materialized_view", "totals");
  expect_verdict(classify(refresh), C::lock_risky, "refresh_materialized_view");
  refresh.concurrently = true;
  expect_verdict(classify(refresh), C::additive, "refresh_materialized_view_concurrently");
  EXPECT_FALSE(needs_own_transaction(refresh));
}

TEST(StatementRules, StatementsPostgresRefusesInATransactionBlock) {
  StatementView drop_index = view(K::drop, "index", "i");
  EXPECT_FALSE(needs_own_transaction(drop_index));
  drop_index.concurrently = true;
  EXPECT_TRUE(needs_own_transaction(drop_index));
  EXPECT_TRUE(needs_own_transaction(view(K::reindex, "database", "app")));
  EXPECT_TRUE(needs_own_transaction(view(K::reindex, "schema", "public")));
  EXPECT_FALSE(needs_own_transaction(view(K::reindex, "table", "orders")));
  EXPECT_TRUE(needs_own_transaction(view(K::create_database)));
  EXPECT_TRUE(needs_own_transaction(view(K::drop_database)));
  EXPECT_TRUE(needs_own_transaction(view(K::create_tablespace)));
  EXPECT_TRUE(needs_own_transaction(view(K::drop_tablespace)));
  EXPECT_TRUE(needs_own_transaction(view(K::alter_system)));
  EXPECT_TRUE(needs_own_transaction(view(K::cluster)));  // every clustered table
  EXPECT_FALSE(needs_own_transaction(view(K::cluster, "table", "orders")));
  EXPECT_FALSE(needs_own_transaction(view(K::add_enum_value)));  // allowed since PostgreSQL 12
  AlterTableAction detach = action(A::detach_partition, "p2020");
  EXPECT_FALSE(needs_own_transaction(alter_table({detach})));
  detach.concurrently = true;
  EXPECT_TRUE(needs_own_transaction(alter_table({detach})));
  EXPECT_FALSE(needs_own_transaction(alter_table({action(A::drop_column, "x")})));
}

TEST(StatementRules, EveryVerdictHasASnakeCaseRuleAndOneLineReason) {
  for (int k = 0; k <= static_cast<int>(K::refresh_materialized_view); ++k) {
    const auto verdict = classify(view(static_cast<K>(k), "table", "orders"));
    EXPECT_FALSE(verdict.rule.empty()) << k;
    for (const char c : verdict.rule) EXPECT_TRUE((c >= 'a' && c <= 'z') || c == '_') << verdict.rule;
    EXPECT_FALSE(verdict.reason.empty()) << verdict.rule;
    EXPECT_EQ(verdict.reason.find('\n'), std::string::npos) << verdict.rule;
  }
}

}  // namespace
}  // namespace ckpt
