#include "flags/deployment_env.hpp"

#include <boost/json/array.hpp>
#include <vector>

#include "flags/name_list.hpp"

namespace ckpt::flags {
namespace {

namespace json = boost::json;

std::string text_of(const json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value != nullptr && value->is_string() ? std::string(value->get_string()) : std::string();
}

// The container's object inside `deployment`.
Result<json::object*> find_container(json::object& deployment, std::string_view container) {
  json::object* at = &deployment;
  for (const std::string_view key : {"spec", "template", "spec"}) {
    auto* next = at->if_contains(key);
    at = next != nullptr && next->is_object() ? &next->get_object() : nullptr;
    if (at == nullptr) break;
  }
  auto* containers = at != nullptr ? at->if_contains("containers") : nullptr;
  if (containers == nullptr || !containers->is_array()) {
    return make_error(ErrorCode::engine_error, "Deployment has no spec.template.spec.containers list");
  }
  std::vector<std::string> names;
  for (auto& entry : containers->get_array()) {
    if (!entry.is_object()) continue;
    names.push_back(text_of(entry.get_object(), "name"));
    if (names.back() == container) return &entry.get_object();
  }
  return make_error(ErrorCode::not_found, "Deployment has no container \"" + std::string(container) +
                                              "\" (containers: " + name_list(names) + ")");
}

// The container's env entries named `variable`; an error when one of them uses valueFrom.
Result<std::vector<json::object*>> variable_entries(json::object& container, std::string_view container_name,
                                                    std::string_view variable) {
  std::vector<json::object*> entries;
  auto* env = container.if_contains("env");
  if (env == nullptr || !env->is_array()) return entries;
  for (auto& entry : env->get_array()) {
    if (!entry.is_object() || text_of(entry.get_object(), "name") != variable) continue;
    if (entry.get_object().contains("valueFrom")) {
      return make_error(ErrorCode::engine_error,
                        "env var " + std::string(variable) + " of container \"" + std::string(container_name) +
                            "\" is set through valueFrom; change it where it points (a ConfigMap or Secret) or "
                            "configure that as the flag's backend");
    }
    entries.push_back(&entry.get_object());
  }
  return entries;
}

}  // namespace

Result<std::string> container_env_value(const json::object& deployment, std::string_view container,
                                        std::string_view variable) {
  json::object copy = deployment;
  auto found = find_container(copy, container);
  if (!found) return std::move(found).error();
  auto entries = variable_entries(**found, container, variable);
  if (!entries) return std::move(entries).error();
  if (entries->empty()) {
    return make_error(ErrorCode::not_found, "env var " + std::string(variable) + " of container \"" +
                                                std::string(container) + "\" is not set");
  }
  return text_of(*entries->back(), "value");
}

Result<bool> set_container_env(json::object& deployment, std::string_view container, std::string_view variable,
                               std::string_view value) {
  auto found = find_container(deployment, container);
  if (!found) return std::move(found).error();
  auto entries = variable_entries(**found, container, variable);
  if (!entries) return std::move(entries).error();
  if (entries->empty()) {
    auto& env = (**found)["env"];
    if (!env.is_array()) env = json::array();
    env.get_array().push_back(json::object{{"name", variable}, {"value", value}});
    return true;
  }
  bool changed = false;
  for (auto* entry : *entries) {
    const auto* current = entry->if_contains("value");
    if (current != nullptr && current->is_string() && current->get_string() == value) continue;
    (*entry)["value"] = value;
    changed = true;
  }
  return changed;
}

}  // namespace ckpt::flags
