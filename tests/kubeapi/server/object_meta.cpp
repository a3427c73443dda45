#include "kubeapi/server/object_meta.hpp"

#include <algorithm>
#include <array>
#include <regex>

#include "kubeapi/server/json_fields.hpp"

namespace ckpt::kubeapi {
namespace {

// clang-format off
constexpr std::array<std::string_view, 15> kObjectMetaFields{
    "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation",
    "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations",
    "ownerReferences", "finalizers", "managedFields"};
// clang-format on

constexpr std::string_view kSubdomainHelp =
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must "
    "start "
    "and end with an alphanumeric character (e.g. 'example.com', regex used for validation is "
    "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
constexpr std::string_view kLabelHelp =
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start "
    "and end "
    "with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is "
    "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
constexpr std::string_view kQualifiedNameHelp =
    "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
    "alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
    "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. "
    "'example.com/MyName')";
constexpr std::string_view kLabelValueHelp =
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must "
    "start "
    "and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for "
    "validation "
    "is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

const std::regex kLabelPattern("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
const std::regex kSubdomainPattern(R"([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)");
const std::regex kNamePartPattern("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
const std::regex kLabelValuePattern("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
constexpr std::size_t kMaxAnnotationBytes = 256 * 1024;

std::string quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

bool is_qualified_name(std::string_view text) {
  const auto slash = text.find('/');
  std::string_view name = text;
  if (slash != std::string_view::npos) {
    const auto prefix = text.substr(0, slash);
    if (prefix.empty() || !is_dns1123_subdomain(prefix)) return false;
    name = text.substr(slash + 1);
  }
  return !name.empty() && name.size() <= 63 && std::regex_match(name.begin(), name.end(), kNamePartPattern);
}

void check_string(const boost::json::object& metadata, std::string_view key,
                  std::vector<FieldError>& errors) {
  const auto* value = metadata.if_contains(key);
  if (value && !value->is_string())
    errors.push_back({"metadata." + std::string(key), "Invalid value: must be a string"});
}

// Labels and annotations: a map of strings with qualified-name keys.
void check_string_map(const boost::json::object& metadata, std::string_view key, bool label_values,
                      std::vector<FieldError>& errors) {
  const auto* value = metadata.if_contains(key);
  if (!value || value->is_null()) return;
  const std::string path = "metadata." + std::string(key);
  if (!value->is_object()) {
    errors.push_back({path, "Invalid value: must be a map of strings"});
    return;
  }
  std::size_t total = 0;
  for (const auto& [entry_key, entry_value] : value->get_object()) {
    if (!is_qualified_name(entry_key)) {
      errors.push_back(
          {path, "Invalid value: " + quoted(entry_key) + ": " + std::string(kQualifiedNameHelp)});
    }
    if (!entry_value.is_string()) {
      errors.push_back({path + "[" + std::string(entry_key) + "]", "Invalid value: must be a string"});
      continue;
    }
    const std::string_view text = entry_value.get_string();
    total += entry_key.size() + text.size();
    if (label_values &&
        (text.size() > 63 || !std::regex_match(text.begin(), text.end(), kLabelValuePattern))) {
      errors.push_back({path, "Invalid value: " + quoted(text) + ": " + std::string(kLabelValueHelp)});
    }
  }
  if (!label_values && total > kMaxAnnotationBytes) {
    errors.push_back({path, "Too long: must have at most 262144 bytes"});
  }
}

void check_string_list(const boost::json::object& metadata, std::string_view key,
                       std::vector<FieldError>& errors) {
  const auto* value = metadata.if_contains(key);
  if (!value || value->is_null()) return;
  const bool strings = value->is_array() && std::all_of(value->get_array().begin(), value->get_array().end(),
                                                        [](const auto& item) { return item.is_string(); });
  if (!strings)
    errors.push_back({"metadata." + std::string(key), "Invalid value: must be a list of strings"});
}

void check_owner_references(const boost::json::object& metadata, std::vector<FieldError>& errors) {
  const auto* value = metadata.if_contains("ownerReferences");
  if (!value || value->is_null()) return;
  if (!value->is_array()) {
    errors.push_back({"metadata.ownerReferences", "Invalid value: must be a list"});
    return;
  }
  const auto& references = value->get_array();
  for (std::size_t index = 0; index < references.size(); ++index) {
    const std::string path = "metadata.ownerReferences[" + std::to_string(index) + "]";
    if (!references[index].is_object()) {
      errors.push_back({path, "Invalid value: must be an object"});
      continue;
    }
    for (std::string_view required : {"apiVersion", "kind", "name", "uid"}) {
      const auto* field = references[index].get_object().if_contains(required);
      if (!field || !field->is_string() || field->get_string().empty()) {
        errors.push_back({path + "." + std::string(required), "Required value"});
      }
    }
  }
}

void check_name(const boost::json::object& metadata, NameRule rule, std::vector<FieldError>& errors) {
  const std::string name = string_field(metadata, "name");
  if (name.empty()) {
    if (string_field(metadata, "generateName").empty()) {
      errors.push_back({"metadata.name", "Required value: name or generateName is required"});
    }
    return;
  }
  const bool valid = rule == NameRule::dns_label ? is_dns1123_label(name) : is_dns1123_subdomain(name);
  if (!valid) {
    const auto help = rule == NameRule::dns_label ? kLabelHelp : kSubdomainHelp;
    errors.push_back({"metadata.name", "Invalid value: " + quoted(name) + ": " + std::string(help)});
  }
}

}  // namespace

std::vector<std::string> unknown_metadata_fields(const boost::json::object& metadata) {
  std::vector<std::string> unknown;
  for (const auto& [key, value] : metadata) {
    if (std::find(kObjectMetaFields.begin(), kObjectMetaFields.end(), key) == kObjectMetaFields.end()) {
      unknown.push_back("metadata." + std::string(key));
    }
  }
  return unknown;
}

std::vector<FieldError> validate_object_meta(const boost::json::object& metadata, NameRule name_rule) {
  std::vector<FieldError> errors;
  for (std::string_view key : {"name", "generateName", "namespace", "uid", "resourceVersion"}) {
    check_string(metadata, key, errors);
  }
  check_name(metadata, name_rule, errors);
  check_string_map(metadata, "labels", true, errors);
  check_string_map(metadata, "annotations", false, errors);
  check_string_list(metadata, "finalizers", errors);
  check_owner_references(metadata, errors);
  return errors;
}

bool is_dns1123_subdomain(std::string_view text) {
  return !text.empty() && text.size() <= 253 && std::regex_match(text.begin(), text.end(), kSubdomainPattern);
}

bool is_dns1123_label(std::string_view text) {
  return !text.empty() && text.size() <= 63 && std::regex_match(text.begin(), text.end(), kLabelPattern);
}

}  // namespace ckpt::kubeapi
