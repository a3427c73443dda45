#include "cnpg/crd_schema.hpp"

#include <valijson/adapters/boost_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <algorithm>
#include <exception>

#include "cnpg/json_lookup.hpp"

namespace ckpt::cnpg {
namespace {

using ValidationError = valijson::ValidationResults::Error;

// What valijson says about a value that matches a `not` schema: for the `not: {}` that
// closes an object (below) it means "a field the schema does not define".
constexpr std::string_view kNotMatched = "Target should not validate against schema specified in 'not' constraint.";
constexpr std::string_view kUnknownField = "unknown field: the CRD schema does not define it";

bool is_true(const boost::json::object& schema, std::string_view key) {
  const auto* value = schema.if_contains(key);
  return value != nullptr && value->is_bool() && value->get_bool();
}

void close_unknown_fields(boost::json::object& schema) {
  if (is_true(schema, "x-kubernetes-int-or-string") && !schema.contains("anyOf")) {
    schema["anyOf"] =
        boost::json::array{boost::json::object{{"type", "integer"}}, boost::json::object{{"type", "string"}}};
  }
  if (auto* properties = schema.if_contains("properties"); properties != nullptr && properties->is_object()) {
    for (auto& field : properties->get_object()) {
      if (field.value().is_object()) close_unknown_fields(field.value().get_object());
    }
    if (!is_true(schema, "x-kubernetes-preserve-unknown-fields") && !schema.contains("additionalProperties")) {
      // Not `false`: valijson reports only the first unknown field of an object against
      // that, but checks every one against a schema that nothing matches.
      schema["additionalProperties"] = boost::json::object{{"not", boost::json::object{}}};
    }
  }
  for (const auto key : {"items", "additionalProperties"}) {
    if (auto* nested = schema.if_contains(key); nested != nullptr && nested->is_object()) {
      close_unknown_fields(nested->get_object());
    }
  }
  for (const auto key : {"anyOf", "allOf", "oneOf"}) {
    if (auto* alternatives = schema.if_contains(key); alternatives != nullptr && alternatives->is_array()) {
      for (auto& alternative : alternatives->get_array()) {
        if (alternative.is_object()) close_unknown_fields(alternative.get_object());
      }
    }
  }
}

// The openAPIV3Schema of the served `version`, or nullptr.
const boost::json::object* served_schema(const boost::json::object& crd, std::string_view version) {
  const auto* spec = object_at(&crd, "spec");
  const auto* versions = spec != nullptr ? spec->if_contains("versions") : nullptr;
  if (versions == nullptr || !versions->is_array()) return nullptr;
  for (const auto& entry : versions->get_array()) {
    const auto* served = entry.if_object();
    if (served == nullptr || string_at(served, "name") != version || !bool_at(served, "served", false)) continue;
    return object_at(object_at(served, "schema"), "openAPIV3Schema");
  }
  return nullptr;
}

// Whether the schema has a `not` of its own (then a `not` failure may be the CRD's).
bool uses_not(const boost::json::value& schema) {
  if (const auto* array = schema.if_array()) {
    return std::any_of(array->begin(), array->end(), [](const boost::json::value& item) { return uses_not(item); });
  }
  const auto* object = schema.if_object();
  if (object == nullptr) return false;
  if (object->contains("not")) return true;
  return std::any_of(object->begin(), object->end(),
                     [](const boost::json::key_value_pair& field) { return uses_not(field.value()); });
}

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// valijson's context ["<root>", "[spec]", "[plugins]", "[0]"] as "spec.plugins[0]".
std::string field_path(const std::vector<std::string>& context) {
  std::string path;
  for (const auto& element : context) {
    if (element.size() < 2 || element.front() != '[' || element.back() != ']') continue;
    const auto name = std::string_view{element}.substr(1, element.size() - 2);
    if (all_digits(name)) {
      path += element;
    } else {
      if (!path.empty()) path += '.';
      path += name;
    }
  }
  return path.empty() ? "(root)" : path;
}

bool extends(const std::vector<std::string>& longer, const std::vector<std::string>& shorter) {
  return longer.size() > shorter.size() && std::equal(shorter.begin(), shorter.end(), longer.begin());
}

// valijson also reports a failure at every level above the field that failed ("Failed
// to validate against schema associated with property name 'spec'", "Failed to validate
// item #0 in array."): such a summary is dropped when a deeper error explains it; an error
// of the level itself (an unknown field, a wrong type) is kept.
std::vector<std::string> field_errors(const std::vector<ValidationError>& errors, bool crd_uses_not) {
  std::vector<std::string> lines;
  for (const auto& error : errors) {
    const bool is_summary = error.description.rfind("Failed to validate", 0) == 0;
    const bool has_deeper = std::any_of(errors.begin(), errors.end(), [&](const ValidationError& other) {
      return extends(other.context, error.context);
    });
    if (is_summary && has_deeper) continue;
    const bool unknown_field = !crd_uses_not && error.description == kNotMatched;
    auto line = field_path(error.context) + ": " + (unknown_field ? std::string{kUnknownField} : error.description);
    if (line.back() == '.') line.pop_back();
    if (std::find(lines.begin(), lines.end(), line) == lines.end()) lines.push_back(std::move(line));
  }
  return lines;
}

}  // namespace

struct CrdSchema::Compiled {
  std::string crd_name;
  bool uses_not = false;
  boost::json::value document;
  valijson::Schema schema;
};

Result<CrdSchema> CrdSchema::from_crd(const boost::json::object& crd, std::string_view version) {
  auto compiled = std::make_shared<Compiled>();
  compiled->crd_name = string_at(object_at(&crd, "metadata"), "name");
  const auto* schema = served_schema(crd, version);
  if (schema == nullptr) {
    return make_error(ErrorCode::engine_error, "CustomResourceDefinition " + compiled->crd_name +
                                                   " does not serve version " + std::string{version} +
                                                   " with an openAPIV3Schema");
  }
  compiled->document = *schema;
  compiled->uses_not = uses_not(compiled->document);
  close_unknown_fields(compiled->document.as_object());
  try {
    valijson::SchemaParser parser{valijson::SchemaParser::kDraft4};
    valijson::adapters::BoostJsonAdapter adapter{compiled->document};
    parser.populateSchema(adapter, compiled->schema);
  } catch (const std::exception& failure) {
    return make_error(ErrorCode::engine_error, "the openAPIV3Schema of CustomResourceDefinition " +
                                                   compiled->crd_name + " (version " + std::string{version} +
                                                   ") cannot be compiled: " + failure.what());
  }
  return CrdSchema{std::move(compiled)};
}

const std::string& CrdSchema::crd_name() const { return compiled_->crd_name; }

std::vector<std::string> CrdSchema::violations(const boost::json::value& object) const {
  std::vector<ValidationError> errors;
  try {
    valijson::Validator validator;
    valijson::ValidationResults results;
    valijson::adapters::BoostJsonAdapter target{object};
    if (validator.validate(compiled_->schema, target, &results)) return {};
    ValidationError error;
    while (results.popError(error)) errors.push_back(error);
  } catch (const std::exception& failure) {
    errors.push_back({{}, std::string{"the schema could not be evaluated: "} + failure.what()});
  }
  return field_errors(errors, compiled_->uses_not);
}

}  // namespace ckpt::cnpg
