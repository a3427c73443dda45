#include "cnpgemu/object_status.hpp"

#include <algorithm>

namespace ckpt::cnpgemu {

void ConditionSet::set(const Condition& condition, SystemTime now) {
  auto existing = std::find_if(entries_.begin(), entries_.end(),
                               [&](const Entry& entry) { return entry.condition.type == condition.type; });
  if (existing == entries_.end()) {
    entries_.push_back({condition, now});
    return;
  }
  if (existing->condition.status != condition.status) existing->since = now;
  existing->condition = condition;
}

boost::json::array ConditionSet::to_json() const {
  boost::json::array conditions;
  for (const auto& entry : entries_) {
    conditions.push_back(boost::json::object{{"type", entry.condition.type},
                                             {"status", entry.condition.status},
                                             {"reason", entry.condition.reason},
                                             {"message", entry.condition.message},
                                             {"lastTransitionTime", rfc3339_seconds(entry.since)}});
  }
  return conditions;
}

Result<void> patch_status(kubeapi::ResourceStore& store, const kubeapi::ObjectRef& ref, boost::json::object status) {
  auto patched = store.patch_status(ref, boost::json::object{{"status", std::move(status)}});
  if (patched) return {};
  auto error = std::move(patched).error();
  error.message =
      "cannot write the status of " + ref.resource + " " + ref.namespace_name + "/" + ref.name + ": " + error.message;
  return error;
}

}  // namespace ckpt::cnpgemu
