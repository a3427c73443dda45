#include "kubeapi/server/structural_walk.hpp"

#include <string_view>

#include "kubeapi/server/json_fields.hpp"

namespace ckpt::kubeapi {
namespace {

bool additional_allowed(const boost::json::object& schema) {
  return true_field(schema, "additionalProperties") ||
         true_field(schema, "x-kubernetes-preserve-unknown-fields");
}

// Visits unknown fields; erases them when `erase`, else records their paths.
void walk_unknown(const boost::json::object& schema, boost::json::value& value, const std::string& path,
                  bool root, bool erase, std::vector<std::string>& found) {
  if (value.is_array()) {
    const auto* items = object_field(schema, "items");
    if (!items) return;
    auto& array = value.get_array();
    for (std::size_t index = 0; index < array.size(); ++index) {
      walk_unknown(*items, array[index], entry_path(path, std::to_string(index)), false, erase, found);
    }
    return;
  }
  if (!value.is_object()) return;
  const auto* properties = object_field(schema, "properties");
  const auto* additional = object_field(schema, "additionalProperties");
  auto& object = value.get_object();
  std::vector<std::string> unknown;
  for (auto& [key, child] : object) {
    if (root && key == "metadata") continue;
    if (const auto* property = properties ? object_field(*properties, key) : nullptr) {
      walk_unknown(*property, child, child_path(path, key), false, erase, found);
    } else if (additional) {
      walk_unknown(*additional, child, entry_path(path, key), false, erase, found);
    } else if (!additional_allowed(schema)) {
      unknown.emplace_back(key);
    }
  }
  for (const auto& key : unknown) {
    if (erase) {
      object.erase(key);
    } else {
      found.push_back(child_path(path, key));
    }
  }
}

}  // namespace

std::string child_path(const std::string& parent, std::string_view name) {
  return parent.empty() ? std::string(name) : parent + "." + std::string(name);
}

std::string entry_path(const std::string& parent, std::string_view key) {
  return parent + "[" + std::string(key) + "]";
}

std::vector<std::string> find_unknown_fields(const boost::json::object& schema,
                                             const boost::json::value& object) {
  std::vector<std::string> found;
  boost::json::value copy = object;  // the walk is shared with pruning; nothing is erased here
  walk_unknown(schema, copy, "", true, false, found);
  return found;
}

void prune_unknown_fields(const boost::json::object& schema, boost::json::value& object) {
  std::vector<std::string> unused;
  walk_unknown(schema, object, "", true, true, unused);
}

void apply_schema_defaults(const boost::json::object& schema, boost::json::value& object) {
  if (object.is_array()) {
    if (const auto* items = object_field(schema, "items")) {
      for (auto& item : object.get_array()) apply_schema_defaults(*items, item);
    }
    return;
  }
  if (!object.is_object()) return;
  auto& fields = object.get_object();
  if (const auto* properties = object_field(schema, "properties")) {
    for (const auto& [name, property] : *properties) {
      if (!property.is_object()) continue;
      const auto& property_schema = property.get_object();
      const auto* default_value = property_schema.if_contains("default");
      auto* present = fields.if_contains(name);
      if (!present) {
        if (default_value) fields[name] = *default_value;
      } else if (present->is_null() && !true_field(property_schema, "nullable")) {
        if (default_value) {
          *present = *default_value;
        } else {
          fields.erase(name);
        }
      }
    }
  }
  const auto* properties = object_field(schema, "properties");
  const auto* additional = object_field(schema, "additionalProperties");
  for (auto& [key, child] : fields) {
    if (const auto* property = properties ? object_field(*properties, key) : nullptr) {
      apply_schema_defaults(*property, child);
    } else if (additional) {
      apply_schema_defaults(*additional, child);
    }
  }
}

}  // namespace ckpt::kubeapi
