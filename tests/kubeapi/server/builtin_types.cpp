#include "kubeapi/server/builtin_types.hpp"

#include <boost/json/array.hpp>

#include "kubeapi/server/api_errors.hpp"
#include "kubeapi/server/base64.hpp"
#include "kubeapi/server/json_fields.hpp"
#include "kubeapi/server/object_schema.hpp"
#include "kubeapi/server/yaml_json.hpp"

namespace ckpt::kubeapi {

PrinterColumn default_age_column() {
  return {"Age",
          "date",
          "",
          "CreationTimestamp is a timestamp representing the server time when this object was created.",
          ".metadata.creationTimestamp",
          0};
}

PrinterColumn crd_printer_column(std::string name, std::string type, std::string json_path) {
  return {std::move(name),
          std::move(type),
          "",
          "Custom resource definition column (in JSONPath format): " + json_path,
          json_path,
          0};
}

Result<std::shared_ptr<const ObjectSchema>> builtin_schema(std::string_view yaml) {
  auto documents = parse_yaml_documents(yaml);
  if (!documents) return std::move(documents).error();
  if (documents->size() != 1 || !documents->front().is_object()) {
    return make_error(ErrorCode::internal, "a built-in schema must be one YAML mapping");
  }
  return ObjectSchema::compile(std::move(documents->front().get_object()));
}

namespace {

PrinterColumn described(PrinterColumn column, std::string description) {
  column.description = std::move(description);
  return column;
}

ResourceType cnpg_type(std::string group, std::string plural, std::string singular, std::string kind,
                       std::vector<PrinterColumn> columns) {
  ResourceType type;
  type.group = std::move(group);
  type.version = "v1";
  type.plural = std::move(plural);
  type.singular = std::move(singular);
  type.list_kind = kind + "List";
  type.kind = std::move(kind);
  type.status_subresource = true;
  type.printer_columns = std::move(columns);
  return type;
}

Result<void> activate_namespace(boost::json::object& object) {
  auto& status = object["status"];
  if (!status.is_object() || !status.get_object().contains("phase"))
    status = boost::json::object{{"phase", "Active"}};
  object["spec"] = boost::json::object{{"finalizers", boost::json::array{"kubernetes"}}};
  return {};
}

Result<void> normalize_secret(boost::json::object& object) {
  const auto invalid = [&](const std::string& field_error) {
    return api_error(reason::kInvalid,
                     "Secret \"" + metadata_field(object, "name") + "\" is invalid: " + field_error);
  };
  if (!object.contains("type")) object["type"] = "Opaque";
  auto& data = object["data"];
  if (data.is_null()) data = boost::json::object{};
  if (!data.is_object()) return invalid("data: Invalid value: must be a map of base64 strings");
  for (const auto& [key, value] : data.get_object()) {
    if (!value.is_string() || !base64_decode(value.get_string())) {
      return invalid("data[" + std::string(key) + "]: Invalid value: must be base64-encoded");
    }
  }
  if (const auto* plain = object.if_contains("stringData")) {
    if (!plain->is_object()) return invalid("stringData: Invalid value: must be a map of strings");
    for (const auto& [key, value] : plain->get_object()) {
      if (!value.is_string())
        return invalid("stringData[" + std::string(key) + "]: Invalid value: must be a string");
      data.get_object()[key] = base64_encode(value.get_string());
    }
    object.erase("stringData");
  }
  return {};
}

}  // namespace

ResourceType namespace_type() {
  ResourceType type;
  type.version = "v1";
  type.plural = "namespaces";
  type.singular = "namespace";
  type.kind = "Namespace";
  type.list_kind = "NamespaceList";
  type.short_names = {"ns"};
  type.namespaced = false;
  type.names_are_dns_labels = true;
  type.verbs = {"create", "get", "list", "watch"};
  type.printer_columns = {{"Status", "string", "", "The status of the namespace", ".status.phase", 0},
                          default_age_column()};
  type.normalize = activate_namespace;
  return type;
}

ResourceType secret_type() {
  ResourceType type;
  type.version = "v1";
  type.plural = "secrets";
  type.singular = "secret";
  type.kind = "Secret";
  type.list_kind = "SecretList";
  type.printer_columns = {{"Type", "string", "", "The type of the secret", ".type", 0}, default_age_column()};
  type.normalize = normalize_secret;
  type.strategic_merge_patch = true;
  return type;
}

ResourceType custom_resource_definition_type() {
  ResourceType type;
  type.group = "apiextensions.k8s.io";
  type.version = "v1";
  type.plural = "customresourcedefinitions";
  type.singular = "customresourcedefinition";
  type.kind = "CustomResourceDefinition";
  type.list_kind = "CustomResourceDefinitionList";
  type.short_names = {"crd", "crds"};
  type.categories = {"api-extensions"};
  type.namespaced = false;
  type.verbs = kReadVerbs;
  type.printer_columns = {{"Created At", "date", "", "", ".metadata.creationTimestamp", 0}};
  return type;
}

std::vector<ResourceType> cnpg_fallback_types() {
  return {
      cnpg_type(
          "postgresql.cnpg.io", "clusters", "cluster", "Cluster",
          {crd_printer_column("Age", "date", ".metadata.creationTimestamp"),
           described(crd_printer_column("Instances", "integer", ".status.instances"), "Number of instances"),
           described(crd_printer_column("Ready", "integer", ".status.readyInstances"),
                     "Number of ready instances"),
           described(crd_printer_column("Status", "string", ".status.phase"), "Cluster current status"),
           described(crd_printer_column("Primary", "string", ".status.currentPrimary"), "Primary pod")}),
      cnpg_type("postgresql.cnpg.io", "backups", "backup", "Backup",
                {crd_printer_column("Age", "date", ".metadata.creationTimestamp"),
                 crd_printer_column("Cluster", "string", ".spec.cluster.name"),
                 crd_printer_column("Method", "string", ".spec.method"),
                 crd_printer_column("Phase", "string", ".status.phase"),
                 crd_printer_column("Error", "string", ".status.error")}),
      cnpg_type("postgresql.cnpg.io", "scheduledbackups", "scheduledbackup", "ScheduledBackup",
                {crd_printer_column("Age", "date", ".metadata.creationTimestamp"),
                 crd_printer_column("Cluster", "string", ".spec.cluster.name"),
                 crd_printer_column("Last Backup", "date", ".status.lastScheduleTime")}),
      cnpg_type("barmancloud.cnpg.io", "objectstores", "objectstore", "ObjectStore", {default_age_column()}),
  };
}

}  // namespace ckpt::kubeapi
