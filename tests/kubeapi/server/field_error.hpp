// FieldError: one problem with one field of an object, in the shape Kubernetes prints
// validation failures: "<path>: <message>", e.g. "spec.cluster.name: Required value".
#pragma once

#include <string>
#include <vector>

namespace ckpt::kubeapi {

struct FieldError {
  std::string path;  // "spec.externalClusters[0].name"; empty for the object itself
  std::string message;

  std::string to_string() const { return path.empty() ? message : path + ": " + message; }
};

// "a, b" for one or several errors, the way the API server joins them inside [...].
std::string join_field_errors(const std::vector<FieldError>& errors);

}  // namespace ckpt::kubeapi
