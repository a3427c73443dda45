#include "state/store_records.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "codec/model_equality.hpp"
#include "codec/model_samples.hpp"

namespace ckpt {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

TEST(StoreRecords, CheckpointRecordHasKindAndSnapshotAndReadsBack) {
  const Checkpoint checkpoint = testing::full_checkpoint();
  const auto encoded = encode_checkpoint_record(checkpoint);
  ASSERT_TRUE(encoded.ok()) << encoded.error().message;
  EXPECT_THAT(encoded->text, StartsWith(R"({"kind":"checkpoint","checkpoint":{"id":"c0ffee01",)"));
  EXPECT_EQ(encoded->stored, checkpoint);
  const auto decoded = decode_store_record(encoded->text);
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(std::get<Checkpoint>(*decoded), checkpoint);
}

TEST(StoreRecords, EventRecordReadsBack) {
  const Event event{"c0ffee01", 3, testing::at("2026-11-21T06:48:15.5Z"), "backup.started", "pg_basebackup"};
  const auto encoded = encode_event_record(event);
  ASSERT_TRUE(encoded.ok()) << encoded.error().message;
  EXPECT_THAT(encoded->text, StartsWith(R"({"kind":"event","event":{"checkpoint_id":"c0ffee01",)"));
  EXPECT_EQ(std::get<Event>(*decode_store_record(encoded->text)), event);
}

TEST(StoreRecords, StoredValueKeepsMicrosecondsOnly) {
  Event event{"c0ffee01", 1, testing::at("2026-11-21T06:48:15.123456Z") + std::chrono::nanoseconds{789}, "state", "m"};
  const auto encoded = encode_event_record(event);
  ASSERT_TRUE(encoded.ok());
  EXPECT_EQ(encoded->stored.at, testing::at("2026-11-21T06:48:15.123456Z"));
}

TEST(StoreRecords, ValueThatWouldNotReadBackIsRefused) {
  Checkpoint checkpoint = testing::minimal_checkpoint();
  checkpoint.request.window.duration = Millis{-5};
  const auto encoded = encode_checkpoint_record(checkpoint);
  ASSERT_FALSE(encoded.ok());
  EXPECT_THAT(encoded.error().message, HasSubstr("would not read back"));
  EXPECT_THAT(encoded.error().message, HasSubstr("rollback_window.duration"));
}

TEST(StoreRecords, MalformedRecordsAreNamed) {
  EXPECT_THAT(decode_store_record("{").error().message, StartsWith("record is not valid JSON: "));
  EXPECT_EQ(decode_store_record("[]").error().message, "record is not an object with a string field 'kind'");
  EXPECT_EQ(decode_store_record(R"({"kind":"event"})").error().message, "record of kind 'event' has no field 'event'");
  EXPECT_EQ(decode_store_record(R"({"kind":"note","note":1})").error().message, "record has unknown kind 'note'");
  EXPECT_EQ(decode_store_record(R"({"kind":"event","event":{"checkpoint_id":"x"}})").error().message,
            "missing field 'seq'");
  // Found by fuzz/journal_fuzzer: a far-future time overflowed instead of being refused.
  EXPECT_EQ(
      decode_store_record(R"({"kind":"event","event":{"checkpoint_id":"x","seq":1,)"
                          R"("at":"9999-01-01T00:00:00.000000Z","type":"state","message":"m"}})")
          .error()
          .message,
      "field 'at' must be an RFC 3339 time such as 2026-11-21T06:48:15.123456Z, got '9999-01-01T00:00:00.000000Z'");
}

}  // namespace
}  // namespace ckpt
