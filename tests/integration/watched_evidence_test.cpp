// The evidence package of a watched checkpoint through the real daemon: an SLO breach that
// the flag off repaired shows the analysis that decided, the failure signal, the rung, the
// flag change with its health check and the recovery time.
#include <gtest/gtest.h>

#include "watched_daemon_fixture.hpp"

namespace ckpt::test {
namespace {

namespace json = boost::json;

using WatchedEvidence = WatchedDaemonTest;

TEST_F(WatchedEvidence, AFlagOffRecoveryShowsTheDecidingMeasurementsAndTheRecoveryTime) {
  start(true);
  demo_->set_error_ratio(0.5);
  const std::string id = begin_and_migrate("2026_12_07_breach", watch_yaml(error_rate_metric(), "30s"));
  const auto checkpoint = wait_for_stage(id, "recovered");

  const auto saved = checkpointctl({"evidence", id, "-o", "json"});
  ASSERT_EQ(saved.exit_code, 0) << saved.err;
  const json::object package = json::parse(saved.out).as_object();
  const auto& analysis = package.at("analysis").as_object();
  EXPECT_EQ(analysis.at("stage"), "recovered");
  const auto& runs = analysis.at("runs").as_array();
  ASSERT_EQ(runs.size(), 2U);
  EXPECT_EQ(runs[0].at("kind"), "watch");
  EXPECT_EQ(runs[0].at("phase"), "Failed");
  EXPECT_EQ(runs[0].at("metrics").at(0).at("name"), "error-rate");
  EXPECT_EQ(runs[0].at("metrics").at(0).at("phase"), "Failed");
  EXPECT_EQ(runs[1].at("kind"), "recheck");
  EXPECT_EQ(runs[1].at("phase"), "Successful");

  const auto& rollback = package.at("rollback").as_object();
  EXPECT_EQ(rollback.at("failure_signal").at("metric"), "error-rate");
  EXPECT_EQ(rollback.at("failure_signal").at("measurement").at("phase"), "Failed");
  EXPECT_EQ(rollback.at("first_failure_at"), watch_of(checkpoint).at("first_failure_at"));
  EXPECT_EQ(rollback.at("recovery_seconds"), watch_of(checkpoint).at("recovery_seconds"));
  EXPECT_EQ(rollback.at("rungs").at(0).at("rung"), "flag_off");
  EXPECT_FALSE(rollback.contains("restore"));
  const auto& change = package.at("flag_changes").at(0).as_object();
  EXPECT_EQ(change.at("on"), false);
  EXPECT_EQ(change.at("checks").as_array().size(), 1U);

  const auto markdown = checkpointctl({"evidence", id});
  ASSERT_EQ(markdown.exit_code, 0) << markdown.err;
  for (const char* part : {"## Analysis", "### Watch: Failed", "### Recheck after the flag off: Successful",
                           "| failure signal | error-rate: Failed", "| flag_off decided |",
                           "| flag off in develop | by checkpointd (rollback ladder) |", "**Recovery time:** "}) {
    EXPECT_NE(markdown.out.find(part), std::string::npos) << part << "\n" << markdown.out;
  }
}

}  // namespace
}  // namespace ckpt::test
