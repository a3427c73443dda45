// Lookups in a rendered pod spec (containers, env, volumes, mounts) and the check that
// every container of a pod runs restricted (the Pod Security "restricted" essentials).
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <string_view>
#include <vector>

namespace ckpt::test {

// The init containers followed by the containers.
std::vector<YAML::Node> all_containers(const YAML::Node& pod_spec);

// The container named `name` among all_containers; undefined when absent.
YAML::Node container_named(const YAML::Node& pod_spec, std::string_view name);

// The literal `value` of the container's environment variable; empty when absent.
std::string env_value(const YAML::Node& container, std::string_view name);

YAML::Node volume_named(const YAML::Node& pod_spec, std::string_view name);

// The container's mount whose mountPath is `path` or a parent directory of it
// (the deepest such mount); undefined when none covers it.
YAML::Node mount_covering(const YAML::Node& container, const std::string& path);

// Adds a gtest failure for each container of the pod that is not restricted: non-root,
// no privilege escalation, read-only root filesystem, all capabilities dropped and none
// added, not privileged, seccomp RuntimeDefault (pod or container level).
void expect_restricted(const YAML::Node& pod_spec, std::string_view owner);

}  // namespace ckpt::test
