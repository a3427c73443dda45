// A test fixture for the SLO watch: a real PostgreSQL holding a `users` table, the demo
// service (its error counter's rate flipped by a test, and gated by a flagd flag file when
// asked), a real Prometheus scraping it every second, and the real checkpointd with that
// Prometheus (`main`, and `down`: a port nothing listens on) and the flag file as the
// `develop` scope. Skips, saying why, where PostgreSQL or Prometheus cannot run.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <memory>
#include <string>

#include "daemon_process.hpp"
#include "slo/demo_service_process.hpp"  // tests/slo
#include "support/postgres_instance.hpp"
#include "support/prometheus_instance.hpp"

namespace ckpt::test {

inline constexpr const char* kFlagName = "FEATURE_LOGIN_V2";
// The error ratio over the last 4 s: scraped every second, a flip shows within seconds.
inline constexpr const char* kErrorRatioQuery = "sum(rate(demo_errors_total[4s])) / sum(rate(demo_requests_total[4s]))";

class WatchedDaemonTest : public ::testing::Test {
 protected:
  void SetUp() override;

  // Starts the demo service (its errors gated by the flag file when `gated`), Prometheus
  // and the daemon; waits until the error ratio query answers.
  void start(bool gated);

  // The plan YAML's tail: `slo` (its `metrics` list, then `more_slo` such as data checks),
  // `flag` and `ladder` sections.
  static std::string watch_yaml(const std::string& metrics_yaml, const std::string& window = "5s",
                                const std::string& more_slo = {}, int recheck_count = 20);
  // The error-rate metric on the `main` server: failed after two measurements of 10 % errors or more.
  static std::string error_rate_metric(const std::string& extra = {});

  // Begins a checkpoint for a plan adding users.phone (with `more_yaml`), waits for ready,
  // starts the migration; the checkpoint id.
  std::string begin_and_migrate(const std::string& migration_id, const std::string& more_yaml);
  // Polls the checkpoint until `predicate` holds on it; fails the test after `deadline`.
  boost::json::object wait_for(const std::string& id, const std::function<bool(const boost::json::object&)>& predicate,
                               const std::string& what, std::chrono::seconds deadline = std::chrono::seconds{90});
  boost::json::object wait_for_stage(const std::string& id, const std::string& stage,
                                     std::chrono::seconds deadline = std::chrono::seconds{90});
  // The flag file's defaultVariant of the flag.
  std::string flag_variant() const;
  std::string metrics_text();
  ProgramRun checkpointctl(const std::vector<std::string>& args) const;

  std::filesystem::path flag_file_;
  std::unique_ptr<PostgresInstance> postgres_;
  std::unique_ptr<DemoServiceProcess> demo_;
  std::unique_ptr<PrometheusInstance> prometheus_;
  std::unique_ptr<DaemonProcess> daemon_;
};

// The watch object of a checkpoint (an empty object when it has none).
boost::json::object watch_of(const boost::json::object& checkpoint);

}  // namespace ckpt::test
