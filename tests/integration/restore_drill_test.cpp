// Restore drills through the real daemon and checkpointctl on the local engine: a drill
// checkpoints, restores into a scratch instance, verifies and measures it, then removes
// the scratch instance (or keeps it when asked); a scheduled drill runs with nobody
// asking; a refused drill is a failed one; a daemon killed during a drill finishes it
// after a restart; and a drill's restore is the restore evidence a go/no-go asks for.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "users_daemon_fixture.hpp"

namespace ckpt::test {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

constexpr auto kDrillDeadline = std::chrono::seconds{120};

class RestoreDrill : public UsersDaemonTest {
 protected:
  json::object get(const std::string& id) const {
    return daemon_->call_json("GET", "/v1/checkpoints/" + id).as_object();
  }

  // The drill's checkpoint once the daemon recorded how it ended.
  json::object wait_for_conclusion(const std::string& id) const {
    const auto until = std::chrono::steady_clock::now() + kDrillDeadline;
    while (std::chrono::steady_clock::now() < until) {
      auto checkpoint = get(id);
      if (checkpoint.contains("drill_result")) return checkpoint;
      std::this_thread::sleep_for(std::chrono::milliseconds{200});
    }
    ADD_FAILURE() << "drill " << id << " did not conclude: " << json::serialize(get(id)) << daemon_->log_text();
    return get(id);
  }

  static fs::path target_of(const json::object& checkpoint) {
    return std::string{checkpoint.at("restore").at("target").as_string()};
  }

