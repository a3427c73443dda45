// The Measurer's SQL probe against a real PostgreSQL: one number, NULL as NaN, answers of
// another shape or type, PostgreSQL's errors with their SQLSTATE, the read-only
// transaction, the deadline as statement_timeout, and a server that is not there.
#include <gtest/gtest.h>

#include "measurer_harness.hpp"
#include "support/free_port.hpp"
#include "support/postgres_instance.hpp"

namespace ckpt::test {
namespace {

using namespace std::chrono_literals;

class SqlProbeMeasurement : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string why;
    if (!PostgresInstance::can_run(why)) return;
    postgres_ = std::make_unique<PostgresInstance>();
    postgres_->exec(
        "CREATE TABLE orders (id int PRIMARY KEY, invalid boolean NOT NULL);"
        "INSERT INTO orders VALUES (1, false), (2, true), (3, false);");
  }
  static void TearDownTestSuite() { postgres_.reset(); }
  void SetUp() override {
    std::string why;
    if (!PostgresInstance::can_run(why)) GTEST_SKIP() << why;
  }

  static pg::ConnParams database() {
    pg::ConnParams params;
    params.host = postgres_->socket_directory().string();
    params.port = postgres_->port();
    params.user = postgres_->user();
    params.dbname = "postgres";
    return params;
  }

  Measured probe(std::string query, Millis timeout = 5s) {
    return harness_.measure(SqlProbe{std::move(query)}, timeout, database());
  }

  // The error's message, after checking its code.
  static std::string error_of(const Measured& measured, ErrorCode code) {
    EXPECT_FALSE(measured.result.ok()) << describe(measured.result);
    if (measured.result.ok()) return {};
    EXPECT_EQ(measured.result.error().code, code) << measured.result.error().message;
    return measured.result.error().message;
  }

  static std::unique_ptr<PostgresInstance> postgres_;
  MeasurerHarness harness_;
};

std::unique_ptr<PostgresInstance> SqlProbeMeasurement::postgres_;

TEST_F(SqlProbeMeasurement, OneRowOfOneNumber) {
  EXPECT_EQ(describe(probe("select count(*) from orders").result), "3");
  EXPECT_EQ(describe(probe("select count(*) filter (where invalid) from orders").result), "1");
  EXPECT_EQ(describe(probe("select 0.25::numeric").result), "0.25");
  EXPECT_EQ(describe(probe("select -2::smallint").result), "-2");
  EXPECT_EQ(describe(probe("select 1.5::real").result), "1.5");
  EXPECT_EQ(describe(probe("select 'Infinity'::float8").result), "+Inf");
  EXPECT_EQ(describe(probe("select '-Infinity'::numeric").result), "-Inf");
  EXPECT_EQ(describe(probe("select 'NaN'::numeric").result), "NaN");
}

TEST_F(SqlProbeMeasurement, NullIsNaN) {
  EXPECT_EQ(describe(probe("select max(id) from orders where id > 10").result), "NaN");
  EXPECT_EQ(describe(probe("select null::int").result), "NaN");
}

TEST_F(SqlProbeMeasurement, AnswersOfAnotherShapeOrTypeAreNamed) {
  const std::string on = "sql probe \"";
  EXPECT_EQ(error_of(probe("select 1, 2"), ErrorCode::bad_request),
            on + "select 1, 2\" on " + pg::describe(database()) +
                ": returned 2 columns; it must return one row of one number");
  EXPECT_NE(error_of(probe("select id from orders"), ErrorCode::bad_request)
                .find("returned 3 rows; it must return one row of one number"),
            std::string::npos);
  EXPECT_NE(error_of(probe("select 1 where false"), ErrorCode::bad_request).find("returned 0 rows"), std::string::npos);
  EXPECT_NE(error_of(probe("select 'ok' as status"), ErrorCode::bad_request)
                .find("column \"status\" is text ('ok'); it must be a number (a NULL is NaN)"),
            std::string::npos);
  EXPECT_NE(error_of(probe("select true as up"), ErrorCode::bad_request).find("column \"up\" is boolean ('t')"),
            std::string::npos);
}

TEST_F(SqlProbeMeasurement, PostgresErrorsCarryTheirSqlstate) {
  auto syntax = probe("selec 1");
  EXPECT_NE(error_of(syntax, ErrorCode::engine_error).find("syntax error at or near \"selec\""), std::string::npos);
  EXPECT_NE(error_of(syntax, ErrorCode::engine_error).find("(SQLSTATE 42601)"), std::string::npos);
  EXPECT_EQ(syntax.result.error().reason, "42601");
  auto missing = probe("select count(*) from no_such_table");
  EXPECT_NE(error_of(missing, ErrorCode::engine_error).find("(SQLSTATE 42P01)"), std::string::npos);
}

TEST_F(SqlProbeMeasurement, TheProbeCannotWrite) {
  auto insert = probe("insert into orders values (4, false) returning 1");
  EXPECT_NE(error_of(insert, ErrorCode::engine_error).find("read-only transaction"), std::string::npos);
  EXPECT_EQ(insert.result.error().reason, "25006");
  auto smuggled = probe("select 1; commit; delete from orders");
  EXPECT_FALSE(smuggled.result.ok()) << "several statements must not run";
  EXPECT_EQ(postgres_->query_value("select count(*) from orders"), "3");
}

TEST_F(SqlProbeMeasurement, TheTimeoutIsTheStatementTimeout) {
  auto slow = probe("select 1 from pg_sleep(5)", 500ms);
  EXPECT_NE(error_of(slow, ErrorCode::deadline_exceeded).find("did not finish within the timeout of 500ms"),
            std::string::npos);
  EXPECT_EQ(slow.result.error().reason, "57014");
  EXPECT_LT(slow.took, 1500ms);
  EXPECT_EQ(describe(probe("select count(*) from orders").result), "3") << "the next probe is not affected";
}

TEST(SqlProbe, AServerThatIsNotThereIsAnError) {
  MeasurerHarness harness;
  pg::ConnParams nowhere;
  nowhere.host = "127.0.0.1";
  nowhere.port = free_tcp_port();
  nowhere.user = "postgres";
  nowhere.dbname = "postgres";
  auto measured = harness.measure(SqlProbe{"select 1"}, 2s, nowhere);
  ASSERT_FALSE(measured.result.ok());
  EXPECT_EQ(measured.result.error().code, ErrorCode::engine_error);
  EXPECT_NE(measured.result.error().message.find("sql probe \"select 1\" on " + pg::describe(nowhere) +
                                                 ": cannot connect to PostgreSQL"),
            std::string::npos)
      << measured.result.error().message;
  EXPECT_LT(measured.took, 2s);
}

}  // namespace
}  // namespace ckpt::test
