// One line of a Kubernetes watch stream, {"type": ..., "object": {...}}, parsed. Pure.
// ADDED, MODIFIED, DELETED and BOOKMARK become a WatchEvent; ERROR becomes a
// WatchErrorEvent with the Status it carried (code 410 means the resourceVersion the watch
// started from is gone and the caller must list again). Anything else is an engine_error
// that quotes the start of the line, also a line that is not strict JSON
// (codec/strict_json.hpp: e.g. one that names a field twice).
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>
#include <variant>

#include "core/result.hpp"

namespace ckpt::kube {

enum class WatchEventType { added, modified, deleted, bookmark };

// "ADDED", "MODIFIED", "DELETED", "BOOKMARK".
std::string_view to_string(WatchEventType type);

struct WatchEvent {
  WatchEventType type = WatchEventType::added;
  boost::json::object object;
};

struct WatchErrorEvent {
  int code = 0;
  std::string reason;
  std::string message;
};

Result<std::variant<WatchEvent, WatchErrorEvent>> parse_watch_line(std::string_view line);

// The object's metadata.<field> when it is a string, else "" (resourceVersion, name, ...).
std::string metadata_field(const boost::json::object& object, std::string_view field);

}  // namespace ckpt::kube
