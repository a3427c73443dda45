#include "kubeapi/server/event_log.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include "kubeapi/server/api_errors.hpp"

namespace ckpt::kubeapi {

EventLog::Subscription::Subscription(Subscription&& other) noexcept
    : log_(std::exchange(other.log_, nullptr)), id_(other.id_) {}

EventLog::Subscription& EventLog::Subscription::operator=(Subscription&& other) noexcept {
  if (this != &other) {
    if (log_) log_->unsubscribe(id_);
    log_ = std::exchange(other.log_, nullptr);
    id_ = other.id_;
  }
  return *this;
}

EventLog::Subscription::~Subscription() {
  if (log_) log_->unsubscribe(id_);
}

EventLog::EventLog(std::size_t capacity) : capacity_(std::max<std::size_t>(capacity, 1)) {}

void EventLog::append(ChangeEventPtr event) {
  std::lock_guard lock(mutex_);
  latest_ = event->resource_version;
  history_.push_back(std::move(event));
  while (history_.size() > capacity_) {
    compacted_through_ = history_.front()->resource_version;
    history_.pop_front();
  }
  wake_all();
}

Result<EventBatch> EventLog::events_after(std::uint64_t resource_version) const {
  std::lock_guard lock(mutex_);
  if (resource_version < compacted_through_) {
    return api_error(reason::kExpired, "too old resource version: " + std::to_string(resource_version) +
                                           " (" + std::to_string(compacted_through_ + 1) + ")");
  }
  EventBatch batch;
  batch.through = std::max(latest_, resource_version);
  auto first = std::upper_bound(
      history_.begin(), history_.end(), resource_version,
      [](std::uint64_t rv, const ChangeEventPtr& event) { return rv < event->resource_version; });
  batch.events.assign(first, history_.end());
  return batch;
}

void EventLog::compact(std::uint64_t through) {
  std::lock_guard lock(mutex_);
  compacted_through_ = std::max(compacted_through_, through);
  while (!history_.empty() && history_.front()->resource_version <= through) history_.pop_front();
  wake_all();
}

void EventLog::expire_open_watches() {
  std::lock_guard lock(mutex_);
  ++expiry_generation_;
  wake_all();
}

std::uint64_t EventLog::expiry_generation() const {
  std::lock_guard lock(mutex_);
  return expiry_generation_;
}

EventLog::Subscription EventLog::subscribe(Waker waker) {
  std::lock_guard lock(mutex_);
  const std::uint64_t id = next_subscriber_++;
  wakers_.emplace(id, std::move(waker));
  return Subscription(this, id);
}

std::size_t EventLog::subscriber_count() const {
  std::lock_guard lock(mutex_);
  return wakers_.size();
}

void EventLog::unsubscribe(std::uint64_t id) {
  std::lock_guard lock(mutex_);
  wakers_.erase(id);
}

void EventLog::wake_all() {
  for (const auto& [id, waker] : wakers_) waker();
}

}  // namespace ckpt::kubeapi
