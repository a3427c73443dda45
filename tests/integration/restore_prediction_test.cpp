// Predicted restore times through the real daemon on the local engine: a ready
// checkpoint records and exports its prediction (the documented default rates before any
// restore, the cluster's own measured rates after a drill), and a begin whose restore no
// base backup could finish within the cluster's rto_budget is refused with
// rto_budget_exceeded, while a drill, which measures the rates, never is.
#include <gtest/gtest.h>

#include "users_daemon_fixture.hpp"

namespace ckpt::test {
namespace {

namespace json = boost::json;

class RestorePredictionTest : public UsersDaemonTest {
 protected:
  // Begins a checkpoint of `app` and waits until it is ready or refused.
  json::object begin_and_wait(const std::string& migration) {
    const auto begun = daemon_->call_json("POST", "/v1/checkpoints", begin_body("app", migration), 202).as_object();
    return daemon_->wait_for_state(std::string{begun.at("id").as_string()}, "ready,refused");
  }
};

TEST_F(RestorePredictionTest, AReadyCheckpointRecordsAndExportsItsPrediction) {
  const auto checkpoint = begin_and_wait("m-predicted");
  ASSERT_EQ(checkpoint.at("state").as_string(), "ready") << json::serialize(checkpoint);
  const auto& backup = checkpoint.at("backup").as_object();
  const auto& prediction = checkpoint.at("predicted_restore").as_object();
  EXPECT_EQ(prediction.at("base_bytes").as_int64(), backup.at("size_bytes").as_int64());
  EXPECT_GT(prediction.at("wal_bytes").as_int64(), 0);
  EXPECT_EQ(prediction.at("rate_samples").as_int64(), 0) << "no restore yet: the documented default rates";
  EXPECT_DOUBLE_EQ(prediction.at("replay_bytes_per_second").as_double(), 120e6);
  EXPECT_GE(prediction.at("seconds").as_double(), 3.0);

  const auto metrics = daemon_->call("GET", "/metrics").body;
  EXPECT_NE(metrics.find("checkpointd_predicted_restore_seconds{cluster=\"app\"} "), std::string::npos) << metrics;
  const auto shown = checkpointctl({"status", std::string{checkpoint.at("id").as_string()}});
  EXPECT_NE(shown.out.find("Predicted restore:"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("(documented default rates)"), std::string::npos) << shown.out;
}

TEST_F(RestorePredictionTest, AfterADrillThePredictionUsesTheClustersOwnRates) {
  const auto drill = checkpointctl({"drill", "--cluster", "app", "--by", "carol"});
  ASSERT_EQ(drill.exit_code, 0) << drill.out << drill.err << daemon_->log_text();
  const auto checkpoint = begin_and_wait("m-measured");
  ASSERT_EQ(checkpoint.at("state").as_string(), "ready") << json::serialize(checkpoint);
  const auto& prediction = checkpoint.at("predicted_restore").as_object();
  EXPECT_EQ(prediction.at("rate_samples").as_int64(), 1) << json::serialize(prediction);
  EXPECT_NE(prediction.at("replay_bytes_per_second").as_double(), 120e6) << "measured, not the default";
}

TEST_F(RestorePredictionTest, ABeginNoBackupCouldRestoreWithinTheBudgetIsRefused) {
  restart_with("    rto_budget: 1s\n");  // less than the start, promotion and checks alone
  const auto checkpoint = begin_and_wait("m-too-slow");
  ASSERT_EQ(checkpoint.at("state").as_string(), "refused") << json::serialize(checkpoint);
  EXPECT_EQ(checkpoint.at("reason").as_string(), "rto_budget_exceeded");
  const std::string message{checkpoint.at("message").as_string()};
  EXPECT_NE(message.find("predicted to take about "), std::string::npos) << message;
  EXPECT_NE(message.find("over the rto_budget of 1s, even from a fresh base backup"), std::string::npos) << message;
  EXPECT_FALSE(checkpoint.contains("predicted_restore"));

  const auto metrics = daemon_->call("GET", "/metrics").body;
  EXPECT_NE(metrics.find("checkpointd_checkpoint_refusals_total{cluster=\"app\",reason=\"rto_budget_exceeded\"} 1"),
            std::string::npos)
      << metrics;

  // A drill measures what the budget is checked against: it is never refused for it.
  const auto drill = checkpointctl({"drill", "--cluster", "app", "--by", "carol"});
  EXPECT_EQ(drill.exit_code, 0) << drill.out << drill.err << daemon_->log_text();
}

}  // namespace
}  // namespace ckpt::test
