// ResourceType: everything the test server knows about one served resource (a CRD version
// or a built-in core type): its names for URLs, discovery and messages, its scope, its
// status subresource, the HTTP verbs it serves, its printer columns and its schema.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace ckpt::kubeapi {

class ObjectSchema;

// One additionalPrinterColumns entry of a CRD version (type: string|integer|number|boolean|date).
struct PrinterColumn {
  std::string name;
  std::string type;
  std::string format;
  std::string description;
  std::string json_path;
  int priority = 0;
  // Built-in types: the cell computed from the object, as the API server's own printers do
  // (a ConfigMap's number of keys, a Deployment's "ready/desired"); json_path is unused then.
  std::function<boost::json::value(const boost::json::object& object)> cell = {};
};

// The verbs of a fully writable resource, in the order discovery lists them.
inline const std::vector<std::string> kAllVerbs{"create", "delete", "get",  "list",
                                                "patch",  "update", "watch"};
inline const std::vector<std::string> kReadVerbs{"get", "list", "watch"};

struct ResourceType {
  std::string group;  // "" for the core group
  std::string version;
  std::string plural;
  std::string singular;
  std::string kind;
  std::string list_kind;
  std::vector<std::string> short_names;
  std::vector<std::string> categories;
  bool namespaced = true;
  bool status_subresource = false;
  // Names must be DNS labels (namespaces) rather than DNS subdomains (everything else).
  bool names_are_dns_labels = false;
  // Verbs served over HTTP; the in-process store API is not restricted by them.
  std::vector<std::string> verbs = kAllVerbs;
  std::vector<PrinterColumn> printer_columns;
  // The compiled openAPIV3Schema; null when the CRD file was not available (no schema checks).
  std::shared_ptr<const ObjectSchema> schema;
  // Accepts strategic merge patches (strategic_merge_patch.hpp), as built-in types do; the
  // schema's x-kubernetes-patch-strategy and -merge-key say how its lists merge. Custom
  // resources do not (415 UnsupportedMediaType), as in Kubernetes.
  bool strategic_merge_patch = false;
  // Built-in behaviour applied to the main resource on every write (e.g. a Secret's
  // stringData folded into data); empty for custom resources.
  std::function<Result<void>(boost::json::object& object)> normalize;

  // "v1" for the core group, else "group/version".
  std::string api_version() const;
  // "plural.group" ("backups.postgresql.cnpg.io"), or the plural alone for the core group:
  // how the store API and Kubernetes messages name the resource.
  std::string qualified_name() const;
  // "Kind.group" ("Backup.postgresql.cnpg.io"), as used in Invalid messages.
  std::string group_kind() const;
  bool serves(std::string_view verb) const;
};

}  // namespace ckpt::kubeapi
