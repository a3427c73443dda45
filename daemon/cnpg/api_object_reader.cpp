#include "cnpg/api_object_reader.hpp"

#include "cnpg/json_lookup.hpp"
#include "core/time_format.hpp"

namespace ckpt::cnpg {
namespace {

std::string_view kind_name(const boost::json::value& value) {
  switch (value.kind()) {
    case boost::json::kind::null: return "null";
    case boost::json::kind::bool_: return "boolean";
    case boost::json::kind::int64:
    case boost::json::kind::uint64:
    case boost::json::kind::double_: return "number";
    case boost::json::kind::string: return "string";
    case boost::json::kind::array: return "array";
    case boost::json::kind::object: return "object";
  }
  return "value";
}

}  // namespace

ApiObjectReader::ApiObjectReader(std::string_view kind, const boost::json::object& api_object)
    : root_(api_object),
      name_(string_at(object_at(&api_object, "metadata"), "name")),
      namespace_(string_at(object_at(&api_object, "metadata"), "namespace")),
      label_(std::string{kind} + " " + namespace_ + "/" + name_) {}

std::string ApiObjectReader::path_of(const Section& parent, std::string_view key) {
  return parent.path.empty() ? std::string{key} : parent.path + "." + std::string{key};
}

void ApiObjectReader::fail(const std::string& path, std::string_view problem) {
  if (error_) return;
  error_ = make_error(ErrorCode::engine_error, label_ + ": " + path + " " + std::string{problem});
}

const boost::json::value* ApiObjectReader::find(const Section& parent, std::string_view key,
                                                boost::json::kind expected, std::string_view expected_name) {
  if (parent.object == nullptr) return nullptr;
  const auto* value = parent.object->if_contains(key);
  if (value == nullptr || value->is_null()) return nullptr;
  if (value->kind() != expected) {
    fail(path_of(parent, key), "must be " + std::string{expected_name} + ", got " + std::string{kind_name(*value)});
    return nullptr;
  }
  return value;
}

ApiObjectReader::Section ApiObjectReader::section(const Section& parent, std::string_view key) {
  const auto* value = find(parent, key, boost::json::kind::object, "an object");
  return {value != nullptr ? &value->get_object() : nullptr, path_of(parent, key)};
}

ApiObjectReader::Section ApiObjectReader::element(const boost::json::array& array, const std::string& array_path,
                                                  std::size_t index) {
  const auto path = array_path + "[" + std::to_string(index) + "]";
  const auto& value = array.at(index);
  if (!value.is_object()) {
    fail(path, "must be an object, got " + std::string{kind_name(value)});
    return {nullptr, path};
  }
  return {&value.get_object(), path};
}

std::string ApiObjectReader::string(const Section& parent, std::string_view key) {
  const auto* value = find(parent, key, boost::json::kind::string, "a string");
  return value != nullptr ? std::string{value->get_string()} : std::string{};
}

std::string ApiObjectReader::required_string(const Section& parent, std::string_view key) {
  auto text = string(parent, key);
  if (parent.object != nullptr && text.empty()) fail(path_of(parent, key), "is missing");
  return text;
}

std::optional<std::int64_t> ApiObjectReader::integer(const Section& parent, std::string_view key) {
  if (parent.object == nullptr) return std::nullopt;
  const auto* value = parent.object->if_contains(key);
  if (value == nullptr || value->is_null()) return std::nullopt;
  if (value->is_int64()) return value->get_int64();
  fail(path_of(parent, key), "must be an integer, got " + std::string{kind_name(*value)});
  return std::nullopt;
}

std::optional<Lsn> ApiObjectReader::lsn(const Section& parent, std::string_view key) {
  const auto text = string(parent, key);
  if (text.empty()) return std::nullopt;
  auto parsed = parse_lsn(text);
  if (!parsed) fail(path_of(parent, key), "must be an LSN like 3A/7E000028, got '" + text + "'");
  return parsed;
}

std::optional<TimePoint> ApiObjectReader::time(const Section& parent, std::string_view key) {
  const auto text = string(parent, key);
  if (text.empty()) return std::nullopt;
  auto parsed = parse_rfc3339(text);
  if (!parsed) fail(path_of(parent, key), "must be an RFC 3339 time like 2026-01-15T10:30:01Z, got '" + text + "'");
  return parsed;
}

const boost::json::array* ApiObjectReader::array(const Section& parent, std::string_view key) {
  const auto* value = find(parent, key, boost::json::kind::array, "an array");
  return value != nullptr ? &value->get_array() : nullptr;
}

}  // namespace ckpt::cnpg
