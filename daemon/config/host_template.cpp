#include "config/host_template.hpp"

namespace ckpt::config {

std::optional<std::string> expand_host_template(std::string_view text, std::string_view cluster,
                                                std::string_view namespace_name) {
  static constexpr std::string_view kCluster = "{cluster}";
  static constexpr std::string_view kNamespace = "{namespace}";
  std::string host;
  std::size_t position = 0;
  while (position < text.size()) {
    const auto rest = text.substr(position);
    if (rest.starts_with(kCluster)) {
      host += cluster;
      position += kCluster.size();
    } else if (rest.starts_with(kNamespace)) {
      host += namespace_name;
      position += kNamespace.size();
    } else if (rest.front() == '{' || rest.front() == '}') {
      return std::nullopt;
    } else {
      host += rest.front();
      ++position;
    }
  }
  return host;
}

}  // namespace ckpt::config
