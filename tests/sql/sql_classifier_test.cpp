// Real statements through PostgreSQL's real parser (libpg_query): each row is SQL ->
// expected class, rule and command.
#include "sql/sql_classifier.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ckpt::sql {
namespace {

using C = StatementClass;

struct Row {
  const char* sql;
  StatementClass statement_class;
  const char* rule;
  const char* command;
  bool own_transaction = false;
};

void PrintTo(const Row& row, std::ostream* out) {
  *out << row.sql;
}

std::vector<ClassifiedStatement> classified(std::string_view sql) {
  auto result = classify_sql(sql, "0042_orders.sql");
  EXPECT_TRUE(result) << (result ? "" : result.error().message);
  return result ? std::move(result).value() : std::vector<ClassifiedStatement>{};
}

std::string error_of(std::string_view sql) {
  const auto result = classify_sql(sql, "0042_orders.sql");
  EXPECT_FALSE(result) << sql;
  if (result) return {};
  EXPECT_EQ(result.error().code, ErrorCode::bad_request) << result.error().message;
  return result.error().message;
}

class OneStatement : public ::testing::TestWithParam<Row> {};

TEST_P(OneStatement, IsClassifiedByItsRule) {
  const Row& row = GetParam();
  const auto statements = classified(row.sql);
  ASSERT_EQ(statements.size(), 1U);
  const ClassifiedStatement& s = statements.front();
  EXPECT_EQ(to_string(s.verdict.statement_class), to_string(row.statement_class)) << s.verdict.reason;
  EXPECT_EQ(s.verdict.rule, row.rule) << s.verdict.reason;
  EXPECT_FALSE(s.verdict.reason.empty());
  EXPECT_EQ(s.verdict.reason.find('\n'), std::string::npos);
  EXPECT_EQ(s.command, row.command);
  EXPECT_EQ(s.needs_own_transaction, row.own_transaction);
  EXPECT_EQ(s.line, 1);
  EXPECT_EQ(s.column, 1);
}

std::string row_name(const ::testing::TestParamInfo<Row>& info) {
  return std::string(info.param.rule) + "_" + std::to_string(info.index);
}

const Row kAdditive[] = {
    {"CREATE TABLE orders (id bigint PRIMARY KEY, note text)", C::additive, "create_table", "CREATE TABLE"},
    {R"(CREATE TABLE "Order" (id int, "weird;name" text))", C::additive, "create_table", "CREATE TABLE"},
    {"CREATE TABLE order_copy AS SELECT * FROM orders", C::additive, "create_table_as", "CREATE TABLE AS"},
    {"CREATE MATERIALIZED VIEW order_totals AS SELECT 1 AS total", C::additive, "create_materialized_view",
     "CREATE MATERIALIZED VIEW"},
    {"CREATE SCHEMA billing", C::additive, "create_schema", "CREATE SCHEMA"},
    {"CREATE SEQUENCE order_number_seq START 1000", C::additive, "create_sequence", "CREATE SEQUENCE"},
    {"CREATE VIEW open_orders AS SELECT * FROM orders WHERE status = 'open'", C::additive, "create_view",
     "CREATE VIEW"},
    {"CREATE OR REPLACE VIEW open_orders AS SELECT id, status, note FROM orders", C::additive, "replace_view",
     "CREATE VIEW"},
    {"CREATE TYPE order_status AS ENUM ('new', 'paid')", C::additive, "create_type", "CREATE TYPE"},
    {"CREATE TYPE money_pair AS (amount numeric, currency text)", C::additive, "create_type", "CREATE TYPE"},
    {"CREATE DOMAIN positive_amount AS numeric CHECK (VALUE > 0)", C::additive, "create_domain", "CREATE DOMAIN"},
    {"CREATE EXTENSION IF NOT EXISTS pgcrypto", C::additive, "create_extension", "CREATE EXTENSION"},
    {"ALTER TABLE orders ADD COLUMN note text", C::additive, "add_column", "ALTER TABLE"},
    {"ALTER TABLE orders ADD COLUMN IF NOT EXISTS note text NULL", C::additive, "add_column", "ALTER TABLE"},
    {"ALTER TABLE orders ADD COLUMN status text DEFAULT 'new'", C::additive, "add_column_with_default", "ALTER TABLE"},
    {"ALTER TABLE orders ADD COLUMN flags jsonb DEFAULT '{}'::jsonb", C::additive, "add_column_with_default",
     "ALTER TABLE"},
    // now() and CURRENT_TIMESTAMP are STABLE: evaluated once, stored in the catalog.
    {"ALTER TABLE orders ADD COLUMN created_at timestamptz DEFAULT now()", C::additive, "add_column_with_default",
     "ALTER TABLE"},
    {"ALTER TABLE orders ADD COLUMN seen_at timestamptz DEFAULT CURRENT_TIMESTAMP", C::additive,
     "add_column_with_default", "ALTER TABLE"},
    {"ALTER TABLE orders ADD COLUMN due date DEFAULT now() + interval '30 days'", C::additive,
     "add_column_with_default", "ALTER TABLE"},
    {"CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status)", C::additive, "create_index_concurrently",
     "CREATE INDEX", true},
    {"CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS orders_ref_idx ON orders (ref)", C::additive,
     "create_index_concurrently", "CREATE INDEX", true},
    {"ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) "
     "NOT VALID",
     C::additive, "add_constraint_not_valid", "ALTER TABLE"},
    {"ALTER TABLE orders ADD CONSTRAINT amount_positive CHECK (amount > 0) NOT VALID", C::additive,
     "add_constraint_not_valid", "ALTER TABLE"},
    {"ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk", C::additive, "validate_constraint", "ALTER TABLE"},
    {"ALTER TABLE orders ADD CONSTRAINT orders_ref_key UNIQUE USING INDEX orders_ref_idx", C::additive,
     "add_constraint_using_index", "ALTER TABLE"},
    {"ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'new'", C::additive, "set_default", "ALTER TABLE"},
    {"ALTER TABLE orders ALTER COLUMN legacy_code DROP NOT NULL", C::additive, "drop_not_null", "ALTER TABLE"},
    {"ALTER TABLE orders ALTER COLUMN note SET STATISTICS 500", C::additive, "set_statistics", "ALTER TABLE"},
    {"ALTER TABLE orders SET (autovacuum_vacuum_scale_factor = 0.01)", C::additive, "set_storage_parameters",
     "ALTER TABLE"},
    {"COMMENT ON TABLE orders IS 'one row per order; see docs'", C::additive, "comment", "COMMENT"},
    {"COMMENT ON COLUMN orders.note IS NULL", C::additive, "comment", "COMMENT"},
    {"GRANT SELECT, INSERT ON orders TO app_rw", C::additive, "grant", "GRANT"},
    {"GRANT reporting TO alice", C::additive, "grant", "GRANT ROLE"},
    {"INSERT INTO orders (id, status) VALUES (1, 'new') ON CONFLICT DO NOTHING", C::additive, "insert", "INSERT"},
    {"UPDATE orders SET status = 'paid' WHERE id = 1", C::additive, "update_with_where", "UPDATE"},
    {"DELETE FROM orders WHERE created_at < now() - interval '1 year'", C::additive, "delete_with_where", "DELETE"},
    {"SELECT count(*) FROM orders", C::additive, "select", "SELECT"},
    {"SELECT setval('order_number_seq', 1000)", C::additive, "select", "SELECT"},
    {"SET lock_timeout = '5s'", C::additive, "set", "SET"},
    {"SET LOCAL statement_timeout TO 0", C::additive, "set", "SET"},
    {"RESET lock_timeout", C::additive, "set", "RESET"},
    {"SHOW server_version", C::additive, "show", "SHOW"},
    {"CREATE OR REPLACE FUNCTION add(a int, b int) RETURNS int LANGUAGE sql IMMUTABLE RETURN a + b", C::additive,
     "create_function", "CREATE FUNCTION"},
    {"CREATE FUNCTION two() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END", C::additive,
     "create_function", "CREATE FUNCTION"},
    {"ANALYZE orders", C::additive, "analyze", "ANALYZE"},
    {"VACUUM (ANALYZE) orders", C::additive, "vacuum", "VACUUM", true},
    {"REINDEX INDEX CONCURRENTLY orders_status_idx", C::additive, "reindex_concurrently", "REINDEX", true},
    {"REFRESH MATERIALIZED VIEW CONCURRENTLY order_totals", C::additive, "refresh_materialized_view_concurrently",
     "REFRESH MATERIALIZED VIEW"},
    {"ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'refunded' AFTER 'paid'", C::additive, "add_enum_value",
     "ALTER TYPE"},
    {"CREATE DATABASE reporting", C::additive, "create_database", "CREATE DATABASE", true},
    {"CREATE TABLESPACE fast LOCATION '/mnt/fast'", C::additive, "create_tablespace", "CREATE TABLESPACE", true},
    {"CREATE AGGREGATE product(numeric) (sfunc = numeric_mul, stype = numeric)", C::additive, "create_aggregate",
     "CREATE AGGREGATE"},
    {"BEGIN", C::additive, "transaction_control", "BEGIN"},
    {"COMMIT", C::additive, "transaction_control", "COMMIT"},
};
INSTANTIATE_TEST_SUITE_P(Additive, OneStatement, ::testing::ValuesIn(kAdditive), row_name);

const Row kDestructive[] = {
    {"DROP TABLE orders", C::destructive, "drop_table", "DROP TABLE"},
    {"DROP TABLE IF EXISTS order_archive, order_audit CASCADE", C::destructive, "drop_table", "DROP TABLE"},
    {"ALTER TABLE orders DROP COLUMN legacy_code", C::destructive, "drop_column", "ALTER TABLE"},
    {"ALTER TABLE orders DROP COLUMN IF EXISTS legacy_code CASCADE", C::destructive, "drop_column", "ALTER TABLE"},
    {"DROP INDEX orders_status_idx", C::destructive, "drop_index", "DROP INDEX"},
    {"DROP INDEX CONCURRENTLY IF EXISTS orders_status_idx", C::destructive, "drop_index", "DROP INDEX", true},
    {"DROP SCHEMA billing CASCADE", C::destructive, "drop_schema", "DROP SCHEMA"},
    {"DROP VIEW open_orders", C::destructive, "drop_view", "DROP VIEW"},
    {"DROP MATERIALIZED VIEW order_totals", C::destructive, "drop_materialized_view", "DROP MATERIALIZED VIEW"},
    {"DROP SEQUENCE order_number_seq", C::destructive, "drop_sequence", "DROP SEQUENCE"},
    {"DROP TYPE order_status", C::destructive, "drop_type", "DROP TYPE"},
    {"DROP FUNCTION add(int, int)", C::destructive, "drop_function", "DROP FUNCTION"},
    {"DROP EXTENSION pgcrypto", C::destructive, "drop_extension", "DROP EXTENSION"},
    {"DROP TRIGGER orders_touch ON orders", C::destructive, "drop_trigger", "DROP TRIGGER"},
    {"ALTER TABLE orders RENAME TO purchases", C::destructive, "rename_table", "ALTER TABLE"},
    {"ALTER TABLE orders RENAME COLUMN note TO remark", C::destructive, "rename_column", "ALTER TABLE"},
    {"ALTER TABLE orders RENAME CONSTRAINT amount_positive TO amount_gt_zero", C::destructive, "rename_constraint",
     "ALTER TABLE"},
    {"ALTER INDEX orders_status_idx RENAME TO orders_state_idx", C::destructive, "rename_index", "ALTER INDEX"},
    {"ALTER VIEW open_orders RENAME COLUMN note TO remark", C::destructive, "rename_column", "ALTER VIEW"},
    {"ALTER SCHEMA billing RENAME TO invoicing", C::destructive, "rename_schema", "ALTER SCHEMA"},
    {"ALTER FUNCTION add(int, int) RENAME TO plus", C::destructive, "rename_function", "ALTER FUNCTION"},
    {"ALTER TYPE order_status RENAME VALUE 'new' TO 'created'", C::destructive, "rename_enum_value", "ALTER TYPE"},
    {"ALTER TABLE orders ALTER COLUMN amount TYPE numeric(12, 2)", C::destructive, "alter_column_type", "ALTER TABLE"},
    {"ALTER TABLE orders ALTER COLUMN amount SET DATA TYPE bigint USING amount::bigint", C::destructive,
     "alter_column_type", "ALTER TABLE"},
    {"TRUNCATE orders", C::destructive, "truncate", "TRUNCATE TABLE"},
    {"TRUNCATE TABLE orders, order_lines RESTART IDENTITY", C::destructive, "truncate", "TRUNCATE TABLE"},
    {"DELETE FROM orders", C::destructive, "delete_without_where", "DELETE"},
    {"UPDATE orders SET status = 'archived'", C::destructive, "update_without_where", "UPDATE"},
    {"WITH gone AS (DELETE FROM orders RETURNING id) SELECT count(*) FROM gone", C::destructive, "delete_without_where",
     "SELECT"},
    {"ALTER TABLE orders ALTER COLUMN status SET NOT NULL", C::destructive, "set_not_null", "ALTER TABLE"},
    {"ALTER TABLE orders ALTER COLUMN status DROP DEFAULT", C::destructive, "drop_default", "ALTER TABLE"},
    {"ALTER TABLE orders DROP CONSTRAINT amount_positive", C::destructive, "drop_constraint", "ALTER TABLE"},
    {"ALTER TABLE orders ADD COLUMN region text NOT NULL", C::destructive, "add_column_not_null_without_default",
     "ALTER TABLE"},
    {"ALTER TABLE orders SET SCHEMA archive", C::destructive, "set_schema", "ALTER TABLE"},
    {"ALTER FUNCTION add(int, int) SET SCHEMA util", C::destructive, "set_schema", "ALTER FUNCTION"},
    {"DROP OWNED BY legacy_app", C::destructive, "drop_owned", "DROP OWNED"},
    {"REVOKE SELECT ON orders FROM reporting", C::destructive, "revoke", "REVOKE"},
    {"REVOKE reporting FROM alice", C::destructive, "revoke", "REVOKE ROLE"},
    {"ALTER TABLE measurements DETACH PARTITION measurements_2020", C::destructive, "detach_partition", "ALTER TABLE"},
    {"ALTER TABLE measurements DETACH PARTITION measurements_2020 CONCURRENTLY", C::destructive, "detach_partition",
     "ALTER TABLE", true},
    {"DROP DATABASE reporting", C::destructive, "drop_database", "DROP DATABASE", true},
    {"DROP TABLESPACE fast", C::destructive, "drop_tablespace", "DROP TABLESPACE", true},
};
INSTANTIATE_TEST_SUITE_P(Destructive, OneStatement, ::testing::ValuesIn(kDestructive), row_name);

const Row kLockRisky[] = {
    {"CREATE INDEX orders_status_idx ON orders (status)", C::lock_risky, "create_index_not_concurrently",
     "CREATE INDEX"},
    {"CREATE UNIQUE INDEX ON orders (ref)", C::lock_risky, "create_index_not_concurrently", "CREATE INDEX"},
    {"ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id)",
     C::lock_risky, "add_constraint_without_not_valid", "ALTER TABLE"},
    {"ALTER TABLE orders ADD CONSTRAINT amount_positive CHECK (amount > 0)", C::lock_risky,
     "add_constraint_without_not_valid", "ALTER TABLE"},
    {"ALTER TABLE orders ADD CONSTRAINT orders_ref_key UNIQUE (ref)", C::lock_risky, "add_constraint_builds_index",
     "ALTER TABLE"},
    {"ALTER TABLE orders ADD PRIMARY KEY (id)", C::lock_risky, "add_constraint_builds_index", "ALTER TABLE"},
    {"ALTER TABLE bookings ADD CONSTRAINT no_overlap EXCLUDE USING gist (room WITH =, during WITH &&)", C::lock_risky,
     "add_constraint_builds_index", "ALTER TABLE"},
    {"ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid()", C::lock_risky, "add_column_volatile_default",
     "ALTER TABLE"},
    {"ALTER TABLE orders ADD COLUMN token uuid DEFAULT public.uuid_generate_v4()", C::lock_risky,
     "add_column_volatile_default", "ALTER TABLE"},
    {"ALTER TABLE orders ADD COLUMN seen_at timestamptz DEFAULT clock_timestamp()", C::lock_risky,
     "add_column_volatile_default", "ALTER TABLE"},
    {"ALTER TABLE orders ADD COLUMN bucket int DEFAULT (random() * 10)::int", C::lock_risky,
     "add_column_volatile_default", "ALTER TABLE"},
    {"ALTER TABLE orders ADD COLUMN number bigserial", C::lock_risky, "add_column_volatile_default", "ALTER TABLE"},
    {"ALTER TABLE orders ADD COLUMN number bigint DEFAULT nextval('order_number_seq')", C::lock_risky,
     "add_column_volatile_default", "ALTER TABLE"},
    {"ALTER TABLE orders ADD COLUMN code text DEFAULT make_order_code()", C::lock_risky,
     "add_column_default_may_rewrite", "ALTER TABLE"},
    {"ALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT 'new'", C::lock_risky,
     "add_column_not_null_with_default", "ALTER TABLE"},
    {"ALTER TABLE orders ADD COLUMN n bigint GENERATED ALWAYS AS IDENTITY", C::lock_risky, "add_column_rewrites_table",
     "ALTER TABLE"},
    {"ALTER TABLE orders ADD COLUMN total numeric GENERATED ALWAYS AS (amount * 2) STORED", C::lock_risky,
     "add_column_rewrites_table", "ALTER TABLE"},
    {"ALTER TABLE orders ADD COLUMN ref text UNIQUE", C::lock_risky, "add_column_with_index", "ALTER TABLE"},
    {"ALTER TABLE orders ADD COLUMN customer_id bigint REFERENCES customers (id)", C::lock_risky,
     "add_column_with_constraint", "ALTER TABLE"},
    {"ALTER TABLE orders SET TABLESPACE fast", C::lock_risky, "set_tablespace", "ALTER TABLE"},
    {"ALTER TABLE orders SET LOGGED", C::lock_risky, "set_logged", "ALTER TABLE"},
    {"ALTER TABLE measurements ATTACH PARTITION measurements_2025 FOR VALUES FROM ('2025-01-01') TO "
     "('2026-01-01')",
     C::lock_risky, "attach_partition", "ALTER TABLE"},
    {"CREATE TABLE measurements_2025 PARTITION OF measurements FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
     C::lock_risky, "create_partition", "CREATE TABLE"},
    {"VACUUM FULL orders", C::lock_risky, "vacuum_full", "VACUUM", true},
    {"VACUUM (FULL, ANALYZE) orders", C::lock_risky, "vacuum_full", "VACUUM", true},
    {"CLUSTER orders USING orders_pkey", C::lock_risky, "cluster", "CLUSTER"},
    {"CLUSTER", C::lock_risky, "cluster", "CLUSTER", true},
    {"REINDEX TABLE orders", C::lock_risky, "reindex_not_concurrently", "REINDEX"},
    {"REINDEX (CONCURRENTLY false) INDEX orders_status_idx", C::lock_risky, "reindex_not_concurrently", "REINDEX"},
    {"REINDEX DATABASE app", C::lock_risky, "reindex_not_concurrently", "REINDEX", true},
    {"LOCK TABLE orders IN ACCESS EXCLUSIVE MODE", C::lock_risky, "lock_table", "LOCK TABLE"},
    {"REFRESH MATERIALIZED VIEW order_totals", C::lock_risky, "refresh_materialized_view", "REFRESH MATERIALIZED VIEW"},
};
INSTANTIATE_TEST_SUITE_P(LockRisky, OneStatement, ::testing::ValuesIn(kLockRisky), row_name);

const Row kUnknown[] = {
    {"DO $$ BEGIN RAISE NOTICE 'hello; world'; END $$", C::unknown, "opaque_do_block", "DO"},
    {"DO $body$ BEGIN UPDATE orders SET status = 'x'; END $body$ LANGUAGE plpgsql", C::unknown, "opaque_do_block",
     "DO"},
    {"DO 'BEGIN PERFORM 1; END'", C::unknown, "opaque_do_block", "DO"},
    {"CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; "
     "END $$",
     C::unknown, "opaque_function_body", "CREATE FUNCTION"},
    {"CREATE OR REPLACE FUNCTION one() RETURNS int LANGUAGE sql AS 'SELECT 1'", C::unknown, "opaque_function_body",
     "CREATE FUNCTION"},
    {"CREATE OR REPLACE PROCEDURE archive() LANGUAGE sql AS $proc$ DELETE FROM orders; $proc$", C::unknown,
     "opaque_function_body", "CREATE PROCEDURE"},
    {"CALL archive()", C::unknown, "opaque_procedure_call", "CALL"},
    {"CREATE POLICY own_rows ON orders USING (owner = current_user)", C::unknown, "unrecognised_statement",
     "CREATE POLICY"},
    {"CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch()", C::unknown,
     "unrecognised_statement", "CREATE TRIGGER"},
    {"COPY orders FROM STDIN", C::unknown, "unrecognised_statement", "COPY"},
    {"ALTER TABLE orders ENABLE ROW LEVEL SECURITY", C::unknown, "unrecognised_alter_table_command", "ALTER TABLE"},
    {"ALTER SYSTEM SET work_mem = '64MB'", C::unknown, "alter_system", "ALTER SYSTEM", true},
};
INSTANTIATE_TEST_SUITE_P(Unknown, OneStatement, ::testing::ValuesIn(kUnknown), row_name);

TEST(SqlClassifier, UnrecognisedStatementsNameTheirNodeKind) {
  const auto statements = classified("CREATE POLICY own_rows ON orders USING (true)");
  ASSERT_EQ(statements.size(), 1U);
  EXPECT_NE(statements[0].verdict.reason.find("CreatePolicyStmt"), std::string::npos) << statements[0].verdict.reason;
}

TEST(SqlClassifier, ReasonsNameTheObject) {
  const auto statements = classified("DROP TABLE public.orders; CREATE INDEX ON orders (status)");
  ASSERT_EQ(statements.size(), 2U);
  EXPECT_NE(statements[0].verdict.reason.find("table public.orders"), std::string::npos);
  EXPECT_NE(statements[1].verdict.reason.find("index on orders"), std::string::npos);
}

TEST(SqlClassifier, TheMostSevereSubcommandOfAnAlterTableWins) {
  const auto worst = classified(
      "ALTER TABLE orders ADD COLUMN note text, ADD CONSTRAINT amount_positive CHECK (amount > 0), "
      "DROP COLUMN legacy_code, ALTER COLUMN status SET DEFAULT 'new'");
  ASSERT_EQ(worst.size(), 1U);
  EXPECT_EQ(worst[0].verdict.statement_class, C::destructive);
  EXPECT_EQ(worst[0].verdict.rule, "drop_column");

  const auto risky = classified(
      "ALTER TABLE orders ADD COLUMN note text, ADD COLUMN token uuid DEFAULT gen_random_uuid(), "
      "ADD COLUMN status text DEFAULT 'new'");
  ASSERT_EQ(risky.size(), 1U);
  EXPECT_EQ(risky[0].verdict.statement_class, C::lock_risky);
  EXPECT_EQ(risky[0].verdict.rule, "add_column_volatile_default");

  // On a tie the first subcommand's rule is reported.
  const auto tie = classified("ALTER TABLE orders DROP CONSTRAINT c, DROP COLUMN legacy_code");
  ASSERT_EQ(tie.size(), 1U);
  EXPECT_EQ(tie[0].verdict.rule, "drop_constraint");

  const auto unknown = classified("ALTER TABLE orders ADD COLUMN note text, ENABLE ROW LEVEL SECURITY");
  ASSERT_EQ(unknown.size(), 1U);
  EXPECT_EQ(unknown[0].verdict.statement_class, C::unknown);
}

TEST(SqlClassifier, MultiStatementFileKeepsOrderTextAndPositions) {
  const std::string sql =
      "-- 0042_orders.sql: add a status\n"                                                // line 1
      "/* a block comment; with a semicolon\n"                                            // line 2
      "   spanning two lines */\n"                                                        // line 3
      "CREATE TABLE \"Order\" (id int, \"weird;name\" text);\n"                           // line 4
      "\n"                                                                                // line 5
      "  ALTER TABLE \"Order\" ADD COLUMN note text DEFAULT 'a;b';  -- trailing; note\n"  // line 6
      "INSERT INTO \"Order\" VALUES (1, $$x;y$$, $tag$ $$ ; $tag$)\n"                     // line 7
      "  ;\n"                                                                             // line 8
      "\tSELECT /* keep; me */ 1 /* but not me */ ; SELECT 2\n"                           // line 9
      "-- a comment with ; after the last statement\n";                                   // line 10
  const auto statements = classified(sql);
  ASSERT_EQ(statements.size(), 5U);

  EXPECT_EQ(statements[0].text, "CREATE TABLE \"Order\" (id int, \"weird;name\" text)");
  EXPECT_EQ(statements[0].line, 4);
  EXPECT_EQ(statements[0].column, 1);
  EXPECT_EQ(statements[0].verdict.rule, "create_table");

  EXPECT_EQ(statements[1].text, "ALTER TABLE \"Order\" ADD COLUMN note text DEFAULT 'a;b'");
  EXPECT_EQ(statements[1].line, 6);
  EXPECT_EQ(statements[1].column, 3);
  EXPECT_EQ(statements[1].verdict.rule, "add_column_with_default");

  EXPECT_EQ(statements[2].text, "INSERT INTO \"Order\" VALUES (1, $$x;y$$, $tag$ $$ ; $tag$)");
  EXPECT_EQ(statements[2].line, 7);
  EXPECT_EQ(statements[2].column, 1);
  EXPECT_EQ(statements[2].command, "INSERT");

  EXPECT_EQ(statements[3].text, "SELECT /* keep; me */ 1");
  EXPECT_EQ(statements[3].line, 9);
  EXPECT_EQ(statements[3].column, 2);  // a tab is one column

  EXPECT_EQ(statements[4].text, "SELECT 2");
  EXPECT_EQ(statements[4].line, 9);
  EXPECT_EQ(statements[4].column, 45);
}

TEST(SqlClassifier, ColumnsCountCharactersNotBytes) {
  const auto statements = classified("SELECT 'é', 'ü'; SELECT 2;\nSELECT '日本'; DROP TABLE \"Größe\"");
  ASSERT_EQ(statements.size(), 4U);
  EXPECT_EQ(statements[1].line, 1);
  EXPECT_EQ(statements[1].column, 18);
  EXPECT_EQ(statements[3].line, 2);
  EXPECT_EQ(statements[3].column, 14);
  EXPECT_EQ(statements[3].text, "DROP TABLE \"Größe\"");
  EXPECT_EQ(statements[3].verdict.rule, "drop_table");
}

TEST(SqlClassifier, DollarQuotedBodiesHideTheirSemicolons) {
  const auto statements = classified(
      "CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $fn$\n"
      "BEGIN\n"
      "  DELETE FROM orders; -- not a statement of the file\n"
      "  RAISE NOTICE '$$;';\n"
      "END\n"
      "$fn$;\n"
      "DO $$ BEGIN PERFORM f(); END $$;\n"
      "SELECT 'it''s; fine', E'back\\'slash;'\n");
  ASSERT_EQ(statements.size(), 3U);
  EXPECT_EQ(statements[0].verdict.rule, "opaque_function_body");
  EXPECT_EQ(statements[0].line, 1);
  EXPECT_EQ(statements[1].verdict.rule, "opaque_do_block");
  EXPECT_EQ(statements[1].line, 7);
  EXPECT_EQ(statements[1].text, "DO $$ BEGIN PERFORM f(); END $$");
  EXPECT_EQ(statements[2].verdict.rule, "select");
  EXPECT_EQ(statements[2].line, 8);
  EXPECT_EQ(statements[2].text, "SELECT 'it''s; fine', E'back\\'slash;'");
}

TEST(SqlClassifier, UnicodeEscapesEndWhereTheyEnd) {
  const auto statements = classified("SELECT U&'\\0041' ; COMMENT ON TABLE U&\"d\\0061ta\" IS U&'x'\n");
  ASSERT_EQ(statements.size(), 2U);
  EXPECT_EQ(statements[0].text, "SELECT U&'\\0041'");
  EXPECT_EQ(statements[1].text, "COMMENT ON TABLE U&\"d\\0061ta\" IS U&'x'");
}

TEST(SqlClassifier, NeedsOwnTransactionIsPerStatement) {
  const auto statements = classified(
      "CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);\n"
      "ALTER TABLE orders ADD COLUMN note text;\n"
      "VACUUM orders;\n"
      "ALTER TYPE order_status ADD VALUE 'refunded';\n");
  ASSERT_EQ(statements.size(), 4U);
  EXPECT_TRUE(statements[0].needs_own_transaction);
  EXPECT_FALSE(statements[1].needs_own_transaction);
  EXPECT_TRUE(statements[2].needs_own_transaction);
  EXPECT_FALSE(statements[3].needs_own_transaction);  // allowed in a transaction block since PostgreSQL 12
}

TEST(SqlClassifier, FilesWithoutStatementsGiveNone) {
  for (const char* sql : {"", "   \n\t\n", "-- nothing to do\n", "/* nothing; */", "/* nested /* comment */ */\n-- x",
                          ";", " ; ;; -- empty statements\n"}) {
    const auto result = classify_sql(sql, "empty.sql");
    ASSERT_TRUE(result) << sql;
    EXPECT_TRUE(result->empty()) << sql;
  }
}

TEST(SqlClassifier, TrailingCommentOfTheLastStatementIsNotItsText) {
  const auto statements = classified("SELECT 1 -- no semicolon\n/* and a block */\n");
  ASSERT_EQ(statements.size(), 1U);
  EXPECT_EQ(statements[0].text, "SELECT 1");
}

TEST(SqlClassifier, ParseErrorsGiveFileLineAndColumn) {
  EXPECT_EQ(error_of("SELEC 1"), "0042_orders.sql:1:1: syntax error at or near \"SELEC\"");
  EXPECT_EQ(error_of("CREATE TABLE a (id int);\n-- fine so far\nALTER TABLE a ADD COLUMN;\n"),
            "0042_orders.sql:3:25: syntax error at or near \";\"");
  EXPECT_EQ(error_of("SELECT 1;\nSELECT 2;\n  DROP TABLE;"), "0042_orders.sql:3:13: syntax error at or near \";\"");
}

TEST(SqlClassifier, ParseErrorColumnsCountCharactersAfterMultiByteText) {
  // 'é' and 'ü' are two bytes each: the error is at the 22nd character, the 24th byte.
  EXPECT_EQ(error_of("SELECT 'é', 'ü' FROM WHERE x"), "0042_orders.sql:1:22: syntax error at or near \"WHERE\"");
  EXPECT_EQ(error_of("-- Größe\nSELECT '日本語' FROM\n  WHERE"),
            "0042_orders.sql:3:3: syntax error at or near \"WHERE\"");
  EXPECT_EQ(error_of("SELECT '日本語' FRM x"), "0042_orders.sql:1:18: syntax error at or near \"x\"");
}

TEST(SqlClassifier, UnterminatedQuotesAreParseErrors) {
  EXPECT_EQ(error_of("SELECT 1;\nDO $$ BEGIN END"),
            "0042_orders.sql:2:4: unterminated dollar-quoted string at or near \"$$ BEGIN END\"");
  EXPECT_EQ(error_of("SELECT 'open"), "0042_orders.sql:1:8: unterminated quoted string at or near \"'open\"");
  EXPECT_EQ(error_of("/* never closed"), "0042_orders.sql:1:1: unterminated /* comment at or near \"/* never closed\"");
}

TEST(SqlClassifier, TextThatIsNotUtf8OrHoldsNulIsRejected) {
  EXPECT_EQ(error_of("SELECT 1;\nSELECT '\xff'"), "0042_orders.sql:2:9: invalid UTF-8 byte sequence");
  EXPECT_EQ(error_of("SELECT 'é\xc3'"), "0042_orders.sql:1:10: invalid UTF-8 byte sequence");
  EXPECT_EQ(error_of(std::string_view("SELECT 1;\0DROP TABLE x", 22)),
            "0042_orders.sql:1:10: the text holds a NUL byte");
}

TEST(SqlClassifier, PathologicalNestingIsAnErrorNotACrash) {
  // A left-deep chain of 60000 additions: libpg_query writes it (on a stack sized for it),
  // the adapter refuses a tree that deep.
  std::string chain = "SELECT 1";
  for (int i = 0; i < 60000; ++i) chain += "+1";
  const auto deep = classify_sql(chain, "deep.sql");
  ASSERT_FALSE(deep);
  EXPECT_EQ(deep.error().code, ErrorCode::bad_request);
  EXPECT_EQ(deep.error().message, "deep.sql: the statement nests too deeply to classify");

  // Right-nested parentheses stop at the parser's own limit, with a position.
  const std::string parens = "SELECT " + std::string(20000, '(') + "1" + std::string(20000, ')');
  const auto nested = classify_sql(parens, "deep.sql");
  ASSERT_FALSE(nested);
  EXPECT_EQ(nested.error().message.rfind("deep.sql:1:", 0), 0U) << nested.error().message;
  EXPECT_NE(nested.error().message.find("memory exhausted"), std::string::npos) << nested.error().message;

  // A default nested past what the rules read counts as a call of unknown volatility.
  std::string default_chain = "ALTER TABLE orders ADD COLUMN n int DEFAULT 1";
  for (int i = 0; i < 5000; ++i) default_chain += "+1";
  const auto statements = classified(default_chain);
  ASSERT_EQ(statements.size(), 1U);
  EXPECT_EQ(statements[0].verdict.rule, "add_column_default_may_rewrite");
}

TEST(SqlClassifier, ManyStatementsOnOneLine) {
  std::string sql;
  for (int i = 0; i < 20000; ++i) sql += "SELECT 1;";
  const auto statements = classified(sql);
  ASSERT_EQ(statements.size(), 20000U);
  EXPECT_EQ(statements.back().line, 1);
  EXPECT_EQ(statements.back().column, 9 * 19999 + 1);
  EXPECT_EQ(statements.back().text, "SELECT 1");
}

}  // namespace
}  // namespace ckpt::sql
