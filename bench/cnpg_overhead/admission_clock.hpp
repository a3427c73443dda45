// AdmissionClock: when the Kubernetes API test server accepted each new object of one
// resource, seen in process through its change feed (KubeApiServer::on_change): the wall
// clock at the delivery of the object's ADDED event, by object name. The feed delivers
// right after the store committed the create, on the store's delivery thread.
// Thread-safe; the subscription ends with the object (before its other members go).
#pragma once

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "kubeapi/server/kube_api_server.hpp"

namespace ckpt::bench {

class AdmissionClock {
 public:
  using TimePoint = std::chrono::system_clock::time_point;

  // `resource` as the store names it, e.g. "clusters.postgresql.cnpg.io".
  AdmissionClock(kubeapi::KubeApiServer& server, std::string resource);

  // When the object `name` was added (the latest time, if it was added more than once);
  // nullopt when it was not added within the timeout.
  std::optional<TimePoint> wait_for(const std::string& name, std::chrono::milliseconds timeout);

 private:
  void record(const kubeapi::ChangeEvent& change);

  std::string resource_;
  std::mutex mutex_;
  std::condition_variable added_;
  std::map<std::string, TimePoint> admitted_;
  kubeapi::ChangeFeed::Subscription subscription_;  // declared last: destroyed first
};

}  // namespace ckpt::bench
