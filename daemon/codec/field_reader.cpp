#include "codec/field_reader.hpp"

#include <algorithm>

#include "core/duration.hpp"
#include "core/lsn.hpp"
#include "core/time_format.hpp"

namespace ckpt::codec {

namespace json = boost::json;

std::string_view json_kind_name(const json::value& value) {
  switch (value.kind()) {
    case json::kind::null: return "null";
    case json::kind::bool_: return "boolean";
    case json::kind::int64:
    case json::kind::uint64:
    case json::kind::double_: return "number";
    case json::kind::string: return "string";
    case json::kind::array: return "array";
    case json::kind::object: return "object";
  }
  return "unknown";
}

FieldReader::FieldReader(const json::object& object, std::string path, ErrorCode code)
    : object_(object), path_(std::move(path)), code_(code) {}

std::string FieldReader::path_of(std::string_view key) const {
  return path_.empty() ? std::string{key} : path_ + "." + std::string{key};
}

void FieldReader::fail(Error error) {
  if (!error_) error_ = std::move(error);
}

void FieldReader::fail_missing(std::string_view key) {
  fail(make_error(code_, "missing field '" + path_of(key) + "'"));
}

void FieldReader::fail_field(std::string_view key, std::string_view requirement) {
  fail(make_error(code_, "field '" + path_of(key) + "' " + std::string{requirement}));
}

void FieldReader::reject_unknown(std::initializer_list<std::string_view> known) {
  for (const auto& entry : object_) {
    const std::string_view key = entry.key();
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      fail(make_error(code_, "unknown field '" + path_of(key) + "' in request body"));
      return;
    }
  }
}

const json::value* FieldReader::find(std::string_view key, Presence presence, json::kind expected,
                                     std::string_view kind_name) {
  const json::value* value = object_.if_contains(key);
  if (value == nullptr) {
    if (presence == Presence::required) fail_missing(key);
    return nullptr;
  }
  if (value->kind() != expected) {
    fail_field(key, "must be " + std::string{kind_name} + ", got " + std::string{json_kind_name(*value)});
    return nullptr;
  }
  return value;
}

std::optional<std::string> FieldReader::string_if_present(std::string_view key) {
  const auto* value = find(key, Presence::optional, json::kind::string, "a string");
  if (value == nullptr) return std::nullopt;
  return std::string{value->get_string()};
}

std::string FieldReader::required_string(std::string_view key) {
  const auto* value = find(key, Presence::required, json::kind::string, "a string");
  return value == nullptr ? std::string{} : std::string{value->get_string()};
}

std::string FieldReader::optional_string(std::string_view key) {
  return string_if_present(key).value_or(std::string{});
}

bool FieldReader::required_bool(std::string_view key) {
  const auto* value = find(key, Presence::required, json::kind::bool_, "a boolean");
  return value != nullptr && value->get_bool();
}

bool FieldReader::optional_bool(std::string_view key, bool fallback) {
  const auto* value = find(key, Presence::optional, json::kind::bool_, "a boolean");
  return value == nullptr ? fallback : value->get_bool();
}

std::uint64_t FieldReader::required_unsigned(std::string_view key, std::uint64_t max) {
  if (!object_.contains(key)) {
    fail_missing(key);
    return 0;
  }
  return optional_unsigned(key, max).value_or(0);
}

std::optional<std::uint64_t> FieldReader::optional_unsigned(std::string_view key, std::uint64_t max) {
  const json::value* value = object_.if_contains(key);
  if (value == nullptr) return std::nullopt;
  if (value->is_uint64() && value->get_uint64() <= max) return value->get_uint64();
  if (value->is_int64() && value->get_int64() >= 0 &&
      static_cast<std::uint64_t>(value->get_int64()) <= max) {
    return static_cast<std::uint64_t>(value->get_int64());
  }
  fail_field(key, "must be an integer from 0 to " + std::to_string(max));
  return std::nullopt;
}

