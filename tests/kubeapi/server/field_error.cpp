#include "kubeapi/server/field_error.hpp"

namespace ckpt::kubeapi {

std::string join_field_errors(const std::vector<FieldError>& errors) {
  std::string joined;
  for (const auto& error : errors) {
    if (!joined.empty()) joined += ", ";
    joined += error.to_string();
  }
  return joined;
}

}  // namespace ckpt::kubeapi
