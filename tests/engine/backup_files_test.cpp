#include <gtest/gtest.h>

#include "core/time_format.hpp"
#include "engine/local/backup_metadata.hpp"
#include "engine/local/backup_wal_range.hpp"

namespace ckpt::engine::local {
namespace {

constexpr const char* kLabel =
    "START WAL LOCATION: 1/2000028 (file 000000010000000100000002)\n"
    "CHECKPOINT LOCATION: 1/2000060\n"
    "BACKUP METHOD: streamed\n"
    "BACKUP FROM: primary\n"
    "START TIME: 2026-11-21 06:48:15 UTC\n"
    "LABEL: orders-ckpt-c1\n"
    "START TIMELINE: 3\n";

constexpr const char* kManifest = R"({"PostgreSQL-Backup-Manifest-Version": 1, "Files": [],
  "WAL-Ranges": [{ "Timeline": 3, "Start-LSN": "1/2000028", "End-LSN": "1/2000138" }],
  "Manifest-Checksum": "00"})";

TEST(BackupWalRange, ReadsBeginAndTimelineFromTheLabelAndEndFromTheManifest) {
  const auto range = parse_backup_wal_range(kLabel, kManifest);
  ASSERT_TRUE(range) << range.error().message;
  EXPECT_EQ(range->begin, *parse_lsn("1/2000028"));
  EXPECT_EQ(range->end, *parse_lsn("1/2000138"));
  EXPECT_EQ(range->timeline, 3U);
}

TEST(BackupWalRange, AManifestNamingAFieldTwiceIsRefused) {
  const auto twice = parse_backup_wal_range(
      kLabel, R"({"WAL-Ranges": [{"End-LSN": "1/2000138", "End-LSN": "1/9000000"}], "Manifest-Checksum": "00"})");
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().message,
            "backup_manifest: it has a duplicate field 'WAL-Ranges[0].End-LSN'; the base backup is incomplete or "
            "damaged, remove it and take a new one");
}

TEST(BackupWalRange, RejectsMissingOrMalformedFields) {
  EXPECT_FALSE(parse_backup_wal_range("START TIMELINE: 1\n", kManifest));
  EXPECT_FALSE(parse_backup_wal_range("START WAL LOCATION: 0/2000028 (file x)\n", kManifest));
  EXPECT_FALSE(parse_backup_wal_range(kLabel, "{}"));
  EXPECT_FALSE(parse_backup_wal_range(kLabel, "not json"));
  const auto backwards = parse_backup_wal_range(kLabel, R"({"WAL-Ranges": [{"End-LSN": "0/10"}]})");
  ASSERT_FALSE(backwards);
  EXPECT_NE(backwards.error().message.find("backup_manifest"), std::string::npos);
}

BackupMetadata example_metadata() {
  BackupMetadata metadata;
  metadata.cluster = "orders";
  metadata.checkpoint_id = "c1";
  metadata.backup_id = "orders-ckpt-c1";
  metadata.begin_lsn = *parse_lsn("0/2000028");
  metadata.end_lsn = *parse_lsn("0/2000138");
  metadata.timeline = 1;
  metadata.wal_segment_size = 64ULL * 1024 * 1024;
  metadata.started_at = *parse_rfc3339("2026-11-21T06:48:15.123456Z");
  metadata.stopped_at = *parse_rfc3339("2026-11-21T06:48:18.5Z");
  return metadata;
}

TEST(BackupMetadata, RoundTrips) {
  const auto parsed = parse_backup_metadata(render_backup_metadata(example_metadata()), "meta.json");
  ASSERT_TRUE(parsed) << parsed.error().message;
  const auto expected = example_metadata();
  EXPECT_EQ(parsed->cluster, expected.cluster);
  EXPECT_EQ(parsed->checkpoint_id, expected.checkpoint_id);
  EXPECT_EQ(parsed->backup_id, expected.backup_id);
  EXPECT_EQ(parsed->begin_lsn, expected.begin_lsn);
  EXPECT_EQ(parsed->end_lsn, expected.end_lsn);
  EXPECT_EQ(parsed->timeline, expected.timeline);
  EXPECT_EQ(parsed->wal_segment_size, expected.wal_segment_size);
  EXPECT_EQ(parsed->started_at, expected.started_at);
  EXPECT_EQ(parsed->stopped_at, expected.stopped_at);

  const auto info = to_backup_info(parsed.value(), "/backups/orders-ckpt-c1", true);
  EXPECT_EQ(info.name, "/backups/orders-ckpt-c1");
  EXPECT_EQ(info.backup_id, "orders-ckpt-c1");
  EXPECT_TRUE(info.reused);
}

TEST(BackupMetadata, NamesTheBadFieldAndTheFile) {
  const auto bad_lsn = parse_backup_metadata(
      R"({"cluster":"orders","checkpoint_id":"c1","backup_id":"b","begin_lsn":"zz","end_lsn":"0/1",)"
      R"("timeline":1,"wal_segment_size":16777216,"started_at":"2026-11-21T06:48:15Z","stopped_at":"2026-11-21T06:48:15Z"})",
      "/b/checkpointd-backup.json");
  ASSERT_FALSE(bad_lsn);
  EXPECT_NE(bad_lsn.error().message.find("\"begin_lsn\""), std::string::npos) << bad_lsn.error().message;
  EXPECT_NE(bad_lsn.error().message.find("/b/checkpointd-backup.json"), std::string::npos);
  const auto missing = parse_backup_metadata(R"({"cluster":"orders"})", "m.json");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("\"checkpoint_id\""), std::string::npos);
  EXPECT_FALSE(parse_backup_metadata("[1]", "m.json"));
}

}  // namespace
}  // namespace ckpt::engine::local
