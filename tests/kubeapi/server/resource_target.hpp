// Resolves a request path to the resource it names, the way the API server's URL scheme
// reads:  /api/v1/<plural>[/<name>[/<sub>]],  /api/v1/namespaces/<ns>/<plural>[/<name>[/<sub>]]
// and the same under /apis/<group>/<version>. "namespaces/<ns>/..." is read as a namespaced
// collection only when <plural> is a namespaced resource of that group-version, so that
// /api/v1/namespaces/<name>/status stays the status of a namespace.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kubeapi/server/type_registry.hpp"

namespace ckpt::kubeapi {

struct ResourceTarget {
  const ResourceType* type = nullptr;
  std::string namespace_name;  // empty: cluster-scoped, or a collection across all namespaces
  std::string name;            // empty: the collection
  std::string subresource;     // empty or "status"

  bool is_collection() const { return name.empty(); }
};

// The non-empty segments of a path: "/apis/g/v/" -> {"apis", "g", "v"}.
std::vector<std::string> path_segments(std::string_view path);

// nullopt when the path names no served resource.
std::optional<ResourceTarget> resolve_resource_path(const TypeRegistry& types, std::string_view path);

}  // namespace ckpt::kubeapi
