// The metrics as the daemon builds them from its configuration: every counter with known
// label values at 0 for every configured cluster, buckets that reach the longest restore
// deadline, the build info, a body that is never empty; the cluster probe's gauges and the
// drill metrics.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "config/config.hpp"
#include "obs/metrics.hpp"

namespace ckpt::obs {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

config::Cluster cluster_named(std::string name) {
  config::Cluster cluster;
  cluster.name = std::move(name);
  return cluster;
}

config::Config two_clusters() {
  config::Config config;
  config.clusters = {cluster_named("app"), cluster_named("billing")};
  config.flag_backends.push_back(config::FlagBackend{"web", config::FlagdFileBackend{}});
  return config;
}

// The value of the series `series` (name{labels} exactly as rendered), or nullopt.
std::optional<double> value_of(const std::string& text, const std::string& series) {
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.size() > series.size() && line.compare(0, series.size(), series) == 0 && line[series.size()] == ' ') {
      return std::stod(line.substr(series.size() + 1));
    }
  }
  return std::nullopt;
}

// The refusal reasons as core/begin_validation.hpp spells them (read from the source, so
// that a reason added there without a zero-initialised series fails this test).
std::vector<std::string> refusal_reasons_in_source() {
  const char* source = std::getenv("CHECKPOINTD_SOURCE_DIR");
  const std::filesystem::path root = source != nullptr ? source : ".";
  std::ifstream in(root / "daemon" / "core" / "begin_validation.hpp");
  std::stringstream text;
  text << in.rdbuf();
  const std::string header = text.str();
  std::vector<std::string> reasons;
  const std::regex constant{R"re(inline constexpr const char\* \w+ = "([a-z_]+)";)re"};
  for (std::sregex_iterator it(header.begin(), header.end(), constant), end; it != end; ++it) {
    reasons.push_back((*it)[1]);
  }
  return reasons;
}

std::string promtool_check(const std::string& text) {
  const auto input =
      std::filesystem::temp_directory_path() / ("ckpt-metrics-setup-" + std::to_string(::getpid()) + ".txt");
  std::ofstream(input) << text;
  const std::string command = "promtool check metrics < '" + input.string() + "' 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  std::string output;
  if (pipe == nullptr) return "popen failed";
  char buffer[512];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) output += buffer;
  const int status = ::pclose(pipe);
  std::filesystem::remove(input);
  if (status != 0 && output.empty()) output = "promtool exited with " + std::to_string(status);
  return output;
}

TEST(ConfiguredMetrics, RestoreFailuresStartAtZeroForEveryCluster) {
  const Metrics metrics(two_clusters(), "1.2.3");
  const std::string text = metrics.render();
  for (const char* cluster : {"app", "billing"}) {
    const std::string prefix = std::string("{cluster=\"") + cluster + "\",";
    EXPECT_EQ(value_of(text, "checkpointd_checkpoints_total" + prefix + "outcome=\"restore_failed\"}"), 0.0) << text;
    for (const char* outcome : {"ready", "refused", "committed", "failed", "aborted", "closed", "restored"}) {
      EXPECT_EQ(value_of(text, "checkpointd_checkpoints_total" + prefix + "outcome=\"" + outcome + "\"}"), 0.0)
          << outcome;
    }
  }
}

TEST(ConfiguredMetrics, EveryRefusalReasonOfTheCoreStartsAtZero) {
  const auto reasons = refusal_reasons_in_source();
  ASSERT_GE(reasons.size(), 15U) << "cannot read daemon/core/begin_validation.hpp";
  const std::string text = Metrics(two_clusters(), "1.2.3").render();
  for (const auto& reason : reasons) {
    EXPECT_EQ(value_of(text, R"(checkpointd_checkpoint_refusals_total{cluster="app",reason=")" + reason + "\"}"), 0.0)
        << reason;
  }
}

