// The /metrics text holds every family with HELP and TYPE, the observed values under
// the documented labels, and passes Prometheus's own linter.
#include <gtest/gtest.h>
#include <gmock/gmock.h>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "obs/metrics.hpp"

namespace ckpt::obs {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// The lines of `text` that start with `prefix`.
std::vector<std::string> lines_of(const std::string& text, const std::string& prefix) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(prefix, 0) == 0) lines.push_back(line);
  }
  return lines;
}

Metrics& observed_metrics() {
  static Metrics metrics;
  static const bool filled = [] {
    metrics.observe_restore_phase("app", "manual", "base_copied", 0.7);
    metrics.observe_restore_phase("app", "manual", "recovery_started", 0.6);
    metrics.observe_restore_total("app", "manual", 4.9);
    metrics.count_outcome("app", "ready");
    metrics.count_outcome("app", "ready");
    metrics.count_outcome("app", "restored");
    metrics.count_refusal("app", "wal_archive_failing");
    metrics.observe_checkpoint_duration("app", 3.3);
    metrics.observe_archive_wait("app", 0.02);
    metrics.restore_started("app");
    metrics.restore_started("app");
    metrics.restore_finished("app");
    metrics.set_last_checkpoint("app", 1700000000);
    return true;
  }();
  EXPECT_TRUE(filled);
  return metrics;
}

TEST(Metrics, EveryFamilyHasHelpAndType) {
  const std::string text = observed_metrics().render();
  const std::vector<std::pair<std::string, std::string>> families{
      {"checkpointd_restore_duration_seconds", "histogram"},
      {"checkpointd_last_restore_duration_seconds", "gauge"},
      {"checkpointd_checkpoints_total", "counter"},
      {"checkpointd_checkpoint_refusals_total", "counter"},
      {"checkpointd_checkpoint_duration_seconds", "histogram"},
      {"checkpointd_archive_wait_seconds", "histogram"},
      {"checkpointd_restores_in_progress", "gauge"},
      {"checkpointd_last_checkpoint_timestamp_seconds", "gauge"},
  };
  for (const auto& [name, type] : families) {
    EXPECT_THAT(text, HasSubstr("# HELP " + name + " ")) << name;
    EXPECT_THAT(text, HasSubstr("# TYPE " + name + " " + type + "\n")) << name;
  }
}

TEST(Metrics, RestoreTotalsAndPhasesAreSeparateFamilies) {
  const std::string text = observed_metrics().render();
  EXPECT_THAT(text, HasSubstr(
      R"(checkpointd_restore_phase_duration_seconds_count{cluster="app",phase="base_copied",trigger="manual"} 1)"));
  EXPECT_THAT(text, HasSubstr(R"(checkpointd_restore_duration_seconds_sum{cluster="app",trigger="manual"} 4.9)"));
  EXPECT_THAT(text, HasSubstr(R"(checkpointd_restore_duration_seconds_bucket{cluster="app",trigger="manual",le="5"} 1)"));
  EXPECT_THAT(text, HasSubstr(R"(checkpointd_restore_duration_seconds_bucket{cluster="app",trigger="manual",le="2"} 0)"));
  EXPECT_THAT(text,
              HasSubstr(R"(checkpointd_restore_duration_seconds_bucket{cluster="app",trigger="manual",le="3600"} 1)"));
  EXPECT_THAT(text, HasSubstr(R"(checkpointd_last_restore_duration_seconds{cluster="app"} 4.9)"));
  // A sum over the phase family adds up phases only: the total is not among them.
  EXPECT_THAT(text, Not(HasSubstr(R"(phase="total")")));
  double phase_sum = 0;
  for (const auto& line : lines_of(text, "checkpointd_restore_phase_duration_seconds_sum{")) {
    phase_sum += std::stod(line.substr(line.rfind(' ') + 1));
  }
  EXPECT_DOUBLE_EQ(phase_sum, 1.3);
}

