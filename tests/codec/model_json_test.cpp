#include "codec/model_json.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "codec/model_equality.hpp"
#include "codec/model_samples.hpp"

namespace ckpt {
namespace {

namespace json = boost::json;
using testing::at;
using testing::full_checkpoint;
using testing::minimal_checkpoint;

// Serializes to text and back, as the wire and the journal do.
json::value through_text(const json::object& object) {
  return json::parse(json::serialize(object));
}

std::vector<std::string> keys_of(const json::object& object) {
  std::vector<std::string> keys;
  for (const auto& entry : object) keys.emplace_back(entry.key());
  return keys;
}

std::string decode_error(const std::string& text) {
  const auto decoded = checkpoint_from_json(json::parse(text));
  return decoded.ok() ? std::string{"<decoded>"} : decoded.error().message;
}

TEST(CheckpointJson, FullCheckpointRoundTripsExactly) {
  const Checkpoint original = full_checkpoint();
  const auto decoded = checkpoint_from_json(through_text(to_json(original)));
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(*decoded, original);
}

TEST(CheckpointJson, MinimalCheckpointRoundTripsExactly) {
  const Checkpoint original = minimal_checkpoint();
  const auto decoded = checkpoint_from_json(through_text(to_json(original)));
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(*decoded, original);
}

TEST(CheckpointJson, FullWireShapeHasEveryFieldInOrder) {
  const json::object out = to_json(full_checkpoint());
  EXPECT_THAT(keys_of(out),
              ::testing::ElementsAre("id", "cluster", "migration_id", "purpose", "phase", "rollback_window",
                                     "idempotency_key", "plan", "state", "reason", "message", "created_at",
                                     "updated_at", "committed_at", "backup", "recovery_point", "schema_fingerprint",
                                     "restore", "migration", "predicted_restore", "parked_copy"));
  EXPECT_THAT(keys_of(out.at("backup").as_object()),
              ::testing::ElementsAre("backup_id", "name", "begin_lsn", "end_lsn", "timeline", "started_at",
                                     "stopped_at", "reused", "size_bytes"));
  EXPECT_THAT(keys_of(out.at("predicted_restore").as_object()),
              ::testing::ElementsAre("seconds", "base_bytes", "wal_bytes", "base_bytes_per_second",
                                     "replay_bytes_per_second", "fixed_seconds", "rate_samples"));
  EXPECT_THAT(
      keys_of(out.at("recovery_point").as_object()),
      ::testing::ElementsAre("server_time", "current_lsn", "target_lsn", "timeline", "restore_point", "wal_file"));
  EXPECT_THAT(keys_of(out.at("restore").as_object()),
              ::testing::ElementsAre("attempt", "trigger", "cutover", "target", "port", "phases", "duration_seconds",
                                     "restored_timeline", "error", "cut_over", "path"));
  EXPECT_THAT(
      keys_of(out.at("parked_copy").as_object()),
      ::testing::ElementsAre("state", "target", "port", "estimated_bytes", "disk_bytes", "parked_at", "message"));
}

TEST(CheckpointJson, ADrillsOrderAndResultRoundTripExactly) {
  Checkpoint drill = minimal_checkpoint();
  drill.request.drill = DrillOrder{"schedule", true, "schedule"};
  drill.drill_result = DrillResult{at("2026-12-06T03:15:09.250000Z"), true, false, "verified; kept"};
  const json::object out = to_json(drill);
  EXPECT_EQ(json::serialize(out.at("drill")), R"({"trigger":"schedule","keep":true,"by":"schedule"})");
  EXPECT_EQ(
      json::serialize(out.at("drill_result")),
      R"({"finished_at":"2026-12-06T03:15:09.250000Z","verified":true,"scratch_removed":false,"message":"verified; kept"})");
  const auto decoded = checkpoint_from_json(through_text(out));
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(*decoded, drill);
}

TEST(CheckpointJson, ADrillResultWithoutItsVerdictIsNamed) {
  json::object out = to_json(minimal_checkpoint());
  out["drill_result"] = json::object{{"finished_at", "2026-12-06T03:15:09Z"}, {"scratch_removed", true}};
  EXPECT_THAT(decode_error(json::serialize(out)), ::testing::HasSubstr("drill_result.verified"));
}

TEST(CheckpointJson, ValuesUseTheWireFormats) {
  const json::object out = to_json(full_checkpoint());
  EXPECT_EQ(out.at("phase"), "contract");
  EXPECT_EQ(out.at("state"), "restore_failed");
  EXPECT_EQ(out.at("rollback_window"), (json::object{{"duration", "1h30m"}, {"owner", "alice"}, {"approver", "bob"}}));
  EXPECT_EQ(out.at("created_at"), "2026-11-21T06:48:15.123456Z");
  EXPECT_EQ(out.at("backup").at("begin_lsn"), "1/28");
  EXPECT_EQ(out.at("backup").at("end_lsn"), "16/B374D848");
  EXPECT_EQ(out.at("restore").at("phases").at(1),
            (json::object{{"phase", "promoted"}, {"at", "2026-11-21T07:00:04.912345Z"}}));
}

TEST(CheckpointJson, MinimalCheckpointOmitsEmptyOptionalFields) {
  const json::object out = to_json(minimal_checkpoint());
  EXPECT_THAT(keys_of(out), ::testing::ElementsAre("id", "cluster", "migration_id", "purpose", "phase",
                                                   "rollback_window", "state", "created_at", "updated_at"));
  EXPECT_EQ(out.at("state"), "backing_up");
}

TEST(CheckpointJson, RestoreWithoutDurationOrErrorOmitsThem) {
  Checkpoint checkpoint = full_checkpoint();
  checkpoint.restore->duration_seconds.reset();
  checkpoint.restore->error.clear();
  const json::object out = to_json(checkpoint);
  EXPECT_FALSE(out.at("restore").as_object().contains("duration_seconds"));
  EXPECT_FALSE(out.at("restore").as_object().contains("error"));
  EXPECT_EQ(*checkpoint_from_json(through_text(out)), checkpoint);
}

TEST(CheckpointJson, NotAnObjectIsRefused) {
  const auto decoded = checkpoint_from_json(json::array{});
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.error().message, "checkpoint must be a JSON object, got array");
  EXPECT_EQ(decoded.error().code, ErrorCode::internal);
}

TEST(CheckpointJson, BadNestedValuesAreNamedByTheirPath) {
  json::object out = to_json(full_checkpoint());
  out["backup"].as_object()["begin_lsn"] = "zz";
  EXPECT_EQ(decode_error(json::serialize(out)),
            "field 'backup.begin_lsn' must be an LSN such as 16/B374D848, got 'zz'");

  out = to_json(full_checkpoint());
  out["restore"].as_object()["phases"].as_array()[1].as_object()["at"] = "yesterday";
  EXPECT_EQ(
      decode_error(json::serialize(out)),
      "field 'restore.phases[1].at' must be an RFC 3339 time such as 2026-11-21T06:48:15.123456Z, got 'yesterday'");

  out = to_json(full_checkpoint());
  out["restore"].as_object()["phases"].as_array()[0] = "started";
  EXPECT_EQ(decode_error(json::serialize(out)), "field 'restore.phases[0]' must be an object, got string");

  out = to_json(full_checkpoint());
  out["recovery_point"].as_object()["timeline"] = -1;
  EXPECT_EQ(decode_error(json::serialize(out)),
            "field 'recovery_point.timeline' must be an integer from 0 to 4294967295");

  out = to_json(full_checkpoint());
  out["rollback_window"].as_object()["duration"] = "soon";
  EXPECT_EQ(decode_error(json::serialize(out)),
            "field 'rollback_window.duration' must be a duration such as 24h or 90m, got 'soon'");
}

TEST(CheckpointJson, UnknownStateListsTheKnownOnes) {
  json::object out = to_json(minimal_checkpoint());
  out["state"] = "paused";
  EXPECT_EQ(decode_error(json::serialize(out)),
            "field 'state' must be one of: backing_up, ready, migrating, watching, committed, closed, "
            "refused, failed, restoring, restored, restore_failed, aborted");
}

TEST(CheckpointJson, MissingAndMistypedFieldsAreNamed) {
  json::object out = to_json(minimal_checkpoint());
  out.erase("created_at");
  EXPECT_EQ(decode_error(json::serialize(out)), "missing field 'created_at'");

  out = to_json(minimal_checkpoint());
  out.erase("rollback_window");
  EXPECT_EQ(decode_error(json::serialize(out)), "missing field 'rollback_window'");

  out = to_json(full_checkpoint());
  out["backup"].as_object()["reused"] = "yes";
  EXPECT_EQ(decode_error(json::serialize(out)), "field 'backup.reused' must be a boolean, got string");
}

TEST(CheckpointJson, UnknownFieldsAreIgnoredForForwardCompatibility) {
  json::object out = to_json(minimal_checkpoint());
  out["added_in_a_later_version"] = 1;
  const auto decoded = checkpoint_from_json(out);
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(*decoded, minimal_checkpoint());
}

TEST(EventJson, RoundTripsExactlyWithItsWireShape) {
  const Event event{"c0ffee01", 7, at("2026-11-21T06:48:15.000042Z"), "restore.phase", "promoted after 4.9s"};
  const json::object out = to_json(event);
  EXPECT_EQ(json::serialize(out),
            R"({"checkpoint_id":"c0ffee01","seq":7,"at":"2026-11-21T06:48:15.000042Z","type":"restore.phase",)"
            R"("message":"promoted after 4.9s"})");
  const auto decoded = event_from_json(through_text(out));
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(*decoded, event);
}

TEST(EventJson, MissingSeqIsRefused) {
  json::object out = to_json(Event{"c0ffee01", 1, at("2026-11-21T06:48:15Z"), "state", "x"});
  out.erase("seq");
  const auto decoded = event_from_json(out);
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.error().message, "missing field 'seq'");
}

