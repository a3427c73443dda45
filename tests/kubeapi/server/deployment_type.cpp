// apps/v1 Deployment as the API server serves it, without a controller behind it (status
// stays as clients write it): a schema with the API server's defaults (replicas 1,
// RollingUpdate 25%/25%, revisionHistoryLimit 10, progressDeadlineSeconds 600, the pod
// template's restartPolicy, dnsPolicy, ...) and the patch metadata of its lists (containers
// and env merge by name); the checks of apps validation that clients meet first (selector
// required and matching the template's labels, containers with unique names and an image,
// env vars with a name and not both value and valueFrom); imagePullPolicy defaulted from
// the image's tag; "kubectl get deployment" prints NAME READY UP-TO-DATE AVAILABLE AGE
// (and CONTAINERS IMAGES SELECTOR with -o wide).
#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "kubeapi/server/builtin_types.hpp"
#include "kubeapi/server/field_error.hpp"
#include "kubeapi/server/json_fields.hpp"

namespace ckpt::kubeapi {
namespace {

namespace json = boost::json;

constexpr std::string_view kSchema = R"(
type: object
properties:
  apiVersion: {type: string}
  kind: {type: string}
  metadata: {type: object}
  spec:
    type: object
    properties:
      replicas: {type: integer, format: int32, minimum: 0, default: 1}
      selector:
        type: object
        properties:
          matchLabels: {type: object, additionalProperties: {type: string}}
          matchExpressions:
            type: array
            items:
              type: object
              required: [key, operator]
              properties:
                key: {type: string}
                operator: {type: string, enum: [In, NotIn, Exists, DoesNotExist]}
                values: {type: array, items: {type: string}}
      template:
        type: object
        properties:
          metadata: {type: object, x-kubernetes-preserve-unknown-fields: true}
          spec:
            type: object
            x-kubernetes-preserve-unknown-fields: true
            properties:
              containers:
                type: array
                x-kubernetes-patch-strategy: merge
                x-kubernetes-patch-merge-key: name
                items: &container
                  type: object
                  x-kubernetes-preserve-unknown-fields: true
                  properties:
                    name: {type: string}
                    image: {type: string}
                    env:
                      type: array
                      x-kubernetes-patch-strategy: merge
                      x-kubernetes-patch-merge-key: name
                      items:
                        type: object
                        properties:
                          name: {type: string}
                          value: {type: string}
                          valueFrom: {type: object, x-kubernetes-preserve-unknown-fields: true}
                    ports:
                      type: array
                      x-kubernetes-patch-strategy: merge
                      x-kubernetes-patch-merge-key: containerPort
                      items: {type: object, x-kubernetes-preserve-unknown-fields: true}
                    volumeMounts:
                      type: array
                      x-kubernetes-patch-strategy: merge
                      x-kubernetes-patch-merge-key: mountPath
                      items: {type: object, x-kubernetes-preserve-unknown-fields: true}
                    resources: {type: object, x-kubernetes-preserve-unknown-fields: true, default: {}}
                    terminationMessagePath: {type: string, default: /dev/termination-log}
                    terminationMessagePolicy: {type: string, default: File}
              initContainers:
                type: array
                x-kubernetes-patch-strategy: merge
                x-kubernetes-patch-merge-key: name
                items: *container
              volumes:
                type: array
                x-kubernetes-patch-strategy: merge,retainKeys
                x-kubernetes-patch-merge-key: name
                items: {type: object, x-kubernetes-preserve-unknown-fields: true}
              imagePullSecrets:
                type: array
                x-kubernetes-patch-strategy: merge
                x-kubernetes-patch-merge-key: name
                items: {type: object, x-kubernetes-preserve-unknown-fields: true}
              restartPolicy: {type: string, default: Always}
              terminationGracePeriodSeconds: {type: integer, default: 30}
              dnsPolicy: {type: string, default: ClusterFirst}
              schedulerName: {type: string, default: default-scheduler}
              securityContext: {type: object, x-kubernetes-preserve-unknown-fields: true, default: {}}
      strategy:
        type: object
        default: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 25%, maxSurge: 25%}}
        properties:
          type: {type: string, enum: [Recreate, RollingUpdate]}
          rollingUpdate:
            type: object
            properties:
              maxUnavailable: {x-kubernetes-int-or-string: true}
              maxSurge: {x-kubernetes-int-or-string: true}
      minReadySeconds: {type: integer, format: int32, minimum: 0}
      revisionHistoryLimit: {type: integer, format: int32, minimum: 0, default: 10}
      paused: {type: boolean}
      progressDeadlineSeconds: {type: integer, format: int32, default: 600}
  status:
    type: object
    x-kubernetes-preserve-unknown-fields: true
    properties:
      conditions:
        type: array
        x-kubernetes-patch-strategy: merge
        x-kubernetes-patch-merge-key: type
        items: {type: object, x-kubernetes-preserve-unknown-fields: true}
)";

