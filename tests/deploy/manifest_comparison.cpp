#include "deploy/manifest_comparison.hpp"

#include <array>
#include <boost/json/serialize.hpp>
#include <string_view>

#include "support/yaml_json.hpp"

namespace ckpt::test {
namespace {

std::string printed(const boost::json::value& value) {
  return boost::json::serialize(value);
}

void compare(const boost::json::value& expected, const boost::json::value& actual, const std::string& path,
             std::vector<std::string>& found) {
  const auto where = path.empty() ? std::string{"(object)"} : path;
  if (expected.kind() != actual.kind() && !(expected.is_number() && actual.is_number())) {
    found.push_back(where + ": expected " + printed(expected) + ", got " + printed(actual));
  } else if (expected.is_array()) {
    const auto& expected_items = expected.get_array();
    const auto& actual_items = actual.get_array();
    if (expected_items.size() != actual_items.size()) {
      found.push_back(where + ": expected " + std::to_string(expected_items.size()) + " items, got " +
                      std::to_string(actual_items.size()) + ": " + printed(actual));
      return;
    }
    for (std::size_t i = 0; i < expected_items.size(); ++i) {
      compare(expected_items[i], actual_items[i], path + "[" + std::to_string(i) + "]", found);
    }
  } else if (expected.is_object()) {
    const auto prefix = path.empty() ? std::string{} : path + ".";
    const auto& actual_fields = actual.get_object();
    for (const auto& [key, value] : expected.get_object()) {
      if (const auto* counterpart = actual_fields.if_contains(key)) {
        compare(value, *counterpart, prefix + std::string{key}, found);
      } else {
        found.push_back(prefix + std::string{key} + ": expected " + printed(value) + ", got nothing");
      }
    }
    for (const auto& [key, value] : actual_fields) {
      if (!expected.get_object().contains(key)) {
        found.push_back(prefix + std::string{key} + ": not expected, got " + printed(value));
      }
    }
  } else if (expected != actual) {
    found.push_back(where + ": expected " + printed(expected) + ", got " + printed(actual));
  }
}

constexpr std::array<std::string_view, 4> kReleaseLabels{"helm.sh/chart", "app.kubernetes.io/instance",
                                                         "app.kubernetes.io/version", "app.kubernetes.io/managed-by"};

constexpr std::array<std::string_view, 2> kHelmAnnotations{"checksum/config", "helm.sh/resource-policy"};

// Rewrites `value` in place: release labels out, renamed strings replaced.
void normalize(boost::json::value& value, const std::map<std::string, std::string>& renamed) {
  if (value.is_string()) {
    const auto rename = renamed.find(std::string{value.get_string()});
    if (rename != renamed.end()) value = rename->second;
  } else if (value.is_array()) {
    for (auto& item : value.get_array()) normalize(item, renamed);
  } else if (value.is_object()) {
    auto& fields = value.get_object();
    for (const auto* label_object : {"labels", "matchLabels", "selector"}) {
      if (auto* labels = fields.if_contains(label_object); labels != nullptr && labels->is_object()) {
        for (const auto label : kReleaseLabels) labels->get_object().erase(label);
      }
    }
    if (auto* annotations = fields.if_contains("annotations"); annotations != nullptr && annotations->is_object()) {
      for (const auto annotation : kHelmAnnotations) annotations->get_object().erase(annotation);
      if (annotations->get_object().empty()) fields.erase("annotations");
    }
    for (auto& field : fields) normalize(field.value(), renamed);
  }
}

}  // namespace

std::vector<std::string> differences(const boost::json::value& expected, const boost::json::value& actual) {
  std::vector<std::string> found;
  compare(expected, actual, "", found);
  return found;
}

boost::json::value comparable(const YAML::Node& object, const std::map<std::string, std::string>& renamed) {
  auto value = yaml_to_json(object);
  normalize(value, renamed);
  auto* config = value.is_object() ? value.get_object().if_contains("data") : nullptr;
  if (config != nullptr && config->is_object()) {
    if (auto* file = config->get_object().if_contains("config.yaml"); file != nullptr && file->is_string()) {
      *file = yaml_to_json(std::string{file->get_string()});
    }
  }
  return value;
}

}  // namespace ckpt::test
