#include "flags/config_map_data.hpp"

#include <vector>

#include "flags/name_list.hpp"

namespace ckpt::flags {

Result<std::string> config_map_value(const boost::json::object& config_map, std::string_view key) {
  static const boost::json::object kNoData;
  const auto* data_value = config_map.if_contains("data");
  const auto& data = data_value != nullptr && data_value->is_object() ? data_value->get_object() : kNoData;
  const auto* value = data.if_contains(key);
  if (value == nullptr) {
    std::vector<std::string> keys;
    for (const auto& member : data) keys.emplace_back(member.key());
    return make_error(ErrorCode::not_found,
                      "ConfigMap has no key " + std::string(key) + " (keys: " + name_list(keys) + ")");
  }
  if (!value->is_string()) {
    return make_error(ErrorCode::engine_error, "ConfigMap's data." + std::string(key) + " is not a string");
  }
  return std::string(value->get_string());
}

boost::json::object config_map_value_patch(std::string_view key, std::string_view value) {
  boost::json::object data;
  data[key] = value;
  return {{"data", std::move(data)}};
}

}  // namespace ckpt::flags
