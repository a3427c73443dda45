#include "kubeapi/server/openapi.hpp"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "kubeapi/server/object_schema.hpp"

namespace ckpt::kubeapi {
namespace {

std::string group_version_path(const ResourceType& type) {
  return type.group.empty() ? "api/" + type.version : "apis/" + type.group + "/" + type.version;
}

// "io.cnpg.postgresql.v1.Backup" (reversed group, as Kubernetes names definitions);
// "io.k8s.api.apps.v1.Deployment" for a built-in group.
std::string definition_name(const ResourceType& type) {
  if (type.group.empty()) return "io.k8s.api.core." + type.version + "." + type.kind;
  // Kubernetes' own groups ("apps", "batch") have no dot.
  if (type.group.find('.') == std::string::npos) {
    return "io.k8s.api." + type.group + "." + type.version + "." + type.kind;
  }
  std::vector<std::string> labels;
  std::size_t start = 0;
  for (std::size_t dot = type.group.find('.'); dot != std::string::npos; dot = type.group.find('.', start)) {
    labels.push_back(type.group.substr(start, dot - start));
    start = dot + 1;
  }
  labels.push_back(type.group.substr(start));
  std::string name;
  for (auto label = labels.rbegin(); label != labels.rend(); ++label) name += *label + ".";
  return name + type.version + "." + type.kind;
}

boost::json::object gvk(const ResourceType& type) {
  return {{"group", type.group}, {"version", type.version}, {"kind", type.kind}};
}

boost::json::object query_parameter(std::string_view name) {
  return {{"name", name}, {"in", "query"}, {"schema", {{"type", "string"}, {"uniqueItems", true}}}};
}

boost::json::object path_parameter(std::string_view name) {
  return {{"name", name}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}};
}

boost::json::object json_content(const ResourceType& type) {
  return {{"application/json", {{"schema", {{"$ref", "#/components/schemas/" + definition_name(type)}}}}}};
}

boost::json::object operation(const ResourceType& type, std::string_view action, std::string_view verb_id,
                              const std::vector<std::string_view>& query) {
  boost::json::array parameters;
  for (const auto name : query) parameters.push_back(query_parameter(name));
  std::string id(verb_id);
  return {{"operationId", id + type.kind},
          {"parameters", std::move(parameters)},
          {"responses", {{"200", {{"description", "OK"}, {"content", json_content(type)}}}}},
          {"x-kubernetes-action", action},
          {"x-kubernetes-group-version-kind", gvk(type)}};
}

boost::json::object with_body(boost::json::object op, std::string_view media_type, const ResourceType& type) {
  op["requestBody"] = {
      {"content", {{media_type, {{"schema", {{"$ref", "#/components/schemas/" + definition_name(type)}}}}}}}};
  return op;
}

void add_paths(const ResourceType& type, boost::json::object& paths) {
  const std::string base =
      "/" + group_version_path(type) + (type.namespaced ? "/namespaces/{namespace}/" : "/") + type.plural;
  boost::json::array scope_parameters;
  if (type.namespaced) scope_parameters.push_back(path_parameter("namespace"));
  const std::vector<std::string_view> write_query{"dryRun", "fieldManager", "fieldValidation"};

  boost::json::object collection{{"parameters", scope_parameters}};
  collection["get"] = operation(type, "list", "list",
                                {"labelSelector", "fieldSelector", "resourceVersion", "timeoutSeconds",
                                 "watch", "allowWatchBookmarks"});
  if (type.serves("create")) {
    collection["post"] = with_body(operation(type, "post", "create", write_query), "application/json", type);
  }
  paths[base] = std::move(collection);

  boost::json::array item_parameters = scope_parameters;
  item_parameters.push_back(path_parameter("name"));
  boost::json::object item{{"parameters", item_parameters}};
  item["get"] = operation(type, "get", "read", {});
  if (type.serves("update"))
    item["put"] = with_body(operation(type, "put", "replace", write_query), "application/json", type);
  if (type.serves("patch")) {
    item["patch"] =
        with_body(operation(type, "patch", "patch", write_query), "application/merge-patch+json", type);
  }
  if (type.serves("delete")) item["delete"] = operation(type, "delete", "delete", {"dryRun"});
  paths[base + "/{name}"] = std::move(item);

  if (type.status_subresource) {
    boost::json::object status{{"parameters", item_parameters}};
    status["get"] = operation(type, "get", "readStatus", {});
    status["put"] = with_body(operation(type, "put", "replaceStatus", write_query), "application/json", type);
    status["patch"] =
        with_body(operation(type, "patch", "patchStatus", write_query), "application/merge-patch+json", type);
    paths[base + "/{name}/status"] = std::move(status);
  }
}

boost::json::object component_schema(const ResourceType& type) {
  boost::json::object schema =
      type.schema ? type.schema->openapi()
                  : boost::json::object{{"type", "object"}, {"x-kubernetes-preserve-unknown-fields", true}};
  schema["x-kubernetes-group-version-kind"] = boost::json::array{gvk(type)};
  return schema;
}

std::string content_hash(const boost::json::object& document) {
  char text[17];
  std::snprintf(text, sizeof text, "%016zX", std::hash<std::string>{}(boost::json::serialize(document)));
  return text;
}

}  // namespace

boost::json::object openapi_v3_index(const TypeRegistry& types) {
  boost::json::object paths;
  for (const auto& type : types.types()) {
    const std::string path = group_version_path(*type);
    if (paths.contains(path)) continue;
    const auto document = openapi_v3_document(types, path);
    paths[path] = {{"serverRelativeURL", "/openapi/v3/" + path + "?hash=" + content_hash(*document)}};
  }
  return {{"paths", std::move(paths)}};
}

std::optional<boost::json::object> openapi_v3_document(const TypeRegistry& types,
                                                       std::string_view group_version) {
  boost::json::object paths;
  boost::json::object schemas;
  for (const auto& type : types.types()) {
    if (group_version_path(*type) != group_version) continue;
    add_paths(*type, paths);
    schemas[definition_name(*type)] = component_schema(*type);
  }
  if (paths.empty()) return std::nullopt;
  return boost::json::object{{"openapi", "3.0.0"},
                             {"info", {{"title", "Kubernetes"}, {"version", "v1.32.0"}}},
                             {"paths", std::move(paths)},
                             {"components", {{"schemas", std::move(schemas)}}}};
}

}  // namespace ckpt::kubeapi
