#include "kubeapi/server/validation_rules.hpp"

#include <regex>
#include <string>

#include "kubeapi/server/json_fields.hpp"
#include "kubeapi/server/structural_walk.hpp"

namespace ckpt::kubeapi {
namespace {

const std::regex kImmutable(R"(\s*(oldSelf\s*==\s*self|self\s*==\s*oldSelf)\s*)");
const std::regex kAbsent(R"(\s*!\s*has\(\s*self\.(\w+)\s*\)\s*)");
const std::regex kExclusive(
    R"(\s*!\s*\(\s*has\(\s*self\.(\w+)\s*\)\s*&&\s*has\(\s*self\.(\w+)\s*\)\s*\)\s*)");

std::string json_type_name(const boost::json::value& value) {
  switch (value.kind()) {
    case boost::json::kind::object: return "object";
    case boost::json::kind::array: return "array";
    case boost::json::kind::string: return "string";
    case boost::json::kind::bool_: return "boolean";
    case boost::json::kind::null: return "null";
    case boost::json::kind::double_: return "number";
    default: return "integer";
  }
}

bool has_field(const boost::json::value& value, const std::string& name) {
  return value.is_object() && value.get_object().contains(name);
}

void check_rule(const boost::json::object& rule, const boost::json::value& value,
                const boost::json::value* old_value, const std::string& path,
                std::vector<FieldError>& errors) {
  const std::string expression = string_field(rule, "rule");
  std::string message = string_field(rule, "message");
  if (message.empty()) message = "failed rule: " + expression;
  const auto invalid = [&] {
    errors.push_back({path, "Invalid value: \"" + json_type_name(value) + "\": " + message});
  };
  std::smatch match;
  if (std::regex_match(expression, kImmutable)) {
    if (old_value && *old_value != value) invalid();
  } else if (std::regex_match(expression, match, kAbsent)) {
    if (!has_field(value, match[1].str())) return;
    const std::string field_path = string_field(rule, "fieldPath");
    if (string_field(rule, "reason") == "FieldValueForbidden" && !field_path.empty()) {
      errors.push_back({path + field_path, "Forbidden: " + message});
    } else {
      invalid();
    }
  } else if (std::regex_match(expression, match, kExclusive)) {
    if (has_field(value, match[1].str()) && has_field(value, match[2].str())) invalid();
  }
}

void walk(const boost::json::object& schema, const boost::json::value& value,
          const boost::json::value* old_value, const std::string& path, std::vector<FieldError>& errors) {
  if (const auto* rules = schema.if_contains("x-kubernetes-validations"); rules && rules->is_array()) {
    for (const auto& rule : rules->get_array()) {
      if (rule.is_object()) check_rule(rule.get_object(), value, old_value, path, errors);
    }
  }
  const auto child_schema = [&](std::string_view key) -> const boost::json::object* {
    const auto* child = schema.if_contains(key);
    return child && child->is_object() ? &child->get_object() : nullptr;
  };
  if (value.is_object()) {
    const auto* properties = child_schema("properties");
    const auto* additional = child_schema("additionalProperties");
    for (const auto& [key, child] : value.get_object()) {
      const boost::json::value* old_child = nullptr;
      if (old_value && old_value->is_object()) old_child = old_value->get_object().if_contains(key);
      const auto* property = properties ? properties->if_contains(key) : nullptr;
      if (property && property->is_object()) {
        walk(property->get_object(), child, old_child, child_path(path, key), errors);
      } else if (additional) {
        walk(*additional, child, old_child, entry_path(path, key), errors);
      }
    }
  } else if (value.is_array()) {
    if (const auto* items = child_schema("items")) {
      const auto& array = value.get_array();
      for (std::size_t index = 0; index < array.size(); ++index) {
        // List items are not correlated with the stored list: no transition rules inside.
        walk(*items, array[index], nullptr, entry_path(path, std::to_string(index)), errors);
      }
    }
  }
}

}  // namespace

std::vector<FieldError> check_validation_rules(const boost::json::object& schema,
                                               const boost::json::value& object,
                                               const boost::json::value* old_object) {
  std::vector<FieldError> errors;
  walk(schema, object, old_object, "", errors);
  return errors;
}

bool is_supported_rule(std::string_view rule) {
  const std::string text(rule);
  return std::regex_match(text, kImmutable) || std::regex_match(text, kAbsent) ||
         std::regex_match(text, kExclusive);
}

}  // namespace ckpt::kubeapi
