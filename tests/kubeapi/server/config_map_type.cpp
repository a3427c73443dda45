// core v1 ConfigMap as the API server serves it: data values are strings and binaryData
// values base64 (anything else is a decoding error, 400), keys are config keys and not in
// both maps, the whole is at most 1 MiB (422 Invalid); "kubectl get configmap" prints
// NAME DATA AGE.
#include <boost/json/value.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "kubeapi/server/api_errors.hpp"
#include "kubeapi/server/base64.hpp"
#include "kubeapi/server/builtin_types.hpp"
#include "kubeapi/server/field_error.hpp"
#include "kubeapi/server/json_fields.hpp"

namespace ckpt::kubeapi {
namespace {

namespace json = boost::json;

constexpr std::size_t kMaxConfigMapBytes = 1024 * 1024;

constexpr std::string_view kSchema = R"(
type: object
properties:
  apiVersion: {type: string}
  kind: {type: string}
  metadata: {type: object}
  data:
    type: object
    additionalProperties: {type: string}
  binaryData:
    type: object
    additionalProperties: {type: string, format: byte}
  immutable: {type: boolean}
)";

constexpr std::string_view kDataDescription =
    "Data contains the configuration data. Each key must consist of alphanumeric characters, '-', '_' or '.'. "
    "Values with non-UTF-8 byte sequences must use the BinaryData field. The keys stored in Data must not "
    "overlap with the keys in the BinaryData field, this is enforced during validation process.";

// How Go's encoding/json names a JSON value's kind in "cannot unmarshal <kind> into ...".
std::string json_kind(const json::value& value) {
  if (value.is_object()) return "object";
  if (value.is_array()) return "array";
  if (value.is_bool()) return "bool";
  if (value.is_string()) return "string";
  return "number";
}

Error decoding_error(const std::string& reason) {
  return api_error(reason::kBadRequest, "ConfigMap in version \"v1\" cannot be handled as a ConfigMap: " + reason);
}

bool is_config_key(std::string_view key) {
  if (key.empty() || key.size() > 253 || key == "." || key == "..") return false;
  for (const char c : key) {
    const bool allowed =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    if (!allowed) return false;
  }
  return true;
}

// data or binaryData as Go would decode it; null values become "" as they do there.
Result<void> check_decodable_map(json::object& object, std::string_view field, bool base64) {
  auto* map = object.if_contains(field);
  if (map == nullptr || map->is_null()) return {};
  const std::string go_field = "Go struct field ConfigMap." + std::string(field);
  if (!map->is_object()) {
    return decoding_error("json: cannot unmarshal " + json_kind(*map) + " into " + go_field + " of type map[string]" +
                          (base64 ? "[]uint8" : "string"));
  }
  for (auto& [key, value] : map->get_object()) {
    if (value.is_null()) value = "";
    if (!value.is_string()) {
      return decoding_error("json: cannot unmarshal " + json_kind(value) + " into " + go_field + " of type " +
                            (base64 ? "[]uint8" : "string"));
    }
    if (base64 && !base64_decode(value.get_string())) return decoding_error("illegal base64 data in " + go_field);
  }
  return {};
}

std::vector<FieldError> key_errors(const json::object& config_map) {
  std::vector<FieldError> errors;
  const auto* data = object_field(config_map, "data");
  const auto* binary = object_field(config_map, "binaryData");
  std::size_t bytes = 0;
  for (const auto* map : {data, binary}) {
    if (map == nullptr) continue;
    const std::string field = map == data ? "data" : "binaryData";
    for (const auto& [key, value] : *map) {
      const std::string path = field + "[" + std::string(key) + "]";
      bytes += key.size() + value.get_string().size();
      if (!is_config_key(key)) {
        errors.push_back({path, "Invalid value: \"" + std::string(key) +
                                    "\": a valid config key must consist of alphanumeric characters, '-', '_' or "
                                    "'.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for "
                                    "validation is '[-._a-zA-Z0-9]+')"});
      }
      if (map == data && binary != nullptr && binary->contains(key)) {
        errors.push_back({path, "Invalid value: \"" + std::string(key) + "\": duplicate of key present in binaryData"});
      }
    }
  }
  if (bytes > kMaxConfigMapBytes) {
    errors.push_back({"[]", "Too long: must have at most " + std::to_string(kMaxConfigMapBytes) + " bytes"});
  }
  return errors;
}

Result<void> check_config_map(json::object& object) {
  for (const auto& [field, base64] : {std::pair{"data", false}, std::pair{"binaryData", true}}) {
    if (auto decodable = check_decodable_map(object, field, base64); !decodable) return decodable;
  }
  const auto errors = key_errors(object);
  if (!errors.empty()) return invalid_object("ConfigMap", metadata_field(object, "name"), errors);
  return {};
}

json::value key_count(const json::object& config_map) {
  std::int64_t count = 0;
  for (const char* field : {"data", "binaryData"}) {
    if (const auto* map = object_field(config_map, field)) count += static_cast<std::int64_t>(map->size());
  }
  return count;
}

}  // namespace

Result<ResourceType> config_map_type() {
  auto schema = builtin_schema(kSchema);
  if (!schema) return std::move(schema).error();
  ResourceType type;
  type.version = "v1";
  type.plural = "configmaps";
  type.singular = "configmap";
  type.kind = "ConfigMap";
  type.list_kind = "ConfigMapList";
  type.short_names = {"cm"};
  type.printer_columns = {{"Data", "string", "", std::string(kDataDescription), "", 0, key_count},
                          default_age_column()};
  type.schema = std::move(*schema);
  type.normalize = check_config_map;
  type.strategic_merge_patch = true;
  return type;
}

}  // namespace ckpt::kubeapi
