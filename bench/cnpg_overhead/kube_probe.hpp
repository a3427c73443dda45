// KubeProbe: the benchmark's own Kubernetes API client, in process but separate from the
// daemon's, for the baselines: a bare create (kube::KubeClient, the daemon's client code,
// same TLS and token handling) and a bare watch (kube::Watcher) whose events are stamped
// with the wall clock as they are delivered, by the object's resourceVersion.
//
// Calls run on the probe's own IO thread; create() blocks the caller until the server
// answered. Thread-safe. The destructor cancels the watch and joins the IO thread.
#pragma once

#include <boost/json/object.hpp>
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "core/result.hpp"
#include "kube/resource_ref.hpp"

namespace ckpt::bench {

class KubeProbe {
 public:
  using TimePoint = std::chrono::system_clock::time_point;

  // Throws std::runtime_error when the kubeconfig cannot be loaded.
  explicit KubeProbe(const std::filesystem::path& kubeconfig);
  ~KubeProbe();
  KubeProbe(const KubeProbe&) = delete;
  KubeProbe& operator=(const KubeProbe&) = delete;

  // POST to the collection of `collection` (its name is ignored).
  Result<boost::json::object> create(const kube::ResourceRef& collection, const boost::json::object& manifest);

  // Starts watching one object (ref with a name): the watcher lists first, so the object's
  // current version arrives as ADDED. Call once.
  void watch(const kube::ResourceRef& object);
  // When the watch delivered the object's version `resource_version`; nullopt when it did
  // not within the timeout (or the watch ended: its error is then thrown).
  std::optional<TimePoint> arrival(const std::string& resource_version, std::chrono::milliseconds timeout);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ckpt::bench
