#include "config/kubernetes_name.hpp"

#include <utility>

namespace ckpt::config {

bool is_kubernetes_name(const std::string& text) {
  const auto alphanumeric = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (text.empty() || text.size() > 63 || !alphanumeric(text.front()) || !alphanumeric(text.back())) return false;
  for (const char c : text) {
    if (!alphanumeric(c) && c != '-') return false;
  }
  return true;
}

Field kubernetes_name_field(YamlReader& reader, std::string_view key, std::string& out) {
  return Field{key, [&reader, &out](const YAML::Node& value, const std::string& path) {
                 std::string name;
                 if (!reader.read_string(value, path, name)) return;
                 if (!is_kubernetes_name(name)) {
                   reader.type_error(value, path,
                                     "a Kubernetes name of lowercase letters, digits and '-', starting and ending "
                                     "with a letter or digit, at most 63 characters");
                   return;
                 }
                 out = std::move(name);
               }};
}

}  // namespace ckpt::config
