#include "kubeapi/server/crd_types.hpp"

#include <boost/json/array.hpp>

#include <string>
#include <string_view>

#include "kubeapi/server/builtin_types.hpp"
#include "kubeapi/server/json_fields.hpp"
#include "kubeapi/server/logger.hpp"
#include "kubeapi/server/object_schema.hpp"
#include "kubeapi/server/validation_rules.hpp"

namespace ckpt::kubeapi {
namespace {

std::vector<std::string> strings_at(const boost::json::object& parent, std::string_view key) {
  std::vector<std::string> strings;
  if (const auto* value = parent.if_contains(key); value && value->is_array()) {
    for (const auto& item : value->get_array()) {
      if (item.is_string()) strings.emplace_back(item.get_string());
    }
  }
  return strings;
}

std::vector<PrinterColumn> printer_columns(const boost::json::object& version) {
  std::vector<PrinterColumn> columns;
  if (const auto* list = version.if_contains("additionalPrinterColumns"); list && list->is_array()) {
    for (const auto& item : list->get_array()) {
      if (!item.is_object()) continue;
      const auto& entry = item.get_object();
      PrinterColumn column = crd_printer_column(string_field(entry, "name"), string_field(entry, "type"),
                                                string_field(entry, "jsonPath"));
      if (const auto description = string_field(entry, "description"); !description.empty()) {
        column.description = description;
      }
      column.format = string_field(entry, "format");
      if (const auto* priority = entry.if_contains("priority"); priority && priority->is_int64()) {
        column.priority = static_cast<int>(priority->get_int64());
      }
      columns.push_back(std::move(column));
    }
  }
  if (columns.empty()) columns.push_back(default_age_column());
  return columns;
}

void log_unevaluated_rules(const boost::json::value& schema, const std::string& resource) {
  if (schema.is_array()) {
    for (const auto& item : schema.get_array()) log_unevaluated_rules(item, resource);
    return;
  }
  if (!schema.is_object()) return;
  for (const auto& [key, value] : schema.get_object()) {
    if (key == "x-kubernetes-validations" && value.is_array()) {
      for (const auto& rule : value.get_array()) {
        const auto text = rule.is_object() ? string_field(rule.get_object(), "rule") : std::string();
        if (!is_supported_rule(text))
          logger()->debug("{}: CEL rule not evaluated by the test server: {}", resource, text);
      }
    } else {
      log_unevaluated_rules(value, resource);
    }
  }
}

}  // namespace

Result<std::vector<ResourceType>> resource_types_from_crd(const boost::json::object& crd) {
  const auto* metadata = object_field(crd, "metadata");
  const std::string name = metadata ? string_field(*metadata, "name") : std::string();
  const auto malformed = [&](std::string_view field) {
    return make_error(ErrorCode::bad_request, "CustomResourceDefinition \"" + name +
                                                  "\": " + std::string(field) + " is missing or malformed");
  };
  const auto* spec = object_field(crd, "spec");
  if (!spec) return malformed("spec");
  const auto* names = object_field(*spec, "names");
  if (!names) return malformed("spec.names");
  const auto* versions = spec->if_contains("versions");
  if (!versions || !versions->is_array()) return malformed("spec.versions");

  ResourceType base;
  base.group = string_field(*spec, "group");
  base.plural = string_field(*names, "plural");
  base.singular = string_field(*names, "singular");
  base.kind = string_field(*names, "kind");
  base.list_kind = string_field(*names, "listKind");
  if (base.list_kind.empty()) base.list_kind = base.kind + "List";
  base.short_names = strings_at(*names, "shortNames");
  base.categories = strings_at(*names, "categories");
  base.namespaced = string_field(*spec, "scope") != "Cluster";
  if (base.group.empty() || base.plural.empty() || base.kind.empty())
    return malformed("spec.group or spec.names");

  std::vector<ResourceType> types;
  for (const auto& item : versions->get_array()) {
    if (!item.is_object()) return malformed("spec.versions[]");
    const auto& version = item.get_object();
    const auto* served = version.if_contains("served");
    if (served && served->is_bool() && !served->get_bool()) continue;
    ResourceType type = base;
    type.version = string_field(version, "name");
    if (type.version.empty()) return malformed("spec.versions[].name");
    const auto* subresources = object_field(version, "subresources");
    type.status_subresource = subresources && subresources->contains("status");
    type.printer_columns = printer_columns(version);
    const auto* schema = object_field(version, "schema");
    const auto* openapi = schema ? object_field(*schema, "openAPIV3Schema") : nullptr;
    if (!openapi) return malformed("spec.versions[].schema.openAPIV3Schema");
    auto compiled = ObjectSchema::compile(*openapi);
    if (!compiled)
      return make_error(ErrorCode::internal, "CustomResourceDefinition \"" + name + "\" version " +
                                                 type.version + ": " + compiled.error().message);
    type.schema = std::move(compiled.value());
    log_unevaluated_rules(*openapi, type.qualified_name());
    types.push_back(std::move(type));
  }
  return types;
}

boost::json::object synthesize_crd(const ResourceType& type) {
  boost::json::array columns;
  for (const auto& column : type.printer_columns) {
    columns.push_back({{"name", column.name},
                       {"type", column.type},
                       {"jsonPath", column.json_path},
                       {"description", column.description}});
  }
  boost::json::object version{
      {"name", type.version},
      {"served", true},
      {"storage", true},
      {"additionalPrinterColumns", std::move(columns)},
      {"schema", {{"openAPIV3Schema", {{"type", "object"}, {"x-kubernetes-preserve-unknown-fields", true}}}}},
  };
  if (type.status_subresource) version["subresources"] = {{"status", boost::json::object{}}};
  return {
      {"apiVersion", "apiextensions.k8s.io/v1"},
      {"kind", "CustomResourceDefinition"},
      {"metadata", {{"name", type.qualified_name()}}},
      {"spec",
       {{"group", type.group},
        {"names",
         {{"kind", type.kind},
          {"listKind", type.list_kind},
          {"plural", type.plural},
          {"singular", type.singular}}},
        {"scope", type.namespaced ? "Namespaced" : "Cluster"},
        {"versions", boost::json::array{std::move(version)}}}},
  };
}

}  // namespace ckpt::kubeapi
