// A real Prometheus scrapes the daemon (TCP, bearer token) and the restore duration
// comes back through Prometheus's query API. The daemon's /metrics starts with its
// counters at 0 and the state its cluster probe found.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "cluster_yaml.hpp"
#include "daemon_process.hpp"
#include "support/postgres_instance.hpp"
#include "support/prometheus_instance.hpp"

namespace ckpt::test {
namespace {

TEST(DaemonMetrics, StartAtZeroWithTheProbedStateOfTheCluster) {
  std::string why;
  if (!PostgresInstance::can_run(why)) GTEST_SKIP() << why;
  PostgresInstance postgres;
  DaemonProcess daemon(postgres.root() / "daemon", DaemonOptions(local_cluster_yaml(postgres), false));
  daemon.start();
  auto text = daemon.call("GET", "/metrics").body;
  EXPECT_NE(text.find(R"(checkpointd_checkpoints_total{cluster="app",outcome="restore_failed"} 0)"), std::string::npos)
      << text;
  EXPECT_NE(text.find(R"(checkpointd_drills_total{cluster="app",result="failed"} 0)"), std::string::npos);
  EXPECT_NE(text.find("checkpointd_build_info{"), std::string::npos);
  // The first probe runs at start; it is bounded by deadlines.preflight.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{20};
  while (text.find(R"(checkpointd_cluster_reachable{cluster="app"})") == std::string::npos &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds{100});
    text = daemon.call("GET", "/metrics").body;
  }
  EXPECT_NE(text.find(R"(checkpointd_cluster_reachable{cluster="app"} 1)"), std::string::npos) << text;
  EXPECT_NE(text.find(R"(checkpointd_wal_archiving_healthy{cluster="app"} 1)"), std::string::npos) << text;
  EXPECT_NE(text.find(R"(checkpointd_rollback_windows_open{cluster="app"} 0)"), std::string::npos) << text;
}

TEST(Prometheus, ReadsTheRestoreDurationBack) {
  std::string why;
  if (!PostgresInstance::can_run(why)) GTEST_SKIP() << why;
  if (!PrometheusInstance::available(why)) GTEST_SKIP() << why;
  PostgresInstance postgres;
  DaemonProcess daemon(postgres.root() / "daemon", DaemonOptions(local_cluster_yaml(postgres), true));
  daemon.start();
  PrometheusInstance prometheus(postgres.root() / "prometheus", "127.0.0.1:" + std::to_string(daemon.tcp_port()),
                                postgres.root() / "daemon" / "token");

  auto created = daemon.call_json("POST", "/v1/checkpoints", begin_body("app", "m1"), 202).as_object();
  const std::string id{created.at("id").as_string()};
  daemon.wait_for_state(id, "ready");
  daemon.call_json("POST", "/v1/checkpoints/" + id + "/restore", "{}", 202);
  auto restored = daemon.wait_for_state(id, "restored,restore_failed");
  ASSERT_EQ(restored.at("state").as_string(), "restored");
  const double recorded = restored.at("restore").at("duration_seconds").as_double();

  auto samples = prometheus.wait_for(R"(checkpointd_last_restore_duration_seconds{cluster="app"})", std::chrono::seconds{30});
  ASSERT_TRUE(samples) << "Prometheus never scraped the restore duration";
  const double scraped = std::stod(std::string{(*samples)[0].at("value").as_array()[1].as_string()});
  EXPECT_NEAR(scraped, recorded, 1e-6);
  auto histogram = prometheus.wait_for(
      R"(checkpointd_restore_duration_seconds_count{cluster="app",trigger="manual"})", std::chrono::seconds{10});
  ASSERT_TRUE(histogram);
  EXPECT_EQ((*histogram)[0].at("value").as_array()[1].as_string(), "1");
  // Started at 0, so increase() sees no failure rather than no series.
  auto failures = prometheus.wait_for(
      R"(increase(checkpointd_checkpoints_total{cluster="app",outcome="restore_failed"}[5m]) == 0)",
      std::chrono::seconds{10});
  EXPECT_TRUE(failures) << "checkpointd_checkpoints_total{outcome=\"restore_failed\"} is not scraped at 0";
  auto up = prometheus.wait_for(R"(up{job="checkpointd"} == 1)", std::chrono::seconds{10});
  EXPECT_TRUE(up) << "the scrape with the bearer token must succeed";
}

}  // namespace
}  // namespace ckpt::test
