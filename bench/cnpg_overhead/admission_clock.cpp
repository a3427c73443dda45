#include "admission_clock.hpp"

namespace ckpt::bench {

AdmissionClock::AdmissionClock(kubeapi::KubeApiServer& server, std::string resource) : resource_(std::move(resource)) {
  subscription_ = server.on_change([this](const kubeapi::ChangeEvent& change) { record(change); });
}

void AdmissionClock::record(const kubeapi::ChangeEvent& change) {
  const auto now = std::chrono::system_clock::now();
  if (change.type != kubeapi::EventType::added || change.resource->qualified_name() != resource_) return;
  {
    std::lock_guard lock{mutex_};
    admitted_[change.name()] = now;
  }
  added_.notify_all();
}

std::optional<AdmissionClock::TimePoint> AdmissionClock::wait_for(const std::string& name,
                                                                  std::chrono::milliseconds timeout) {
  std::unique_lock lock{mutex_};
  if (!added_.wait_for(lock, timeout, [&] { return admitted_.contains(name); })) return std::nullopt;
  return admitted_.at(name);
}

}  // namespace ckpt::bench
