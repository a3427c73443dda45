#include "kubeapi/server/resource_type.hpp"

#include <algorithm>

namespace ckpt::kubeapi {

std::string ResourceType::api_version() const { return group.empty() ? version : group + "/" + version; }

std::string ResourceType::qualified_name() const { return group.empty() ? plural : plural + "." + group; }

std::string ResourceType::group_kind() const { return group.empty() ? kind : kind + "." + group; }

bool ResourceType::serves(std::string_view verb) const {
  return std::find(verbs.begin(), verbs.end(), verb) != verbs.end();
}

}  // namespace ckpt::kubeapi