TEST(ConfiguredMetrics, LadderSloStatementFlagBreakGlassAndDrillCountersStartAtZero) {
  const std::string text = Metrics(two_clusters(), "1.2.3").render();
  for (const char* rung : {"flag_off", "restore", "pause"}) {
    EXPECT_EQ(value_of(text, std::string(R"(checkpointd_rollback_total{cluster="billing",rung=")") + rung + "\"}"), 0.0)
        << rung;
  }
  for (const char* phase : {"Failed", "Error", "Inconclusive"}) {
    EXPECT_EQ(value_of(text, std::string(R"(checkpointd_slo_breaches_total{cluster="app",phase=")") + phase + "\"}"),
              0.0);
  }
  for (const char* provider : {"prometheus", "http", "sql"}) {
    for (const char* phase : {"Successful", "Failed", "Inconclusive", "Error"}) {
      EXPECT_EQ(value_of(text, std::string(R"(checkpointd_slo_measurements_total{cluster="app",phase=")") + phase +
                                   "\",provider=\"" + provider + "\"}"),
                0.0)
          << provider << " " << phase;
    }
  }
  for (const char* statement_class : {"additive", "lock_risky", "unknown", "destructive"}) {
    EXPECT_EQ(value_of(text, std::string(R"(checkpointd_migration_statements_total{class=")") + statement_class +
                                 "\",cluster=\"app\"}"),
              0.0);
  }
  EXPECT_EQ(value_of(text, R"(checkpointd_flag_changes_total{cluster="app",result="failed",scope="web",state="off"})"),
            0.0);
  EXPECT_EQ(value_of(text, R"(checkpointd_flag_changes_total{cluster="app",result="done",scope="web",state="on"})"),
            0.0);
  EXPECT_EQ(value_of(text, R"(checkpointd_break_glass_total{cluster="app"})"), 0.0);
  EXPECT_EQ(value_of(text, R"(checkpointd_drills_total{cluster="app",result="verified"})"), 0.0);
  EXPECT_EQ(value_of(text, R"(checkpointd_drills_total{cluster="app",result="failed"})"), 0.0);
  EXPECT_EQ(value_of(text, R"(checkpointd_restores_in_progress{cluster="app"})"), 0.0);
  EXPECT_EQ(value_of(text, R"(checkpointd_rollback_windows_open{cluster="app"})"), 0.0);
  // Open-ended labels (plan rules) and values that would lie at 0 (last durations,
  // timestamps, probe results) wait for their first observation.
  EXPECT_THAT(text, Not(HasSubstr("checkpointd_plan_refusals_total{")));
  EXPECT_THAT(text, Not(HasSubstr("checkpointd_last_restore_duration_seconds{")));
  EXPECT_THAT(text, Not(HasSubstr("checkpointd_last_drill_success_timestamp_seconds{")));
  EXPECT_THAT(text, Not(HasSubstr("checkpointd_cluster_reachable{")));
}

TEST(ConfiguredMetrics, AnIncrementAfterTheStartCountsFromZero) {
  Metrics metrics(two_clusters(), "1.2.3");
  metrics.count_outcome("app", "restore_failed");
  const std::string text = metrics.render();
  EXPECT_EQ(value_of(text, R"(checkpointd_checkpoints_total{cluster="app",outcome="restore_failed"})"), 1.0);
  EXPECT_EQ(value_of(text, R"(checkpointd_checkpoints_total{cluster="billing",outcome="restore_failed"})"), 0.0);
}

TEST(ConfiguredMetrics, RestoreBucketsReachTheLongestRestoreDeadline) {
  auto config = two_clusters();
  config.clusters[1].deadlines.restore = std::chrono::hours{5};
  config.clusters[0].rto_budget = std::chrono::minutes{15};
  Metrics metrics(config, "1.2.3");
  metrics.observe_restore_total("billing", "manual", 17000);
  metrics.observe_restore_phase("billing", "manual", "verified", 17000);
  metrics.observe_recovery("billing", "restore", 17000);
  const std::string text = metrics.render();
  // 3600 doubles to 7200, 14400, 28800: the first edge at or past 5 h (18000 s).
  EXPECT_EQ(
      value_of(text, R"(checkpointd_restore_duration_seconds_bucket{cluster="billing",trigger="manual",le="14400"})"),
      0.0);
  EXPECT_EQ(
      value_of(text, R"(checkpointd_restore_duration_seconds_bucket{cluster="billing",trigger="manual",le="28800"})"),
      1.0);
  EXPECT_EQ(
      value_of(
          text,
          R"(checkpointd_restore_phase_duration_seconds_bucket{cluster="billing",phase="verified",trigger="manual",le="28800"})"),
      1.0);
  EXPECT_EQ(value_of(text, R"(checkpointd_recovery_seconds_bucket{cluster="billing",rung="restore",le="28800"})"), 1.0);
  // The RTO budget is an edge of its own.
  EXPECT_EQ(
      value_of(text, R"(checkpointd_restore_duration_seconds_bucket{cluster="billing",trigger="manual",le="900"})"),
      0.0);
}