int FieldReader::required_int(std::string_view key, int min, int max) {
  const json::value* value = object_.if_contains(key);
  if (value == nullptr) {
    fail_missing(key);
    return 0;
  }
  if (value->is_int64() && value->get_int64() >= min && value->get_int64() <= max) {
    return static_cast<int>(value->get_int64());
  }
  if (value->is_uint64() && value->get_uint64() <= static_cast<std::uint64_t>(max) && max >= 0) {
    return static_cast<int>(value->get_uint64());
  }
  fail_field(key, "must be an integer from " + std::to_string(min) + " to " + std::to_string(max));
  return 0;
}

std::optional<double> FieldReader::optional_number(std::string_view key) {
  const json::value* value = object_.if_contains(key);
  if (value == nullptr) return std::nullopt;
  if (value->is_double()) return value->get_double();
  if (value->is_int64()) return static_cast<double>(value->get_int64());
  if (value->is_uint64()) return static_cast<double>(value->get_uint64());
  fail_field(key, "must be a number, got " + std::string{json_kind_name(*value)});
  return std::nullopt;
}

std::optional<TimePoint> FieldReader::optional_time(std::string_view key) {
  if (!object_.contains(key)) return std::nullopt;
  return required_time(key);
}

TimePoint FieldReader::required_time(std::string_view key) {
  const auto text = required_string(key);
  if (!ok()) return TimePoint{};
  const auto at = parse_rfc3339(text);
  if (!at) {
    fail_field(key, "must be an RFC 3339 time such as 2026-11-21T06:48:15.123456Z, got '" + text + "'");
    return TimePoint{};
  }
  return *at;
}

Lsn FieldReader::required_lsn(std::string_view key) {
  const auto text = required_string(key);
  if (!ok()) return Lsn{};
  const auto lsn = parse_lsn(text);
  if (!lsn) {
    fail_field(key, "must be an LSN such as 16/B374D848, got '" + text + "'");
    return Lsn{};
  }
  return *lsn;
}

std::optional<Millis> FieldReader::optional_duration(std::string_view key) {
  const auto text = string_if_present(key);
  if (!text) return std::nullopt;
  const auto duration = parse_duration(*text);
  if (!duration) {
    fail_field(key, "must be a duration such as 24h or 90m, got '" + *text + "'");
    return std::nullopt;
  }
  return duration;
}

Millis FieldReader::required_duration(std::string_view key) {
  if (object_.if_contains(key) == nullptr) {
    fail_missing(key);
    return Millis{0};
  }
  return optional_duration(key).value_or(Millis{0});
}

const json::object* FieldReader::object_field(std::string_view key, Presence presence) {
  const auto* value = find(key, presence, json::kind::object, "an object");
  return value == nullptr ? nullptr : &value->get_object();
}

const json::array* FieldReader::required_array(std::string_view key) {
  const auto* value = find(key, Presence::required, json::kind::array, "an array");
  return value == nullptr ? nullptr : &value->get_array();
}

const json::array* FieldReader::array_field(std::string_view key, Presence presence) {
  const auto* value = find(key, presence, json::kind::array, "an array");
  return value == nullptr ? nullptr : &value->get_array();
}

std::string FieldReader::item_path_of(std::string_view key, std::size_t index) const {
  return path_of(key) + "[" + std::to_string(index) + "]";
}

const json::object* FieldReader::item_object(const json::value& item, const std::string& item_path) {
  if (item.is_object()) return &item.get_object();
  fail(make_error(code_, "field '" + item_path + "' must be an object, got " + std::string{json_kind_name(item)}));
  return nullptr;
}

std::vector<std::string> FieldReader::string_items(std::string_view key, Presence presence) {
  std::vector<std::string> items;
  const json::array* array = array_field(key, presence);
  if (array == nullptr) return items;
  for (std::size_t i = 0; i < array->size() && ok(); ++i) {
    const json::value& item = (*array)[i];
    if (!item.is_string()) {
      fail(make_error(code_, "field '" + item_path_of(key, i) + "' must be a string, got " +
                                 std::string{json_kind_name(item)}));
      break;
    }
    items.emplace_back(item.get_string());
  }
  return items;
}

}  // namespace ckpt::codec
