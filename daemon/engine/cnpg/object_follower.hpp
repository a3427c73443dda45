// Follows one API object (a Backup, a recovery Cluster) through a kube::Watcher, from the
// resourceVersion of the version the caller already holds: watch-driven, no polling.
// next(until) hands out the next version, or nullopt when `until` passed without a
// change (so the caller can decide by time: a phase deadline or its overall deadline). A
// deleted object is ErrorCode::not_found naming it; errors reconnecting cannot fix
// (401/403/404/...) are returned as the Watcher reports them; dropped connections and
// 410 Gone are handled by the Watcher. Not thread-safe: one consumer.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>
#include <chrono>
#include <optional>
#include <string>

#include "core/result.hpp"
#include "kube/kube_client.hpp"
#include "kube/resource_ref.hpp"
#include "kube/watch.hpp"

namespace ckpt::engine::cnpg {

class ObjectFollower {
 public:
  using Clock = std::chrono::steady_clock;

  // `current` is the version the caller holds (from a GET or a create).
  ObjectFollower(kube::KubeClient& kube, const kube::ResourceRef& ref, const boost::json::object& current);

  boost::asio::awaitable<Result<std::optional<boost::json::object>>> next(Clock::time_point until);

 private:
  kube::Watcher watcher_;
  std::string what_;
};

}  // namespace ckpt::engine::cnpg
