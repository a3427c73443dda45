// Kubernetes namespace and object names in the configuration: the RFC 1123 label rule
// (lowercase letters, digits and '-', alphanumeric at both ends, at most 63 characters),
// which also keeps the names checkpointd derives from them valid.
#pragma once

#include <string>
#include <string_view>

#include "config/yaml_reader.hpp"

namespace ckpt::config {

bool is_kubernetes_name(const std::string& text);

// A map key whose value must be such a name; anything else is a type error naming the rule.
Field kubernetes_name_field(YamlReader& reader, std::string_view key, std::string& out);

}  // namespace ckpt::config
