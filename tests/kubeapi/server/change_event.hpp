// ChangeEvent: one committed change of a stored object, numbered by the resourceVersion the
// change produced. The store hands the same immutable event to watch streams (event_log.hpp)
// and to in-process subscribers (change_feed.hpp).
#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "kubeapi/server/resource_type.hpp"

namespace ckpt::kubeapi {

enum class EventType { added, modified, deleted };

// "ADDED", "MODIFIED", "DELETED", as in watch events.
std::string_view event_type_name(EventType type);

struct ChangeEvent {
  std::uint64_t resource_version = 0;
  EventType type = EventType::added;
  const ResourceType* resource = nullptr;  // owned by the TypeRegistry, which outlives the store
  // The object after the change; for deleted, its last state (with the deletion's resourceVersion).
  boost::json::object object;
  // The object before the change (modified and deleted only).
  std::optional<boost::json::object> previous;

  std::string namespace_name() const;
  std::string name() const;
};

using ChangeEventPtr = std::shared_ptr<const ChangeEvent>;

}  // namespace ckpt::kubeapi
