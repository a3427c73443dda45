// What the service layer shares: configuration, the durable store, the engines by
// cluster, metrics, the executors (IO threads and the blocking pool) and the clock.
// Owned by the daemon's composition root (api/daemon.cpp); everything here outlives
// the service objects that refer to it.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/thread_pool.hpp>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "config/config.hpp"
#include "core/checkpoint.hpp"
#include "engine/engine.hpp"
#include "net/blocking.hpp"
#include "obs/metrics.hpp"
#include "state/checkpoint_store.hpp"

namespace ckpt::service {

struct ServiceContext {
  const config::Config& config;
  CheckpointStore& store;
  std::map<std::string, std::unique_ptr<engine::Engine>, std::less<>>& engines;
  obs::Metrics& metrics;
  boost::asio::any_io_executor io;
  boost::asio::thread_pool& blocking;
  std::function<TimePoint()> clock;

  // Runs a blocking store operation on the blocking pool.
  template <typename F>
  boost::asio::awaitable<std::invoke_result_t<F>> on_pool(F f) {
    co_return co_await net::run_blocking(blocking, std::move(f));
  }
};

}  // namespace ckpt::service