TEST(ConfiguredMetrics, DrillBucketsReachBackupArchiveWaitAndRestoreDeadlines) {
  auto config = two_clusters();
  config.clusters[0].deadlines.backup = std::chrono::hours{2};
  config.clusters[0].deadlines.restore = std::chrono::hours{2};
  Metrics metrics(config, "1.2.3");
  metrics.observe_drill("app", true, 10000, 1700000000);
  const std::string text = metrics.render();
  // 2 h + 1 min + 2 h = 14460 s: buckets to 28800.
  EXPECT_EQ(value_of(text, R"(checkpointd_drill_duration_seconds_bucket{cluster="app",le="14400"})"), 1.0);
  EXPECT_EQ(value_of(text, R"(checkpointd_drill_duration_seconds_bucket{cluster="app",le="28800"})"), 1.0);
  EXPECT_EQ(value_of(text, R"(checkpointd_drill_duration_seconds_bucket{cluster="app",le="7200"})"), 0.0);
}

TEST(ConfiguredMetrics, BucketsAreTheDefaultsUpToAnHour) {
  EXPECT_EQ(Metrics::restore_buckets(0),
            (std::vector<double>{0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1800, 3600}));
  EXPECT_EQ(Metrics::restore_buckets(1800).back(), 3600);
  EXPECT_EQ(Metrics::restore_buckets(3601).back(), 7200);
  const auto with_budget = Metrics::restore_buckets(0, {450.2});
  EXPECT_NE(std::find(with_budget.begin(), with_budget.end(), 451), with_budget.end());
}

TEST(ConfiguredMetrics, BuildInfoNamesTheVersion) {
  const std::string text = Metrics(two_clusters(), "1.2.3").render();
  EXPECT_THAT(text, HasSubstr("# TYPE checkpointd_build_info gauge\n"));
  const std::regex build_info{R"re(\ncheckpointd_build_info\{compiler="[^"]+",version="1\.2\.3"\} 1\n)re"};
  EXPECT_TRUE(std::regex_search(text, build_info)) << text;
  EXPECT_THAT(Metrics().render(), HasSubstr(R"(version="unknown"} 1)"));
}

TEST(ConfiguredMetrics, RtoBudgetsOfTheConfigurationAreExported) {
  auto config = two_clusters();
  config.clusters[0].rto_budget = std::chrono::minutes{15};
  const std::string text = Metrics(config, "1.2.3").render();
  EXPECT_EQ(value_of(text, R"(checkpointd_rto_budget_seconds{cluster="app"})"), 900.0);
  // rto_budget 0 means "not judged": no series that an alert would compare with.
  EXPECT_EQ(value_of(text, R"(checkpointd_rto_budget_seconds{cluster="billing"})"), std::nullopt);
}

TEST(MetricsBody, IsNeverEmptyAndDescribesEveryFamily) {
  const Metrics metrics;
  const std::string text = metrics.render();
  ASSERT_FALSE(text.empty());
  const auto families = metrics.families();
  ASSERT_GE(families.size(), 30U);
  for (const auto& family : families) {
    EXPECT_THAT(text, HasSubstr("# HELP " + family.name + " ")) << family.name;
    EXPECT_THAT(text, HasSubstr("# TYPE " + family.name + " " + family.type + "\n")) << family.name;
  }
  EXPECT_THAT(text, HasSubstr("checkpointd_build_info{"));
}

TEST(MetricsBody, FamiliesAreTheRenderedOnesInOrder) {
  Metrics metrics;
  metrics.count_outcome("app", "ready");
  const std::string text = metrics.render();
  std::size_t last = 0;
  for (const auto& family : metrics.families()) {
    const auto at = text.find("# HELP " + family.name + " ");
    ASSERT_NE(at, std::string::npos) << family.name;
    EXPECT_GE(at, last) << family.name;
    last = at;
  }
}

TEST(DrillMetrics, AVerifiedDrillCountsObservesAndStampsItsSuccess) {
  Metrics metrics(two_clusters(), "1.2.3");
  metrics.observe_drill("app", true, 42.5, 1700000000);
  const std::string text = metrics.render();
  EXPECT_EQ(value_of(text, R"(checkpointd_drills_total{cluster="app",result="verified"})"), 1.0);
  EXPECT_EQ(value_of(text, R"(checkpointd_drills_total{cluster="app",result="failed"})"), 0.0);
  EXPECT_EQ(value_of(text, R"(checkpointd_drill_duration_seconds_count{cluster="app"})"), 1.0);
  EXPECT_EQ(value_of(text, R"(checkpointd_drill_duration_seconds_sum{cluster="app"})"), 42.5);
  EXPECT_EQ(value_of(text, R"(checkpointd_last_drill_duration_seconds{cluster="app"})"), 42.5);
  EXPECT_EQ(value_of(text, R"(checkpointd_last_drill_success_timestamp_seconds{cluster="app"})"), 1700000000.0);
}

