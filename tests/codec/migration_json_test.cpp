#include "codec/migration_json.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <limits>
#include <string>

#include "codec/model_equality.hpp"
#include "codec/model_samples.hpp"
#include "codec/requests.hpp"

namespace ckpt {
namespace {

namespace json = boost::json;
using testing::command_checkpoint;
using testing::full_checkpoint;

Result<MigrationRecord> through_text(const MigrationRecord& record) {
  return migration_record_from_json(json::parse(json::serialize(to_json(record))).as_object(), "migration");
}

std::string decode_error(const std::string& text) {
  const auto decoded = migration_record_from_json(json::parse(text).as_object(), "migration");
  return decoded.ok() ? std::string{"<decoded>"} : decoded.error().message;
}

TEST(MigrationJson, ASqlMigrationRoundTripsWithStepsStatementsAndFailure) {
  const auto original = *full_checkpoint().migration;
  const auto decoded = through_text(original);
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_TRUE(*decoded == original);
}

TEST(MigrationJson, AWrappedCommandRoundTrips) {
  const auto original = *command_checkpoint().migration;
  const auto decoded = through_text(original);
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_TRUE(*decoded == original);
  const auto out = to_json(original);
  EXPECT_EQ(out.at("exit_code").as_int64(), 0);
  EXPECT_FALSE(out.contains("failure"));
  EXPECT_FALSE(out.contains("finished_at"));
}

TEST(MigrationJson, RowsAreOmittedForCommandsThatReportNone) {
  const auto out = to_json(*full_checkpoint().migration);
  const auto& statements = out.at("steps").at(0).at("statements").as_array();
  EXPECT_FALSE(statements[0].as_object().contains("rows"));
  EXPECT_EQ(statements[1].at("rows").as_int64(), 42);
}

TEST(MigrationJson, BadFieldsAreNamedByTheirPath) {
  EXPECT_EQ(decode_error(R"({"kind":"sql","started_at":"2026-11-21T06:50:00.000000Z","steps":[1],"command":[]})"),
            "field 'migration.steps[0]' must be an object, got number");
  EXPECT_EQ(decode_error(R"({"kind":"sql","started_at":"2026-11-21T06:50:00.000000Z","steps":[],"command":[3]})"),
            "field 'migration.command[0]' must be a string, got number");
  EXPECT_EQ(decode_error(R"({"kind":"sql","started_at":"2026-11-21T06:50:00.000000Z","command":[]})"),
            "missing field 'migration.steps'");
}

TEST(MigrationJson, HistoryEvidenceRoundTripsAndRejectsGarbage) {
  const auto runs = full_checkpoint().migration->steps.front().statements;
  const auto decoded = statement_runs_from_text(statement_runs_to_text(runs));
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_TRUE(*decoded == runs);
  EXPECT_FALSE(statement_runs_from_text("not json").ok());
  const auto wrong = statement_runs_from_text(R"([{"line":"one"}])");
  ASSERT_FALSE(wrong.ok());
  EXPECT_NE(wrong.error().message.find("evidence.statements[0].line"), std::string::npos) << wrong.error().message;
}

// Found by fuzz/journal_fuzzer: a row count beyond long long was converted from a double
// (undefined behaviour); one with a fraction was cut silently.
TEST(MigrationJson, RowCountsMustBeIntegersThatFit) {
  for (const char* rows : {"4.11111e+119", "2.5", "-1", "9223372036854775808"}) {
    const auto decoded =
        statement_runs_from_text(R"([{"line":1,"command":"UPDATE","rows":)" + std::string(rows) + R"(,"notices":[]}])");
    ASSERT_FALSE(decoded.ok()) << rows;
    EXPECT_EQ(decoded.error().message,
              "field 'evidence.statements[0].rows' must be an integer from 0 to 9223372036854775807")
        << rows;
  }
  const auto most =
      statement_runs_from_text(R"([{"line":1,"command":"UPDATE","rows":9223372036854775807,"notices":[]}])");
  ASSERT_TRUE(most.ok()) << most.error().message;
  EXPECT_EQ(most->front().rows, std::numeric_limits<long long>::max());
}

TEST(MigrationJson, AnExitCodeMustBeAnIntegerThatFits) {
  auto record = to_json(*command_checkpoint().migration);
  record["exit_code"] = 1e10;
  const auto decoded = migration_record_from_json(record, "migration");
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.error().message, "field 'migration.exit_code' must be an integer from 0 to 2147483647");
}

TEST(MigrationRequests, StartTakesAnOptionalCommand) {
  const auto empty = decode_migration_start_request("");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->command.empty());
  const auto command = decode_migration_start_request(R"({"command":["flyway","migrate"]})");
  ASSERT_TRUE(command.ok());
  EXPECT_EQ(command->command, (std::vector<std::string>{"flyway", "migrate"}));
  EXPECT_EQ(decode_migration_start_request(R"({"command":"flyway migrate"})").error().message,
            "field 'command' must be an array, got string");
  EXPECT_EQ(decode_migration_start_request(R"({"command":[""]})").error().message,
            "field 'command' must start with the program to run, got an empty string");
  EXPECT_EQ(decode_migration_start_request(R"({"cmd":[]})").error().code, ErrorCode::bad_request);
}

TEST(MigrationRequests, CommandResultIsStrict) {
  const auto result =
      decode_command_result(R"({"exit_code":143,"signal":"SIGTERM","output":"x","duration_seconds":2.5})");
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->exit_code, 143);
  EXPECT_EQ(result->signal, "SIGTERM");
  EXPECT_EQ(decode_command_result("{}").error().message, "missing field 'exit_code'");
  EXPECT_EQ(decode_command_result(R"({"exit_code":256})").error().code, ErrorCode::bad_request);
  EXPECT_EQ(decode_command_result(R"({"exit_code":0,"duration_seconds":-1})").error().message,
            "field 'duration_seconds' must not be negative");
  const std::string huge(kMaxCommandOutputBytes + 1, 'x');
  EXPECT_NE(decode_command_result(R"({"exit_code":1,"output":")" + huge + "\"}").error().message.find("tail"),
            std::string::npos);
  EXPECT_EQ(decode_command_result("").error().code, ErrorCode::bad_request);
}

TEST(MigrationRequests, EncodingsReadBack) {
  const CommandResult result{1, "", "boom\n", 0.5};
  const auto decoded = decode_command_result(json::serialize(to_json(result)));
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->exit_code, 1);
  EXPECT_EQ(decoded->output, "boom\n");
  const MigrationStarted started{command_checkpoint(), DatabaseEndpoint{"/run/postgresql", 5433, "app", "migrator"}};
  const auto read = migration_started_from_json(json::parse(json::serialize(to_json(started))));
  ASSERT_TRUE(read.ok()) << read.error().message;
  EXPECT_EQ(read->checkpoint, started.checkpoint);
  EXPECT_EQ(read->database.port, 5433);
  EXPECT_EQ(read->database.user, "migrator");
  EXPECT_FALSE(migration_started_from_json(json::parse(R"({"checkpoint":{}})")).ok());
}

}  // namespace
}  // namespace ckpt