TEST(Metrics, CountersGaugesAndHistogramsShowObservedValues) {
  const std::string text = observed_metrics().render();
  EXPECT_THAT(text, HasSubstr(R"(checkpointd_checkpoints_total{cluster="app",outcome="ready"} 2)"));
  EXPECT_THAT(text, HasSubstr(R"(checkpointd_checkpoints_total{cluster="app",outcome="restored"} 1)"));
  EXPECT_THAT(text, HasSubstr(R"(checkpointd_checkpoint_refusals_total{cluster="app",reason="wal_archive_failing"} 1)"));
  EXPECT_THAT(text, HasSubstr(R"(checkpointd_checkpoint_duration_seconds_bucket{cluster="app",le="5"} 1)"));
  EXPECT_THAT(text, HasSubstr(R"(checkpointd_checkpoint_duration_seconds_bucket{cluster="app",le="2"} 0)"));
  EXPECT_THAT(text, HasSubstr(R"(checkpointd_checkpoint_duration_seconds_bucket{cluster="app",le="1800"} 1)"));
  EXPECT_THAT(text, HasSubstr(R"(checkpointd_archive_wait_seconds_bucket{cluster="app",le="0.025"} 1)"));
  EXPECT_THAT(text, HasSubstr(R"(checkpointd_archive_wait_seconds_bucket{cluster="app",le="0.01"} 0)"));
  EXPECT_THAT(text, HasSubstr(R"(checkpointd_archive_wait_seconds_bucket{cluster="app",le="60"} 1)"));
  EXPECT_THAT(text, HasSubstr(R"(checkpointd_restores_in_progress{cluster="app"} 1)"));
  EXPECT_THAT(text, HasSubstr(R"(checkpointd_last_checkpoint_timestamp_seconds{cluster="app"} 1700000000)"));
}

TEST(Metrics, ClustersAreSeparateSeries) {
  Metrics metrics;
  metrics.count_outcome("app", "failed");
  metrics.count_outcome("billing", "failed");
  metrics.count_outcome("billing", "failed");
  const std::string text = metrics.render();
  EXPECT_THAT(text, HasSubstr(R"(checkpointd_checkpoints_total{cluster="app",outcome="failed"} 1)"));
  EXPECT_THAT(text, HasSubstr(R"(checkpointd_checkpoints_total{cluster="billing",outcome="failed"} 2)"));
  EXPECT_THAT(text, Not(HasSubstr(R"(outcome="ready")")));
}

TEST(Metrics, ConcurrentUpdatesAreAllCounted) {
  Metrics metrics;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&metrics] {
      for (int i = 0; i < 1000; ++i) {
        metrics.count_outcome("app", "committed");
        metrics.observe_archive_wait("app", 0.5);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  const std::string text = metrics.render();
  EXPECT_THAT(text, HasSubstr(R"(checkpointd_checkpoints_total{cluster="app",outcome="committed"} 4000)"));
  EXPECT_THAT(text, HasSubstr(R"(checkpointd_archive_wait_seconds_count{cluster="app"} 4000)"));
}

TEST(Metrics, ContentTypeIsTheTextFormat) { EXPECT_EQ(Metrics::kContentType, "text/plain; version=0.0.4"); }

TEST(Metrics, RenderedTextPassesPromtool) {
  if (std::system("command -v promtool >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "promtool is not installed (Debian package 'prometheus'); cannot lint the metrics text";
  }
  const auto input = std::filesystem::temp_directory_path() / ("ckpt-metrics-" + std::to_string(::getpid()) + ".txt");
  std::ofstream(input) << observed_metrics().render();
  const std::string command = "promtool check metrics < '" + input.string() + "' 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string output;
  char buffer[512];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) output += buffer;
  const int status = ::pclose(pipe);
  std::filesystem::remove(input);
  EXPECT_EQ(status, 0) << "promtool check metrics said:\n" << output;
  EXPECT_EQ(output, "");
}

}  // namespace
}  // namespace ckpt::obs
