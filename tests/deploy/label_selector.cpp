#include "deploy/label_selector.hpp"

#include <algorithm>

namespace ckpt::test {
namespace {

bool holds(const YAML::Node& requirement, const Labels& labels) {
  const auto key = requirement["key"].as<std::string>("");
  const auto op = requirement["operator"].as<std::string>("");
  const auto found = labels.find(key);
  const auto in_values = [&] {
    if (found == labels.end()) return false;
    const auto& values = requirement["values"];
    return std::any_of(values.begin(), values.end(),
                       [&](const YAML::Node& value) { return value.as<std::string>("") == found->second; });
  };
  if (op == "In") return in_values();
  if (op == "NotIn") return !in_values();
  if (op == "Exists") return found != labels.end();
  if (op == "DoesNotExist") return found == labels.end();
  return false;
}

}  // namespace

Labels labels_of(const YAML::Node& metadata) {
  Labels labels;
  for (const auto& label : metadata["labels"]) labels[label.first.as<std::string>()] = label.second.as<std::string>();
  return labels;
}

bool selects(const YAML::Node& selector, const Labels& labels) {
  if (!selector.IsDefined()) return false;
  for (const auto& label : selector["matchLabels"]) {
    const auto found = labels.find(label.first.as<std::string>());
    if (found == labels.end() || found->second != label.second.as<std::string>()) return false;
  }
  for (const auto& requirement : selector["matchExpressions"]) {
    if (!holds(requirement, labels)) return false;
  }
  return true;
}

}  // namespace ckpt::test
