#include "kubeapi/server/strategic_merge_patch.hpp"

#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kubeapi/server/api_errors.hpp"
#include "kubeapi/server/json_fields.hpp"

namespace ckpt::kubeapi {
namespace {

namespace json = boost::json;

constexpr std::string_view kPatch = "$patch";
constexpr std::string_view kRetainKeys = "$retainKeys";
constexpr std::string_view kSetElementOrder = "$setElementOrder/";
constexpr std::string_view kDeleteFromPrimitiveList = "$deleteFromPrimitiveList/";

const json::object& no_schema() {
  static const json::object empty;
  return empty;
}

const json::object& property_schema(const json::object& schema, std::string_view key) {
  if (const auto* properties = object_field(schema, "properties")) {
    if (const auto* property = object_field(*properties, key)) return *property;
  }
  const auto* additional = object_field(schema, "additionalProperties");
  return additional ? *additional : no_schema();
}

const json::object& items_schema(const json::object& schema) {
  const auto* items = object_field(schema, "items");
  return items ? *items : no_schema();
}

bool merges_items(const json::object& schema) {
  const std::string strategy = string_field(schema, "x-kubernetes-patch-strategy");
  return strategy == "merge" || strategy.starts_with("merge,") || strategy.ends_with(",merge");
}

std::string patch_directive(const json::value& value) {
  return value.is_object() ? string_field(value.get_object(), kPatch) : std::string();
}

Error bad_patch(std::string message) {
  return api_error(reason::kBadRequest, std::move(message));
}

Result<json::value> merge_value(json::value original, const json::value& patch, const json::object& schema);

// Orders `list` as `order` names its items (by merge key, or by value for scalars).
void apply_element_order(json::value& list, const json::array& order, const std::string& merge_key) {
  if (!list.is_array()) return;
  const auto key_of = [&](const json::value& item) -> const json::value* {
    return item.is_object() ? item.get_object().if_contains(merge_key) : nullptr;
  };
  const auto position = [&](const json::value& item) {
    for (std::size_t index = 0; index < order.size(); ++index) {
      const json::value* named = merge_key.empty() ? &order[index] : key_of(order[index]);
      const json::value* own = merge_key.empty() ? &item : key_of(item);
      if (named != nullptr && own != nullptr && *named == *own) return index;
    }
    return order.size();
  };
  auto& items = list.get_array();
  std::stable_sort(items.begin(), items.end(),
                   [&](const json::value& a, const json::value& b) { return position(a) < position(b); });
}

Result<json::object> merge_object(json::object original, const json::object& patch, const json::object& schema) {
  const std::string directive = string_field(patch, kPatch);
  if (directive == "replace") {
    json::object replaced = patch;
    replaced.erase(kPatch);
    return replaced;
  }
  if (!directive.empty() && directive != "merge") {
    return bad_patch("unknown patch directive \"$patch\": \"" + directive + "\"");
  }
  if (const auto* retain = patch.if_contains(kRetainKeys); retain && retain->is_array()) {
    std::vector<std::string> dropped;
    for (const auto& member : original) {
      const json::value key(member.key());
      if (std::find(retain->get_array().begin(), retain->get_array().end(), key) == retain->get_array().end())
        dropped.emplace_back(member.key());
    }
    for (const auto& key : dropped) original.erase(key);
  }
  std::vector<std::pair<std::string, const json::array*>> orders;
  for (const auto& [key, value] : patch) {
    const std::string_view name = key;
    if (name == kPatch || name == kRetainKeys) continue;
    if (name.starts_with(kSetElementOrder)) {
      if (value.is_array()) orders.emplace_back(name.substr(kSetElementOrder.size()), &value.get_array());
      continue;
    }
    if (name.starts_with(kDeleteFromPrimitiveList)) {
      auto* list = original.if_contains(name.substr(kDeleteFromPrimitiveList.size()));
      if (list && list->is_array() && value.is_array()) {
        auto& items = list->get_array();
        for (const auto& unwanted : value.get_array()) {
          items.erase(std::remove(items.begin(), items.end(), unwanted), items.end());
        }
      }
      continue;
    }
    if (value.is_null() || patch_directive(value) == "delete") {
      original.erase(key);
      continue;
    }
    auto* existing = original.if_contains(key);
    auto merged =
        merge_value(existing ? std::move(*existing) : json::value(nullptr), value, property_schema(schema, key));
    if (!merged) return std::move(merged).error();
    original[key] = std::move(*merged);
  }
  for (const auto& [field, order] : orders) {
    if (auto* list = original.if_contains(field)) {
      const auto& list_schema = property_schema(schema, field);
      apply_element_order(*list, *order, string_field(list_schema, "x-kubernetes-patch-merge-key"));
    }
  }
  return original;
}

// A list replaced by the patch's items (directives in them applied to nothing).
Result<json::value> replaced_list(const json::array& patch, const json::object& items) {
  json::array result;
  for (const auto& item : patch) {
    if (patch_directive(item) == "replace" && item.get_object().size() == 1) continue;
    auto merged = merge_value(nullptr, item, items);
    if (!merged) return std::move(merged).error();
    result.push_back(std::move(*merged));
  }
  return json::value(std::move(result));
}

Result<json::value> merge_list(json::array original, const json::array& patch, const json::object& schema) {
  const json::object& items = items_schema(schema);
  const bool replace = std::any_of(patch.begin(), patch.end(),
                                   [](const json::value& item) { return patch_directive(item) == "replace"; });
  if (!merges_items(schema) || replace) return replaced_list(patch, items);
  const std::string merge_key = string_field(schema, "x-kubernetes-patch-merge-key");
  if (merge_key.empty()) {
    for (const auto& value : patch) {
      if (std::find(original.begin(), original.end(), value) == original.end()) original.push_back(value);
    }
    return json::value(std::move(original));
  }
  for (const auto& item : patch) {
    const auto* id = item.is_object() ? item.get_object().if_contains(merge_key) : nullptr;
    if (id == nullptr) {
      return bad_patch("map: " + json::serialize(item) + " does not contain declared merge key: " + merge_key);
    }
    const auto match = std::find_if(original.begin(), original.end(), [&](const json::value& existing) {
      return existing.is_object() && existing.get_object().if_contains(merge_key) != nullptr &&
             existing.get_object().at(merge_key) == *id;
    });
    if (patch_directive(item) == "delete") {
      if (match != original.end()) original.erase(match);
      continue;
    }
    json::object base = match != original.end() && match->is_object() ? std::move(match->get_object()) : json::object();
    auto merged = merge_object(std::move(base), item.get_object(), items);
    if (!merged) return std::move(merged).error();
    if (match != original.end()) {
      *match = std::move(*merged);
    } else {
      original.push_back(std::move(*merged));
    }
  }
  return json::value(std::move(original));
}

Result<json::value> merge_value(json::value original, const json::value& patch, const json::object& schema) {
  if (patch.is_object()) {
    auto merged = merge_object(original.is_object() ? std::move(original.get_object()) : json::object(),
                               patch.get_object(), schema);
    if (!merged) return std::move(merged).error();
    return json::value(std::move(*merged));
  }
  if (patch.is_array()) {
    return merge_list(original.is_array() ? std::move(original.get_array()) : json::array(), patch.get_array(), schema);
  }
  return patch;
}

}  // namespace

Result<json::object> apply_strategic_merge_patch(json::object original, const json::object& patch,
                                                 const json::object& schema) {
  return merge_object(std::move(original), patch, schema);
}

}  // namespace ckpt::kubeapi
