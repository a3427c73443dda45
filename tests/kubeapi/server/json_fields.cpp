#include "kubeapi/server/json_fields.hpp"

namespace ckpt::kubeapi {

std::string string_field(const boost::json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value && value->is_string() ? std::string(value->get_string()) : std::string();
}

const boost::json::object* object_field(const boost::json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value && value->is_object() ? &value->get_object() : nullptr;
}

bool true_field(const boost::json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value && value->is_bool() && value->get_bool();
}

std::string metadata_field(const boost::json::object& object, std::string_view key) {
  const auto* metadata = object_field(object, "metadata");
  return metadata ? string_field(*metadata, key) : std::string();
}

}  // namespace ckpt::kubeapi
