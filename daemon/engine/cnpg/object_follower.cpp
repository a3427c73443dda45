#include "engine/cnpg/object_follower.hpp"

#include "kube/watch_event.hpp"

namespace ckpt::engine::cnpg {
namespace {

kube::WatchOptions watch_options(const kube::ResourceRef& ref, const boost::json::object& current) {
  kube::WatchOptions options;
  options.ref = ref;
  options.resource_version = kube::metadata_field(current, "resourceVersion");
  return options;
}

}  // namespace

ObjectFollower::ObjectFollower(kube::KubeClient& kube, const kube::ResourceRef& ref, const boost::json::object& current)
    : watcher_(kube, watch_options(ref, current)), what_(ref.describe()) {}

boost::asio::awaitable<Result<std::optional<boost::json::object>>> ObjectFollower::next(Clock::time_point until) {
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now());
    if (left.count() <= 0) co_return std::optional<boost::json::object>{};
    auto event = co_await watcher_.next(left);
    if (!event) {
      if (event.error().code == ErrorCode::deadline_exceeded) co_return std::optional<boost::json::object>{};
      co_return std::move(event).error();
    }
    switch (event->type) {
      case kube::WatchEventType::bookmark:
        continue;
      case kube::WatchEventType::deleted:
        co_return make_error(ErrorCode::not_found, what_ + " was deleted while checkpointd was following it");
      case kube::WatchEventType::added:
      case kube::WatchEventType::modified:
        co_return std::optional<boost::json::object>{std::move(event->object)};
    }
  }
}

}  // namespace ckpt::engine::cnpg
