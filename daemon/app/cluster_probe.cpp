#include "app/cluster_probe.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <exception>

#include "core/rollback_window.hpp"
#include "obs/logging.hpp"

namespace ckpt::app {

ClusterProbe::ClusterProbe(service::ServiceContext& context, std::chrono::milliseconds interval)
    : context_(context), interval_(interval) {}

void ClusterProbe::start() {
  for (const auto& cluster : context_.config.clusters) {
    if (context_.engines.find(cluster.name) == context_.engines.end()) continue;
    boost::asio::co_spawn(boost::asio::make_strand(context_.io), follow(cluster.name), boost::asio::detached);
  }
}

boost::asio::awaitable<engine::ClusterHealth> ClusterProbe::probe(const std::string& cluster) {
  auto& engine = *context_.engines.at(cluster);
  const auto health = co_await engine.probe_health();
  context_.metrics.set_cluster_reachable(cluster, health.reachable);
  context_.metrics.set_wal_archiving_healthy(cluster, health.wal_archiving_healthy);
  context_.metrics.set_wal_last_archived_age(cluster, health.last_archived_age_seconds);
  const auto open = co_await context_.on_pool([this, &cluster] {
    return open_rollback_windows(context_.store.list(cluster, std::nullopt), cluster, context_.clock());
  });
  context_.metrics.set_rollback_windows_open(cluster, open);
  co_return health;
}

boost::asio::awaitable<void> ClusterProbe::follow(std::string cluster) {
  auto log = obs::logger("probe");
  boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor);
  std::optional<bool> was_reachable;
  while (!stopping_.load()) {
    bool reachable = false;
    try {
      reachable = (co_await probe(cluster)).reachable;
    } catch (const std::exception& e) {
      log->warn("cluster={} probe failed: {}", cluster, e.what());
    }
    if (was_reachable != reachable) {
      if (reachable) {
        log->info("cluster={} answers the probe", cluster);
      } else {
        log->warn("cluster={} does not answer the probe (checkpointd_cluster_reachable 0)", cluster);
      }
      was_reachable = reachable;
    }
    timer.expires_after(interval_);
    boost::system::error_code ignored;
    co_await timer.async_wait(boost::asio::redirect_error(boost::asio::use_awaitable, ignored));
  }
}

}  // namespace ckpt::app
