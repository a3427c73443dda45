// Compares Kubernetes objects rendered by two tools (kustomize and Helm) by what they
// mean, not how they are printed: each object read as Kubernetes tooling reads YAML
// (support/yaml_json.hpp: 8443, "8443" and 0x20FB differ or agree as the API server would
// see them), objects compared key by key, arrays in order. comparable() first removes what
// only says which tool rendered an object.
#pragma once

#include <yaml-cpp/yaml.h>

#include <boost/json/value.hpp>
#include <map>
#include <string>
#include <vector>

namespace ckpt::test {

// Where `actual` differs from `expected`, one line per difference with its path
// ("spec.template.spec.volumes[0].name: expected "config", got "cfg"").
std::vector<std::string> differences(const boost::json::value& expected, const boost::json::value& actual);

// A rendered object as JSON that can be compared with the same object from another tool:
// Helm's release labels (helm.sh/chart, app.kubernetes.io/instance, version, managed-by)
// removed from every labels, matchLabels and (Service) selector object, the pod
// template's checksum/config and the claim's helm.sh/resource-policy annotations removed, every string equal to a key
// of `renamed` replaced by its value (kustomize's hashed ConfigMap names), and a ConfigMap's config.yaml parsed.
boost::json::value comparable(const YAML::Node& object, const std::map<std::string, std::string>& renamed = {});

}  // namespace ckpt::test