const json::object* object_at(const json::object* object, std::initializer_list<std::string_view> path) {
  for (const auto key : path) {
    if (object == nullptr) return nullptr;
    object = object_field(*object, key);
  }
  return object;
}

json::array* containers_of(json::object& deployment) {
  auto* spec = deployment.if_contains("spec");
  auto* pod_template = spec && spec->is_object() ? spec->get_object().if_contains("template") : nullptr;
  auto* pod = pod_template && pod_template->is_object() ? pod_template->get_object().if_contains("spec") : nullptr;
  auto* containers = pod && pod->is_object() ? pod->get_object().if_contains("containers") : nullptr;
  return containers && containers->is_array() ? &containers->get_array() : nullptr;
}

std::map<std::string, std::string> string_map(const json::object* object) {
  std::map<std::string, std::string> map;
  if (object == nullptr) return map;
  for (const auto& [key, value] : *object) {
    if (value.is_string()) map.emplace(key, value.get_string());
  }
  return map;
}

// Go's %#v of a map[string]string, as apps validation prints the template's labels.
std::string go_map(const json::object* object) {
  if (object == nullptr) return "map[string]string(nil)";
  std::string text = "map[string]string{";
  bool first = true;
  for (const auto& [key, value] : string_map(object)) {
    text += (first ? "\"" : ", \"") + key + "\":\"" + value + "\"";
    first = false;
  }
  return text + "}";
}

// Kubernetes' default: Always for the tag "latest" (also when no tag is given), else
// IfNotPresent (an image pinned by digest has no tag).
std::string default_pull_policy(std::string_view image) {
  if (image.find('@') != std::string_view::npos) return "IfNotPresent";
  const std::size_t slash = image.rfind('/');
  const std::size_t colon = image.rfind(':');
  const bool tagged = colon != std::string_view::npos && (slash == std::string_view::npos || colon > slash);
  return !tagged || image.substr(colon + 1) == "latest" ? "Always" : "IfNotPresent";
}

void check_env(const json::object& container, const std::string& path, std::vector<FieldError>& errors) {
  const auto* env = container.if_contains("env");
  if (env == nullptr || !env->is_array()) return;
  for (std::size_t index = 0; index < env->get_array().size(); ++index) {
    const auto& entry = env->get_array()[index];
    if (!entry.is_object()) continue;
    const std::string entry_path = path + ".env[" + std::to_string(index) + "]";
    if (string_field(entry.get_object(), "name").empty()) errors.push_back({entry_path + ".name", "Required value"});
    if (!string_field(entry.get_object(), "value").empty() && entry.get_object().contains("valueFrom")) {
      errors.push_back(
          {entry_path + ".valueFrom", "Invalid value: \"\": may not be specified when `value` is not empty"});
    }
  }
}

void check_containers(json::object& deployment, std::vector<FieldError>& errors) {
  const std::string path = "spec.template.spec.containers";
  auto* containers = containers_of(deployment);
  if (containers == nullptr || containers->empty()) {
    errors.push_back({path, "Required value"});
    return;
  }
  std::set<std::string> names;
  for (std::size_t index = 0; index < containers->size(); ++index) {
    auto& entry = (*containers)[index];
    if (!entry.is_object()) continue;
    auto& container = entry.get_object();
    const std::string container_path = path + "[" + std::to_string(index) + "]";
    const std::string name = string_field(container, "name");
    if (name.empty()) {
      errors.push_back({container_path + ".name", "Required value"});
    } else if (!names.insert(name).second) {
      errors.push_back({container_path + ".name", "Duplicate value: \"" + name + "\""});
    }
    const std::string image = string_field(container, "image");
    if (image.empty()) errors.push_back({container_path + ".image", "Required value"});
    if (!image.empty() && !container.contains("imagePullPolicy")) {
      container["imagePullPolicy"] = default_pull_policy(image);
    }
    check_env(container, container_path, errors);
  }
}

void check_selector(const json::object& deployment, std::vector<FieldError>& errors) {
  const auto* selector = object_at(&deployment, {"spec", "selector"});
  const auto match_labels = string_map(selector ? object_field(*selector, "matchLabels") : nullptr);
  const auto* expressions = selector ? selector->if_contains("matchExpressions") : nullptr;
  const bool has_expressions = expressions && expressions->is_array() && !expressions->get_array().empty();
  if (match_labels.empty() && !has_expressions) {
    errors.push_back({"spec.selector", "Required value"});
    return;
  }
  const auto* labels = object_at(&deployment, {"spec", "template", "metadata", "labels"});
  const auto template_labels = string_map(labels);
  const bool matches = std::all_of(match_labels.begin(), match_labels.end(), [&](const auto& label) {
    const auto found = template_labels.find(label.first);
    return found != template_labels.end() && found->second == label.second;
  });
  if (!matches) {
    errors.push_back({"spec.template.metadata.labels",
                      "Invalid value: " + go_map(labels) + ": `selector` does not match template `labels`"});
  }
}

