// Rendering: the table views, JSON that parses back to the same checkpoint, YAML that
// yaml-cpp reads back with the same values and types, and the progress lines.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "codec/gate_json.hpp"
#include <yaml-cpp/yaml.h>

#include <boost/json/parse.hpp>

#include "cli/output.hpp"
#include "cli/progress.hpp"
#include "cli/structured_text.hpp"
#include "cli/table_views.hpp"
#include "cli/text_table.hpp"
#include "client/sample_checkpoints.hpp"
#include "codec/model_json.hpp"

namespace ckpt::cli {
namespace {

using namespace std::chrono_literals;
using testing::at;

RestorePlan sample_plan() {
  return RestorePlan{.engine = "local",
                             .target = "/var/lib/checkpointd/restores/main-pitr-ck-7f3a",
                             .base_backup = "20261121T064815",
                             .recovery_target = "lsn 0/3000148 (exclusive) on timeline 1",
                             .steps = {"copy the base backup", "write recovery settings", "start on port 5433"},
                             .manifest = "recovery_target_lsn = '0/3000148'\n\nport = 5433\n"};
}

TEST(TableViews, ReadyCheckpointSummary) {
  EXPECT_EQ(checkpoint_summary(testing::ready_checkpoint()),
            "Checkpoint:           ck-7f3a\n"
            "Cluster:              main\n"
            "Migration:            m-42 (expand) add orders.note\n"
            "Rollback window:      24h, owner alice, approver bob\n"
            "State:                ready\n"
            "Created:              2026-11-21T06:48:15.123456Z\n"
            "Updated:              2026-11-21T06:48:19.500000Z\n"
            "Backup:               20261121T064815 (/var/lib/checkpointd/backups/20261121T064815)\n"
            "                      LSN 0/2000028 to 0/2000100 on timeline 1\n"
            "                      2026-11-21T06:48:15.200000Z to 2026-11-21T06:48:18.500000Z\n"
            "Recovery point:       LSN 0/3000148 on timeline 1, WAL file 000000010000000000000003\n"
            "                      restore point checkpointd-ck-7f3a, server time 2026-11-21 06:48:18.600001+00\n"
            "Schema fingerprint:   sha256:5be0c1\n");
}

TEST(TableViews, ShowsThePredictedRestoreAndWhyABackupWasNotReused) {
  auto checkpoint = testing::ready_checkpoint();
  checkpoint.backup->reuse_declined = "reusing base backup b0 would give a restore of about 95.0 s";
  checkpoint.predicted_restore =
      RestorePrediction{7.25, 825'000'000, 40'000'000, RestoreRates{200e6, 160e6, 2.875, 2}};
  const std::string text = checkpoint_summary(checkpoint);
  EXPECT_NE(text.find("                      fresh: reusing base backup b0 would give a restore of about 95.0 s\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Predicted restore:    about 7.2 s: 825 MB base at 200 MB/s + 40 MB WAL at 160 MB/s + 2.9 s "
                      "start, promotion and checks (rates from 2 restores)\n"),
            std::string::npos)
      << text;
}

TEST(TableViews, RefusedSummaryShowsReasonAndMessage) {
  const std::string text = checkpoint_summary(testing::refused_checkpoint());
  EXPECT_NE(text.find("State:             refused\n"), std::string::npos) << text;
  EXPECT_NE(text.find("Reason:            wal_archive_failing\n"), std::string::npos) << text;
  EXPECT_NE(text.find("Message:           WAL segment"), std::string::npos) << text;
  EXPECT_EQ(text.find("Backup:"), std::string::npos) << text;
}

TEST(TableViews, RestoreSummaryShowsPhaseOffsetsAndTotal) {
  const std::string text = checkpoint_summary(testing::restored_checkpoint());
  EXPECT_NE(text.find("Restore:              attempt 1, trigger manual, target "
                      "/var/lib/checkpointd/restores/main-pitr-ck-7f3a (port 5433)\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Restore phases:       +0.000s   started            2026-11-21T07:00:00.000000Z\n"
                      "                      +0.741s   base_copied        2026-11-21T07:00:00.741000Z\n"
                      "                      +1.320s   recovery_started   2026-11-21T07:00:01.320000Z\n"
                      "                      +4.260s   promoted           2026-11-21T07:00:04.260000Z\n"
                      "                      +4.912s   verified           2026-11-21T07:00:04.912000Z\n"
                      "Restore duration:     4.912s\n"
                      "Restored timeline:    2\n"),
            std::string::npos)
      << text;
}

TEST(TableViews, RestoreErrorIsShown) {
  const std::string text = checkpoint_summary(testing::restore_failed_checkpoint());
  EXPECT_NE(text.find("Restore error:        recovery stopped before the target"), std::string::npos) << text;
}

TEST(TableViews, ListColumnsAndAges) {
  auto older = testing::ready_checkpoint();
  older.id = "ck-0001";
  older.request.phase = MigrationPhase::contract;
  older.created_at = at("2026-11-18T06:48:15Z");
  const std::vector<Checkpoint> checkpoints{testing::ready_checkpoint(), older};
  EXPECT_EQ(checkpoint_list_table(checkpoints, at("2026-11-21T06:55:15.123456Z")),
            "ID        CLUSTER   MIGRATION   PHASE      STATE   AGE\n"
            "ck-7f3a   main      m-42        expand     ready   7m\n"
            "ck-0001   main      m-42        contract   ready   3d\n");
}

TEST(TableViews, EventColumns) {
  const std::vector<Event> events{
      Event{"ck-7f3a", 1, at("2026-11-21T06:48:15.123456Z"), "state", "backing_up"},
      Event{"ck-7f3a", 2, at("2026-11-21T06:48:19.500000Z"), "backup.completed", "backup 20261121T064815"},
  };
  EXPECT_EQ(event_table(events),
            "SEQ   AT                            TYPE               MESSAGE\n"
            "1     2026-11-21T06:48:15.123456Z   state              backing_up\n"
            "2     2026-11-21T06:48:19.500000Z   backup.completed   backup 20261121T064815\n");
}

TEST(TableViews, RestorePlan) {
  EXPECT_EQ(restore_plan_text(sample_plan()),
            "Engine:            local\n"
            "Target:            /var/lib/checkpointd/restores/main-pitr-ck-7f3a\n"
            "Base backup:       20261121T064815\n"
            "Recovery target:   lsn 0/3000148 (exclusive) on timeline 1\n"
            "Steps:             1. copy the base backup\n"
            "                   2. write recovery settings\n"
            "                   3. start on port 5433\n"
            "Manifest:\n"
            "  recovery_target_lsn = '0/3000148'\n"
            "\n"
            "  port = 5433\n");
}

TEST(TextTable, AgesAndSeconds) {
  EXPECT_EQ(format_age(-5s), "0s");
  EXPECT_EQ(format_age(42s), "42s");
  EXPECT_EQ(format_age(119s), "119s");
  EXPECT_EQ(format_age(7min), "7m");
  EXPECT_EQ(format_age(5h), "5h");
  EXPECT_EQ(format_age(47h), "47h");
  EXPECT_EQ(format_age(72h), "3d");
  EXPECT_EQ(format_seconds(4.9124), "4.912s");
  EXPECT_EQ(format_columns({{"a", "bb"}, {"ccc"}, {}}), "a     bb\nccc\n\n");
}

TEST(StructuredOutput, JsonParsesBackToTheSameCheckpoint) {
  const Checkpoint original = testing::restored_checkpoint();
  const std::string text = render_checkpoint(original, OutputFormat::json);
  EXPECT_EQ(text.substr(0, 20), "{\n  \"id\": \"ck-7f3a\",");
  const auto decoded = checkpoint_from_json(boost::json::parse(text));
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(boost::json::value{to_json(*decoded)}, boost::json::value{to_json(original)});
}

TEST(StructuredOutput, PrettyJsonOfEmptyAndNestedValues) {
  EXPECT_EQ(pretty_json(boost::json::parse(R"({"a":[],"b":{},"c":[1,{"d":null}]})")),
            "{\n  \"a\": [],\n  \"b\": {},\n  \"c\": [\n    1,\n    {\n      \"d\": null\n    }\n  ]\n}\n");
}

TEST(StructuredOutput, YamlReadsBackWithTheSameValues) {
  const std::string text = render_checkpoint(testing::restored_checkpoint(), OutputFormat::yaml);
  const YAML::Node node = YAML::Load(text);
  EXPECT_EQ(node["id"].as<std::string>(), "ck-7f3a");
  EXPECT_EQ(node["state"].as<std::string>(), "restored");
  EXPECT_EQ(node["rollback_window"]["duration"].as<std::string>(), "24h");
  EXPECT_EQ(node["backup"]["timeline"].as<int>(), 1);
  EXPECT_FALSE(node["backup"]["reused"].as<bool>());
  EXPECT_EQ(node["recovery_point"]["target_lsn"].as<std::string>(), "0/3000148");
  EXPECT_EQ(node["restore"]["phases"][1]["phase"].as<std::string>(), "base_copied");
  EXPECT_DOUBLE_EQ(node["restore"]["duration_seconds"].as<double>(), 4.912);
  // Timestamps are quoted so that YAML 1.1 readers keep them strings.
  EXPECT_EQ(node["created_at"].Tag(), "!");
}

TEST(StructuredOutput, YamlQuotesStringsThatLookLikeOtherTypes) {
  const auto value = boost::json::parse(
      R"({"yes":"yes","number":"123","hex":"0x1f","float":"1e3","plain":"24h","lsn":"0/3000148",)"
      R"("text":"multi\nline\n","empty":"","real_bool":true,"real_number":7})");
  const YAML::Node node = YAML::Load(yaml_from_json(value));
  for (const char* key : {"yes", "number", "hex", "float"}) {
    EXPECT_EQ(node[key].Tag(), "!") << key;
    EXPECT_EQ(node[key].as<std::string>(), value.at(key).as_string().c_str()) << key;
  }
  EXPECT_EQ(node["plain"].Tag(), "?");
  EXPECT_EQ(node["lsn"].as<std::string>(), "0/3000148");
  EXPECT_EQ(node["text"].as<std::string>(), "multi\nline\n");
  EXPECT_EQ(node["empty"].as<std::string>(), "");
  EXPECT_TRUE(node["real_bool"].as<bool>());
  EXPECT_EQ(node["real_number"].as<int>(), 7);
}

TEST(StructuredOutput, ListEventsAndPlanUseTheApiShapes) {
  const auto list = boost::json::parse(
      render_checkpoint_list({testing::ready_checkpoint()}, OutputFormat::json, TimePoint{}));
  EXPECT_EQ(list.at("checkpoints").as_array().size(), 1U);
  EXPECT_EQ(list.at("checkpoints").at(0).at("id").as_string(), "ck-7f3a");

  const std::vector<Event> events{Event{"ck-7f3a", 3, at("2026-11-21T06:48:15Z"), "state", "ready"}};
  const YAML::Node yaml_events = YAML::Load(render_events(events, OutputFormat::yaml));
  EXPECT_EQ(yaml_events["events"][0]["seq"].as<int>(), 3);
  EXPECT_EQ(yaml_events["events"][0]["type"].as<std::string>(), "state");

  const YAML::Node plan = YAML::Load(render_restore_plan(sample_plan(), OutputFormat::yaml));
  EXPECT_EQ(plan["plan"]["steps"][2].as<std::string>(), "start on port 5433");
  EXPECT_EQ(plan["plan"]["manifest"].as<std::string>(), sample_plan().manifest);
  const auto plan_json = boost::json::parse(render_restore_plan(sample_plan(), OutputFormat::json));
  EXPECT_EQ(plan_json.at("plan").at("engine").as_string(), "local");
}

TEST(Progress, BackupToReady) {
  const auto backing_up = testing::backing_up_checkpoint();
  EXPECT_EQ(progress_lines(std::nullopt, backing_up), std::vector<std::string>{"backing up…"});
  EXPECT_TRUE(progress_lines(backing_up, backing_up).empty());
  EXPECT_EQ(progress_lines(backing_up, testing::ready_checkpoint()),
            std::vector<std::string>{"ready: recovery point 0/3000148 on timeline 1, archived"});
}

TEST(Progress, ReadyShowsThePredictedRestore) {
  auto ready = testing::ready_checkpoint();
  ready.predicted_restore = RestorePrediction{7.25, 825'000'000, 40'000'000, RestoreRates{200e6, 160e6, 2.875, 0}};
  EXPECT_EQ(progress_lines(testing::backing_up_checkpoint(), ready),
            std::vector<std::string>{"ready: recovery point 0/3000148 on timeline 1, archived; restore predicted "
                                     "about 7.2 s: 825 MB base at 200 MB/s + 40 MB WAL at 160 MB/s + 2.9 s start, "
                                     "promotion and checks (documented default rates)"});
}

TEST(Progress, RefusedShowsTheMessage) {
  EXPECT_EQ(progress_lines(testing::backing_up_checkpoint(), testing::refused_checkpoint()),
            std::vector<std::string>{"refused: WAL segment 000000010000000000000003 was not archived within 60s; "
                                     "fix archive_command"});
}

TEST(Progress, RestorePhasesAsTheyArrive) {
  EXPECT_EQ(progress_lines(std::nullopt, testing::restoring_checkpoint(1)),
            (std::vector<std::string>{"restore phase started (+0.000s)", "restoring…"}));
  EXPECT_EQ(progress_lines(testing::restoring_checkpoint(1), testing::restoring_checkpoint(3)),
            (std::vector<std::string>{"restore phase base_copied (+0.741s)",
                                      "restore phase recovery_started (+1.320s)"}));
  EXPECT_EQ(progress_lines(testing::restoring_checkpoint(3), testing::restored_checkpoint()),
            (std::vector<std::string>{"restore phase promoted (+4.260s)", "restore phase verified (+4.912s)",
                                      "restored: timeline 2 in 4.912s"}));
  EXPECT_EQ(progress_lines(testing::restoring_checkpoint(3), testing::restore_failed_checkpoint()),
            std::vector<std::string>{
                "restore failed: recovery stopped before the target: WAL 000000010000000000000003 missing"});
}

TEST(Progress, ANewRestoreAttemptStartsItsPhasesAgain) {
  auto retry = testing::restoring_checkpoint(1);
  retry.restore->attempt = 2;
  EXPECT_EQ(progress_lines(testing::restoring_checkpoint(3), retry),
            std::vector<std::string>{"restore phase started (+0.000s)"});
}

TEST(Progress, WatchLine) {
  EXPECT_EQ(watch_line(testing::backing_up_checkpoint(), at("2026-11-21T06:48:27.423456Z")),
            "backing_up, elapsed 12.300s");
  EXPECT_EQ(watch_line(testing::restoring_checkpoint(3), at("2026-11-21T07:00:03.400000Z")),
            "restoring, phase recovery_started, elapsed 3.400s");
  EXPECT_EQ(watch_line(testing::ready_checkpoint(), TimePoint{}), "ready");
}

}  // namespace
}  // namespace ckpt::cli

namespace ckpt::cli {
namespace {

TEST(GoNoGoOutput, TheVerdictThenEveryItemWithItsProofOrReason) {
  GateVerdict verdict;
  verdict.go = false;
  verdict.items = {{"expand_committed", true, "checkpoint e1 is committed"},
                   {"approval_recorded", false, "no approval by bob is recorded"}};
  const std::string table = render_go_no_go(verdict, OutputFormat::table);
  EXPECT_EQ(table.rfind("NO-GO\n", 0), 0U) << table;
  EXPECT_NE(table.find("yes   expand_committed    checkpoint e1 is committed"), std::string::npos) << table;
  EXPECT_NE(table.find("NO    approval_recorded   no approval by bob is recorded"), std::string::npos) << table;
  const auto decoded = gate_verdict_from_json(boost::json::parse(render_go_no_go(verdict, OutputFormat::json)));
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_FALSE(decoded->go);
  ASSERT_EQ(decoded->items.size(), 2U);
  EXPECT_EQ(decoded->items[1].detail, "no approval by bob is recorded");
  verdict.go = true;
  EXPECT_EQ(render_go_no_go(verdict, OutputFormat::table).rfind("GO\n", 0), 0U);
}

}  // namespace
}  // namespace ckpt::cli
