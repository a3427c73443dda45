#include "kubeapi/server/discovery.hpp"

#include <boost/json/array.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace ckpt::kubeapi {
namespace {

boost::json::array string_array(const std::vector<std::string>& strings) {
  boost::json::array array;
  for (const auto& text : strings) array.emplace_back(text);
  return array;
}

// The non-core groups in registry order, each with its versions.
std::vector<std::pair<std::string, std::vector<std::string>>> groups_of(const TypeRegistry& types) {
  std::vector<std::pair<std::string, std::vector<std::string>>> groups;
  for (const auto& type : types.types()) {
    if (type->group.empty()) continue;
    auto group = std::find_if(groups.begin(), groups.end(),
                              [&](const auto& entry) { return entry.first == type->group; });
    if (group == groups.end()) group = groups.insert(groups.end(), {type->group, {}});
    if (std::find(group->second.begin(), group->second.end(), type->version) == group->second.end()) {
      group->second.push_back(type->version);
    }
  }
  return groups;
}

boost::json::object group_document(const std::string& name, const std::vector<std::string>& versions) {
  boost::json::array listed;
  for (const auto& version : versions)
    listed.push_back({{"groupVersion", name + "/" + version}, {"version", version}});
  return {
      {"name", name},
      {"versions", listed},
      {"preferredVersion", {{"groupVersion", name + "/" + versions.front()}, {"version", versions.front()}}}};
}

boost::json::object resource_entry(const ResourceType& type) {
  boost::json::object entry{{"name", type.plural},
                            {"singularName", type.singular},
                            {"namespaced", type.namespaced},
                            {"kind", type.kind},
                            {"verbs", string_array(type.verbs)}};
  if (!type.short_names.empty()) entry["shortNames"] = string_array(type.short_names);
  if (!type.categories.empty()) entry["categories"] = string_array(type.categories);
  return entry;
}

boost::json::object status_entry(const ResourceType& type) {
  return {{"name", type.plural + "/status"},
          {"singularName", ""},
          {"namespaced", type.namespaced},
          {"kind", type.kind},
          {"verbs", boost::json::array{"get", "patch", "update"}}};
}

}  // namespace

boost::json::object version_document() {
  const std::string version = "v1." + std::string(kServedMinorVersion) + ".0";
  return {{"major", "1"},
          {"minor", kServedMinorVersion},
          {"gitVersion", version},
          {"gitCommit", "checkpointd-test-server"},
          {"gitTreeState", "clean"},
          {"buildDate", "2026-01-01T00:00:00Z"},
          {"goVersion", "go1.23.0"},
          {"compiler", "gc"},
          {"platform", "linux/amd64"}};
}

boost::json::object api_versions_document() {
  return {{"kind", "APIVersions"},
          {"versions", boost::json::array{"v1"}},
          {"serverAddressByClientCIDRs", boost::json::array{}}};
}

boost::json::object api_group_list(const TypeRegistry& types) {
  boost::json::array groups;
  for (const auto& [name, versions] : groups_of(types)) groups.push_back(group_document(name, versions));
  return {{"kind", "APIGroupList"}, {"apiVersion", "v1"}, {"groups", std::move(groups)}};
}

std::optional<boost::json::object> api_group(const TypeRegistry& types, std::string_view group) {
  for (const auto& [name, versions] : groups_of(types)) {
    if (name != group) continue;
    auto document = group_document(name, versions);
    document["kind"] = "APIGroup";
    document["apiVersion"] = "v1";
    return document;
  }
  return std::nullopt;
}

std::optional<boost::json::object> api_resource_list(const TypeRegistry& types, std::string_view group,
                                                     std::string_view version) {
  boost::json::array resources;
  for (const auto& type : types.types()) {
    if (type->group != group || type->version != version) continue;
    resources.push_back(resource_entry(*type));
    if (type->status_subresource) resources.push_back(status_entry(*type));
  }
  if (resources.empty()) return std::nullopt;
  const std::string group_version =
      group.empty() ? std::string(version) : std::string(group) + "/" + std::string(version);
  return boost::json::object{{"kind", "APIResourceList"},
                             {"apiVersion", "v1"},
                             {"groupVersion", group_version},
                             {"resources", std::move(resources)}};
}

}  // namespace ckpt::kubeapi
