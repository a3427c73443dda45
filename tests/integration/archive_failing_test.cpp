// begin is refused with reason wal_archive_failing when archive_command fails: at
// once when PostgreSQL already reports the failure, and within the archive_wait
// deadline when the failure only shows while waiting for the checkpoint's segment.
#include <gtest/gtest.h>

#include "cluster_yaml.hpp"
#include "daemon_process.hpp"
#include "support/postgres_instance.hpp"

namespace ckpt::test {
namespace {

class ArchiveFailing : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    if (!PostgresInstance::can_run(why)) GTEST_SKIP() << why;
    postgres_ = std::make_unique<PostgresInstance>();
    daemon_ = std::make_unique<DaemonProcess>(postgres_->root() / "daemon", DaemonOptions(local_cluster_yaml(*postgres_)));
    daemon_->start();
  }
  std::unique_ptr<PostgresInstance> postgres_;
  std::unique_ptr<DaemonProcess> daemon_;
};

TEST_F(ArchiveFailing, KnownFailureRefusesAtOnce) {
  postgres_->break_archiving();
  postgres_->wait_for_archive_failure();
  auto refused = daemon_->call("POST", "/v1/checkpoints", begin_body("app", "m1"));
  ASSERT_EQ(refused.status, 422) << refused.body;
  auto error = boost::json::parse(refused.body).at("error").as_object();
  EXPECT_EQ(error.at("reason").as_string(), "wal_archive_failing");
  EXPECT_NE(std::string{error.at("message").as_string()}.find("archive_command"), std::string::npos) << refused.body;
}

TEST_F(ArchiveFailing, FailureWhileWaitingRefusesWithinTheDeadline) {
  postgres_->break_archiving();
  const auto started = std::chrono::steady_clock::now();
  auto created = daemon_->call_json("POST", "/v1/checkpoints", begin_body("app", "m1"), 202).as_object();
  auto refused = daemon_->wait_for_state(std::string{created.at("id").as_string()}, "refused,ready",
                                         std::chrono::seconds{60});
  const auto elapsed = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(refused.at("state").as_string(), "refused");
  EXPECT_EQ(refused.at("reason").as_string(), "wal_archive_failing");
  // archive_wait is 5 s in the test config; the backup itself takes a moment.
  EXPECT_LT(elapsed, std::chrono::seconds{40});
  auto metrics = daemon_->call("GET", "/metrics").body;
  EXPECT_NE(metrics.find(R"(checkpointd_checkpoint_refusals_total{cluster="app",reason="wal_archive_failing"} 1)"),
            std::string::npos)
      << metrics;
}

}  // namespace
}  // namespace ckpt::test