TEST(DrillMetrics, AFailedDrillCountsAndLeavesTheLastSuccessAlone) {
  Metrics metrics(two_clusters(), "1.2.3");
  metrics.set_last_drill_success("app", 1600000000, 900);
  metrics.observe_drill("app", false, 7, 1700000000);
  const std::string text = metrics.render();
  EXPECT_EQ(value_of(text, R"(checkpointd_drills_total{cluster="app",result="failed"})"), 1.0);
  EXPECT_EQ(value_of(text, R"(checkpointd_drills_total{cluster="app",result="verified"})"), 0.0);
  EXPECT_EQ(value_of(text, R"(checkpointd_last_drill_duration_seconds{cluster="app"})"), 900.0)
      << "a slow last success stays visible to CheckpointdDrillSlowerThanRTO";
  EXPECT_EQ(value_of(text, R"(checkpointd_last_drill_success_timestamp_seconds{cluster="app"})"), 1600000000.0);
  EXPECT_THAT(text, Not(HasSubstr("checkpointd_drill_duration_seconds_count{")));
}

TEST(DrillMetrics, IntervalAndBudgetAreGaugesPerCluster) {
  Metrics metrics(two_clusters(), "1.2.3");
  metrics.set_drill_interval("app", 86400);
  metrics.set_rto_budget("billing", 600);
  const std::string text = metrics.render();
  EXPECT_EQ(value_of(text, R"(checkpointd_drill_interval_seconds{cluster="app"})"), 86400.0);
  EXPECT_EQ(value_of(text, R"(checkpointd_rto_budget_seconds{cluster="billing"})"), 600.0);
}

TEST(ClusterHealthMetrics, ReachabilityArchivingAgeAndWindows) {
  Metrics metrics(two_clusters(), "1.2.3");
  metrics.set_cluster_reachable("app", true);
  metrics.set_cluster_reachable("billing", false);
  metrics.set_wal_archiving_healthy("app", true);
  metrics.set_wal_archiving_healthy("billing", false);
  metrics.set_wal_last_archived_age("app", 12.0);
  metrics.set_rollback_windows_open("app", 3);
  std::string text = metrics.render();
  EXPECT_EQ(value_of(text, R"(checkpointd_cluster_reachable{cluster="app"})"), 1.0);
  EXPECT_EQ(value_of(text, R"(checkpointd_cluster_reachable{cluster="billing"})"), 0.0);
  EXPECT_EQ(value_of(text, R"(checkpointd_wal_archiving_healthy{cluster="app"})"), 1.0);
  EXPECT_EQ(value_of(text, R"(checkpointd_wal_archiving_healthy{cluster="billing"})"), 0.0);
  EXPECT_EQ(value_of(text, R"(checkpointd_rollback_windows_open{cluster="app"})"), 3.0);
  const auto age = value_of(text, R"(checkpointd_wal_last_archived_age_seconds{cluster="app"})");
  ASSERT_TRUE(age.has_value());
  EXPECT_GE(*age, 12.0);
  EXPECT_LT(*age, 13.0);

  // Unknown removes the series rather than leaving a stale value.
  metrics.set_wal_archiving_healthy("billing", std::nullopt);
  metrics.set_wal_last_archived_age("app", std::nullopt);
  text = metrics.render();
  EXPECT_EQ(value_of(text, R"(checkpointd_wal_archiving_healthy{cluster="billing"})"), std::nullopt);
  EXPECT_EQ(value_of(text, R"(checkpointd_wal_last_archived_age_seconds{cluster="app"})"), std::nullopt);
}

TEST(ClusterHealthMetrics, TheArchivedAgeGrowsBetweenProbes) {
  Metrics metrics;
  metrics.set_wal_last_archived_age("app", 5.0);
  std::this_thread::sleep_for(std::chrono::milliseconds{300});
  const auto age = value_of(metrics.render(), R"(checkpointd_wal_last_archived_age_seconds{cluster="app"})");
  ASSERT_TRUE(age.has_value());
  EXPECT_GE(*age, 5.29);
}

TEST(ConfiguredMetrics, RenderedTextPassesPromtool) {
  if (std::system("command -v promtool >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "promtool is not installed (Debian package 'prometheus'); cannot lint the metrics text";
  }
  Metrics metrics(two_clusters(), "1.2.3");
  metrics.observe_drill("app", true, 42.5, 1700000000);
  metrics.set_wal_last_archived_age("app", 3);
  EXPECT_EQ(promtool_check(metrics.render()), "");
  EXPECT_EQ(promtool_check(Metrics().render()), "");
}

}  // namespace
}  // namespace ckpt::obs