TEST(PartsJson, EachPartRoundTripsOnItsOwn) {
  const Checkpoint checkpoint = full_checkpoint();
  EXPECT_EQ(*backup_info_from_json(through_text(to_json(*checkpoint.backup))), *checkpoint.backup);
  EXPECT_EQ(*recovery_point_from_json(through_text(to_json(*checkpoint.recovery_point))), *checkpoint.recovery_point);
  EXPECT_EQ(*restore_record_from_json(through_text(to_json(*checkpoint.restore))), *checkpoint.restore);
  EXPECT_EQ(*restore_phase_mark_from_json(through_text(to_json(checkpoint.restore->phases[0]))),
            checkpoint.restore->phases[0]);
}

TEST(PartsJson, TopLevelPartErrorsUseBareFieldNames) {
  json::object out = to_json(*full_checkpoint().backup);
  out["end_lsn"] = 5;
  const auto decoded = backup_info_from_json(out);
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.error().message, "field 'end_lsn' must be a string, got number");
  EXPECT_EQ(restore_phase_mark_from_json(json::value(json::string("x"))).error().message,
            "restore phase mark must be a JSON object, got string");
}

TEST(PartsJson, PortOutOfRangeIsRefused) {
  json::object out = to_json(*full_checkpoint().restore);
  out["port"] = 70000;
  EXPECT_EQ(restore_record_from_json(out).error().message, "field 'port' must be an integer from 0 to 65535");
}

}  // namespace
}  // namespace ckpt
