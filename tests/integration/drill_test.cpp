// The whole drill through the real daemon: begin -> ready with an archived recovery
// point, a change after the checkpoint, fail -> automatic restore -> verified. The
// restored copy holds the data as of the checkpoint and not one transaction more,
// and the original database is left as it was.
#include <gtest/gtest.h>

#include <regex>

#include "cluster_yaml.hpp"
#include "daemon_process.hpp"
#include "support/postgres_instance.hpp"
#include "users_daemon_fixture.hpp"

namespace ckpt::test {
namespace {

class Drill : public UsersDaemonTest {
 protected:
  std::string begin_ready(const std::string& migration) {
    auto created = daemon_->call_json("POST", "/v1/checkpoints", begin_body("app", migration), 202).as_object();
    EXPECT_EQ(created.at("state").as_string(), "backing_up");
    const std::string id{created.at("id").as_string()};
    auto ready = daemon_->wait_for_state(id, "ready,refused");
    EXPECT_EQ(ready.at("state").as_string(), "ready") << boost::json::serialize(ready);
    return id;
  }

  std::string restored_value(const boost::json::object& checkpoint, const std::string& sql) {
    const auto& restore = checkpoint.at("restore").as_object();
    return postgres_->query_value_at(postgres_->restore_directory(),
                                     static_cast<std::uint16_t>(restore.at("port").as_int64()), sql);
  }

};

TEST_F(Drill, FailRestoresToTheCheckpointAndNotATransactionFurther) {
  const auto id = begin_ready("2026_11_21_add_phone");
  auto ready = daemon_->call_json("GET", "/v1/checkpoints/" + id).as_object();
  const auto& point = ready.at("recovery_point").as_object();
  EXPECT_TRUE(std::regex_match(std::string{point.at("server_time").as_string()},
                               std::regex{R"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}\+00)"}));
  EXPECT_EQ(point.at("restore_point").as_string(), "checkpointd-" + id);
  EXPECT_TRUE(std::filesystem::exists(postgres_->archive_directory() / std::string{point.at("wal_file").as_string()}))
      << "the segment holding the target is archived before the checkpoint is ready";
  EXPECT_FALSE(ready.at("schema_fingerprint").as_string().empty());

  // After the checkpoint: one more transaction, then the "migration".
  postgres_->exec("INSERT INTO users VALUES (1000, 'late@example.com')");
  postgres_->exec("ALTER TABLE users ADD COLUMN phone text; DELETE FROM users WHERE id <= 50;");

  auto plan = daemon_->call_json("POST", "/v1/checkpoints/" + id + "/restore", R"({"dry_run":true})").as_object();
  EXPECT_NE(std::string{plan.at("plan").at("target").as_string()}.find("app-pitr-" + id), std::string::npos);
  EXPECT_EQ(daemon_->call_json("GET", "/v1/checkpoints/" + id).at("state").as_string(), "ready")
      << "a dry run changes nothing";

  auto failed = daemon_->call_json("POST", "/v1/checkpoints/" + id + "/fail", R"({"reason":"deleted half the users"})")
                    .as_object();
  EXPECT_EQ(failed.at("state").as_string(), "restoring");
  auto restored = daemon_->wait_for_state(id, "restored,restore_failed");
  ASSERT_EQ(restored.at("state").as_string(), "restored") << boost::json::serialize(restored);

  const auto& restore = restored.at("restore").as_object();
  EXPECT_EQ(restore.at("trigger").as_string(), "auto");
  EXPECT_GT(restore.at("duration_seconds").as_double(), 0.0);
  EXPECT_GE(restore.at("restored_timeline").as_int64(), 2);
  std::vector<std::string> phases;
  for (const auto& mark : restore.at("phases").as_array()) phases.emplace_back(mark.at("phase").as_string());
  EXPECT_EQ(phases, (std::vector<std::string>{"started", "base_copied", "recovery_started", "promoted", "verified"}));

  EXPECT_EQ(restored_value(restored, "SELECT count(*) FROM users"), "100");
  EXPECT_EQ(restored_value(restored, "SELECT count(*) FROM users WHERE id = 1000"), "0")
      << "the transaction after the checkpoint must not be restored";
  EXPECT_EQ(restored_value(restored, "SELECT count(*) FROM information_schema.columns WHERE column_name = 'phone'"), "0");
  EXPECT_EQ(postgres_->query_value("SELECT count(*) FROM users"), "51") << "the original is never touched";

  auto again = daemon_->call("POST", "/v1/checkpoints/" + id + "/restore", "{}");
  EXPECT_EQ(again.status, 409);

  auto events = daemon_->call_json("GET", "/v1/checkpoints/" + id + "/events").at("events").as_array();
  int verified = 0;
  for (const auto& event : events) {
    if (std::string{event.at("message").as_string()}.find("restore verified") != std::string::npos) ++verified;
  }
  EXPECT_EQ(verified, 1);
  auto metrics = daemon_->call("GET", "/metrics").body;
  EXPECT_NE(metrics.find(R"(checkpointd_restore_duration_seconds_count{cluster="app",trigger="auto"} 1)"),
            std::string::npos)
      << metrics;
}

TEST_F(Drill, CommitThenASecondCheckpointOnTheSameCluster) {
  const auto first = begin_ready("m1");
  auto busy = daemon_->call("POST", "/v1/checkpoints", begin_body("app", "m2"));
  EXPECT_EQ(busy.status, 422);
  EXPECT_NE(busy.body.find("cluster_busy"), std::string::npos);
  EXPECT_EQ(daemon_->call_json("POST", "/v1/checkpoints/" + first + "/commit", "{}").at("state").as_string(), "committed");
  const auto second = begin_ready("m2");
  EXPECT_NE(first, second);
  auto listed = daemon_->call_json("GET", "/v1/checkpoints?cluster=app&state=committed").at("checkpoints").as_array();
  ASSERT_EQ(listed.size(), 1U);
  EXPECT_EQ(listed[0].at("id").as_string(), first);
}

TEST_F(Drill, IdempotencyKeyReturnsTheSameCheckpoint) {
  const std::string body =
      R"({"cluster":"app","migration_id":"m1","rollback_window":{"duration":"1h","owner":"a","approver":"b"},"idempotency_key":"job-42"})";
  auto first = daemon_->call_json("POST", "/v1/checkpoints", body, 202).as_object();
  auto second = daemon_->call_json("POST", "/v1/checkpoints", body, 200).as_object();
  EXPECT_EQ(first.at("id"), second.at("id"));
  daemon_->wait_for_state(std::string{first.at("id").as_string()}, "ready");
}

TEST_F(Drill, AbortBeforeTheMigrationAndNoRestoreOfAnAbortedCheckpoint) {
  const auto id = begin_ready("m1");
  EXPECT_EQ(daemon_->call_json("POST", "/v1/checkpoints/" + id + "/abort", R"({"reason":"postponed"})").at("state").as_string(),
            "aborted");
  EXPECT_EQ(daemon_->call("POST", "/v1/checkpoints/" + id + "/restore", "{}").status, 409);
}

}  // namespace
}  // namespace ckpt::test
