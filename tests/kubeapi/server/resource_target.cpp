#include "kubeapi/server/resource_target.hpp"

namespace ckpt::kubeapi {

std::vector<std::string> path_segments(std::string_view path) {
  std::vector<std::string> segments;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    if (end > start) segments.emplace_back(path.substr(start, end - start));
    start = end + 1;
  }
  return segments;
}

std::optional<ResourceTarget> resolve_resource_path(const TypeRegistry& types, std::string_view path) {
  const auto segments = path_segments(path);
  std::size_t at = 0;
  std::string group;
  std::string version;
  if (segments.size() >= 2 && segments[0] == "api") {
    version = segments[1];
    at = 2;
  } else if (segments.size() >= 3 && segments[0] == "apis") {
    group = segments[1];
    version = segments[2];
    at = 3;
  } else {
    return std::nullopt;
  }
  std::vector<std::string> rest(segments.begin() + static_cast<std::ptrdiff_t>(at), segments.end());
  ResourceTarget target;
  if (rest.size() >= 3 && rest[0] == "namespaces") {
    const auto* namespaced = types.find(group, version, rest[2]);
    if (namespaced && namespaced->namespaced) {
      target.namespace_name = rest[1];
      rest.erase(rest.begin(), rest.begin() + 2);
    }
  }
  if (rest.empty() || rest.size() > 3) return std::nullopt;
  target.type = types.find(group, version, rest[0]);
  if (!target.type) return std::nullopt;
  if (rest.size() >= 2) target.name = rest[1];
  if (rest.size() == 3) {
    target.subresource = rest[2];
    if (target.subresource != "status" || !target.type->status_subresource) return std::nullopt;
  }
  return target;
}

}  // namespace ckpt::kubeapi