  // Stops a scratch instance a test kept, so nothing outlives the test.
  void stop_instance(const fs::path& data_directory) const {
    run_program(
        {(postgres_->bin_directory() / "pg_ctl").string(), "stop", "-D", data_directory.string(), "-m", "fast", "-w"});
  }
};

TEST_F(RestoreDrill, ADrillVerifiesTheRestoreMeasuresItAndRemovesTheScratchInstance) {
  const auto run = checkpointctl({"drill", "--cluster", "app", "--by", "carol"});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err << daemon_->log_text();
  const std::string id = first_line(run.out);
  EXPECT_NE(run.out.find("drill " + id + " verified: restore took "), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("was removed"), std::string::npos) << run.out;

  const auto drill = get(id);
  EXPECT_EQ(drill.at("state").as_string(), "restored");
  EXPECT_EQ(drill.at("purpose").as_string(), "restore drill");
  EXPECT_EQ(drill.at("drill").at("trigger").as_string(), "manual");
  EXPECT_EQ(drill.at("drill").at("by").as_string(), "carol");
  EXPECT_EQ(drill.at("rollback_window").at("duration").as_string(), "0s") << "a drill asks for no rollback window";
  const auto& restore = drill.at("restore").as_object();
  EXPECT_EQ(restore.at("trigger").as_string(), "drill");
  EXPECT_GT(restore.at("duration_seconds").as_double(), 0.0);
  const fs::path target = target_of(drill);
  EXPECT_EQ(target, postgres_->restore_directory() / ("app-drill-" + id));
  const auto& result = drill.at("drill_result").as_object();
  EXPECT_TRUE(result.at("verified").as_bool());
  EXPECT_TRUE(result.at("scratch_removed").as_bool());
  EXPECT_FALSE(fs::exists(target)) << "the scratch instance is removed";
  EXPECT_FALSE(fs::exists(target.string() + ".log"));
  EXPECT_EQ(postgres_->query_value("SELECT count(*) FROM users"), "100") << "the original is never touched";

  // The drill's restore is the cluster's current restore evidence.
  const auto verdict = daemon_->call_json("GET", "/v1/go-no-go?cluster=app&migration_id=nothing-yet").as_object();
  bool evidence_passed = false;
  for (const auto& item : verdict.at("items").as_array()) {
    if (item.at("name") == "restore_evidence") evidence_passed = item.at("passed").as_bool();
  }
  EXPECT_TRUE(evidence_passed) << json::serialize(verdict);
}

TEST_F(RestoreDrill, KeepLeavesTheVerifiedScratchInstanceRunning) {
  const auto run = checkpointctl({"drill", "--cluster", "app", "--by", "carol", "--keep"});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err << daemon_->log_text();
  const auto drill = get(first_line(run.out));
  const fs::path target = target_of(drill);
  EXPECT_FALSE(drill.at("drill_result").at("scratch_removed").as_bool());
  ASSERT_TRUE(fs::exists(target));
  EXPECT_EQ(postgres_->query_value_at(target.parent_path(),
                                      static_cast<std::uint16_t>(drill.at("restore").at("port").as_int64()),
                                      "SELECT count(*) FROM users"),
            "100");
  stop_instance(target);
}

TEST_F(RestoreDrill, ARefusedDrillIsAFailedDrill) {
  auto held = daemon_->call_json("POST", "/v1/checkpoints", begin_body("app", "2026_12_06_hold"), 202).as_object();
  const std::string holder{held.at("id").as_string()};
  daemon_->wait_for_state(holder, "ready");

  const auto run = checkpointctl({"drill", "--cluster", "app", "--by", "carol"});
  EXPECT_EQ(run.exit_code, 3) << run.out << run.err;
  EXPECT_NE(run.err.find("busy"), std::string::npos) << run.err;
  const std::string id = first_line(run.out);
  const auto drill = wait_for_conclusion(id);
  EXPECT_EQ(drill.at("state").as_string(), "refused");
  EXPECT_EQ(drill.at("reason").as_string(), "cluster_busy");
  EXPECT_FALSE(drill.at("drill_result").at("verified").as_bool());
}

TEST_F(RestoreDrill, BadDrillRequestsAreRefusedWithTheFieldNamed) {
  const auto no_by = daemon_->call("POST", "/v1/drills", R"({"cluster":"app"})");
  EXPECT_EQ(no_by.status, 400);
  EXPECT_NE(no_by.body.find("'by'"), std::string::npos) << no_by.body;
  const auto unknown = daemon_->call("POST", "/v1/drills", R"({"cluster":"app","by":"carol","wait":true})");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_NE(unknown.body.find("wait"), std::string::npos) << unknown.body;
  const auto no_cluster = daemon_->call("POST", "/v1/drills", R"({"cluster":"elsewhere","by":"carol"})");
  EXPECT_EQ(no_cluster.status, 400);
  EXPECT_NE(no_cluster.body.find("elsewhere"), std::string::npos) << no_cluster.body;
  EXPECT_TRUE(daemon_->call_json("GET", "/v1/checkpoints").at("checkpoints").as_array().empty());
}

TEST_F(RestoreDrill, AScheduledDrillRunsWithNobodyAsking) {
  // Fires once a minute, some seconds from now (after the restart): once within this test.
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  const auto second = (std::chrono::duration_cast<std::chrono::seconds>(now).count() + 12) % 60;
  restart_with("    drill: {schedule: \"" + std::to_string(second) + " * * * * *\"}\n");

  std::string id;
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds{40};
  while (id.empty() && std::chrono::steady_clock::now() < until) {
    const auto listed = daemon_->call_json("GET", "/v1/checkpoints");
    for (const auto& checkpoint : listed.at("checkpoints").as_array()) {
      if (checkpoint.as_object().contains("drill")) id = std::string{checkpoint.at("id").as_string()};
    }
    std::this_thread::sleep_for(std::chrono::milliseconds{250});
  }
  ASSERT_FALSE(id.empty()) << "no scheduled drill began\n" << daemon_->log_text();
  const auto drill = wait_for_conclusion(id);
  EXPECT_EQ(drill.at("drill").at("trigger").as_string(), "schedule");
  EXPECT_EQ(drill.at("drill").at("by").as_string(), "schedule");
  EXPECT_TRUE(drill.at("drill_result").at("verified").as_bool()) << json::serialize(drill);
  EXPECT_FALSE(fs::exists(target_of(drill)));

  const auto metrics = daemon_->call("GET", "/metrics").body;
  EXPECT_NE(metrics.find("checkpointd_drill_interval_seconds{cluster=\"app\"} 60"), std::string::npos) << metrics;
  EXPECT_NE(metrics.find("checkpointd_drills_total{cluster=\"app\",result=\"verified\"} 1"), std::string::npos)
      << metrics;
}

TEST_F(RestoreDrill, ADaemonKilledDuringADrillFinishesItAfterARestart) {
  const auto begun = checkpointctl({"drill", "--cluster", "app", "--by", "carol", "--no-wait"});
  ASSERT_EQ(begun.exit_code, 0) << begun.out << begun.err;
  const std::string id = first_line(begun.out);
  daemon_->wait_for_state(id, "restoring,restored,restore_failed");
  daemon_->kill_hard();
  daemon_->start();

  const auto drill = wait_for_conclusion(id);
  EXPECT_EQ(drill.at("state").as_string(), "restored") << json::serialize(drill) << daemon_->log_text();
  EXPECT_TRUE(drill.at("drill_result").at("verified").as_bool());
  EXPECT_TRUE(drill.at("drill_result").at("scratch_removed").as_bool());
  EXPECT_EQ(drill.at("restore").at("attempt").as_int64(), 1) << "one restore, resumed, not a second";
  EXPECT_FALSE(fs::exists(target_of(drill)));
  int conclusions = 0;
  const auto events = daemon_->call_json("GET", "/v1/checkpoints/" + id + "/events");
  for (const auto& event : events.at("events").as_array()) {
    if (event.at("type") == "drill") ++conclusions;
  }
  EXPECT_EQ(conclusions, 1);
}

}  // namespace
}  // namespace ckpt::test
