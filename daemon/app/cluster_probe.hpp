// The periodic cluster probe behind the health gauges of /metrics (docs/metrics.md):
// every `interval`, for each configured cluster, the engine's probe_health() (read-only,
// bounded by the cluster's deadlines.preflight, blocking work on the blocking pool) sets
// checkpointd_cluster_reachable, checkpointd_wal_archiving_healthy and
// checkpointd_wal_last_archived_age_seconds, and the store's checkpoints give
// checkpointd_rollback_windows_open. One loop per cluster, each on a strand of its own off
// the IO threads' other work, probing once at start and then after each interval; a slow
// cluster delays only its own next probe. A probe that throws is logged and the loop
// goes on. stop() ends the loops at their next wake-up.
#pragma once

#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <string>

#include "engine/engine.hpp"
#include "service/service_context.hpp"

namespace ckpt::app {

class ClusterProbe {
 public:
  static constexpr std::chrono::milliseconds kInterval{30'000};

  // `context` outlives the probe and its loops.
  explicit ClusterProbe(service::ServiceContext& context, std::chrono::milliseconds interval = kInterval);

  void start();
  void stop() { stopping_ = true; }

  // One probe of `cluster`, its gauges set (start() runs it in a loop; tests call it directly).
  boost::asio::awaitable<engine::ClusterHealth> probe(const std::string& cluster);

 private:
  boost::asio::awaitable<void> follow(std::string cluster);

  service::ServiceContext& context_;
  std::chrono::milliseconds interval_;
  std::atomic<bool> stopping_{false};
};

}  // namespace ckpt::app
