#include "codec/requests.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "codec/model_equality.hpp"

namespace ckpt {
namespace {

namespace json = boost::json;
using std::chrono::hours;

template <typename T>
std::string error_of(const Result<T>& result) {
  if (result.ok()) return "<decoded>";
  EXPECT_EQ(result.error().code, ErrorCode::bad_request) << result.error().message;
  return result.error().message;
}

std::string begin_error(std::string_view body) { return error_of(decode_begin_request(body)); }

std::string parser_message_for(std::string_view body) {
  boost::system::error_code ec;
  (void)json::parse(body, ec);
  return ec.message();
}

TEST(BeginRequestDecoding, FullRequestIsRead) {
  const auto request = decode_begin_request(R"({
      "cluster": "orders", "migration_id": "m-1", "purpose": "drop legacy column",
      "phase": "contract",
      "rollback_window": {"duration": "24h", "owner": "alice", "approver": "bob"},
      "idempotency_key": "job-1"})");
  ASSERT_TRUE(request.ok()) << request.error().message;
  EXPECT_EQ(request->cluster, "orders");
  EXPECT_EQ(request->migration_id, "m-1");
  EXPECT_EQ(request->purpose, "drop legacy column");
  EXPECT_EQ(request->phase, MigrationPhase::contract);
  EXPECT_EQ(request->window, (RollbackWindow{hours{24}, "alice", "bob"}));
  EXPECT_EQ(request->idempotency_key, "job-1");
}

TEST(BeginRequestDecoding, OptionalFieldsTakeTheirDefaults) {
  const auto request = decode_begin_request(R"({"cluster": "orders", "migration_id": "m-1"})");
  ASSERT_TRUE(request.ok()) << request.error().message;
  EXPECT_EQ(request->phase, MigrationPhase::expand);
  EXPECT_EQ(request->purpose, "");
  EXPECT_EQ(request->window, RollbackWindow{});
  EXPECT_EQ(request->idempotency_key, "");
}

TEST(BeginRequestDecoding, MissingWindowPartsAreLeftForValidation) {
  const auto request =
      decode_begin_request(R"({"cluster": "orders", "migration_id": "m-1", "rollback_window": {"owner": "alice"}})");
  ASSERT_TRUE(request.ok()) << request.error().message;
  EXPECT_EQ(request->window, (RollbackWindow{Millis{0}, "alice", ""}));
}

TEST(BeginRequestDecoding, BodyProblemsAreNamed) {
  EXPECT_EQ(begin_error(""), "request body is empty; expected a JSON object");
  EXPECT_EQ(begin_error(" \n"), "request body is empty; expected a JSON object");
  EXPECT_EQ(begin_error(R"({"cluster": )"), "request body is not valid JSON: " + parser_message_for(R"({"cluster": )"));
  EXPECT_EQ(begin_error("[1, 2]"), "request body must be a JSON object");
  EXPECT_EQ(begin_error(R"("orders")"), "request body must be a JSON object");
}

TEST(BeginRequestDecoding, FieldProblemsAreNamed) {
  EXPECT_EQ(begin_error(R"({"cluster": "orders", "migration_id": "m", "foo": 1})"),
            "unknown field 'foo' in request body");
  EXPECT_EQ(begin_error(R"({"migration_id": "m"})"), "missing field 'cluster'");
  EXPECT_EQ(begin_error(R"({"cluster": "orders"})"), "missing field 'migration_id'");
  EXPECT_EQ(begin_error(R"({"cluster": "orders", "migration_id": "m", "phase": "sideways"})"),
            "field 'phase' must be one of: expand, contract");
  EXPECT_EQ(begin_error(R"({"cluster": "orders", "migration_id": "m", "rollback_window": {"duration": "soon"}})"),
            "field 'rollback_window.duration' must be a duration such as 24h or 90m, got 'soon'");
}

TEST(BeginRequestDecoding, DuplicateFieldsAreRefusedByTheirPath) {
  EXPECT_EQ(begin_error(R"({"cluster": "a", "cluster": "b", "migration_id": "m"})"),
            "request body has a duplicate field 'cluster'");
  EXPECT_EQ(begin_error(R"({"cluster": "o", "migration_id": "m",
                            "rollback_window": {"owner": "alice", "approver": "bob", "owner": "bob"}})"),
            "request body has a duplicate field 'rollback_window.owner'");
  EXPECT_EQ(begin_error(R"({"cluster": "o", "migration_id": "m",
                            "plan": {"steps": [{"file": "a.sql", "sql": "x", "sql": "y"}]}})"),
            "request body has a duplicate field 'plan.steps[0].sql'");
}

