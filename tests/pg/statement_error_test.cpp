#include <gtest/gtest.h>

#include "pg/migration_session.hpp"

namespace ckpt::pg {
namespace {

TEST(StatementError, ReadsTheMessageLineAndCaret) {
  const auto error = parse_statement_error(
      "ERROR:  column \"emial\" does not exist\nLINE 2: SELECT emial FROM users\n               ^\n");
  EXPECT_EQ(error.message, "column \"emial\" does not exist");
  EXPECT_EQ(error.line_in_statement, 2);
  EXPECT_EQ(error.position, 8);
}

TEST(StatementError, WithoutALineTheStatementsFirstLineIsMeant) {
  const auto error = parse_statement_error("ERROR:  canceling statement due to lock timeout\n");
  EXPECT_EQ(error.message, "canceling statement due to lock timeout");
  EXPECT_EQ(error.line_in_statement, 1);
  EXPECT_EQ(error.position, 0);
}

TEST(StatementError, AShortenedLineGivesNoColumn) {
  const auto error = parse_statement_error(
      "ERROR:  syntax error at or near \"x\"\nLINE 3: ...ery long text x\n                        ^\n");
  EXPECT_EQ(error.line_in_statement, 3);
  EXPECT_EQ(error.position, 0);
}

}  // namespace
}  // namespace ckpt::pg
