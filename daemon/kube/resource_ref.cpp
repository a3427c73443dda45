#include "kube/resource_ref.hpp"

#include <array>

namespace ckpt::kube {
namespace {

bool usable_segment(std::string_view segment) {
  if (segment == "." || segment == "..") return false;
  for (const char c : segment) {
    const bool allowed =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
    if (!allowed) return false;
  }
  return true;
}

}  // namespace

ResourceRef ResourceRef::named(std::string other_name) const {
  ResourceRef ref = *this;
  ref.name = std::move(other_name);
  return ref;
}

std::string ResourceRef::collection_path() const {
  std::string path = group.empty() ? "/api/" + version : "/apis/" + group + "/" + version;
  if (!namespace_name.empty()) path += "/namespaces/" + namespace_name;
  return path + "/" + plural;
}

std::string ResourceRef::path() const {
  return name.empty() ? collection_path() : collection_path() + "/" + name;
}

std::string ResourceRef::resource() const {
  return group.empty() ? plural : plural + "." + group;
}

std::string ResourceRef::describe() const {
  std::string text = resource();
  if (!name.empty()) text += " \"" + name + "\"";
  if (!namespace_name.empty()) text += " in namespace \"" + namespace_name + "\"";
  return text;
}

Result<void> ResourceRef::check() const {
  const std::array<std::pair<std::string_view, const std::string*>, 5> segments{{
      {"group", &group},
      {"version", &version},
      {"plural", &plural},
      {"namespace", &namespace_name},
      {"name", &name},
  }};
  for (const auto& [field, value] : segments) {
    const bool may_be_empty = field == "group" || field == "namespace" || field == "name";
    if (value->empty() && may_be_empty) continue;
    if (value->empty() || !usable_segment(*value)) {
      return make_error(ErrorCode::bad_request, "Kubernetes resource " + std::string(field) + " \"" + *value +
                                                    "\" is not valid; use letters, digits, '-', '.' and '_' only");
    }
  }
  return {};
}

std::string query_escape(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string escaped;
  for (const char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                            c == '.' || c == '_' || c == '~';
    if (unreserved) {
      escaped.push_back(c);
    } else {
      escaped.push_back('%');
      escaped.push_back(kHex[byte >> 4]);
      escaped.push_back(kHex[byte & 0x0f]);
    }
  }
  return escaped;
}

std::string with_query(std::string path, const QueryParams& params) {
  char separator = '?';
  for (const auto& [key, value] : params) {
    if (value.empty()) continue;
    path += separator + key + "=" + query_escape(value);
    separator = '&';
  }
  return path;
}

ListQuery narrowed_to(const ResourceRef& ref, ListQuery query) {
  if (ref.name.empty()) return query;
  const std::string by_name = "metadata.name=" + ref.name;
  query.field_selector = query.field_selector.empty() ? by_name : query.field_selector + "," + by_name;
  return query;
}

QueryParams selector_params(const ListQuery& query) {
  return {{"labelSelector", query.label_selector}, {"fieldSelector", query.field_selector}};
}

}  // namespace ckpt::kube