TEST(RequestDecoding, EveryDecoderRefusesDuplicateFields) {
  EXPECT_EQ(error_of(decode_fail_request(R"({"reason": "a", "reason": "b"})")),
            "request body has a duplicate field 'reason'");
  EXPECT_EQ(error_of(decode_abort_request(R"({"reason": "a", "reason": "b"})")),
            "request body has a duplicate field 'reason'");
  EXPECT_EQ(error_of(decode_restore_request(R"({"dry_run": true, "dry_run": false})")),
            "request body has a duplicate field 'dry_run'");
  EXPECT_EQ(error_of(decode_commit_request(R"({"x": 1, "x": 1})")), "request body has a duplicate field 'x'");
  EXPECT_EQ(error_of(decode_migration_start_request(R"({"command": ["a"], "command": ["b"]})")),
            "request body has a duplicate field 'command'");
  EXPECT_EQ(error_of(decode_command_result(R"({"exit_code": 0, "exit_code": 1})")),
            "request body has a duplicate field 'exit_code'");
}

// Found by fuzz/strict_json_fuzzer: 0e999 was NaN and 1e999 infinity, journaled as the
// non-JSON words NaN and Infinity.
TEST(RequestDecoding, NumbersThatAreNotFiniteAreRefused) {
  EXPECT_EQ(error_of(decode_command_result(R"({"exit_code": 0, "duration_seconds": 0e999})")),
            "request body has a number out of range in field 'duration_seconds'");
  EXPECT_EQ(error_of(decode_command_result(R"({"exit_code": 0, "duration_seconds": 1e999})")),
            "request body has a number out of range in field 'duration_seconds'");
}

TEST(RequestDecoding, InvalidUtf8IsCalledInvalidUtf8) {
  EXPECT_EQ(begin_error("{\"cluster\": \"orders\xff\", \"migration_id\": \"m\"}"),
            "request body is not valid UTF-8 (byte 0xFF at offset 19); send UTF-8 text");
  EXPECT_EQ(error_of(decode_fail_request("{\"reason\": \"\xc0\xaf\"}")),
            "request body is not valid UTF-8 (byte 0xC0 at offset 12); send UTF-8 text");
}

TEST(BeginRequestDecoding, UnknownNestedFieldIsNamedByItsPath) {
  EXPECT_EQ(begin_error(R"({"cluster": "o", "migration_id": "m", "rollback_window": {"owner": "a", "ownr": "b"}})"),
            "unknown field 'rollback_window.ownr' in request body");
}

TEST(BeginRequestDecoding, WrongTypesAreNamed) {
  EXPECT_EQ(begin_error(R"({"cluster": 5, "migration_id": "m"})"), "field 'cluster' must be a string, got number");
  EXPECT_EQ(begin_error(R"({"cluster": "o", "migration_id": null})"),
            "field 'migration_id' must be a string, got null");
  EXPECT_EQ(begin_error(R"({"cluster": "o", "migration_id": "m", "purpose": ["x"]})"),
            "field 'purpose' must be a string, got array");
  EXPECT_EQ(begin_error(R"({"cluster": "o", "migration_id": "m", "phase": 1})"),
            "field 'phase' must be a string, got number");
  EXPECT_EQ(begin_error(R"({"cluster": "o", "migration_id": "m", "rollback_window": "24h"})"),
            "field 'rollback_window' must be an object, got string");
  EXPECT_EQ(begin_error(R"({"cluster": "o", "migration_id": "m", "rollback_window": {"duration": 24}})"),
            "field 'rollback_window.duration' must be a string, got number");
  EXPECT_EQ(begin_error(R"({"cluster": "o", "migration_id": "m", "rollback_window": {"approver": true}})"),
            "field 'rollback_window.approver' must be a string, got boolean");
  EXPECT_EQ(begin_error(R"({"cluster": "o", "migration_id": "m", "idempotency_key": {}})"),
            "field 'idempotency_key' must be a string, got object");
}

std::string begin_with_key(const std::string& key) {
  return json::serialize(json::object{{"cluster", "o"}, {"migration_id", "m"}, {"idempotency_key", key}});
}

TEST(BeginRequestDecoding, IdempotencyKeyIsAtMost128Characters) {
  EXPECT_TRUE(decode_begin_request(begin_with_key(std::string(128, 'k'))).ok());
  EXPECT_EQ(begin_error(begin_with_key(std::string(129, 'k'))),
            "field 'idempotency_key' must be at most 128 characters, got 129");
}

TEST(BeginRequestDecoding, IdempotencyKeyLengthCountsCharactersNotBytes) {
  std::string key;
  for (int i = 0; i < 128; ++i) key += "\xC3\xA9";  // é, two bytes each
  EXPECT_TRUE(decode_begin_request(begin_with_key(key)).ok());
  EXPECT_EQ(begin_error(begin_with_key(key + "e")), "field 'idempotency_key' must be at most 128 characters, got 129");
}

