#include "kubeapi/server/object_schema.hpp"

#include <valijson/adapters/boost_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <algorithm>
#include <exception>

#include "kubeapi/server/schema_transform.hpp"
#include "kubeapi/server/structural_walk.hpp"
#include "kubeapi/server/validation_rules.hpp"

namespace ckpt::kubeapi {
namespace {

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// valijson's context ["<root>", "[spec]", "[items]", "[0]"] as "spec.items[0]".
std::string field_path(const std::vector<std::string>& context) {
  std::string path;
  for (const auto& element : context) {
    if (element.size() < 2 || element.front() != '[' || element.back() != ']') continue;
    const std::string_view name = std::string_view(element).substr(1, element.size() - 2);
    path = all_digits(name) ? entry_path(path, name) : child_path(path, name);
  }
  return path;
}

bool extends(const std::vector<std::string>& longer, const std::vector<std::string>& shorter) {
  return longer.size() > shorter.size() && std::equal(shorter.begin(), shorter.end(), longer.begin());
}

// valijson reports a failure at every level above the field that failed ("Failed to
// validate against schema associated with property name 'spec'"): keep the deepest.
std::vector<FieldError> deepest_errors(const std::vector<valijson::ValidationResults::Error>& raw) {
  std::vector<FieldError> errors;
  for (const auto& error : raw) {
    const bool has_deeper = std::any_of(
        raw.begin(), raw.end(), [&](const auto& other) { return extends(other.context, error.context); });
    if (has_deeper) continue;
    FieldError field{field_path(error.context), error.description};
    const bool seen = std::any_of(errors.begin(), errors.end(), [&](const FieldError& known) {
      return known.path == field.path && known.message == field.message;
    });
    if (!seen) errors.push_back(std::move(field));
  }
  return errors;
}

}  // namespace

ObjectSchema::ObjectSchema(boost::json::object openapi, boost::json::value json_schema,
                           std::unique_ptr<valijson::Schema> compiled)
    : openapi_(std::move(openapi)), json_schema_(std::move(json_schema)), compiled_(std::move(compiled)) {}

ObjectSchema::~ObjectSchema() = default;

Result<std::shared_ptr<const ObjectSchema>> ObjectSchema::compile(boost::json::object openapi_schema) {
  boost::json::value json_schema = to_json_schema(openapi_schema);
  auto compiled = std::make_unique<valijson::Schema>();
  try {
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft4);
    valijson::adapters::BoostJsonAdapter adapter(json_schema);
    parser.populateSchema(adapter, *compiled);
  } catch (const std::exception& failure) {
    return make_error(ErrorCode::internal,
                      std::string("cannot compile the openAPIV3Schema: ") + failure.what());
  }
  return std::shared_ptr<const ObjectSchema>(
      new ObjectSchema(std::move(openapi_schema), std::move(json_schema), std::move(compiled)));
}

std::vector<FieldError> ObjectSchema::validate(const boost::json::value& object,
                                               const boost::json::value* old_object) const {
  std::vector<valijson::ValidationResults::Error> raw;
  try {
    valijson::Validator validator(valijson::Validator::kStrongTypes);
    valijson::ValidationResults results;
    valijson::adapters::BoostJsonAdapter target(object);
    validator.validate(*compiled_, target, &results);
    valijson::ValidationResults::Error error;
    while (results.popError(error)) raw.push_back(error);
  } catch (const std::exception& failure) {
    raw.push_back({{}, std::string("schema validation failed: ") + failure.what()});
  }
  std::vector<FieldError> errors = deepest_errors(raw);
  for (auto& error : check_validation_rules(openapi_, object, old_object)) errors.push_back(std::move(error));
  return errors;
}

std::vector<std::string> ObjectSchema::unknown_fields(const boost::json::value& object) const {
  return find_unknown_fields(openapi_, object);
}

void ObjectSchema::prune_unknown_fields(boost::json::value& object) const {
  kubeapi::prune_unknown_fields(openapi_, object);
}

void ObjectSchema::apply_defaults(boost::json::value& object) const {
  apply_schema_defaults(openapi_, object);
}

}  // namespace ckpt::kubeapi
