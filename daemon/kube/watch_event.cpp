#include "kube/watch_event.hpp"

#include <array>
#include <utility>

#include "codec/strict_json.hpp"

namespace ckpt::kube {
namespace {

constexpr std::array<std::pair<std::string_view, WatchEventType>, 4> kTypes{{
    {"ADDED", WatchEventType::added},
    {"MODIFIED", WatchEventType::modified},
    {"DELETED", WatchEventType::deleted},
    {"BOOKMARK", WatchEventType::bookmark},
}};

Error malformed(std::string_view line, std::string_view why) {
  constexpr std::size_t kQuoted = 120;
  std::string quoted(line.substr(0, kQuoted));
  if (line.size() > kQuoted) quoted += "...";
  return make_error(ErrorCode::engine_error,
                    "the Kubernetes API sent a watch event that " + std::string(why) + ": " + quoted);
}

std::string text_of(const boost::json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value && value->is_string() ? std::string(value->get_string()) : std::string();
}

}  // namespace

std::string_view to_string(WatchEventType type) {
  for (const auto& [name, value] : kTypes) {
    if (value == type) return name;
  }
  return "UNKNOWN";
}

std::string metadata_field(const boost::json::object& object, std::string_view field) {
  const auto* metadata = object.if_contains("metadata");
  if (!metadata || !metadata->is_object()) return {};
  return text_of(metadata->get_object(), field);
}

Result<std::variant<WatchEvent, WatchErrorEvent>> parse_watch_line(std::string_view line) {
  auto parsed = codec::parse_strict_json(line, ErrorCode::engine_error);
  if (!parsed) return malformed(line, parsed.error().message);
  if (!parsed->is_object()) return malformed(line, "is not a JSON object");
  auto& event = parsed->as_object();
  const std::string type = text_of(event, "type");
  auto* object = event.if_contains("object");
  if (!object || !object->is_object()) return malformed(line, "has no object");
  if (type == "ERROR") {
    const auto& status = object->get_object();
    WatchErrorEvent error;
    if (const auto* code = status.if_contains("code"); code && code->is_int64()) {
      error.code = static_cast<int>(code->get_int64());
    }
    error.reason = text_of(status, "reason");
    error.message = text_of(status, "message");
    return std::variant<WatchEvent, WatchErrorEvent>(std::move(error));
  }
  for (const auto& [name, value] : kTypes) {
    if (name == type) {
      return std::variant<WatchEvent, WatchErrorEvent>(WatchEvent{value, std::move(object->as_object())});
    }
  }
  return malformed(line, "has an unknown type \"" + type + "\"");
}

}  // namespace ckpt::kube