TEST(BeginRequestEncoding, EncodedRequestDecodesToAnEqualRequest) {
  BeginRequest request;
  request.cluster = "orders";
  request.migration_id = "m-1";
  request.purpose = "p";
  request.phase = MigrationPhase::contract;
  request.window = RollbackWindow{std::chrono::minutes{90}, "alice", "bob"};
  request.idempotency_key = "k";
  const auto decoded = decode_begin_request(json::serialize(to_json(request)));
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(*decoded, request);
}

TEST(BeginRequestEncoding, EmptyWindowAndKeyAreOmitted) {
  BeginRequest request;
  request.cluster = "orders";
  request.migration_id = "m-1";
  EXPECT_EQ(json::serialize(to_json(request)), R"({"cluster":"orders","migration_id":"m-1","phase":"expand"})");
  EXPECT_EQ(*decode_begin_request(json::serialize(to_json(request))), request);
}

TEST(FailRequestDecoding, ReasonIsRequiredAndNotEmpty) {
  const auto request = decode_fail_request(R"({"reason": "p99 latency over SLO"})");
  ASSERT_TRUE(request.ok()) << request.error().message;
  EXPECT_EQ(request->reason, "p99 latency over SLO");
  EXPECT_EQ(error_of(decode_fail_request("")), "request body is empty; expected a JSON object");
  EXPECT_EQ(error_of(decode_fail_request("{}")), "missing field 'reason'");
  EXPECT_EQ(error_of(decode_fail_request(R"({"reason": "  "})")),
            "field 'reason' must not be empty; say why the migration failed");
  EXPECT_EQ(error_of(decode_fail_request(R"({"reason": 3})")), "field 'reason' must be a string, got number");
  EXPECT_EQ(error_of(decode_fail_request(R"({"reason": "x", "why": "y"})")), "unknown field 'why' in request body");
  EXPECT_EQ(decode_fail_request(json::serialize(to_json(FailRequest{"r"})))->reason, "r");
}

TEST(AbortRequestDecoding, ReasonIsOptionalAndTheBodyMayBeEmpty) {
  EXPECT_EQ(decode_abort_request("")->reason, "");
  EXPECT_EQ(decode_abort_request("{}")->reason, "");
  EXPECT_EQ(decode_abort_request(R"({"reason": "window moved"})")->reason, "window moved");
  EXPECT_EQ(error_of(decode_abort_request(R"({"reason": false})")), "field 'reason' must be a string, got boolean");
  EXPECT_EQ(error_of(decode_abort_request(R"({"force": true})")), "unknown field 'force' in request body");
  EXPECT_EQ(error_of(decode_abort_request("nope")), "request body is not valid JSON: " + parser_message_for("nope"));
  EXPECT_EQ(decode_abort_request(json::serialize(to_json(AbortRequest{"r"})))->reason, "r");
  EXPECT_EQ(json::serialize(to_json(AbortRequest{})), "{}");
}

TEST(RestoreRequestDecoding, FlagsDefaultToFalse) {
  const auto empty = decode_restore_request("");
  ASSERT_TRUE(empty.ok());
  EXPECT_FALSE(empty->dry_run);
  EXPECT_FALSE(empty->cutover);
  const auto both = decode_restore_request(R"({"dry_run": true, "cutover": true})");
  ASSERT_TRUE(both.ok()) << both.error().message;
  EXPECT_TRUE(both->dry_run);
  EXPECT_TRUE(both->cutover);
  const auto round_trip = decode_restore_request(json::serialize(to_json(RestoreRequest{false, true})));
  EXPECT_FALSE(round_trip->dry_run);
  EXPECT_TRUE(round_trip->cutover);
}

TEST(RestoreRequestDecoding, WrongTypesAndUnknownFieldsAreRefused) {
  EXPECT_EQ(error_of(decode_restore_request(R"({"dry_run": "yes"})")), "field 'dry_run' must be a boolean, got string");
  EXPECT_EQ(error_of(decode_restore_request(R"({"cutover": 1})")), "field 'cutover' must be a boolean, got number");
  EXPECT_EQ(error_of(decode_restore_request(R"({"dryrun": true})")), "unknown field 'dryrun' in request body");
  EXPECT_EQ(error_of(decode_restore_request("true")), "request body must be a JSON object");
}

TEST(CommitRequestDecoding, OnlyAnEmptyBodyOrEmptyObject) {
  EXPECT_TRUE(decode_commit_request("").ok());
  EXPECT_TRUE(decode_commit_request("{}").ok());
  EXPECT_EQ(error_of(decode_commit_request(R"({"force": true})")), "unknown field 'force' in request body");
  EXPECT_EQ(error_of(decode_commit_request("[]")), "request body must be a JSON object");
}

}  // namespace
}  // namespace ckpt
