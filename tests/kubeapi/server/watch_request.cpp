#include "kubeapi/server/watch_request.hpp"

namespace ckpt::kubeapi {

std::optional<EventType> select_event(const WatchRequest& watch, const ChangeEvent& event) {
  if (event.resource != watch.type) return std::nullopt;
  if (!watch.namespace_name.empty() && event.namespace_name() != watch.namespace_name) return std::nullopt;
  const bool matches_now = watch.filter.matches(event.object);
  if (event.type != EventType::modified) {
    return matches_now ? std::optional(event.type) : std::nullopt;
  }
  const bool matched_before = event.previous && watch.filter.matches(*event.previous);
  if (matches_now) return matched_before ? EventType::modified : EventType::added;
  return matched_before ? std::optional(EventType::deleted) : std::nullopt;
}

}  // namespace ckpt::kubeapi
