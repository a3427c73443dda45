// WatchRequest: everything a watch stream needs once the request was accepted (the store
// snapshot it starts from included), and select_event, which decides what one change looks
// like to this watch: a change that makes an object match the selectors arrives as ADDED,
// one that makes it stop matching as DELETED, as the API server's watch cache does.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "kubeapi/server/change_event.hpp"
#include "kubeapi/server/list_filter.hpp"
#include "kubeapi/server/resource_store.hpp"
#include "kubeapi/server/table.hpp"

namespace ckpt::kubeapi {

struct WatchRequest {
  const ResourceType* type = nullptr;
  std::string namespace_name;  // empty: all namespaces
  ListFilter filter;
  WatchStart start;
  std::chrono::seconds timeout{1800};
  bool bookmarks = false;
  // Set when the client asked for Tables: each event's object is a one-row Table.
  std::optional<TableObjects> table;
};

// The event type this watch sends for the change, or nullopt when it does not concern it.
std::optional<EventType> select_event(const WatchRequest& watch, const ChangeEvent& event);

}  // namespace ckpt::kubeapi
