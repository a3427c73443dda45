#include "kubeapi/server/media_type.hpp"

#include <map>
#include <string>

namespace ckpt::kubeapi {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::optional<Representation> servable(std::string_view media_range) {
  std::size_t semicolon = media_range.find(';');
  const std::string_view type = trim(media_range.substr(0, semicolon));
  std::map<std::string, std::string, std::less<>> parameters;
  while (semicolon != std::string_view::npos) {
    const std::size_t start = semicolon + 1;
    semicolon = media_range.find(';', start);
    const std::string_view parameter = trim(media_range.substr(start, semicolon - start));
    const std::size_t equals = parameter.find('=');
    if (equals == std::string_view::npos) continue;
    parameters[std::string(trim(parameter.substr(0, equals)))] =
        std::string(trim(parameter.substr(equals + 1)));
  }
  const bool json = type == "application/json" || type == "application/*" || type == "*/*";
  if (!json) return std::nullopt;
  const auto as = parameters.find("as");
  if (as == parameters.end()) return Representation::object;
  const auto group = parameters.find("g");
  const auto version = parameters.find("v");
  if (as->second == "Table" && group != parameters.end() && group->second == "meta.k8s.io" &&
      version != parameters.end() && version->second == "v1") {
    return Representation::table;
  }
  return std::nullopt;
}

}  // namespace

std::optional<Representation> negotiate_representation(std::string_view accept) {
  if (trim(accept).empty()) return Representation::object;
  std::size_t start = 0;
  while (start <= accept.size()) {
    std::size_t comma = accept.find(',', start);
    if (comma == std::string_view::npos) comma = accept.size();
    if (const auto representation = servable(accept.substr(start, comma - start))) return representation;
    start = comma + 1;
  }
  return std::nullopt;
}

}  // namespace ckpt::kubeapi
