#include "crd_validator.hpp"

#include <valijson/adapters/boost_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "yaml_json.hpp"

namespace ckpt::cnpg::testing {
namespace {

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
    for (auto& field : properties->get_object()) close_unknown_fields(field.value().as_object());
    if (!is_true(schema, "x-kubernetes-preserve-unknown-fields") && !schema.contains("additionalProperties")) {
      schema["additionalProperties"] = false;
    }
  }
  for (const auto key : {"items", "additionalProperties"}) {
    if (auto* nested = schema.if_contains(key); nested != nullptr && nested->is_object()) {
      close_unknown_fields(nested->get_object());
    }
  }
  for (const auto key : {"anyOf", "allOf", "oneOf"}) {
    if (auto* alternatives = schema.if_contains(key); alternatives != nullptr && alternatives->is_array()) {
      for (auto& alternative : alternatives->get_array()) close_unknown_fields(alternative.as_object());
    }
  }
}

}  // namespace

struct CrdValidator::Impl {
  boost::json::value schema_document;
  valijson::Schema schema;
};

CrdValidator::CrdValidator(const std::filesystem::path& crd_directory, const std::string& file)
    : impl_(std::make_unique<Impl>()) {
  const auto crd = yaml_file_to_json(crd_directory / file);
  impl_->schema_document = crd.at("spec").at("versions").at(0).at("schema").at("openAPIV3Schema");
  close_unknown_fields(impl_->schema_document.as_object());
  valijson::SchemaParser parser{valijson::SchemaParser::kDraft4};
  valijson::adapters::BoostJsonAdapter adapter{impl_->schema_document};
  parser.populateSchema(adapter, impl_->schema);
}

CrdValidator::~CrdValidator() = default;

std::vector<std::string> CrdValidator::violations(const boost::json::value& object) const {
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::BoostJsonAdapter target{object};
  std::vector<std::string> found;
  if (validator.validate(impl_->schema, target, &results)) return found;
  valijson::ValidationResults::Error error;
  while (results.popError(error)) {
    std::string path;
    for (const auto& part : error.context) path += part;
    found.push_back(path + ": " + error.description);
  }
  return found;
}

}  // namespace ckpt::cnpg::testing
