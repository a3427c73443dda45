#include "deploy/pod_spec.hpp"

#include <gtest/gtest.h>

#include "deploy/rendered_manifests.hpp"

namespace ckpt::test {
namespace {

YAML::Node named_item(const YAML::Node& sequence, std::string_view name) {
  for (const auto& item : sequence) {
    if (item["name"].as<std::string>("") == name) return item;
  }
  return YAML::Node{YAML::NodeType::Undefined};
}

bool covers(const std::string& mount_path, const std::string& path) {
  return path == mount_path || path.starts_with(mount_path + "/");
}

}  // namespace

std::vector<YAML::Node> all_containers(const YAML::Node& pod_spec) {
  std::vector<YAML::Node> containers;
  for (const auto& container : pod_spec["initContainers"]) containers.push_back(container);
  for (const auto& container : pod_spec["containers"]) containers.push_back(container);
  return containers;
}

YAML::Node container_named(const YAML::Node& pod_spec, std::string_view name) {
  for (const auto& container : all_containers(pod_spec)) {
    if (container["name"].as<std::string>("") == name) return container;
  }
  return YAML::Node{YAML::NodeType::Undefined};
}

std::string env_value(const YAML::Node& container, std::string_view name) {
  const YAML::Node variable = named_item(container["env"], name);
  return variable["value"].as<std::string>("");
}

YAML::Node volume_named(const YAML::Node& pod_spec, std::string_view name) {
  return named_item(pod_spec["volumes"], name);
}

YAML::Node mount_covering(const YAML::Node& container, const std::string& path) {
  YAML::Node deepest{YAML::NodeType::Undefined};
  std::size_t deepest_length = 0;
  for (const auto& mount : container["volumeMounts"]) {
    const auto mount_path = mount["mountPath"].as<std::string>("");
    if (covers(mount_path, path) && mount_path.size() >= deepest_length) {
      deepest.reset(mount);
      deepest_length = mount_path.size();
    }
  }
  return deepest;
}

void expect_restricted(const YAML::Node& pod_spec, std::string_view owner) {
  const auto pod = lookup(pod_spec, {"securityContext"});
  const auto setting = [&pod](const YAML::Node& container, std::initializer_list<std::string_view> path) {
    const auto own = lookup(lookup(container, {"securityContext"}), path);
    return own.IsDefined() ? own : lookup(pod, path);
  };
  for (const auto& container : all_containers(pod_spec)) {
    const auto context = lookup(container, {"securityContext"});
    const auto where = std::string{owner} + " container " + container["name"].as<std::string>("?");
    EXPECT_TRUE(setting(container, {"runAsNonRoot"}).as<bool>(false)) << where << ": runAsNonRoot is not true";
    EXPECT_NE(setting(container, {"runAsUser"}).as<long>(-1), 0) << where << ": runs as root";
    EXPECT_FALSE(lookup(context, {"allowPrivilegeEscalation"}).as<bool>(true)) << where << ": allowPrivilegeEscalation";
    EXPECT_TRUE(lookup(context, {"readOnlyRootFilesystem"}).as<bool>(false)) << where << ": root filesystem writable";
    EXPECT_FALSE(lookup(context, {"privileged"}).as<bool>(false)) << where << ": privileged";
    EXPECT_EQ(strings_of(lookup(context, {"capabilities", "drop"})), std::vector<std::string>{"ALL"}) << where;
    EXPECT_TRUE(strings_of(lookup(context, {"capabilities", "add"})).empty()) << where << ": adds capabilities";
    EXPECT_EQ(setting(container, {"seccompProfile", "type"}).as<std::string>(""), "RuntimeDefault") << where;
  }
}

}  // namespace ckpt::test
