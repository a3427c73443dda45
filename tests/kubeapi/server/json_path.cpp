#include "kubeapi/server/json_path.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <charconv>
#include <string>

namespace ckpt::kubeapi {
namespace {

const boost::json::value* field(const boost::json::value* at, std::string_view name) {
  return at && at->is_object() ? at->get_object().if_contains(name) : nullptr;
}

const boost::json::value* element(const boost::json::value* at, std::string_view index_text) {
  std::size_t index = 0;
  auto [end, error] = std::from_chars(index_text.data(), index_text.data() + index_text.size(), index);
  if (error != std::errc{} || end != index_text.data() + index_text.size()) return nullptr;
  if (!at || !at->is_array() || index >= at->get_array().size()) return nullptr;
  return &at->get_array()[index];
}

}  // namespace

std::optional<boost::json::value> evaluate_json_path(const boost::json::value& root, std::string_view path) {
  if (path.size() >= 2 && path.front() == '{' && path.back() == '}') path = path.substr(1, path.size() - 2);
  const boost::json::value* at = &root;
  std::size_t pos = 0;
  while (pos < path.size() && at) {
    if (path[pos] == '.') {
      const std::size_t start = ++pos;
      while (pos < path.size() && path[pos] != '.' && path[pos] != '[') ++pos;
      if (pos == start) return std::nullopt;
      at = field(at, path.substr(start, pos - start));
    } else if (path[pos] == '[') {
      const std::size_t close = path.find(']', pos);
      if (close == std::string_view::npos) return std::nullopt;
      std::string_view inside = path.substr(pos + 1, close - pos - 1);
      pos = close + 1;
      const bool quoted = inside.size() >= 2 && (inside.front() == '\'' || inside.front() == '"') &&
                          inside.back() == inside.front();
      at = quoted ? field(at, inside.substr(1, inside.size() - 2)) : element(at, inside);
    } else {
      return std::nullopt;
    }
  }
  if (!at) return std::nullopt;
  return *at;
}

}  // namespace ckpt::kubeapi