Result<void> check_deployment(json::object& deployment) {
  std::vector<FieldError> errors;
  check_selector(deployment, errors);
  check_containers(deployment, errors);
  if (!errors.empty()) return invalid_object("Deployment.apps", metadata_field(deployment, "name"), errors);
  return {};
}

std::int64_t integer_at(const json::object& object, std::initializer_list<std::string_view> path, std::string_view key,
                        std::int64_t otherwise) {
  const auto* parent = object_at(&object, path);
  const auto* value = parent ? parent->if_contains(key) : nullptr;
  return value && value->is_int64() ? value->get_int64() : otherwise;
}

json::value ready_cell(const json::object& deployment) {
  return json::value(std::to_string(integer_at(deployment, {"status"}, "readyReplicas", 0)) + "/" +
                     std::to_string(integer_at(deployment, {"spec"}, "replicas", 1)));
}

json::value container_cell(const json::object& deployment, std::string_view field) {
  json::object copy = deployment;
  const auto* containers = containers_of(copy);
  std::string joined;
  for (const auto& container : containers ? *containers : json::array()) {
    if (!container.is_object()) continue;
    joined += (joined.empty() ? "" : ",") + string_field(container.get_object(), field);
  }
  return json::value(joined);
}

// metav1.FormatLabelSelector: "app=web,tier in (a,b)", "<none>" when empty.
json::value selector_cell(const json::object& deployment) {
  const auto* selector = object_at(&deployment, {"spec", "selector"});
  std::string text;
  for (const auto& [key, value] : string_map(selector ? object_field(*selector, "matchLabels") : nullptr)) {
    text += (text.empty() ? "" : ",") + key + "=" + value;
  }
  const auto* expressions = selector ? selector->if_contains("matchExpressions") : nullptr;
  for (const auto& expression : expressions && expressions->is_array() ? expressions->get_array() : json::array()) {
    if (!expression.is_object()) continue;
    const auto& requirement = expression.get_object();
    const std::string key = string_field(requirement, "key");
    const std::string op = string_field(requirement, "operator");
    std::string values;
    if (const auto* listed = requirement.if_contains("values"); listed && listed->is_array()) {
      for (const auto& value : listed->get_array()) {
        if (value.is_string()) values += (values.empty() ? "" : ",") + std::string(value.get_string());
      }
    }
    std::string clause = key;
    if (op == "In") clause = key + " in (" + values + ")";
    if (op == "NotIn") clause = key + " notin (" + values + ")";
    if (op == "DoesNotExist") clause = "!" + key;
    text += (text.empty() ? "" : ",") + clause;
  }
  return json::value(text.empty() ? "<none>" : text);
}

json::value status_count_cell(const json::object& deployment, std::string_view key) {
  return integer_at(deployment, {"status"}, key, 0);
}

}  // namespace

Result<ResourceType> deployment_type() {
  auto schema = builtin_schema(kSchema);
  if (!schema) return std::move(schema).error();
  ResourceType type;
  type.group = "apps";
  type.version = "v1";
  type.plural = "deployments";
  type.singular = "deployment";
  type.kind = "Deployment";
  type.list_kind = "DeploymentList";
  type.short_names = {"deploy"};
  type.categories = {"all"};
  type.status_subresource = true;
  type.printer_columns = {
      {"Ready", "string", "", "Number of the pod with ready state", "", 0, ready_cell},
      {"Up-to-date", "string", "",
       "Total number of non-terminated pods targeted by this deployment that have the "
       "desired template spec.",
       "", 0, [](const json::object& deployment) { return status_count_cell(deployment, "updatedReplicas"); }},
      {"Available", "string", "",
       "Total number of available pods (ready for at least minReadySeconds) targeted by "
       "this deployment.",
       "", 0, [](const json::object& deployment) { return status_count_cell(deployment, "availableReplicas"); }},
      default_age_column(),
      {"Containers", "string", "", "Names of each container in the template.", "", 1,
       [](const json::object& deployment) { return container_cell(deployment, "name"); }},
      {"Images", "string", "", "Images referenced by each container in the template.", "", 1,
       [](const json::object& deployment) { return container_cell(deployment, "image"); }},
      {"Selector", "string", "",
       "Label selector for pods. Existing ReplicaSets whose pods are selected by this will "
       "be the ones affected by this deployment.",
       "", 1, selector_cell},
  };
  type.schema = std::move(*schema);
  type.normalize = check_deployment;
  type.strategic_merge_patch = true;
  return type;
}

}  // namespace ckpt::kubeapi
