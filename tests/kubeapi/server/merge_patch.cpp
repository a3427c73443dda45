#include "kubeapi/server/merge_patch.hpp"

#include <boost/json/object.hpp>

namespace ckpt::kubeapi {

boost::json::value apply_merge_patch(boost::json::value target, const boost::json::value& patch) {
  if (!patch.is_object()) return patch;
  if (!target.is_object()) target = boost::json::object{};
  auto& fields = target.get_object();
  for (const auto& [key, value] : patch.get_object()) {
    if (value.is_null()) {
      fields.erase(key);
    } else {
      auto* existing = fields.if_contains(key);
      fields[key] = apply_merge_patch(existing ? std::move(*existing) : boost::json::value(nullptr), value);
    }
  }
  return target;
}

}  // namespace ckpt::kubeapi
