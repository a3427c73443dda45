// The SLO watch and the rollback ladder through the real daemon, with a real Prometheus
// scraping the demo service whose error rate the tests flip, and a flagd flag file:
// green path -> committed; a breach -> flag off -> recovered, the schema kept, no
// restore; a breach that persists with broken data -> restore, verified; Prometheus
// unreachable -> Error -> paused -> promote; no data -> Inconclusive -> paused;
// kill -9 during the watch resumes it without repeating the flag change.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <thread>

#include "watched_daemon_fixture.hpp"

namespace ckpt::test {
namespace {

namespace json = boost::json;

int count_ladder_flag_changes(const json::object& checkpoint) {
  int count = 0;
  if (const auto* changes = checkpoint.if_contains("flag_changes")) {
    for (const auto& change : changes->as_array()) {
      if (change.at("by") == "checkpointd (rollback ladder)") ++count;
    }
  }
  return count;
}

std::string rung_names(const json::object& watch) {
  std::string names;
  if (const auto* rungs = watch.if_contains("rungs")) {
    for (const auto& rung : rungs->as_array())
      names += (names.empty() ? "" : ",") + std::string(rung.at("rung").as_string());
  }
  return names;
}

class SloWatch : public WatchedDaemonTest {};

TEST_F(SloWatch, AGreenWindowCommitsTheCheckpoint) {
  start(true);
  const std::string id = begin_and_migrate("2026_12_06_green", watch_yaml(error_rate_metric()));
  const auto checkpoint = daemon_->wait_for_state(id, "committed");
  const auto watch = watch_of(checkpoint);
  EXPECT_EQ(watch.at("stage"), "passed");
  EXPECT_EQ(watch.at("run").at("phase"), "Successful");
  EXPECT_TRUE(watch.at("run").as_object().contains("ends_at"));
  const auto& measurements = watch.at("run").at("metrics").as_array()[0].at("measurements").as_array();
  EXPECT_GE(measurements.size(), 3U) << "measured while migrating and during the 5 s window";
  EXPECT_EQ(measurements.back().at("phase"), "Successful");
  EXPECT_EQ(rung_names(watch), "");
  EXPECT_FALSE(checkpoint.contains("flag_changes"));
  EXPECT_EQ(flag_variant(), "on");
  EXPECT_NE(metrics_text().find(
                "checkpointd_slo_measurements_total{cluster=\"app\",phase=\"Successful\",provider=\"prometheus\"}"),
            std::string::npos);
}

TEST_F(SloWatch, ABreachTurnsTheFlagOffFirstAndTheServiceRecoversWithoutARestore) {
  start(true);
  demo_->set_error_ratio(0.5);
  const std::string id = begin_and_migrate("2026_12_06_breach", watch_yaml(error_rate_metric(), "30s"));
  const auto checkpoint = wait_for_stage(id, "recovered");
  const auto watch = watch_of(checkpoint);
  EXPECT_EQ(checkpoint.at("state"), "watching") << "no restore: the additive schema stays";
  EXPECT_EQ(rung_names(watch), "flag_off");
  EXPECT_TRUE(watch.at("rungs").as_array()[0].as_object().contains("done_at"));
  EXPECT_EQ(watch.at("run").at("phase"), "Failed");
  EXPECT_EQ(watch.at("recheck").at("phase"), "Successful");
  EXPECT_GT(watch.at("recovery_seconds").as_double(), 0.0);
  EXPECT_EQ(flag_variant(), "off");
  ASSERT_EQ(count_ladder_flag_changes(checkpoint), 1);
  const auto& change = checkpoint.at("flag_changes").as_array()[0].as_object();
  EXPECT_EQ(change.at("scope"), "develop");
  EXPECT_EQ(change.at("on"), false);
  EXPECT_FALSE(change.contains("error"));
  EXPECT_EQ(change.at("checks").as_array().size(), 1U) << "the health check right after the change";
  EXPECT_EQ(postgres_->query_value("SELECT count(*) FROM information_schema.columns WHERE column_name = 'phone'"), "1");
  const std::string metrics = metrics_text();
  EXPECT_NE(metrics.find("checkpointd_rollback_total{cluster=\"app\",rung=\"flag_off\"} 1"), std::string::npos);
  EXPECT_NE(metrics.find("checkpointd_recovery_seconds_count{cluster=\"app\",rung=\"flag_off\"} 1"), std::string::npos);
  EXPECT_NE(metrics.find("checkpointd_slo_breaches_total{cluster=\"app\",phase=\"Failed\"} 1"), std::string::npos);
  const auto status = checkpointctl({"status", id});
  EXPECT_EQ(status.exit_code, 0) << status.err;
  EXPECT_NE(status.out.find("recovered: the SLOs recovered with the flag off"), std::string::npos) << status.out;
  EXPECT_NE(status.out.find("FEATURE_LOGIN_V2 off in develop by checkpointd (rollback ladder)"), std::string::npos)
      << status.out;
}

TEST_F(SloWatch, ABreachThatOutlastsTheFlagWithBrokenDataRestoresTheCheckpoint) {
  start(false);  // the errors do not depend on the flag: turning it off does not help
  demo_->set_error_ratio(0.5);
  const std::string data_check =
      "  data_checks:\n    - name: broken-emails\n      successCondition: result == 0\n"
      "      provider:\n        sql: {query: \"select count(*) from users where email = 'broken'\"}\n";
  const std::string id = begin_and_migrate("2026_12_06_broken", watch_yaml(error_rate_metric(), "60s", data_check, 4));
  // The new code path writes broken rows while the SLOs fail.
  postgres_->exec("UPDATE users SET email = 'broken' WHERE id <= 3");
  const auto checkpoint = daemon_->wait_for_state(id, "restored", std::chrono::seconds{150});
  const auto watch = watch_of(checkpoint);
  EXPECT_EQ(rung_names(watch), "flag_off,check_data,restore");
  EXPECT_EQ(watch.at("recheck").at("phase"), "Failed");
  ASSERT_EQ(watch.at("data_checks").as_array().size(), 1U);
  const auto& check = watch.at("data_checks").as_array()[0].at("measurement").as_object();
  EXPECT_EQ(check.at("phase"), "Failed");
  EXPECT_EQ(check.at("value"), "3");
  EXPECT_EQ(checkpoint.at("restore").at("trigger"), "auto");
  EXPECT_GT(checkpoint.at("restore").at("duration_seconds").as_double(), 0.0);
  EXPECT_GT(watch.at("recovery_seconds").as_double(), checkpoint.at("restore").at("duration_seconds").as_double())
      << "recovery runs from the first failing measurement to the restore verified";
  // The restored copy has the rows as they were at the checkpoint.
  const auto& restore = checkpoint.at("restore").as_object();
  const auto port = static_cast<std::uint16_t>(restore.at("port").as_int64());
  EXPECT_EQ(postgres_->query_value_at(postgres_->restore_directory(), port,
                                      "SELECT count(*) FROM users WHERE email = 'broken'"),
            "0");
  const std::string metrics = metrics_text();
  EXPECT_NE(metrics.find("checkpointd_rollback_total{cluster=\"app\",rung=\"restore\"} 1"), std::string::npos);
  EXPECT_NE(metrics.find("checkpointd_recovery_seconds_count{cluster=\"app\",rung=\"restore\"} 1"), std::string::npos);
}

TEST_F(SloWatch, AnUnreachablePrometheusIsAnErrorThatPausesUntilAPersonPromotes) {
  start(true);
  const std::string metric =
      "    - name: error-rate\n      interval: 1s\n      consecutiveErrorLimit: 0\n"
      "      successCondition: result[0] < 0.1\n      provider:\n        prometheus:\n          server: down\n"
      "          query: up\n";
  const std::string id = begin_and_migrate("2026_12_06_no_prometheus", watch_yaml(metric));
  const auto paused = wait_for_stage(id, "paused");
  const auto watch = watch_of(paused);
  EXPECT_EQ(watch.at("run").at("phase"), "Error");
  EXPECT_EQ(rung_names(watch), "pause");
  EXPECT_NE(std::string(watch.at("stage_reason").as_string()).find("could not be measured (Error)"), std::string::npos);
  const auto& measurement = watch.at("run").at("metrics").as_array()[0].at("measurements").as_array()[0];
  EXPECT_NE(std::string(measurement.at("message").as_string()).find("127.0.0.1"), std::string::npos)
      << json::serialize(measurement);
  EXPECT_EQ(flag_variant(), "on") << "an Error pauses: the flag stays as it was";
  // A blank name is refused; a person promotes the paused watch, the plan commits.
  EXPECT_EQ(checkpointctl({"promote", id, "--by", " "}).exit_code, 2);
  const auto promoted = checkpointctl({"promote", id, "--by", "carol"});
  EXPECT_EQ(promoted.exit_code, 0) << promoted.err;
  const auto committed = daemon_->wait_for_state(id, "committed");
  EXPECT_EQ(watch_of(committed).at("stage"), "promoted");
  EXPECT_NE(std::string(watch_of(committed).at("stage_reason").as_string()).find("promoted by carol"),
            std::string::npos);
  const auto again = checkpointctl({"promote", id, "--by", "carol"});
  EXPECT_EQ(again.exit_code, 7) << "only a paused watch can be promoted";
  EXPECT_NE(again.err.find("not paused"), std::string::npos) << again.err;
}

TEST_F(SloWatch, NoDataIsInconclusiveAndPausesForAPerson) {
  start(true);
  const std::string metric =
      "    - name: logins\n      interval: 1s\n"
      "      successCondition: len(result) > 0 && result[0] < 0.1\n"
      "      failureCondition: len(result) > 0 && result[0] >= 0.1\n"
      "      provider:\n        prometheus: {server: main, query: demo_login_v2_errors_total}\n";
  const std::string id = begin_and_migrate("2026_12_06_no_data", watch_yaml(metric, "30s"));
  const auto paused = wait_for_stage(id, "paused");
  const auto watch = watch_of(paused);
  EXPECT_EQ(watch.at("run").at("phase"), "Inconclusive");
  EXPECT_NE(std::string(watch.at("stage_reason").as_string()).find("Inconclusive"), std::string::npos);
  const auto& measurement = watch.at("run").at("metrics").as_array()[0].at("measurements").as_array()[0];
  EXPECT_EQ(measurement.at("value"), "[]");
  // Paused means paused: nothing more is measured and nothing commits by itself.
  std::this_thread::sleep_for(std::chrono::seconds{3});
  const auto later = daemon_->call_json("GET", "/v1/checkpoints/" + id).as_object();
  EXPECT_EQ(watch_of(later).at("run").at("metrics").as_array()[0].at("measurements").as_array().size(),
            watch.at("run").at("metrics").as_array()[0].at("measurements").as_array().size());
  EXPECT_EQ(later.at("state"), "watching");
  daemon_->call_json("POST", "/v1/checkpoints/" + id + "/promote", R"({"by":"dave"})");
  daemon_->wait_for_state(id, "committed");
}

TEST_F(SloWatch, KillNineDuringTheWatchResumesItWithoutRepeatingTheFlagChange) {
  start(true);
  demo_->set_error_ratio(0.5);
  const std::string id = begin_and_migrate("2026_12_06_kill", watch_yaml(error_rate_metric(), "30s"));
  wait_for_stage(id, "rechecking");
  daemon_->kill_hard();
  daemon_->start();
  const auto checkpoint = wait_for_stage(id, "recovered");
  EXPECT_EQ(count_ladder_flag_changes(checkpoint), 1);
  EXPECT_EQ(rung_names(watch_of(checkpoint)), "flag_off");
  EXPECT_EQ(checkpoint.at("state"), "watching");
  EXPECT_NE(daemon_->log_text().find("resuming the SLO watch (rechecking)"), std::string::npos);
}

TEST_F(SloWatch, KillNineDuringTheWindowResumesTheWatchAndCommits) {
  start(true);
  const std::string id = begin_and_migrate("2026_12_06_kill_window", watch_yaml(error_rate_metric(), "8s"));
  daemon_->wait_for_state(id, "watching");
  daemon_->kill_hard();
  daemon_->start();
  const auto checkpoint = daemon_->wait_for_state(id, "committed");
  EXPECT_EQ(watch_of(checkpoint).at("stage"), "passed");
}

TEST_F(SloWatch, APersonTurnsTheFlagOnForAScopeWithHealthChecksAfterIt) {
  start(true);
  const std::string id = begin_and_migrate("2026_12_06_flag_on", watch_yaml(error_rate_metric()));
  daemon_->wait_for_state(id, "committed");
  std::ofstream(flag_file_)
      << R"({"flags":{"FEATURE_LOGIN_V2":{"state":"ENABLED","variants":{"on":true,"off":false},"defaultVariant":"off"}}})";
  const auto unknown = checkpointctl({"flag", id, "on", "--scope", "production", "--by", "alice"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("scope 'production' is not one of the plan's flag scopes (develop)"), std::string::npos)
      << unknown.err;
  EXPECT_EQ(checkpointctl({"flag", id, "sideways"}).exit_code, 2);
  const auto on = checkpointctl({"flag", id, "on", "--scope", "develop", "--by", "alice", "--note", "rollout step 4"});
  ASSERT_EQ(on.exit_code, 0) << on.err;
  EXPECT_EQ(flag_variant(), "on");
  const auto checkpoint = daemon_->call_json("GET", "/v1/checkpoints/" + id).as_object();
  const auto& change = checkpoint.at("flag_changes").as_array().back().as_object();
  EXPECT_EQ(change.at("by"), "alice");
  EXPECT_EQ(change.at("on"), true);
  EXPECT_EQ(change.at("note"), "rollout step 4");
  ASSERT_EQ(change.at("checks").as_array().size(), 1U);
  EXPECT_EQ(change.at("checks").as_array()[0].at("name"), "error-rate");
  const auto events = daemon_->call_json("GET", "/v1/checkpoints/" + id + "/events").at("events").as_array();
  bool announced = false;
  bool changed = false;
  for (const auto& event : events) {
    announced = announced || event.at("type") == "flag.changing";
    changed = changed || event.at("type") == "flag.changed";
  }
  EXPECT_TRUE(announced && changed);
  EXPECT_NE(metrics_text().find(
                "checkpointd_flag_changes_total{cluster=\"app\",result=\"done\",scope=\"develop\",state=\"on\"} 1"),
            std::string::npos);
}

}  // namespace
}  // namespace ckpt::test
